"""A simulated phone Python, for running our real code the way a `flet build` app would.

What is simulated is the platform, not our code:

- the app folder is what `flet build` packages: ``[tool.flet.app].path`` copied with its
  ``exclude`` list (matched as exact relative paths, as serious_python's copy does), and
  the project is NOT installed (the editable install's finder is taken away), so files
  are found only the way a built app finds them;
- imports that fail on Android and iOS fail here: ``nh3`` (no phone wheels),
  ``cryptography``'s Argon2 (its phone wheels link an OpenSSL without it), and the web
  server and desktop client packages, which pyproject keeps off phones;
- ``FLET_APP_STORAGE_DATA`` is the app's storage and the working directory, as Flet sets.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# Modules a phone's Python does not have (or has without the part we used to need).
MISSING_ON_PHONES = (
    "nh3",
    "cryptography.hazmat.primitives.kdf.argon2",
    "flet_web",
    "flet_desktop",
)

SITECUSTOMIZE = '''
"""Make this Python look like a phone's: some imports fail, the project is not installed."""
import sys

MISSING = {missing!r}


class _NotOnPhones:
    def find_spec(self, name, path=None, target=None):
        if any(name == m or name.startswith(m + ".") for m in MISSING):
            raise ImportError(f"No module named {{name!r}} (not on phones)")
        return None


sys.meta_path[:] = [
    f for f in sys.meta_path
    if "editable" not in (getattr(f, "__module__", "") + type(f).__module__).lower()
]
sys.meta_path.insert(0, _NotOnPhones())
'''


def flet_app_settings() -> dict:
    """[tool.flet.app] from pyproject.toml."""
    with (REPO / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)["tool"]["flet"]["app"]


def package_app(dest: Path) -> Path:
    """Copy the app folder as `flet build` does: every entry but the excluded paths."""
    settings = flet_app_settings()
    source = (REPO / settings.get("path", ".")).resolve()
    excluded = {"build", *settings.get("exclude", [])}

    def copy(folder: Path, target: Path) -> None:
        target.mkdir(parents=True, exist_ok=True)
        for entry in sorted(folder.iterdir()):
            relative = entry.relative_to(source).as_posix()
            if relative in excluded or entry.name == "__pycache__":
                continue
            if entry.is_dir():
                copy(entry, target / entry.name)
            else:
                shutil.copy2(entry, target / entry.name)

    copy(source, dest)
    return dest


@dataclass
class Phone:
    """One simulated phone: its packaged app folder and its private storage."""

    app: Path
    storage: Path
    shim: Path

    @property
    def journal(self) -> Path:
        """Where the journal lands when nothing else is said (FLET_APP_STORAGE_DATA/journal)."""
        return self.storage / "journal"

    def env(self, **extra: str) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("JOURNAL_APP_", "PYTHON", "FLET_"))
        }
        env["PYTHONPATH"] = os.pathsep.join([str(self.shim), str(self.app)])
        env["PYTHONNOUSERSITE"] = "1"
        env["PYTHONIOENCODING"] = "utf-8"
        env["FLET_APP_STORAGE_DATA"] = str(self.storage)
        env.update(extra)
        return env

    def python(self, code: str, *args: str) -> subprocess.CompletedProcess[str]:
        """Run ``code`` (with ``args`` in sys.argv[1:]) in the phone's Python, in its
        storage folder as Flet does."""
        return subprocess.run(
            [sys.executable, "-c", code, *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            cwd=self.storage,
            env=self.env(),
            timeout=180,
        )

    def cli(self, *args: str, passphrase: str | None = None) -> subprocess.CompletedProcess[str]:
        """Our real command line, started the way the built app starts its code."""
        extra = {"JOURNAL_APP_PASSPHRASE": passphrase} if passphrase else {}
        code = (
            "import sys; sys.argv = ['journal-app', *sys.argv[1:]]\n"
            "from journal_app.main import main\nmain()"
        )
        return subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            cwd=self.storage,
            env=self.env(**extra),
            timeout=180,
            stdin=subprocess.DEVNULL,
        )


def make_phone(root: Path) -> Phone:
    """A packaged app, an empty private storage and the phone shim, under ``root``."""
    shim = root / "phone-shim"
    shim.mkdir(parents=True)
    (shim / "sitecustomize.py").write_text(
        SITECUSTOMIZE.format(missing=MISSING_ON_PHONES), encoding="utf-8"
    )
    storage = root / "app-storage"
    storage.mkdir()
    return Phone(app=package_app(root / "app"), storage=storage, shim=shim)

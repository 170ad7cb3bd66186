"""Shared fixtures: a real vault in a temp folder, and the real CLI as a real process."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PASSPHRASE = "tidy lantern orbit 42"
NEW_PASSPHRASE = "quiet harbour maple 7"


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (lock file aside) with a hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


class Cli:
    """Runs `journal-app` as a separate process, exactly as a person or script would."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    def env(self, passphrase: str | None = PASSPHRASE, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNAL_APP_")}
        env["JOURNAL_APP_DATA_DIR"] = str(self.data_dir)
        env["PYTHONIOENCODING"] = "utf-8"
        if passphrase is not None:
            env["JOURNAL_APP_PASSPHRASE"] = passphrase
        env.update(extra)
        return env

    def __call__(
        self,
        *args: str,
        passphrase: str | None = PASSPHRASE,
        stdin: str | bytes | None = None,
        **extra_env: str,
    ) -> CliResult:
        data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        proc = subprocess.run(
            [sys.executable, "-m", "journal_app.cli", *args],
            input=data if data is not None else b"",
            capture_output=True,
            env=self.env(passphrase, **extra_env),
            timeout=120,
        )
        result = CliResult(proc.returncode, proc.stdout.decode(), proc.stderr.decode())
        assert "Traceback" not in result.err, result.err
        return result


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "journal"


@pytest.fixture
def cli(data_dir: Path) -> Cli:
    return Cli(data_dir)


@pytest.fixture(scope="session")
def made_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal made once per session by the real `journal-app init`, for ``ready_cli``.

    Each `init` is a process start and an Argon2 derivation (64 MiB, 3 passes): about
    half a second on an idle machine, for each of some two hundred tests. `init` itself
    is tested on its own (tests/cli/test_cli.py and the others that call it)."""
    folder = tmp_path_factory.mktemp("made-journal") / "journal"
    assert Cli(folder)("init").code == 0
    return folder


@pytest.fixture
def ready_cli(cli: Cli, made_journal: Path) -> Cli:
    """A CLI whose vault already exists: a byte-for-byte copy of the session's journal
    (modes kept: the folder 0700, its files 0600), in this test's own folder."""
    shutil.copytree(made_journal, cli.data_dir, dirs_exist_ok=True)
    return cli

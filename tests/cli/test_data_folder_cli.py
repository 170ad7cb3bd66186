"""Where the journal lives: --data-dir, JOURNAL_APP_DATA_DIR, FLET_APP_STORAGE_DATA, then
the platform's folder. A built phone app sets FLET_APP_STORAGE_DATA to its private storage."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import Cli


def made_here(folder: Path) -> bool:
    return (folder / "key.tjk").is_file()


def test_built_app_storage_is_used_when_nothing_else_is_said(tmp_path: Path) -> None:
    storage = tmp_path / "flet-storage"
    cli = Cli(tmp_path / "unused")
    env = cli.env()
    del env["JOURNAL_APP_DATA_DIR"]
    env["FLET_APP_STORAGE_DATA"] = str(storage)
    env["HOME"] = str(tmp_path / "home")  # platformdirs would land here
    env["XDG_DATA_HOME"] = str(tmp_path / "home" / "data")
    result = run_with(env, "init")
    assert result.returncode == 0, result.stderr
    assert made_here(storage / "journal")
    assert not (tmp_path / "home").exists()


def test_the_variable_beats_the_app_storage_and_the_option_beats_both(tmp_path: Path) -> None:
    storage, chosen, explicit = tmp_path / "storage", tmp_path / "chosen", tmp_path / "explicit"
    env = Cli(chosen).env(FLET_APP_STORAGE_DATA=str(storage))
    assert run_with(env, "init").returncode == 0
    assert made_here(chosen) and not storage.exists()
    assert run_with(env, "--data-dir", str(explicit), "init").returncode == 0
    assert made_here(explicit) and not storage.exists()


def run_with(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """The real CLI with exactly this environment."""
    return subprocess.run(
        [sys.executable, "-m", "journal_app.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )

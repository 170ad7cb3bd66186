"""Revocation and secrets through the real CLI, as separate processes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from journal_app.storage.vault import KEY_FILE
from tests.conftest import NEW_PASSPHRASE, PASSPHRASE, Cli
from tests.storage.test_secrets import forge_key_header

REPO_ROOT = Path(__file__).resolve().parents[2]


def run_with_bytes_env(
    data_dir: Path, args: list[str], **env: bytes
) -> subprocess.CompletedProcess:
    """The CLI with environment values given as raw bytes (not necessarily UTF-8)."""
    environ = {k: v for k, v in os.environb.items() if not k.startswith(b"JOURNAL_APP_")}
    environ[b"JOURNAL_APP_DATA_DIR"] = os.fsencode(data_dir)
    environ[b"PYTHONIOENCODING"] = b"utf-8"
    environ.update({k.encode(): v for k, v in env.items()})
    return subprocess.run(
        [sys.executable, "-m", "journal_app.cli", *args],
        input=b"", capture_output=True, env=environ, timeout=60, cwd=REPO_ROOT,
    )  # fmt: skip


NOT_UTF8 = b"tidy lantern \xff\xfe orbit 42"


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["entry", "list"], {"JOURNAL_APP_PASSPHRASE": NOT_UTF8}),
        (
            ["change-passphrase"],
            {"JOURNAL_APP_PASSPHRASE": PASSPHRASE.encode(), "JOURNAL_APP_NEW_PASSPHRASE": NOT_UTF8},
        ),
        (
            ["rotate-key"],
            {"JOURNAL_APP_PASSPHRASE": PASSPHRASE.encode(), "JOURNAL_APP_NEW_PASSPHRASE": NOT_UTF8},
        ),
    ],
)
def test_a_passphrase_that_is_not_text_is_exit_2_with_a_reason(
    ready_cli: Cli, data_dir: Path, args: list[str], env: dict[str, bytes]
) -> None:
    result = run_with_bytes_env(data_dir, args, **env)
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert "not valid text" in err and "Traceback" not in err
    assert ready_cli("entry", "list").code == 0  # nothing was changed


def test_init_with_a_passphrase_that_is_not_text(tmp_path: Path) -> None:
    result = run_with_bytes_env(tmp_path / "j", ["init"], JOURNAL_APP_PASSPHRASE=NOT_UTF8)
    assert result.returncode == 2 and b"not valid text" in result.stderr
    assert not (tmp_path / "j" / KEY_FILE).exists()


def test_a_bundle_passphrase_that_is_not_text(tmp_path: Path) -> None:
    bundle = tmp_path / "b.html"
    bundle.write_text("<html></html>")
    result = run_with_bytes_env(
        tmp_path, ["open-bundle", str(bundle)], JOURNAL_APP_BUNDLE_PASSPHRASE=NOT_UTF8
    )
    assert result.returncode == 2 and b"not valid text" in result.stderr


def test_bytes_typed_at_a_terminal_that_are_not_text(ready_cli: Cli, data_dir: Path) -> None:
    """stdin is a terminal (a pty) and the person's bytes are not UTF-8."""
    import pty

    leader, follower = pty.openpty()
    env = ready_cli.env(passphrase=None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "journal_app.cli", "entry", "list"],
        stdin=follower, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        start_new_session=True, cwd=REPO_ROOT,
    )  # fmt: skip
    os.close(follower)
    try:
        time.sleep(1.0)  # let it reach the prompt (the bytes wait in the pty if not)
        os.write(leader, b"\xff\xfe not text\n")
        _, err = proc.communicate(timeout=60)
    finally:
        os.close(leader)
    text = err.decode()
    assert proc.returncode in (2, 3), text
    assert "Traceback" not in text and ("not valid text" in text or "does not open" in text)


def test_a_forged_key_header_asking_for_minutes_is_exit_4_at_once(
    ready_cli: Cli, data_dir: Path
) -> None:
    forge_key_header(data_dir / KEY_FILE, {"memory_kib": 2 * 1024 * 1024, "iterations": 64})
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "journal_app.cli", "entry", "list"],
        capture_output=True, env=ready_cli.env(), timeout=30, cwd=REPO_ROOT,
    )  # fmt: skip
    elapsed = time.monotonic() - started
    err = proc.stderr.decode()
    assert proc.returncode == 4, err
    assert "safe range" in err and "Traceback" not in err
    assert elapsed < 10  # startup only: no 2 GiB derivation was attempted


def test_after_change_passphrase_the_old_one_restores_nothing(
    ready_cli: Cli, data_dir: Path
) -> None:
    cli = ready_cli
    assert cli("entry", "add", "kept").code == 0
    assert cli("change-passphrase", JOURNAL_APP_NEW_PASSPHRASE=NEW_PASSPHRASE).code == 0
    (data_dir / KEY_FILE).write_bytes(b"\x00" * 300)  # damaged: restore tries the copies
    old = cli("backup", "restore", "1")
    assert old.code == 3, old.err
    new = cli("backup", "restore", "1", passphrase=NEW_PASSPHRASE)
    assert new.code == 0, new.err


def test_rotate_key(ready_cli: Cli, data_dir: Path) -> None:
    cli = ready_cli
    assert cli("entry", "add", "before rotating").code == 0
    same = cli("rotate-key", JOURNAL_APP_NEW_PASSPHRASE=PASSPHRASE)
    assert same.code == 2 and "Choose a new passphrase" in same.err
    rotated = cli("rotate-key", JOURNAL_APP_NEW_PASSPHRASE=NEW_PASSPHRASE)
    assert rotated.code == 0, rotated.err
    assert "new key" in rotated.out
    assert cli("entry", "list").code == 3
    listed = cli("entry", "list", passphrase=NEW_PASSPHRASE)
    assert listed.code == 0 and "before rotating" in listed.out
    assert cli("backup", "list", passphrase=NEW_PASSPHRASE).code == 0
    weak = cli("rotate-key", passphrase=NEW_PASSPHRASE, JOURNAL_APP_NEW_PASSPHRASE="password1")
    assert weak.code == 2 and "too easy to guess" in weak.err


PROBE = """
import atexit, resource, sys
from journal_app import main
from journal_app.app import process_guard
def report():
    print("core", resource.getrlimit(resource.RLIMIT_CORE), file=sys.stderr)
    print("dumpable", process_guard.is_dumpable(), file=sys.stderr)
atexit.register(report)
sys.argv = ["journal-app", "--version"]
main.main()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_the_cli_turns_core_dumps_off_for_the_whole_process() -> None:
    """The real CLI entry point, then the kernel asked from inside the same process."""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, timeout=60, cwd=REPO_ROOT
    )
    err = proc.stderr.decode()
    assert "core (0, 0)" in err, err
    assert "dumpable False" in err, err


@pytest.mark.skipif(not Path("/proc/self/limits").exists(), reason="needs /proc")
def test_a_running_cli_process_has_no_core_limit(ready_cli: Cli) -> None:
    """`entry add -` waits for its text on stdin; meanwhile read its limits from /proc."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "journal_app.cli", "entry", "add", "-"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=ready_cli.env(), cwd=REPO_ROOT,
    )  # fmt: skip
    try:
        limits = ""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            limits = Path(f"/proc/{proc.pid}/limits").read_text()
            core = next(line for line in limits.splitlines() if line.startswith("Max core"))
            if core.split()[4:6] == ["0", "0"]:
                break
            time.sleep(0.05)
        assert core.split()[4:6] == ["0", "0"], limits
    finally:
        proc.communicate(b"written while checked", timeout=60)
    assert proc.returncode == 0

"""``entry add`` stopped while the editor is open leaves no clear text behind.

A real ``journal-app`` process with a real terminal (a pty), an editor that has written
the entry and is still open, and each stopping signal sent to the journal-app process
alone: the private file must be gone from /dev/shm and the temp folder when it ends.
"""

from __future__ import annotations

import json
import os
import pty
import shlex
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import Cli

EDITOR_SCRIPT = """\
import json, os, signal, sys, time
if os.environ.get("STUBBORN"):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # an editor that will not be asked
path = sys.argv[1]
with open(path, "w", encoding="utf-8") as f:
    f.write(os.environ["MARKER"] + "\\n")
with open(os.path.join(os.path.dirname(path), ".entry.md.swp"), "w") as f:
    f.write(os.environ["MARKER"])
with open(os.environ["EDITOR_RECORD"] + ".part", "w") as out:
    json.dump({"path": path, "pid": os.getpid()}, out)
os.rename(os.environ["EDITOR_RECORD"] + ".part", os.environ["EDITOR_RECORD"])
time.sleep(120)  # the person is still writing
"""


def _files_holding(marker: bytes, *roots: Path) -> list[str]:
    """Every readable file under ``roots`` whose bytes hold ``marker``."""
    found = []
    for root in roots:
        for folder, _dirs, names in os.walk(root):
            for name in names:
                path = os.path.join(folder, name)
                try:
                    if os.path.islink(path) or os.path.getsize(path) > 64 * 1024 * 1024:
                        continue
                    with open(path, "rb") as handle:
                        if marker in handle.read():
                            found.append(path)
                except OSError:
                    continue
    return found


def _gone(pid: int) -> bool:
    """Whether ``pid`` has ended (a zombie waiting for its reaper has ended too)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in status or "\nState:\tX" in status


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/dev/shm and /proc: Linux")
@pytest.mark.parametrize(
    ("signum", "stubborn"),
    [(signal.SIGHUP, ""), (signal.SIGTERM, ""), (signal.SIGINT, ""), (signal.SIGTERM, "1")],
    ids=["SIGHUP", "SIGTERM", "SIGINT", "SIGTERM, an editor that ignores it"],
)
def test_a_stopping_signal_removes_the_private_file_before_the_process_ends(
    ready_cli: Cli, tmp_path: Path, signum: signal.Signals, stubborn: str
) -> None:
    cli = ready_cli
    marker = f"clear text only the editor saw {uuid.uuid4().hex}"
    script = tmp_path / "slow_editor.py"
    script.write_text(EDITOR_SCRIPT, encoding="utf-8")
    record = tmp_path / "editor.json"
    temp = tmp_path / "temp"
    temp.mkdir()
    env = cli.env(
        EDITOR=f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}",
        EDITOR_RECORD=str(record),
        MARKER=marker,
        TMPDIR=str(temp),
        STUBBORN=stubborn,
    )
    env.pop("VISUAL", None)
    controller, terminal = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "journal_app.cli", "entry", "add"],
            stdin=terminal,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        os.close(terminal)
        deadline = time.monotonic() + 60
        while not record.exists():
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the editor never opened"
            time.sleep(0.05)
        seen = json.loads(record.read_text(encoding="utf-8"))
        assert _files_holding(marker.encode(), Path(seen["path"]).parent)  # it was there

        proc.send_signal(signum)
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(controller)

    if signum == signal.SIGINT:
        assert proc.returncode == 130 and err.decode().strip() == "journal-app: Stopped."
    else:
        assert proc.returncode == -signum, (proc.returncode, err)  # ended by that signal
        assert err == b""
    assert not Path(seen["path"]).parent.exists()
    assert _files_holding(marker.encode(), Path("/dev/shm"), temp) == []
    deadline = time.monotonic() + 10
    while not _gone(seen["pid"]):  # the editor was stopped too: it cannot write it again
        assert time.monotonic() < deadline, "the editor is still running"
        time.sleep(0.05)
    assert marker not in cli("entry", "list").out  # and nothing was saved

"""Two openers kept apart, by the lock each platform has, across real processes.

On Linux the folder lock is ``flock``. Windows has no flock; there the lock is
``msvcrt.locking`` on the lock file's first byte. ``msvcrt`` does not exist here, so the
Windows case runs the Windows lock class against ``tests/helpers/msvcrt_standin.py``
(the same calls answered by real POSIX byte-range locks), with ``fcntl`` made unimportable
in the holding process, as it is on Windows.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from journal_app.core.errors import VaultBusy
from journal_app.storage.lock import BUSY, ByteRangeMethod, FlockMethod, FolderLock
from tests.helpers import msvcrt_standin
from tests.helpers.windows_traits import as_windows

ROOT = Path(__file__).resolve().parents[2]

HOLDER = """
import sys
from pathlib import Path

folder, platform = sys.argv[1], sys.argv[2]
if platform == "windows":
    from tests.helpers import msvcrt_standin

    sys.modules["msvcrt"] = msvcrt_standin
    sys.modules["fcntl"] = None  # as on Windows: no flock to fall back on
    from journal_app.storage import os_traits

    os_traits.is_windows = lambda: True
from journal_app.storage.lock import FolderLock

lock = FolderLock(Path(folder), wait_seconds=0)
lock.acquire()
print("held", flush=True)
sys.stdin.readline()
lock.release()
print("released", flush=True)
sys.stdin.readline()
"""


@pytest.mark.parametrize("platform", ["posix", "windows"])
def test_a_second_process_is_told_the_journal_is_busy_until_the_first_lets_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platform: str
) -> None:
    if platform == "windows":
        as_windows(monkeypatch)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path), platform],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "held"
        second = FolderLock(tmp_path, wait_seconds=0.3)
        started = time.monotonic()
        with pytest.raises(VaultBusy) as refused:
            second.acquire()
        assert time.monotonic() - started >= 0.3  # it waited before saying so
        assert str(refused.value) == BUSY
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "released"
        second.acquire()  # the holder still runs: the lock was dropped, not the process
        second.release()
    finally:
        holder.kill()
        holder.wait()


def test_each_platform_gets_its_own_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    from journal_app.storage.lock import platform_lock_method

    assert isinstance(platform_lock_method(), FlockMethod)
    as_windows(monkeypatch)
    assert isinstance(platform_lock_method(), ByteRangeMethod)


def test_the_windows_lock_locks_the_first_byte_whatever_the_position(tmp_path: Path) -> None:
    """msvcrt locks from the file position; a lock file someone wrote into is no excuse."""
    path = tmp_path / ".lock"
    path.write_bytes(b"left by something else")
    method = ByteRangeMethod(msvcrt_standin)
    fd = os.open(path, os.O_RDWR)
    try:
        os.lseek(fd, 7, os.SEEK_SET)
        assert method.try_lock(fd)
        probe = subprocess.run(
            [
                sys.executable,
                "-c",
                "import os, sys\n"
                "from tests.helpers import msvcrt_standin as m\n"
                "fd = os.open(sys.argv[1], os.O_RDWR)\n"
                "try:\n"
                "    m.locking(fd, m.LK_NBLCK, 1)\n"
                "except OSError:\n"
                "    print('held')\n",
                str(path),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        assert probe.stdout.strip() == "held"
        method.unlock(fd)
    finally:
        os.close(fd)

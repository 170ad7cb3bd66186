"""One process at a time: an advisory lock on the data folder.

Two windows writing the same journal at once would each overwrite the other's entries.
The lock is held for each unit of reading or writing (a command, one save in the app),
not for as long as the journal is open; a second one waits briefly, then is told plainly.
"""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

from journal_app.core.errors import VaultBusy

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks; single-user desktop
    fcntl = None  # type: ignore[assignment]


class FolderLock:
    """An exclusive lock on ``folder/.lock``, released on close or process exit."""

    def __init__(self, folder: Path, wait_seconds: float = 5.0) -> None:
        self._path = folder / ".lock"
        self._wait = wait_seconds
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = self._open()
        if fd is None:
            return  # nothing here can be written, by us or anyone: reading needs no lock
        if fcntl is None:
            self._fd = fd
            return
        deadline = time.monotonic() + self._wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._fd = fd
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise VaultBusy(
                        "The journal is busy in another Therapy Journal window or command; "
                        "try again in a moment."
                    ) from None
                time.sleep(0.05)

    def _open(self) -> int | None:
        """The lock file's descriptor; None when the folder cannot be written at all.

        A journal on a read-only disk (or a folder this user may only read) must still
        open for reading. flock works on a descriptor opened for reading, so an existing
        lock file still keeps two openers apart; with no lock file and no way to make one,
        no writer can exist, so there is nothing to keep apart. A write then fails on its
        own, plainly.
        """
        try:
            return os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise
        try:
            return os.open(self._path, os.O_RDONLY)
        except OSError:
            return None

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None

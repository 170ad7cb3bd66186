"""One process at a time: an advisory lock on the data folder.

Two windows writing the same journal at once would each overwrite the other's entries.
The lock is held for each unit of reading or writing (a command, one save in the app),
not for as long as the journal is open; a second one waits briefly, then is told plainly.

How a descriptor is locked differs by platform, so it is one small class per platform
behind the same two methods (``try_lock``, ``unlock``): ``flock`` on POSIX, a lock on the
lock file's first byte (``msvcrt.locking``) on Windows. ``FolderLock`` does the rest
(opening the file, waiting, the message) the same way everywhere.
"""

from __future__ import annotations

import errno
import importlib
import os
import time
from pathlib import Path
from types import ModuleType
from typing import Protocol

from journal_app.core.errors import VaultBusy
from journal_app.storage import os_traits

BUSY = "The journal is busy in another Therapy Journal window or command; try again in a moment."


class LockMethod(Protocol):
    """Takes or drops the exclusive lock on one open descriptor, never waiting."""

    def try_lock(self, fd: int) -> bool:
        """True if the lock is now ours; False if another holder has it."""
        ...

    def unlock(self, fd: int) -> None:
        """Drop the lock (closing the descriptor would too, but not at once everywhere)."""
        ...


class FlockMethod:
    """POSIX: ``flock`` on the whole file, dropped by the kernel when the process ends."""

    def try_lock(self, fd: int) -> bool:
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def unlock(self, fd: int) -> None:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


# What msvcrt.locking's non-blocking mode raises when another process holds the bytes.
_HELD_ELSEWHERE = {errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)}


class ByteRangeMethod:
    """Windows: ``msvcrt.locking`` on the lock file's first byte (Windows has no flock).

    The lock covers one byte from the file position, so the position is set to 0 first;
    Windows lets a byte past the end of the (empty) file be locked. It is dropped when
    the process ends. ``msvcrt`` is passed in by tests on other platforms.
    """

    def __init__(self, msvcrt: ModuleType | None = None) -> None:
        self._msvcrt = msvcrt if msvcrt is not None else importlib.import_module("msvcrt")

    def try_lock(self, fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            self._msvcrt.locking(fd, self._msvcrt.LK_NBLCK, 1)
        except OSError as exc:
            if exc.errno in _HELD_ELSEWHERE:
                return False
            raise
        return True

    def unlock(self, fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        self._msvcrt.locking(fd, self._msvcrt.LK_UNLCK, 1)


def platform_lock_method() -> LockMethod:
    """The lock this platform has."""
    return ByteRangeMethod() if os_traits.is_windows() else FlockMethod()


class FolderLock:
    """An exclusive lock on ``folder/.lock``, released on release or process exit."""

    def __init__(
        self, folder: Path, wait_seconds: float = 5.0, method: LockMethod | None = None
    ) -> None:
        self._path = folder / ".lock"
        self._wait = wait_seconds
        self._method = method
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = self._open()
        if fd is None:
            return  # nothing here can be written, by us or anyone: reading needs no lock
        method = self._method if self._method is not None else platform_lock_method()
        deadline = time.monotonic() + self._wait
        try:
            while not method.try_lock(fd):
                if time.monotonic() >= deadline:
                    raise VaultBusy(BUSY)
                time.sleep(0.05)
        except BaseException:
            os.close(fd)
            raise
        self._method = method
        self._fd = fd

    def _open(self) -> int | None:
        """The lock file's descriptor; None when the folder cannot be written at all.

        A journal on a read-only disk (or a folder this user may only read) must still
        open for reading. Both locks work on a descriptor opened for reading, so an
        existing lock file still keeps two openers apart; with no lock file and no way to
        make one, no writer can exist, so there is nothing to keep apart. A write then
        fails on its own, plainly.
        """
        try:
            return os.open(self._path, os.O_RDWR | os.O_CREAT | os_traits.BINARY, 0o600)
        except OSError as exc:
            if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise
        try:
            return os.open(self._path, os.O_RDONLY | os_traits.BINARY)
        except OSError:
            return None

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                if self._method is not None:
                    self._method.unlock(fd)
            finally:
                os.close(fd)

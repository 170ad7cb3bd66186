"""Windows' ``msvcrt.locking`` for tests on Linux, built on real POSIX byte-range locks.

``msvcrt`` exists only on Windows. Its ``locking(fd, mode, nbytes)`` locks ``nbytes``
from the descriptor's current position, per process; with ``LK_NBLCK`` a range another
process holds raises OSError(EACCES) at once. POSIX record locks (``fcntl.lockf``) have
the same shape (byte ranges, per process, dropped when the process ends), so this module
gives the same answers through the real kernel, and the Windows lock class can be run
against a second process here. It is not our code being replaced: it is the OS module.
"""

from __future__ import annotations

import errno
import fcntl
import os

LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 0, 1, 2, 3, 4


def locking(fd: int, mode: int, nbytes: int) -> None:
    start = os.lseek(fd, 0, os.SEEK_CUR)
    if mode == LK_UNLCK:
        fcntl.lockf(fd, fcntl.LOCK_UN, nbytes, start, os.SEEK_SET)
        return
    if mode != LK_NBLCK:
        raise NotImplementedError("only the non-blocking lock the app uses")
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, nbytes, start, os.SEEK_SET)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EAGAIN):
            raise OSError(errno.EACCES, "Permission denied") from None
        raise

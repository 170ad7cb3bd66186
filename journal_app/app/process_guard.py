"""Keep secrets out of crash dumps: no core files, and not dumpable, for the whole process.

While the journal is open this process holds the passphrase, the data key and every
entry in memory. A core dump (written on a crash, or by ``gcore``) would put all of it on
disk in clear text, outside the vault. So the very first thing the CLI and the app do is
set the core-size limit to zero and, on Linux and Android, mark the process not
dumpable (which also keeps other processes of the same user from reading its memory
through /proc). Where a platform has neither (Windows; macOS has no prctl) this quietly
does what it can.
"""

from __future__ import annotations

import contextlib
import ctypes
import sys

PR_GET_DUMPABLE = 3
PR_SET_DUMPABLE = 4


def _prctl(option: int, value: int = 0) -> int | None:
    """Call Linux's prctl through the C library; None where there is no such call."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return None
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong,
                      ctypes.c_ulong]  # fmt: skip
    prctl.restype = ctypes.c_int
    return int(prctl(option, value, 0, 0, 0))


def disable_core_dumps() -> None:
    """No core file of this process, ever, and (Linux) no dumping or attaching to it."""
    try:
        import resource
    except ImportError:  # Windows
        resource = None  # type: ignore[assignment]
    if resource is not None:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    _prctl(PR_SET_DUMPABLE, 0)


def is_dumpable() -> bool | None:
    """Whether the kernel would dump this process (None if it cannot be asked)."""
    found = _prctl(PR_GET_DUMPABLE)
    return None if found is None or found < 0 else bool(found)


# mlockall(2) flags (Linux): lock what is mapped now, what will be, and only once touched
# (without MCL_ONFAULT every mapped page, used or not, would be read in and pinned).
MCL_CURRENT, MCL_FUTURE, MCL_ONFAULT = 1, 2, 4
_CAP_IPC_LOCK = 14


def _may_lock_everything() -> bool:
    """Whether locking all memory, now and to come, cannot fail a later allocation: the
    limit on locked memory is infinite or this process may pass it (``CAP_IPC_LOCK``).
    Under a finite limit (8 MiB for most users) MCL_FUTURE would turn the first
    allocation past it into a MemoryError, so it is not used there."""
    try:
        import resource

        if resource.getrlimit(resource.RLIMIT_MEMLOCK)[0] == resource.RLIM_INFINITY:
            return True
    except (ImportError, ValueError, OSError, AttributeError):
        return False
    try:
        with open("/proc/self/status", encoding="utf-8") as status:
            for line in status:
                if line.startswith("CapEff:"):
                    return bool(int(line.split()[1], 16) >> _CAP_IPC_LOCK & 1)
    except (OSError, ValueError):
        pass
    return False


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def lock_memory(secret: bytes | None = None) -> str:
    """Keep this process's memory out of swap, where the platform allows: all of it
    ("all") where that is safe (see ``_may_lock_everything``), else the pages holding
    ``secret`` ("secret"); "none" where neither can be done (not Linux, no permission).

    Best effort by design: a machine that refuses still gets a working session, whose
    key can then reach swap (encrypted swap, or none, is the remedy there)."""
    libc = _libc()
    if libc is None:
        return "none"
    if _may_lock_everything():
        for flags in (MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT, MCL_CURRENT | MCL_FUTURE):
            if libc.mlockall(ctypes.c_int(flags)) == 0:  # MCL_ONFAULT needs Linux 4.4
                return "all"
    if secret:
        page = 4096
        with contextlib.suppress(ValueError, OSError):
            import mmap

            page = mmap.PAGESIZE
        start = ctypes.cast(ctypes.c_char_p(secret), ctypes.c_void_p).value or 0
        first = start - start % page
        length = start + len(secret) - first
        libc.mlock.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
        if start and libc.mlock(ctypes.c_void_p(first), ctypes.c_size_t(length)) == 0:
            return "secret"
    return "none"

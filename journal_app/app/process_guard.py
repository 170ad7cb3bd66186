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

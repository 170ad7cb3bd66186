"""``lock_memory``: all of the agent's memory where that is safe, else the key's pages,
else nothing, and never a failure. Each case in a real forked process, read back from
the kernel (/proc/self/status VmLck)."""

from __future__ import annotations

import mmap  # noqa: F401 - loaded before a child becomes a user who may not read our Python
import os
import resource
import sys

import pytest

from journal_app.app.process_guard import lock_memory

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="mlock: Linux")
NOBODY = 65534


def _locked_kb() -> int:
    with open("/proc/self/status", encoding="utf-8") as status:
        line = next(x for x in status if x.startswith("VmLck:"))
    return int(line.split()[1])


def _in_child(prepare) -> tuple[str, int]:
    """(what ``lock_memory`` said, kB locked) in a forked child after ``prepare()``."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            prepare()
            said = lock_memory(os.urandom(32))
            report = f"{said} {_locked_kb()}"
        except BaseException as exc:  # noqa: BLE001 - told to the parent
            report = f"failed:{type(exc).__name__} -1"
        os.write(writer, report.encode())
        os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        said, kb = pipe.read().decode().split()
    os.waitpid(pid, 0)
    return said, int(kb)


def _as_nobody() -> None:
    """An ordinary user: no CAP_IPC_LOCK, a finite locked-memory limit."""
    resource.setrlimit(resource.RLIMIT_MEMLOCK, (8 * 1024 * 1024, 8 * 1024 * 1024))
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def _no_locking_allowed() -> None:
    _as_nobody()
    resource.setrlimit(resource.RLIMIT_MEMLOCK, (0, 0))


@linux_only
@pytest.mark.skipif(os.geteuid() != 0, reason="another user and CAP_IPC_LOCK need root")
def test_locking_does_what_the_platform_allows_and_never_fails() -> None:
    said, kb = _in_child(lambda: None)
    if said == "all":  # root here has CAP_IPC_LOCK: everything, now and to come
        assert kb > 10_000
    said, kb = _in_child(_as_nobody)
    assert said == "secret" and 4 <= kb <= 64, (said, kb)  # the key's page(s), no more
    said, kb = _in_child(_no_locking_allowed)
    assert (said, kb) == ("none", 0)

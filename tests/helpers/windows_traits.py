"""Windows' file behaviour, substituted on Linux where it is plain logic (see os_traits).

``as_windows`` makes the storage layer take every Windows branch: no folder fsync, a
replace retried while refused, the log let go between units of work, the byte-range lock
(through the msvcrt stand-in). ``opened_paths`` records every path the process opens
(Python's audit events), so a test can see that no folder was opened.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from journal_app.storage import os_traits
from tests.helpers import msvcrt_standin

_recording: list[list[str]] = []
_hooked = False


def as_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os_traits, "is_windows", lambda: True)
    monkeypatch.setitem(sys.modules, "msvcrt", msvcrt_standin)


def _on_audit(event: str, args: tuple[object, ...]) -> None:
    if _recording and event == "open" and isinstance(args[0], str | bytes | os.PathLike):
        _recording[-1].append(os.fsdecode(args[0]))


@contextmanager
def opened_paths() -> Iterator[list[str]]:
    """Every path opened (``open``, ``os.open``) inside the block, in order."""
    global _hooked
    if not _hooked:
        sys.addaudithook(_on_audit)  # audit hooks cannot be removed; idle when not recording
        _hooked = True
    seen: list[str] = []
    _recording.append(seen)
    try:
        yield seen
    finally:
        _recording.remove(seen)


@contextmanager
def refusing_replace(path: Path) -> Iterator[object]:
    """``path`` cannot be replaced or removed (PermissionError) until the callable yielded
    is called or the block ends: the immutable attribute, which binds even root.

    Windows refuses the same way while another process holds the file open.
    """
    chattr = shutil.which("chattr")
    if chattr is None:
        pytest.skip("needs chattr to make a file that refuses to be replaced")
    made = subprocess.run([chattr, "+i", str(path)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"chattr +i is not allowed here: {made.stderr.decode().strip()}")
    done = False

    def undo() -> None:
        nonlocal done
        if not done:
            subprocess.run([chattr, "-i", str(path)], check=True)
            done = True

    try:
        yield undo
    finally:
        undo()

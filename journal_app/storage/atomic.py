"""Durable, all-or-nothing file replacement.

A journal must survive the power going out mid-write: the new bytes go to a temporary
file in the same folder, are flushed and fsynced, renamed over the old file (rename is
atomic on one filesystem), and then the folder itself is fsynced so the rename is on disk.
At any instant the path holds either the whole old file or the whole new one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` durably; on any failure the old file stays as it was.

    ``durable=False`` skips both fsyncs: still all or nothing for every reader (the
    rename is atomic) and after a killed process, but a power cut may leave the file
    empty or short. Only for files that can be written again from what is durable
    elsewhere (a sync folder's change file: the journal holds the change, and a short
    file is recognised and replaced).
    """
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    if durable:
        fsync_dir(folder)


def remove_stale_temps(folder: Path) -> int:
    """Delete temp files left by a write that was killed midway; they hold only ciphertext."""
    count = 0
    for leftover in folder.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()
            count += 1
    return count

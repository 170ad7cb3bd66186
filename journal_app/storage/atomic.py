"""Durable, all-or-nothing file replacement: the one place the vault writes a file.

A journal must survive the power going out mid-write: the new bytes go to a temporary
file in the same folder, are flushed and fsynced, renamed over the old file (rename is
atomic on one filesystem), and then the folder itself is fsynced so the rename is on disk.
At any instant the path holds either the whole old file or the whole new one.

Every file the app writes (snapshot, log header, key, backups, exports, the sync folder's
files, staged re-keyed files) goes through ``atomic_write`` or ``move_into_place``, and the
change log's appends through ``flush_to_disk``; a test keeps any other module from
renaming, fsyncing or making temp files by hand. The platform's differences are decided
in ``os_traits``: Windows has no folder fsync, and a file held open elsewhere there
refuses to be replaced for a moment, so a replace is retried briefly.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from journal_app.core.errors import FileInUse
from journal_app.storage import os_traits

# Pauses between tries of a replace refused with PermissionError where open files block
# it (Windows): about 1.5 s in all, enough for a virus scanner or indexer to let go, short
# enough that a file held open for good is reported while the person still waits.
REPLACE_RETRY_DELAYS: tuple[float, ...] = (0.01, 0.02, 0.05, 0.1, 0.15, 0.25, 0.4, 0.5)


def flush_to_disk(fd: int) -> None:
    """Make what was written through ``fd`` durable (the change log's appends)."""
    os.fsync(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable, where the platform can.

    On Windows a folder cannot be opened at all (PermissionError) and there is no
    O_DIRECTORY; the rename is then as durable as the filesystem's own metadata log makes
    it (a power cut at that moment may keep the old file, whole, never half a file).
    """
    if not os_traits.can_fsync_folders():
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def retry_refused(
    action: Callable[[], None],
    delays: Sequence[float],
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Run ``action``; while it raises PermissionError, wait each of ``delays`` and retry.

    The last try's error is raised as it is, so a file that stays locked is reported
    plainly. No delays: one try.
    """
    for delay in delays:
        try:
            action()
            return
        except PermissionError:
            sleep(delay)
    action()


def _retried_while_held(action: Callable[[], None], path: Path, verb: str) -> None:
    """``action`` on ``path``, retried briefly where a file held open elsewhere blocks it.

    There a refusal that outlasts the retries is named as what it almost surely is (a
    program holding the file), not as a permission problem; elsewhere it is a permission
    that will not change and is raised at once, as it is.
    """
    if not os_traits.open_files_block_replace():
        action()
        return
    try:
        retry_refused(action, REPLACE_RETRY_DELAYS)
    except PermissionError:
        raise FileInUse(
            f"{path.name} is held open by another program (a backup tool, virus scanner or "
            f"sync app?), so it could not be {verb}. Try again in a moment."
        ) from None


def replace(source: Path, target: Path) -> None:
    """``os.replace``, retried briefly where a file held open elsewhere blocks it."""
    _retried_while_held(lambda: os.replace(source, target), target, "replaced")


def remove_file(path: Path) -> bool:
    """Delete ``path``, retried briefly where a file held open elsewhere blocks it; False
    if it was not there."""
    try:
        _retried_while_held(path.unlink, path, "removed")
    except FileNotFoundError:
        return False
    return True


def move_into_place(source: Path, target: Path) -> None:
    """Rename an already durable ``source`` over ``target`` and make the rename durable."""
    replace(source, target)
    fsync_dir(target.parent)


def atomic_write(
    path: Path,
    data: bytes,
    *,
    durable: bool = True,
    before_replace: Callable[[], object] | None = None,
) -> None:
    """Replace ``path`` with ``data`` durably; on any failure the old file stays as it was.

    ``durable=False`` skips both fsyncs: still all or nothing for every reader (the
    rename is atomic) and after a killed process, but a power cut may leave the file
    empty or short. Only for files that can be written again from what is durable
    elsewhere (a sync folder's change file: the journal holds the change, and a short
    file is recognised and replaced).

    ``before_replace`` runs once the new bytes are safely beside ``path`` and before they
    take its place; if it fails, nothing is put at ``path`` (a shared file whose share
    could not be logged must not appear).
    """
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                flush_to_disk(handle.fileno())
        os.chmod(tmp, 0o600)
        if before_replace is not None:
            before_replace()
        replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if durable:
        fsync_dir(folder)


def copy_unwaited(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` byte for byte, all or nothing, without waiting for disk.

    The copy is made by the kernel (``shutil.copyfile``: no second copy in this process's
    memory), under a temporary name, then renamed into place: a reader or a killed
    process sees the whole copy or none. Nothing is fsynced, because waiting for ten
    years of journal to reach the disk was most of the first change of a day. Only for a
    copy of files that are themselves durable (the day's backup): a power cut in the
    seconds before the system writes it may leave this one copy short, which its
    checksum tells (see ``sealed``), while the source and every older copy are whole.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        shutil.copyfile(source, tmp)
        os.chmod(tmp, 0o600)
        replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def remove_stale_temps(folder: Path) -> int:
    """Delete temp files left by a write that was killed midway; they hold only ciphertext."""
    count = 0
    for leftover in folder.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()
            count += 1
    return count

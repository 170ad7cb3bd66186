"""Deleting everything the app keeps for a person: "Delete all my data".

The key files go first. Without them, whatever else might survive (a file the operating
system had open, a copy on a disk that does not really delete) is ciphertext nobody can
open. Only names the app itself writes are removed, so a data folder chosen by hand
(``--data-dir ~/Documents``) never loses anything that is not the journal's.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from journal_app.core.errors import FileInUse
from journal_app.storage.atomic import fsync_dir, remove_file, remove_stale_temps
from journal_app.storage.backups import DATA_PREFIX, KEY_PREFIX, SUFFIX
from journal_app.storage.exports import EXPORT_PATTERNS, exports_dir
from journal_app.storage.lock import FolderLock
from journal_app.storage.staging import Staging
from journal_app.storage.sync_pointer import POINTER_FILE
from journal_app.storage.ui_prefs import PREFS_FILE
from journal_app.storage.vault import BACKUP_DIR, DATA_FILE, KEY_FILE, LOG_FILE

LOCK_FILE = ".lock"


def _unlink(path: Path) -> int:
    return 1 if remove_file(path) else 0


def _empty_folder_gone(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not empty (someone else's file) or not there
        folder.rmdir()


def erase_vault(data_dir: Path) -> int:
    """Remove the journal, its key, backups, exports and preferences; return files removed.

    The vault must be closed first (lock the session): while another window or process
    has it open this raises ``VaultBusy`` and removes nothing.
    """
    if not data_dir.is_dir():
        return 0
    lock = FolderLock(data_dir)
    lock.acquire()
    removed = 0
    try:
        backups = data_dir / BACKUP_DIR
        # 1. Every copy of the wrapped data key: from here on the rest is unreadable.
        #    An interrupted re-keying's staged files (a key among them) go first.
        staged = Staging(data_dir)
        if staged.folder.is_dir():
            staged.discard()
            removed += 1
        removed += _unlink(data_dir / KEY_FILE)
        if backups.is_dir():
            for copy in sorted(backups.glob(f"{KEY_PREFIX}*{SUFFIX}")):
                removed += _unlink(copy)
        # 2. The journal and its backups.
        removed += _unlink(data_dir / DATA_FILE)
        removed += _unlink(data_dir / LOG_FILE)
        if backups.is_dir():
            for copy in sorted(backups.glob(f"{DATA_PREFIX}*{SUFFIX}")):
                removed += _unlink(copy)
            removed += remove_stale_temps(backups)
            _empty_folder_gone(backups)
        # 3. What the app wrote out on request, and the small preferences file.
        exports = exports_dir(data_dir)
        if exports.is_dir():
            for pattern in EXPORT_PATTERNS:
                for path in sorted(exports.glob(pattern)):
                    removed += _unlink(path)
            removed += remove_stale_temps(exports)
            _empty_folder_gone(exports)
        removed += _unlink(data_dir / PREFS_FILE)
        removed += _unlink(data_dir / POINTER_FILE)
        removed += remove_stale_temps(data_dir)
        fsync_dir(data_dir)
    finally:
        lock.release()
    # Empty and harmless: on Windows another opener waiting for it keeps it a moment.
    with contextlib.suppress(FileInUse):
        _unlink(data_dir / LOCK_FILE)
    return removed

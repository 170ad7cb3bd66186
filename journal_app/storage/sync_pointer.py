"""Where this device's journal syncs, known before it is unlocked.

Everything else about syncing is sealed inside the journal. The folder's place is kept
beside it, in a small file like the app's preferences, for one reason: when the
passphrase was changed on another device, this device's own key file still wants the old
one. With the folder known, unlocking can try the new passphrase on the folder's key file
and bring the change home (``app/sync_keys``). The place of a folder is not the person's
writing; what the folder holds is sealed.
"""

from __future__ import annotations

import json
from pathlib import Path

from journal_app.storage.atomic import atomic_write, remove_file

POINTER_FILE = "sync-folder.json"


def read_pointer(data_dir: Path) -> Path | None:
    """The sync folder this journal was set to use; None if it does not sync (or the
    file is unreadable: then unlocking simply does not look there)."""
    try:
        raw = json.loads((data_dir / POINTER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    folder = raw.get("folder") if isinstance(raw, dict) else None
    return Path(folder) if isinstance(folder, str) and folder else None


def write_pointer(data_dir: Path, folder: Path | None) -> None:
    """Remember (or, with None, forget) the sync folder's place."""
    path = data_dir / POINTER_FILE
    if folder is None:
        remove_file(path)
        return
    atomic_write(path, json.dumps({"folder": str(folder)}).encode("utf-8"))

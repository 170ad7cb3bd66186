"""Files the person asks the app to write out: a shared bundle, a review, a decrypted copy.

Written atomically (never half a file). When no save dialog can be shown they go to the
data folder's ``exports/`` under a fresh name, so the app can say exactly where they went.
"""

from __future__ import annotations

from pathlib import Path

from journal_app.storage.atomic import atomic_write
from journal_app.storage.exports import save_export


def save_file(path: Path, data: bytes) -> None:
    """Write ``data`` at a path the person chose, atomically and durably."""
    atomic_write(path, data)


def save_to_exports(data_dir: Path, name: str, data: bytes) -> Path:
    """Write ``data`` into the exports folder under ``name`` (or name-2...); the path."""
    return save_export(data_dir, name, data)

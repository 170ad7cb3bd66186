"""Which folder holds the person's journal."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "JOURNAL_APP_DATA_DIR"
# A built Flet app (Android, iOS, packaged desktop) sets this to its private storage.
# platformdirs knows no iOS folder, so on a phone this is the only right answer.
ENV_FLET_STORAGE = "FLET_APP_STORAGE_DATA"
FLET_SUBFOLDER = "journal"  # kept apart from whatever else Flet or the platform puts there


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir``, else ``JOURNAL_APP_DATA_DIR``, else the built app's private storage
    (``FLET_APP_STORAGE_DATA``), else the platform's user data folder."""
    chosen = explicit or os.environ.get(ENV_DATA_DIR)
    if chosen:
        return Path(chosen).expanduser()
    app_storage = os.environ.get(ENV_FLET_STORAGE)
    if app_storage:
        return Path(app_storage).expanduser() / FLET_SUBFOLDER
    import platformdirs  # only here: a command given its folder never loads it

    return Path(platformdirs.user_data_dir("therapy-journal", appauthor=False))

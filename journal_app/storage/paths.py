"""Which folder holds the person's journal."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_DATA_DIR = "JOURNAL_APP_DATA_DIR"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir``, else ``JOURNAL_APP_DATA_DIR``, else the platform's user data folder."""
    chosen = explicit or os.environ.get(ENV_DATA_DIR)
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_data_dir("therapy-journal", appauthor=False))

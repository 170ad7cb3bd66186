"""Files the person asks the app to write out: a shared bundle, a review, a decrypted copy.

Written atomically (never half a file). When no save dialog can be shown they go to the
data folder's ``exports/`` under a fresh name, so the app can say exactly where they went.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from journal_app.storage.atomic import atomic_write
from journal_app.storage.exports import save_export


def read_chosen_file(raw: str, max_bytes: int, too_big: str) -> bytes:
    """The bytes of a file the person named, or one plain reason why not."""
    from journal_app.core.journal import InvalidInput

    if not raw.strip():
        raise InvalidInput("Name the file to read; nothing was changed.")
    path = Path(raw).expanduser()
    try:
        if path.stat().st_size > max_bytes:
            raise InvalidInput(f"{raw} is larger than {too_big}; is it the right file?")
        return path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"There is no file {raw}.") from None
    except IsADirectoryError:
        raise InvalidInput(f"{raw} is a folder, not a file.") from None
    except PermissionError:
        raise InvalidInput(f"{raw} cannot be read (permission denied).") from None


def save_file(path: Path, data: bytes) -> None:
    """Write ``data`` at a path the person chose, atomically and durably."""
    atomic_write(path, data)


def save_to_exports(data_dir: Path, name: str, data: bytes) -> Path:
    """Write ``data`` into the exports folder under ``name`` (or name-2...); the path."""
    return save_export(data_dir, name, data)


def save_file_once(path: Path, data: bytes, commit: Callable[[], object]) -> None:
    """Put ``data`` at ``path`` only once ``commit`` (say, logging the share) has succeeded.

    A bundle left behind by a failed export would be a file whose passphrase was never
    shown, and a share the log does not know of. So the file is written beside ``path``
    first, ``commit`` runs, and only then is it renamed into place; any failure removes
    the unfinished file and leaves a file already at ``path`` as it was.
    """
    atomic_write(path, data, before_replace=commit)

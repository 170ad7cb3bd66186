"""Files the person asked the app to write out: shared bundles and review exports.

They live in the data folder's ``exports/`` subfolder when no file dialog can be shown, so
the app can always say exactly where a file went. Names never overwrite an older file.
"""

from __future__ import annotations

from pathlib import Path

from journal_app.storage.atomic import atomic_write

EXPORTS_DIR = "exports"
# The names the app gives its exports; erasing the person's data removes exactly these.
EXPORT_PATTERNS = (
    "summary-*.html",
    "before-my-consultation-*.md",
    "therapy-journal-full-copy-*.tjcopy",
)


def exports_dir(data_dir: Path) -> Path:
    return data_dir / EXPORTS_DIR


def free_name(folder: Path, name: str) -> Path:
    """``name`` in ``folder``, or ``stem-2.ext``, ``stem-3.ext``... if it is taken."""
    candidate = folder / name
    stem, suffix = candidate.stem, candidate.suffix
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{suffix}"
        number += 1
    return candidate


def save_export(data_dir: Path, name: str, data: bytes) -> Path:
    """Write ``data`` durably into the exports folder under a fresh name; return the path."""
    if Path(name).name != name or name.startswith("."):
        raise ValueError(f"Not a plain file name: {name!r}")
    folder = exports_dir(data_dir)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = free_name(folder, name)
    atomic_write(path, data)
    return path

"""Keeping the data folder private to the person: folder 0700, files 0600.

Files the app writes are created private, but a folder that already existed (made by hand,
or by a sync tool, with 0777) would stay open to every account on the machine, and so
would files copied into it. Opening or creating the journal tightens them; if that is not
allowed, the journal is not opened, with the reason, rather than kept readable by others.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from journal_app.core.errors import FolderNotPrivate

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
_OTHERS = stat.S_IRWXG | stat.S_IRWXO


def _tighten(path: Path, mode: int) -> None:
    """chmod ``path`` to ``mode`` if group or others have any access to it."""
    current = os.stat(path, follow_symlinks=False)
    if stat.S_ISLNK(current.st_mode) or not current.st_mode & _OTHERS:
        return
    try:
        os.chmod(path, mode)
    except OSError as exc:
        raise FolderNotPrivate(
            f"{path} can be read by other users of this computer and could not be made "
            f"private ({exc.strerror or exc}); nothing was opened. Move the journal to a "
            "folder you own, or fix its permissions."
        ) from None
    if os.stat(path).st_mode & _OTHERS:  # a filesystem that ignores permissions (FAT)
        raise FolderNotPrivate(
            f"{path} is on a drive that cannot keep files private from other users; "
            "nothing was opened. Keep the journal on your own disk instead."
        )


def make_private(data_dir: Path, names: Iterable[str], subfolders: Iterable[str]) -> None:
    """Tighten the folder, the app's own files in it, and its own subfolders' files.

    Only names the app writes are touched, so a folder chosen by hand keeps the
    permissions of everything else in it. Does nothing where modes do not exist (Windows).
    """
    if os.name != "posix" or not data_dir.is_dir():
        return
    _tighten(data_dir, PRIVATE_DIR)
    for name in names:
        path = data_dir / name
        if path.is_file():
            _tighten(path, PRIVATE_FILE)
    for sub in subfolders:
        folder = data_dir / sub
        if not folder.is_dir() or folder.is_symlink():
            continue
        _tighten(folder, PRIVATE_DIR)
        for path in folder.rglob("*"):
            if path.is_symlink():
                continue
            _tighten(path, PRIVATE_DIR if path.is_dir() else PRIVATE_FILE)

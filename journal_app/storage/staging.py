"""A set of file replacements that take effect together, even across a crash.

Re-keying the journal rewrites every file: the key, the snapshot, the log and each
backup. Replacing them one by one would leave, after a crash, a mix of files under two
keys with only one key file to open them. Instead every new file is first written into a
staging folder beside them, then a ``ready`` marker is written: that is the moment the
change is decided. Moving the staged files into place needs no key, so if the process dies
part-way the next open simply finishes the moves. Without the marker, the staged files
are discarded and the old files, never touched, are still the journal.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from journal_app.storage.atomic import atomic_write, fsync_dir, move_into_place, remove_file

STAGE_DIR = ".staged"
READY = "ready"


class Staging:
    """The staging folder inside ``root`` (a data folder)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / STAGE_DIR

    def begin(self) -> None:
        """Start afresh, dropping anything an earlier, unfinished attempt left."""
        self.discard()
        self.folder.mkdir(mode=0o700)
        fsync_dir(self.root)

    def put(self, relative: str, data: bytes) -> None:
        """Stage ``data`` to replace ``root/relative`` (durably, ciphertext only)."""
        target = self.folder / relative
        if not target.parent.is_dir():
            target.parent.mkdir(mode=0o700, parents=True)
            fsync_dir(target.parent.parent)
        atomic_write(target, data)

    def commit(self, last: Sequence[str] = ()) -> None:
        """Decide the change (write the marker), then move everything into place."""
        atomic_write(self.folder / READY, b"")
        self._apply(last)

    def recover(self, last: Sequence[str] = ()) -> bool:
        """Finish a decided change a crash interrupted, or drop an undecided one.

        Returns True when staged files were moved into place.
        """
        if not self.folder.is_dir():
            return False
        if not (self.folder / READY).exists():
            self.discard()
            return False
        self._apply(last)
        return True

    def _staged(self) -> list[str]:
        return sorted(
            str(path.relative_to(self.folder))
            for path in self.folder.rglob("*")
            if path.is_file() and path.name != READY and not path.name.startswith(".")
        )

    def _apply(self, last: Sequence[str]) -> None:
        staged = self._staged()
        ordered = [r for r in staged if r not in last] + [r for r in last if r in staged]
        for relative in ordered:
            target = self.root / relative
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            move_into_place(self.folder / relative, target)
        self.discard()

    def discard(self) -> None:
        """Remove the staging folder; the marker goes last, after everything it decided."""
        if not self.folder.is_dir():
            return
        for path in sorted(self.folder.rglob("*"), reverse=True):
            if path.is_file() and path.name != READY:
                remove_file(path)
        remove_file(self.folder / READY)
        for path in sorted(self.folder.rglob("*"), reverse=True):
            if path.is_dir():
                path.rmdir()
        self.folder.rmdir()
        fsync_dir(self.root)

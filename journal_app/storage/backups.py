"""Rotating encrypted backups of the journal and its key file.

Backups are byte copies of the sealed files, so they are exactly as private as the vault.
The day's backup, taken before the first write of each day, is the journal file and its
change log copied as they are on disk (``journal-STAMP.bak`` and ``journal-STAMP.log.bak``):
nothing is decoded or sealed again, and the copy is not waited for on its way to the disk,
so it costs a few milliseconds however long the journal (both files are durable already). A backup
made before something drastic (a restore) or moved to a new key is one sealed file of the
whole journal, with no log beside it. The newest ``keep`` are kept. Key-file copies let a
damaged key file be recovered with the passphrase that was current when it was saved.
"""

from __future__ import annotations

import builtins
import contextlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from journal_app.storage.atomic import atomic_write, copy_unwaited, fsync_dir

DATA_PREFIX = "journal-"
KEY_PREFIX = "key-"
SUFFIX = ".bak"
LOG_SUFFIX = ".log.bak"  # the change log copied beside a journal-file copy
STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
DEFAULT_KEEP = 10
DEFAULT_INTERVAL = timedelta(hours=24)


@dataclass(frozen=True)
class BackupInfo:
    """One backup as the person sees it: number 1 is the newest."""

    number: int
    path: Path
    taken_at: datetime
    size: int


def log_copy_of(backup: Path) -> Path:
    """Where the change log copied with a journal-file backup lies (if it was copied)."""
    return backup.with_name(backup.name.removesuffix(SUFFIX) + LOG_SUFFIX)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _stamp_of(path: Path, prefix: str) -> datetime | None:
    raw = path.name.removeprefix(prefix).removesuffix(SUFFIX)
    try:
        return _written_stamp(raw) or datetime.strptime(raw, STAMP_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def _written_stamp(raw: str) -> datetime | None:
    """A stamp as ``STAMP_FORMAT`` writes it (``20261201T101730910494Z``), read without
    ``strptime``, whose module and patterns were a cost of every command's first change;
    None for any other form (``strptime`` then decides)."""
    if len(raw) != 22 or raw[8] != "T" or raw[21] != "Z":
        return None
    digits = raw[:8] + raw[9:21]
    if not (digits.isascii() and digits.isdigit()):
        return None
    y, mo, d, h, mi, sec, us = (int(digits[a:b]) for a, b in _STAMP_FIELDS)
    return datetime(y, mo, d, h, mi, sec, us, tzinfo=UTC)


_STAMP_FIELDS = ((0, 4), (4, 6), (6, 8), (8, 10), (10, 12), (12, 14), (14, 20))


class Backups:
    """The ``backups/`` folder inside a data directory."""

    def __init__(self, folder: Path, keep: int = DEFAULT_KEEP) -> None:
        self.folder = folder
        self.keep = keep

    def _files(self, prefix: str) -> list[tuple[datetime, Path]]:
        if not self.folder.is_dir():
            return []
        found = []
        for path in self.folder.glob(f"{prefix}*{SUFFIX}"):
            stamp = _stamp_of(path, prefix)
            if stamp is not None:
                found.append((stamp, path))
        return sorted(found, reverse=True)

    def list(self) -> list[BackupInfo]:
        """Data backups, newest first, numbered from 1."""
        return [
            BackupInfo(
                number=i,
                path=path,
                taken_at=stamp,
                size=path.stat().st_size + _size(log_copy_of(path)),
            )
            for i, (stamp, path) in enumerate(self._files(DATA_PREFIX), start=1)
        ]

    def key_copies(self) -> builtins.list[Path]:  # `list` here is the method above
        """Saved key files, newest first."""
        return [path for _, path in self._files(KEY_PREFIX)]

    def get(self, number: int) -> BackupInfo | None:
        return next((b for b in self.list() if b.number == number), None)

    def is_due(self, now: datetime, interval: timedelta = DEFAULT_INTERVAL) -> bool:
        """Whether the newest data backup is older than ``interval`` (or there is none)."""
        files = self._files(DATA_PREFIX)
        return not files or now - files[0][0] >= interval

    def save(self, source: Path, now: datetime, prefix: str = DATA_PREFIX) -> Path | None:
        """Copy ``source`` (already encrypted) into the folder, then drop the oldest extras."""
        if not source.exists():
            return None
        return self.save_bytes(source.read_bytes(), now, prefix)

    def save_files(self, journal: Path, log: Path, now: datetime) -> Path:
        """Copy the journal file and its change log, byte for byte, as one new backup.

        Each copy is all or nothing but not waited for (``copy_unwaited``): both files
        are already durable where they are, so the day's first change need not wait for
        megabytes to reach the disk. The log goes first, so a backup that is listed (its
        journal-file copy is there) always has its log beside it.
        """
        self.folder.mkdir(mode=0o700, exist_ok=True)
        target = self.folder / f"{DATA_PREFIX}{now.strftime(STAMP_FORMAT)}{SUFFIX}"
        copy_unwaited(log, log_copy_of(target))
        copy_unwaited(journal, target)
        self._prune(DATA_PREFIX)
        return target

    def drop_log_copies(self) -> int:
        """Remove every log copy (after re-keying made each backup one sealed file)."""
        if not self.folder.is_dir():
            return 0
        removed = 0
        for copy in self.folder.glob(f"{DATA_PREFIX}*{LOG_SUFFIX}"):
            with contextlib.suppress(FileNotFoundError):
                copy.unlink()
                removed += 1
        if removed:
            fsync_dir(self.folder)
        return removed

    def save_bytes(self, sealed: bytes, now: datetime, prefix: str = DATA_PREFIX) -> Path:
        """Store already-encrypted bytes as a new backup, then drop the oldest extras."""
        self.folder.mkdir(mode=0o700, exist_ok=True)
        target = self.folder / f"{prefix}{now.strftime(STAMP_FORMAT)}{SUFFIX}"
        atomic_write(target, sealed)
        self._prune(prefix)
        return target

    def _prune(self, prefix: str) -> None:
        """Drop the oldest beyond ``keep`` (a journal copy with its log), and any log copy
        whose journal copy is gone (a prune or a copy a crash cut short)."""
        for _, old in self._files(prefix)[self.keep :]:
            with contextlib.suppress(OSError):
                old.unlink()
        if prefix != DATA_PREFIX:
            return
        for log in self.folder.glob(f"{DATA_PREFIX}*{LOG_SUFFIX}"):
            if not log.with_name(log.name.removesuffix(LOG_SUFFIX) + SUFFIX).exists():
                with contextlib.suppress(OSError):
                    log.unlink()

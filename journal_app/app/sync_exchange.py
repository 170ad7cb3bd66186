"""Exchanging changes with the sync folder: this device's go out, the others' come in.

Going out (``publish``): every change is written to the folder as it is saved, as a new
numbered file of this device's; from time to time a snapshot of everything this device
has said replaces its older files. Coming in (``sync_now``): every other device's files
not read yet are opened, checked and merged (``core/sync_merge``) in one write to the
journal, with how far each device was read. A file that is not ours, damaged, cut short,
an engine's conflict copy or an older copy put back is reported and never merged; it
never stops the other files from getting across.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journal_app.app.clock import now_utc
from journal_app.app.journal_access import Journal
from journal_app.app.journey import fold_after_merge
from journal_app.app.sync_keys import folder_keys
from journal_app.app.sync_settings import SETTINGS, SyncSettings, load_settings
from journal_app.core.errors import VaultDamaged, VaultError
from journal_app.core.journal import InvalidInput
from journal_app.core.records import ALL_RECORD_TYPES
from journal_app.core.sync_merge import (
    Conflict,
    Key,
    Variant,
    merge,
    refusal,
    seen_stamp,
    travels,
)
from journal_app.storage.keyfile import UnlockedKey
from journal_app.storage.sync_folder import (
    CHANGE,
    SNAPSHOT,
    DeviceFiles,
    Opened,
    Problem,
    WrongKey,
    decode_changes,
    encode_changes,
    list_device,
    list_folder,
    open_file,
    read_header,
    remove_own,
    seal_file,
    write_file,
)

COMPACT_AFTER_FILES = 64
COMPACT_AFTER_BYTES = 256 * 1024
QUIET_DAYS = 30  # a device not seen for this long is mentioned
NOT_SYNCING = "This journal does not sync yet; set it up with 'journal-app sync setup DIR'."
_READERS: dict[str, Callable[[dict[str, Any]], object]] = {
    cls.TABLE: cls.from_dict for cls in ALL_RECORD_TYPES
}


class SyncFolderMissing(VaultDamaged):
    """The sync folder is not there (a drive not connected, a folder moved): the exchange
    is refused (exit 4); saving goes on, and the folder catches up when it is back."""


def wall_ms() -> int:
    return int(now_utc().timestamp() * 1000)


@dataclass
class SyncReport:
    """What one exchange did, and what it could not do."""

    merged: int = 0  # records changed here by other devices' changes
    published: int = 0  # this device's changes written to the folder
    conflicts: list[Conflict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unfinished: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def require_settings(journal: Journal) -> SyncSettings:
    settings = load_settings(journal)
    if settings is None:
        raise InvalidInput(NOT_SYNCING)
    if not settings.folder.is_dir():
        raise SyncFolderMissing(
            f"The sync folder {settings.folder} is not there.",
            "Nothing was changed; connect the drive it is on, or choose the folder again "
            "with 'journal-app sync setup DIR'.",
        )
    return settings


# --- going out ----------------------------------------------------------------------------


@dataclass
class OwnFiles:
    """This device's files in the folder, and how many of its changes they hold."""

    files: DeviceFiles
    through: int  # this device's changes the folder holds (from the newest file's header)

    @property
    def newest(self) -> int:
        return self.files.newest

    def change_bytes(self) -> int:
        newest_snapshot = max(self.files.snapshots, default=0)
        return sum(_size(path) for n, path in self.files.changes.items() if n > newest_snapshot)

    def snapshot_bytes(self) -> int:
        newest_snapshot = max(self.files.snapshots, default=0)
        return _size(self.files.snapshots[newest_snapshot]) if newest_snapshot else 0


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def own_files(folder: Path, device: str) -> OwnFiles:
    files = list_device(folder, device)
    through = 0
    for number in sorted({*files.snapshots, *files.changes}, reverse=True):
        path = files.snapshots.get(number) or files.changes[number]
        try:
            header = read_header(path.read_bytes(), "this device's newest sync file")
        except (OSError, VaultDamaged):
            continue  # our own file damaged (the engine, a disk): the next one down
        value = header.get("through")
        through = value if isinstance(value, int) else 0
        break
    return OwnFiles(files=files, through=through)


def _own_changes(journal: Journal, device: str, after: int) -> list[tuple[Key, Variant]]:
    """This device's changes the folder does not hold yet (after a crash, or a folder
    that was away): its versions still in the journal, numbered after ``after``."""
    found = []
    for key, frontier in journal.frontiers():
        if not travels(key[0]):
            continue
        for variant in frontier:
            version = variant.version
            if version.device == device and version.count(device) > after:
                found.append((key, variant))
    return found


def _contributions(journal: Journal, device: str) -> list[tuple[Key, Variant]]:
    """Everything this device has said that still stands: its versions in the journal
    and the conflict copies (whose empty clock no other device claims)."""
    return [
        (key, variant)
        for key, frontier in journal.frontiers()
        if travels(key[0])
        for variant in frontier
        if variant.version.device == device or not variant.version.clock
    ]


def publish(journal: Journal, settings: SyncSettings, made: list[tuple[Key, Variant]]) -> int:
    """Write this device's changes that the folder does not hold yet; how many.

    ``made`` are the versions a save just made: normally exactly what is missing. If the
    folder is behind by more (a save whose publishing was cut short, or the folder was
    away), the journal is searched for the rest.
    """
    device, count = journal.device()
    own = own_files(settings.folder, device)
    _tidy_own(own)
    if own.through >= count:
        return 0
    made = [(k, v) for k, v in made if travels(k[0]) and v.version.device == device]
    first_made = min([count + 1, *(v.version.count(device) for _, v in made)])
    # Normally the folder holds everything before them; else the journal is searched.
    caught_up = own.through >= first_made - 1
    changes = made if caught_up else _own_changes(journal, device, own.through)
    if not changes:
        return 0
    path = _write(journal, settings, CHANGE, own.newest + 1, changes, count)
    own.files.changes[own.newest + 1] = path  # as listing again would find it
    if _compaction_due(own):
        write_snapshot(journal, settings, own)
    return len(changes)


def _tidy_own(own: OwnFiles) -> None:
    """Remove what a write of this device's that was cut short left in its own folder:
    temp files, and older files a snapshot had replaced but a killed process did not get
    to delete. Safe: this device's writes are one at a time (under the journal's lock)."""
    newest_snapshot = max(own.files.snapshots, default=0)
    superseded = [
        path
        for number, path in {**own.files.changes, **own.files.snapshots}.items()
        if number < newest_snapshot
    ]
    if superseded or own.files.temps:
        remove_own(superseded + own.files.temps)
        for table in (own.files.changes, own.files.snapshots):
            for number in [n for n in table if n < newest_snapshot]:
                del table[number]
        own.files.temps.clear()


def publish_copies(
    journal: Journal, settings: SyncSettings, copies: list[tuple[Key, Variant]]
) -> int:
    """Pass on the conflict copies a merge made here (other devices make the same ones;
    sending them makes sure a device that never meets the conflict gets them too)."""
    copies = [(k, v) for k, v in copies if travels(k[0])]
    if not copies:
        return 0
    device, count = journal.device()
    own = own_files(settings.folder, device)
    _write(journal, settings, CHANGE, own.newest + 1, copies, max(own.through, 0))
    return len(copies)


def _write(
    journal: Journal,
    settings: SyncSettings,
    kind: str,
    number: int,
    changes: list[tuple[Key, Variant]],
    through: int,
    *,
    left: bool = False,
) -> Path:
    device = journal.device()[0]
    payload: dict[str, Any] = {
        "name": settings.name,
        "at": wall_ms(),
        "changes": encode_changes(changes),
    }
    if left:
        payload["left"] = True
    blob = seal_file(journal.vault.data_key, kind, device, number, payload, through=through)
    return write_file(settings.folder, device, kind, number, blob)


def _compaction_due(own: OwnFiles) -> bool:
    newest_snapshot = max(own.files.snapshots, default=0)
    pending = [n for n in own.files.changes if n > newest_snapshot]
    if len(pending) >= COMPACT_AFTER_FILES:
        return True
    if len(pending) < 8:  # a few small files: not worth measuring them yet
        return False
    return own.change_bytes() > max(COMPACT_AFTER_BYTES, own.snapshot_bytes() // 2)


def write_snapshot(
    journal: Journal, settings: SyncSettings, own: OwnFiles | None = None, *, left: bool = False
) -> None:
    """Everything this device has said, as one file; then its older files go (they are
    all in it). Other devices that had read some of them lose nothing: the snapshot's
    number is after every file it replaces."""
    device, count = journal.device()
    own = own or own_files(settings.folder, device)
    number = own.newest + 1
    _write(
        journal,
        settings,
        SNAPSHOT,
        number,
        _contributions(journal, device),
        count,
        left=left,
    )
    older = [p for n, p in {**own.files.changes, **own.files.snapshots}.items() if n < number]
    remove_own(older)


class Publisher:
    """Told of every save (``Repository.on_saved``): writes it to the folder at once.

    A folder that is away (a drive unplugged, a full disk) must not turn a saved entry
    into a failure: the entry is in the journal, and the next save or ``sync now`` writes
    whatever the folder lacks.
    """

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.failed: str | None = None

    def __call__(self, made: list[tuple[Key, Variant]]) -> None:
        settings = load_settings(self.journal)
        if settings is None:
            return
        try:
            if not settings.folder.is_dir():
                raise FileNotFoundError(settings.folder)
            publish(self.journal, settings, made)
        except (OSError, VaultError) as exc:
            self.failed = str(exc) or type(exc).__name__
        else:
            self.failed = None


def attach(journal: Journal) -> None:
    """Write each save to the sync folder, if this journal syncs."""
    if load_settings(journal) is not None:
        journal.on_saved(Publisher(journal))


# --- coming in ----------------------------------------------------------------------------


@dataclass
class Gathered:
    """Other devices' changes not merged yet, how far that takes each, and what was seen."""

    changes: list[tuple[Key, Variant]] = field(default_factory=list)
    read: dict[str, int] = field(default_factory=dict)
    seen: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unfinished: list[Problem] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)  # devices sealed under a newer key


def _open(path: Path, keys: dict[str, UnlockedKey], kind: str, device: str, number: int) -> Opened:
    blob = path.read_bytes()
    what = f"{kind} {number} of device {device}"
    key_id = read_header(blob, what).get("key_id")
    key = keys.get(key_id) if isinstance(key_id, str) else None
    if key is None:
        raise WrongKey(
            f"The {what} is sealed under a key this device does not have (another "
            "journal's, or a key changed on another device); not merged."
        )
    return open_file(blob, key, kind, device, number)


def gather(
    folder: Path, device: str, settings: SyncSettings, keys: dict[str, UnlockedKey]
) -> Gathered:
    """Open every other device's files this device has not read yet (read only)."""
    listing = list_folder(folder)
    found = Gathered(problems=list(listing.problems), unfinished=list(listing.unfinished))
    for other, files in sorted(listing.devices.items()):
        if other == device:
            continue
        _gather_device(files, settings, keys, found)
    return found


def _gather_device(
    files: DeviceFiles, settings: SyncSettings, keys: dict[str, UnlockedKey], found: Gathered
) -> None:
    device = files.device
    position = settings.read.get(device, 0)
    base = position
    newest_payload: dict[str, Any] | None = None
    if files.newest < position:
        found.problems.append(
            Problem(
                device,
                "this device's files are older than what was read from it before (an older "
                "copy put back?); nothing older is merged",
            )
        )
    newest_snapshot = max(files.snapshots, default=0)
    for number in sorted({*files.snapshots, *files.changes}):
        if number < newest_snapshot:
            kind = SNAPSHOT if number in files.snapshots else CHANGE
            found.problems.append(
                Problem(
                    _rel(files, kind, number),
                    "an older file, already part of a newer snapshot (put back by the sync "
                    "engine or a backup?); ignored",
                )
            )
    for number in sorted(files.snapshots, reverse=True):
        if number <= position:
            break
        try:
            opened = _open(files.snapshots[number], keys, SNAPSHOT, device, number)
        except WrongKey as exc:
            found.waiting.append(device)
            found.problems.append(Problem(_rel(files, SNAPSHOT, number), str(exc)))
            continue
        except (OSError, VaultDamaged) as exc:
            found.problems.append(Problem(_rel(files, SNAPSHOT, number), str(exc)))
            continue
        if not _take(opened.payload, found, _rel(files, SNAPSHOT, number)):
            continue
        base, newest_payload = number, opened.payload
        break
    contiguous = base
    for number in sorted(files.changes):
        if number <= max(base, newest_snapshot):
            continue
        where = _rel(files, CHANGE, number)
        try:
            opened = _open(files.changes[number], keys, CHANGE, device, number)
        except WrongKey as exc:
            found.waiting.append(device)
            found.problems.append(Problem(where, str(exc)))
            continue
        except (OSError, VaultDamaged) as exc:
            found.problems.append(Problem(where, str(exc)))
            continue
        if not _take(opened.payload, found, where):
            continue
        newest_payload = opened.payload
        if number == contiguous + 1:
            contiguous = number
    found.read[device] = max(position, contiguous)
    if newest_payload is not None:
        found.seen[device] = {
            "name": _text(newest_payload.get("name")),
            "at": newest_payload.get("at") if isinstance(newest_payload.get("at"), int) else 0,
            "number": files.newest,
            "left": bool(newest_payload.get("left")),
        }


def _text(value: Any) -> str:
    return value[:60] if isinstance(value, str) else ""


def _rel(files: DeviceFiles, kind: str, number: int) -> str:
    path = (files.snapshots if kind == SNAPSHOT else files.changes)[number]
    return f"{files.device}/{path.name}"


def _take(payload: dict[str, Any], found: Gathered, where: str) -> bool:
    try:
        changes = decode_changes(payload.get("changes"), where)
    except VaultDamaged as exc:
        found.problems.append(Problem(where, str(exc)))
        return False
    for key, variant in changes:
        why = refusal(key, variant, _READERS.get(key[0]))
        if why is None:
            found.changes.append((key, variant))
        else:
            found.problems.append(Problem(where, f"skipped {why}"))
    return True


def sync_now(journal: Journal) -> SyncReport:
    """Write this device's changes the folder lacks, and merge every other device's new
    ones into the journal (one write, with how far each device was read)."""
    settings = require_settings(journal)
    report = SyncReport()
    with journal.holding():  # no other window of this device writes meanwhile
        keys = folder_keys(journal, settings, report.notes)
        settings = load_settings(journal) or settings  # the key step may have saved some
        device = journal.device()[0]
        report.published = publish(journal, settings, [])
        found = gather(settings.folder, device, settings, keys)
        merged = merge(journal.frontier, found.changes)
        settings.read.update(found.read)
        settings.seen.update(found.seen)
        settings.last_sync = wall_ms()
        stamp = seen_stamp(0, [v for _, v in found.changes])
        journal.apply_merge(merged.frontiers, stamp, settings=(SETTINGS, settings.to_json()))
        fold_after_merge(journal, merged.frontiers)
        report.merged = len(merged.frontiers)
        report.conflicts = merged.conflicts
        report.problems = found.problems
        report.unfinished = found.unfinished
        report.published += publish_copies(journal, settings, merged.copies)
        own = own_files(settings.folder, device)
        if _compaction_due(own):
            write_snapshot(journal, settings, own)
    return report


def folder_signature(folder: Path) -> tuple[tuple[str, int], ...] | None:
    """A cheap fingerprint of the sync folder (its folders' names and modification
    times): it changes whenever a file arrives, goes or is renamed in it. For the app's
    watch, which takes changes in within seconds of their files arriving. None if the
    folder is not there."""
    try:
        top = os.stat(folder)
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return None
    marks: list[tuple[str, int]] = [("", top.st_mtime_ns)]
    for entry in entries:
        try:
            marks.append((entry.name, entry.stat().st_mtime_ns))
        except OSError:
            continue
    return tuple(marks)

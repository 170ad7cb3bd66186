"""How syncing stands: the devices, when each was last seen, and anything wrong.

Read only: nothing is merged or written. Files not read yet are opened and checked, so
a damaged, foreign or misplaced file is named here before ``sync now`` meets it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from journal_app.app.clock import now_utc
from journal_app.app.journal_access import Journal
from journal_app.app.sync_exchange import QUIET_DAYS, gather, own_files
from journal_app.app.sync_settings import SyncSettings, load_settings
from journal_app.core.errors import VaultDamaged
from journal_app.core.journal import InvalidInput
from journal_app.storage.keyfile import UnlockedKey
from journal_app.storage.sync_folder import (
    KEY_NAME,
    Problem,
    WrongKey,
    list_folder,
    open_sync_key,
    read_sync_key,
)


@dataclass
class DeviceStatus:
    id: str
    name: str
    last_seen: datetime | None
    this: bool = False
    left: bool = False
    quiet: bool = False  # not seen for QUIET_DAYS
    waiting_for_key: bool = False  # its newest files are sealed under a key we lack

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "last_seen": None if self.last_seen is None else self.last_seen.isoformat(),
            "this_device": self.this,
            "left": self.left,
            "quiet": self.quiet,
            "waiting_for_key": self.waiting_for_key,
        }


@dataclass
class SyncStatus:
    folder: Path
    devices: list[DeviceStatus] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unfinished: list[Problem] = field(default_factory=list)
    last_sync: datetime | None = None
    unsent: int = 0  # this device's changes the folder does not hold yet
    key_changed_elsewhere: bool = False
    folder_missing: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "folder": str(self.folder),
            "folder_missing": self.folder_missing,
            "last_sync": None if self.last_sync is None else self.last_sync.isoformat(),
            "unsent_changes": self.unsent,
            "key_changed_elsewhere": self.key_changed_elsewhere,
            "devices": [d.to_json() for d in self.devices],
            "problems": [{"path": p.path, "reason": p.reason} for p in self.problems],
            "unfinished_files": [{"path": p.path, "reason": p.reason} for p in self.unfinished],
        }


def _moment(ms: object) -> datetime | None:
    if not isinstance(ms, int) or ms <= 0:
        return None
    try:
        return datetime.fromtimestamp(ms / 1000, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _keys(journal: Journal, settings: SyncSettings, status: SyncStatus) -> dict[str, UnlockedKey]:
    key = journal.vault.data_key
    keys: dict[str, UnlockedKey] = {key.key_id: key}
    try:
        found = read_sync_key((settings.folder / KEY_NAME).read_bytes())
        older = open_sync_key(found, key)
    except FileNotFoundError:
        status.problems.append(Problem(KEY_NAME, "missing; the next 'sync now' writes it again"))
        return keys
    except WrongKey:
        status.key_changed_elsewhere = True
        return keys
    except VaultDamaged as exc:
        status.problems.append(Problem(KEY_NAME, str(exc)))
        return keys
    for key_id, old in older.items():
        keys.setdefault(key_id, UnlockedKey(data_key=old, key_id=key_id))
    return keys


def sync_status(journal: Journal) -> SyncStatus:
    """Where this journal syncs and how every device stands (read only)."""
    settings = load_settings(journal)
    if settings is None:
        raise InvalidInput(
            "This journal does not sync; set it up with 'journal-app sync setup DIR'."
        )
    status = SyncStatus(folder=settings.folder, last_sync=_moment(settings.last_sync))
    device, count = journal.device()
    if not settings.folder.is_dir():
        status.folder_missing = True
        status.problems.append(
            Problem(str(settings.folder), "the sync folder is not there (a drive not connected?)")
        )
        status.devices.append(DeviceStatus(device, settings.name, None, this=True))
        return status
    keys = _keys(journal, settings, status)
    found = gather(settings.folder, device, settings, keys)
    status.problems.extend(found.problems)
    status.unfinished = found.unfinished
    status.unsent = max(0, count - own_files(settings.folder, device).through)
    now = now_utc()
    status.devices.append(DeviceStatus(device, settings.name, now, this=True))
    for other in sorted(list_folder(settings.folder).devices):
        if other == device:
            continue
        seen = {**settings.seen.get(other, {}), **found.seen.get(other, {})}
        last = _moment(seen.get("at"))
        quiet = last is not None and now - last > timedelta(days=QUIET_DAYS)
        info = DeviceStatus(
            id=other,
            name=str(seen.get("name") or "a device not read yet"),
            last_seen=last,
            left=bool(seen.get("left")),
            quiet=quiet and not seen.get("left"),
            waiting_for_key=other in found.waiting,
        )
        if info.quiet:
            status.problems.append(
                Problem(other, f"'{info.name}' has not synced for over {QUIET_DAYS} days")
            )
        status.devices.append(info)
    return status

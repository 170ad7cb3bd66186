"""This device's sync settings, kept sealed in the journal and never synced themselves.

Where the folder is, the name this device goes by, the folder key file it last took, how
far it has read each other device (so nothing is merged twice for nothing and a device
going back in time is noticed), and what it last saw of each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journal_app.app.journal_access import Journal

SETTINGS = "sync"
MAX_NAME_CHARS = 60


def _ints(raw: Any) -> dict[str, int]:
    if not isinstance(raw, dict):
        return {}
    return {k: v for k, v in raw.items() if isinstance(k, str) and isinstance(v, int)}


@dataclass
class SyncSettings:
    folder: Path
    name: str
    epoch: int = 0  # of the folder's key file this device last took or wrote
    read: dict[str, int] = field(default_factory=dict)  # device -> last number merged
    seen: dict[str, dict[str, Any]] = field(default_factory=dict)  # name, at, number
    last_sync: int = 0  # ms since 1970

    def to_json(self) -> dict[str, Any]:
        return {
            "dir": str(self.folder),
            "name": self.name,
            "epoch": self.epoch,
            "read": dict(self.read),
            "seen": {k: dict(v) for k, v in self.seen.items()},
            "last_sync": self.last_sync,
        }

    @classmethod
    def from_json(cls, raw: Any) -> SyncSettings | None:
        if not isinstance(raw, dict) or not isinstance(raw.get("dir"), str):
            return None
        seen, name, epoch, last_sync = (raw.get(k) for k in ("seen", "name", "epoch", "last_sync"))
        return cls(
            folder=Path(raw["dir"]),
            name=name if isinstance(name, str) else "",
            epoch=epoch if isinstance(epoch, int) else 0,
            read=_ints(raw.get("read")),
            seen={k: v for k, v in seen.items() if isinstance(v, dict)}
            if isinstance(seen, dict)
            else {},
            last_sync=last_sync if isinstance(last_sync, int) else 0,
        )


def load_settings(journal: Journal) -> SyncSettings | None:
    """This device's sync settings; None when the journal does not sync."""
    return SyncSettings.from_json(journal.local_settings(SETTINGS))


def save_settings(journal: Journal, settings: SyncSettings | None) -> None:
    journal.save_local_settings(SETTINGS, None if settings is None else settings.to_json())

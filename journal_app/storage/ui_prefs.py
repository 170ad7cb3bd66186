"""App preferences that must be known before unlocking (theme, auto-lock, country).

None of these are about the person's inner life, so they live beside the vault in a small
JSON file rather than inside it: the lock screen needs the theme before any passphrase.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from journal_app.storage.atomic import atomic_write

PREFS_FILE = "app-preferences.json"
THEMES = ("system", "light", "dark")
AUTO_LOCK_CHOICES = (1, 5, 15, 30, 60)


@dataclass
class UiPrefs:
    theme: str = "system"
    auto_lock_minutes: int = 5
    country: str = ""  # ISO code for crisis resources; empty means the default list
    calm_motion: bool = False  # the breathing exercise's shape stays still

    def checked(self) -> UiPrefs:
        """Anything odd in the file falls back to the default rather than failing."""
        theme = self.theme if self.theme in THEMES else "system"
        minutes = self.auto_lock_minutes if self.auto_lock_minutes in AUTO_LOCK_CHOICES else 5
        country = self.country if isinstance(self.country, str) and len(self.country) <= 8 else ""
        calm = self.calm_motion if isinstance(self.calm_motion, bool) else False
        return UiPrefs(
            theme=theme, auto_lock_minutes=minutes, country=country.upper(), calm_motion=calm
        )


def load_prefs(data_dir: Path) -> UiPrefs:
    try:
        raw = json.loads((data_dir / PREFS_FILE).read_text(encoding="utf-8"))
        known = {f.name for f in fields(UiPrefs)}
        return UiPrefs(**{k: v for k, v in raw.items() if k in known}).checked()
    except (OSError, ValueError, TypeError, AttributeError):
        return UiPrefs()


def save_prefs(data_dir: Path, prefs: UiPrefs) -> None:
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    atomic_write(data_dir / PREFS_FILE, json.dumps(asdict(prefs.checked())).encode("utf-8"))

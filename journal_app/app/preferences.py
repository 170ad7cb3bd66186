"""The app's preferences (theme, auto-lock, crisis-resources country), kept outside the vault.

The lock screen needs the theme before any passphrase, so these live in a small file
beside the journal; ``storage.ui_prefs`` holds the file format.
"""

from __future__ import annotations

from journal_app.storage.ui_prefs import AUTO_LOCK_CHOICES, THEMES, UiPrefs, load_prefs, save_prefs

__all__ = ["AUTO_LOCK_CHOICES", "THEMES", "UiPrefs", "load_prefs", "save_prefs"]

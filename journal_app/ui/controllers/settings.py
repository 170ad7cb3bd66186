"""Settings: passphrase, backups, auto-lock, theme, crisis-resources country, erasing.

Vault maintenance goes through ``app.maintenance`` with the open journal from ``session.work()``;
preferences go through ``session.save_prefs``. Nothing here knows about Flet.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import tzinfo

from journal_app.app.clock import local_text
from journal_app.app.imports import ImportProgress, OnProgress, bring_in, parse
from journal_app.app.maintenance import (
    change_passphrase,
    erase_everything,
    list_backups,
    restore_backup,
)
from journal_app.app.preferences import AUTO_LOCK_CHOICES, THEMES, UiPrefs
from journal_app.app.session import AppSession
from journal_app.core.import_summary import Imported, summary_lines
from journal_app.core.journal import InvalidInput
from journal_app.ui.controllers.crisis_country import country_choices, save_country

CONFIRM_WORD = "DELETE"
THEME_LABELS = {"system": "Match my device", "light": "Light", "dark": "Dark"}


def minutes_label(minutes: int) -> str:
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour" if hours == 1 else f"{hours} hours"
    return f"{minutes} minute" if minutes == 1 else f"{minutes} minutes"


def size_label(size: int) -> str:
    return f"{size / 1024:,.0f} KB" if size >= 1024 else f"{size} bytes"


def entries_words(count: int) -> str:
    return "1 entry" if count == 1 else f"{count:,} entries"


def import_sentence(done: Imported, tz: tzinfo | None = None) -> str:
    """What an import did, in the words the command line uses too: nothing vanishes
    silently, and what was left out is named with the reason."""
    return " ".join(summary_lines(done, tz))


def progress_words(step: ImportProgress) -> str:
    """ "Read 1,200 of 3,650 entries", then "Saving 3,640 new entries…": what a progress
    bar means, in words a screen reader can say."""
    if step.saving:
        return f"Saving {step.total:,} new {'entry' if step.total == 1 else 'entries'}…"
    return f"Read {step.read:,} of {step.total:,} {'entry' if step.total == 1 else 'entries'}"


@dataclass(frozen=True)
class BackupRow:
    number: int
    when: str
    size: str


class SettingsController:
    def __init__(self, session: AppSession) -> None:
        self.session = session

    # --- preferences ---------------------------------------------------------------------

    @property
    def prefs(self) -> UiPrefs:
        return self.session.prefs

    def theme_choices(self) -> list[tuple[str, str]]:
        return [(t, THEME_LABELS[t]) for t in THEMES]

    def auto_lock_choices(self) -> list[tuple[str, str]]:
        return [(str(m), minutes_label(m)) for m in AUTO_LOCK_CHOICES]

    def country_choices(self) -> list[tuple[str, str]]:
        """Countries with crisis resources, by name; '' works it out from the device."""
        return country_choices()

    def set_theme(self, theme: str) -> UiPrefs:
        if theme not in THEMES:
            raise InvalidInput(f"Unknown theme {theme}.")
        self.session.save_prefs(replace(self.prefs, theme=theme))
        return self.prefs

    def set_auto_lock(self, minutes: int | str) -> UiPrefs:
        try:
            value = int(minutes)
        except (TypeError, ValueError):
            raise InvalidInput("Choose how long before the journal locks.") from None
        if value not in AUTO_LOCK_CHOICES:
            raise InvalidInput("Choose how long before the journal locks.")
        self.session.save_prefs(replace(self.prefs, auto_lock_minutes=value))
        return self.prefs

    def set_calm_motion(self, on: bool) -> UiPrefs:
        """Keep the breathing exercise's shape still (for people whom motion unsettles)."""
        self.session.save_prefs(replace(self.prefs, calm_motion=bool(on)))
        return self.prefs

    def set_country(self, code: str) -> UiPrefs:
        save_country(self.session, code)
        return self.prefs

    # --- passphrase ----------------------------------------------------------------------

    def change_passphrase(self, current: str, new: str, confirmation: str) -> None:
        """Re-wrap the data key under ``new`` (slow: two Argon2 runs; call off the UI thread).

        Raises InvalidInput for a mismatch or a weak new passphrase, WrongPassphrase if
        ``current`` does not open the journal. Nothing changes on disk unless all is well.
        """
        with self.session.work() as journal:
            change_passphrase(journal, current, new, confirmation)

    # --- backups -------------------------------------------------------------------------

    def backups(self) -> list[BackupRow]:
        with self.session.work() as repo:
            found = list_backups(repo)
        zone = self.session.tz
        return [
            BackupRow(
                number=b.number,
                when=local_text(b.taken_at, zone, "%a %d %b %Y, %H:%M"),
                size=size_label(b.size),
            )
            for b in found
        ]

    def restore(self, number: int) -> None:
        """Put backup ``number`` back, keeping today's journal as a backup; then lock.

        The open repository holds what it read before the restore, so the session locks
        and the person unlocks again to see the restored journal.
        """
        with self.session.work() as repo:
            restore_backup(repo, number)
        self.session.lock()

    # --- bringing a journal in -------------------------------------------------------------

    def import_journal(
        self, data: bytes, file_name: str = "", progress: OnProgress | None = None
    ) -> str:
        """Bring in a picked jrnl export or Day One zip or JSON (slow for big files: call it off
        the UI thread). The whole file is checked before anything is stored; entries
        already in the journal are left out. Returns the sentence to show.

        ``progress`` hears how far it has got (on the calling thread; see
        ``progress_words``); a file with a fault stops it before anything is saved.
        """
        if not data:
            raise InvalidInput(f"{file_name or 'That file'} is empty; nothing was brought in.")
        parsed = parse(bytes(data), progress=progress)
        with self.session.work() as repo:
            done = bring_in(
                repo,
                parsed,
                now=self.session.now(),
                new_id=self.session.new_id,
                progress=progress,
            )
        return import_sentence(done, self.session.tz)

    # --- deleting everything ---------------------------------------------------------------

    @staticmethod
    def erase_confirmed(typed: str) -> bool:
        return (typed or "").strip() == CONFIRM_WORD

    def erase_everything(self, typed: str) -> int:
        """Delete the journal, backups, exports and preferences; the app returns to first run."""
        if not self.erase_confirmed(typed):
            raise InvalidInput(f"Type {CONFIRM_WORD} in capitals to confirm.")
        self.session.lock()
        removed = erase_everything(self.session.data_dir)
        self.session.prefs = UiPrefs()
        return removed

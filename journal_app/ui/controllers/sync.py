"""Settings → "Your other devices": sync through a folder, and a full copy in one file.

Plain words for everything the app layer reports; no Flet here, so tests drive it. The
shell also asks ``watch`` every few seconds whether another device wrote to the folder
(or a command changed the journal), so the screen follows without a restart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from journal_app.app.clock import local_text
from journal_app.app.full_copy import export_copy, import_copy
from journal_app.app.session import AppSession
from journal_app.app.sync_exchange import SyncReport, folder_signature, sync_now
from journal_app.app.sync_keys import KeyChangedElsewhere, adopt_rotated_key
from journal_app.app.sync_settings import load_settings
from journal_app.app.sync_setup import default_device_name, device_name, leave, setup
from journal_app.app.sync_status import SyncStatus, sync_status
from journal_app.core.journal import InvalidInput
from journal_app.core.records import KeptVersion

COPY_EXTENSION = "tjcopy"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def report_words(report: SyncReport) -> str:
    """One calm sentence for what an exchange did."""
    parts = []
    if report.merged:
        parts.append(f"Brought in {_plural(report.merged, 'change')} from your other devices.")
    if report.conflicts:
        parts.append(
            f"{_plural(len(report.conflicts), 'thing was', 'things were')} changed on two "
            "devices at once; both versions are kept (look for the 'conflict' tag)."
        )
    if not parts:
        parts.append("Everything is up to date.")
    if report.problems:
        parts.append(
            f"{_plural(len(report.problems), 'file')} in the folder could not be used; see below."
        )
    return " ".join(parts)


KIND_WORDS = {
    "goals": "a goal",
    "milestones": "a step of the journey",
    "candidates": "a therapist's card",
    "questions": "a question",
    "preferences": "an answer about what you're looking for",
    "checkins": "a check-in",
    "referral_sources": "a referrer",
    "share_log": "a share log line",
}


def kept_words(kept: KeptVersion) -> str:
    """ "A goal: Call two clinics (the other version, from the phone)"."""
    what = KIND_WORDS.get(kept.kind, "a record")
    doc = kept.doc
    label = next(
        (doc[k] for k in ("title", "name", "text", "recipient") if isinstance(doc.get(k), str)),
        "",
    )
    label = label if len(label) <= 60 else label[:59] + "…"
    return f"{what[0].upper()}{what[1:]}" + (f": {label}" if label else "")


@dataclass(frozen=True)
class DeviceRow:
    name: str
    seen: str  # "last seen 7 Dec, 14:05", "this device"
    note: str = ""  # "left", "quiet for a while", "waiting for the new passphrase"


@dataclass
class SyncView:
    """What the card shows."""

    syncing: bool
    folder: str = ""
    this_name: str = ""
    devices: list[DeviceRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    last_sync: str = ""
    unsent: int = 0
    key_changed: bool = False
    suggested_name: str = ""
    kept: list[str] = field(default_factory=list)  # versions kept after a conflict


@dataclass(frozen=True)
class Watched:
    """What the shell's watch found: something to show, and words to say (or none)."""

    changed: bool
    words: str = ""


class SyncController:
    """Sync and full copies, for the Settings screen and the shell's watch."""

    def __init__(self, session: AppSession) -> None:
        self.session = session

    # --- what the card shows -------------------------------------------------------------

    def view(self) -> SyncView:
        with self.session.work() as journal:
            settings = load_settings(journal)
            if settings is None:
                return SyncView(syncing=False, suggested_name=default_device_name())
            status = sync_status(journal)
            kept = [kept_words(k) for k in journal.all(KeptVersion)]
        found = self._view(status, settings.name)
        found.kept = kept
        return found

    def _view(self, status: SyncStatus, name: str) -> SyncView:
        zone = self.session.tz
        rows = []
        for device in status.devices:
            if device.this:
                rows.append(DeviceRow(f"{device.name} (this device)", "here now"))
                continue
            seen = (
                "not heard from yet"
                if device.last_seen is None
                else f"last seen {self._when(device.last_seen, zone)}"
            )
            note = "left" if device.left else ""
            if device.quiet:
                note = "quiet for a while"
            if device.waiting_for_key:
                note = "waiting for the new passphrase"
            rows.append(DeviceRow(device.name, seen, note))
        problems = [f"{p.path}: {p.reason}" for p in status.problems]
        return SyncView(
            syncing=True,
            folder=str(status.folder),
            this_name=name,
            devices=rows,
            problems=problems,
            last_sync="" if status.last_sync is None else self._when(status.last_sync, zone),
            unsent=status.unsent,
            key_changed=status.key_changed_elsewhere,
        )

    @staticmethod
    def _when(moment: datetime, zone) -> str:  # noqa: ANN001 - a tzinfo
        return local_text(moment, zone, "%a %d %b, %H:%M")

    # --- actions ---------------------------------------------------------------------------

    def start(self, folder: str, name: str) -> str:
        """Sync through ``folder`` (made if missing) as ``name``."""
        if not (folder or "").strip():
            raise InvalidInput("Choose or type the folder your sync app keeps in step.")
        chosen = device_name(name.strip() or None)
        with self.session.work() as journal:
            report = setup(journal, Path(folder.strip()), chosen)
        return f"Syncing through {folder.strip()} as '{chosen}'. " + report_words(report)

    def now(self) -> str:
        with self.session.work() as journal:
            return report_words(sync_now(journal))

    def take_new_passphrase(self, passphrase: str) -> str:
        """The key was changed on another device: take it with the passphrase chosen there."""
        if not passphrase:
            raise InvalidInput("Type the passphrase you chose on your other device.")
        with self.session.work() as journal:
            adopt_rotated_key(journal, passphrase)
            report = sync_now(journal)
        return "This device now uses the new passphrase. " + report_words(report)

    def stop(self) -> str:
        with self.session.work() as journal:
            leave(journal)
        return (
            "This device no longer syncs. Your journal stays here, and your other devices "
            "keep everything this one wrote."
        )

    def full_copy(self) -> tuple[str, bytes, str]:
        """(file name, bytes, sentence) of a full copy of the journal."""
        with self.session.work() as journal:
            blob, summary = export_copy(journal)
        day = self.session.today().isoformat()
        name = f"therapy-journal-full-copy-{day}.{COPY_EXTENSION}"
        return name, blob, f"A full copy ({_plural(summary.records, 'record')}) was made."

    def bring_back(self, data: bytes, passphrase: str = "") -> str:
        """Merge a picked full copy in; ``passphrase`` is needed only for a copy of another
        journal (InvalidInput asks for it)."""
        if not data:
            raise InvalidInput("That file is empty; nothing was brought back.")

        def ask() -> str:
            if not passphrase:
                raise InvalidInput(
                    "This copy is of a journal with another passphrase: type that passphrase."
                )
            return passphrase

        with self.session.work() as journal:
            result = import_copy(journal, data, ask)
        if not result.changed:
            return "Nothing new: everything in that copy is already here."
        words = f"Brought back {_plural(result.changed, 'record')}."
        if result.conflicts:
            words += " Where both differed, both versions are kept (tagged 'conflict')."
        return words

    # --- the shell's watch -----------------------------------------------------------------

    def watch(self, last: dict) -> Watched:
        """Called every few seconds while the journal is open (off the UI thread): takes
        in other devices' changes when their files have arrived, and says whether the
        screen should follow (also after a command changed the journal)."""
        changed = self.session.changed_elsewhere()
        try:
            with self.session.work(activity=False) as journal:
                settings = load_settings(journal)
                if settings is None:
                    return Watched(changed)
                signature = folder_signature(settings.folder)
                if signature == last.get("folder") or signature is None:
                    return Watched(changed)
                report = sync_now(journal)
                last["folder"] = folder_signature(settings.folder)
        except KeyChangedElsewhere:
            if last.get("told_key"):  # said once; Settings keeps saying it
                return Watched(changed)
            last["told_key"] = True
            return Watched(
                True,
                "Your passphrase was changed on another device. Type the new one in "
                "Settings to keep syncing; nothing here was lost.",
            )
        last.pop("told_key", None)
        if report.conflicts:
            return Watched(True, report_words(report))
        return Watched(changed or report.merged > 0)

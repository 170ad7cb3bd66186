"""Bringing an existing jrnl or Day One journal in, written once for both shells.

The command line and the app's Settings screen both call this: parse and check the whole
file first (nothing is stored from a file with a fault in it), work out what each entry
is (new, already here, changed in Day One since, or different with no sign which is newer:
``core/import_plan``), then store it, new entries in one durable write. The result says
everything that happened, and ``core/import_summary`` words it the same way for both.

A Day One export comes as the zip Day One makes (what a phone's file picker hands over)
or as its JSON; ``app/import_zip`` reads the zip within limits.

A big export (ten years of jrnl) takes a while, so a shell may pass ``progress``: it hears
how many entries have been read, then that the new ones are being saved. Progress never
means partial: nothing is stored until the whole file has been read and checked.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from journal_app.app.clock import local_zone
from journal_app.app.files import read_chosen_file
from journal_app.app.import_zip import is_zip, journal_files, member_label
from journal_app.core.import_plan import apply_edit, plan_import
from journal_app.core.import_summary import Imported
from journal_app.core.importers import (
    ImportFormatError,
    ImportResult,
    combine,
    parse_dayone_json,
    parse_jrnl_json,
)
from journal_app.core.journal import EntryDraft, InvalidInput, build_entry
from journal_app.core.ports import RecordStore
from journal_app.core.records import Entry

JRNL = "jrnl-json"
DAY_ONE = "dayone-json"
PARSERS: dict[str, Callable[..., ImportResult]] = {
    # jrnl times are local wall-clock times.
    JRNL: lambda data, progress=None: parse_jrnl_json(data, tz=local_zone(), progress=progress),
    DAY_ONE: parse_dayone_json,  # Day One dates are exact instants, or name their zone
}
MAX_IMPORT_BYTES = 512 * 1024 * 1024
# A Day One zip read from disk: only its JSON is read (photos stay where they are), so the
# zip itself may be far bigger than the JSON limit.
MAX_ZIP_FILE_BYTES = 16 * 1024 * 1024 * 1024

__all__ = ["Imported", "ImportProgress", "OnProgress", "bring_in", "parse", "parse_file"]


@dataclass(frozen=True)
class ImportProgress:
    """How far an import has got: ``read`` of ``total`` entries read and checked, then
    ``saving`` (the one write of the new ones, ``total`` of them)."""

    read: int
    total: int
    saving: bool = False

    @property
    def fraction(self) -> float:
        """0 to 1, for a progress bar; reading is most of the work, saving the rest."""
        if self.saving:
            return 1.0
        return self.read / self.total if self.total else 0.0


OnProgress = Callable[[ImportProgress], None]


def guess_format(data: bytes) -> str:
    """Which export a picked file is, so the app needs no "which kind?" question.

    Day One writes a ``metadata`` block or ``creationDate``, or comes as its zip; anything
    else is read as jrnl, whose own checks then say plainly what is wrong with the file.
    """
    if is_zip(bytes(data[:4])):
        return DAY_ONE
    try:
        doc = json.loads(bytes(data).decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return JRNL
    if isinstance(doc, dict):
        entries = doc.get("entries")
        first = entries[0] if isinstance(entries, list) and entries else None
        if "metadata" in doc or (isinstance(first, dict) and "creationDate" in first):
            return DAY_ONE
    return JRNL


def parse(
    data: bytes, fmt: str | None = None, *, progress: OnProgress | None = None
) -> ImportResult:
    """Read and check the whole export (``fmt``: one of PARSERS, or None to recognise it).

    Raises ImportFormatError, with the reason, when it is not an export we can read.
    ``progress`` hears how many entries have been read so far.
    """
    if is_zip(bytes(data[:4])):
        # Already in memory (a picker hands over bytes); only the JSON inside is limited.
        return parse_zip(bytes(data), fmt, progress=progress)
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFormatError("The file is larger than 512 MB; is it the right file?")
    tell = None if progress is None else lambda read, total: progress(ImportProgress(read, total))
    return PARSERS[fmt or guess_format(data)](data, progress=tell)


def parse_zip(
    source: bytes | BinaryIO, fmt: str | None = None, *, progress: OnProgress | None = None
) -> ImportResult:
    """Read every journal in a Day One export zip as one import (all or nothing)."""
    if fmt == JRNL:
        raise ImportFormatError(
            "This is a zip file, but jrnl exports JSON (jrnl --export json); "
            "for Day One's zip use the Day One import."
        )
    files = journal_files(source)
    tell = None if progress is None else lambda read, total: progress(ImportProgress(read, total))
    results = []
    for index, (name, data) in enumerate(files):
        try:
            results.append(parse_dayone_json(data, progress=tell))
        except ImportFormatError as exc:
            if len(files) == 1:
                raise
            label = member_label(name, index, len(files))
            raise ImportFormatError(f"In {label}: {exc}", entry_index=exc.entry_index) from None
    return combine(results)


def parse_file(raw: str, fmt: str | None = None) -> ImportResult:
    """Read and check the export at a path the person named (a shell with a path, not bytes).

    A zip is read from the file itself, so a Day One export with years of photos never has
    to fit in memory; anything else is read whole, up to 512 MB.
    """
    path = Path(raw).expanduser()
    try:
        with path.open("rb") as handle:
            if is_zip(handle.read(4)):
                if path.stat().st_size > MAX_ZIP_FILE_BYTES:
                    raise InvalidInput(f"{raw} is larger than 16 GB; is it the right file?")
                handle.seek(0)
                return parse_zip(handle, fmt)
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        pass  # read_chosen_file says which, in the words every command uses
    return parse(read_chosen_file(raw, MAX_IMPORT_BYTES, "512 MB"), fmt)


def bring_in(
    repo: RecordStore,
    parsed: ImportResult,
    *,
    now: datetime,
    new_id: Callable[[], str],
    progress: OnProgress | None = None,
) -> Imported:
    """Add what is new from a parsed export in one write; what is already here is skipped,
    and an entry changed in Day One since it was brought in takes the change, its earlier
    words kept as an entry tagged earlier-version (``core/import_plan``).

    ``progress`` hears once, just before the write, how many entries are being saved.
    The new entries and earlier versions are written first, then each edit: a run cut
    short in between is finished by importing again, with no second copy.
    """
    drafts = parsed.drafts
    plan = plan_import(drafts, repo.all(Entry))
    entries = [_built(drafts[i], now=now, new_id=new_id) for i in plan.fresh]
    changes = [_edited(entry, drafts[i], now=now) for i, entry in plan.edits]
    earlier = [copy for _, copy in changes if copy is not None]
    copies = [copy for copy in earlier if repo.get(Entry, copy.id) is None]
    saving = len(entries) + len(changes)
    if progress is not None and saving:
        progress(ImportProgress(saving, saving, saving=True))
    if entries or copies:
        repo.add_many([*entries, *copies])
    for updated, _ in changes:
        repo.update(updated)
    fresh = set(plan.fresh)
    return Imported(
        parsed.source_name,
        added=len(entries),
        already=plan.already,
        empty=parsed.skipped_count,
        edited=tuple(updated.created_at for updated, _ in changes),
        earlier_kept=len(earlier),
        kept_here=tuple(entry.created_at for _, entry in plan.kept_here),
        differ=tuple(entry.created_at for _, entry in plan.differ),
        beside=tuple(at for i in plan.beside if (at := drafts[i].at) is not None),
        moved=tuple(m for m in parsed.moved if m.draft_index in fresh),
        media_left_out=dict(parsed.media_left_out),
    )


def _refused(draft: EntryDraft, exc: InvalidInput) -> ImportFormatError:
    """A refusal (a date after today: a device clock that was wrong when it was written)
    names the entry by its date, so the person can find it."""
    day = draft.at.date().isoformat() if draft.at else "with no date"
    reason = str(exc).rstrip(".")
    return ImportFormatError(
        f"The entry dated {day} can't be brought in: {reason[:1].lower()}{reason[1:]}. "
        "Nothing was brought in."
    )


def _built(draft: EntryDraft, *, now: datetime, new_id: Callable[[], str]) -> Entry:
    """The entry for one draft."""
    try:
        return build_entry(draft, record_id=new_id(), now=now)
    except InvalidInput as exc:
        raise _refused(draft, exc) from None


def _edited(entry: Entry, draft: EntryDraft, *, now: datetime) -> tuple[Entry, Entry | None]:
    """The stored entry with the export's edit in it, and its earlier words' copy."""
    try:
        return apply_edit(entry, draft, now=now)
    except InvalidInput as exc:
        raise _refused(draft, exc) from None

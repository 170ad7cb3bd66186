"""Bringing an existing jrnl or Day One journal in, written once for both shells.

The command line and the app's Settings screen both call this: parse and check the whole
file first (nothing is stored from a file with a fault in it), leave out entries that are
already in the journal (importing the same export again changes nothing), then add the
rest in one durable write. The result is plain numbers; each shell says them its own way.

A big export (ten years of jrnl) takes a while, so a shell may pass ``progress``: it hears
how many entries have been read, then that the new ones are being saved. Progress never
means partial: nothing is stored until the whole file has been read and checked.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from journal_app.app.clock import local_zone
from journal_app.core.importers import (
    ImportFormatError,
    ImportResult,
    parse_dayone_json,
    parse_jrnl_json,
    split_already_imported,
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


@dataclass(frozen=True)
class Imported:
    """What an import did: entries added, ones already in the journal, empty ones left out."""

    source_name: str
    added: int
    already: int
    empty: int


def guess_format(data: bytes) -> str:
    """Which export a picked file is, so the app needs no "which kind?" question.

    Day One writes a ``metadata`` block or ``creationDate``; anything else is read as jrnl,
    whose own checks then say plainly what is wrong with the file.
    """
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
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFormatError("The file is larger than 512 MB; is it the right file?")
    tell = None if progress is None else lambda read, total: progress(ImportProgress(read, total))
    return PARSERS[fmt or guess_format(data)](data, progress=tell)


def bring_in(
    repo: RecordStore,
    parsed: ImportResult,
    *,
    now: datetime,
    new_id: Callable[[], str],
    progress: OnProgress | None = None,
) -> Imported:
    """Add what is new from a parsed export in one write; what is already here is skipped.

    ``progress`` hears once, just before the write, how many new entries are being saved.
    """
    fresh, already = split_already_imported(parsed.drafts, repo.all(Entry))
    entries = [_built(d, now=now, new_id=new_id) for d in fresh]
    if progress is not None and entries:
        progress(ImportProgress(len(entries), len(entries), saving=True))
    added = repo.add_many(entries) if entries else 0
    return Imported(parsed.source_name, added, already, parsed.skipped_count)


def _built(draft: EntryDraft, *, now: datetime, new_id: Callable[[], str]) -> Entry:
    """The entry for one draft; a refusal (a date after today: a device clock that was
    wrong when it was written) names the entry by its date, so the person can find it."""
    try:
        return build_entry(draft, record_id=new_id(), now=now)
    except InvalidInput as exc:
        day = draft.at.date().isoformat() if draft.at else "with no date"
        reason = str(exc).rstrip(".")
        raise ImportFormatError(
            f"The entry dated {day} can't be brought in: {reason[:1].lower()}{reason[1:]}. "
            "Nothing was brought in."
        ) from None

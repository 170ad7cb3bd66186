"""Bringing an existing jrnl or Day One journal in, written once for both shells.

The command line and the app's Settings screen both call this: parse and check the whole
file first (nothing is stored from a file with a fault in it), leave out entries that are
already in the journal (importing the same export again changes nothing), then add the
rest in one durable write. The result is plain numbers; each shell says them its own way.
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
from journal_app.core.journal import build_entry
from journal_app.core.ports import RecordStore
from journal_app.core.records import Entry

JRNL = "jrnl-json"
DAY_ONE = "dayone-json"
PARSERS: dict[str, Callable[[bytes], ImportResult]] = {
    JRNL: lambda data: parse_jrnl_json(data, tz=local_zone()),  # jrnl times are local
    DAY_ONE: parse_dayone_json,  # Day One dates are exact instants, or name their zone
}
MAX_IMPORT_BYTES = 512 * 1024 * 1024


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


def parse(data: bytes, fmt: str | None = None) -> ImportResult:
    """Read and check the whole export (``fmt``: one of PARSERS, or None to recognise it).

    Raises ImportFormatError, with the reason, when it is not an export we can read.
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFormatError("The file is larger than 512 MB; is it the right file?")
    return PARSERS[fmt or guess_format(data)](data)


def bring_in(
    repo: RecordStore, parsed: ImportResult, *, now: datetime, new_id: Callable[[], str]
) -> Imported:
    """Add what is new from a parsed export in one write; what is already here is skipped."""
    fresh, already = split_already_imported(parsed.drafts, repo.all(Entry))
    entries = [build_entry(d, record_id=new_id(), now=now) for d in fresh]
    added = repo.add_many(entries) if entries else 0
    return Imported(parsed.source_name, added, already, parsed.skipped_count)

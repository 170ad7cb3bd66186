"""`journal-app import`: bring an existing jrnl or Day One journal along, all or nothing."""

from __future__ import annotations

import argparse
from pathlib import Path

from journal_app.app.clock import local_zone, new_id, now_utc
from journal_app.cli.journal_access import open_journal
from journal_app.cli.terminal import say
from journal_app.core.importers import parse_dayone_json, parse_jrnl_json, split_already_imported
from journal_app.core.journal import InvalidInput, build_entry
from journal_app.core.records import Entry

PARSERS = {
    "jrnl-json": lambda data: parse_jrnl_json(data, tz=local_zone()),  # jrnl times are local
    "dayone-json": parse_dayone_json,  # Day One dates are exact instants, or name their zone
}
MAX_IMPORT_BYTES = 512 * 1024 * 1024


def read_file(raw: str) -> bytes:
    path = Path(raw)
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise InvalidInput(f"{raw} is larger than 512 MB; is it the right file?")
        return path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"There is no file {raw}.") from None
    except IsADirectoryError:
        raise InvalidInput(f"{raw} is a folder, not a file.") from None
    except PermissionError:
        raise InvalidInput(f"{raw} cannot be read (permission denied).") from None


def _entries(count: int) -> str:
    return "1 entry" if count == 1 else f"{count} entries"


def _report(source: str, added: int, already: int, empty: int) -> list[str]:
    """What happened, in plain words: nothing vanishes silently, nothing is doubled quietly."""
    if added == 0 and already:
        lines = [f"Nothing new: all {_entries(already)} were already in your journal."]
        return lines + ([f"Skipped {empty} empty entries."] if empty else [])
    lines = [f"Imported {_entries(added)} from {source}."]
    if already and empty:
        lines.append(f"Skipped {already} already in your journal and {empty} empty.")
    elif already:
        lines.append(f"Skipped {already} already in your journal.")
    elif empty:
        lines.append(f"Skipped {empty} empty entries.")
    return lines


def cmd_import(args: argparse.Namespace) -> int:
    """Parse and check everything first; only then unlock and write, in one durable write.

    Entries already in the journal (an export imported before) are left out, so importing
    the same file again changes nothing.
    """
    result = PARSERS[args.format](read_file(args.file))
    now = now_utc()
    with open_journal(args) as repo:
        fresh, already = split_already_imported(result.drafts, repo.all(Entry))
        entries = [build_entry(d, record_id=new_id(), now=now) for d in fresh]
        count = repo.add_many(entries) if entries else 0
    for line in _report(result.source_name, count, already, result.skipped_count):
        say(line)
    return 0

"""`journal-app import`: bring an existing jrnl or Day One journal along, all or nothing."""

from __future__ import annotations

import argparse
from pathlib import Path

from journal_app.cli_io import say
from journal_app.clock import local_zone, new_id, now_utc
from journal_app.commands.session import open_journal
from journal_app.core.importers import parse_dayone_json, parse_jrnl_json
from journal_app.core.journal import InvalidInput, build_entry

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


def cmd_import(args: argparse.Namespace) -> int:
    """Parse and check everything first; only then unlock and write, in one durable write."""
    result = PARSERS[args.format](read_file(args.file))
    now = now_utc()
    entries = [build_entry(d, record_id=new_id(), now=now) for d in result.drafts]
    with open_journal(args) as repo:
        count = repo.add_many(entries)
    say(f"Imported {count} entries from {result.source_name}.")
    if result.skipped_count:
        say(f"Skipped {result.skipped_count} empty entries.")
    return 0

"""`journal-app import`: bring an existing jrnl or Day One journal along, all or nothing."""

from __future__ import annotations

import argparse

from journal_app.app.clock import new_id, now_utc
from journal_app.app.files import read_chosen_file
from journal_app.app.imports import MAX_IMPORT_BYTES, bring_in, parse
from journal_app.cli.journal_access import open_journal
from journal_app.cli.terminal import say


def read_file(raw: str) -> bytes:
    return read_chosen_file(raw, MAX_IMPORT_BYTES, "512 MB")


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
    parsed = parse(read_file(args.file), args.format)
    with open_journal(args) as repo:
        done = bring_in(repo, parsed, now=now_utc(), new_id=new_id)
    for line in _report(done.source_name, done.added, done.already, done.empty):
        say(line)
    return 0

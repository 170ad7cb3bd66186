"""`journal-app import`: bring an existing jrnl or Day One journal along, all or nothing."""

from __future__ import annotations

import argparse

from journal_app.app.clock import local_zone, new_id, now_utc
from journal_app.app.imports import bring_in, parse_file
from journal_app.cli.journal_access import open_journal
from journal_app.cli.terminal import say
from journal_app.core.import_summary import summary_lines


def cmd_import(args: argparse.Namespace) -> int:
    """Parse and check everything first; only then unlock and write.

    Entries already in the journal (an export imported before) are left out, so importing
    the same file again changes nothing; what was skipped, and why, is said.
    """
    parsed = parse_file(args.file, args.format)
    with open_journal(args) as repo:
        done = bring_in(repo, parsed, now=now_utc(), new_id=new_id)
    for line in summary_lines(done, local_zone()):
        say(line)
    return 0

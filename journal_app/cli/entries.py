"""Writing and listing journal entries from the command line.

``entry add`` is the command people time: what only editing in $EDITOR or listing needs
(subprocess, the plain-text excerpts' patterns) is imported where it is used.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from datetime import date, datetime, tzinfo

from journal_app.app.clock import local_text, local_to_utc, local_zone, new_id, now_utc
from journal_app.cli.journal_access import open_journal
from journal_app.cli.lookup import find_by_prefix
from journal_app.cli.terminal import print_json, say
from journal_app.core.journal import (
    EntryDraft,
    EntryQuery,
    InvalidInput,
    add_entry,
    delete_entry,
    draft_of,
    edit_entry,
    search_entries,
)
from journal_app.core.records import Entry


def parse_when(raw: str | None) -> datetime | None:
    """An ISO-8601 date or date-time; without a zone it means local time."""
    if raw is None:
        return None
    try:
        return local_to_utc(datetime.fromisoformat(raw.strip()))
    except (ValueError, OverflowError):
        raise InvalidInput(
            f"'{raw}' is not a date; use a form like 2026-11-23 or 2026-11-23T14:30."
        ) from None


def parse_day(raw: str | None, flag: str) -> date | None:
    """A calendar day for a filter, YYYY-MM-DD."""
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise InvalidInput(f"{flag} '{raw}' is not a date; use YYYY-MM-DD.") from None


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(f"The text {where} is not valid UTF-8.") from None


def _read_stdin() -> str:
    if sys.stdin is None:
        raise InvalidInput("No text given: add TEXT, or - to read standard input.")
    return _decode(sys.stdin.buffer.read(), "on standard input")


def _write_in_editor(editor: str) -> str:
    """Let the person write in their own editor, on a private file that is gone at once
    (``cli.editor``: also when the command is stopped while the editor is open)."""
    from journal_app.cli.editor import write_in_editor

    text = _decode(write_in_editor(editor), "from the editor")
    return text.removesuffix("\n")  # the newline editors add at the end is not writing


def _read_from_terminal() -> str:
    """Typed straight into the terminal: it never appears in the process list or a file."""
    finish = "Ctrl-Z then Enter" if os.name == "nt" else "Ctrl-D on a new line"
    print(
        f"Write your entry, then press {finish} to save (Ctrl-C to stop without saving):",
        file=sys.stderr,
    )
    return _read_stdin()


def read_text(raw: str | None) -> str:
    """The entry text: TEXT as given, '-' for standard input, or (no TEXT) asked for.

    TEXT on the command line can be seen by others on the same computer (in the process
    list), so leaving it out is the private way: in a terminal the person writes in
    $VISUAL or $EDITOR, or types into the terminal; otherwise standard input is read.
    """
    if raw is not None and raw != "-":
        return raw
    if raw == "-" or sys.stdin is None or not sys.stdin.isatty():
        return _read_stdin()
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    return _write_in_editor(editor) if editor else _read_from_terminal()


def cmd_entry_add(args: argparse.Namespace) -> int:
    """Add one entry and say so."""
    draft = EntryDraft(
        text=read_text(args.text),
        anxiety=args.anxiety,
        tags=args.tag or [],
        feelings=args.feeling or [],
        at=parse_when(args.at),
    )
    with open_journal(args) as repo:
        entry = add_entry(repo, draft, record_id=new_id(), now=now_utc())
    say(f"Saved entry {entry.id[:8]} ({local_text(entry.created_at)}).")
    return 0


def _describe(entry: Entry, tz: tzinfo) -> str:
    from journal_app.core.plain_text import excerpt

    bits = [local_text(entry.created_at, tz), entry.id[:8]]
    if entry.anxiety is not None:
        bits.append(f"anxiety {entry.anxiety}/10")
    bits.extend(f"#{t}" for t in entry.tags)
    bits.extend(entry.feelings)
    return "  ".join(bits) + "\n    " + excerpt(entry.text, lines=1, limit=101)


def cmd_entry_list(args: argparse.Namespace) -> int:
    """Entries newest first, filtered; as JSON for scripts."""
    if args.limit is not None and args.limit < 0:
        raise InvalidInput("--limit must be zero or more.")
    zone = local_zone()
    query = EntryQuery(
        words=args.search or "",
        tag=args.tag,
        feeling=args.feeling,
        since=parse_day(args.since, "--since"),
        until=parse_day(args.until, "--until"),
        limit=args.limit,
        tz=zone,
    )
    with open_journal(args) as repo:
        found = search_entries(repo.all(Entry), query)
    if args.json:
        print_json([e.to_dict() for e in found])
    elif not found:
        say("No entries found.")
    else:
        for entry in found:
            say(_describe(entry, zone))
    return 0


def _find(repo, raw_id: str) -> Entry:
    found = find_by_prefix(repo.all(Entry), raw_id, "entry")
    if found is None:
        raise InvalidInput(f"No entry with id '{raw_id}'; see 'entry list'.")
    return found


def _entry_changes(args: argparse.Namespace) -> dict:
    """The parts of an entry 'entry edit' was asked to change; tags and feelings replace."""
    changes: dict = {}
    if args.text is not None:
        changes["text"] = read_text(args.text)
    if args.at is not None:
        changes["at"] = parse_when(args.at)
    if args.no_anxiety:
        changes["anxiety"] = None
    elif args.anxiety is not None:
        changes["anxiety"] = args.anxiety
    if args.no_tags:
        changes["tags"] = []
    elif args.tag:
        changes["tags"] = args.tag
    if args.no_feelings:
        changes["feelings"] = []
    elif args.feeling:
        changes["feelings"] = args.feeling
    return changes


def cmd_entry_edit(args: argparse.Namespace) -> int:
    """Change an entry: its date (back-dating is fine), text, anxiety, tags or feelings."""
    changes = _entry_changes(args)
    if not changes:
        raise InvalidInput("Nothing to change; give --at, --text, --anxiety, --tag or --feeling.")
    with open_journal(args) as repo:
        old = _find(repo, args.id)
        entry = edit_entry(repo, old.id, replace(draft_of(old), **changes), now=now_utc())
    say(f"Updated entry {entry.id[:8]} ({local_text(entry.created_at)}).")
    return 0


def cmd_entry_delete(args: argparse.Namespace) -> int:
    with open_journal(args) as repo:
        entry = _find(repo, args.id)
        delete_entry(repo, entry.id)
    say(f"Deleted the entry from {local_text(entry.created_at)}.")
    return 0

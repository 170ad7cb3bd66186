"""`journal-app export-bundle`, `open-bundle` and `shares list`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from journal_app.app.clock import local_text, local_zone, new_id, now_utc
from journal_app.app.files import save_file
from journal_app.app.sharing import (
    PDF,
    export_to_file,
    fingerprint_of,
    open_bundle,
    own_passphrase,
    pdf_entries_note,
    preview_share,
    seal_share,
    share_history,
    short_fingerprint,
    spoken,
    standalone_html,
)
from journal_app.cli.entries import parse_day
from journal_app.cli.journal_access import open_journal
from journal_app.cli.terminal import json_text, print_json, say, valid_text, visible, warn
from journal_app.core.journal import InvalidInput
from journal_app.core.sharing import DEFAULT_SECTIONS, ShareSelection, parse_sections

MAX_PASSPHRASE_FILE_BYTES = 4096


def read_passphrase_file(raw: str) -> str:
    """The first line of a small file (so a trailing newline does not count)."""
    path = Path(raw)
    try:
        if path.stat().st_size > MAX_PASSPHRASE_FILE_BYTES:
            raise InvalidInput(f"{raw} is too large to be a passphrase file.")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(f"There is no file {raw}.") from None
    except (IsADirectoryError, PermissionError, UnicodeDecodeError):
        raise InvalidInput(f"{raw} cannot be read as a passphrase file.") from None
    lines = text.splitlines()
    return lines[0] if lines else ""


def output_path(raw: str, suffixes: tuple[str, ...]) -> Path:
    path = Path(raw)
    if path.is_dir():
        raise InvalidInput(f"{raw} is a folder; give a file name.")
    if not path.parent.exists():
        raise InvalidInput(f"The folder {path.parent} does not exist.")
    if suffixes and path.suffix.lower() not in suffixes:
        raise InvalidInput(f"The file name should end with {' or '.join(suffixes)}.")
    return path


def cmd_export_bundle(args: argparse.Namespace) -> int:
    """Encrypt the chosen sections into one HTML file; print a generated passphrase once."""
    out = output_path(args.out, (".pdf",) if args.format == PDF else (".html", ".htm"))
    sections = parse_sections(args.include) if args.include else DEFAULT_SECTIONS
    selection = ShareSelection(
        sections=sections,
        recipient=args.recipient or "",
        since=parse_day(args.since, "--since"),
        until=parse_day(args.until, "--until"),
        name=args.name or "",
        months=args.months,
    )
    typed = None if args.passphrase_file is None else read_passphrase_file(args.passphrase_file)
    if typed is not None:
        own_passphrase(typed, args.format)  # refused (exit 2) before the journal opens
    now = now_utc()
    local = now.astimezone(local_zone())
    with open_journal(args) as repo:
        preview = preview_share(repo, selection, today=local.date(), tz=local.tzinfo)
        sealed = seal_share(preview, typed, now, args.format)
        export_to_file(repo, sealed, out, record_id=new_id())
    counts = ", ".join(f"{s.title} ({s.items})" for s in preview.sections)
    say(f"Saved {out} ({len(sealed.data) / 1024:,.0f} KiB) with: {counts}.")
    if preview.item9:
        say("It includes your answer to PHQ-9 question 9, stated first, so it is not missed.")
    say(f"File fingerprint: {sealed.short_fingerprint} (read it out with the passphrase,")
    say("so the recipient can check they have the very file you made).")
    if sealed.format == PDF:
        note = pdf_entries_note(preview)
        if note:
            say(note)
        if sealed.passphrase_to_show:
            say("In a PDF reader type it as shown, with or without the spaces.")
        else:
            say("In a PDF reader the passphrase is typed in small letters with single spaces.")
    if sealed.passphrase_to_show:
        aloud = spoken(sealed.passphrase_to_show)
        if aloud:  # before the passphrase, which stays the last line for scripts
            say(f"To read it out without a letter misheard: {aloud}")
        say("Passphrase (shown once; read it to the recipient, don't send it with the file):")
        say(f"    {sealed.passphrase_to_show}")
    return 0


def cmd_open_bundle(args: argparse.Namespace) -> int:
    """Decrypt a bundle with no vault and no data folder."""
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"There is no file {args.file}.") from None
    except (IsADirectoryError, PermissionError):
        raise InvalidInput(f"{args.file} cannot be read.") from None
    if args.passphrase_file:
        passphrase = read_passphrase_file(args.passphrase_file)
    elif os.environ.get("JOURNAL_APP_BUNDLE_PASSPHRASE") is not None:
        passphrase = valid_text(
            os.environ["JOURNAL_APP_BUNDLE_PASSPHRASE"], "JOURNAL_APP_BUNDLE_PASSPHRASE"
        )
    elif sys.stdin is not None and sys.stdin.isatty():
        import getpass

        try:
            passphrase = valid_text(getpass.getpass("Bundle passphrase: "), "the terminal")
        except UnicodeDecodeError:
            raise InvalidInput("The passphrase typed is not valid text (UTF-8).") from None
    else:
        raise InvalidInput("No passphrase: use --passphrase-file or run this in a terminal.")
    payload = open_bundle(data, passphrase)
    warn(
        f"File fingerprint: {fingerprint_of(data)} (it should match the one the sender reads out)."
    )
    if args.format == "fhir":
        if not payload.get("fhir"):
            raise InvalidInput(
                "This bundle has no FHIR copy: it holds no check-ins, or an older version "
                "of the app made it."
            )
        text = json_text(payload["fhir"]) + "\n"
    elif args.format == "json":
        text = json_text(payload) + "\n"
    elif args.format == "html":
        text = standalone_html(payload)
    else:
        text = payload["markdown"]
    if args.out:
        target = output_path(args.out, ())
        save_file(target, text.encode("utf-8"))
        warn(f"Wrote the decrypted summary to {target}; it is not encrypted.")
    else:  # a bundle comes from someone else: nothing in it may steer the terminal
        sys.stdout.write(text if args.format in ("json", "fhir") else visible(text))
    return 0


def cmd_shares_list(args: argparse.Namespace) -> int:
    with open_journal(args) as repo:
        shares = share_history(repo)
    if args.json:
        print_json([s.to_dict() for s in shares])
        return 0
    if not shares:
        say("Nothing shared yet.")
    zone = local_zone()
    for s in shares:
        when = local_text(s.created_at, zone)
        who = s.recipient or "(no recipient named)"
        say(f"{when}  to {who}: {', '.join(s.sections)}  [{short_fingerprint(s.fingerprint)}]")
    return 0

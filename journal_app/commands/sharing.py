"""`journal-app export-bundle`, `open-bundle` and `shares list`."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from journal_app.cli_io import print_json, say, warn
from journal_app.clock import new_id, now_utc
from journal_app.commands.entries import parse_day
from journal_app.commands.session import open_journal
from journal_app.core.journal import InvalidInput
from journal_app.core.passphrase import check_bundle_passphrase
from journal_app.core.records import ShareLogEntry
from journal_app.core.sharing import DEFAULT_SECTIONS, ShareSelection, build_preview, parse_sections
from journal_app.profile_source import current_profile
from journal_app.share import passphrases
from journal_app.share.bundle import build_bundle
from journal_app.share.reader import read_bundle
from journal_app.share.sharelog import record_share
from journal_app.storage.atomic import atomic_write, fsync_dir

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
    out = output_path(args.out, (".html", ".htm"))
    sections = parse_sections(args.include) if args.include else DEFAULT_SECTIONS
    selection = ShareSelection(
        sections=sections,
        recipient=args.recipient or "",
        since=parse_day(args.since, "--since"),
        until=parse_day(args.until, "--until"),
    )
    generated = args.passphrase_file is None
    if generated:
        passphrase = passphrases.generate()
    else:
        passphrase = check_bundle_passphrase(read_passphrase_file(args.passphrase_file))
    now = now_utc()
    with open_journal(args) as repo:
        preview = build_preview(
            repo, current_profile(repo), selection, today=now.astimezone().date()
        )
        built = build_bundle(preview, passphrase, now)
        save_and_record(
            out,
            built.html.encode("utf-8"),
            lambda: record_share(repo, preview, built.fingerprint, record_id=new_id(), now=now),
        )
    counts = ", ".join(f"{s.title} ({s.items})" for s in preview.sections)
    say(f"Saved {out} ({built.size / 1024:,.0f} KiB) with: {counts}.")
    if generated:
        say("Passphrase (shown once; read it to the recipient, don't send it with the file):")
        say(f"    {passphrase}")
    return 0


def save_and_record(out: Path, data: bytes, record: Callable[[], object]) -> None:
    """Put the bundle at ``out`` only once its share is in the share log.

    A bundle left behind by a failed export would be a file whose passphrase was never
    shown (and a share the log does not know of). So the file is written beside ``out``
    first, the share recorded, and only then renamed into place; any failure removes the
    unfinished file and leaves a file already at ``out`` as it was.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        record()
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(out.parent)


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
        passphrase = os.environ["JOURNAL_APP_BUNDLE_PASSPHRASE"]
    elif sys.stdin is not None and sys.stdin.isatty():
        import getpass

        passphrase = getpass.getpass("Bundle passphrase: ")
    else:
        raise InvalidInput("No passphrase: use --passphrase-file or run this in a terminal.")
    payload = read_bundle(data, passphrase)
    if args.format == "json":
        text = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    elif args.format == "html":
        text = standalone_html(payload)
    else:
        text = payload["markdown"]
    if args.out:
        target = output_path(args.out, ())
        atomic_write(target, text.encode("utf-8"))
        warn(f"Wrote the decrypted summary to {target}; it is not encrypted.")
    else:
        sys.stdout.write(text)
    return 0


def standalone_html(payload: dict) -> str:
    from journal_app.resources import assets_dir

    css = (assets_dir() / "bundle" / "content.css").read_text(encoding="utf-8")
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
        f"<title>Shared summary</title><style>{css}</style></head>"
        f"<body>{payload['html']}</body></html>\n"
    )


def cmd_shares_list(args: argparse.Namespace) -> int:
    with open_journal(args) as repo:
        shares = sorted(repo.all(ShareLogEntry), key=lambda s: s.created_at, reverse=True)
    if args.json:
        print_json([s.to_dict() for s in shares])
        return 0
    if not shares:
        say("Nothing shared yet.")
    for s in shares:
        when = s.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        who = s.recipient or "(no recipient named)"
        say(f"{when}  to {who}: {', '.join(s.sections)}  [{s.fingerprint[:12]}]")
    return 0

"""`sync` and `backup export|import`: one journal on several devices, and a full copy."""

from __future__ import annotations

import argparse
from pathlib import Path

from journal_app.app.clock import local_text
from journal_app.app.files import read_chosen_file, save_file
from journal_app.app.full_copy import (
    MAX_COPY_BYTES,
    export_copy,
    import_copy,
    import_to_new_device,
)
from journal_app.app.journal_access import data_folder, journal_exists
from journal_app.app.sync_exchange import SyncReport, sync_now
from journal_app.app.sync_keys import KeyChangedElsewhere, adopt_rotated_key
from journal_app.app.sync_setup import device_name, join, leave, setup
from journal_app.app.sync_status import SyncStatus, sync_status
from journal_app.cli.journal_access import open_journal
from journal_app.cli.terminal import (
    ENV_NEW_PASSPHRASE,
    print_json,
    read_passphrase,
    say,
    warn,
)
from journal_app.core.journal import InvalidInput


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _tell(report: SyncReport) -> None:
    for note in report.notes:
        say(note)
    if report.merged:
        say(f"Brought in {_plural(report.merged, 'change')} from your other devices.")
    if report.published:
        say(f"Wrote {_plural(report.published, 'change')} of this device to the folder.")
    if not report.merged and not report.published:
        say("Everything is up to date.")
    if report.conflicts:
        say(
            f"{_plural(len(report.conflicts), 'record was', 'records were')} changed on two "
            "devices at once; both versions are kept (the other one is tagged 'conflict', "
            "see 'entry list --tag conflict')."
        )
    for problem in report.problems:
        warn(f"{problem.path}: {problem.reason}")


def cmd_sync_setup(args: argparse.Namespace) -> int:
    name = device_name(args.device_name)  # refused before the passphrase is asked for
    if not args.dir.strip():
        raise InvalidInput("Name the folder to sync through; nothing was changed.")
    folder = Path(args.dir).expanduser().resolve()
    with open_journal(args) as journal:
        report = setup(journal, folder, name)
    say(f"This journal now syncs through {folder} as '{name}'.")
    say("Each change is written there, sealed, as it is saved. On another device, run:")
    say(f"  journal-app sync join {folder}")
    _tell(report)
    return 0


def cmd_sync_join(args: argparse.Namespace) -> int:
    data_dir = data_folder(args.data_dir)
    if journal_exists(data_dir) and not args.merge:
        raise InvalidInput(
            f"This device already has a journal in {data_dir}. Add --merge to bring the two "
            "together, or join with an empty data folder. Nothing was changed."
        )
    passphrase = read_passphrase()
    journal, report = join(
        data_dir, Path(args.dir), passphrase, args.device_name, merge_existing=args.merge
    )
    try:
        from journal_app.core.records import Entry

        entries = journal.count(Entry)
    finally:
        journal.close()
    say(f"Joined: this device now has the journal ({_plural(entries, 'entry', 'entries')}).")
    _tell(report)
    return 0


def cmd_sync_now(args: argparse.Namespace) -> int:
    with open_journal(args) as journal:
        try:
            report = sync_now(journal)
        except KeyChangedElsewhere as changed:
            warn(str(changed))
            new = read_passphrase(ENV_NEW_PASSPHRASE, "Passphrase chosen on the other device: ")
            adopt_rotated_key(journal, new)
            say("This device now uses the new key and passphrase; nothing was lost.")
            report = sync_now(journal)
    _tell(report)
    return 0


def _describe_status(status: SyncStatus) -> None:
    say(f"Sync folder: {status.folder}")
    if status.last_sync is not None:
        say(f"Last exchange: {local_text(status.last_sync)}")
    if status.unsent:
        say(f"{_plural(status.unsent, 'change')} of this device not in the folder yet.")
    if status.key_changed_elsewhere:
        say("The key was changed on another device: run 'journal-app sync now' to take it.")
    say("Devices:")
    for device in status.devices:
        seen = "never read yet" if device.last_seen is None else local_text(device.last_seen)
        marks = [m for m, on in (("this device", device.this), ("left", device.left)) if on]
        if device.quiet:
            marks.append("quiet for a while")
        if device.waiting_for_key:
            marks.append("waiting for the new key")
        extra = f" ({', '.join(marks)})" if marks else ""
        say(f"  {device.name}{extra}: last seen {seen}")
    for problem in status.problems:
        say(f"Problem: {problem.path}: {problem.reason}")
    for problem in status.unfinished:
        say(f"Unfinished: {problem.path}: {problem.reason}")


def cmd_sync_status(args: argparse.Namespace) -> int:
    with open_journal(args) as journal:
        status = sync_status(journal)
    if args.json:
        print_json(status.to_json())
    else:
        _describe_status(status)
    return 0


def cmd_sync_leave(args: argparse.Namespace) -> int:
    with open_journal(args) as journal:
        leave(journal)
    say("This device no longer syncs. Its journal stays here; the other devices keep theirs.")
    return 0


def cmd_backup_export(args: argparse.Namespace) -> int:
    target = Path(args.file).expanduser()
    if not args.file.strip() or target.is_dir():
        raise InvalidInput(
            f"{args.file!r} is a folder; name the file to write, e.g. journal.tjcopy."
        )
    if not target.parent.is_dir():
        raise InvalidInput(f"There is no folder {target.parent}; nothing was written.")
    with open_journal(args) as journal:
        blob, summary = export_copy(journal)
        save_file(target, blob)
    say(
        f"Saved a full copy ({_plural(summary.records, 'record')}, {summary.size:,} bytes) "
        f"to {args.file}. It opens with your passphrase; keep it somewhere safe."
    )
    return 0


def cmd_backup_import(args: argparse.Namespace) -> int:
    data_dir = data_folder(args.data_dir)
    blob = read_chosen_file(args.file, MAX_COPY_BYTES, "2 GB")
    if not journal_exists(data_dir):
        passphrase = read_passphrase()
        journal, result = import_to_new_device(data_dir, blob, passphrase)
        journal.close()
    else:
        with open_journal(args) as journal:
            result = import_copy(journal, blob, read_passphrase)
    if result.changed:
        say(f"Brought back {_plural(result.changed, 'record')} from the copy.")
    else:
        say("Nothing new: everything in that copy is already here.")
    if result.conflicts:
        say(
            f"{_plural(len(result.conflicts), 'record')} differed; both versions are kept "
            "(the other one is tagged 'conflict')."
        )
    for why in sorted(set(result.skipped)):
        warn(f"Skipped {why}.")
    return 0

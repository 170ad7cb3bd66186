"""Creating the journal, changing its passphrase, listing and restoring backups."""

from __future__ import annotations

import argparse

from journal_app.app.clock import local_text
from journal_app.app.journal_access import (
    create_journal,
    data_folder,
    opened_journal,
    refuse_existing,
)
from journal_app.app.maintenance import (
    change_passphrase,
    check_backup_number,
    list_backups,
    opened_for_restore,
    restore_backup,
    restore_key_file,
    rotate_key,
)
from journal_app.cli.terminal import (
    ENV_NEW_PASSPHRASE,
    ENV_PASSPHRASE,
    read_new_passphrase,
    read_passphrase,
    say,
)


def cmd_init(args: argparse.Namespace) -> int:
    """Create a new journal, refusing to touch an existing one."""
    data_dir = data_folder(args.data_dir)
    refuse_existing(data_dir)  # before asking for a passphrase
    passphrase = read_new_passphrase(ENV_PASSPHRASE, "Choose a passphrase for your journal: ")
    create_journal(data_dir, passphrase).close()
    say(f"Your journal is ready in {data_dir}.")
    say("Keep your passphrase somewhere safe: it cannot be recovered if it is lost.")
    return 0


def cmd_change_passphrase(args: argparse.Namespace) -> int:
    """Re-wrap the data key under a new passphrase."""
    current = read_passphrase(prompt="Current passphrase: ")
    with opened_journal(data_folder(args.data_dir), current) as journal:
        journal.vault.read()  # say the data is damaged before asking for a new passphrase
        new = read_new_passphrase(ENV_NEW_PASSPHRASE, "New passphrase: ")
        change_passphrase(journal, current, new)
    say("Your passphrase has been changed.")
    return 0


def cmd_rotate_key(args: argparse.Namespace) -> int:
    """A new data key and passphrase, with the journal and every backup re-encrypted."""
    current = read_passphrase(prompt="Current passphrase: ")
    with opened_journal(data_folder(args.data_dir), current) as journal:
        journal.vault.read()  # say the data is damaged before asking for a new passphrase
        new = read_new_passphrase(ENV_NEW_PASSPHRASE, "New passphrase: ")
        rotate_key(journal, current, new)
    say("Your journal has a new key and a new passphrase; it and every backup were")
    say("re-encrypted. The old passphrase and the old key no longer open anything here.")
    say("Copies made elsewhere before now (a synced or copied folder) are still under the old key.")
    return 0


def cmd_backup_list(args: argparse.Namespace) -> int:
    """Show the backups, newest first."""
    with opened_journal(data_folder(args.data_dir), read_passphrase()) as journal:
        backups = list_backups(journal)
    if not backups:
        say("No backups yet. One is made automatically before the first change each day.")
        return 0
    for info in backups:
        stamp = local_text(info.taken_at)
        say(f"{info.number:>3}  {stamp}  {info.size / 1024:,.1f} KiB")
    return 0


def cmd_backup_restore(args: argparse.Namespace) -> int:
    """Put a backup back in place; the current journal is kept as a new backup first."""
    data_dir = data_folder(args.data_dir)
    check_backup_number(data_dir, args.number)
    with opened_for_restore(data_dir, read_passphrase()) as journal:
        restore_backup(journal, args.number)
    say(f"Backup {args.number} has been restored. Your previous journal was saved as a backup.")
    return 0


def cmd_backup_restore_key(args: argparse.Namespace) -> int:
    """Bring back the saved key copy when the key file is missing or damaged."""
    if restore_key_file(data_folder(args.data_dir), read_passphrase()):
        say("Your key file has been restored from its saved copy. Nothing else was changed.")
    else:
        say("Your key file is sound; nothing needed restoring.")
    return 0

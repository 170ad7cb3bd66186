"""Creating the vault, changing its passphrase, listing and restoring backups."""

from __future__ import annotations

import argparse

from journal_app.cli_io import (
    ENV_NEW_PASSPHRASE,
    ENV_PASSPHRASE,
    read_new_passphrase,
    read_passphrase,
    say,
)
from journal_app.core.journal import InvalidInput
from journal_app.core.passphrase import check_new_passphrase
from journal_app.storage.backups import Backups
from journal_app.storage.paths import resolve_data_dir
from journal_app.storage.vault import BACKUP_DIR, Vault, no_such_backup, refuse_if_present


def cmd_init(args: argparse.Namespace) -> int:
    """Create a new vault, refusing to touch an existing one (or any file left of one)."""
    data_dir = resolve_data_dir(args.data_dir)
    refuse_if_present(data_dir)
    passphrase = check_new_passphrase(
        read_new_passphrase(ENV_PASSPHRASE, "Choose a passphrase for your journal: ")
    )
    with Vault.create(data_dir, passphrase):
        pass
    say(f"Your journal is ready in {data_dir}.")
    say("Keep your passphrase somewhere safe: it cannot be recovered if it is lost.")
    return 0


def cmd_change_passphrase(args: argparse.Namespace) -> int:
    """Re-wrap the data key under a new passphrase."""
    data_dir = resolve_data_dir(args.data_dir)
    with Vault.unlock(data_dir, read_passphrase(prompt="Current passphrase: ")) as vault:
        vault.read()  # refuse to re-key a journal whose data is damaged
        new = check_new_passphrase(read_new_passphrase(ENV_NEW_PASSPHRASE, "New passphrase: "))
        vault.change_passphrase(new)
    say("Your passphrase has been changed.")
    return 0


def cmd_backup_list(args: argparse.Namespace) -> int:
    """Show the backups, newest first."""
    data_dir = resolve_data_dir(args.data_dir)
    with Vault.unlock(data_dir, read_passphrase()) as vault:
        backups = vault.backups.list()
    if not backups:
        say("No backups yet. One is made automatically before the first change each day.")
        return 0
    for info in backups:
        stamp = info.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
        say(f"{info.number:>3}  {stamp}  {info.size / 1024:,.1f} KiB")
    return 0


def cmd_backup_restore(args: argparse.Namespace) -> int:
    """Put a backup back in place; the current journal is kept as a new backup first."""
    if args.number < 1:
        raise InvalidInput("Backup numbers start at 1; see 'backup list'.")
    data_dir = resolve_data_dir(args.data_dir)
    count = len(Backups(data_dir / BACKUP_DIR).list())
    if args.number > count:
        raise InvalidInput(no_such_backup(args.number, count))
    with Vault.unlock_with_key_copies(data_dir, read_passphrase()) as vault:
        vault.restore_backup(args.number)
    say(f"Backup {args.number} has been restored. Your previous journal was saved as a backup.")
    return 0


def cmd_backup_restore_key(args: argparse.Namespace) -> int:
    """Bring back the saved key copy when the key file is missing or damaged."""
    data_dir = resolve_data_dir(args.data_dir)
    if Vault.restore_key(data_dir, read_passphrase()):
        say("Your key file has been restored from its saved copy. Nothing else was changed.")
    else:
        say("Your key file is sound; nothing needed restoring.")
    return 0

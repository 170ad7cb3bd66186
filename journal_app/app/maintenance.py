"""Looking after the journal: a new passphrase, backups, and deleting everything.

Both shells call these with an open journal (the CLI opens one for the command, the app
has one in its session), so each rule is stated once: a damaged journal is never re-keyed,
a restore keeps today's journal as a backup first, erasing needs the journal closed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from journal_app.app.journal_access import Journal
from journal_app.app.sync_keys import (
    after_passphrase_change,
    after_rotation,
    before_rotation,
)
from journal_app.core.errors import WrongPassphrase
from journal_app.core.journal import InvalidInput
from journal_app.core.passphrase import check_new_passphrase
from journal_app.storage.backups import BackupInfo, Backups
from journal_app.storage.erase import erase_vault
from journal_app.storage.repository import Repository
from journal_app.storage.vault import BACKUP_DIR, Vault, no_such_backup


def change_passphrase(
    journal: Journal, current: str, new: str, confirmation: str | None = None
) -> None:
    """Re-wrap the data key under ``new`` (slow: Argon2 twice; keep it off a UI thread).

    ``confirmation`` is the new passphrase typed again, where the shell asks for it.
    Refuses, changing nothing, when ``new`` is weak or the same as ``current``, when
    ``current`` is not the passphrase, or when the journal's data is damaged.
    """
    if not current:
        raise InvalidInput("Type your current passphrase first.")
    if confirmation is not None and new != confirmation:
        raise InvalidInput("The two new passphrases don't match.")
    check_new_passphrase(new)
    if new == current:
        raise InvalidInput("The new passphrase is the same as the current one.")
    if not journal.vault.opens_with(current):
        raise WrongPassphrase("That isn't your current passphrase, so nothing was changed.")
    journal.vault.read()  # never re-key a journal whose data is damaged
    journal.vault.change_passphrase(new)
    after_passphrase_change(journal)  # a journal that syncs: the other devices follow


def rotate_key(journal: Journal, current: str, new: str) -> None:
    """A new data key and passphrase, the journal and every backup re-encrypted.

    For the person who fears their passphrase was learned: afterwards neither the old
    passphrase nor the old key opens anything in the data folder. A damaged journal or
    backup stops it before anything is written.
    """
    check_new_passphrase(new)
    if new == current:
        raise InvalidInput(
            "Choose a new passphrase: whoever knows the old one could open the new key "
            "too. Nothing was changed."
        )
    journal.vault.read()  # never re-key a journal whose data is damaged
    carried = before_rotation(journal)
    journal.vault.rotate_key(new)
    after_rotation(journal, carried)  # a journal that syncs: the other devices follow


def list_backups(journal: Journal) -> list[BackupInfo]:
    """The encrypted backups, newest first (number 1 is the newest)."""
    return journal.vault.backups.list()


def restore_backup(journal: Journal, number: int) -> None:
    """Make backup ``number`` the journal, keeping today's journal as a new backup.

    The open journal still holds what it read before, so close it afterwards and open
    again to see the restored records.
    """
    if number < 1:
        raise InvalidInput("Backup numbers start at 1; see 'backup list'.")
    journal.vault.restore_backup(number)
    # The restored journal counts its changes from where the backup stood: going on as
    # the same device would number new changes as ones already sent to a sync folder.
    journal.new_device()


def check_backup_number(data_dir: Path, number: int) -> None:
    """Refuse a backup number that isn't there, before any passphrase is asked for."""
    if number < 1:
        raise InvalidInput("Backup numbers start at 1; see 'backup list'.")
    count = len(Backups(data_dir / BACKUP_DIR).list())
    if number > count:
        raise InvalidInput(no_such_backup(number, count))


def restore_key_file(data_dir: Path, passphrase: str) -> bool:
    """Put back the saved key copy when the key file is missing or damaged.

    A sound key file is never replaced; False means nothing needed restoring.
    """
    return Vault.restore_key(data_dir, passphrase)


@contextmanager
def opened_for_restore(data_dir: Path, passphrase: str) -> Iterator[Journal]:
    """The journal opened for a restore: if its key file is damaged, a saved key copy
    that the passphrase opens is put back first, so a restore can still happen."""
    repo = Repository(Vault.unlock_with_key_copies(data_dir, passphrase))
    try:
        yield repo
    finally:
        repo.close()


def erase_everything(data_dir: Path) -> int:
    """Delete the journal, its keys, backups, exports and preferences; the number removed.

    The journal must be closed first (the app locks its session before calling this).
    """
    return erase_vault(data_dir)

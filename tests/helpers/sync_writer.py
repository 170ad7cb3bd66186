"""A device that writes entries as fast as it can into a journal that syncs, and
acknowledges each one once it is saved (and, through the journal, written to the folder).

The sync kill test SIGKILLs it at random moments: in the middle of a save, of a change
file, of a snapshot of its own or of deleting the files a snapshot replaced.
"""

from __future__ import annotations

import sys
from pathlib import Path

from journal_app.app import sync_exchange
from journal_app.app.journal_access import opened_journal
from journal_app.storage import vault as vault_module
from tests.helpers.writer import write_until_killed


def main(data_dir: str, passphrase: str, prefix: str) -> None:
    vault_module.COMPACT_MIN_BYTES = 64 * 1024  # the vault compacts often too
    sync_exchange.COMPACT_AFTER_FILES = 6  # and so does the device's folder
    with opened_journal(Path(data_dir), passphrase) as journal:
        write_until_killed(journal, prefix, words=50)


if __name__ == "__main__":
    main(*sys.argv[1:4])

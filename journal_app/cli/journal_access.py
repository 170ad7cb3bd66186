"""Opening the person's journal for one command."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from journal_app.app.journal_access import Journal, data_folder, opened_journal
from journal_app.cli.terminal import read_passphrase, warn


@contextmanager
def open_journal(args: argparse.Namespace) -> Iterator[Journal]:
    """Unlock the journal named by ``--data-dir`` (or the default) for the length of a command.

    An unlocked session (``journal-app unlock``) is used when one is running; otherwise,
    or if it cannot be used (the reason is said), the passphrase is asked for as always.
    """
    with opened_journal(data_folder(args.data_dir), read_passphrase, on_notice=warn) as repo:
        yield repo

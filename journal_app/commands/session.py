"""Opening the person's journal for one command."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from journal_app.cli_io import read_passphrase
from journal_app.storage.paths import resolve_data_dir
from journal_app.storage.repository import Repository, open_repository


@contextmanager
def open_journal(args: argparse.Namespace) -> Iterator[Repository]:
    """Unlock the journal named by ``--data-dir`` (or the default) for the length of a command."""
    data_dir = resolve_data_dir(args.data_dir)
    with open_repository(data_dir, read_passphrase()) as repo:
        yield repo

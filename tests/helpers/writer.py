"""A process that writes entries as fast as it can and acknowledges each durable one.

The kill test runs this, SIGKILLs it at a random moment, and then checks that every
entry it acknowledged is in the vault. An acknowledgement is printed only after the
repository's write (temp file, fsync, rename, fsync of the folder) has returned.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from journal_app.core.journal import EntryDraft, add_entry
from journal_app.storage import vault as vault_module
from journal_app.storage.repository import open_repository


def main(data_dir: str, passphrase: str, prefix: str) -> None:
    # Compact often, so kills also land inside snapshot rewrites and log restarts.
    vault_module.COMPACT_MIN_BYTES = 64 * 1024
    with open_repository(Path(data_dir), passphrase) as repo:
        write_until_killed(repo, prefix, words=200)


def write_until_killed(store, prefix: str, *, words: int) -> None:  # noqa: ANN001
    """Say READY, then add entries for ever, saying ACK <id> after each durable one."""
    print("READY", flush=True)
    n = 0
    while True:
        record_id = f"{prefix}-{n}"
        add_entry(
            store,
            EntryDraft(text=f"entry {record_id} " + "words " * words, anxiety=n % 11),
            record_id=record_id,
            now=datetime.now(UTC),
        )
        print(f"ACK {record_id}", flush=True)
        n += 1


if __name__ == "__main__":
    main(*sys.argv[1:4])

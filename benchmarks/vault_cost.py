"""Cost of unlocking and of adding one durable entry, at a chosen journal size.

Usage: python -m benchmarks.vault_cost [YEARS] [RUNS]
Prints medians; it asserts nothing (machines are noisy, see README).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.synthetic import entries
from journal_app.core.journal import EntryDraft, add_entry
from journal_app.core.records import Entry
from journal_app.storage import keyfile
from journal_app.storage.repository import open_repository
from journal_app.storage.sealed import parse
from journal_app.storage.vault import KEY_FILE, Vault

PASSPHRASE = "bench lantern orbit 42"


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(years: int = 10, runs: int = 15) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "journal"
        Vault.create(data_dir, PASSPHRASE).close()
        with open_repository(data_dir, PASSPHRASE) as repo:
            repo.add_many(entries(years))
        size = (data_dir / "journal.tjv").stat().st_size
        header = parse((data_dir / KEY_FILE).read_bytes(), keyfile.KEY_MAGIC, "key").header
        params = keyfile.KdfParams.from_header(header["kdf"])
        kdf = [timed(lambda: keyfile.derive_kek(PASSPHRASE, params)) for _ in range(runs)]
        unlock, add = [], []
        for n in range(runs):
            start = time.perf_counter()
            with open_repository(data_dir, PASSPHRASE) as repo:
                count = repo.count(Entry)
                unlock.append(time.perf_counter() - start)
                draft = EntryDraft(text=f"one more entry {n}", anxiety=3)
                start = time.perf_counter()
                add_entry(repo, draft, record_id=f"extra-{n}", now=datetime.now(UTC))
                add.append(time.perf_counter() - start)
        med = statistics.median
        print(f"journal: {years} years, {count} entries, vault file {size / 1e6:.1f} MB")
        print(f"key derivation (Argon2id)     median {med(kdf) * 1000:7.1f} ms")
        print(f"unlock + read all, incl. KDF  median {med(unlock) * 1000:7.1f} ms")
        print(f"unlock minus key derivation   median {(med(unlock) - med(kdf)) * 1000:7.1f} ms")
        print(f"add one durable entry         median {med(add) * 1000:7.1f} ms")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))

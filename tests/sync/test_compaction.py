"""The sync folder does not grow without bound: a device folds its changes into a
snapshot of its own and deletes the files it replaces, so after a long use the folder
stays within twice the journal's own sealed files (the 10-year figure is in
benchmarks/sync.py)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from journal_app.app.journal_access import create_journal
from journal_app.app.sync_exchange import COMPACT_AFTER_FILES, sync_now
from journal_app.app.sync_setup import join, setup
from journal_app.core.journal import EntryDraft, add_entry
from journal_app.core.records import Entry
from tests.conftest import PASSPHRASE

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "nu",
    "re",
    "sa",
    "ti",
    "vo",
    "be",
    "da",
    "fe",
    "gu",
    "hi",
    "jo",
    "ke",
    "li",
    "mo",
    "na",
    "pe",
    "qu",
    "ri",
    "so",
    "tu",
]


def _text(n: int) -> str:
    """About 250 words that compress like writing does, not like a repeated phrase."""
    rng = random.Random(n)
    words = ("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(250))
    return " ".join(words) + f" ({n})"


def test_a_year_of_changes_keeps_the_folder_within_twice_the_journal(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    laptop = create_journal(tmp_path / "laptop", PASSPHRASE)
    setup(laptop, folder, "laptop")
    phone, _ = join(tmp_path / "phone", folder, PASSPHRASE, "phone")
    start = datetime(2025, 12, 1, 20, tzinfo=UTC)
    try:
        for day in range(365):
            device = laptop if day % 3 else phone
            add_entry(
                device,
                EntryDraft(text=_text(day), at=start + timedelta(days=day)),
                record_id=f"d{day}",
                now=start + timedelta(days=day),
            )
            if day % 10 == 0:  # an edit now and then
                entry = device.get(Entry, f"d{day}")
                device.update(replace(entry, text=entry.text + " (edited)"))
            if day % 30 == 0:
                sync_now(laptop)
                sync_now(phone)
        sync_now(laptop)
        sync_now(phone)
        assert len(laptop.all(Entry)) == len(phone.all(Entry)) == 365
    finally:
        laptop.close()
        phone.close()
    sealed = sum(
        (tmp_path / "laptop" / n).stat().st_size for n in ("key.tjk", "journal.tjv", "journal.tjl")
    )
    in_folder = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    assert in_folder <= 2 * sealed, (in_folder, sealed)
    for device in (p for p in folder.iterdir() if p.is_dir()):
        changes = list(device.glob("change-*.tjc"))
        assert len(changes) < COMPACT_AFTER_FILES + 2, len(changes)
        assert len(list(device.glob("snapshot-*.tjs"))) == 1
    print(f"\nfolder {in_folder / 1e6:.2f} MB for {sealed / 1e6:.2f} MB of sealed journal")

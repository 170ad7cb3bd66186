"""The allocator setting that lets a journal's large buffers go back to the system."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from journal_app.core.records import Entry
from journal_app.storage import memory
from journal_app.storage.repository import open_repository
from journal_app.storage.vault import Vault
from tests.conftest import PASSPHRASE


def _glibc() -> bool:
    try:
        return bool(os.confstr("CS_GNU_LIBC_VERSION"))
    except (AttributeError, ValueError, OSError):
        return False


@pytest.mark.skipif(not _glibc(), reason="only glibc's allocator is tuned")
def test_glibc_accepts_the_fixed_threshold_once_per_process() -> None:
    assert memory.return_large_blocks() is True
    assert memory.return_large_blocks() is True  # cached: one call to the C library
    assert memory.give_back_freed() is True


def test_a_journal_reads_and_writes_as_before_with_the_setting(tmp_path: Path) -> None:
    data_dir = tmp_path / "journal"
    Vault.create(data_dir, PASSPHRASE).close()
    made = Entry(id="e1", created_at=datetime(2026, 1, 2, tzinfo=UTC), text="Still here.")
    with open_repository(data_dir, PASSPHRASE) as repo:
        repo.add(made)
    with open_repository(data_dir, PASSPHRASE) as repo:
        assert [e.text for e in repo.all(Entry)] == ["Still here."]


def test_closing_lets_go_of_what_the_journal_held(tmp_path: Path) -> None:
    """Locking keeps no decrypted records or ids in the closed repository (so the heap
    they used can be handed back before the next unlock), and opening again reads all."""
    data_dir = tmp_path / "journal"
    Vault.create(data_dir, PASSPHRASE).close()
    made = Entry(id="e1", created_at=datetime(2026, 1, 2, tzinfo=UTC), text="Kept safe.")
    with open_repository(data_dir, PASSPHRASE) as repo:
        repo.add(made)
        assert repo.get(Entry, "e1") is not None
    assert repo._records == {} and repo._doc_ids == {}
    with open_repository(data_dir, PASSPHRASE) as repo:
        assert repo.get(Entry, "e1") == made


def test_closing_the_journal_forgets_every_check_in_score(data_dir: Path) -> None:
    """Scores are remembered while the journal is open (a bundle scores each check-in
    four times); none outlive the journal being closed (locked)."""
    from journal_app.core import checkins
    from journal_app.core.records import CheckIn

    at = datetime(2026, 1, 5, tzinfo=UTC)
    Vault.create(data_dir, PASSPHRASE).close()
    with open_repository(data_dir, PASSPHRASE) as repo:
        repo.add(CheckIn(id="c", created_at=at, taken_at=at, instrument="gad7", answers=[1] * 7))
        assert checkins.result_for(repo.all(CheckIn)[0]).score == 7
        assert checkins._scored.cache_info().currsize >= 1
    assert checkins._scored.cache_info().currsize == 0

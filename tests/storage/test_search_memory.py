"""Searching a real vault's entries through adds, edits and removals, and locking after."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from journal_app.core import search_index
from journal_app.core.journal import EntryDraft, EntryQuery, add_entry, search_entries
from journal_app.core.records import Entry
from journal_app.storage.repository import open_repository
from journal_app.storage.vault import Vault
from tests.conftest import PASSPHRASE

START = datetime(2026, 1, 1, tzinfo=UTC)


def texts(repo, words: str) -> list[str]:
    return [e.text for e in search_entries(repo.all(Entry), EntryQuery(words=words))]


def test_search_follows_every_change_and_is_forgotten_on_lock(data_dir: Path) -> None:
    Vault.create(data_dir, PASSPHRASE).close()
    with open_repository(data_dir, PASSPHRASE) as repo:
        for n, text in enumerate(["Called the clinic", "A calm walk", "Insurance call"]):
            add_entry(repo, EntryDraft(text=text), record_id=f"e{n}", now=START + timedelta(n))
        assert texts(repo, "call") == ["Insurance call", "Called the clinic"]
        assert texts(repo, "call") == ["Insurance call", "Called the clinic"]  # remembered
        add_entry(repo, EntryDraft(text="Call back Friday"), record_id="e3",
                  now=START + timedelta(3))  # fmt: skip
        assert texts(repo, "call") == ["Call back Friday", "Insurance call", "Called the clinic"]
        edited = repo.get(Entry, "e1")
        assert edited is not None
        edited.text = "A calm walk, then a call"
        repo.update(edited)
        assert texts(repo, "call")[-2:] == ["A calm walk, then a call", "Called the clinic"]
        repo.remove(Entry, "e0")
        assert texts(repo, "call") == [
            "Call back Friday", "Insurance call", "A calm walk, then a call"
        ]  # fmt: skip
        assert search_index.SHARED._index.haystacks
    # Locked: no decrypted writing is kept for the next search.
    assert search_index.SHARED._index.entries == []
    assert search_index.SHARED._index.haystacks == []
    assert search_index.SHARED._index.answers == {}


def test_an_edit_or_removal_changes_only_that_record_in_memory(data_dir: Path) -> None:
    """The remembered records follow a change in place, as reading them again would give,
    and the others stay the same objects (so searches need not fold them again)."""
    Vault.create(data_dir, PASSPHRASE).close()
    with open_repository(data_dir, PASSPHRASE) as repo:
        for n in range(4):
            add_entry(repo, EntryDraft(text=f"entry {n}"), record_id=f"e{n}",
                      now=START + timedelta(n))  # fmt: skip
        before = repo.all(Entry)
        edited = repo.get(Entry, "e1")
        assert edited is not None
        edited.text = "entry 1, edited"
        repo.update(edited)
        repo.remove(Entry, "e2")
        after = repo.all(Entry)
        assert [e.id for e in after] == ["e0", "e1", "e3"]
        assert after[0] is before[0] and after[2] is before[3]
        assert after[1] is not edited and after[1].text == "entry 1, edited"
    with open_repository(data_dir, PASSPHRASE) as repo:
        assert repo.all(Entry) == after

"""Deleting all of a person's data: the vault, backups, exports and preferences, nothing else."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from journal_app.core.errors import VaultBusy
from journal_app.core.journal import EntryDraft, add_entry
from journal_app.storage.erase import erase_vault
from journal_app.storage.exports import exports_dir, save_export
from journal_app.storage.repository import Repository, open_repository
from journal_app.storage.ui_prefs import UiPrefs, save_prefs
from journal_app.storage.vault import BACKUP_DIR, Vault, vault_exists
from tests.conftest import PASSPHRASE


def filled_vault(data_dir: Path) -> None:
    """A vault with data backups, key copies, an export and saved preferences."""
    day = datetime(2026, 1, 1, 9, tzinfo=UTC)
    Vault.create(data_dir, PASSPHRASE, clock=lambda: day).close()
    for n in range(2):
        at = day + timedelta(days=n + 1)
        repo = Repository(Vault.unlock(data_dir, PASSPHRASE, clock=lambda at=at: at))
        try:
            add_entry(repo, EntryDraft(text=f"entry {n}"), record_id=f"e{n}", now=at)
        finally:
            repo.close()
    save_export(data_dir, "summary-2026-01-04.html", b"<html>ciphertext</html>")
    save_export(data_dir, "before-my-consultation-2026-01-04.md", b"# my review")
    save_prefs(data_dir, UiPrefs(theme="dark", auto_lock_minutes=15, country="GB"))


def test_erase_removes_everything_the_app_wrote(data_dir: Path) -> None:
    filled_vault(data_dir)
    assert len(list((data_dir / BACKUP_DIR).iterdir())) >= 3
    removed = erase_vault(data_dir)
    assert removed >= 8
    assert not vault_exists(data_dir)
    assert [p for p in data_dir.rglob("*")] == []  # nothing left, not even the lock file
    assert data_dir.is_dir()  # the folder itself stays: it may have been chosen by hand


def test_erase_keeps_files_that_are_not_the_journals(data_dir: Path) -> None:
    filled_vault(data_dir)
    mine = data_dir / "my-notes.txt"
    mine.write_text("not the journal's")
    (exports_dir(data_dir) / "letter.pdf").write_bytes(b"%PDF")
    erase_vault(data_dir)
    assert mine.read_text() == "not the journal's"
    assert (exports_dir(data_dir) / "letter.pdf").exists()
    assert not vault_exists(data_dir)


def test_erase_refuses_while_the_journal_is_being_used(data_dir: Path) -> None:
    """A command or a save in another window holds the folder lock for its unit of work;
    erasing waits for it, then refuses rather than pull the files from under it."""
    filled_vault(data_dir)
    vault = Vault.unlock(data_dir, PASSPHRASE)
    try:
        with vault.hold(), pytest.raises(VaultBusy):
            erase_vault(data_dir)
    finally:
        vault.close()
    assert vault_exists(data_dir)


def test_erase_of_an_empty_or_missing_folder_is_harmless(tmp_path: Path) -> None:
    assert erase_vault(tmp_path / "never-made") == 0
    assert erase_vault(tmp_path) == 0


def test_a_new_journal_can_be_made_after_erasing(data_dir: Path) -> None:
    filled_vault(data_dir)
    erase_vault(data_dir)
    Vault.create(data_dir, PASSPHRASE).close()
    with open_repository(data_dir, PASSPHRASE) as repo:
        assert repo.count_all() == 0


def test_save_export_never_overwrites(tmp_path: Path) -> None:
    first = save_export(tmp_path, "summary-2026-01-04.html", b"one")
    second = save_export(tmp_path, "summary-2026-01-04.html", b"two")
    assert first.name == "summary-2026-01-04.html"
    assert second.name == "summary-2026-01-04-2.html"
    assert first.read_bytes() == b"one" and second.read_bytes() == b"two"
    with pytest.raises(ValueError):
        save_export(tmp_path, "../escape.html", b"x")

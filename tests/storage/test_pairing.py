"""Files that do not belong together: a missing snapshot or log, older copies put back.

Each of these once opened "fine" and dropped entries silently, and the next write then
overwrote the newer file. Every one must be damage, with nothing written.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from journal_app.core.errors import KeyFileProblem, VaultDamaged, VaultExists
from journal_app.core.journal import EntryDraft, add_entry
from journal_app.core.records import Entry
from journal_app.storage import sealed
from journal_app.storage.datafile import DATA_MAGIC
from journal_app.storage.repository import Repository, open_repository
from journal_app.storage.vault import DATA_FILE, KEY_FILE, LOG_FILE, Vault
from tests.conftest import PASSPHRASE, snapshot

FIXTURE_V1 = Path(__file__).resolve().parents[1] / "data" / "vault_v1"


def add(repo: Repository, record_id: str) -> None:
    add_entry(
        repo,
        EntryDraft(text=f"entry {record_id}"),
        record_id=record_id,
        now=datetime(2026, 1, 1, tzinfo=UTC),
    )


def ids(data_dir: Path) -> set[str]:
    with open_repository(data_dir, PASSPHRASE) as repo:
        return {e.id for e in repo.all(Entry)}


def compact(data_dir: Path) -> None:
    """Fold the log into a new snapshot, as a large log would."""
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        vault.write(vault.read())


def header(path: Path) -> dict:
    return sealed.parse(path.read_bytes(), DATA_MAGIC, "journal file").header


@pytest.fixture
def two_generations(data_dir: Path, tmp_path: Path) -> dict[str, bytes]:
    """A vault whose snapshot was rewritten once, with copies of both moments' files."""
    Vault.create(data_dir, PASSPHRASE).close()
    with open_repository(data_dir, PASSPHRASE) as repo:
        add(repo, "a")
    old = {n: (data_dir / n).read_bytes() for n in (DATA_FILE, LOG_FILE)}
    compact(data_dir)
    with open_repository(data_dir, PASSPHRASE) as repo:
        add(repo, "b")
    assert ids(data_dir) == {"a", "b"}
    return {f"old {n}": b for n, b in old.items()} | {
        f"new {n}": (data_dir / n).read_bytes() for n in (DATA_FILE, LOG_FILE)
    }


def assert_damage_and_untouched(data_dir: Path, words: str) -> None:
    before = snapshot(data_dir)
    for _ in range(2):  # reading, then trying to write
        with pytest.raises(VaultDamaged, match=words), open_repository(data_dir, PASSPHRASE) as r:
            add(r, "c")
    assert snapshot(data_dir) == before


def test_older_snapshot_beside_a_newer_log_is_damage(
    data_dir: Path, two_generations: dict[str, bytes]
) -> None:
    (data_dir / DATA_FILE).write_bytes(two_generations[f"old {DATA_FILE}"])
    assert_damage_and_untouched(data_dir, "do not belong together")


def test_a_sealed_backup_copied_over_the_journal_is_damage(data_dir: Path) -> None:
    """A backup sealed whole (as a restore keeps the journal it replaces) says so."""
    Vault.create(data_dir, PASSPHRASE).close()
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        vault.save_backup(vault.read())
    [backup] = (data_dir / "backups").glob("journal-*[0-9]Z.bak")
    shutil.copy(backup, data_dir / DATA_FILE)
    assert_damage_and_untouched(data_dir, "copy from the backups folder")


def test_a_days_backup_copied_over_a_newer_journal_is_damage(data_dir: Path) -> None:
    """The day's backup is the journal file as it was; put back after the journal was
    compacted, it does not belong with the log, and nothing is read as fewer entries."""
    Vault.create(data_dir, PASSPHRASE).close()
    with open_repository(data_dir, PASSPHRASE) as repo:
        add(repo, "a")  # the first change of the day copies the empty journal's files
    compact(data_dir)
    [backup] = (data_dir / "backups").glob("journal-*[0-9]Z.bak")
    shutil.copy(backup, data_dir / DATA_FILE)
    assert_damage_and_untouched(data_dir, "do not belong together")


def test_a_days_backup_put_back_before_any_compaction_loses_nothing(data_dir: Path) -> None:
    """Before a compaction, the copy is the very journal file beside the same log."""
    Vault.create(data_dir, PASSPHRASE).close()
    with open_repository(data_dir, PASSPHRASE) as repo:
        add(repo, "a")
    [backup] = (data_dir / "backups").glob("journal-*[0-9]Z.bak")
    shutil.copy(backup, data_dir / DATA_FILE)
    assert ids(data_dir) == {"a"}


def test_an_older_log_of_the_replaced_generation_with_fewer_changes_is_damage(
    data_dir: Path,
) -> None:
    Vault.create(data_dir, PASSPHRASE).close()
    with open_repository(data_dir, PASSPHRASE) as repo:
        add(repo, "a")
        early_log = (data_dir / LOG_FILE).read_bytes()
        add(repo, "b")
    compact(data_dir)
    (data_dir / LOG_FILE).write_bytes(early_log)
    assert_damage_and_untouched(data_dir, "do not belong together")


def test_the_log_a_crash_leaves_after_compaction_is_still_recognised(
    data_dir: Path, two_generations: dict[str, bytes]
) -> None:
    """Snapshot renamed, log not yet restarted: the old log is exactly what it absorbed."""
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        before_log = (data_dir / LOG_FILE).read_bytes()
        vault.write(vault.read())
    (data_dir / LOG_FILE).write_bytes(before_log)  # as if killed between the two renames
    assert ids(data_dir) == {"a", "b"}
    with open_repository(data_dir, PASSPHRASE) as repo:
        add(repo, "c")
    assert ids(data_dir) == {"a", "b", "c"}


def test_missing_snapshot_is_damage(data_dir: Path) -> None:
    Vault.create(data_dir, PASSPHRASE).close()
    with open_repository(data_dir, PASSPHRASE) as repo:
        add(repo, "a")
    (data_dir / DATA_FILE).unlink()
    assert_damage_and_untouched(data_dir, "journal file .* is missing")


def test_missing_log_is_damage(data_dir: Path) -> None:
    Vault.create(data_dir, PASSPHRASE).close()
    with open_repository(data_dir, PASSPHRASE) as repo:
        add(repo, "a")
    (data_dir / LOG_FILE).unlink()
    assert_damage_and_untouched(data_dir, "change log .* is missing")


def test_a_creation_cut_short_before_anything_was_written_opens_empty(data_dir: Path) -> None:
    """Killed during create, after the key: no entries can have existed."""
    Vault.create(data_dir, PASSPHRASE).close()
    (data_dir / DATA_FILE).unlink()
    (data_dir / LOG_FILE).unlink()
    assert ids(data_dir) == set()
    with open_repository(data_dir, PASSPHRASE) as repo:
        add(repo, "a")
    assert ids(data_dir) == {"a"}


def test_restore_keeps_what_the_journal_file_holds_when_its_log_is_gone(data_dir: Path) -> None:
    Vault.create(data_dir, PASSPHRASE).close()
    with open_repository(data_dir, PASSPHRASE) as repo:
        add(repo, "a")
    compact(data_dir)
    (data_dir / LOG_FILE).unlink()
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        vault.restore_backup(1)  # the empty journal from before "a"
    assert ids(data_dir) == set()
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        vault.restore_backup(1)  # what the journal file held, kept by the first restore
    assert ids(data_dir) == {"a"}


def test_missing_key_is_damage_and_create_refuses(data_dir: Path) -> None:
    Vault.create(data_dir, PASSPHRASE).close()
    with open_repository(data_dir, PASSPHRASE) as repo:
        add(repo, "a")
    (data_dir / KEY_FILE).unlink()
    before = snapshot(data_dir)
    with pytest.raises(KeyFileProblem, match="key file .* is missing") as raised:
        Vault.unlock(data_dir, PASSPHRASE)
    assert "backup restore-key" in raised.value.advice
    with pytest.raises(KeyFileProblem):
        Vault.create(data_dir, PASSPHRASE)
    assert snapshot(data_dir) == before
    assert Vault.restore_key(data_dir, PASSPHRASE) is True
    assert ids(data_dir) == {"a"}


@pytest.mark.parametrize("keep", [DATA_FILE, LOG_FILE, "backups"])
def test_create_refuses_over_any_journal_file(data_dir: Path, keep: str) -> None:
    Vault.create(data_dir, PASSPHRASE).close()
    with open_repository(data_dir, PASSPHRASE) as repo:
        add(repo, "a")
    for name in (KEY_FILE, DATA_FILE, LOG_FILE):
        if name != keep:
            (data_dir / name).unlink()
    if keep != "backups":
        shutil.rmtree(data_dir / "backups")
    before = snapshot(data_dir)
    with pytest.raises((KeyFileProblem, VaultExists)):
        Vault.create(data_dir, PASSPHRASE)
    assert snapshot(data_dir) == before


# --- the first format, as the code before these checks wrote it -------------------------


@pytest.fixture
def v1_vault(tmp_path: Path) -> Path:
    target = tmp_path / "v1"
    shutil.copytree(FIXTURE_V1, target)
    return target


def test_a_vault_made_by_the_first_format_opens_and_upgrades(v1_vault: Path) -> None:
    assert header(v1_vault / DATA_FILE)["version"] == 1
    assert ids(v1_vault) == {"fixture-a", "fixture-b", "fixture-c"}
    with open_repository(v1_vault, PASSPHRASE) as repo:
        add(repo, "new")
    assert header(v1_vault / DATA_FILE)["version"] == 2  # the first change upgrades it
    assert ids(v1_vault) == {"fixture-a", "fixture-b", "fixture-c", "new"}
    with Vault.unlock(v1_vault, PASSPHRASE) as vault:
        # Every backup opens, first-format ones included: the fixture's own (its journal
        # empty) and, on any day after the fixture's, the copy of the first-format journal
        # the day's first write takes. (This read backup 1 alone, which is the fixture's
        # only on the day it was made: the test failed from the next day on.)
        count = len(vault.backups.list())
        opened = [json.loads(vault.check_backup(n)) for n in range(1, count + 1)]
    assert opened[-1] == {}  # the oldest: the fixture's
    assert all(set(b.get("entries", {})) <= {"1", "2", "3"} for b in opened)


def test_a_first_format_snapshot_put_back_after_the_upgrade_is_damage(v1_vault: Path) -> None:
    old = (v1_vault / DATA_FILE).read_bytes()
    with open_repository(v1_vault, PASSPHRASE) as repo:
        add(repo, "new")
    with open_repository(v1_vault, PASSPHRASE) as repo:
        add(repo, "newer")  # now in a format-2 log
    (v1_vault / DATA_FILE).write_bytes(old)
    assert_damage_and_untouched(v1_vault, "do not belong together")

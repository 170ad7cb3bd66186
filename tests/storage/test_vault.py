"""The vault on a real temp folder with real cryptography."""

from __future__ import annotations

import dataclasses
import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from journal_app.core.errors import (
    VaultBusy,
    VaultDamaged,
    VaultExists,
    VaultMissing,
    WrongPassphrase,
)
from journal_app.core.journal import EntryDraft, add_entry
from journal_app.core.records import Entry
from journal_app.storage import keyfile, sealed
from journal_app.storage.backups import DEFAULT_KEEP, log_copy_of
from journal_app.storage.repository import Repository, open_repository
from journal_app.storage.vault import DATA_FILE, KEY_FILE, LOG_FILE, Vault
from tests.conftest import NEW_PASSPHRASE, PASSPHRASE, all_bytes, snapshot

SECRET = "I am scared to call the clinic about my panic attacks"


class FakeClock:
    """A clock the test moves by hand (storage reads time; the test decides it)."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def write_entry(repo: Repository, text: str, at: datetime | None = None) -> Entry:
    at = at or datetime(2026, 1, 1, tzinfo=UTC)
    return add_entry(
        repo,
        EntryDraft(text=text, anxiety=7, tags=["search"], feelings=["dread"]),
        record_id=f"id-{random.getrandbits(64):x}",
        now=at,
    )


@pytest.fixture
def vault_dir(data_dir: Path) -> Path:
    Vault.create(data_dir, PASSPHRASE).close()
    return data_dir


def test_round_trip(vault_dir: Path) -> None:
    with open_repository(vault_dir, PASSPHRASE) as repo:
        written = write_entry(repo, SECRET + " 😰 مرحبا")
    with open_repository(vault_dir, PASSPHRASE) as repo:
        [read] = repo.all(Entry)
    assert read == written
    assert read.text.endswith("😰 مرحبا")


def test_no_plaintext_anywhere_in_the_data_dir(vault_dir: Path) -> None:
    with open_repository(vault_dir, PASSPHRASE) as repo:
        write_entry(repo, SECRET)
        write_entry(repo, "second entry about therapy")  # forces a backup of the first state
    blob = all_bytes(vault_dir)
    for needle in (SECRET, "panic", "clinic", "dread", "search", "anxiety", "entries", "therapy"):
        assert needle.encode() not in blob
        assert needle.encode("utf-16-le") not in blob
    assert PASSPHRASE.encode() not in blob


def test_each_write_uses_a_fresh_nonce(vault_dir: Path) -> None:
    with Vault.unlock(vault_dir, PASSPHRASE) as vault:
        vault.write(b'{"same": 1}')
        first = (vault_dir / DATA_FILE).read_bytes()
        vault.write(b'{"same": 1}')
        second = (vault_dir / DATA_FILE).read_bytes()
    nonce_at = slice(len(first) - 32 - 16 - 11 - 12, len(first) - 32 - 16 - 11)
    assert first != second
    assert first[nonce_at] != second[nonce_at]


def test_wrong_passphrase_is_its_own_error_and_changes_nothing(vault_dir: Path) -> None:
    with open_repository(vault_dir, PASSPHRASE) as repo:
        write_entry(repo, SECRET)
    before = snapshot(vault_dir)
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_dir, "not the passphrase")
    assert snapshot(vault_dir) == before


@pytest.mark.parametrize("name", [KEY_FILE, DATA_FILE, LOG_FILE])
def test_any_flipped_byte_is_damage_not_a_wrong_passphrase(vault_dir: Path, name: str) -> None:
    with open_repository(vault_dir, PASSPHRASE) as repo:
        write_entry(repo, SECRET)
    target = vault_dir / name
    original = target.read_bytes()
    rng = random.Random(name)
    positions = sorted({0, len(original) - 1, *rng.sample(range(len(original)), 24)})
    for pos in positions:
        altered = bytearray(original)
        altered[pos] ^= 1 << rng.randrange(8)
        target.write_bytes(bytes(altered))
        before = snapshot(vault_dir)
        with pytest.raises(VaultDamaged), open_repository(vault_dir, PASSPHRASE) as repo:
            repo.all(Entry)
        assert snapshot(vault_dir) == before, f"byte {pos} changed files"
    target.write_bytes(original)
    with open_repository(vault_dir, PASSPHRASE) as repo:
        assert len(repo.all(Entry)) == 1


@pytest.mark.parametrize("keep", [0, 7, 40])
def test_truncated_files_are_damage(vault_dir: Path, keep: int) -> None:
    target = vault_dir / DATA_FILE
    target.write_bytes(target.read_bytes()[:keep])
    with pytest.raises(VaultDamaged), open_repository(vault_dir, PASSPHRASE) as repo:
        repo.all(Entry)


def test_altered_but_rechecksummed_data_is_still_caught(vault_dir: Path) -> None:
    """Someone who recomputes the outer checksum still cannot forge the GCM tag."""
    target = vault_dir / DATA_FILE
    body = bytearray(target.read_bytes()[: -sealed.DIGEST_BYTES])
    body[-5] ^= 0xFF
    import hashlib

    target.write_bytes(bytes(body) + hashlib.sha256(bytes(body)).digest())
    with pytest.raises(VaultDamaged, match="altered"), Vault.unlock(vault_dir, PASSPHRASE) as v:
        v.read()


def test_weakened_kdf_settings_are_refused(vault_dir: Path) -> None:
    """A key file asking for less than 64 MiB / 3 passes is a downgrade, not a vault."""
    key = keyfile.UnlockedKey(data_key=b"k" * 32, key_id="abc")
    weak = keyfile.KdfParams(salt=b"s" * 16, memory_kib=1024, iterations=1)
    header = {
        "format": keyfile.KEY_FORMAT,
        "version": keyfile.KEY_VERSION,
        "kdf": weak.to_header(),
        "key_id": key.key_id,
    }
    blob = sealed.seal(keyfile.KEY_MAGIC, header, b"x" * 32, key.data_key)
    with pytest.raises(VaultDamaged):
        keyfile.unwrap(blob, PASSPHRASE)


def test_shipped_kdf_meets_the_design_floor(vault_dir: Path) -> None:
    parsed = sealed.parse((vault_dir / KEY_FILE).read_bytes(), keyfile.KEY_MAGIC, "key file")
    kdf = parsed.header["kdf"]
    assert kdf["name"] == "argon2id"
    assert kdf["memory_kib"] >= 64 * 1024
    assert kdf["iterations"] >= 3


def test_data_file_from_another_vault_is_refused(tmp_path: Path, vault_dir: Path) -> None:
    other = tmp_path / "other"
    Vault.create(other, PASSPHRASE).close()
    (vault_dir / DATA_FILE).write_bytes((other / DATA_FILE).read_bytes())
    with (
        pytest.raises(VaultDamaged, match="different journal"),
        Vault.unlock(vault_dir, PASSPHRASE) as vault,
    ):
        vault.read()


def test_create_refuses_an_existing_vault(vault_dir: Path) -> None:
    before = snapshot(vault_dir)
    with pytest.raises(VaultExists):
        Vault.create(vault_dir, NEW_PASSPHRASE)
    assert snapshot(vault_dir) == before


def test_unlock_without_a_vault_says_so(tmp_path: Path) -> None:
    with pytest.raises(VaultMissing):
        Vault.unlock(tmp_path / "nothing-here", PASSPHRASE)


def test_a_second_opener_waits_for_a_unit_of_work_then_is_told_it_is_busy(
    vault_dir: Path,
) -> None:
    """Opening twice is fine (the app and a command); using it at the same instant is not."""
    first = Vault.unlock(vault_dir, PASSPHRASE)
    second = Vault.unlock(vault_dir, PASSPHRASE)
    try:
        with first.hold(), pytest.raises(VaultBusy):
            second.load_state()
        assert second.load_state() == first.load_state()
    finally:
        first.close()
        second.close()


def test_passphrase_change_rewraps_the_same_key(vault_dir: Path) -> None:
    with open_repository(vault_dir, PASSPHRASE) as repo:
        write_entry(repo, SECRET)
    data_before = (vault_dir / DATA_FILE).read_bytes()
    with Vault.unlock(vault_dir, PASSPHRASE) as vault:
        vault.change_passphrase(NEW_PASSPHRASE)
    assert (vault_dir / DATA_FILE).read_bytes() == data_before
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_dir, PASSPHRASE)
    with open_repository(vault_dir, NEW_PASSPHRASE) as repo:
        assert repo.all(Entry)[0].text == SECRET


def test_backups_are_taken_daily_and_rotate(data_dir: Path) -> None:
    clock = FakeClock()
    Vault.create(data_dir, PASSPHRASE, clock=clock).close()
    with Vault.unlock(data_dir, PASSPHRASE, clock=clock) as vault:
        repo = Repository(vault)
        for day in range(DEFAULT_KEEP + 5):
            write_entry(repo, f"day {day}")
            write_entry(repo, f"day {day}, later")  # same day: no second backup
            clock.now += timedelta(days=1)
        backups = vault.backups.list()
        assert len(backups) == DEFAULT_KEEP
        assert [b.number for b in backups] == list(range(1, DEFAULT_KEEP + 1))
        assert backups[0].taken_at > backups[-1].taken_at
        newest = json.loads(vault.check_backup(1))["entries"]
        # Each kept backup has its log copy beside it, and the pruned ones' are gone too.
        assert len(list((data_dir / "backups").glob("journal-*.log.bak"))) == DEFAULT_KEEP
    # The newest backup holds the journal as it was before the last day's first change.
    assert len(newest) == 2 * (DEFAULT_KEEP + 4)
    assert b"later" not in all_bytes(data_dir)


def test_the_days_backup_is_the_sealed_files_byte_for_byte(data_dir: Path) -> None:
    """The first change of a day copies the journal file and its log as they are on disk
    at that moment (nothing re-sealed), and that copy restores the journal it was."""
    clock = FakeClock()
    Vault.create(data_dir, PASSPHRASE, clock=clock).close()
    with Vault.unlock(data_dir, PASSPHRASE, clock=clock) as vault:
        repo = Repository(vault)
        write_entry(repo, "day one")
        write_entry(repo, "day one, later")
        clock.now += timedelta(days=1)
        before = {n: (data_dir / n).read_bytes() for n in (DATA_FILE, LOG_FILE)}
        write_entry(repo, "day two")
        newest = vault.backups.list()[0]
        assert newest.path.read_bytes() == before[DATA_FILE]
        assert log_copy_of(newest.path).read_bytes() == before[LOG_FILE]
        assert newest.size == sum(len(b) for b in before.values())
        assert {e["text"] for e in json.loads(vault.check_backup(1))["entries"].values()} == {
            "day one",
            "day one, later",
        }
        repo._db.close()
        vault.restore_backup(1)
        assert sorted(e.text for e in Repository(vault).all(Entry)) == ["day one", "day one, later"]


@contextmanager
def written_on_days(data_dir: Path, *texts: str) -> Iterator[tuple[Vault, Repository]]:
    """A new vault on a fake clock with one entry written on each of consecutive days
    (so a day's backup before each), open on the last day."""
    clock = FakeClock()
    Vault.create(data_dir, PASSPHRASE, clock=clock).close()
    with Vault.unlock(data_dir, PASSPHRASE, clock=clock) as vault:
        repo = Repository(vault)
        for n, text in enumerate(texts):
            clock.now += timedelta(days=1 if n else 0)
            write_entry(repo, text)
        yield vault, repo


def test_a_days_backup_without_its_log_copy_is_reported_not_read_short(data_dir: Path) -> None:
    with written_on_days(data_dir, "day one", "day two") as (vault, repo):
        log_copy_of(vault.backups.list()[0].path).unlink()
        with pytest.raises(VaultDamaged, match="backup 1 is missing"):
            vault.check_backup(1)
        with pytest.raises(VaultDamaged, match="backup 1"):
            vault.restore_backup(1)
        assert [e.text for e in repo.all(Entry)] == ["day one", "day two"]


def test_rotating_the_key_leaves_each_backup_one_file_that_still_opens(data_dir: Path) -> None:
    with written_on_days(data_dir, "day 0", "day 1", "day 2") as (vault, _repo):
        before = [json.loads(vault.check_backup(b.number)) for b in vault.backups.list()]
        assert len(list((data_dir / "backups").glob("*.log.bak"))) == len(before) == 3
        vault.rotate_key(NEW_PASSPHRASE)
        assert list((data_dir / "backups").glob("*.log.bak")) == []
        assert [json.loads(vault.check_backup(b.number)) for b in vault.backups.list()] == before


def test_restore_from_backup_brings_back_the_old_journal(data_dir: Path) -> None:
    clock = FakeClock()
    Vault.create(data_dir, PASSPHRASE, clock=clock).close()
    with Vault.unlock(data_dir, PASSPHRASE, clock=clock) as vault:
        repo = Repository(vault)
        write_entry(repo, "kept safe")
        clock.now += timedelta(days=1)
        write_entry(repo, "written the next day")  # backup 1 holds only "kept safe"
        repo._db.close()
        vault.restore_backup(1)
        texts = [e.text for e in Repository(vault).all(Entry)]
        assert texts == ["kept safe"]
        # The state we replaced became a backup too: nothing is lost by restoring.
        assert len(json.loads(vault.check_backup(1))["entries"]) == 2


def test_restore_after_passphrase_change_and_damage(data_dir: Path) -> None:
    clock = FakeClock()
    Vault.create(data_dir, PASSPHRASE, clock=clock).close()
    with Vault.unlock(data_dir, PASSPHRASE, clock=clock) as vault:
        repo = Repository(vault)
        write_entry(repo, "before the change")
        clock.now += timedelta(days=1)
        vault.change_passphrase(NEW_PASSPHRASE)
        write_entry(repo, "after the change")  # a new day: backup 1 holds the first entry
    (data_dir / DATA_FILE).write_bytes(b"garbage")
    with Vault.unlock(data_dir, NEW_PASSPHRASE, clock=clock) as vault:
        with pytest.raises(VaultDamaged):
            vault.read()
        vault.restore_backup(1)
        assert [e.text for e in Repository(vault).all(Entry)] == ["before the change"]


def test_damaged_key_file_can_be_recovered_from_its_copy(vault_dir: Path) -> None:
    with open_repository(vault_dir, PASSPHRASE) as repo:
        write_entry(repo, SECRET)
    (vault_dir / KEY_FILE).write_bytes(b"\x00" * 300)
    with pytest.raises(VaultDamaged):
        Vault.unlock(vault_dir, PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        Vault.unlock_with_key_copies(vault_dir, "wrong guess").close()
    Vault.unlock_with_key_copies(vault_dir, PASSPHRASE).close()
    with open_repository(vault_dir, PASSPHRASE) as repo:
        assert repo.all(Entry)[0].text == SECRET


def test_unknown_fields_from_a_newer_app_survive_a_rewrite(vault_dir: Path) -> None:
    with Vault.unlock(vault_dir, PASSPHRASE) as vault:
        old_doc = {
            "id": "e1",
            "created_at": "2020-05-01T10:00:00+00:00",
            "text": "from an older app: no feelings field, and one field from the future",
            "mood_colour": "teal",
        }
        vault.write(json.dumps({"entries": {"1": old_doc}}).encode())
    with open_repository(vault_dir, PASSPHRASE) as repo:
        [entry] = repo.all(Entry)
        assert entry.feelings == [] and entry.extra == {"mood_colour": "teal"}
        entry.tags = ["edited"]
        repo.update(entry)
    with Vault.unlock(vault_dir, PASSPHRASE) as vault:
        stored = json.loads(vault.read())["entries"]["1"]
    assert stored["mood_colour"] == "teal" and stored["tags"] == ["edited"]


def test_repository_crud(vault_dir: Path) -> None:
    with open_repository(vault_dir, PASSPHRASE) as repo:
        a = write_entry(repo, "a")
        assert [e.text for e in repo.all(Entry)] == ["a"]  # fills the record cache
        b = write_entry(repo, "b")
        assert [e.text for e in repo.all(Entry)] == ["a", "b"]  # the cache follows adds
        assert repo.get(Entry, a.id) == a
        a.text = "a, edited"
        repo.update(a)
        assert [e.text for e in repo.all(Entry)] == ["a, edited", "b"]
        assert repo.remove(Entry, b.id) is True
        assert repo.remove(Entry, b.id) is False
        assert repo.get(Entry, b.id) is None
        assert [e.text for e in repo.all(Entry)] == ["a, edited"]
        with pytest.raises(ValueError):
            repo.add(a)
    with open_repository(vault_dir, PASSPHRASE) as repo:
        assert [e.text for e in repo.all(Entry)] == ["a, edited"]
        assert repo.count(Entry) == 1


def test_a_change_logs_only_the_records_it_touched(vault_dir: Path) -> None:
    """Updating or removing one record appends a frame the size of that record (and its
    version, about 150 bytes), not the journal: this keeps the cost of a write flat as
    the journal grows."""
    log = vault_dir / LOG_FILE
    with open_repository(vault_dir, PASSPHRASE) as repo:
        many = [
            Entry(id=f"e{i}", created_at=datetime(2020, 1, 1, tzinfo=UTC), text="x" * 500)
            for i in range(300)
        ]
        repo.add_many(many)
        before = log.stat().st_size
        first = repo.get(Entry, "e0")
        assert first is not None
        first.text = "changed"
        repo.update(first)
        after_update = log.stat().st_size
        repo.remove(Entry, "e1")
        after_remove = log.stat().st_size
        write_entry(repo, "one more")
        after_add = log.stat().st_size
    assert after_update - before < 750
    assert after_remove - after_update < 350
    assert after_add - after_remove < 750
    with open_repository(vault_dir, PASSPHRASE) as repo:
        texts = {e.id: e.text for e in repo.all(Entry)}
    assert texts["e0"] == "changed" and "e1" not in texts and len(texts) == 300


def test_revision_changes_with_every_change_and_is_never_reused(vault_dir: Path) -> None:
    """Screens keep summaries of ten years of records until the revision moves: every
    add, edit and delete must move it, and a journal opened again must not reuse one."""
    with open_repository(vault_dir, PASSPHRASE) as repo:
        seen = [repo.revision]
        entry = write_entry(repo, "first")
        seen.append(repo.revision)
        repo.all(Entry)  # reading changes nothing
        assert repo.revision == seen[-1]
        repo.update(dataclasses.replace(entry, text="changed"))
        seen.append(repo.revision)
        assert repo.remove(Entry, entry.id)
        seen.append(repo.revision)
        assert not repo.remove(Entry, entry.id)  # nothing there: nothing changed
    with open_repository(vault_dir, PASSPHRASE) as again:
        seen.append(again.revision)
    assert len(set(seen)) == len(seen)


def test_a_kinds_revision_moves_only_with_that_kind(vault_dir: Path) -> None:
    """Check-ins keep their scored summary while entries are written: saving an entry made
    the next Check-ins visit score ten years of results again."""
    from journal_app.core.records import CheckIn, Goal

    with open_repository(vault_dir, PASSPHRASE) as repo:
        checkins, goals = repo.revision_of(CheckIn), repo.revision_of(Goal)
        entry = write_entry(repo, "first")
        assert repo.revision_of(CheckIn) == checkins and repo.revision_of(Goal) == goals
        entries = repo.revision_of(Entry)
        repo.update(dataclasses.replace(entry, text="changed"))
        assert repo.revision_of(Entry) != entries
        assert repo.revision_of(Entry, CheckIn)[1] == checkins[0]
        assert repo.revision_of(Entry)[0] == repo.revision  # the newest change
    with open_repository(vault_dir, PASSPHRASE) as again:  # never the same in two openings
        assert again.revision_of(CheckIn) != checkins


def test_since_decodes_only_the_recent_records_and_agrees_with_all(vault_dir: Path) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with open_repository(vault_dir, PASSPHRASE) as repo:
        for day in range(10):
            write_entry(repo, f"day {day}", start + timedelta(days=day))
    cut = start + timedelta(days=7)
    with open_repository(vault_dir, PASSPHRASE) as repo:
        recent = repo.since(Entry, cut)  # before anything was decoded
        assert [e.text for e in recent] == ["day 7", "day 8", "day 9"]
        assert [e.text for e in repo.since(Entry, cut)] == [e.text for e in recent]
        everything = repo.all(Entry)
        assert repo.since(Entry, cut) == [e for e in everything if e.created_at >= cut]
        assert repo.since(Entry, start - timedelta(days=1)) == everything

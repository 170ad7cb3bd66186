"""Revocation and secrets: a changed passphrase or a rotated key leaves nothing that opens
the old way, and the data folder is private. Real vault, real crypto, real folders."""

from __future__ import annotations

import json
import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from journal_app.core.errors import VaultDamaged, WrongPassphrase
from journal_app.core.records import Entry
from journal_app.storage import keyfile, oplog, sealed
from journal_app.storage.datafile import DATA_MAGIC, open_data
from journal_app.storage.repository import Repository
from journal_app.storage.staging import STAGE_DIR
from journal_app.storage.vault import BACKUP_DIR, KEY_FILE, Vault
from tests.conftest import NEW_PASSPHRASE, PASSPHRASE, snapshot
from tests.storage.test_vault import FakeClock, write_entry


def every_file(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".lock"]


def opens_with_passphrase(path: Path, passphrase: str) -> bool:
    """Whether the real unwrap code gets a data key out of ``path`` with ``passphrase``."""
    try:
        keyfile.unwrap(path.read_bytes(), passphrase)
    except (WrongPassphrase, VaultDamaged):
        return False
    return True


def journal_with_history(data_dir: Path, clock: FakeClock) -> None:
    """Entries over three days (so data backups), and two passphrase changes before."""
    Vault.create(data_dir, PASSPHRASE, clock=clock).close()
    with Vault.unlock(data_dir, PASSPHRASE, clock=clock) as vault:
        repo = Repository(vault)
        for day in range(3):
            write_entry(repo, f"day {day}")
            clock.now += timedelta(days=1)


def test_after_a_passphrase_change_no_file_opens_with_the_old_one(data_dir: Path) -> None:
    clock = FakeClock()
    journal_with_history(data_dir, clock)
    # A write killed midway can leave a temp copy of the key file (here: the old wrap).
    (data_dir / f".{KEY_FILE}.killed.tmp").write_bytes((data_dir / KEY_FILE).read_bytes())
    clock.now += timedelta(minutes=5)
    with Vault.unlock(data_dir, PASSPHRASE, clock=clock) as vault:
        vault.change_passphrase(NEW_PASSPHRASE)
    files = every_file(data_dir)
    assert [p.name for p in files if opens_with_passphrase(p, PASSPHRASE)] == []
    key_files = [p for p in files if opens_with_passphrase(p, NEW_PASSPHRASE)]
    assert len(key_files) >= 3  # the key file and its saved copies, all re-wrapped


def test_backups_restore_with_the_new_passphrase_only(data_dir: Path) -> None:
    clock = FakeClock()
    journal_with_history(data_dir, clock)
    with Vault.unlock(data_dir, PASSPHRASE, clock=clock) as vault:
        vault.change_passphrase(NEW_PASSPHRASE)
    (data_dir / KEY_FILE).write_bytes(b"\x00" * 300)  # damaged: restoring uses the copies
    with pytest.raises(WrongPassphrase):
        Vault.unlock_with_key_copies(data_dir, PASSPHRASE, clock=clock).close()
    with Vault.unlock_with_key_copies(data_dir, NEW_PASSPHRASE, clock=clock) as vault:
        vault.restore_backup(1)
        texts = sorted(e.text for e in Repository(vault).all(Entry))
    assert texts == ["day 0", "day 1"]


def test_key_rotation_leaves_nothing_the_old_key_opens(data_dir: Path) -> None:
    clock = FakeClock()
    journal_with_history(data_dir, clock)
    with Vault.unlock(data_dir, PASSPHRASE, clock=clock) as vault:
        old_key = vault._key  # what someone who learned the passphrase could have derived
        journal_before = json.loads(vault.read())
        backups_before = [json.loads(vault.check_backup(b.number)) for b in vault.backups.list()]
        vault.rotate_key(NEW_PASSPHRASE)
        new_key = vault._key
        assert json.loads(vault.read()) == journal_before  # the open vault follows along
    assert new_key.data_key != old_key.data_key
    # Someone holding the old data key, who also reads the new key id off the headers.
    forged = keyfile.UnlockedKey(data_key=old_key.data_key, key_id=new_key.key_id)
    for path in every_file(data_dir):
        blob = path.read_bytes()
        assert not opens_with_passphrase(path, PASSPHRASE), path
        if blob.startswith(keyfile.KEY_MAGIC):
            assert keyfile.unwrap(blob, NEW_PASSPHRASE).data_key == new_key.data_key
        elif blob.startswith(DATA_MAGIC):
            for key in (old_key, forged):
                with pytest.raises(VaultDamaged):
                    open_data(blob, key)
            with pytest.raises(sealed.InvalidTag):
                sealed.open_sealed(sealed.parse(blob, DATA_MAGIC, "file"), old_key.data_key)
        elif blob.startswith(oplog.LOG_MAGIC):
            with pytest.raises(VaultDamaged):
                oplog.read_log(path, forged)
        else:
            pytest.fail(f"unexpected file {path}")
    assert not (data_dir / STAGE_DIR).exists()
    with Vault.unlock(data_dir, NEW_PASSPHRASE, clock=clock) as vault:
        assert json.loads(vault.read()) == journal_before
        after = [json.loads(vault.check_backup(b.number)) for b in vault.backups.list()]
        assert after == backups_before
        vault.restore_backup(len(after))  # the oldest backup still restores
    with pytest.raises(WrongPassphrase):
        Vault.unlock(data_dir, PASSPHRASE)


def test_rotation_stops_before_writing_if_a_backup_is_damaged(data_dir: Path) -> None:
    clock = FakeClock()
    journal_with_history(data_dir, clock)
    [oldest, *_] = sorted((data_dir / BACKUP_DIR).glob("journal-*.bak"))
    oldest.write_bytes(oldest.read_bytes()[:-40] + b"\x00" * 40)
    before = snapshot(data_dir)
    with (
        Vault.unlock(data_dir, PASSPHRASE, clock=clock) as vault,
        pytest.raises(VaultDamaged, match="key was not changed"),
    ):
        vault.rotate_key(NEW_PASSPHRASE)
    assert snapshot(data_dir) == before
    Vault.unlock(data_dir, PASSPHRASE).close()


def test_a_rotation_cut_short_while_moving_files_is_finished_on_next_open(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The process dies after the change was decided but while files were being moved
    into place: the next open completes it, under the new key, with nothing lost."""
    clock = FakeClock()
    journal_with_history(data_dir, clock)
    with Vault.unlock(data_dir, PASSPHRASE, clock=clock) as vault:
        journal_before = json.loads(vault.read())
    real_replace, moves = os.replace, []

    def dying_replace(src: os.PathLike, dst: os.PathLike) -> None:
        moving_out = STAGE_DIR in str(src) and STAGE_DIR not in str(dst)
        if moving_out and len(moves) == 2:
            raise KeyboardInterrupt("the power went out")
        real_replace(src, dst)
        if moving_out:
            moves.append(dst)

    monkeypatch.setattr(os, "replace", dying_replace)
    vault = Vault.unlock(data_dir, PASSPHRASE, clock=clock)
    with pytest.raises(KeyboardInterrupt):
        vault.rotate_key(NEW_PASSPHRASE)
    vault._lock.release()
    monkeypatch.setattr(os, "replace", real_replace)
    assert (data_dir / STAGE_DIR).is_dir()  # half moved
    with Vault.unlock(data_dir, NEW_PASSPHRASE, clock=clock) as vault:
        assert json.loads(vault.read()) == journal_before
        assert len([vault.check_backup(b.number) for b in vault.backups.list()]) == 3
    assert not (data_dir / STAGE_DIR).exists()
    assert not any(opens_with_passphrase(p, PASSPHRASE) for p in every_file(data_dir))


def test_a_rotation_cut_short_before_it_was_decided_changes_nothing(data_dir: Path) -> None:
    clock = FakeClock()
    journal_with_history(data_dir, clock)
    before = snapshot(data_dir)
    staged = data_dir / STAGE_DIR
    staged.mkdir()
    (staged / KEY_FILE).write_bytes(b"half-written staging, no ready marker")
    with Vault.unlock(data_dir, PASSPHRASE, clock=clock) as vault:
        assert len(json.loads(vault.read())["entries"]) == 3
    assert not staged.exists() and snapshot(data_dir) == before


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_open_data_folder_is_made_private_on_create(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o777)
    os.chmod(data_dir, 0o777)  # past the umask, as a sync tool or a person might leave it
    Vault.create(data_dir, PASSPHRASE).close()
    assert mode(data_dir) == 0o700
    assert all(mode(p) == 0o600 for p in every_file(data_dir))


def test_an_open_data_folder_is_made_private_on_open(data_dir: Path) -> None:
    clock = FakeClock()
    journal_with_history(data_dir, clock)
    os.chmod(data_dir, 0o777)
    os.chmod(data_dir / BACKUP_DIR, 0o777)
    for path in every_file(data_dir):
        os.chmod(path, 0o666)
    (data_dir / "notes-of-mine.txt").write_text("not the journal's")
    os.chmod(data_dir / "notes-of-mine.txt", 0o644)
    Vault.unlock(data_dir, PASSPHRASE).close()
    assert mode(data_dir) == 0o700 and mode(data_dir / BACKUP_DIR) == 0o700
    ours = [p for p in every_file(data_dir) if p.name != "notes-of-mine.txt"]
    assert ours and all(mode(p) == 0o600 for p in ours)
    assert mode(data_dir / "notes-of-mine.txt") == 0o644  # not ours: left as it was


@pytest.mark.parametrize(
    "changes",
    [
        {"memory_kib": 2 * 1024 * 1024, "iterations": 64},  # the edited file from the report
        {"memory_kib": 512 * 1024},
        {"iterations": 9},
        {"memory_kib": 256 * 1024, "iterations": 8},  # each in range, together too much
        {"lanes": 64},
        {"lanes": 0},
    ],
)
def test_out_of_range_kdf_settings_are_refused_before_deriving(
    data_dir: Path, changes: dict
) -> None:
    Vault.create(data_dir, PASSPHRASE).close()
    forge_key_header(data_dir / KEY_FILE, changes)
    with pytest.raises(VaultDamaged, match="safe range"):
        Vault.unlock(data_dir, PASSPHRASE)


def forge_key_header(path: Path, kdf_changes: dict) -> None:
    """Edit the key file's KDF settings and recompute its SHA-256 trailer, as an attacker
    could: the file is consistent, and only the (slow) GCM check would catch it."""
    parsed = sealed.parse(path.read_bytes(), keyfile.KEY_MAGIC, "key file")
    header = dict(parsed.header)
    header["kdf"] = {**header["kdf"], **kdf_changes}
    header_bytes = sealed.canonical_json(header)
    body = (
        keyfile.KEY_MAGIC
        + len(header_bytes).to_bytes(4, "big")
        + header_bytes
        + parsed.nonce
        + parsed.ciphertext
    )
    import hashlib

    path.write_bytes(body + hashlib.sha256(body).digest())
    assert sealed.parse(path.read_bytes(), keyfile.KEY_MAGIC, "key file").header == header

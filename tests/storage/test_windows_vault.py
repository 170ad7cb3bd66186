"""The whole vault with Windows' file behaviour substituted (see ``os_traits``).

What can be run on Linux is run for real: a real vault in a temp folder, real Argon2id
and AES-GCM, two openers in one folder. What Windows does differently is taken from
``os_traits``: no folder is ever opened to be fsynced, and the change log is not held
open between units of work (on Windows another process could not compact it meanwhile).
"""

from __future__ import annotations

import os
import struct
from datetime import UTC, datetime
from pathlib import Path

import pytest

from journal_app.core.journal import EntryDraft, add_entry
from journal_app.core.records import Entry
from journal_app.storage import os_traits
from journal_app.storage import vault as vault_module
from journal_app.storage.repository import Repository
from journal_app.storage.vault import DATA_FILE, LOG_FILE, Vault
from tests.conftest import NEW_PASSPHRASE, PASSPHRASE
from tests.helpers.windows_traits import as_windows, opened_paths, refusing_replace


def _add(repo: Repository, text: str, number: int) -> None:
    add_entry(
        repo,
        EntryDraft(text=text, anxiety=3, tags=[], feelings=[]),
        record_id=f"entry-{number}",
        now=datetime(2026, 3, 1, 9, number, tzinfo=UTC),
    )


def _descriptors_on(path: Path) -> int:
    """How many of this process's open descriptors point at ``path`` (Linux /proc)."""
    fds = Path("/proc/self/fd")
    count = 0
    for fd in fds.iterdir():
        try:
            count += os.readlink(fd) == str(path)
        except OSError:
            continue  # the descriptor listing itself, closed meanwhile
    return count


@pytest.mark.parametrize("windows", [False, True])
def test_the_log_is_let_go_between_units_of_work_on_windows(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, windows: bool
) -> None:
    """The app keeps a journal open for hours; on Windows it must not keep the log open."""
    if windows:
        as_windows(monkeypatch)
    Vault.create(data_dir, PASSPHRASE).close()
    app = Repository(Vault.unlock(data_dir, PASSPHRASE))
    try:
        _add(app, "first", 1)
        held = _descriptors_on(data_dir / LOG_FILE)
        assert held == (0 if windows else 1)  # POSIX keeps it: no reopen on each save
        _add(app, "second", 2)
        _add(app, "third", 3)
    finally:
        app.close()
    reader = Repository(Vault.unlock(data_dir, PASSPHRASE))
    try:
        assert sorted(e.text for e in reader.all(Entry)) == ["first", "second", "third"]
    finally:
        reader.close()


def test_a_journal_lives_its_whole_life_without_a_folder_fsync(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Create, two openers taking turns, compaction, backups, a passphrase change and a key
    rotation (staged files moved into place): all with Windows' traits, nothing lost, and
    no folder opened at any step."""
    as_windows(monkeypatch)
    monkeypatch.setattr(vault_module, "COMPACT_MIN_BYTES", 4096)  # compact every few saves
    with opened_paths() as opened:
        Vault.create(data_dir, PASSPHRASE).close()
        empty_snapshot = (data_dir / DATA_FILE).stat().st_size
        app = Repository(Vault.unlock(data_dir, PASSPHRASE))
        command = Repository(Vault.unlock(data_dir, PASSPHRASE))
        try:
            for number in range(1, 41):
                _add(app if number % 2 else command, "word " * 200 + str(number), number)
            assert len(app.all(Entry)) == 40
            assert (data_dir / DATA_FILE).stat().st_size > empty_snapshot + 4096  # compacted
        finally:
            app.close()
            command.close()
        with Vault.unlock(data_dir, PASSPHRASE) as vault:
            vault.change_passphrase(NEW_PASSPHRASE)
        with Vault.unlock(data_dir, NEW_PASSPHRASE) as vault:
            vault.rotate_key(PASSPHRASE)
    assert opened, "the audit hook saw nothing"
    folders = sorted({p for p in opened if Path(p).is_dir()})
    assert folders == []
    reader = Repository(Vault.unlock(data_dir, PASSPHRASE))
    try:
        texts = sorted(int(e.text.split()[-1]) for e in reader.all(Entry))
    finally:
        reader.close()
    assert texts == list(range(1, 41))


def test_erasing_leaves_a_lock_file_another_opener_holds_without_a_word(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows a second window waiting for the lock keeps the (empty) lock file from
    being removed; everything else is gone and the erase is not reported as failed."""
    from journal_app.storage import atomic
    from journal_app.storage.erase import erase_vault

    Vault.create(data_dir, PASSPHRASE).close()
    monkeypatch.setattr(os_traits, "open_files_block_replace", lambda: True)
    monkeypatch.setattr(atomic, "REPLACE_RETRY_DELAYS", (0.01, 0.02))
    with refusing_replace(data_dir / ".lock"):
        assert erase_vault(data_dir) >= 3  # the key, the snapshot, the log, ...
        assert [p.name for p in data_dir.iterdir()] == [".lock"]


@pytest.mark.parametrize("windows", [False, True])
def test_a_torn_tail_is_cut_off_before_the_next_change_on_either_platform(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, windows: bool
) -> None:
    """Reopening the log skips the cut-and-fsync only when there is nothing to cut."""
    if windows:
        as_windows(monkeypatch)
    Vault.create(data_dir, PASSPHRASE).close()
    app = Repository(Vault.unlock(data_dir, PASSPHRASE))
    try:
        _add(app, "before the crash", 1)
    finally:
        app.close()
    log = data_dir / LOG_FILE
    whole = log.stat().st_size
    length = 200  # a frame that announced 200 bytes and got 5 onto the disk
    with log.open("ab") as tail:
        tail.write(struct.pack(">II", length, length ^ 0xFFFFFFFF) + b"cut s")
    app = Repository(Vault.unlock(data_dir, PASSPHRASE))
    try:
        _add(app, "after the crash", 2)
        _add(app, "and one more", 3)
    finally:
        app.close()
    assert log.stat().st_size > whole
    reader = Repository(Vault.unlock(data_dir, PASSPHRASE))
    try:
        assert sorted(e.text for e in reader.all(Entry)) == [
            "after the crash",
            "and one more",
            "before the crash",
        ]
    finally:
        reader.close()

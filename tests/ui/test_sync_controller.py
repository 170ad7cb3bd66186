"""Settings' sync card and the shell's watch, through the controller the screens use, on
real journals and a real folder (a second device is a second journal on the same folder)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from journal_app.app.journal_access import unlock_journal
from journal_app.app.session import AppSession
from journal_app.app.sync_setup import join
from journal_app.core.journal import EntryDraft, InvalidInput, add_entry
from journal_app.core.records import Entry
from journal_app.ui.controllers.sync import SyncController

PASS = "quiet harbour maple 7"
NEW_PASSPHRASE = "violet canyon drum 58"


@pytest.fixture
def laptop(tmp_path: Path) -> AppSession:
    session = AppSession(tmp_path / "laptop")
    session.create(PASS, PASS)
    yield session
    session.lock()


def test_starting_to_sync_names_the_devices(laptop: AppSession, tmp_path: Path) -> None:
    ctl = SyncController(laptop)
    before = ctl.view()
    assert not before.syncing and before.suggested_name
    with pytest.raises(InvalidInput):
        ctl.start("", "laptop")
    words = ctl.start(str(tmp_path / "Sync"), "Ana's laptop")
    assert "Syncing through" in words and "Ana's laptop" in words
    phone, _ = join(tmp_path / "phone", tmp_path / "Sync", PASS, "Ana's phone")
    phone.close()
    ctl.now()
    view = ctl.view()
    assert view.syncing and view.this_name == "Ana's laptop"
    names = [row.name for row in view.devices]
    assert names == ["Ana's laptop (this device)", "Ana's phone"]
    assert view.problems == [] and view.unsent == 0
    assert "no longer syncs" in ctl.stop()
    assert not ctl.view().syncing


def test_the_watch_takes_in_another_device_s_change_once(
    laptop: AppSession, tmp_path: Path
) -> None:
    ctl = SyncController(laptop)
    ctl.start(str(tmp_path / "Sync"), "laptop")
    phone, _ = join(tmp_path / "phone", tmp_path / "Sync", PASS, "phone")
    seen: dict = {}
    ctl.watch(seen)  # the first look takes in whatever waited
    assert ctl.watch(seen).changed is False  # nothing new: nothing to redraw
    quiet_since = laptop.last_activity
    add_entry(phone, EntryDraft(text="from the phone"), record_id="p1", now=datetime.now(UTC))
    phone.close()
    found = ctl.watch(seen)
    assert found.changed and found.words == ""
    assert laptop.last_activity == quiet_since  # the app's own work is not activity
    with laptop.work() as journal:
        assert [e.text for e in journal.all(Entry)] == ["from the phone"]
    assert ctl.watch(seen).changed is False


def test_the_watch_says_once_that_the_key_changed_elsewhere(
    laptop: AppSession, tmp_path: Path
) -> None:
    ctl = SyncController(laptop)
    ctl.start(str(tmp_path / "Sync"), "laptop")
    phone, _ = join(tmp_path / "phone", tmp_path / "Sync", PASS, "phone")
    phone.close()
    from journal_app.app.maintenance import rotate_key

    phone = unlock_journal(tmp_path / "phone", PASS)
    rotate_key(phone, PASS, NEW_PASSPHRASE)
    phone.close()
    seen: dict = {}
    first = ctl.watch(seen)
    assert "changed on another device" in first.words
    assert ctl.watch(seen).words == ""  # once, not every two seconds
    assert ctl.view().key_changed
    with pytest.raises(Exception, match="passphrase"):
        ctl.take_new_passphrase("not it")
    assert "new passphrase" in ctl.take_new_passphrase(NEW_PASSPHRASE)
    assert not ctl.view().key_changed


def test_a_full_copy_of_this_journal_brings_back_nothing_new(laptop: AppSession) -> None:
    ctl = SyncController(laptop)
    with laptop.work() as journal:
        add_entry(journal, EntryDraft(text="kept"), record_id="k", now=datetime.now(UTC))
    name, data, words = ctl.full_copy()
    assert name.endswith(".tjcopy") and data and "full copy" in words
    assert b"kept" not in data
    assert "Nothing new" in ctl.bring_back(data)
    with pytest.raises(InvalidInput):
        ctl.bring_back(b"")


def test_a_new_device_brings_its_journal_from_the_folder(laptop: AppSession, tmp_path) -> None:
    SyncController(laptop).start(str(tmp_path / "Sync"), "laptop")
    with laptop.work() as journal:
        add_entry(journal, EntryDraft(text="on the laptop"), record_id="l1", now=datetime.now(UTC))
    fresh = AppSession(tmp_path / "new-phone")
    with pytest.raises(Exception, match="does not open"):
        fresh.join_sync(str(tmp_path / "Sync"), "wrong passphrase")
    assert not (tmp_path / "new-phone").exists()
    fresh.join_sync(str(tmp_path / "Sync"), PASS, "new phone")
    with fresh.work() as journal:
        assert [e.text for e in journal.all(Entry)] == ["on the laptop"]
    fresh.lock()

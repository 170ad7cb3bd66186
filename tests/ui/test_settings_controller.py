"""The settings screen's controller on a real vault: passphrase, backups, prefs, erasing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from journal_app.app.session import LOCKED, NO_VAULT, UNLOCKED, AppSession
from journal_app.core.errors import WrongPassphrase
from journal_app.core.journal import EntryDraft, InvalidInput, add_entry
from journal_app.core.records import Entry
from journal_app.storage.ui_prefs import AUTO_LOCK_CHOICES, load_prefs
from journal_app.storage.vault import vault_exists
from journal_app.ui.controllers.settings import SettingsController
from tests.conftest import snapshot
from tests.ui.conftest import ManualClock

PASSPHRASE = "quiet harbour maple 7"
NEW = "copper meadow lantern 19"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 11, 20, 9, 0, tzinfo=UTC))


@pytest.fixture
def session(clocked_session: AppSession) -> AppSession:
    return clocked_session


def write(session: AppSession, text: str) -> None:
    with session.work() as repo:
        add_entry(repo, EntryDraft(text=text), record_id=session.new_id(), now=session.now())


def test_change_passphrase_then_unlock_with_the_new_one(session: AppSession) -> None:
    write(session, "before the change")
    ctl = SettingsController(session)
    ctl.change_passphrase(PASSPHRASE, NEW, NEW)
    assert session.state == UNLOCKED  # still open: only the key file was re-wrapped
    session.lock()
    with pytest.raises(WrongPassphrase):
        session.unlock(PASSPHRASE)
    session.unlock(NEW)
    with session.work() as repo:
        assert [e.text for e in repo.all(Entry)] == ["before the change"]


def test_change_passphrase_refusals_change_nothing(session: AppSession) -> None:
    ctl = SettingsController(session)
    before = snapshot(session.data_dir)
    with pytest.raises(WrongPassphrase, match="isn't your current passphrase"):
        ctl.change_passphrase("not my passphrase at all", NEW, NEW)
    with pytest.raises(InvalidInput, match="don't match"):
        ctl.change_passphrase(PASSPHRASE, NEW, NEW + "x")
    with pytest.raises(InvalidInput, match="too easy"):
        ctl.change_passphrase(PASSPHRASE, "aaaaaaaaaa", "aaaaaaaaaa")
    with pytest.raises(InvalidInput, match="same"):
        ctl.change_passphrase(PASSPHRASE, PASSPHRASE, PASSPHRASE)
    with pytest.raises(InvalidInput, match="current"):
        ctl.change_passphrase("", NEW, NEW)
    assert snapshot(session.data_dir) == before
    session.lock()
    session.unlock(PASSPHRASE)


def test_restore_puts_a_backup_back_and_locks(session: AppSession, clock: ManualClock) -> None:
    write(session, "day one")  # first write of the day: the empty journal is backed up
    clock.now += timedelta(days=1)
    write(session, "day two")  # a new day: the journal holding "day one" is backed up
    ctl = SettingsController(session)
    rows = ctl.backups()
    assert [r.number for r in rows] == [1, 2]
    assert "2026" in rows[0].when and rows[0].size
    clock.now += timedelta(minutes=5)
    ctl.restore(1)  # the newest backup: the journal as it was after "day one"
    assert session.state == LOCKED  # the person unlocks again to see it
    session.unlock(PASSPHRASE)
    with session.work() as repo:
        assert [e.text for e in repo.all(Entry)] == ["day one"]
    # what was there before the restore was kept as a backup
    assert len(SettingsController(session).backups()) == 3


def test_preferences_are_saved_beside_the_vault(session: AppSession) -> None:
    ctl = SettingsController(session)
    assert [k for k, _ in ctl.theme_choices()] == ["system", "light", "dark"]
    assert [int(k) for k, _ in ctl.auto_lock_choices()] == list(AUTO_LOCK_CHOICES)
    assert dict(ctl.auto_lock_choices())["60"] == "1 hour"
    countries = dict(ctl.country_choices())
    assert countries["GB"] == "United Kingdom" and "" in countries
    ctl.set_theme("dark")
    ctl.set_auto_lock("15")
    ctl.set_country("gb")
    saved = load_prefs(session.data_dir)
    assert (saved.theme, saved.auto_lock_minutes, saved.country) == ("dark", 15, "GB")
    assert session.prefs == saved
    with pytest.raises(InvalidInput):
        ctl.set_auto_lock("7")
    with pytest.raises(InvalidInput):
        ctl.set_theme("purple")
    with pytest.raises(InvalidInput):
        ctl.set_country("XX")
    assert load_prefs(session.data_dir) == saved


def test_calm_motion_is_off_until_chosen_and_kept_beside_the_vault(session: AppSession) -> None:
    ctl = SettingsController(session)
    assert ctl.prefs.calm_motion is False
    ctl.set_calm_motion(True)
    assert load_prefs(session.data_dir).calm_motion is True
    (session.data_dir / "app-preferences.json").write_text('{"calm_motion": "yes"}')
    assert load_prefs(session.data_dir).calm_motion is False  # odd values: the default


def test_erase_needs_the_word_then_returns_to_first_run(session: AppSession) -> None:
    write(session, "something private")
    ctl = SettingsController(session)
    ctl.set_theme("dark")
    before = snapshot(session.data_dir)
    for typed in ("", "delete", "DELET"):
        with pytest.raises(InvalidInput, match="DELETE"):
            ctl.erase_everything(typed)
    assert snapshot(session.data_dir) == before and session.state == UNLOCKED
    assert ctl.erase_confirmed(" DELETE ")
    ctl.erase_everything("DELETE")
    assert session.state == NO_VAULT
    assert not vault_exists(session.data_dir)
    assert list(session.data_dir.rglob("*")) == []
    assert session.prefs.theme == "system"
    session.create(PASSPHRASE, PASSPHRASE)  # a fresh start works
    with session.work() as repo:
        assert repo.all(Entry) == []

"""The notice a minute before auto-lock, and whose helplines are shown, on the real session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from journal_app.app.crisis_files import person_country
from journal_app.app.session import AppSession
from journal_app.ui.app import AUTO_LOCK_SECONDS_ENV, auto_lock_cap

PASS = "quiet harbour maple 7"


def test_the_notice_comes_in_the_last_minute_only(tmp_path: Path) -> None:
    now = [datetime(2026, 12, 1, 9, 0, tzinfo=UTC)]
    session = AppSession(tmp_path / "journal", clock=lambda: now[0])
    session.create(PASS, PASS)
    minutes = session.prefs.auto_lock_minutes
    assert not session.auto_lock_warning_due()
    now[0] += timedelta(minutes=minutes) - timedelta(seconds=59)
    assert session.auto_lock_warning_due()
    assert session.seconds_until_auto_lock() == 59
    session.touch()  # "Stay unlocked"
    assert not session.auto_lock_warning_due()
    session.lock()
    assert session.seconds_until_auto_lock() is None


def test_a_short_quiet_spell_warns_at_half_of_it_and_typing_takes_it_away(tmp_path: Path) -> None:
    """One minute (the shortest choice): the notice at 30 s left, not the moment the person
    stops; the browser tests' cap of seconds likewise. A keystroke puts it off again."""
    from dataclasses import replace

    now = [datetime(2026, 12, 1, 9, 0, tzinfo=UTC)]
    session = AppSession(tmp_path / "journal", clock=lambda: now[0])
    session.create(PASS, PASS)
    session.save_prefs(replace(session.prefs, auto_lock_minutes=1))
    now[0] += timedelta(seconds=20)
    assert not session.auto_lock_warning_due()  # due at once before: 40 s left <= 60
    now[0] += timedelta(seconds=11)
    assert session.auto_lock_warning_due() and session.seconds_until_auto_lock() == 29
    session.form_changed("journal.new", lambda: ({"text": "still typing"}, None))
    assert not session.auto_lock_warning_due()
    now[0] += timedelta(seconds=60)
    assert session.should_auto_lock()
    session.lock()

    capped = AppSession(tmp_path / "journal", clock=lambda: now[0],
                        auto_lock_cap=timedelta(seconds=8))  # fmt: skip
    capped.unlock(PASS)
    assert capped.auto_lock_after() == timedelta(seconds=8)  # sooner than Settings' minute
    now[0] += timedelta(seconds=3)
    assert not capped.auto_lock_warning_due()
    now[0] += timedelta(seconds=2)
    assert capped.auto_lock_warning_due()
    now[0] += timedelta(seconds=3)
    assert capped.should_auto_lock()
    capped.lock()
    # The cap only ever makes the lock sooner.
    later = AppSession(tmp_path / "journal", auto_lock_cap=timedelta(hours=2))
    assert later.auto_lock_after() == timedelta(minutes=1)


def test_the_country_comes_from_settings_then_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JOURNAL_APP_COUNTRY", raising=False)
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    assert person_country("IE") == "IE"
    assert person_country(None) == "GB"


def test_the_test_only_auto_lock_cap_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(AUTO_LOCK_SECONDS_ENV, raising=False)
    assert auto_lock_cap() is None
    for raw, expected in (("8", timedelta(seconds=8)), (" 30 ", timedelta(seconds=30)),
                          ("0", None), ("-3", None), ("2.5", None), ("99999", None)):  # fmt: skip
        monkeypatch.setenv(AUTO_LOCK_SECONDS_ENV, raw)
        assert auto_lock_cap() == expected, raw

"""The notice a minute before auto-lock, and whose helplines are shown, on the real session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from journal_app.app.crisis_files import person_country
from journal_app.app.session import AppSession

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


def test_the_country_comes_from_settings_then_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JOURNAL_APP_COUNTRY", raising=False)
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    assert person_country("IE") == "IE"
    assert person_country(None) == "en_GB.UTF-8"

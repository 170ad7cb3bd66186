"""The journal's date range and a follow-up's date and time, picked in the real app in
Chromium with the calendar and the clock dialogs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.cli.test_edit_cli import _contacted_days_ago
from tests.conftest import PASSPHRASE
from tests.e2e.app_server import AppPage, served_app

pytestmark = pytest.mark.e2e
ZONE = {"TZ": "America/New_York"}


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A journal with one entry and a therapist contacted six days ago (a nudge is due)."""
    data = tmp_path_factory.mktemp("pickers") / "journal"
    env = {"JOURNAL_APP_DATA_DIR": str(data), "JOURNAL_APP_PASSPHRASE": PASSPHRASE, **ZONE}
    for args in (("init",), ("entry", "add", "Rang the clinic today")):
        subprocess.run(
            [sys.executable, "-m", "journal_app.cli", *args],
            env={**os.environ, **env},
            check=True,
            capture_output=True,
        )
    _contacted_days_ago(data, 6)
    with served_app(data, env_extra=ZONE) as url:
        yield url


def unlock(app: AppPage) -> None:
    app.see("Welcome back")
    app.type_into("Passphrase", PASSPHRASE)
    app.click("Unlock")
    app.see("Prepare for my consultation")


def pick_on_calendar(app: AppPage, day: date) -> None:
    """Tap ``day`` in the open calendar (a month back first if need be), then OK."""
    today = datetime.now(ZoneInfo(ZONE["TZ"])).date()
    if (day.year, day.month) != (today.year, today.month):
        app.click("Previous month")
        app.page.wait_for_timeout(500)
    app.tap(app.page.get_by_role("button", name=re.compile(rf"^{day.day}, .*{day.year}")))
    app.click("OK")
    app.page.wait_for_timeout(600)


def test_follow_up_date_and_time_then_journal_date_range(
    browser, app_url: str, screenshots: Path
) -> None:
    today = datetime.now(ZoneInfo(ZONE["TZ"])).date()
    five_days_ago = today - timedelta(days=5)
    app = AppPage(browser, app_url, 1280, 800)
    try:
        unlock(app)
        app.see("You got in touch with Dr Ruiz")
        app.see("When: now")
        app.click("It was earlier")
        app.see("When did it happen?")
        pick_on_calendar(app, five_days_ago)
        app.see("At what time?")
        app.shot(screenshots / "followup-clock.png")
        app.click("Switch to text input mode")
        app.page.wait_for_timeout(600)
        app.type_into("Hour", "4")
        app.type_into("Minute", "05")
        app.tap(app.page.get_by_role("radio", name="PM"))
        app.click("OK")
        app.see(f"When: {five_days_ago:%a %d %b}, 16:05")
        app.shot(screenshots / "followup-when.png")
        app.click("I followed up")
        # Counted from five days ago, the second, quieter nudge is due at once.
        app.see(f"You followed up with Dr Ruiz on {five_days_ago:%A}")

        app.go("Journal")
        app.click("More filters")  # the days wait behind it
        app.see("From the first entry")
        app.click("From the first entry")
        app.see("Show entries from")
        pick_on_calendar(app, today)
        app.see(f"From {today.day} {today:%b %Y}")
        app.see("1 matching entry")
        app.click("To today")
        app.see("Show entries up to")
        pick_on_calendar(app, today - timedelta(days=1))
        app.see("The end date is before the start date.")
        app.see("To today")  # left as it was
        app.shot(screenshots / "journal-date-range.png")
        app.click("Clear search and filters")
        app.see("From the first entry")
        app.see("1 entry")
    finally:
        app.close()

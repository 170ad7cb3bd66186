"""The month by keyboard in real Chromium: arrow keys from written day to written day,
Page Up and Page Down a month back and on, and Esc meaning nothing there.

On the session's shared app (tests/e2e/conftest.py). Three days of last month are written
beforehand through the real repository while the app is locked, so the arrows have days
to go between whatever else the shared journal holds this month.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from journal_app.app.clock import today as local_today
from journal_app.app.journal_access import opened_journal
from journal_app.core.journal import EntryDraft, add_entry
from journal_app.core.month import step_month
from journal_app.core.records import Entry
from tests.e2e.test_app_a11y import day_name, focused, tab_to

pytestmark = pytest.mark.e2e
WRITTEN = (3, 5, 12)  # days of last month with an entry: Right, Down, Left, Up between them


def write_last_month(data_dir: Path, passphrase: str) -> tuple[int, int]:
    """An entry at noon on each of ``WRITTEN`` last month; that month, as (year, month)."""
    today = local_today()
    year, month = step_month(today.year, today.month, -1)
    with opened_journal(data_dir, passphrase) as repo:
        for day in WRITTEN:
            moment = datetime(year, month, day, 12, tzinfo=UTC)
            draft = EntryDraft(text=f"Arrow key day {day}", anxiety=day % 10)
            add_entry(repo, draft, record_id=f"keys-{uuid.uuid4().hex}", now=moment)
        others = {
            e.created_at.day
            for e in repo.all(Entry)
            if (e.created_at.year, e.created_at.month) == (year, month)
        }
    assert others == set(WRITTEN), f"last month holds other days too: {sorted(others)}"
    return year, month


def test_arrows_move_between_written_days_and_page_keys_step_months(
    browser, shared_app, screenshots: Path
) -> None:
    year, month = write_last_month(shared_app.data_dir, shared_app.passphrase)
    day = {n: date(year, month, n) for n in WRITTEN}
    today = local_today()
    app = shared_app.open(browser)
    try:
        app.click("Your month")
        app.see(f"{today:%B} {today.year}")
        tab_to(app, "Previous month")
        app.page.keyboard.press("PageUp")  # from the month's button: the button keeps focus
        app.see(f"{day[3]:%B} {year}")
        assert focused(app).startswith("Previous month")
        tab_to(app, day_name(day[3]), limit=30)
        went = []
        for key in ("ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp", "ArrowDown"):
            app.page.keyboard.press(key)
            app.page.wait_for_timeout(400)
            went.append(focused(app).split(":")[0])
        names = {n: day_name(d).split(":")[0] for n, d in day.items()}
        # Up from the 5th: no written day a week before it this month, so focus stays.
        assert went == [names[5], names[12], names[5], names[5], names[12]], went
        app.shot(screenshots / "month-arrows-desktop.png")
        app.page.keyboard.press("Escape")  # means nothing here: no lock, no leaving
        app.page.wait_for_timeout(500)
        assert focused(app).startswith(names[12])
        app.page.keyboard.press("PageDown")  # a day had focus: the new month takes it
        app.see(f"{today:%B} {today.year}")
        app.page.wait_for_timeout(800)
        now = focused(app)
        assert now.startswith(("Next month", f"{today:%A} ")) or f" {today:%B}" in now, now
    finally:
        app.close()

"""The month screen's controller on a real vault: the month shown, stepping, a day that opens
its entries in the Journal (through the Journal's own filters), and the screen's controls."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from journal_app.app.session import AppSession
from journal_app.core.checkins import record_checkin
from journal_app.ui.controllers.journal import JournalController
from journal_app.ui.controllers.journal import controller_for as journal_for
from journal_app.ui.controllers.month import MonthController, day_for_key, first_written
from journal_app.ui.controllers.month import controller_for as month_for
from journal_app.ui.keys import (
    ARROW_DOWN,
    ARROW_LEFT,
    ARROW_RIGHT,
    ARROW_UP,
    ESCAPE,
    PAGE_DOWN,
    PAGE_UP,
)
from journal_app.ui.screens import month as month_screen
from journal_app.ui.shell import BY_KEY, SCREENS
from tests.ui.screen_check import checked_tree, screen_context

PASSPHRASE = "quiet harbour maple 7"
TODAY_NOON = datetime(2026, 11, 18, 17, 0, tzinfo=UTC)  # 12:00 in New York


def write(session: AppSession, moment: datetime, text: str, anxiety: int | None) -> None:
    session.clock = lambda: moment
    ctrl = JournalController(session)
    ctrl.set_text(text)
    ctrl.set_anxiety(anxiety)
    assert ctrl.save() is not None, ctrl.error


@pytest.fixture
def session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppSession]:
    monkeypatch.setenv("TZ", "America/New_York")
    s = AppSession(tmp_path / "j")
    s.create(PASSPHRASE, PASSPHRASE)
    write(s, datetime(2026, 11, 3, 13, 0, tzinfo=UTC), "Morning worry", 6)
    write(s, datetime(2026, 11, 4, 4, 30, tzinfo=UTC), "Late, 23:30 on the 3rd", 2)
    write(s, datetime(2026, 10, 31, 15, 0, tzinfo=UTC), "Halloween", 8)
    with s.work() as repo:
        record_checkin(
            repo, "gad7", [1] * 7, record_id="c1", now=datetime(2026, 11, 3, 14, tzinfo=UTC)
        )
    s.clock = lambda: TODAY_NOON
    yield s
    s.lock()


def test_it_opens_on_this_month_with_each_days_highest_anxiety(session: AppSession) -> None:
    shown = MonthController(session).view()
    assert shown.title == "November 2026"
    third = shown.days[2]
    assert third.label() == "Tuesday 3 November: anxiety 6 of 10, 2 entries, check-in taken (GAD-7)"
    assert shown.days[3].label() == "Wednesday 4 November: no entries"


def test_months_step_back_and_forward_across_the_year(session: AppSession) -> None:
    ctl = MonthController(session)
    ctl.step(-1)
    october = ctl.view()
    assert october.title == "October 2026" and october.days[30].anxiety == 8
    assert not ctl.showing_this_month
    ctl.step(1)
    ctl.step(1)
    ctl.step(1)
    assert ctl.view().title == "January 2027" and ctl.view().empty
    ctl.this_month()
    assert ctl.showing_this_month


def test_the_month_left_is_kept_between_visits(session: AppSession) -> None:
    month_for(session).step(-1)
    assert month_for(session).view().title == "October 2026"


def test_a_day_opens_the_journal_filtered_to_that_day(session: AppSession) -> None:
    journal = journal_for(session)
    journal.set_search("something else")
    month_for(session).open_day(date(2026, 11, 3))
    assert (journal.since, journal.until, journal.words) == (date(2026, 11, 3),) * 2 + ("",)
    assert sorted(e.text for e in journal.results()) == ["Late, 23:30 on the 3rd", "Morning worry"]
    month_for(session).open_day(date(2026, 10, 31))  # an earlier day: the range moves back
    assert [e.text for e in journal.results()] == ["Halloween"]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_screen_builds_with_one_name_per_day(session: AppSession, width: int) -> None:
    screen = month_screen.build(screen_context(session, width))
    assert checked_tree(screen) > 50
    names = labels(screen)
    assert "Tuesday 3 November: anxiety 6 of 10, 2 entries, check-in taken (GAD-7)" in names
    assert "Sunday 1 November: no entries" in names
    assert len([n for n in names if " November: " in n]) == 30


def test_the_month_is_a_screen_outside_the_tabs(session: AppSession) -> None:
    assert BY_KEY["month"] is month_screen.SCREEN
    assert "month" not in [s.key for s in SCREENS]


def labels(control: object) -> list[str]:
    """Every Semantics label in a built control tree."""
    found: list[str] = []
    stack = [control]
    while stack:
        node = stack.pop()
        label = getattr(node, "label", None)
        if isinstance(label, str) and type(node).__name__ == "Semantics":
            found.append(label)
        for name in ("content", "controls"):
            child = getattr(node, name, None)
            if isinstance(child, list):
                stack.extend(child)
            elif child is not None and not isinstance(child, str):
                stack.append(child)
    return found


def test_arrows_go_from_written_day_to_written_day(session: AppSession) -> None:
    """Left and Right to the next written day that way; Up and Down to the first written
    day a week or more away; nowhere to go that way, no move (None)."""
    for day in (5, 12, 13, 26):  # noon in New York; the 3rd is written already
        write(session, datetime(2026, 11, day, 17, tzinfo=UTC), f"Day {day}", 4)
    shown = month_for(session).view()

    def moved(day: int, key: str) -> int | None:
        found = day_for_key(shown, date(2026, 11, day), key)
        return found.day if found else None

    assert first_written(shown) == date(2026, 11, 3)
    assert [moved(3, ARROW_RIGHT), moved(5, ARROW_RIGHT), moved(13, ARROW_RIGHT)] == [5, 12, 26]
    assert [moved(26, ARROW_LEFT), moved(12, ARROW_LEFT), moved(3, ARROW_LEFT)] == [13, 5, None]
    assert [moved(3, ARROW_DOWN), moved(5, ARROW_DOWN), moved(13, ARROW_DOWN)] == [12, 12, 26]
    assert [moved(26, ARROW_UP), moved(13, ARROW_UP), moved(12, ARROW_UP)] == [13, 5, 5]
    assert [moved(26, ARROW_DOWN), moved(5, ARROW_UP), moved(5, ESCAPE)] == [None, None, None]


def test_page_up_and_page_down_step_the_month(session: AppSession) -> None:
    ctrl = month_for(session)
    assert ctrl.page(PAGE_UP) and (ctrl.year, ctrl.month) == (2026, 10)
    assert ctrl.page(PAGE_DOWN) and ctrl.page(PAGE_DOWN)
    assert (ctrl.year, ctrl.month) == (2026, 12)
    assert not ctrl.page(ARROW_DOWN) and (ctrl.year, ctrl.month) == (2026, 12)

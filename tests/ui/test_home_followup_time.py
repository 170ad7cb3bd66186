"""On Home, a follow-up takes the date and the time it happened (a calendar, then a clock),
and the next nudge counts from then."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from journal_app.app.session import AppSession
from journal_app.core.followups import FOLLOWED_UP
from journal_app.core.journal import InvalidInput
from journal_app.core.records import Candidate
from journal_app.core.shortlist import CONTACTED
from journal_app.ui.controllers.home import HomeController
from journal_app.ui.controllers.shortlist import ShortlistController
from journal_app.ui.screens import home as home_screen
from tests.ui.conftest import ManualClock
from tests.ui.screen_check import checked_tree, screen_context


@pytest.fixture
def session(clocked_session: AppSession, monkeypatch: pytest.MonkeyPatch) -> AppSession:
    monkeypatch.setenv("TZ", "America/New_York")
    shortlist = ShortlistController.for_session(clocked_session)
    shortlist.open_form()
    shortlist.set_draft("name", "Dr Ruiz")
    candidate, _ = shortlist.add()
    shortlist.set_status(candidate.id, CONTACTED)  # Monday 10 March 2025, 08:00 in New York
    return clocked_session


def test_a_picked_day_and_time_is_when_it_happened(session: AppSession, clock: ManualClock) -> None:
    home = HomeController(session)
    clock.now += timedelta(days=4)
    (nudge,) = home.state().nudges
    # Wednesday at 16:05 in New York (summer time began on Sunday 9 March: UTC-4).
    moment = home.moment(date(2025, 3, 12), time(16, 5))
    assert moment == datetime(2025, 3, 12, 20, 5, tzinfo=UTC)
    assert home.when_words(moment) == "When: Wed 12 Mar, 16:05"
    assert home.when_words(None) == "When: now"
    home.act_on_nudge(nudge, FOLLOWED_UP, moment)
    with session.work() as repo:
        (ruiz,) = repo.all(Candidate)
    assert ruiz.followed_up_at == moment
    clock.now += timedelta(days=2)  # Sunday: four days after Wednesday
    (again,) = home.state().nudges
    assert again.text.startswith("You followed up with Dr Ruiz on Wednesday")


def test_a_time_to_come_is_refused(session: AppSession, clock: ManualClock) -> None:
    home = HomeController(session)
    clock.now += timedelta(days=4)
    (nudge,) = home.state().nudges
    with pytest.raises(InvalidInput, match="still to come"):
        home.act_on_nudge(nudge, FOLLOWED_UP, clock.now + timedelta(hours=2))
    assert len(home.state().nudges) == 1


@pytest.mark.parametrize("width", [390, 1280])
def test_the_nudge_offers_it_was_earlier(
    session: AppSession, clock: ManualClock, width: int
) -> None:
    clock.now += timedelta(days=4)
    tree = home_screen.build(screen_context(session, width))
    assert checked_tree(tree) > 10
    seen: list[str] = []

    def walk(control: object) -> None:
        for name in ("content", "value"):
            value = getattr(control, name, None)
            if isinstance(value, str):
                seen.append(value)
        children = list(getattr(control, "controls", None) or [])
        content = getattr(control, "content", None)
        if content is not None and not isinstance(content, str):
            children.append(content)
        for child in children:
            walk(child)

    walk(tree)
    assert "When: now" in seen and "It was earlier" in seen

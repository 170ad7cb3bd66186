"""Home's follow-up nudges on a real vault: on the right day, gone once acted on."""

from __future__ import annotations

from datetime import timedelta

from journal_app.app.session import AppSession
from journal_app.core.followups import FOLLOW_UP, FOLLOWED_UP, NOT_NOW, TELL_REFERRER, TOLD
from journal_app.core.shortlist import CONSULTED, CONTACTED
from journal_app.ui.controllers.home import HomeController
from journal_app.ui.controllers.shortlist import ShortlistController
from tests.ui.conftest import ManualClock


def _contact_dr_ruiz(session: AppSession, referred_by: str = "") -> str:
    shortlist = ShortlistController.for_session(session)
    shortlist.open_form()
    shortlist.set_draft("name", "Dr Ruiz")
    shortlist.set_draft("referred_by", referred_by)
    candidate, _ = shortlist.add()
    shortlist.set_status(candidate.id, CONTACTED)
    return candidate.id


def test_follow_up_shows_on_the_fourth_day_and_goes_when_done(
    clocked_session: AppSession, clock: ManualClock
) -> None:
    _contact_dr_ruiz(clocked_session)  # on Monday 10 March 2025
    home = HomeController(clocked_session)
    clock.now += timedelta(days=3)
    assert home.state().nudges == ()
    clock.now += timedelta(days=1)
    (nudge,) = home.state().nudges
    assert nudge.kind == FOLLOW_UP
    assert nudge.text.startswith("You got in touch with Dr Ruiz on Monday.")
    said, _ = home.act_on_nudge(nudge, FOLLOWED_UP)
    assert "Well done" in said
    assert home.state().nudges == ()


def test_not_now_puts_it_aside(clocked_session: AppSession, clock: ManualClock) -> None:
    _contact_dr_ruiz(clocked_session)
    clock.now += timedelta(days=5)
    home = HomeController(clocked_session)
    (nudge,) = home.state().nudges
    home.act_on_nudge(nudge, NOT_NOW)
    clock.now += timedelta(days=20)
    assert home.state().nudges == ()


def test_referrer_nudge_after_a_consultation(
    clocked_session: AppSession, clock: ManualClock
) -> None:
    candidate_id = _contact_dr_ruiz(clocked_session, referred_by="Dr Patel")
    clock.now += timedelta(days=1)
    ShortlistController.for_session(clocked_session).set_status(candidate_id, CONSULTED)
    home = HomeController(clocked_session)
    (nudge,) = home.state().nudges  # consulted: no follow-up due, the referrer is
    assert nudge.kind == TELL_REFERRER and "let Dr Patel know how it went" in nudge.text
    home.act_on_nudge(nudge, TOLD)
    assert home.state().nudges == ()

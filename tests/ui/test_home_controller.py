"""Home's follow-up nudges on a real vault: on the right day, gone once acted on."""

from __future__ import annotations

from datetime import datetime, timedelta

from journal_app.app.clock import new_id
from journal_app.app.session import AppSession
from journal_app.core.followups import FOLLOW_UP, FOLLOWED_UP, NOT_NOW, TELL_REFERRER, TOLD
from journal_app.core.journal import EntryDraft, add_entry
from journal_app.core.shortlist import CONSULTED, CONTACTED
from journal_app.ui.controllers.checkins import CheckinsController
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


def _write(session: AppSession, at: datetime, anxiety: int) -> None:
    with session.work() as repo:
        add_entry(repo, EntryDraft(text="A day", anxiety=anxiety), record_id=new_id(), now=at)


def test_home_reads_only_recent_weeks_yet_counts_every_entry(
    clocked_session: AppSession, clock: ManualClock
) -> None:
    """Home decodes the last weeks only (ten years were most of unlock -> home); older
    entries still count, and stay out of the chart, as before."""
    now = clock.now
    _write(clocked_session, now - timedelta(days=400), 9)  # long ago: counted, not charted
    _write(clocked_session, now - timedelta(days=60), 9)  # just before the eight weeks
    _write(clocked_session, now - timedelta(days=2), 4)
    _write(clocked_session, now, 2)
    state = HomeController(clocked_session).state()
    assert state.entry_count == 4
    assert [w.average for w in state.anxiety] == [4, 2]  # last week, this week
    # The same answer once every entry has been read (after the background warm-up).
    clocked_session.warm_up()
    assert HomeController(clocked_session).state() == state


def test_check_in_nudge_first_and_after_two_weeks(
    clocked_session: AppSession, clock: ManualClock
) -> None:
    home = HomeController(clocked_session)
    assert "starting point" in (home.state().checkin_nudge or "")
    checkins = CheckinsController.for_session(clocked_session)
    for i in range(7):
        checkins.answer(i, 1)
    checkins.save()
    clock.now += timedelta(days=13)
    assert home.state().checkin_nudge is None
    clock.now += timedelta(days=1)  # exactly two weeks
    assert "couple of weeks" in (home.state().checkin_nudge or "")

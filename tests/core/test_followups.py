"""Follow-up nudges: on the right day and not the day before, gone once acted on."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from journal_app.core.followups import (
    BOOKED,
    FOLLOW_UP,
    FOLLOWED_UP,
    NOT_NOW,
    TELL_REFERRER,
    TOLD,
    act,
    day_words,
    follow_ups,
    status_since,
)
from journal_app.core.journal import InvalidInput
from journal_app.core.records import Candidate, ReferralSource
from journal_app.core.shortlist import (
    CONSULTATION_BOOKED,
    CONSULTED,
    CONTACTED,
    DECLINED,
    add_candidate,
    add_referral_source,
    link_referral,
    set_status,
)
from tests.core.memory_store import MemoryStore

MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # a Monday
THURSDAY = date(2026, 11, 26)
FRIDAY = date(2026, 11, 27)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)


def nudges(store: MemoryStore, today: date):
    return follow_ups(store.all(Candidate), store.all(ReferralSource), today, UTC)


@pytest.fixture
def contacted() -> MemoryStore:
    store = MemoryStore()
    add_candidate(store, "Dr Ruiz", record_id="c1", now=MONDAY - timedelta(days=7))
    set_status(store, "c1", CONTACTED, now=MONDAY)
    return store


def test_follow_up_comes_on_the_fourth_day_not_the_day_before(contacted: MemoryStore) -> None:
    assert nudges(contacted, THURSDAY) == []
    (nudge,) = nudges(contacted, FRIDAY)
    assert nudge.kind == FOLLOW_UP and nudge.candidate_id == "c1"
    assert nudge.text.startswith("You got in touch with Dr Ruiz on Monday. No reply yet?")
    assert nudge.text.endswith("Follow up?")
    assert [a for a, _ in nudge.actions] == [FOLLOWED_UP, BOOKED, NOT_NOW]
    assert nudge.key == "follow_up:c1"


def test_following_up_makes_it_go_and_restarts_the_clock(contacted: MemoryStore) -> None:
    said = act(contacted, FOLLOW_UP, "c1", FOLLOWED_UP, now=at(FRIDAY))
    assert "Well done" in said
    assert nudges(contacted, FRIDAY) == []
    assert nudges(contacted, FRIDAY + timedelta(days=3)) == []
    (again,) = nudges(contacted, FRIDAY + timedelta(days=4))
    assert again.text.startswith("You followed up with Dr Ruiz on Friday and haven't heard back")


def test_moving_the_status_or_not_now_makes_it_go(contacted: MemoryStore) -> None:
    act(contacted, FOLLOW_UP, "c1", BOOKED, now=at(FRIDAY))
    assert contacted.get(Candidate, "c1").status == CONSULTATION_BOOKED
    assert nudges(contacted, FRIDAY + timedelta(days=30)) == []
    # Back to "contacted" later: a fresh clock, and "not now" holds until it changes.
    set_status(contacted, "c1", CONTACTED, now=at(FRIDAY + timedelta(days=1)))
    assert nudges(contacted, FRIDAY + timedelta(days=4)) == []
    assert len(nudges(contacted, FRIDAY + timedelta(days=5))) == 1
    act(contacted, FOLLOW_UP, "c1", NOT_NOW, now=at(FRIDAY + timedelta(days=5)))
    assert nudges(contacted, FRIDAY + timedelta(days=60)) == []


def test_referrer_hears_how_it_went_once_a_consultation_happened() -> None:
    store = MemoryStore()
    add_candidate(store, "Dr Ruiz", record_id="c1", now=MONDAY)
    add_referral_source(store, "Dr Patel", "primary_care", record_id="s1", now=MONDAY)
    link_referral(store, "c1", "s1", now=MONDAY)
    set_status(store, "c1", CONSULTATION_BOOKED, now=MONDAY)
    assert nudges(store, FRIDAY) == []  # booked is not yet had
    set_status(store, "c1", CONSULTED, now=at(THURSDAY))
    (nudge,) = nudges(store, THURSDAY)
    assert nudge.kind == TELL_REFERRER and nudge.referrer == "Dr Patel"
    assert "let Dr Patel know how it went" in nudge.text
    # Declining afterwards still leaves the thank-you due; telling them ends it.
    set_status(store, "c1", DECLINED, now=at(FRIDAY))
    assert [n.kind for n in nudges(store, FRIDAY)] == [TELL_REFERRER]
    act(store, TELL_REFERRER, "c1", TOLD, now=at(FRIDAY))
    assert nudges(store, FRIDAY + timedelta(days=10)) == []


def test_not_now_on_the_referrer_nudge_and_bad_actions() -> None:
    store = MemoryStore()
    add_candidate(store, "Dr Ruiz", record_id="c1", now=MONDAY)
    add_referral_source(store, "Sam", "friend", record_id="s1", now=MONDAY)
    link_referral(store, "c1", "s1", now=MONDAY)
    set_status(store, "c1", CONSULTED, now=MONDAY)
    assert len(nudges(store, FRIDAY)) == 1
    with pytest.raises(InvalidInput):
        act(store, TELL_REFERRER, "c1", FOLLOWED_UP, now=MONDAY)
    with pytest.raises(InvalidInput):
        act(store, FOLLOW_UP, "gone", NOT_NOW, now=MONDAY)
    act(store, TELL_REFERRER, "c1", NOT_NOW, now=at(FRIDAY))
    assert nudges(store, FRIDAY) == []


def test_status_history_is_kept_and_old_records_still_load() -> None:
    store = MemoryStore()
    add_candidate(store, "Dr Ruiz", record_id="c1", now=MONDAY)
    set_status(store, "c1", CONTACTED, now=at(FRIDAY))
    set_status(store, "c1", CONTACTED, now=at(FRIDAY + timedelta(days=1)))  # no change
    c = store.get(Candidate, "c1")
    assert [(h.status, h.at) for h in c.status_history] == [
        ("to_contact", MONDAY),
        (CONTACTED, at(FRIDAY)),
    ]
    assert Candidate.from_dict(c.to_dict()) == c
    old = Candidate.from_dict(
        {"id": "o", "created_at": MONDAY.isoformat(), "name": "Bo", "status": "contacted"}
    )
    assert old.status_history == [] and status_since(old) == MONDAY
    (nudge,) = follow_ups([old], [], FRIDAY, UTC)
    assert nudge.candidate_name == "Bo"


def test_day_words() -> None:
    assert day_words(FRIDAY, FRIDAY) == "today"
    assert day_words(THURSDAY, FRIDAY) == "yesterday"
    assert day_words(MONDAY.date(), FRIDAY) == "on Monday"
    assert day_words(date(2026, 11, 3), FRIDAY) == "on 3 November"

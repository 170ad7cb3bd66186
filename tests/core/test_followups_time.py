"""A follow-up takes the date and time it happened, and the next nudge counts from it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from journal_app.core.followups import (
    BOOKED,
    FOLLOW_UP,
    FOLLOWED_UP,
    TELL_REFERRER,
    TOLD,
    act,
    follow_ups,
)
from journal_app.core.journal import InvalidInput
from journal_app.core.records import Candidate, ReferralSource
from journal_app.core.shortlist import (
    CONSULTATION_BOOKED,
    CONSULTED,
    CONTACTED,
    add_candidate,
    add_referral_source,
    link_referral,
    set_status,
)
from tests.core.memory_store import MemoryStore

MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # the next Monday, when it is recorded


@pytest.fixture
def store() -> MemoryStore:
    s = MemoryStore()
    add_candidate(s, "Dr Ruiz", record_id="c1", now=MONDAY - timedelta(days=7))
    set_status(s, "c1", CONTACTED, now=MONDAY)
    return s


def due(store: MemoryStore, today: date):
    return follow_ups(store.all(Candidate), store.all(ReferralSource), today, UTC)


def test_followed_up_at_a_picked_time_restarts_the_clock_from_then(store: MemoryStore) -> None:
    tuesday_4pm = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)
    act(store, FOLLOW_UP, "c1", FOLLOWED_UP, now=NOW, at=tuesday_4pm)
    ruiz = store.get(Candidate, "c1")
    assert ruiz.followed_up_at == tuesday_4pm and ruiz.updated_at == NOW
    # Counted from Tuesday, not from the day it was recorded: due again on Saturday.
    (again,) = due(store, date(2026, 11, 30))
    assert again.since == date(2026, 11, 24)
    assert again.text.startswith("You followed up with Dr Ruiz on Tuesday")


def test_a_time_to_come_or_before_the_contact_is_refused_and_nothing_changes(
    store: MemoryStore,
) -> None:
    before = store.get(Candidate, "c1")
    with pytest.raises(InvalidInput, match="still to come"):
        act(store, FOLLOW_UP, "c1", FOLLOWED_UP, now=NOW, at=NOW + timedelta(minutes=1))
    with pytest.raises(InvalidInput, match="before you got in touch"):
        act(store, FOLLOW_UP, "c1", FOLLOWED_UP, now=NOW, at=MONDAY - timedelta(hours=1))
    assert store.get(Candidate, "c1") == before


def test_booked_and_told_keep_the_time_they_happened(store: MemoryStore) -> None:
    add_referral_source(store, "Dr Patel", "primary_care", record_id="p1", now=MONDAY)
    link_referral(store, "c1", "p1", now=MONDAY)
    wednesday = datetime(2026, 11, 25, 11, 30, tzinfo=UTC)
    act(store, FOLLOW_UP, "c1", BOOKED, now=NOW, at=wednesday)
    ruiz = store.get(Candidate, "c1")
    assert ruiz.status == CONSULTATION_BOOKED and ruiz.updated_at == NOW
    assert (ruiz.status_history[-1].status, ruiz.status_history[-1].at) == (
        CONSULTATION_BOOKED,
        wednesday,
    )
    set_status(store, "c1", CONSULTED, now=NOW)
    friday = datetime(2026, 11, 27, 18, 5, tzinfo=UTC)
    act(store, TELL_REFERRER, "c1", TOLD, now=NOW, at=friday)
    assert store.get(Candidate, "c1").referrer_told_at == friday

"""A journey milestone the person unticks stays unticked: syncing with the data does not
tick it again, so it is not celebrated a second time."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

from journal_app.core.goals import (
    complete_milestone,
    milestones_for,
    reopen_milestone,
    settled_keys,
    start_journey,
    suggest_journey_progress,
    tick_journey,
)
from journal_app.core.records import Candidate
from tests.core.memory_store import MemoryStore

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


def test_reopened_journey_milestone_is_left_alone_by_sync() -> None:
    store = MemoryStore()
    counter = itertools.count()
    goal = start_journey(store, ids=lambda: f"id{next(counter)}", now=NOW)
    three = [Candidate(id=f"c{i}", created_at=NOW, name=f"T{i}") for i in range(3)]
    shortlist = milestones_for(store, goal.id)[1]
    assert shortlist.key == "shortlist_three"

    def sync() -> list:
        done = settled_keys(milestones_for(store, goal.id))
        keys = suggest_journey_progress(three, None, done_keys=done)
        return tick_journey(store, keys, now=NOW)

    assert [c.key for c in sync()] == ["shortlist_three"]
    assert sync() == []  # once only
    reopened = reopen_milestone(store, shortlist.id, now=NOW)
    assert reopened.done_at is None and reopened.reopened_at == NOW
    assert "shortlist_three" in settled_keys(milestones_for(store, goal.id))
    assert sync() == []  # the person's untick wins over the data
    # Ticking it by hand is still celebrated.
    assert [c.key for c in complete_milestone(store, shortlist.id, now=NOW)] == ["shortlist_three"]


def test_untouched_milestones_are_not_settled() -> None:
    store = MemoryStore()
    counter = itertools.count()
    goal = start_journey(store, ids=lambda: f"id{next(counter)}", now=NOW)
    assert settled_keys(milestones_for(store, goal.id)) == []

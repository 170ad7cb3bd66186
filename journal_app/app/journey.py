"""Keeping the therapist-search journey in step with what the person has done.

Shared by the CLI and the app: after a change (a candidate added, a status moved,
prompts answered) the milestones that the data now shows as reached are ticked, and each
newly reached one is returned for the shell to celebrate.
"""

from __future__ import annotations

from collections.abc import Iterable

from journal_app.app.clock import new_id, now_utc
from journal_app.app.profile import packs
from journal_app.core.goals import (
    Celebration,
    fold_journeys,
    milestones_for,
    settled_keys,
    start_journey,
    suggest_journey_progress,
    tick_journey,
)
from journal_app.core.ports import RecordStore
from journal_app.core.prompt_engine import progress, stored_answers
from journal_app.core.records import Candidate, Goal


def answered_when_complete(store: RecordStore) -> int:
    """How many prompts are answered, counted only once every applicable one is dealt with.

    Preferences count as clarified when the person has been through the guided prompts,
    not after the first answer.
    """
    done = progress(packs(), stored_answers(store))
    return done.answered if done.complete else 0


def sync_journey(store: RecordStore) -> list[Celebration]:
    """Start the journey if needed, tick what is reached, return the celebrations."""
    now = now_utc()
    goal = start_journey(store, ids=new_id, now=now)
    done = settled_keys(milestones_for(store, goal.id))
    keys = suggest_journey_progress(
        store.all(Candidate), answered_when_complete(store), done_keys=done
    )
    return tick_journey(store, keys, now=now) if keys else []


def fold_after_merge(store: RecordStore, changed: Iterable[tuple[str, str]]) -> int:
    """After another device's goals came in: one ready journey, not two (see
    ``core.goals.fold_journeys``)."""
    if not any(table == Goal.TABLE for table, _ in changed):
        return 0
    return fold_journeys(store, now=now_utc())

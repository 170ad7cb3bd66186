"""Correcting and deleting a saved check-in: the rules, on the in-memory store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from journal_app.core.checkins import (
    correct_checkin,
    delete_checkin,
    record_checkin,
    restore_checkin,
)
from journal_app.core.journal import InvalidInput
from journal_app.core.records import CheckIn
from journal_app.core.sharing import item9_flags
from tests.core.memory_store import MemoryStore

NOW = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
LATER = NOW + timedelta(days=2)


def saved(store: MemoryStore, answers: list[int], instrument: str = "phq9") -> CheckIn:
    return record_checkin(store, instrument, answers, record_id="c1", now=NOW)[0]


def test_a_correction_keeps_the_check_in_and_changes_only_its_answers() -> None:
    store = MemoryStore()
    original = saved(store, [0] * 8 + [1])
    assert item9_flags(store.all(CheckIn))
    corrected, result = correct_checkin(store, "c1", [1] + [0] * 8, now=LATER)
    assert (corrected.id, corrected.taken_at, corrected.created_at) == (
        original.id,
        original.taken_at,
        original.created_at,
    )
    assert corrected.answers == [1] + [0] * 8 and corrected.updated_at == LATER
    assert (result.score, result.crisis_due) == (1, False)
    assert store.get(CheckIn, "c1") == corrected
    assert item9_flags(store.all(CheckIn)) == ()


def test_the_same_answers_write_nothing() -> None:
    store = MemoryStore()
    original = saved(store, [1] * 7, "gad7")
    writes = store.writes
    same, _ = correct_checkin(store, "c1", [1] * 7, now=LATER)
    assert same == original and same.updated_at is None and store.writes == writes


@pytest.mark.parametrize(
    ("answers", "says"),
    [
        ([0] * 7, "PHQ-9 needs 9 answers"),
        ([0] * 8 + [4], "PHQ-9 answer 9 is 4"),
        ([0] * 8 + ["1"], "PHQ-9 answer 9 must be a whole number"),
        ([0] * 8 + [True], "PHQ-9 answer 9 must be a whole number"),
    ],
)
def test_bad_answers_and_unknown_ids_are_refused_before_any_write(answers, says) -> None:
    store = MemoryStore()
    original = saved(store, [0] * 9)
    writes = store.writes
    with pytest.raises(InvalidInput, match=says):
        correct_checkin(store, "c1", answers, now=LATER)
    with pytest.raises(InvalidInput, match="no check-in with id 'nope'"):
        correct_checkin(store, "nope", [0] * 9, now=LATER)
    with pytest.raises(InvalidInput, match="no check-in with id 'nope'"):
        delete_checkin(store, "nope")
    assert store.writes == writes and store.all(CheckIn) == [original]


def test_delete_hands_the_check_in_back_and_restore_puts_it_back_as_it_was() -> None:
    store = MemoryStore()
    original = saved(store, [0] * 8 + [2])
    gone = delete_checkin(store, "c1")
    assert gone == original and store.all(CheckIn) == [] and item9_flags([]) == ()
    restore_checkin(store, gone)
    restore_checkin(store, gone)  # twice: still one
    assert store.all(CheckIn) == [original]

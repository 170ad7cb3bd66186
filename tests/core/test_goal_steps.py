"""A goal's steps edited after the goal is made, as pure rules on an in-memory store:
whatever is done to them, no step is lost, doubled or changed by another's edit, and a
removal undone puts the list back exactly as it was."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal_app.core.goals import (
    add_goal,
    complete_step,
    move_step,
    rename_step,
    restore_step,
    take_step,
)
from journal_app.core.journal import InvalidInput
from journal_app.core.records import Goal, Step
from tests.core.memory_store import MemoryStore

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)

titles = st.lists(
    st.text("abcdefgh ", min_size=1, max_size=8).map(str.strip).filter(bool),
    min_size=1,
    max_size=8,
    unique=True,
)
action = st.tuples(
    st.sampled_from(["up", "down", "tick", "untick", "rename", "remove+undo"]),
    st.integers(0, 7),
)


@given(names=titles, actions=st.lists(action, max_size=20))
@settings(max_examples=200, deadline=None)
def test_steps_stay_the_same_steps_whatever_is_done(names, actions) -> None:
    """Moves only reorder, ticks follow their step, renames touch one step, and a
    removal undone is no change at all; refusals (past either end) change nothing."""
    store = MemoryStore()
    goal = add_goal(store, "A goal", steps=names, record_id="g", now=NOW)
    expected = [Step(title=n) for n in names]
    now = NOW
    for kind, at in actions:
        now += timedelta(minutes=1)
        before = store.get(Goal, "g")
        index = at % len(expected)
        try:
            if kind in ("up", "down"):
                offset = -1 if kind == "up" else 1
                move_step(store, "g", index, offset, now=now)
                target = index + offset
                expected[index], expected[target] = expected[target], expected[index]
            elif kind in ("tick", "untick"):
                complete_step(store, "g", index, now=now, done=kind == "tick")
                expected[index] = Step(expected[index].title, kind == "tick")
            elif kind == "rename":
                rename_step(store, "g", index, expected[index].title + " x", now=now)
                expected[index] = Step(expected[index].title + " x", expected[index].done)
            else:
                removed = take_step(store, "g", index, now=now)
                assert removed.step == expected[index]
                assert store.get(Goal, "g").steps == expected[:index] + expected[index + 1 :]
                restore_step(store, removed, now=now)
        except InvalidInput:
            assert kind in ("up", "down")
            assert store.get(Goal, "g") == before  # refused: nothing written
        assert store.get(Goal, "g").steps == expected
    assert store.get(Goal, "g").title == goal.title


def test_the_same_words_change_nothing_and_bad_numbers_are_refused() -> None:
    store = MemoryStore()
    add_goal(store, "A goal", steps=["One", "Two"], record_id="g", now=NOW)
    before = store.get(Goal, "g")
    rename_step(store, "g", 0, "  One ", now=NOW + timedelta(days=1))
    assert store.get(Goal, "g") == before  # updated_at included
    for bad in (-1, 2, True):
        with pytest.raises(InvalidInput, match="no step number"):
            rename_step(store, "g", bad, "x", now=NOW)
        with pytest.raises(InvalidInput, match="no step number"):
            take_step(store, "g", bad, now=NOW)
    with pytest.raises(InvalidInput, match="one place at a time"):
        move_step(store, "g", 0, 2, now=NOW)
    with pytest.raises(InvalidInput, match="The step is empty"):
        rename_step(store, "g", 0, " ", now=NOW)
    assert store.get(Goal, "g") == before

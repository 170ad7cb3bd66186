"""Rules that keep two merged journals one journal: a single ready journey, and the same
answer to a prompt shown on every device (core only, an in-memory store)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from journal_app.core.goals import fold_journeys, journey, milestones_for, start_journey
from journal_app.core.prompt_engine import stored_answers
from journal_app.core.records import Goal, Milestone, PreferenceAnswer
from tests.core.memory_store import MemoryStore

T0 = datetime(2026, 11, 1, 9, tzinfo=UTC)


def _ids(prefix: str):
    n = iter(range(100))
    return lambda: f"{prefix}{next(n)}"


def test_two_journeys_fold_into_the_oldest_keeping_every_step_reached() -> None:
    store = MemoryStore()
    laptop = start_journey(store, ids=_ids("L"), now=T0)
    # The phone started its own while apart (two journals merged: both are in the store).
    phone_goal = Goal(id="P0", created_at=T0 + timedelta(days=1), title="x", kind="journey")
    store.add(phone_goal)
    laptop_steps = milestones_for(store, laptop.id)
    for step in laptop_steps:
        store.add(
            Milestone(
                id=f"P-{step.key}",
                created_at=phone_goal.created_at,
                goal_id=phone_goal.id,
                title=step.title,
                key=step.key,
                order=step.order,
                done_at=T0 + timedelta(days=2) if step.order == 1 else None,
            )
        )
    assert fold_journeys(store, now=T0 + timedelta(days=3)) == 1
    assert [g.id for g in store.all(Goal)] == [laptop.id]
    assert journey(store).id == laptop.id
    steps = milestones_for(store, laptop.id)
    assert len(steps) == len(laptop_steps)
    assert [s.order for s in steps if s.done_at] == [1]  # reached on the phone: reached
    assert all(m.goal_id == laptop.id for m in store.all(Milestone))
    assert fold_journeys(store, now=T0) == 0  # nothing more to fold


def test_a_prompt_answered_on_two_devices_shows_the_latest_answer_in_any_order() -> None:
    early = PreferenceAnswer(id="a", created_at=T0, prompt_id="format", value=["telehealth"])
    late = PreferenceAnswer(
        id="b", created_at=T0 - timedelta(days=1), updated_at=T0 + timedelta(hours=1),
        prompt_id="format", value=["in_person"],
    )  # fmt: skip
    for order in ([early, late], [late, early]):
        store = MemoryStore()
        for answer in order:
            store.add(answer)
        assert stored_answers(store)["format"].value == ["in_person"]

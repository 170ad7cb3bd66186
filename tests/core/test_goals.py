"""Goals: the ready journey, own goals, progress, overdue on boundary days, celebrations."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest

from journal_app.core.goals import (
    JOURNEY,
    JOURNEY_DONE_MESSAGE,
    JOURNEY_KEYS,
    JOURNEY_TITLE,
    add_goal,
    add_milestone,
    add_step,
    complete_milestone,
    complete_step,
    delete_goal,
    goal_done,
    is_overdue,
    journey,
    list_goals,
    milestones_for,
    next_milestone,
    overdue_items,
    overview,
    progress,
    reopen_goal,
    reopen_milestone,
    set_goal_due,
    set_milestone_due,
    start_journey,
    suggest_journey_progress,
    tick_journey,
)
from journal_app.core.journal import InvalidInput
from journal_app.core.profile import DONT_MIND, MUST, NICE, Preference, Profile
from journal_app.core.records import Candidate, Goal, Milestone, Step
from tests.core.memory_store import MemoryStore

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
TODAY = NOW.date()


def counter(prefix: str = "id"):
    numbers = itertools.count(1)
    return lambda: f"{prefix}{next(numbers)}"


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


def journey_milestones(store: MemoryStore) -> list[Milestone]:
    goal = journey(store)
    assert goal is not None
    return milestones_for(store, goal.id)


# --- The ready journey -----------------------------------------------------------------------


def test_start_journey_creates_one_goal_with_ordered_milestones(store: MemoryStore) -> None:
    goal = start_journey(store, ids=counter(), now=NOW)
    assert goal.kind == JOURNEY and goal.title == JOURNEY_TITLE
    milestones = journey_milestones(store)
    assert [m.key for m in milestones] == list(JOURNEY_KEYS)
    assert list(JOURNEY_KEYS) == [
        "clarify_preferences",
        "shortlist_three",
        "contact",
        "book_consultation",
        "attend_consultation",
        "decide",
        "first_session",
    ]
    assert [m.order for m in milestones] == list(range(7))
    assert all(m.goal_id == goal.id and m.title for m in milestones)
    assert store.writes == 1  # one durable write for the whole journey


def test_start_journey_is_idempotent(store: MemoryStore) -> None:
    first = start_journey(store, ids=counter(), now=NOW)
    writes = store.writes
    again = start_journey(store, ids=counter("other"), now=NOW + timedelta(days=1))
    assert again.id == first.id
    assert store.writes == writes
    assert len([g for g in store.all(Goal) if g.kind == JOURNEY]) == 1
    assert len(store.all(Milestone)) == 7


def test_start_journey_accepts_a_list_of_ids(store: MemoryStore) -> None:
    ids = [f"x{i}" for i in range(8)]
    goal = start_journey(store, ids=ids, now=NOW)
    assert goal.id == "x0"
    assert {m.id for m in store.all(Milestone)} == set(ids[1:])


def test_start_journey_with_too_few_ids_writes_nothing(store: MemoryStore) -> None:
    with pytest.raises(ValueError, match="ran out of ids"):
        start_journey(store, ids=["a", "b"], now=NOW)
    assert store.all(Goal) == [] and store.all(Milestone) == []


# --- Celebrations ----------------------------------------------------------------------------


def test_completing_a_milestone_celebrates_once(store: MemoryStore) -> None:
    start_journey(store, ids=counter(), now=NOW)
    book = next(m for m in journey_milestones(store) if m.key == "book_consultation")
    celebrations = complete_milestone(store, book.id, now=NOW)
    assert len(celebrations) == 1
    (c,) = celebrations
    assert c.kind == "milestone" and c.key == "book_consultation" and c.milestone_id == book.id
    assert c.message == "You booked a consultation — that takes courage."
    assert store.get(Milestone, book.id).done_at == NOW
    # Again: no error, no second celebration, the first date is kept.
    assert complete_milestone(store, book.id, now=NOW + timedelta(hours=1)) == []
    assert store.get(Milestone, book.id).done_at == NOW


def test_every_journey_milestone_has_a_warm_message(store: MemoryStore) -> None:
    start_journey(store, ids=counter(), now=NOW)
    messages = []
    for m in journey_milestones(store):
        messages.extend(c.message for c in complete_milestone(store, m.id, now=NOW))
    assert len(set(messages)) == 8  # seven milestones plus the journey itself
    assert all(msg.endswith(".") and len(msg) < 120 for msg in messages)


def test_last_milestone_completes_the_goal_with_a_goal_celebration(store: MemoryStore) -> None:
    goal = start_journey(store, ids=counter(), now=NOW)
    milestones = journey_milestones(store)
    for m in milestones[:-1]:
        assert len(complete_milestone(store, m.id, now=NOW)) == 1
    assert store.get(Goal, goal.id).done_at is None
    later = NOW + timedelta(days=30)
    celebrations = complete_milestone(store, milestones[-1].id, now=later)
    assert [c.kind for c in celebrations] == ["milestone", "goal"]
    assert celebrations[1].goal_id == goal.id
    assert celebrations[1].message == JOURNEY_DONE_MESSAGE
    assert store.get(Goal, goal.id).done_at == later
    # Nothing is celebrated twice.
    assert complete_milestone(store, milestones[-1].id, now=later) == []
    assert goal_done(store, goal.id, now=later) is None


def test_milestones_completed_out_of_order_still_finish_the_goal(store: MemoryStore) -> None:
    goal = start_journey(store, ids=counter(), now=NOW)
    milestones = journey_milestones(store)
    for m in reversed(milestones[1:]):
        complete_milestone(store, m.id, now=NOW)
    kinds = [c.kind for c in complete_milestone(store, milestones[0].id, now=NOW)]
    assert kinds == ["milestone", "goal"]
    assert store.get(Goal, goal.id).done_at is not None


def test_goal_done_celebrates_once_and_counts_as_complete(store: MemoryStore) -> None:
    goal = add_goal(store, "Tell my sister", steps=["Pick a day"], record_id="g1", now=NOW)
    c = goal_done(store, goal.id, now=NOW)
    assert c is not None and c.kind == "goal" and "Tell my sister" in c.message
    assert goal_done(store, goal.id, now=NOW) is None
    p = progress(store.get(Goal, "g1"), [], TODAY)
    assert p.percent == 100 and p.is_done and p.done == 0 and p.total == 1


def test_reopen_milestone_reopens_its_goal(store: MemoryStore) -> None:
    goal = add_goal(store, "Own goal", record_id="g", now=NOW)
    m = add_milestone(store, goal.id, "Only one", record_id="m", now=NOW)
    assert [c.kind for c in complete_milestone(store, m.id, now=NOW)] == ["milestone", "goal"]
    reopen_milestone(store, m.id, now=NOW)
    assert store.get(Milestone, "m").done_at is None
    assert store.get(Goal, "g").done_at is None
    # Reaching it again is a fresh achievement.
    assert len(complete_milestone(store, m.id, now=NOW)) == 2


def test_reopen_goal(store: MemoryStore) -> None:
    add_goal(store, "Walk daily", record_id="g", now=NOW)
    goal_done(store, "g", now=NOW)
    assert reopen_goal(store, "g", now=NOW).done_at is None
    assert reopen_goal(store, "g", now=NOW).done_at is None


def test_unknown_ids_are_plain_errors(store: MemoryStore) -> None:
    with pytest.raises(InvalidInput, match="No milestone with id nope"):
        complete_milestone(store, "nope", now=NOW)
    with pytest.raises(InvalidInput, match="No goal with id nope"):
        goal_done(store, "nope", now=NOW)


# --- Own goals, steps, validation ------------------------------------------------------------


def test_add_goal_cleans_input(store: MemoryStore) -> None:
    goal = add_goal(
        store,
        "  Sleep before midnight  ",
        "2025-04-01",
        ["Phone out of the bedroom", "  ", Step("Read instead", done=True)],
        record_id="g1",
        now=NOW,
    )
    assert goal.title == "Sleep before midnight"
    assert goal.kind == "own"
    assert goal.due == date(2025, 4, 1)
    assert goal.steps == [Step("Phone out of the bedroom"), Step("Read instead", done=True)]
    assert store.get(Goal, "g1") == goal


@pytest.mark.parametrize(
    ("title", "due", "message"),
    [
        ("", None, "empty"),
        ("   ", None, "empty"),
        ("x" * 201, None, "at most 200"),
        ("ok\x00", None, "control characters"),
        ("ok", "2025-02-27", "already passed"),
        ("ok", "1999-01-01", "already passed"),
        ("ok", "2035-03-02", "more than 10 years away"),
        ("ok", "3000-01-01", "more than 10 years away"),
        ("ok", "next tuesday", "not a date"),
        ("ok", 20250401, "must be a date"),
    ],
)
def test_add_goal_refuses_bad_input(store: MemoryStore, title: str, due, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        add_goal(store, title, due, record_id="g", now=NOW)
    assert store.all(Goal) == []


@pytest.mark.parametrize("due", [TODAY - timedelta(days=1), TODAY, date(2035, 3, 1)])
def test_due_date_edges_are_accepted(store: MemoryStore, due: date) -> None:
    assert add_goal(store, "ok", due, record_id="g", now=NOW).due == due


def test_too_many_steps(store: MemoryStore) -> None:
    with pytest.raises(InvalidInput, match="at most 50 steps"):
        add_goal(store, "Big", steps=[f"s{i}" for i in range(51)], record_id="g", now=NOW)


def test_finishing_the_last_step_finishes_the_goal(store: MemoryStore) -> None:
    add_goal(
        store, "Prepare questions", steps=["Write three", "Read them aloud"], record_id="g", now=NOW
    )
    assert complete_step(store, "g", 0, now=NOW) == []
    assert complete_step(store, "g", 0, now=NOW) == []  # already done: quiet
    celebrations = complete_step(store, "g", 1, now=NOW)
    assert [c.kind for c in celebrations] == ["goal"]
    assert store.get(Goal, "g").done_at == NOW
    # Unticking reopens it.
    complete_step(store, "g", 1, now=NOW, done=False)
    assert store.get(Goal, "g").done_at is None
    with pytest.raises(InvalidInput, match="no step number 5"):
        complete_step(store, "g", 5, now=NOW)


def test_steps_and_milestones_both_count(store: MemoryStore) -> None:
    add_goal(store, "Mixed", steps=["a"], record_id="g", now=NOW)
    m = add_milestone(store, "g", "m", record_id="m", now=NOW)
    assert [c.kind for c in complete_milestone(store, m.id, now=NOW)] == ["milestone"]
    assert store.get(Goal, "g").done_at is None
    assert [c.kind for c in complete_step(store, "g", 0, now=NOW)] == ["goal"]


def test_add_step_and_milestone_order(store: MemoryStore) -> None:
    add_goal(store, "g", record_id="g", now=NOW)
    add_milestone(store, "g", "first", record_id="m1", now=NOW)
    add_milestone(store, "g", "second", record_id="m2", now=NOW)
    assert [m.order for m in milestones_for(store, "g")] == [0, 1]
    assert add_step(store, "g", "a step", now=NOW).steps == [Step("a step")]
    with pytest.raises(InvalidInput, match="empty"):
        add_step(store, "g", " ", now=NOW)


def test_delete_goal_removes_its_milestones(store: MemoryStore) -> None:
    add_goal(store, "g", record_id="g", now=NOW)
    add_milestone(store, "g", "m", record_id="m", now=NOW)
    start_journey(store, ids=counter(), now=NOW)
    assert delete_goal(store, "g") is True
    assert store.get(Milestone, "m") is None
    assert len(store.all(Milestone)) == 7


# --- Progress and overdue --------------------------------------------------------------------


def test_progress_counts_done_milestones_and_steps(store: MemoryStore) -> None:
    goal = start_journey(store, ids=counter(), now=NOW)
    milestones = journey_milestones(store)
    p = progress(goal, store.all(Milestone), TODAY)
    assert (p.done, p.total, p.percent) == (0, 7, 0)
    assert p.next_milestone.key == "clarify_preferences"
    complete_milestone(store, milestones[0].id, now=NOW)
    complete_milestone(store, milestones[2].id, now=NOW)
    p = progress(store.get(Goal, goal.id), store.all(Milestone), TODAY)
    assert (p.done, p.total, p.percent) == (2, 7, 28)  # rounded down
    assert p.next_milestone.key == "shortlist_three"
    assert next_milestone(store, goal.id).key == "shortlist_three"
    assert "2 of 7 done (28%)" in p.sentence()


def test_progress_ignores_other_goals_milestones(store: MemoryStore) -> None:
    start_journey(store, ids=counter(), now=NOW)
    own = add_goal(store, "Own", steps=["a", "b", "c"], record_id="g", now=NOW)
    complete_step(store, "g", 0, now=NOW)
    p = progress(store.get(Goal, own.id), store.all(Milestone), TODAY)
    assert (p.done, p.total, p.percent) == (1, 3, 33)
    assert p.milestones == ()


def test_progress_of_an_empty_goal(store: MemoryStore) -> None:
    goal = add_goal(store, "Just a wish", record_id="g", now=NOW)
    p = progress(goal, [], TODAY)
    assert (p.done, p.total, p.percent, p.is_done) == (0, 0, 0, False)
    assert p.next_milestone is None
    assert "no steps yet" in p.sentence()


def test_ninety_nine_percent_never_rounds_up_to_done() -> None:
    goal = Goal(
        id="g", created_at=NOW, title="Many", steps=[Step(str(i), done=i < 199) for i in range(200)]
    )
    p = progress(goal, [], TODAY)
    assert p.percent == 99 and not p.is_done


@pytest.mark.parametrize(
    ("due", "today", "overdue"),
    [
        (date(2025, 3, 10), date(2025, 3, 9), False),  # the day before
        (date(2025, 3, 10), date(2025, 3, 10), False),  # due today: there is still today
        (date(2025, 3, 10), date(2025, 3, 11), True),  # the day after
        (None, date(2030, 1, 1), False),
    ],
)
def test_overdue_boundary_days(store: MemoryStore, due, today: date, overdue: bool) -> None:
    goal = add_goal(store, "Call the clinic", due, record_id="g", now=NOW)
    m = add_milestone(store, "g", "Leave a message", due, record_id="m", now=NOW)
    assert is_overdue(goal, today) is overdue
    assert is_overdue(m, today) is overdue
    p = progress(goal, [m], today)
    assert p.overdue is overdue
    assert (p.overdue_milestones == (m,)) is overdue
    assert (overdue_items([goal], [m], today) == [goal, m]) is overdue


def test_done_things_are_never_overdue(store: MemoryStore) -> None:
    add_goal(store, "g", date(2025, 3, 10), record_id="g", now=NOW)
    add_milestone(store, "g", "m", date(2025, 3, 5), record_id="m", now=NOW)
    add_milestone(store, "g", "m2", record_id="m2", now=NOW)
    later = date(2025, 4, 1)
    complete_milestone(store, "m", now=NOW)
    assert overdue_items(store.all(Goal), store.all(Milestone), later) == [store.get(Goal, "g")]
    goal_done(store, "g", now=NOW)
    assert overdue_items(store.all(Goal), store.all(Milestone), later) == []
    p = progress(store.get(Goal, "g"), store.all(Milestone), later)
    assert not p.overdue and p.overdue_milestones == () and p.next_milestone is None


def test_milestones_of_a_finished_goal_are_not_overdue(store: MemoryStore) -> None:
    add_goal(store, "g", record_id="g", now=NOW)
    add_milestone(store, "g", "m", date(2025, 3, 5), record_id="m", now=NOW)
    goal_done(store, "g", now=NOW)
    assert overdue_items(store.all(Goal), store.all(Milestone), date(2025, 6, 1)) == []


def test_set_due_dates(store: MemoryStore) -> None:
    start_journey(store, ids=counter(), now=NOW)
    first = journey_milestones(store)[0]
    assert set_milestone_due(store, first.id, "2025-03-05", now=NOW).due == date(2025, 3, 5)
    add_goal(store, "g", record_id="g", now=NOW)
    assert set_goal_due(store, "g", date(2025, 5, 1), now=NOW).due == date(2025, 5, 1)
    assert set_goal_due(store, "g", None, now=NOW).due is None
    with pytest.raises(InvalidInput, match="already passed"):
        set_goal_due(store, "g", "2020-01-01", now=NOW)


def test_list_goals_and_overview_order(store: MemoryStore) -> None:
    add_goal(store, "Undated", record_id="u", now=NOW)
    add_goal(store, "Later", date(2025, 6, 1), record_id="l", now=NOW)
    add_goal(store, "Sooner", date(2025, 4, 1), record_id="s", now=NOW)
    add_goal(store, "Finished", date(2025, 3, 2), record_id="f", now=NOW)
    goal_done(store, "f", now=NOW)
    start_journey(store, ids=counter(), now=NOW)
    titles = [g.title for g in list_goals(store)]
    assert titles == [JOURNEY_TITLE, "Sooner", "Later", "Undated", "Finished"]
    assert "Finished" not in [g.title for g in list_goals(store, include_done=False)]
    rows = overview(store, TODAY)
    assert [r.goal.title for r in rows] == titles
    assert rows[0].total == 7


# --- Automatic journey ticks -----------------------------------------------------------------


def cand(cid: str, status: str = "to_contact") -> Candidate:
    return Candidate(id=cid, created_at=NOW, name=cid, status=status)


def test_suggest_nothing_for_an_empty_start() -> None:
    assert suggest_journey_progress([], None) == []
    assert suggest_journey_progress([], 0) == []
    assert suggest_journey_progress([], Profile()) == []


def test_suggest_clarify_from_profile_or_answer_count() -> None:
    wants = Profile(preferences=(Preference("format", "How we meet", ("telehealth",), MUST),))
    shrug = Profile(preferences=(Preference("format", "How we meet", ("telehealth",), DONT_MIND),))
    assert suggest_journey_progress([], wants) == ["clarify_preferences"]
    assert suggest_journey_progress([], shrug) == []
    assert suggest_journey_progress([], 4, required_answers=5) == []
    assert suggest_journey_progress([], 5, required_answers=5) == ["clarify_preferences"]


def test_suggest_shortlist_three_at_exactly_three() -> None:
    assert "shortlist_three" not in suggest_journey_progress([cand("a"), cand("b")], None)
    assert suggest_journey_progress([cand("a"), cand("b"), cand("c")], None) == ["shortlist_three"]


@pytest.mark.parametrize(
    ("status", "keys"),
    [
        ("to_contact", []),
        ("declined", []),
        ("contacted", ["contact"]),
        ("consultation_booked", ["contact", "book_consultation"]),
        ("consulted", ["contact", "book_consultation", "attend_consultation"]),
        ("chosen", ["contact", "book_consultation", "attend_consultation", "decide"]),
    ],
)
def test_suggest_from_candidate_statuses(status: str, keys: list[str]) -> None:
    assert suggest_journey_progress([cand("a", status)], None) == keys


def test_suggest_never_ticks_first_session_and_skips_done_keys() -> None:
    pool = [cand("a", "chosen"), cand("b"), cand("c")]
    wants = Profile(preferences=(Preference("language", "Language", ("English",), NICE),))
    keys = suggest_journey_progress(pool, wants, done_keys=["contact", "shortlist_three"])
    assert keys == ["clarify_preferences", "book_consultation", "attend_consultation", "decide"]
    assert "first_session" not in keys


def test_tick_journey_celebrates_only_new_milestones(store: MemoryStore) -> None:
    assert tick_journey(store, ["contact"], now=NOW) == []  # no journey yet: nothing to do
    start_journey(store, ids=counter(), now=NOW)
    first = tick_journey(store, ["contact", "book_consultation"], now=NOW)
    assert [c.key for c in first] == ["contact", "book_consultation"]
    again = tick_journey(store, ["contact", "book_consultation", "decide"], now=NOW)
    assert [c.key for c in again] == ["decide"]


def test_edit_goal_renames_moves_and_clears_the_date() -> None:
    from journal_app.core.goals import edit_goal

    store = MemoryStore()
    add_goal(store, "Call clinics", "2025-03-20", record_id="g1", now=NOW)
    renamed = edit_goal(store, "g1", title="  Call two clinics ", now=NOW)
    assert (renamed.title, renamed.due) == ("Call two clinics", date(2025, 3, 20))
    moved = edit_goal(store, "g1", due="2025-04-01", now=NOW)
    assert (moved.title, moved.due) == ("Call two clinics", date(2025, 4, 1))
    assert edit_goal(store, "g1", due=None, now=NOW).due is None
    with pytest.raises(InvalidInput):
        edit_goal(store, "g1", title="", now=NOW)
    with pytest.raises(InvalidInput):
        edit_goal(store, "g1", due="2020-01-01", now=NOW)
    assert store.get(Goal, "g1").title == "Call two clinics"


def test_take_goal_and_restore_it_with_its_milestones() -> None:
    from journal_app.core.goals import restore_goal, take_goal

    store = MemoryStore()
    goal = add_goal(store, "Own goal", record_id="g1", now=NOW)
    add_milestone(store, "g1", "First part", record_id="m1", now=NOW)
    deleted = take_goal(store, "g1")
    assert store.all(Goal) == [] and store.all(Milestone) == []
    restore_goal(store, deleted)
    assert store.get(Goal, "g1") == goal and [m.id for m in store.all(Milestone)] == ["m1"]
    journey = start_journey(store, ids=counter("j"), now=NOW)
    with pytest.raises(InvalidInput, match="journey stays"):
        take_goal(store, journey.id)

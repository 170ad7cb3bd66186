"""Goals and milestones: the ready "finding a therapist" journey and the person's own goals.

Looking for a therapist is a string of small, hard steps, and each one deserves to be
noticed. So progress is always visible, reaching a milestone returns a celebration for
the shell to show, and a celebration happens once: ticking something that is already
ticked is harmless and quiet.

Everything here takes ``now`` or ``today`` and ids from the caller; nothing reads the
clock. ``today`` should be the person's local date, because "overdue" is about their day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from journal_app.core.journal import InvalidInput, check_short_text
from journal_app.core.ports import RecordStore
from journal_app.core.profile import MUST, NICE, Profile
from journal_app.core.records import Candidate, Goal, Milestone, Step
from journal_app.core.shortlist import CHOSEN, CONSULTATION_BOOKED, CONSULTED, CONTACTED

JOURNEY = "journey"
OWN = "own"
JOURNEY_TITLE = "Finding a therapist"

MAX_TITLE_CHARS = 200
MAX_STEPS = 50
MAX_YEARS_AHEAD = 10


@dataclass(frozen=True)
class JourneyStage:
    """One stage of the ready journey: a stable key, a title, and what we say on reaching it."""

    key: str
    title: str
    celebration: str


JOURNEY_STAGES: tuple[JourneyStage, ...] = (
    JourneyStage(
        "clarify_preferences",
        "Put into words what I'm looking for",
        "You put into words what you need. That's the part many people find hardest.",
    ),
    JourneyStage(
        "shortlist_three",
        "Find at least three therapists to consider",
        "You have a real shortlist now: three options to compare. Nicely done.",
    ),
    JourneyStage(
        "contact",
        "Reach out to a therapist",
        "You reached out to a stranger about something personal. That took courage.",
    ),
    JourneyStage(
        "book_consultation",
        "Book a first consultation",
        "You booked a consultation — that takes courage.",
    ),
    JourneyStage(
        "attend_consultation",
        "Go to the consultation",
        "You went to the consultation. Showing up is a big deal, whatever you decide.",
    ),
    JourneyStage(
        "decide",
        "Decide who feels right",
        "You made a choice about who feels right for you. Trust what you noticed.",
    ),
    JourneyStage(
        "first_session",
        "Have my first session",
        "Your first session is done. Look how far you've come.",
    ),
)
JOURNEY_KEYS: tuple[str, ...] = tuple(stage.key for stage in JOURNEY_STAGES)
_STAGE_BY_KEY = {stage.key: stage for stage in JOURNEY_STAGES}

JOURNEY_DONE_MESSAGE = (
    "You found your way to a therapist, one brave step at a time. Be proud of that."
)


@dataclass(frozen=True)
class Celebration:
    """Something to celebrate, for the shell to show warmly (and only once)."""

    kind: str  # "milestone" or "goal"
    goal_id: str
    title: str
    message: str
    milestone_id: str | None = None
    key: str | None = None


# --- Validation ------------------------------------------------------------------------------


def check_title(title: str, what: str = "goal") -> str:
    """A goal or step title: see ``check_short_text``."""
    return check_short_text(
        title, what, max_chars=MAX_TITLE_CHARS, empty_hint="a few words are enough"
    )


def check_due(due: date | str | None, *, today: date) -> date | None:
    """A target date: empty, or from yesterday up to ten years ahead.

    ``today`` is the person's local date: shells pass ``now`` on the person's clock (an
    aware time in their zone), so ``now.date()`` below is their day, not UTC's. Yesterday
    is still allowed, for a clock or zone a little behind the person's own calendar.
    """
    if due is None or (isinstance(due, str) and not due.strip()):
        return None
    if isinstance(due, str):
        try:
            due = date.fromisoformat(due.strip())
        except ValueError:
            raise InvalidInput(f"{due!r} is not a date; use the form 2025-03-31.") from None
    if isinstance(due, datetime):
        due = due.date()
    if not isinstance(due, date):
        raise InvalidInput("The target date must be a date, like 2025-03-31.")
    if due < today - timedelta(days=1):
        raise InvalidInput(f"{due.isoformat()} has already passed; pick today or a later day.")
    if due > _years_ahead(today, MAX_YEARS_AHEAD):
        raise InvalidInput(
            f"{due.isoformat()} is more than {MAX_YEARS_AHEAD} years away; pick a nearer date."
        )
    return due


def _new_due(current: date | None, due: date | str | None, *, today: date) -> date | None:
    """A target date being saved over ``current``. The date already there is taken as it
    is, even once it has passed: saving an untouched date box must not be refused."""
    text = due.strip() if isinstance(due, str) else due
    if current is not None and text in (current, current.isoformat()):
        return current
    return check_due(due, today=today)


def _years_ahead(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _check_steps(steps: Iterable[str | Step]) -> list[Step]:
    if isinstance(steps, str):
        steps = [steps]
    out = []
    for step in steps:
        if isinstance(step, Step):
            out.append(Step(title=check_title(step.title, "step"), done=bool(step.done)))
        elif isinstance(step, str) and not step.strip():
            continue
        else:
            out.append(Step(title=check_title(step, "step")))
    if len(out) > MAX_STEPS:
        raise InvalidInput(f"A goal can have at most {MAX_STEPS} steps; try splitting it in two.")
    return out


# --- Ids -------------------------------------------------------------------------------------

IdSource = Callable[[], str] | Iterable[str]


def _id_supplier(ids: IdSource) -> Callable[[], str]:
    """Accept a function that makes ids, or a ready list of them (handy in tests)."""
    if callable(ids):
        return ids
    iterator: Iterator[str] = iter(ids)

    def take() -> str:
        try:
            return next(iterator)
        except StopIteration:
            raise ValueError("start_journey ran out of ids") from None

    return take


# --- Looking things up -----------------------------------------------------------------------


def _goal(store: RecordStore, goal_id: str) -> Goal:
    goal = store.get(Goal, goal_id)
    if goal is None:
        raise InvalidInput(f"No goal with id {goal_id}.")
    return goal


def _milestone(store: RecordStore, milestone_id: str) -> Milestone:
    milestone = store.get(Milestone, milestone_id)
    if milestone is None:
        raise InvalidInput(f"No milestone with id {milestone_id}.")
    return milestone


def sort_milestones(milestones: Iterable[Milestone]) -> list[Milestone]:
    """Milestones in the order they are meant to happen."""
    return sorted(milestones, key=lambda m: (m.order, m.created_at, m.id))


def milestones_for(store: RecordStore, goal_id: str) -> list[Milestone]:
    """A goal's milestones, in order."""
    return sort_milestones(m for m in store.all(Milestone) if m.goal_id == goal_id)


def find_journey(goals: Iterable[Goal]) -> Goal | None:
    """The ready journey among some goals (the oldest, should there ever be two)."""
    journeys = [g for g in goals if g.kind == JOURNEY]
    return min(journeys, key=lambda g: (g.created_at, g.id)) if journeys else None


def journey(store: RecordStore) -> Goal | None:
    """The ready journey, if it has been started."""
    return find_journey(store.all(Goal))


def _goal_order(goal: Goal) -> tuple[bool, bool, bool, date, datetime, str]:
    return (
        goal.kind != JOURNEY,
        goal.done_at is not None,
        goal.due is None,
        goal.due or date.max,
        goal.created_at,
        goal.id,
    )


def sort_goals(goals: Iterable[Goal]) -> list[Goal]:
    """Journey first, then open goals by target date (undated last), then finished ones."""
    return sorted(goals, key=_goal_order)


def list_goals(store: RecordStore, *, include_done: bool = True) -> list[Goal]:
    """Every goal, in the order the person would want to see them."""
    goals = sort_goals(store.all(Goal))
    return goals if include_done else [g for g in goals if g.done_at is None]


# --- The ready journey -----------------------------------------------------------------------


def start_journey(store: RecordStore, *, ids: IdSource, now: datetime) -> Goal:
    """Create the ready journey with its milestones, or return the one already there.

    Idempotent so a shell can call it on every start without ever making a second one.
    """
    existing = journey(store)
    if existing is not None:
        return existing
    next_id = _id_supplier(ids)
    goal = Goal(id=next_id(), created_at=now, title=JOURNEY_TITLE, kind=JOURNEY)
    milestones = [
        Milestone(
            id=next_id(),
            created_at=now,
            goal_id=goal.id,
            title=stage.title,
            key=stage.key,
            order=order,
        )
        for order, stage in enumerate(JOURNEY_STAGES)
    ]
    store.add_many([goal, *milestones])
    return goal


def fold_journeys(store: RecordStore, *, now: datetime) -> int:
    """One ready journey: two devices that each started it while apart (or two journals
    merged) leave two. The oldest stays; a step reached on the other counts as reached
    (at the earlier date), and the other journey goes. Every device folds them the same
    way, so their changes agree. Returns how many journeys were folded in."""
    journeys = sorted((g for g in store.all(Goal) if g.kind == JOURNEY), key=_journey_age)
    if len(journeys) < 2:
        return 0
    keep = journeys[0]
    kept = {m.key: m for m in milestones_for(store, keep.id)}
    for extra in journeys[1:]:
        for step in milestones_for(store, extra.id):
            mine = kept.get(step.key)
            if mine is not None and step.done_at is not None:
                earlier = step.done_at if mine.done_at is None else min(mine.done_at, step.done_at)
                if earlier != mine.done_at:
                    mine = replace(mine, done_at=earlier, updated_at=now)
                    store.update(mine)
                    kept[step.key] = mine
            store.remove(Milestone, step.id)
        store.remove(Goal, extra.id)
    return len(journeys) - 1


def _journey_age(goal: Goal) -> tuple[datetime, str]:
    return (goal.created_at, goal.id)


def suggest_journey_progress(
    candidates: Iterable[Candidate],
    profile_or_answer_count: Profile | int | None,
    *,
    required_answers: int = 1,
    done_keys: Iterable[str] = (),
) -> list[str]:
    """Journey milestones the person's own data shows they have reached, in journey order.

    The app can tick these for them. ``profile_or_answer_count`` is either the profile
    (clarified once anything is marked must-have or nice-to-have) or how many of the
    required prompts are answered (clarified once at least ``required_answers``). Keys in
    ``done_keys`` are left out, so the result is only what is newly reached. The first
    session cannot be seen in the data; only the person can tick that one.
    """
    pool = list(candidates)
    statuses = {c.status for c in pool}
    reached: set[str] = set()
    if _clarified(profile_or_answer_count, required_answers):
        reached.add("clarify_preferences")
    if len(pool) >= 3:
        reached.add("shortlist_three")
    if statuses & {CONTACTED, CONSULTATION_BOOKED, CONSULTED, CHOSEN}:
        reached.add("contact")
    if statuses & {CONSULTATION_BOOKED, CONSULTED, CHOSEN}:
        reached.add("book_consultation")
    if statuses & {CONSULTED, CHOSEN}:
        reached.add("attend_consultation")
    if CHOSEN in statuses:
        reached.add("decide")
    skip = set(done_keys)
    return [key for key in JOURNEY_KEYS if key in reached and key not in skip]


def _clarified(source: Profile | int | None, required_answers: int) -> bool:
    if source is None:
        return False
    if isinstance(source, Profile):
        return any(p.values for p in source.preferences if p.importance in (MUST, NICE))
    return required_answers > 0 and source >= required_answers


def settled_keys(milestones: Iterable[Milestone]) -> list[str]:
    """Journey milestones that syncing with the data must leave alone.

    Those already reached, and those the person reopened: their choice wins over what the
    data suggests, so an untick is not undone (and celebrated again) on the next sync.
    """
    return [m.key for m in milestones if m.key and (m.done_at or m.reopened_at)]


def tick_journey(store: RecordStore, keys: Iterable[str], *, now: datetime) -> list[Celebration]:
    """Complete the journey milestones with these keys; celebrations only for new ones."""
    goal = journey(store)
    if goal is None:
        return []
    wanted = set(keys)
    celebrations: list[Celebration] = []
    for milestone in milestones_for(store, goal.id):
        if milestone.key in wanted:
            celebrations.extend(complete_milestone(store, milestone.id, now=now))
    return celebrations


# --- The person's own goals ------------------------------------------------------------------


def add_goal(
    store: RecordStore,
    title: str,
    due: date | str | None = None,
    steps: Iterable[str | Step] = (),
    *,
    record_id: str,
    now: datetime,
    notes: str = "",
) -> Goal:
    """A goal of the person's own, with an optional target date and small steps."""
    goal = Goal(
        id=record_id,
        created_at=now,
        title=check_title(title),
        kind=OWN,
        due=check_due(due, today=now.date()),
        steps=_check_steps(steps),
        notes=(notes or "").strip(),
    )
    store.add(goal)
    return goal


def add_milestone(
    store: RecordStore,
    goal_id: str,
    title: str,
    due: date | str | None = None,
    *,
    record_id: str,
    now: datetime,
) -> Milestone:
    """A milestone at the end of a goal's list; reaching it will be celebrated."""
    goal = _goal(store, goal_id)
    existing = milestones_for(store, goal.id)
    milestone = Milestone(
        id=record_id,
        created_at=now,
        goal_id=goal.id,
        title=check_title(title, "milestone"),
        order=(existing[-1].order + 1) if existing else 0,
        due=check_due(due, today=now.date()),
    )
    store.add(milestone)
    return milestone


def set_goal_due(
    store: RecordStore, goal_id: str, due: date | str | None, *, now: datetime
) -> Goal:
    """Set or clear a goal's target date."""
    goal = _goal(store, goal_id)
    new_due = _new_due(goal.due, due, today=now.date())
    if new_due == goal.due:  # the same date saved again: nothing changes
        return goal
    updated = replace(goal, due=new_due, updated_at=now)
    store.update(updated)
    return updated


_UNCHANGED: object = object()


def edit_goal(
    store: RecordStore,
    goal_id: str,
    *,
    title: str | None = None,
    due: date | str | None | object = _UNCHANGED,
    now: datetime,
) -> Goal:
    """Rename a goal and/or move (or clear, with ``due=None``) its target date, checked as
    when adding. Anything not given stays as it was; the journey may be renamed too."""
    goal = _goal(store, goal_id)
    changes: dict[str, Any] = {}
    if title is not None:
        changes["title"] = check_title(title)
    if due is not _UNCHANGED:
        changes["due"] = _new_due(goal.due, due, today=now.date())  # type: ignore[arg-type]
    # Saving what is already there is not a change: the record stays exactly as it was.
    changes = {k: v for k, v in changes.items() if getattr(goal, k) != v}
    if not changes:
        return goal
    updated = replace(goal, **changes, updated_at=now)
    store.update(updated)
    return updated


def set_milestone_due(
    store: RecordStore, milestone_id: str, due: date | str | None, *, now: datetime
) -> Milestone:
    """Set or clear a milestone's target date (journey milestones have none to begin with)."""
    milestone = _milestone(store, milestone_id)
    new_due = _new_due(milestone.due, due, today=now.date())
    if new_due == milestone.due:  # the same date saved again: nothing changes
        return milestone
    updated = replace(milestone, due=new_due, updated_at=now)
    store.update(updated)
    return updated


def add_step(store: RecordStore, goal_id: str, title: str, *, now: datetime) -> Goal:
    """Add a small step to a goal. A finished goal with a new step is open again."""
    goal = _goal(store, goal_id)
    steps = _check_steps([*goal.steps, Step(title=title)])
    updated = replace(goal, steps=steps, done_at=None, updated_at=now)
    store.update(updated)
    return updated


def complete_step(
    store: RecordStore, goal_id: str, index: int, *, now: datetime, done: bool = True
) -> list[Celebration]:
    """Tick (or untick) a step; finishing the last open piece of a goal celebrates the goal."""
    goal = _goal(store, goal_id)
    index = _step_index(goal, index)
    if goal.steps[index].done == done:
        return []
    steps = [replace(s) for s in goal.steps]
    steps[index].done = done
    updated = replace(goal, steps=steps, updated_at=now)
    if not done:
        updated = replace(updated, done_at=None)
    store.update(updated)
    return _finish_if_complete(store, updated, now=now) if done else []


def _step_index(goal: Goal, index: int) -> int:
    """A step's place in its goal, refused plainly when there is no such step."""
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(goal.steps):
        raise InvalidInput(f"This goal has no step number {index}.")
    return index


def rename_step(store: RecordStore, goal_id: str, index: int, title: str, *, now: datetime) -> Goal:
    """Give a step new words, checked as when adding. The same words change nothing (not
    even ``updated_at``), so saving an untouched box leaves the goal exactly as it was."""
    goal = _goal(store, goal_id)
    index = _step_index(goal, index)
    new_title = check_title(title, "step")
    if new_title == goal.steps[index].title:
        return goal
    steps = [replace(s) for s in goal.steps]
    steps[index].title = new_title
    updated = replace(goal, steps=steps, updated_at=now)
    store.update(updated)
    return updated


def move_step(store: RecordStore, goal_id: str, index: int, offset: int, *, now: datetime) -> Goal:
    """Move a step up (``offset`` -1) or down (+1) by swapping it with its neighbour, so a
    keyboard or switch user can reorder with two buttons instead of dragging. Moving past
    either end is refused rather than wrapped round: wrapping would surprise."""
    goal = _goal(store, goal_id)
    index = _step_index(goal, index)
    if offset not in (-1, 1):
        raise InvalidInput("A step moves one place at a time: up or down.")
    target = index + offset
    if not 0 <= target < len(goal.steps):
        where = "first" if offset < 0 else "last"
        raise InvalidInput(f"That step is already the {where}.")
    steps = [replace(s) for s in goal.steps]
    steps[index], steps[target] = steps[target], steps[index]
    updated = replace(goal, steps=steps, updated_at=now)
    store.update(updated)
    return updated


@dataclass(frozen=True)
class RemovedStep:
    """A step just removed and where it stood: everything ``restore_step`` needs."""

    goal_id: str
    index: int
    step: Step


def take_step(store: RecordStore, goal_id: str, index: int, *, now: datetime) -> RemovedStep:
    """Remove a step and hand it back, so the shell can offer Undo instead of asking first.
    Removing never marks the goal done: a celebration should follow something the person
    did, not a tidy-up."""
    goal = _goal(store, goal_id)
    index = _step_index(goal, index)
    steps = [replace(s) for s in goal.steps]
    removed = steps.pop(index)
    store.update(replace(goal, steps=steps, updated_at=now))
    return RemovedStep(goal_id=goal.id, index=index, step=removed)


def restore_step(store: RecordStore, removed: RemovedStep, *, now: datetime) -> Goal:
    """Put a removed step back where it was (at the end, if the list has shrunk since).
    An open step put back into a goal marked done opens the goal again, as adding does."""
    goal = _goal(store, removed.goal_id)
    steps = [replace(s) for s in goal.steps]
    steps.insert(min(removed.index, len(steps)), replace(removed.step))
    steps = _check_steps(steps)
    done_at = goal.done_at if removed.step.done else None
    updated = replace(goal, steps=steps, done_at=done_at, updated_at=now)
    store.update(updated)
    return updated


def _all_complete(goal: Goal, milestones: Sequence[Milestone]) -> bool:
    total = len(milestones) + len(goal.steps)
    return total > 0 and all(m.done_at for m in milestones) and all(s.done for s in goal.steps)


def _finish_if_complete(store: RecordStore, goal: Goal, *, now: datetime) -> list[Celebration]:
    if goal.done_at is None and _all_complete(goal, milestones_for(store, goal.id)):
        celebration = goal_done(store, goal.id, now=now)
        return [celebration] if celebration else []
    return []


def _milestone_message(milestone: Milestone) -> str:
    stage = _STAGE_BY_KEY.get(milestone.key or "")
    if stage is not None:
        return stage.celebration
    return f"You reached \u201c{milestone.title}\u201d. Every step counts. Well done."


def _goal_message(goal: Goal) -> str:
    if goal.kind == JOURNEY:
        return JOURNEY_DONE_MESSAGE
    return (
        f"You did it: \u201c{goal.title}\u201d is done. "
        "Take a moment to notice how far you've come."
    )


def complete_milestone(
    store: RecordStore, milestone_id: str, *, now: datetime
) -> list[Celebration]:
    """Mark a milestone reached and say so warmly.

    Returns the milestone's celebration, followed by the goal's when this was the last
    open piece of it (the goal is then marked done). An already reached milestone returns
    an empty list: no error, and no second celebration.
    """
    milestone = _milestone(store, milestone_id)
    if milestone.done_at is not None:
        return []
    store.update(replace(milestone, done_at=now, updated_at=now))
    celebrations = [
        Celebration(
            kind="milestone",
            goal_id=milestone.goal_id,
            milestone_id=milestone.id,
            key=milestone.key,
            title=milestone.title,
            message=_milestone_message(milestone),
        )
    ]
    goal = store.get(Goal, milestone.goal_id)
    if goal is not None:
        celebrations.extend(_finish_if_complete(store, goal, now=now))
    return celebrations


def reopen_milestone(store: RecordStore, milestone_id: str, *, now: datetime) -> Milestone:
    """Undo a tick. Its goal is open again too, since something in it is not done."""
    milestone = _milestone(store, milestone_id)
    if milestone.done_at is None:
        return milestone
    updated = replace(milestone, done_at=None, reopened_at=now, updated_at=now)
    store.update(updated)
    goal = store.get(Goal, milestone.goal_id)
    if goal is not None and goal.done_at is not None:
        store.update(replace(goal, done_at=None, updated_at=now))
    return updated


def goal_done(store: RecordStore, goal_id: str, *, now: datetime) -> Celebration | None:
    """Mark a whole goal done (counts as 100%); a celebration the first time only."""
    goal = _goal(store, goal_id)
    if goal.done_at is not None:
        return None
    store.update(replace(goal, done_at=now, updated_at=now))
    return Celebration(kind="goal", goal_id=goal.id, title=goal.title, message=_goal_message(goal))


def reopen_goal(store: RecordStore, goal_id: str, *, now: datetime) -> Goal:
    """A goal marked done by mistake, or one to pick up again."""
    goal = _goal(store, goal_id)
    if goal.done_at is None:
        return goal
    updated = replace(goal, done_at=None, updated_at=now)
    store.update(updated)
    return updated


def delete_goal(store: RecordStore, goal_id: str) -> bool:
    """Remove a goal and its milestones. Asking first is the shell's job."""
    for milestone in milestones_for(store, goal_id):
        store.remove(Milestone, milestone.id)
    return store.remove(Goal, goal_id)


@dataclass(frozen=True)
class DeletedGoal:
    """A goal just deleted, with its milestones: everything ``restore_goal`` needs."""

    goal: Goal
    milestones: tuple[Milestone, ...]


def take_goal(store: RecordStore, goal_id: str) -> DeletedGoal:
    """Delete a goal of the person's own and hand it back, so the shell can offer undo.
    The ready journey stays: its milestones can be unticked instead."""
    goal = _goal(store, goal_id)
    if goal.kind == JOURNEY:
        raise InvalidInput("The therapist-search journey stays; untick anything instead.")
    kept = DeletedGoal(goal, tuple(milestones_for(store, goal_id)))
    delete_goal(store, goal_id)
    return kept


def restore_goal(store: RecordStore, deleted: DeletedGoal) -> Goal:
    """Put a deleted goal and its milestones back exactly as they were."""
    if store.get(Goal, deleted.goal.id) is None:
        store.add(deleted.goal)
    missing = [m for m in deleted.milestones if store.get(Milestone, m.id) is None]
    if missing:
        store.add_many(missing)
    return deleted.goal


# --- Progress --------------------------------------------------------------------------------


def is_overdue(item: Goal | Milestone, today: date) -> bool:
    """Past its target date and not done. Due today is not overdue: there is still today."""
    return item.due is not None and item.due < today and item.done_at is None


@dataclass(frozen=True)
class GoalProgress:
    """Where a goal stands: what is done, what is late, and what comes next."""

    goal: Goal
    milestones: tuple[Milestone, ...]
    done: int
    total: int
    percent: int
    is_done: bool
    overdue: bool
    overdue_milestones: tuple[Milestone, ...]
    next_milestone: Milestone | None

    def sentence(self) -> str:
        """Plain words for a progress line."""
        if self.is_done:
            return f"{self.goal.title}: done. Well done."
        if not self.total:
            return f"{self.goal.title}: no steps yet."
        text = f"{self.goal.title}: {self.done} of {self.total} done ({self.percent}%)."
        if self.next_milestone is not None:
            text += f" Next: {self.next_milestone.title}."
        return text


def progress(goal: Goal, milestones: Iterable[Milestone], today: date) -> GoalProgress:
    """Progress of one goal. ``milestones`` may hold other goals' too; they are ignored.

    The percentage is rounded down, so 100% only ever means everything is done (or the
    person marked the goal done, which counts as 100% whatever is left).
    """
    own = tuple(sort_milestones(m for m in milestones if m.goal_id == goal.id))
    done = sum(1 for m in own if m.done_at) + sum(1 for s in goal.steps if s.done)
    total = len(own) + len(goal.steps)
    finished = goal.done_at is not None
    percent = 100 if finished else (100 * done) // max(total, 1)
    late = () if finished else tuple(m for m in own if is_overdue(m, today))
    upcoming = None if finished else next((m for m in own if m.done_at is None), None)
    return GoalProgress(
        goal=goal,
        milestones=own,
        done=done,
        total=total,
        percent=percent,
        is_done=finished,
        overdue=is_overdue(goal, today),
        overdue_milestones=late,
        next_milestone=upcoming,
    )


def overview(store: RecordStore, today: date, *, include_done: bool = True) -> list[GoalProgress]:
    """Progress for every goal, journey first, in the order ``sort_goals`` gives."""
    milestones = store.all(Milestone)
    return [progress(g, milestones, today) for g in list_goals(store, include_done=include_done)]


def overdue_items(
    goals: Iterable[Goal], milestones: Iterable[Milestone], today: date
) -> list[Goal | Milestone]:
    """Everything past its date and not done; milestones of finished goals are left out."""
    goal_list = list(goals)
    finished = {g.id for g in goal_list if g.done_at is not None}
    late: list[Goal | Milestone] = [g for g in sort_goals(goal_list) if is_overdue(g, today)]
    late.extend(
        m for m in sort_milestones(milestones) if m.goal_id not in finished and is_overdue(m, today)
    )
    return late


def next_milestone(store: RecordStore, goal_id: str) -> Milestone | None:
    """The first milestone of a goal not yet reached."""
    return next((m for m in milestones_for(store, goal_id) if m.done_at is None), None)

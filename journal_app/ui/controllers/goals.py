"""Goals: the "Finding a therapist" journey and the person's own goals.

State for the screen comes from the core's ``overview``; every action goes through the core
use cases and hands back the celebrations to show (the core makes sure each is shown once).
What the person has typed into the "Add a goal" form lives here, so a rebuild of the screen
(a resize, a refresh after another action) never loses it, and is kept as a sealed draft
(``app.drafts``), so a lock or a closed tab does not either: the next unlock reopens it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from journal_app.app.drafts import Fields, load_draft, put_back
from journal_app.app.session import AppSession
from journal_app.core import goals as core
from journal_app.core.drafts import GOAL_NEW
from journal_app.core.goals import Celebration, GoalProgress
from journal_app.core.journal import InvalidInput
from journal_app.core.records import Goal, Milestone
from journal_app.ui.controllers.drafts import Discarded, reader

OVERDUE_NOTE = "past its date — no pressure, want to move it?"
GOAL_FIELDS = ("title", "due", "steps")


def day_words(day: date) -> str:
    """A date the way people say it: "3 March 2025"."""
    return f"{day.day} {day:%B %Y}"


def parse_steps(text: str) -> list[str]:
    """One small step per line; blank lines are ignored."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@dataclass(frozen=True)
class MilestoneRow:
    id: str
    title: str
    done: bool
    due: date | None
    overdue: bool
    note: str | None  # the gentle overdue line, when there is one


@dataclass(frozen=True)
class StepRow:
    index: int
    title: str
    done: bool


@dataclass(frozen=True)
class GoalCard:
    id: str
    title: str
    is_journey: bool
    is_done: bool
    sentence: str
    fraction: float  # 0.0-1.0 for the progress bar
    percent: int
    due: date | None
    due_text: str | None
    overdue: bool
    overdue_note: str | None
    milestones: tuple[MilestoneRow, ...]
    steps: tuple[StepRow, ...]
    can_delete: bool


@dataclass
class GoalDraft:
    """What is typed into "Add a goal" but not saved yet."""

    title: str = ""
    due: str = ""
    steps: str = ""
    error: str | None = None


def goal_fields(draft: GoalDraft) -> Fields:
    """The "Add a goal" form as its draft keeps it (the refusal shown under it is not)."""
    return {name: getattr(draft, name) for name in GOAL_FIELDS}


def goal_draft_from(fields: Fields) -> GoalDraft:
    """A kept draft back in the form (a value that is not text is left out)."""

    def text(name: str) -> str:
        value = fields.get(name)
        return value if isinstance(value, str) else ""

    return GoalDraft(title=text("title"), due=text("due"), steps=text("steps"))


@dataclass(frozen=True)
class GoalsState:
    journey: GoalCard | None
    own: tuple[GoalCard, ...]
    celebrations: list[Celebration]  # reached since last time (from the person's data)
    draft: GoalDraft
    moving: str | None  # the goal or milestone whose date editor is open
    form_open: bool
    draft_restored: bool = False  # the form shows a draft kept from before the lock


def _milestone_row(m: Milestone, late: set[str]) -> MilestoneRow:
    overdue = m.id in late
    note = None
    if overdue and m.due is not None:
        note = f"Planned for {day_words(m.due)}: {OVERDUE_NOTE}"
    return MilestoneRow(
        id=m.id, title=m.title, done=m.done_at is not None, due=m.due, overdue=overdue, note=note
    )


def goal_card(p: GoalProgress) -> GoalCard:
    goal = p.goal
    late = {m.id for m in p.overdue_milestones}
    due_text = f"Target date: {day_words(goal.due)}" if goal.due else None
    overdue_note = f"Planned for {day_words(goal.due)}: {OVERDUE_NOTE}" if p.overdue else None
    return GoalCard(
        id=goal.id,
        title=goal.title,
        is_journey=goal.kind == core.JOURNEY,
        is_done=p.is_done,
        sentence=p.sentence(),
        fraction=p.percent / 100,
        percent=p.percent,
        due=goal.due,
        due_text=due_text,
        overdue=p.overdue,
        overdue_note=overdue_note,
        milestones=tuple(_milestone_row(m, late) for m in p.milestones),
        steps=tuple(StepRow(i, s.title, s.done) for i, s in enumerate(goal.steps)),
        can_delete=goal.kind != core.JOURNEY,  # the journey would only come back
    )


@dataclass
class GoalsController:
    session: AppSession
    draft: GoalDraft = field(default_factory=GoalDraft)
    moving: str | None = None
    move_text: str | None = None  # a new date typed but not saved yet
    form_open: bool = False
    step_drafts: dict[str, str] = field(default_factory=dict)
    renaming: str | None = None  # the goal whose title is being changed
    rename_text: str = ""
    rename_error: str | None = None
    deleted: core.DeletedGoal | None = None  # the last goal deleted, until undone
    restored: bool = False  # "Add a goal" shows a draft kept from before the lock
    discarded: Discarded | None = None  # the draft last discarded, until Undo
    focus_form: bool = False  # keyboard focus to the form's first box at the next build

    def __post_init__(self) -> None:
        """On opening the journal: a goal being written before the lock is open again."""
        with self.session.work() as repo:
            kept = load_draft(repo, GOAL_NEW)
        if kept is not None:
            self.draft = goal_draft_from(kept)
            self.form_open = True
            self.restored = True

    @classmethod
    def for_session(cls, session: AppSession) -> GoalsController:
        """One controller per open journal: drafts survive a rebuild, but not a lock."""
        return session.kept(cls, lambda: cls(session))

    # --- reading ----------------------------------------------------------------------------

    def state(self) -> GoalsState:
        celebrations = self.session.sync_journey()  # starts the journey the first time
        with self.session.work() as repo:
            items = core.overview(repo, self.session.today())
        cards = [goal_card(p) for p in items]
        journey = next((c for c in cards if c.is_journey), None)
        return GoalsState(
            journey=journey,
            own=tuple(c for c in cards if not c.is_journey),
            celebrations=celebrations,
            draft=self.draft,
            moving=self.moving,
            form_open=self.form_open,
            draft_restored=self.restored and self.form_open,
        )

    # --- the form ---------------------------------------------------------------------------

    def set_draft(self, name: str, value: str) -> None:
        if name not in GOAL_FIELDS:
            raise ValueError(f"no goal field {name!r}")
        setattr(self.draft, name, value or "")
        draft = self.draft
        self.session.form_changed(GOAL_NEW, reader(lambda: goal_fields(draft)))

    def open_form(self, is_open: bool = True) -> None:
        self.form_open = is_open
        self.draft.error = None

    def add_goal(self) -> Goal:
        """Save the draft as a goal; on a problem the draft stays, with the reason."""
        d = self.draft
        try:
            with self.session.work() as repo:
                goal = core.add_goal(
                    repo,
                    d.title,
                    d.due.strip() or None,
                    parse_steps(d.steps),
                    record_id=self.session.new_id(),
                    now=self.session.local_now(),  # its date is the person's today
                )
                self.session.form_done(GOAL_NEW)
        except InvalidInput as exc:
            d.error = str(exc)
            raise
        self.draft = GoalDraft()
        self.form_open = False
        self.restored = False
        return goal

    # --- the draft banner -------------------------------------------------------------------

    def keep_going(self) -> None:
        """The banner goes; focus goes to the goal's first box."""
        self.restored = False
        self.focus_form = True

    def take_focus_form(self) -> bool:
        focus, self.focus_form = self.focus_form, False
        return focus

    def discard_draft(self) -> None:
        """The draft leaves the journal and the form closes empty; ``undo_discard``
        brings both back."""
        record = self.session.form_done(GOAL_NEW)
        self.discarded = Discarded(GOAL_NEW, record, goal_fields(self.draft))
        self.draft = GoalDraft()
        self.form_open = False
        self.restored = False

    def undo_discard(self) -> bool:
        gone, self.discarded = self.discarded, None
        if gone is None:
            return False
        if gone.record is not None:
            with self.session.work() as repo:
                put_back(repo, gone.record)
        self.draft = goal_draft_from(gone.fields)
        self.form_open = True
        self.focus_form = True
        return True

    # --- ticking ----------------------------------------------------------------------------

    def set_milestone(self, milestone_id: str, done: bool) -> list[Celebration]:
        """Tick (celebrated, once) or untick a milestone."""
        with self.session.work() as repo:
            if done:
                return core.complete_milestone(repo, milestone_id, now=self.session.now())
            core.reopen_milestone(repo, milestone_id, now=self.session.now())
        return []

    def set_step(self, goal_id: str, index: int, done: bool) -> list[Celebration]:
        with self.session.work() as repo:
            return core.complete_step(repo, goal_id, index, now=self.session.now(), done=done)

    def set_step_draft(self, goal_id: str, text: str) -> None:
        self.step_drafts[goal_id] = text or ""

    def add_step(self, goal_id: str) -> None:
        text = self.step_drafts.get(goal_id, "")
        with self.session.work() as repo:
            core.add_step(repo, goal_id, text, now=self.session.now())
        self.step_drafts.pop(goal_id, None)

    def mark_done(self, goal_id: str) -> list[Celebration]:
        with self.session.work() as repo:
            celebration = core.goal_done(repo, goal_id, now=self.session.now())
        return [celebration] if celebration else []

    def reopen(self, goal_id: str) -> None:
        with self.session.work() as repo:
            core.reopen_goal(repo, goal_id, now=self.session.now())

    def delete(self, goal_id: str) -> bool:
        """Remove an own goal (the screen asks first, or offers ``undo_delete``). The
        journey stays."""
        with self.session.work() as repo:
            if repo.get(Goal, goal_id) is None:
                return False
            self.deleted = core.take_goal(repo, goal_id)
        self.step_drafts.pop(goal_id, None)
        return True

    def undo_delete(self) -> Goal | None:
        """Put back the goal just deleted, with its milestones and steps."""
        deleted, self.deleted = self.deleted, None
        if deleted is None:
            return None
        with self.session.work() as repo:
            return core.restore_goal(repo, deleted)

    # --- renaming ---------------------------------------------------------------------------

    def start_renaming(self, goal_id: str | None) -> None:
        """Open (or, with None, close) the title box of one goal, filled with its title."""
        self.renaming, self.rename_error, self.rename_text = goal_id, None, ""
        if goal_id is not None:
            with self.session.work() as repo:
                goal = repo.get(Goal, goal_id)
            self.rename_text = goal.title if goal else ""

    def set_rename_text(self, text: str) -> None:
        self.rename_text = text or ""

    def rename(self, goal_id: str, title: str | None = None) -> Goal:
        """Save a new title; on a problem the box stays open with the reason beside it."""
        text = self.rename_text if title is None else title
        try:
            with self.session.work() as repo:
                goal = core.edit_goal(repo, goal_id, title=text, now=self.session.now())
        except InvalidInput as exc:
            self.rename_error = str(exc)
            raise
        self.renaming, self.rename_text, self.rename_error = None, "", None
        return goal

    # --- moving a date ----------------------------------------------------------------------

    def start_moving(self, item_id: str | None) -> None:
        self.moving = item_id
        self.move_text = None

    def set_move_text(self, text: str) -> None:
        self.move_text = text or ""

    def move_date(self, item_id: str, due: date | str | None) -> None:
        """A new target date for a goal or a milestone; empty clears it."""
        due = due or None
        with self.session.work() as repo:
            now = self.session.local_now()  # its date is the person's today
            if repo.get(Milestone, item_id) is not None:
                core.set_milestone_due(repo, item_id, due, now=now)
            else:
                core.set_goal_due(repo, item_id, due, now=now)
        self.moving = None
        self.move_text = None

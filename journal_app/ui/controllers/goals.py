"""Goals: the "Finding a therapist" journey and the person's own goals.

State for the screen comes from the core's ``overview``; every action goes through the core
use cases and hands back the celebrations to show (the core makes sure each is shown once).
What the person has typed lives here (the "Add a goal" form, a goal's new name, a new
step, a target date being moved), so a rebuild of the screen (a resize, a refresh after
another action) never loses it, and each box is kept as a sealed draft (``app.drafts``),
so a lock or a closed tab does not either: the next unlock opens it again, with its text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from journal_app.app.drafts import Fields, discard_draft, pending_drafts, put_back, subject_gone
from journal_app.app.session import AppSession
from journal_app.core import goals as core
from journal_app.core.drafts import (
    GOAL_DUE,
    GOAL_NEW,
    GOAL_RENAME,
    GOAL_STEP,
    form_area,
    form_kind,
    form_subject,
    goal_due,
    goal_rename,
    goal_step,
)
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


def _text(fields: Fields, name: str) -> str:
    """One box's words from a kept draft ("" when the value is not text)."""
    value = fields.get(name)
    return value if isinstance(value, str) else ""


def _due_text(item: Goal | Milestone | None) -> str:
    """A target date as its box shows it when opened."""
    return item.due.isoformat() if item is not None and item.due else ""


@dataclass(frozen=True)
class GoalsState:
    journey: GoalCard | None
    own: tuple[GoalCard, ...]
    celebrations: list[Celebration]  # reached since last time (from the person's data)
    draft: GoalDraft
    moving: str | None  # the goal or milestone whose date editor is open
    form_open: bool
    draft_restored: bool = False  # the form shows a draft kept from before the lock
    # Every open box showing a draft kept from before the lock (its banner is up): the
    # "Add a goal" form, a goal's new name, a new step, a target date being moved.
    restored: frozenset[str] = frozenset()


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
    overdue_note = (
        f"Planned for {day_words(goal.due)}: {OVERDUE_NOTE}" if p.overdue and goal.due else None
    )
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
    moving: str | None = None  # the goal or milestone whose date box is open
    move_text: str | None = None  # a new date typed but not saved yet
    form_open: bool = False
    step_drafts: dict[str, str] = field(default_factory=dict)
    renaming: str | None = None  # the goal whose title is being changed
    rename_text: str = ""
    rename_error: str | None = None
    deleted: core.DeletedGoal | None = None  # the last goal deleted, until undone
    # A step's words being changed: (goal id, step index), what is typed, and a refusal.
    renaming_step: tuple[str, int] | None = None
    step_text: str = ""
    step_error: str | None = None
    removed_step: core.RemovedStep | None = None  # the last step removed, until undone
    restored: set[str] = field(default_factory=set)  # forms whose draft banner is up
    discarded: Discarded | None = None  # the draft last discarded, until Undo
    focus_form: str | None = None  # the form whose first box takes the focus at the next build
    # What a box changing a saved goal showed when it was opened (its name, its date): a
    # draft is kept only when the box differs from it.
    _baselines: dict[str, Fields] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        """On opening the journal: every goal box being written before the lock is open
        again, with its text (one name and one date box at a time: the newest)."""
        with self.session.work() as repo:
            kept = [d for d in pending_drafts(repo) if form_area(d.form) == "goal"]
            for draft in reversed(kept):  # oldest first: the newest wins a box two want
                self._restore(repo, draft.form, draft.fields)

    def _restore(self, repo, form: str, fields: Fields) -> None:
        kind, subject = form_kind(form), form_subject(form) or ""
        if form == GOAL_NEW:
            self.draft = goal_draft_from(fields)
            self.form_open = True
        elif subject_gone(repo, form):  # deleted since: nothing to show it on
            return
        elif kind == GOAL_RENAME:
            goal = repo.get(Goal, subject)
            if goal is None:
                return
            if self.renaming is not None:  # an older name box: this one wins
                self._forget(repo, goal_rename(self.renaming))
            self.renaming, self.rename_text = subject, _text(fields, "title")
            self._baselines[form] = {"title": goal.title}
        elif kind == GOAL_STEP:
            self.step_drafts[subject] = _text(fields, "text")
        elif kind == GOAL_DUE:
            if self.moving is not None:
                self._forget(repo, goal_due(self.moving))
            self.moving, self.move_text = subject, _text(fields, "due")
            self._baselines[form] = {"due": _due_text(self._dated(repo, subject))}
        else:
            return
        self.restored.add(form)

    def _forget(self, repo, form: str) -> None:
        """A box a newer draft took the place of: its draft goes (it could not be shown)."""
        discard_draft(repo, form)
        self.restored.discard(form)
        self._baselines.pop(form, None)

    @staticmethod
    def _dated(repo, item_id: str) -> Goal | Milestone | None:
        """The goal or milestone whose date is moved."""
        return repo.get(Milestone, item_id) or repo.get(Goal, item_id)

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
            draft_restored=self.showing_draft(GOAL_NEW),
            restored=frozenset(f for f in self.restored if self._is_open(f)),
        )

    def _is_open(self, form: str) -> bool:
        kind, subject = form_kind(form), form_subject(form)
        if form == GOAL_NEW:
            return self.form_open
        if kind == GOAL_RENAME:
            return self.renaming == subject
        if kind == GOAL_STEP:
            return subject in self.step_drafts
        if kind == GOAL_DUE:
            return self.moving == subject
        return False

    def showing_draft(self, form: str = GOAL_NEW) -> bool:
        """The box is open and shows a draft kept from before the lock (banner up)."""
        return form in self.restored and self._is_open(form)

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
        self.restored.discard(GOAL_NEW)
        return goal

    # --- the draft banners ------------------------------------------------------------------

    def keep_going(self, form: str = GOAL_NEW) -> None:
        """The banner goes; focus goes to the box's (first) field."""
        self.restored.discard(form)
        self.focus_form = form

    def take_focus_form(self, form: str = GOAL_NEW) -> bool:
        """Should this box take the keyboard focus now? Once."""
        if self.focus_form == form:
            self.focus_form = None
            return True
        return False

    def _closed(self, form: str) -> None:
        """A box was saved, cancelled or left: its draft goes, its banner and baseline too."""
        self.session.form_done(form)
        self.restored.discard(form)
        self._baselines.pop(form, None)

    def discard_draft(self, form: str = GOAL_NEW) -> None:
        """The draft leaves the journal and its box closes (the "Add a goal" form empty);
        ``undo_discard`` brings both back."""
        record = self.session.form_done(form)
        kind, subject = form_kind(form), form_subject(form) or ""
        if form == GOAL_NEW:
            fields = goal_fields(self.draft)
            self.draft = GoalDraft()
            self.form_open = False
        elif kind == GOAL_RENAME:
            fields = {"title": self.rename_text}
            if self.renaming == subject:
                self.renaming, self.rename_text, self.rename_error = None, "", None
        elif kind == GOAL_STEP:
            fields = {"text": self.step_drafts.pop(subject, "")}
        else:
            fields = {"due": self.move_text or ""}
            if self.moving == subject:
                self.moving, self.move_text = None, None
        self.discarded = Discarded(form, record, fields)
        self.restored.discard(form)
        self._baselines.pop(form, None)

    def undo_discard(self) -> bool:
        """Put the discarded draft back, in the journal and in its box (False when there
        is none, or its goal has gone meanwhile)."""
        gone, self.discarded = self.discarded, None
        if gone is None:
            return False
        kind, subject = form_kind(gone.form), form_subject(gone.form) or ""
        with self.session.work() as repo:
            if subject_gone(repo, gone.form):
                return False
            if gone.record is not None:
                put_back(repo, gone.record)
        if gone.form == GOAL_NEW:
            self.draft = goal_draft_from(gone.fields)
            self.form_open = True
        elif kind == GOAL_RENAME:
            self.start_renaming(subject, keep=gone.form)
            self.set_rename_text(_text(gone.fields, "title"))
        elif kind == GOAL_STEP:
            self.set_step_draft(subject, _text(gone.fields, "text"))
        elif kind == GOAL_DUE:
            self.start_moving(subject, keep=gone.form)
            self.set_move_text(_text(gone.fields, "due"))
        self.focus_form = gone.form
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
        """What is typed in a goal's "New step" box: kept as a draft a moment later (and
        the draft goes when the box is emptied)."""
        self.step_drafts[goal_id] = text or ""
        steps = self.step_drafts
        self.session.form_changed(
            goal_step(goal_id), reader(lambda: {"text": steps.get(goal_id, "")})
        )

    def add_step(self, goal_id: str) -> None:
        text = self.step_drafts.get(goal_id, "")
        with self.session.work() as repo:
            core.add_step(repo, goal_id, text, now=self.session.now())
            self.session.form_done(goal_step(goal_id))
        self.step_drafts.pop(goal_id, None)
        self.restored.discard(goal_step(goal_id))

    # --- a step after the goal is made: its words, its place, removing it ------------------

    def start_renaming_step(self, goal_id: str | None, index: int = 0) -> None:
        """Open (or, with None, close) one step's words as a box, filled with them. One
        such box at a time, like a goal's name."""
        self.renaming_step, self.step_text, self.step_error = None, "", None
        if goal_id is None:
            return
        with self.session.work() as repo:
            goal = repo.get(Goal, goal_id)
        if goal is None or not 0 <= index < len(goal.steps):
            raise InvalidInput("That step is no longer there.")
        self.renaming_step, self.step_text = (goal_id, index), goal.steps[index].title

    def set_step_text(self, text: str) -> None:
        """What is typed in the open step box."""
        self.step_text = text or ""

    def rename_step(self, goal_id: str, index: int, title: str | None = None) -> Goal:
        """Save a step's new words; on a problem the box stays open with the reason. The
        same words saved again leave the goal exactly as it was."""
        text = self.step_text if title is None else title
        try:
            with self.session.work() as repo:
                goal = core.rename_step(repo, goal_id, index, text, now=self.session.now())
        except InvalidInput as exc:
            self.step_error = str(exc)
            raise
        self.renaming_step, self.step_text, self.step_error = None, "", None
        return goal

    def move_step(self, goal_id: str, index: int, offset: int) -> Goal:
        """Move a step one place up (-1) or down (+1). An open step box follows its step."""
        with self.session.work() as repo:
            goal = core.move_step(repo, goal_id, index, offset, now=self.session.now())
        if self.renaming_step is not None and self.renaming_step[0] == goal_id:
            at = self.renaming_step[1]
            if at == index:
                self.renaming_step = (goal_id, index + offset)
            elif at == index + offset:
                self.renaming_step = (goal_id, index)
        return goal

    def remove_step(self, goal_id: str, index: int) -> core.RemovedStep:
        """Remove a step at once (the screen offers ``undo_remove_step``)."""
        with self.session.work() as repo:
            self.removed_step = core.take_step(repo, goal_id, index, now=self.session.now())
        if self.renaming_step is not None and self.renaming_step[0] == goal_id:
            self.renaming_step, self.step_text, self.step_error = None, "", None
        return self.removed_step

    def undo_remove_step(self) -> Goal | None:
        """Put the step just removed back where it was (None when there is none, or its
        goal has been deleted meanwhile)."""
        removed, self.removed_step = self.removed_step, None
        if removed is None:
            return None
        with self.session.work() as repo:
            if repo.get(Goal, removed.goal_id) is None:
                return None
            return core.restore_step(repo, removed, now=self.session.now())

    def mark_done(self, goal_id: str) -> list[Celebration]:
        with self.session.work() as repo:
            celebration = core.goal_done(repo, goal_id, now=self.session.now())
        return [celebration] if celebration else []

    def reopen(self, goal_id: str) -> None:
        with self.session.work() as repo:
            core.reopen_goal(repo, goal_id, now=self.session.now())

    def delete(self, goal_id: str) -> bool:
        """Remove an own goal (the screen asks first, or offers ``undo_delete``). The
        journey stays. Whatever was being typed about it (a name, a step, a date) goes."""
        with self.session.work() as repo:
            if repo.get(Goal, goal_id) is None:
                return False
            self.deleted = core.take_goal(repo, goal_id)
            ids = [goal_id, *(m.id for m in self.deleted.milestones)]
            for form in (goal_rename(goal_id), goal_step(goal_id), *map(goal_due, ids)):
                self._closed(form)
        self.step_drafts.pop(goal_id, None)
        if self.renaming == goal_id:
            self.renaming, self.rename_text, self.rename_error = None, "", None
        if self.renaming_step is not None and self.renaming_step[0] == goal_id:
            self.renaming_step, self.step_text, self.step_error = None, "", None
        if self.moving in ids:
            self.moving, self.move_text = None, None
        return True

    def undo_delete(self) -> Goal | None:
        """Put back the goal just deleted, with its milestones and steps."""
        deleted, self.deleted = self.deleted, None
        if deleted is None:
            return None
        with self.session.work() as repo:
            return core.restore_goal(repo, deleted)

    # --- renaming ---------------------------------------------------------------------------

    def start_renaming(self, goal_id: str | None, *, keep: str | None = None) -> None:
        """Open (or, with None, close) the title box of one goal, filled with its title.
        The box open before closes, and its draft goes (except ``keep``: a draft being
        put back)."""
        if self.renaming is not None and goal_rename(self.renaming) != keep:
            self._closed(goal_rename(self.renaming))
        self.renaming, self.rename_error, self.rename_text = goal_id, None, ""
        if goal_id is not None:
            with self.session.work() as repo:
                goal = repo.get(Goal, goal_id)
            self.rename_text = goal.title if goal else ""
            self._baselines[goal_rename(goal_id)] = {"title": self.rename_text}

    def set_rename_text(self, text: str) -> None:
        """What is typed in the title box: kept as a draft a moment later, while it
        differs from the name as saved."""
        self.rename_text = text or ""
        if self.renaming is None:
            return
        form = goal_rename(self.renaming)
        self.session.form_changed(
            form,
            reader(lambda: {"title": self.rename_text}, self._baselines.get(form)),
        )

    def rename(self, goal_id: str, title: str | None = None) -> Goal:
        """Save a new title; on a problem the box stays open with the reason beside it."""
        text = self.rename_text if title is None else title
        try:
            with self.session.work() as repo:
                goal = core.edit_goal(repo, goal_id, title=text, now=self.session.now())
                self._closed(goal_rename(goal_id))
        except InvalidInput as exc:
            self.rename_error = str(exc)
            raise
        self.renaming, self.rename_text, self.rename_error = None, "", None
        return goal

    # --- moving a date ----------------------------------------------------------------------

    def start_moving(self, item_id: str | None, *, keep: str | None = None) -> None:
        """Open (or, with None, close) the date box of one goal or milestone. The box open
        before closes, and its draft goes (except ``keep``: a draft being put back)."""
        if self.moving is not None and goal_due(self.moving) != keep:
            self._closed(goal_due(self.moving))
        self.moving = item_id
        self.move_text = None
        if item_id is not None:
            with self.session.work() as repo:
                saved = _due_text(self._dated(repo, item_id))
            self._baselines[goal_due(item_id)] = {"due": saved}

    def set_move_text(self, text: str) -> None:
        """A date typed (or picked) in the open date box: kept as a draft a moment later,
        while it differs from the date as saved."""
        self.move_text = text or ""
        if self.moving is None:
            return
        form = goal_due(self.moving)
        self.session.form_changed(
            form,
            reader(lambda: {"due": self.move_text or ""}, self._baselines.get(form)),
        )

    def move_date(self, item_id: str, due: date | str | None) -> None:
        """A new target date for a goal or a milestone; empty clears it."""
        due = due or None
        with self.session.work() as repo:
            now = self.session.local_now()  # its date is the person's today
            if repo.get(Milestone, item_id) is not None:
                core.set_milestone_due(repo, item_id, due, now=now)
            else:
                core.set_goal_due(repo, item_id, due, now=now)
            self._closed(goal_due(item_id))
        self.moving = None
        self.move_text = None

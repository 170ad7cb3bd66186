"""Preferences: the guided prompts, one at a time, and the profile they add up to.

The prompt engine (``journal_app.core.prompt_engine``) decides what comes next, what an
answer may be and what the profile says; this controller only remembers which prompt is on
screen and what the person has chosen so far, so nothing they typed is lost when the
screen is rebuilt or an answer is refused. A written answer is also kept as a sealed draft
(``app.drafts``), so a lock or a closed tab loses none of it either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from journal_app.app.drafts import load_draft, pending_drafts
from journal_app.app.profile import packs as shipped_packs
from journal_app.app.prompt_files import load_coping
from journal_app.app.session import AppSession
from journal_app.core.coping import Exercise, find_exercise
from journal_app.core.drafts import form_area, form_subject, prompt_answer
from journal_app.core.goals import Celebration
from journal_app.core.journal import InvalidInput
from journal_app.core.profile import IMPORTANCE_LABELS, NICE
from journal_app.core.prompt_engine import (
    Answer,
    LabelledProfile,
    answer_prompt,
    applicable_prompts,
    derive_profile,
    format_value,
    next_prompt,
    progress,
    revisit,
    skip_prompt,
    stored_answers,
)
from journal_app.core.prompt_packs import MULTI, RANKING, SCALE, SINGLE, TEXT, Pack, Prompt
from journal_app.core.prompt_packs import iter_prompts as _iter_prompts
from journal_app.core.records import PreferenceAnswer
from journal_app.ui.controllers.drafts import Discarded, put_back_discarded, reader

ASK = "ask"  # one prompt on screen
PROFILE = "profile"  # the summary and the list of answers


@dataclass(frozen=True)
class PromptState:
    """Everything the view needs to show the current prompt."""

    prompt: Prompt
    number: int | None  # position among the prompts that apply now (None: not asked now)
    total: int
    fraction: float
    pack_title: str
    pack_intro: str  # shown on the first prompt of a pack, else ""
    can_go_back: bool
    answered_before: bool  # a stored answer (or skip) is being changed

    @property
    def counter(self) -> str:
        if self.number is None:
            return f"{self.total} questions in all"
        return f"Question {self.number} of {self.total}"


@dataclass(frozen=True)
class AnsweredItem:
    """One answered (or skipped) prompt in the "My profile" list."""

    prompt_id: str
    pack_title: str
    label: str
    answer: str
    importance: str  # plain words, "" when none
    skipped: bool


@dataclass(frozen=True)
class ProfileState:
    summary: list[str]
    notes: dict[str, str]
    answered: list[AnsweredItem]
    remaining: int
    complete: bool


def default_scale_value(prompt: Prompt) -> float:
    """The middle of the scale, on a step: where a slider starts before it is touched."""
    low, high, step = prompt.min_value or 0, prompt.max_value or 0, prompt.step or 1
    return snap_scale(prompt, low + (high - low) / 2, step=step)


def snap_scale(prompt: Prompt, value: float, *, step: float | None = None) -> float:
    """A slider's float put on the scale's steps and within its ends (ints where whole)."""
    low, high = prompt.min_value or 0, prompt.max_value or 0
    step = step or prompt.step or 1
    steps = round((float(value) - low) / step)
    snapped = min(high, max(low, low + steps * step))
    whole = all(float(n).is_integer() for n in (low, step))
    return int(round(snapped)) if whole else round(snapped, 10)


def _default_value(prompt: Prompt) -> Any:
    if prompt.kind == MULTI:
        return []
    if prompt.kind == RANKING:
        return list(prompt.choice_ids)
    if prompt.kind == SCALE:
        return default_scale_value(prompt)
    if prompt.kind == TEXT:
        return ""
    return None  # single: nothing chosen yet


class PreferencesController:
    """The state of the Preferences screen, kept while the journal stays open."""

    def __init__(
        self,
        session: AppSession,
        packs: Sequence[Pack] | None = None,
        exercises: Sequence[Exercise] | None = None,
    ) -> None:
        self.session = session
        self.packs: tuple[Pack, ...] = tuple(packs if packs is not None else shipped_packs())
        self._exercises = None if exercises is None else tuple(exercises)
        self._order = {p.id: i for i, p in enumerate(_iter_prompts(self.packs))}
        self._pack_of = {p.id: pack for pack in self.packs for p in pack.prompts}
        self.mode = ASK
        self.current: Prompt | None = None
        self.value: Any = None
        self.importance: str | None = None
        self.preview = False
        self.error: str | None = None
        self.finished = False  # every applicable prompt is answered or skipped
        # Drafts of written answers: whether the one on screen came back from before the
        # lock (its banner is up), what it said when opened, the one last discarded.
        self.restored = False
        self.focus_answer = False
        self.discarded: Discarded | None = None
        self._baseline: dict[str, str] | None = None
        self.resume()
        self._open_newest_draft()

    # --- reading -------------------------------------------------------------------------

    def answers(self) -> dict[str, PreferenceAnswer]:
        with self.session.work() as repo:
            return stored_answers(repo)

    @property
    def exercises(self) -> tuple[Exercise, ...]:
        if self._exercises is None:
            self._exercises = load_coping()
        return self._exercises

    def prompt_state(self) -> PromptState | None:
        """The prompt on screen with where it sits, or None when there is none."""
        prompt = self.current
        if prompt is None:
            return None
        answers = self.answers()
        asked = applicable_prompts(self.packs, answers)
        ids = [p.id for p in asked]
        number = ids.index(prompt.id) + 1 if prompt.id in ids else None
        done = progress(self.packs, answers)
        pack = self._pack_of[prompt.id]
        first_of_pack = next((p for p in asked if self._pack_of[p.id] is pack), None)
        intro = pack.intro if first_of_pack is not None and first_of_pack.id == prompt.id else ""
        return PromptState(
            prompt=prompt,
            number=number,
            total=done.total,
            fraction=done.fraction,
            pack_title=pack.title,
            pack_intro=intro,
            can_go_back=self._previous(asked) is not None,
            answered_before=prompt.id in answers,
        )

    def importance_levels(self) -> list[tuple[str, str]]:
        """(level, words) for the importance control, strongest first."""
        return list(IMPORTANCE_LABELS.items())

    def exercise_for_choice(self) -> Exercise | None:
        """A calming exercise the person just picked (a choice whose id names one)."""
        prompt = self.current
        if prompt is None or prompt.kind != SINGLE or not isinstance(self.value, str):
            return None
        return find_exercise(self.exercises, self.value)

    def at_max_choices(self) -> bool:
        prompt = self.current
        return (
            prompt is not None
            and prompt.kind == MULTI
            and prompt.max_choices is not None
            and len(self.value or []) >= prompt.max_choices
        )

    # --- moving between prompts -----------------------------------------------------------

    def resume(self) -> None:
        """Show the first prompt not yet answered or skipped, or the profile when all are."""
        upcoming = next_prompt(self.packs, self.answers())
        self.finished = upcoming is None
        if upcoming is None:
            self.current = None
            self.mode = PROFILE
            return
        self._show(upcoming, None)

    def open(self, prompt_id: str) -> None:
        """Show a prompt with its stored answer, to read it again or change it."""
        prompt, answer = revisit(self.packs, self.answers(), prompt_id)
        self._show(prompt, answer)

    def back(self) -> None:
        """Go to the applicable prompt before this one (nothing happens at the first)."""
        previous = self._previous(applicable_prompts(self.packs, self.answers()))
        if previous is not None:
            self.open(previous.id)

    def show_profile(self) -> None:
        self.mode = PROFILE
        self.error = None

    def continue_questions(self) -> None:
        self.resume()
        if self.current is None:
            self.mode = PROFILE

    def _previous(self, asked: Sequence[Prompt]) -> Prompt | None:
        if self.current is None:
            return None
        here = self._order[self.current.id]
        earlier = [p for p in asked if self._order[p.id] < here]
        return earlier[-1] if earlier else None

    def _show(self, prompt: Prompt, answer: Answer | None) -> None:
        self.mode = ASK
        self.current = prompt
        self.error = None
        self.preview = False
        self.restored = False
        self._baseline = None
        if answer is None or answer.skipped:
            self.value = _default_value(prompt)
            self.importance = NICE if prompt.asks_importance else None
        else:
            self.value = list(answer.value) if isinstance(answer.value, list) else answer.value
            # An importance stored on context by an older version is not shown (nor kept).
            self.importance = (answer.importance or NICE) if prompt.asks_importance else None
        if prompt.kind == RANKING and sorted(self.value) != sorted(prompt.choice_ids):
            self.value = list(prompt.choice_ids)  # the options changed since: start afresh
        if prompt.kind == TEXT:  # a written answer: its draft, if one was kept
            self._baseline = {"text": self.value if isinstance(self.value, str) else ""}
            with self.session.work() as repo:
                kept = load_draft(repo, prompt_answer(prompt.id))
            text = kept.get("text") if kept else None
            if isinstance(text, str):
                self.value, self.restored = text, True

    # --- editing the draft answer ---------------------------------------------------------

    def choose(self, choice_id: str) -> None:
        """Single choice."""
        self.value = choice_id
        self.error = None

    def toggle(self, choice_id: str, on: bool) -> bool:
        """Tick or untick a multi-choice option; refuses going over ``max_choices``."""
        chosen = list(self.value or [])
        if on and choice_id not in chosen:
            if self.at_max_choices():
                assert self.current is not None
                self.error = (
                    f"You can choose up to {self.current.max_choices}. Untick one to swap it."
                )
                return False
            chosen.append(choice_id)
        elif not on and choice_id in chosen:
            chosen.remove(choice_id)
        self.value = chosen
        self.error = None
        return True

    def set_scale(self, value: float) -> None:
        assert self.current is not None
        self.value = snap_scale(self.current, value)
        self.error = None

    def move(self, choice_id: str, delta: int) -> None:
        """Move a ranking option up (-1) or down (+1)."""
        order = list(self.value)
        i = order.index(choice_id)
        j = i + delta
        if 0 <= j < len(order):
            order[i], order[j] = order[j], order[i]
        self.value = order

    def set_text(self, text: str) -> None:
        self.value = text
        if self.current is not None:
            self.session.form_changed(
                prompt_answer(self.current.id), reader(lambda: {"text": text}, self._baseline)
            )
        if self.error and text.strip():
            self.error = None

    def set_importance(self, level: str) -> None:
        self.importance = level

    def toggle_preview(self) -> None:
        self.preview = not self.preview

    def value_text(self) -> str:
        """The draft in plain words (e.g. "up to 120" or "up to 35 minutes each way")."""
        if self.current is None:
            return ""
        return format_value(self.current, self.value)

    def step_scale(self, steps: int) -> None:
        """Move a scale's draft by whole steps (arrow keys, a screen reader's swipe)."""
        assert self.current is not None
        self.set_scale(self.value + steps * (self.current.step or 1))

    def scale_text_at(self, steps: int) -> str:
        """The words a scale would say one step up (1) or down (-1), for a screen reader."""
        assert self.current is not None
        moved = snap_scale(self.current, self.value + steps * (self.current.step or 1))
        return format_value(self.current, moved)

    # --- saving ----------------------------------------------------------------------------

    def save(self) -> list[Celebration] | None:
        """Store the draft answer and move on. None (with ``error`` set) if it was refused;
        otherwise the journey milestones this reached, to celebrate."""
        prompt = self.current
        if prompt is None:
            return []
        if prompt.kind == SINGLE and self.value is None:
            self.error = "Please choose one option, or skip this question."
            return None
        try:
            with self.session.work() as repo:
                answer_prompt(
                    repo,
                    self.packs,
                    prompt.id,
                    self.value,
                    self.importance,
                    record_id=self.session.new_id(),
                    now=self.session.now(),
                )
                if prompt.kind == TEXT:
                    self.session.form_done(prompt_answer(prompt.id))
        except InvalidInput as exc:
            self.error = str(exc)
            return None
        return self._after_storing()

    def skip(self) -> list[Celebration]:
        """Record a skip (asked no more, says nothing about the person) and move on."""
        prompt = self.current
        if prompt is None:
            return []
        with self.session.work() as repo:
            skip_prompt(
                repo,
                self.packs,
                prompt.id,
                record_id=self.session.new_id(),
                now=self.session.now(),
            )
            if prompt.kind == TEXT:  # skipped: what was written for it goes too
                self.session.form_done(prompt_answer(prompt.id))
        return self._after_storing()

    # --- drafts of written answers ------------------------------------------------------------

    def _open_newest_draft(self) -> None:
        """On opening the journal: the newest written answer kept as a draft is on screen."""
        with self.session.work() as repo:
            kept = [d for d in pending_drafts(repo) if form_area(d.form) == "prompt"]
        for draft in kept:
            prompt_id = form_subject(draft.form) or ""
            if prompt_id in self._pack_of:
                self.open(prompt_id)
                return

    def showing_draft(self) -> bool:
        """The written answer on screen came back from before the lock (banner up)."""
        return self.mode == ASK and self.current is not None and self.restored

    def keep_going(self) -> None:
        self.restored = False
        self.focus_answer = True

    def take_focus_answer(self) -> bool:
        focus, self.focus_answer = self.focus_answer, False
        return focus

    def discard_draft(self) -> None:
        """The written answer's draft leaves the journal; the box shows the saved answer
        again (or nothing). ``undo_discard`` brings it back."""
        prompt = self.current
        if prompt is None:
            return
        form = prompt_answer(prompt.id)
        record = self.session.form_done(form)
        self.discarded = Discarded(form, record, {"text": str(self.value or "")})
        self.restored = False
        self.value = (self._baseline or {}).get("text", "")

    def undo_discard(self) -> bool:
        gone, self.discarded = put_back_discarded(self.session, self.discarded), None
        if gone is None:
            return False
        prompt_id = form_subject(gone.form) or ""
        if self.current is None or self.current.id != prompt_id:
            self.open(prompt_id)
        self.set_text(str(gone.fields.get("text", "")))
        self.restored = False
        self.focus_answer = True
        return True

    def _after_storing(self) -> list[Celebration]:
        celebrations = self.session.sync_journey()
        self.resume()
        return celebrations

    # --- the profile -------------------------------------------------------------------------

    def profile(self) -> LabelledProfile:
        return derive_profile(self.packs, self.answers())

    def profile_state(self) -> ProfileState:
        answers = self.answers()
        profile = derive_profile(self.packs, answers)
        done = progress(self.packs, answers)
        items = []
        for prompt in applicable_prompts(self.packs, answers):
            stored = answers.get(prompt.id)
            if stored is None:
                continue
            skipped = stored.value is None
            shown = not skipped and prompt.asks_importance  # context has none to show
            importance = IMPORTANCE_LABELS.get(stored.importance or "", "") if shown else ""
            items.append(
                AnsweredItem(
                    prompt_id=prompt.id,
                    pack_title=self._pack_of[prompt.id].title,
                    label=prompt.label,
                    answer=format_value(prompt, stored.value),
                    importance=importance,
                    skipped=skipped,
                )
            )
        return ProfileState(
            summary=profile.summary_lines(),
            notes=dict(profile.notes),
            answered=items,
            remaining=done.remaining,
            complete=done.complete,
        )


def controller_for(session: AppSession) -> PreferencesController:
    """One controller per opened journal: drafts survive screen rebuilds, not a lock."""
    return session.kept(PreferencesController, lambda: PreferencesController(session))

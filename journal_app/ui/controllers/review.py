"""Review: everything to bring to a consultation, gathered by the core's ``build_review``.

The screen, the Markdown export and the shared bundle all come from the same ``Review``,
so they always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo
from pathlib import Path
from typing import Any

from journal_app.app.drafts import (
    load_draft,
    pending_drafts,
    put_back,
    saved_revision,
    subject_gone,
)
from journal_app.app.files import save_to_exports
from journal_app.app.profile import current_profile
from journal_app.app.session import AppSession
from journal_app.core.checkins import ATTRIBUTION, SCREENING_NOTE, Trend
from journal_app.core.drafts import (
    REVIEW_QUESTION,
    REVIEW_QUESTION_EDIT,
    form_kind,
    form_subject,
    question_edit,
)
from journal_app.core.journal import InvalidInput
from journal_app.core.questions import (
    add_question,
    delete_question,
    edit_question,
    mark_asked,
    questions_in_order,
    restore_question,
)
from journal_app.core.records import Candidate, Question, local_day
from journal_app.core.review import AnxietyWeek, Review, build_review
from journal_app.core.review_text import review_markdown
from journal_app.core.shortlist import STATUS_LABELS
from journal_app.ui.controllers.drafts import Discarded, reader

MAX_BARS = 12
MAX_ASKED_SHOWN = 10
EXPORT_PREFIX = "before-my-consultation-"


@dataclass(frozen=True)
class Bar:
    label: str  # short date under the bar, e.g. "02/11"
    value: float
    spoken: str  # e.g. "week of 02 Nov: 5.1 out of 10"


@dataclass(frozen=True)
class Chart:
    """A small bar chart the view draws with plain containers."""

    title: str
    bars: tuple[Bar, ...]
    max_value: float
    summary: str  # the plain sentence shown under the chart

    @property
    def spoken(self) -> str:
        """The whole chart as one sentence for screen readers."""
        if not self.bars:
            return f"{self.title}: no data yet."
        return f"{self.title}. " + "; ".join(b.spoken for b in self.bars) + ". " + self.summary


@dataclass(frozen=True)
class QuestionRow:
    id: str
    text: str
    asked: bool
    for_whom: str | None  # the therapist's name when the question is for one of them


@dataclass(frozen=True)
class ShortlistRow:
    name: str
    status: str
    fit: str


@dataclass(frozen=True)
class HighlightRow:
    when: str
    why: str
    text: str


@dataclass(frozen=True)
class ReviewState:
    review: Review
    looking_for: list[str]
    notes: dict[str, str]
    open_questions: list[QuestionRow]
    asked_questions: list[QuestionRow]
    anxiety: Chart
    checkins: list[Chart]
    screening_note: str
    attribution: str
    highlights: list[HighlightRow]
    shortlist: list[ShortlistRow]
    shortlist_nudge: str | None

    @property
    def has_profile(self) -> bool:
        return bool(self.looking_for or self.notes)


def anxiety_chart(weeks: list[AnxietyWeek], summary: str) -> Chart:
    shown = weeks[-MAX_BARS:]
    bars = tuple(
        Bar(
            label=f"{w.week_start:%d/%m}",
            value=w.average,
            spoken=f"week of {w.week_start:%d %b}: {w.average} out of 10",
        )
        for w in shown
    )
    return Chart("Weekly average anxiety, 0 to 10", bars, 10, summary)


def checkin_chart(trend: Trend, tz: tzinfo | None) -> Chart:
    shown = trend.points[-MAX_BARS:]
    bars = tuple(
        Bar(
            label=f"{local_day(p.taken_at, tz):%d/%m}",
            value=p.score,
            spoken=(
                f"{local_day(p.taken_at, tz):%d %b}: {p.score} out of {trend.max_score}, "
                f"{p.band_label.lower()}"
            ),
        )
        for p in shown
    )
    title = f"{trend.name} scores, 0 to {trend.max_score}"
    return Chart(title, bars, trend.max_score, trend.sentence())


class ReviewController:
    def __init__(self, session: AppSession) -> None:
        self.session = session

    @property
    def tz(self) -> tzinfo | None:
        return self.session.tz

    def review(self) -> Review:
        """The review for today, worked out again only when the journal changed (or the day
        did) since the last visit: ten years of entries and check-ins are read for it."""
        kept: dict[str, Any] = self.session.kept((ReviewController, "review"), dict)
        today = self.session.today()
        with self.session.work() as repo:
            key = (saved_revision(repo), today)  # a draft kept while typing changes nothing here
            if kept.get("key") != key:
                kept["review"] = build_review(repo, current_profile(repo), today=today, tz=self.tz)
                kept["key"] = key
            return kept["review"]

    def prepare(self) -> None:
        """Work the review out ahead of the first visit (the shell calls it after unlock)."""
        self.review()

    def state(self) -> ReviewState:
        review = self.review()
        with self.session.work() as repo:
            questions = questions_in_order(repo.all(Question))
            names = {c.id: c.name for c in repo.all(Candidate)}

        def row(q: Question) -> QuestionRow:
            who = names.get(q.candidate_id) if q.candidate_id else None
            return QuestionRow(id=q.id, text=q.text, asked=q.asked, for_whom=who)

        asked = [row(q) for q in questions if q.asked]
        shown = asked[-MAX_ASKED_SHOWN:]
        editing = self._editing.get("id")
        hidden = [r for r in asked[:-MAX_ASKED_SHOWN] if r.id == editing]
        return ReviewState(
            review=review,
            looking_for=review.profile.summary_lines(),
            notes=dict(review.profile.notes),
            open_questions=[row(q) for q in questions if not q.asked],
            asked_questions=hidden + shown,  # the one being edited stays in sight
            anxiety=anxiety_chart(review.anxiety_weeks, review.anxiety_summary),
            checkins=[checkin_chart(t, review.tz) for t in review.checkin_trends.values()],
            screening_note=SCREENING_NOTE,
            attribution=ATTRIBUTION,
            highlights=[
                HighlightRow(
                    when=f"{local_day(h.entry.created_at, review.tz):%a %d %b}",
                    why=h.reason,
                    text=h.excerpt,
                )
                for h in review.highlights
            ],
            shortlist=[
                ShortlistRow(
                    name=r.candidate.name,
                    status=STATUS_LABELS.get(r.candidate.status, r.candidate.status),
                    fit=r.sentence,
                )
                for r in review.shortlist
            ],
            shortlist_nudge=review.shortlist_nudge,
        )

    # --- questions ---------------------------------------------------------------------

    def add_question(self, text: str) -> Question:
        """Keep a question for the consultation; InvalidInput if it is empty or too long.
        The "Add a question" box is then empty, and its draft gone."""
        with self.session.work() as repo:
            question = add_question(
                repo, text, record_id=self.session.new_id(), now=self.session.now()
            )
            self.session.form_done(REVIEW_QUESTION)
        self._asking.update(text="", restored=False)
        return question

    # --- the "Add a question" box, and its draft ------------------------------------------

    @property
    def _asking(self) -> dict[str, object]:
        """The box's words, kept with the open journal (this controller is made afresh for
        each build of the screen), read back from their draft after unlocking."""
        return self.session.kept((ReviewController, "new question"), self._from_draft)

    def _from_draft(self) -> dict[str, object]:
        with self.session.work() as repo:
            kept = load_draft(repo, REVIEW_QUESTION) or {}
        text = kept.get("text")
        text = text if isinstance(text, str) else ""
        return {"text": text, "restored": bool(text.strip()), "focus": False}

    def question_text(self) -> str:
        return str(self._asking["text"])

    def set_question_text(self, text: str) -> None:
        """What is typed in the box: kept as a draft a moment later."""
        asking = self._asking
        asking["text"] = text or ""
        self.session.form_changed(REVIEW_QUESTION, reader(lambda: {"text": asking["text"]}))

    def showing_draft(self) -> bool:
        """The box shows a question kept from before the lock (its banner is up)."""
        return bool(self._asking["restored"])

    def keep_going(self) -> None:
        self._asking.update(restored=False, focus=True)

    def take_focus(self) -> bool:
        """Should the box take the keyboard focus now? Once."""
        asking = self._asking
        focus, asking["focus"] = bool(asking["focus"]), False
        return focus

    def discard_draft(self) -> None:
        """The question's draft leaves the journal and the box is emptied (undoable)."""
        text = self.question_text()  # read (from the draft, at first) before it goes
        record = self.session.form_done(REVIEW_QUESTION)
        self._undo["draft"] = Discarded(REVIEW_QUESTION, record, {"text": text})
        self._asking.update(text="", restored=False)

    def undo_discard(self) -> bool:
        """Put the discarded draft back, in the journal and in its box: the "Add a
        question" box, or a question's edit box (False when that question has gone)."""
        gone = self._undo.pop("draft", None)
        if not isinstance(gone, Discarded):
            return False
        with self.session.work() as repo:
            if subject_gone(repo, gone.form):
                return False
            if gone.record is not None:
                put_back(repo, gone.record)
        text = gone.fields.get("text")
        text = text if isinstance(text, str) else ""
        if gone.form == REVIEW_QUESTION:
            self._asking.update(text=text, focus=True)
            return True
        self.start_editing(form_subject(gone.form), keep=True)
        self.set_edit_text(text)
        self._editing["focus"] = True
        return True

    def set_asked(self, question_id: str, asked: bool) -> Question:
        with self.session.work() as repo:
            return mark_asked(repo, question_id, now=self.session.now(), asked=asked)

    def edit_question(self, question_id: str, text: str) -> Question:
        """Reword a question; InvalidInput (nothing changed) if the new words are empty."""
        with self.session.work() as repo:
            return edit_question(repo, question_id, text, now=self.session.now())

    # --- a question's edit box, and its draft ----------------------------------------------

    @property
    def _editing(self) -> dict[str, Any]:
        """Which question's words are open for editing, what is typed in its box, what the
        question said when the box was opened and any refusal: kept with the open journal
        so a rebuild of the screen keeps the box open, and read back from the box's draft
        after unlocking."""
        return self.session.kept((ReviewController, "editing question"), self._edit_from_draft)

    def _edit_from_draft(self) -> dict[str, Any]:
        """The newest question edit kept from before the lock whose question is still
        there, open again with its banner (an older one, which could not be shown beside
        it, goes)."""
        with self.session.work() as repo:
            kept = [
                d
                for d in pending_drafts(repo)
                if form_kind(d.form) == REVIEW_QUESTION_EDIT and not subject_gone(repo, d.form)
            ]
            for older in kept[1:]:
                self.session.form_done(older.form)
            if not kept:
                return {}
            question = repo.get(Question, form_subject(kept[0].form) or "")
        text = kept[0].fields.get("text")
        return {
            "id": question.id if question else None,
            "text": text if isinstance(text, str) else "",
            "saved": question.text if question else "",
            "restored": True,
        }

    def start_editing(self, question_id: str | None, *, keep: bool = False) -> None:
        """Open (or, with None, close) one question's edit box, filled with its words.
        The box open before closes, and its draft goes (unless ``keep``: a draft being
        put back)."""
        editing = self._editing
        if editing.get("id") and not keep:
            self.session.form_done(question_edit(editing["id"]))
        editing.clear()
        if question_id is not None:
            with self.session.work() as repo:
                question = repo.get(Question, question_id)
            saved = question.text if question else ""
            editing.update(id=question_id, text=saved, saved=saved)

    def editing(self) -> tuple[str | None, str | None]:
        """(the question being edited, the reason its last save was refused)."""
        return self._editing.get("id"), self._editing.get("error")

    def edit_text(self, question_id: str, saved: str) -> str:
        """What the edit box of this question shows: what was typed, or its words."""
        editing = self._editing
        return str(editing.get("text", saved)) if editing.get("id") == question_id else saved

    def set_edit_text(self, text: str) -> None:
        """What is typed in the open edit box: kept as a draft a moment later, while it
        differs from the question as saved."""
        editing = self._editing
        question_id = editing.get("id")
        if not question_id:
            return
        editing["text"] = text or ""
        self.session.form_changed(
            question_edit(question_id),
            reader(lambda: {"text": editing.get("text", "")}, {"text": editing.get("saved", "")}),
        )

    def showing_edit_draft(self, question_id: str) -> bool:
        """This question's edit box shows words kept from before the lock (banner up)."""
        editing = self._editing
        return editing.get("id") == question_id and bool(editing.get("restored"))

    def keep_going_edit(self) -> None:
        self._editing.update(restored=False, focus=True)

    def take_edit_focus(self) -> bool:
        """Should the open edit box take the keyboard focus now? Once."""
        editing = self._editing
        focus, editing["focus"] = bool(editing.get("focus")), False
        return focus

    def discard_edit_draft(self) -> None:
        """The edit's draft leaves the journal and its box closes (undoable)."""
        editing = self._editing
        question_id = editing.get("id")
        if not question_id:
            return
        form = question_edit(question_id)
        record = self.session.form_done(form)
        self._undo["draft"] = Discarded(form, record, {"text": editing.get("text", "")})
        editing.clear()

    def save_edit(self, question_id: str, text: str) -> Question:
        """Save the edit box; a refusal keeps it open with the reason beside it. The box's
        draft goes with the save, in the same unit of work."""
        try:
            with self.session.work():
                question = self.edit_question(question_id, text)
                self.session.form_done(question_edit(question_id))
        except InvalidInput as exc:
            self._editing.update(id=question_id, error=str(exc), text=text)
            raise
        self._editing.clear()
        return question

    @property
    def _undo(self) -> dict[str, Any]:
        """The last deleted question, kept with the open journal (this controller is made
        afresh for each build of the screen, the undo must outlive that)."""
        return self.session.kept((ReviewController, "deleted question"), dict)

    def delete_question(self, question_id: str) -> Question:
        """Delete a question; ``undo_delete_question`` puts it back."""
        with self.session.work() as repo:
            question = delete_question(repo, question_id)
            self.session.form_done(question_edit(question_id))  # its words being changed too
        if self._editing.get("id") == question_id:
            self._editing.clear()
        self._undo["question"] = question
        return question

    def undo_delete_question(self) -> Question | None:
        question = self._undo.pop("question", None)
        if not isinstance(question, Question):
            return None
        with self.session.work() as repo:
            return restore_question(repo, question)

    # --- export ------------------------------------------------------------------------

    def markdown(self) -> str:
        return review_markdown(self.review())

    def export_name(self, day: date | None = None) -> str:
        return f"{EXPORT_PREFIX}{(day or self.session.today()).isoformat()}.md"

    def export_bytes(self) -> bytes:
        return self.markdown().encode("utf-8")

    def save_to_exports(self, data: bytes | None = None) -> Path:
        """Write the review into the data folder's exports/ (when no file dialog can be used)."""
        payload = self.export_bytes() if data is None else data
        return save_to_exports(self.session.data_dir, self.export_name(), payload)

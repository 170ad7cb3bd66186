"""Drafts: the rules for keeping what a person is writing before they press Save.

A form's unsaved state is kept as one ``Draft`` record per form, under a stable key that
names the form ("journal.new", "journal.edit:<entry id>", "checkin.phq9"). These are the
pure rules: which keys there are, when a form's state is worth a draft at all, when two
states are the same draft (so nothing is written twice), which of several drafts is the
one to go back to, and how to name a draft to the person. Writing and reading drafts is
the application's (``app.drafts``); no clock, no files here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from journal_app.core.records import Candidate, Draft, Entry, Goal, Milestone, Question, Record

# --- the forms ------------------------------------------------------------------------------

JOURNAL_NEW = "journal.new"
GOAL_NEW = "goal.new"
CANDIDATE_NEW = "candidate.new"
REVIEW_QUESTION = "review.question"
SHARE = "share"

JOURNAL_EDIT = "journal.edit"
PROMPT_ANSWER = "prompt.answer"
CANDIDATE_EDIT = "candidate.edit"
CANDIDATE_NOTES = "candidate.notes"
GOAL_RENAME = "goal.rename"
GOAL_STEP = "goal.step"
GOAL_DUE = "goal.due"
REVIEW_QUESTION_EDIT = "review.question.edit"
CHECKIN = "checkin"


def journal_edit(entry_id: str) -> str:
    """The form changing one saved entry."""
    return f"{JOURNAL_EDIT}:{entry_id}"


def prompt_answer(prompt_id: str) -> str:
    """A written answer to one guided prompt (Preferences)."""
    return f"{PROMPT_ANSWER}:{prompt_id}"


def candidate_edit(candidate_id: str) -> str:
    """The "Edit details" form of one therapist on the shortlist."""
    return f"{CANDIDATE_EDIT}:{candidate_id}"


def candidate_notes(candidate_id: str) -> str:
    """The notes box on one therapist's card."""
    return f"{CANDIDATE_NOTES}:{candidate_id}"


def goal_rename(goal_id: str) -> str:
    """The box changing one goal's name."""
    return f"{GOAL_RENAME}:{goal_id}"


def goal_step(goal_id: str) -> str:
    """The "New step" box on one goal's card."""
    return f"{GOAL_STEP}:{goal_id}"


def goal_due(item_id: str) -> str:
    """The box moving the target date of one goal or one milestone."""
    return f"{GOAL_DUE}:{item_id}"


def question_edit(question_id: str) -> str:
    """The box changing the words of one question for Review."""
    return f"{REVIEW_QUESTION_EDIT}:{question_id}"


def checkin(instrument: str) -> str:
    """A questionnaire being answered ("checkin.gad7", "checkin.phq9")."""
    return f"{CHECKIN}.{instrument}"


def form_kind(form: str) -> str:
    """The form without the record it is about: "journal.edit:ab12" -> "journal.edit"."""
    return form.split(":", 1)[0]


def form_subject(form: str) -> str | None:
    """The id of the record a form changes ("journal.edit:ab12" -> "ab12"), or None."""
    _, sep, subject = form.partition(":")
    return subject if sep and subject else None


def form_area(form: str) -> str:
    """Which part of the app a form belongs to: "journal", "prompt", "goal", "candidate",
    "review", "checkin" or "share" (the shells map it to a screen)."""
    return form_kind(form).split(".", 1)[0]


# --- a form whose record is gone ----------------------------------------------------------------

# The kinds of record a form changes, by the form's kind (a goal's date box moves a goal's
# date or a milestone's). When none holds the form's subject any more (deleted here, or on
# another device and brought by sync), the form has nothing to open on.
_SUBJECT_TYPES: dict[str, tuple[type[Record], ...]] = {
    JOURNAL_EDIT: (Entry,),
    CANDIDATE_EDIT: (Candidate,),
    CANDIDATE_NOTES: (Candidate,),
    GOAL_RENAME: (Goal,),
    GOAL_STEP: (Goal,),
    GOAL_DUE: (Goal, Milestone),
    REVIEW_QUESTION_EDIT: (Question,),
}

# Where a draft's writing goes when the record it changed is gone: the person's own words
# about something new (an entry, a question) come back as a new one they can still save.
# A form not named here (a goal's new name, a step for it, a date, a therapist's details
# or notes) means nothing without its record, and its draft is dropped.
_WHEN_GONE = {JOURNAL_EDIT: JOURNAL_NEW, REVIEW_QUESTION_EDIT: REVIEW_QUESTION}


def subject_types(form: str) -> tuple[type[Record], ...]:
    """The kinds of record the form's subject may be (none: the form is about nothing
    stored, as a new entry or a check-in)."""
    return _SUBJECT_TYPES.get(form_kind(form), ()) if form_subject(form) else ()


def when_gone(form: str) -> str | None:
    """The form a draft is moved to when its record is gone, or None: drop it."""
    return _WHEN_GONE.get(form_kind(form))


# --- what is worth keeping -------------------------------------------------------------------


def as_json(value: Any) -> Any:
    """``value`` as JSON would give it back: tuples and sets become lists (sets sorted),
    keys become text. A state compared with a stored draft must be in this shape, or an
    unchanged form would look changed and be written again."""
    if isinstance(value, Mapping):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted(as_json(v) for v in value)
    if isinstance(value, list | tuple):
        return [as_json(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def has_content(value: Any) -> bool:
    """Anything the person put in: text that is not blank, a number (a rating, a
    questionnaire's answer), or a collection holding either. Flags alone (a switch left
    off) and empty boxes are not."""
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int | float):
        return True
    if isinstance(value, Mapping):
        return any(has_content(v) for v in value.values())
    if isinstance(value, list | tuple | set | frozenset):
        return any(has_content(v) for v in value)
    return False


def worth_keeping(fields: Mapping[str, Any], baseline: Mapping[str, Any] | None = None) -> bool:
    """Is this form's state worth a draft?

    A new form: when it holds anything at all (``has_content``). A form changing a saved
    record (``baseline``: what the form showed when it was opened): when it differs from
    it, even if the change was to empty a box.
    """
    if baseline is not None:
        return bool(as_json(fields) != as_json(baseline))
    return has_content(fields)


def same_draft(stored: Draft | None, form: str, fields: Mapping[str, Any]) -> bool:
    """``stored`` already holds exactly this state of this form: writing it again would
    change nothing, so nothing is written."""
    return stored is not None and stored.form == form and stored.fields == as_json(fields)


# --- which drafts, in what order ------------------------------------------------------------


def _when(draft: Draft) -> datetime:
    return draft.updated_at or draft.created_at


def newest_per_form(drafts: Iterable[Draft]) -> list[Draft]:
    """One draft per form (the newest, should two ever be stored), newest first: the one
    the person was writing last comes first."""
    best: dict[str, Draft] = {}
    for draft in drafts:
        held = best.get(draft.form)
        if held is None or (_when(draft), draft.id) > (_when(held), held.id):
            best[draft.form] = draft
    return sorted(best.values(), key=lambda d: (_when(d), d.id), reverse=True)


def newest_in_area(drafts: Iterable[Draft], area: str) -> Draft | None:
    """The newest draft of one part of the app (what its screen opens first)."""
    return next((d for d in newest_per_form(drafts) if form_area(d.form) == area), None)


# --- naming a draft ---------------------------------------------------------------------------

_INSTRUMENT_WORDS = {"gad7": "an anxiety check-in (GAD-7)", "phq9": "a mood check-in (PHQ-9)"}


def describe(draft: Draft) -> str:
    """A draft in a few words, to list it: "a new journal entry", "changes to Dr Ruiz".

    Never the person's own writing (a list of drafts should not read an entry aloud),
    only a therapist's name, which the form is about.
    """
    kind = form_kind(draft.form)
    name = draft.fields.get("name")
    name = name.strip() if isinstance(name, str) else ""
    if kind == JOURNAL_NEW:
        return "a new journal entry"
    if kind == JOURNAL_EDIT:
        return "changes to a journal entry"
    if kind == PROMPT_ANSWER:
        return "an answer to a question about what you're looking for"
    if kind == GOAL_NEW:
        return "a new goal"
    if kind == CANDIDATE_NEW:
        return f"a therapist to add ({name})" if name else "a therapist to add"
    if kind == CANDIDATE_EDIT:
        return f"changes to {name}'s details" if name else "changes to a therapist's details"
    if kind == CANDIDATE_NOTES:
        return "notes on a therapist"
    if kind == GOAL_RENAME:
        return "a new name for a goal"
    if kind == GOAL_STEP:
        return "a new step for a goal"
    if kind == GOAL_DUE:
        return "a new target date on your goals"
    if kind == REVIEW_QUESTION:
        return "a question for your consultation"
    if kind == REVIEW_QUESTION_EDIT:
        return "changes to a question for your consultation"
    if kind == SHARE:
        return "a summary you were getting ready to share"
    if form_area(draft.form) == CHECKIN:
        return _INSTRUMENT_WORDS.get(kind.split(".", 1)[-1], "a check-in")
    return "something you were writing"

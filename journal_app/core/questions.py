"""Questions the person wants to ask at a consultation: small, but easy to forget in the room."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from journal_app.core.journal import InvalidInput
from journal_app.core.ports import RecordStore
from journal_app.core.records import Candidate, Question

MAX_QUESTION_CHARS = 500


def add_question(
    store: RecordStore,
    text: str,
    *,
    candidate_id: str | None = None,
    record_id: str,
    now: datetime,
) -> Question:
    """Keep a question for later; optionally for one particular therapist."""
    text = " ".join(str(text).split())
    if not text:
        raise InvalidInput("The question is empty.")
    if len(text) > MAX_QUESTION_CHARS:
        raise InvalidInput(f"A question can be at most {MAX_QUESTION_CHARS} characters.")
    if candidate_id is not None and store.get(Candidate, candidate_id) is None:
        raise InvalidInput(f"No therapist on the shortlist with id {candidate_id}.")
    question = Question(id=record_id, created_at=now, text=text, candidate_id=candidate_id)
    store.add(question)
    return question


def mark_asked(
    store: RecordStore, question_id: str, *, now: datetime, asked: bool = True
) -> Question:
    """Tick a question off once it has been asked (or put it back)."""
    question = store.get(Question, question_id)
    if question is None:
        raise InvalidInput(f"No question with id {question_id}.")
    updated = replace(question, asked=asked, updated_at=now)
    store.update(updated)
    return updated

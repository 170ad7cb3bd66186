"""Questions the person wants to ask at a consultation: small, but easy to forget in the room."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime, timedelta

from journal_app.core.journal import InvalidInput
from journal_app.core.ports import RecordStore
from journal_app.core.records import Candidate, Question, unchanged

MAX_QUESTION_CHARS = 500


def check_question(text: str) -> str:
    """One line of text, not empty, not too long."""
    text = " ".join(str(text).split())
    if not text:
        raise InvalidInput("The question is empty.")
    if len(text) > MAX_QUESTION_CHARS:
        raise InvalidInput(f"A question can be at most {MAX_QUESTION_CHARS} characters.")
    return text


def _same(text: str) -> str:
    """Two questions are the same if only case, spacing or the final "?" differ."""
    return " ".join(text.casefold().split()).rstrip(" ?.")


def questions_in_order(questions: Iterable[Question]) -> list[Question]:
    """Questions in the order the person wrote them down, whatever order the store keeps.

    A question that is deleted and then put back by undo is stored again at the end, so
    the order comes from when each was written (``created_at``), never from the store:
    undo then puts it back exactly where it was. Ties (older journals) keep store order.
    """
    return sorted(questions, key=lambda q: q.created_at)


def add_questions(
    store: RecordStore,
    texts: Iterable[str],
    *,
    candidate_id: str | None = None,
    new_id: Callable[[], str],
    now: datetime,
) -> list[Question]:
    """Add several questions at once (e.g. a fit's "worth asking" list), skipping any the
    person already has for the same therapist, so doing it twice adds nothing twice."""
    if candidate_id is not None and store.get(Candidate, candidate_id) is None:
        raise InvalidInput(f"No therapist on the shortlist with id {candidate_id}.")
    have = {_same(q.text) for q in store.all(Question) if q.candidate_id == candidate_id}
    fresh: list[Question] = []
    for raw in texts:
        text = check_question(raw)
        if _same(text) in have:
            continue
        have.add(_same(text))
        # A microsecond apart, so the list keeps its order by time alone (questions_in_order)
        # and one that is deleted and undone goes back to its own place, not the end.
        written = now + timedelta(microseconds=len(fresh))
        fresh.append(
            Question(id=new_id(), created_at=written, text=text, candidate_id=candidate_id)
        )
    if fresh:
        store.add_many(fresh)
    return fresh


def _question(store: RecordStore, question_id: str) -> Question:
    question = store.get(Question, question_id)
    if question is None:
        raise InvalidInput(f"No question with id {question_id}.")
    return question


def edit_question(store: RecordStore, question_id: str, text: str, *, now: datetime) -> Question:
    """Reword a question; whether it was asked and for whom stay as they were."""
    old = _question(store, question_id)
    updated = replace(old, text=check_question(text), updated_at=now)
    if unchanged(old, updated):  # the same words saved again: nothing changes
        return old
    store.update(updated)
    return updated


def delete_question(store: RecordStore, question_id: str) -> Question:
    """Remove a question and hand it back, so the shell can offer to undo."""
    question = _question(store, question_id)
    store.remove(Question, question_id)
    return question


def restore_question(store: RecordStore, question: Question) -> Question:
    """Put a deleted question back exactly as it was (the undo of ``delete_question``).

    It keeps its ``created_at``, so ``questions_in_order`` shows it where it was before.
    """
    if store.get(Question, question.id) is None:
        store.add(question)
    return question


def add_question(
    store: RecordStore,
    text: str,
    *,
    candidate_id: str | None = None,
    record_id: str,
    now: datetime,
) -> Question:
    """Keep a question for later; optionally for one particular therapist."""
    text = check_question(text)
    if candidate_id is not None and store.get(Candidate, candidate_id) is None:
        raise InvalidInput(f"No therapist on the shortlist with id {candidate_id}.")
    question = Question(id=record_id, created_at=now, text=text, candidate_id=candidate_id)
    store.add(question)
    return question


def mark_asked(
    store: RecordStore, question_id: str, *, now: datetime, asked: bool = True
) -> Question:
    """Tick a question off once it has been asked (or put it back)."""
    updated = replace(_question(store, question_id), asked=asked, updated_at=now)
    store.update(updated)
    return updated

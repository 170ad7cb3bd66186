"""Questions to ask at a consultation: adding, cleaning, linking to a therapist, ticking off."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from journal_app.core.journal import InvalidInput
from journal_app.core.questions import MAX_QUESTION_CHARS, add_question, mark_asked
from journal_app.core.records import Question
from journal_app.core.shortlist import add_candidate
from tests.core.memory_store import MemoryStore

NOW = datetime(2025, 3, 12, 9, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=2)


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


def test_add_question_stores_it(store: MemoryStore) -> None:
    q = add_question(store, "Do you offer evening sessions?", record_id="q1", now=NOW)
    assert q == Question(id="q1", created_at=NOW, text="Do you offer evening sessions?")
    assert q.asked is False and q.candidate_id is None
    assert store.all(Question) == [q]


def test_whitespace_is_tidied_into_one_line(store: MemoryStore) -> None:
    q = add_question(store, "  How do you\n work with\t\tanxiety?  ", record_id="q1", now=NOW)
    assert q.text == "How do you work with anxiety?"


def test_emoji_and_right_to_left_text_are_kept(store: MemoryStore) -> None:
    text = "האם יש לך ניסיון עם חרדה? 🙏 هل تقدمين جلسات عبر الإنترنت؟"
    add_question(store, text, record_id="q1", now=NOW)
    assert store.get(Question, "q1").text == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The question is empty."),
        (" \n\t ", "The question is empty."),
        ("x" * (MAX_QUESTION_CHARS + 1), "A question can be at most 500 characters."),
    ],
)
def test_bad_questions_are_refused_and_nothing_is_stored(
    store: MemoryStore, text: str, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        add_question(store, text, record_id="q1", now=NOW)
    assert store.all(Question) == [] and store.writes == 0


def test_length_limit_counts_after_tidying(store: MemoryStore) -> None:
    text = "x" * MAX_QUESTION_CHARS
    assert add_question(store, f"  {text}  ", record_id="q1", now=NOW).text == text


def test_a_question_for_one_therapist(store: MemoryStore) -> None:
    add_candidate(store, "Dr Rivera", record_id="c1", now=NOW)
    q = add_question(store, "Sliding scale?", candidate_id="c1", record_id="q1", now=NOW)
    assert q.candidate_id == "c1"
    with pytest.raises(InvalidInput, match="No therapist on the shortlist with id nobody."):
        add_question(store, "Who?", candidate_id="nobody", record_id="q2", now=NOW)
    assert [x.id for x in store.all(Question)] == ["q1"]


def test_mark_asked_and_back(store: MemoryStore) -> None:
    add_question(store, "Sliding scale?", record_id="q1", now=NOW)
    asked = mark_asked(store, "q1", now=LATER)
    assert asked.asked is True and asked.updated_at == LATER
    assert store.get(Question, "q1") == asked
    again = mark_asked(store, "q1", now=LATER, asked=False)
    assert again.asked is False and again.text == "Sliding scale?"
    assert store.get(Question, "q1").asked is False


def test_mark_asked_unknown_question(store: MemoryStore) -> None:
    with pytest.raises(InvalidInput, match="No question with id nope."):
        mark_asked(store, "nope", now=NOW)


def _ids():
    n = 0

    def take() -> str:
        nonlocal n
        n += 1
        return f"n{n}"

    return take


def test_add_questions_skips_ones_already_there_for_that_therapist(store: MemoryStore) -> None:
    from journal_app.core.questions import add_questions

    add_candidate(store, "Dr Ruiz", record_id="c1", now=NOW)
    ids = _ids()
    first = add_questions(
        store,
        ["Do you tend to be direct?", "Do you offer evenings?"],
        candidate_id="c1",
        new_id=ids,
        now=NOW,
    )
    assert [q.text for q in first] == ["Do you tend to be direct?", "Do you offer evenings?"]
    again = add_questions(
        store,
        ["do you tend to be  direct", "What is your fee?"],
        candidate_id="c1",
        new_id=ids,
        now=LATER,
    )
    assert [q.text for q in again] == ["What is your fee?"]
    assert len(store.all(Question)) == 3
    with pytest.raises(InvalidInput):
        add_questions(store, ["Hi?"], candidate_id="gone", new_id=_ids(), now=NOW)


def test_edit_delete_and_restore_a_question(store: MemoryStore) -> None:
    from journal_app.core.questions import delete_question, edit_question, restore_question

    add_question(store, "Evenings?", record_id="q1", now=NOW)
    mark_asked(store, "q1", now=NOW)
    edited = edit_question(store, "q1", "  Do you offer   evenings? ", now=LATER)
    assert (edited.text, edited.asked, edited.updated_at) == ("Do you offer evenings?", True, LATER)
    with pytest.raises(InvalidInput, match="empty"):
        edit_question(store, "q1", "   ", now=LATER)
    assert store.get(Question, "q1").text == "Do you offer evenings?"
    gone = delete_question(store, "q1")
    assert store.all(Question) == []
    restore_question(store, gone)
    assert store.all(Question) == [edited]
    with pytest.raises(InvalidInput, match="No question"):
        delete_question(store, "nope")


def test_an_undone_delete_puts_the_question_back_where_it_was(store: MemoryStore) -> None:
    from journal_app.core.questions import delete_question, questions_in_order, restore_question

    for number, text in enumerate(("Fees?", "Evenings?", "Online?"), start=1):
        add_question(store, text, record_id=f"q{number}", now=NOW + timedelta(minutes=number))
    restore_question(store, delete_question(store, "q1"))
    assert [q.text for q in store.all(Question)][-1] == "Fees?"  # the store keeps it last
    assert [q.text for q in questions_in_order(store.all(Question))] == [
        "Fees?",
        "Evenings?",
        "Online?",
    ]


def test_questions_added_together_keep_their_order_through_an_undo(store: MemoryStore) -> None:
    from journal_app.core.questions import (
        add_questions,
        delete_question,
        questions_in_order,
        restore_question,
    )
    from journal_app.core.review import build_review

    ids = iter(["a", "b", "c"])
    added = add_questions(
        store, ["Direct?", "Homework?", "Evenings?"], new_id=lambda: next(ids), now=NOW
    )
    assert added[0].created_at == NOW  # when they were written, give or take microseconds
    assert added[0].created_at < added[1].created_at < added[2].created_at < NOW + timedelta(1)
    restore_question(store, delete_question(store, "b"))
    assert [q.id for q in questions_in_order(store.all(Question))] == ["a", "b", "c"]
    from journal_app.core.profile import Profile

    review = build_review(store, Profile(), today=NOW.date())
    assert [q.id for q in review.questions] == ["a", "b", "c"]

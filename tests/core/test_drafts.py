"""The pure rules for drafts: which forms, what is worth a draft, which draft is the same,
which is newest, and how a draft is named without reading the person's writing aloud."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from journal_app.core import drafts
from journal_app.core.records import (
    ALL_RECORD_TYPES,
    SAVED_RECORD_TYPES,
    Candidate,
    Draft,
    Entry,
    Goal,
    Milestone,
    Question,
)

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def draft(form: str, fields: dict, minutes: int = 0, record_id: str | None = None) -> Draft:
    at = T0 + timedelta(minutes=minutes)
    return Draft(id=record_id or f"{form}-{minutes}", created_at=T0, updated_at=at, form=form,
                 fields=fields)  # fmt: skip


def test_form_keys_name_the_form_and_the_record_it_changes() -> None:
    assert drafts.journal_edit("ab12") == "journal.edit:ab12"
    assert drafts.candidate_edit("c1") == "candidate.edit:c1"
    assert drafts.candidate_notes("c1") == "candidate.notes:c1"
    assert drafts.checkin("phq9") == "checkin.phq9"
    assert drafts.form_kind("journal.edit:ab12") == "journal.edit"
    assert drafts.form_subject("journal.edit:ab12") == "ab12"
    assert drafts.form_subject(drafts.JOURNAL_NEW) is None
    areas = [drafts.form_area(f) for f in (drafts.JOURNAL_NEW, "journal.edit:x", drafts.GOAL_NEW,
             "candidate.notes:y", drafts.REVIEW_QUESTION, "checkin.gad7")]  # fmt: skip
    assert areas == ["journal", "journal", "goal", "candidate", "review", "checkin"]


def test_the_smaller_boxes_have_keys_of_their_own() -> None:
    assert drafts.goal_rename("g1") == "goal.rename:g1"
    assert drafts.goal_step("g1") == "goal.step:g1"
    assert drafts.goal_due("m1") == "goal.due:m1"
    assert drafts.question_edit("q1") == "review.question.edit:q1"
    areas = [drafts.form_area(f) for f in ("goal.rename:g", "goal.step:g", "goal.due:m",
             "review.question.edit:q", drafts.SHARE)]  # fmt: skip
    assert areas == ["goal", "goal", "goal", "review", "share"]


def test_a_form_about_a_record_names_the_kinds_it_may_be_and_where_its_words_go() -> None:
    assert drafts.subject_types("journal.edit:e1") == (Entry,)
    assert drafts.subject_types("goal.due:m1") == (Goal, Milestone)
    assert drafts.subject_types("review.question.edit:q1") == (Question,)
    assert drafts.subject_types("candidate.notes:c1") == (Candidate,)
    for about_nothing in (drafts.JOURNAL_NEW, drafts.SHARE, "checkin.gad7", "prompt.answer:p",
                          "goal.rename:"):  # fmt: skip
        assert drafts.subject_types(about_nothing) == ()
    # The person's words about something new come back as a new one; the rest mean
    # nothing without their record.
    assert drafts.when_gone("journal.edit:e1") == drafts.JOURNAL_NEW
    assert drafts.when_gone("review.question.edit:q1") == drafts.REVIEW_QUESTION
    for dropped in ("goal.rename:g", "goal.step:g", "goal.due:g", "candidate.edit:c",
                    "candidate.notes:c"):  # fmt: skip
        assert drafts.when_gone(dropped) is None


def test_anything_typed_or_rated_is_content_and_blanks_or_flags_are_not() -> None:
    assert not drafts.has_content({"text": "  \n\t", "tags": "", "on": True, "x": None})
    assert not drafts.has_content({"answers": [None, None, None]})
    assert not drafts.has_content({"formats": [], "nested": {"a": ""}})
    assert drafts.has_content({"text": " a "})
    assert drafts.has_content({"answers": [None, 0, None]})  # "Not at all" is an answer
    assert drafts.has_content({"anxiety": 0})
    assert drafts.has_content({"formats": ["telehealth"]})


def test_a_new_form_is_worth_a_draft_when_it_holds_anything() -> None:
    assert not drafts.worth_keeping({"text": "", "anxiety": None})
    assert drafts.worth_keeping({"text": "I called"})


def test_an_edit_is_worth_a_draft_only_when_it_differs_from_what_was_saved() -> None:
    saved = {"text": "Called the clinic", "feelings": ["anxious"], "at": T0}
    assert not drafts.worth_keeping(dict(saved), saved)
    assert not drafts.worth_keeping({**saved, "at": T0.isoformat()}, saved)  # as JSON gives it
    assert drafts.worth_keeping({**saved, "text": "Called the clinic twice"}, saved)
    assert drafts.worth_keeping({**saved, "text": ""}, saved)  # emptying a box is a change


def test_as_json_is_what_a_stored_draft_gives_back() -> None:
    value = {"formats": {"telehealth", "in_person"}, "pair": (1, 2), 3: T0, "n": None}
    assert drafts.as_json(value) == {
        "formats": ["in_person", "telehealth"],
        "pair": [1, 2],
        "3": T0.isoformat(),
        "n": None,
    }


def test_the_same_state_of_the_same_form_is_the_same_draft() -> None:
    stored = draft(drafts.GOAL_NEW, {"title": "Call two clinics", "steps": ["a"]})
    same = {"title": "Call two clinics", "steps": ("a",)}  # a tuple: stored as a list
    assert drafts.same_draft(stored, drafts.GOAL_NEW, same)
    assert not drafts.same_draft(stored, drafts.GOAL_NEW, {"title": "Call three", "steps": ["a"]})
    assert not drafts.same_draft(stored, drafts.JOURNAL_NEW, dict(stored.fields))
    assert not drafts.same_draft(None, drafts.GOAL_NEW, {})


def test_one_draft_per_form_the_newest_first() -> None:
    older_goal = draft(drafts.GOAL_NEW, {"title": "old"}, minutes=1, record_id="g1")
    newer_goal = draft(drafts.GOAL_NEW, {"title": "new"}, minutes=5, record_id="g2")
    entry = draft(drafts.JOURNAL_NEW, {"text": "x"}, minutes=3)
    edit = draft("journal.edit:e1", {"text": "y"}, minutes=2)
    ordered = drafts.newest_per_form([older_goal, entry, newer_goal, edit])
    assert [d.id for d in ordered] == ["g2", entry.id, edit.id]
    assert drafts.newest_in_area([older_goal, entry, edit], "journal") is entry
    assert drafts.newest_in_area([entry], "checkin") is None


def test_a_draft_is_named_without_the_persons_writing() -> None:
    secret = "I am frightened of the phone call"
    names = [
        drafts.describe(draft(drafts.JOURNAL_NEW, {"text": secret})),
        drafts.describe(draft("journal.edit:e1", {"text": secret})),
        drafts.describe(draft(drafts.GOAL_NEW, {"title": secret})),
        drafts.describe(draft(drafts.REVIEW_QUESTION, {"text": secret})),
        drafts.describe(draft("candidate.notes:c1", {"notes": secret})),
        drafts.describe(draft("checkin.phq9", {"answers": [1]})),
        drafts.describe(draft("checkin.gad7", {"answers": [1]})),
        drafts.describe(draft("goal.rename:g1", {"title": secret})),
        drafts.describe(draft("goal.step:g1", {"text": secret})),
        drafts.describe(draft("goal.due:g1", {"due": "2026-12-24"})),
        drafts.describe(draft("review.question.edit:q1", {"text": secret})),
        drafts.describe(draft(drafts.SHARE, {"recipient": secret})),
    ]
    assert names == [
        "a new journal entry",
        "changes to a journal entry",
        "a new goal",
        "a question for your consultation",
        "notes on a therapist",
        "a mood check-in (PHQ-9)",
        "an anxiety check-in (GAD-7)",
        "a new name for a goal",
        "a new step for a goal",
        "a new target date on your goals",
        "changes to a question for your consultation",
        "a summary you were getting ready to share",
    ]
    assert all(secret not in n for n in names)
    # A therapist's name is what the form is about, not the person's writing.
    assert drafts.describe(draft("candidate.edit:c1", {"name": "Dr Ana Ruiz"})) == (
        "changes to Dr Ana Ruiz's details"
    )
    assert drafts.describe(draft(drafts.CANDIDATE_NEW, {"name": " "})) == "a therapist to add"


def test_drafts_are_a_kind_of_record_but_not_a_saved_one() -> None:
    assert Draft in ALL_RECORD_TYPES and Draft not in SAVED_RECORD_TYPES
    assert set(ALL_RECORD_TYPES) - {Draft} == set(SAVED_RECORD_TYPES)
    kept = draft(drafts.JOURNAL_NEW, {"text": "a secret", "feelings": ["calm"]})
    assert Draft.from_dict(kept.to_dict()) == kept
    assert "a secret" not in repr(kept)  # a traceback or a debug print shows no writing

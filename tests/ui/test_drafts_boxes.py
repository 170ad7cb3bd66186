"""The smaller boxes kept as sealed drafts too: a goal's new name, a new step, a target
date being typed, a Review question being reworded, and who a summary is for on Share.
Each comes back after a lock, open with its text and its banner on the right screen, and
goes when saved, cancelled or cleared; a draft whose record has gone (deleted here, or on
another device through sync) leaves no "Go to …" that leads nowhere. A passphrase is never
kept. The controllers on a real, encrypted journal; the screens built, with Flet's checks."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import flet as ft

from journal_app.app.session import AppSession
from journal_app.core import goals as core_goals
from journal_app.core.drafts import (
    GOAL_NEW,
    JOURNAL_NEW,
    REVIEW_QUESTION,
    SHARE,
    candidate_notes,
    goal_due,
    goal_rename,
    goal_step,
    question_edit,
)
from journal_app.core.journal import EntryDraft, add_entry
from journal_app.core.questions import add_question, delete_question
from journal_app.core.records import Candidate, Goal, Milestone, Question
from journal_app.core.shortlist import add_candidate
from journal_app.ui.controllers.drafts import BANNER_TITLE, DraftsController
from journal_app.ui.controllers.goals import GoalsController
from journal_app.ui.controllers.journal import controller_for
from journal_app.ui.controllers.review import ReviewController
from journal_app.ui.controllers.share import ShareController
from journal_app.ui.draft_banner import KEEP_GOING
from journal_app.ui.screens import goals as goals_screen
from journal_app.ui.screens import review as review_screen
from journal_app.ui.screens import share as share_screen
from tests.ui.conftest import UI_PASSPHRASE, ManualClock
from tests.ui.screen_check import checked_tree, screen_context, words_in
from tests.ui.test_drafts_controllers import drafts_of, relock

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


def boxes_in(control: Any, found: dict[str, str] | None = None) -> dict[str, str]:
    """Every text box in a built tree: its label and what it shows."""
    found = {} if found is None else found
    if isinstance(control, ft.TextField):
        found[str(control.label)] = control.value or ""
    for name in ("content", "controls"):
        value = getattr(control, name, None)
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, ft.Control):
                boxes_in(child, found)
    return found


def build(module: Any, session: AppSession) -> tuple[list[str], dict[str, str]]:
    """Build a screen as the app does, run Flet's checks, give its words and its boxes."""
    ctx = screen_context(session, 1280)
    ctx.page = SimpleNamespace(width=1280, run_task=lambda *a, **k: None)  # type: ignore[assignment]
    tree = module.build(ctx)
    assert checked_tree(tree) > 0
    return words_in(tree), boxes_in(tree)


def own_goal(session: AppSession, title: str = "Call two clinics") -> Goal:
    ctrl = GoalsController.for_session(session)
    ctrl.open_form(True)
    ctrl.set_draft("title", title)
    return ctrl.add_goal()


# --- Goals: a new name, a new step, a target date ----------------------------------------------


def test_a_goal_s_new_name_comes_back_and_goes_when_saved(clocked_session: AppSession) -> None:
    goal = own_goal(clocked_session)
    ctrl = GoalsController.for_session(clocked_session)
    ctrl.start_renaming(goal.id)
    ctrl.set_rename_text("Call two clinics before Friday")
    relock(clocked_session)

    again = GoalsController.for_session(clocked_session)
    assert again.renaming == goal.id and again.rename_text == "Call two clinics before Friday"
    assert again.state().restored == {goal_rename(goal.id)}
    assert DraftsController.for_session(clocked_session).arrive() == "goals"
    words, boxes = build(goals_screen, clocked_session)
    assert BANNER_TITLE in words and KEEP_GOING in words
    assert boxes["Goal"] == "Call two clinics before Friday"
    again.keep_going(goal_rename(goal.id))
    assert again.take_focus_form(goal_rename(goal.id)) and not again.state().restored
    again.rename(goal.id)
    assert drafts_of(clocked_session) == {}
    with clocked_session.work() as repo:
        assert repo.get(Goal, goal.id).title == "Call two clinics before Friday"  # type: ignore[union-attr]


def test_a_name_put_back_as_it_was_or_cancelled_keeps_no_draft(
    clocked_session: AppSession,
) -> None:
    first, second = own_goal(clocked_session), own_goal(clocked_session, "Sleep by eleven")
    ctrl = GoalsController.for_session(clocked_session)
    ctrl.start_renaming(first.id)
    ctrl.set_rename_text("Call two clinics")  # the name as saved: nothing to keep
    assert clocked_session.keep_drafts(due_only=False) == 0
    ctrl.set_rename_text("Call three clinics")
    assert clocked_session.keep_drafts(due_only=False) == 1
    ctrl.start_renaming(second.id)  # the first box closes: its draft goes
    assert drafts_of(clocked_session) == {}
    ctrl.set_rename_text("Sleep by half past ten")
    clocked_session.keep_drafts(due_only=False)
    assert drafts_of(clocked_session) == {
        goal_rename(second.id): {"title": "Sleep by half past ten"}
    }
    ctrl.start_renaming(None)  # Cancel
    assert drafts_of(clocked_session) == {} and ctrl.renaming is None


def test_a_new_step_comes_back_goes_when_added_and_when_cleared(
    clocked_session: AppSession,
) -> None:
    goal = own_goal(clocked_session)
    GoalsController.for_session(clocked_session).set_step_draft(goal.id, "Find their numbers")
    relock(clocked_session)

    again = GoalsController.for_session(clocked_session)
    assert again.step_drafts == {goal.id: "Find their numbers"}
    assert again.showing_draft(goal_step(goal.id))
    words, boxes = build(goals_screen, clocked_session)
    assert BANNER_TITLE in words and boxes["New step"] == "Find their numbers"
    again.add_step(goal.id)
    assert drafts_of(clocked_session) == {} and not again.state().restored
    with clocked_session.work() as repo:
        assert [s.title for s in repo.get(Goal, goal.id).steps] == ["Find their numbers"]  # type: ignore[union-attr]
    again.set_step_draft(goal.id, "Write what to say")
    assert clocked_session.keep_drafts(due_only=False) == 1
    again.set_step_draft(goal.id, "")  # the box emptied
    clocked_session.keep_drafts(due_only=False)
    assert drafts_of(clocked_session) == {}


def test_a_step_for_a_goal_marked_done_meanwhile_still_has_its_box(
    clocked_session: AppSession,
) -> None:
    goal = own_goal(clocked_session)
    GoalsController.for_session(clocked_session).set_step_draft(goal.id, "Book the second call")
    clocked_session.keep_drafts(due_only=False)
    with clocked_session.work() as repo:  # done elsewhere (a command, another device)
        core_goals.goal_done(repo, goal.id, now=NOW)
    relock(clocked_session)
    words, boxes = build(goals_screen, clocked_session)
    assert BANNER_TITLE in words and boxes["New step"] == "Book the second call"


def test_a_target_date_being_typed_comes_back_for_a_goal_and_a_milestone(
    clocked_session: AppSession,
) -> None:
    goal = own_goal(clocked_session)
    ctrl = GoalsController.for_session(clocked_session)
    ctrl.start_moving(goal.id)
    ctrl.set_move_text("2025-04-")  # half typed: kept as it is
    relock(clocked_session)

    again = GoalsController.for_session(clocked_session)
    assert (again.moving, again.move_text) == (goal.id, "2025-04-")
    words, boxes = build(goals_screen, clocked_session)
    assert BANNER_TITLE in words and boxes["New date (YYYY-MM-DD)"] == "2025-04-"
    again.set_move_text("2025-04-01")
    again.move_date(goal.id, again.move_text)
    assert drafts_of(clocked_session) == {}

    milestone = again.state().journey.milestones[0]  # type: ignore[union-attr]
    again.start_moving(milestone.id)
    again.set_move_text("2025-05-02")
    relock(clocked_session)
    again = GoalsController.for_session(clocked_session)
    assert (again.moving, again.move_text) == (milestone.id, "2025-05-02")
    assert again.showing_draft(goal_due(milestone.id))
    again.discard_draft(goal_due(milestone.id))
    assert again.moving is None and drafts_of(clocked_session) == {}
    assert again.undo_discard()
    assert (again.moving, again.move_text) == (milestone.id, "2025-05-02")
    assert drafts_of(clocked_session) == {goal_due(milestone.id): {"due": "2025-05-02"}}
    again.start_moving(None)  # Cancel
    assert drafts_of(clocked_session) == {}
    with clocked_session.work() as repo:
        assert repo.get(Milestone, milestone.id).due is None  # type: ignore[union-attr]


def test_each_goal_box_has_its_own_banner_on_one_screen(clocked_session: AppSession) -> None:
    goal = own_goal(clocked_session)
    ctrl = GoalsController.for_session(clocked_session)
    ctrl.open_form(True)
    ctrl.set_draft("title", "Walk after lunch")
    ctrl.start_renaming(goal.id)
    ctrl.set_rename_text("Call two clinics this week")
    ctrl.set_step_draft(goal.id, "Find their numbers")
    ctrl.start_moving(goal.id)
    ctrl.set_move_text("2025-04-01")
    relock(clocked_session)
    words, _ = build(goals_screen, clocked_session)
    assert words.count(KEEP_GOING) == 4
    assert DraftsController.for_session(clocked_session).others(GOAL_NEW) == []


# --- Review: rewording a question ----------------------------------------------------------------


def test_a_question_being_reworded_comes_back_and_goes_when_saved(
    clocked_session: AppSession,
) -> None:
    with clocked_session.work() as repo:
        question = add_question(repo, "Do you work evenings?", record_id="q1", now=NOW)
    ctl = ReviewController(clocked_session)
    ctl.start_editing(question.id)
    ctl.set_edit_text("Do you work evenings or weekends?")
    relock(clocked_session)

    assert DraftsController.for_session(clocked_session).arrive() == "review"
    ctl = ReviewController(clocked_session)
    assert ctl.editing() == (question.id, None) and ctl.showing_edit_draft(question.id)
    words, boxes = build(review_screen, clocked_session)
    assert BANNER_TITLE in words and boxes["Question"] == "Do you work evenings or weekends?"
    ctl.keep_going_edit()
    assert ctl.take_edit_focus() and not ctl.showing_edit_draft(question.id)
    ctl.save_edit(question.id, ctl.edit_text(question.id, ""))
    assert drafts_of(clocked_session) == {} and ctl.editing() == (None, None)
    with clocked_session.work() as repo:
        assert repo.get(Question, question.id).text == "Do you work evenings or weekends?"  # type: ignore[union-attr]


def test_a_rewording_cancelled_discarded_or_undone(clocked_session: AppSession) -> None:
    with clocked_session.work() as repo:
        question = add_question(repo, "How long is a session?", record_id="q1", now=NOW)
    ctl = ReviewController(clocked_session)
    ctl.start_editing(question.id)
    ctl.set_edit_text("How long is a session?")  # as saved: nothing kept
    assert clocked_session.keep_drafts(due_only=False) == 0
    ctl.set_edit_text("How long is a first session?")
    clocked_session.keep_drafts(due_only=False)
    ctl.start_editing(None)  # Cancel
    assert drafts_of(clocked_session) == {}
    ctl.start_editing(question.id)
    ctl.set_edit_text("How long is a first session?")
    relock(clocked_session)
    ctl = ReviewController(clocked_session)
    ctl.discard_edit_draft()
    assert ctl.editing() == (None, None) and drafts_of(clocked_session) == {}
    assert ReviewController(clocked_session).undo_discard()
    assert ctl.edit_text(question.id, "") == "How long is a first session?"
    assert drafts_of(clocked_session) == {
        question_edit(question.id): {"text": "How long is a first session?"}
    }
    ctl.delete_question(question.id)  # its rewording goes with it
    assert drafts_of(clocked_session) == {} and ctl.editing() == (None, None)


def test_an_asked_question_being_reworded_stays_in_sight(clocked_session: AppSession) -> None:
    """Only the last ten asked questions are listed; the one being reworded is kept with
    them, or its box (and banner) would not be on the screen."""
    from journal_app.core.questions import mark_asked

    with clocked_session.work() as repo:
        for i in range(12):
            add_question(repo, f"Question {i}?", record_id=f"q{i}", now=NOW)
            mark_asked(repo, f"q{i}", now=NOW)
    ctl = ReviewController(clocked_session)
    ctl.start_editing("q0")
    ctl.set_edit_text("Question zero, reworded?")
    relock(clocked_session)
    words, boxes = build(review_screen, clocked_session)
    assert BANNER_TITLE in words and boxes["Question"] == "Question zero, reworded?"


# --- Share: who it is for; never a passphrase -----------------------------------------------


def test_who_a_summary_is_for_comes_back_and_a_passphrase_never_is(
    clocked_session: AppSession,
) -> None:
    own = "Mulberry-Kestrel-Orbit-2291"
    ctl = ShareController.for_session(clocked_session)
    ctl.own_passphrase = own  # as the screen's passphrase box sets it: never noted
    ctl.set_section("entries", True)
    assert clocked_session.keep_drafts(due_only=False) == 0  # a tick alone is not writing
    ctl.set_recipient("Dr Patel, my GP")
    ctl.set_since("2025-01-01")
    relock(clocked_session)

    kept = drafts_of(clocked_session)
    assert set(kept) == {SHARE} and own not in repr(kept)
    assert kept[SHARE]["recipient"] == "Dr Patel, my GP"
    assert DraftsController.for_session(clocked_session).arrive() == "share"
    again = ShareController.for_session(clocked_session)
    assert again.restored and again.own_passphrase == ""
    assert (again.recipient, again.since_text) == ("Dr Patel, my GP", "2025-01-01")
    assert "entries" in again.sections
    words, boxes = build(share_screen, clocked_session)
    assert BANNER_TITLE in words and boxes["Who is this for?"] == "Dr Patel, my GP"
    again.discard_draft()
    assert again.recipient == "" and drafts_of(clocked_session) == {}
    assert again.undo_discard() and again.recipient == "Dr Patel, my GP"
    again.make_preview()
    again.create_in_exports()  # made and logged: the draft goes
    assert drafts_of(clocked_session) == {}


# --- a draft whose record has gone -------------------------------------------------------------


def test_drafts_about_a_goal_deleted_elsewhere_leave_no_link(
    clocked_session: AppSession, clock: ManualClock
) -> None:
    from datetime import timedelta

    goal = own_goal(clocked_session)
    controller_for(clocked_session).set_text("An entry, half written")
    clocked_session.keep_drafts(due_only=False)
    clock.now += timedelta(seconds=10)
    ctrl = GoalsController.for_session(clocked_session)
    ctrl.start_renaming(goal.id)
    ctrl.set_rename_text("Call two clinics today")
    ctrl.set_step_draft(goal.id, "Find their numbers")
    clocked_session.keep_drafts(due_only=False)
    with clocked_session.work() as repo:  # a command, or another device, deletes it
        core_goals.take_goal(repo, goal.id)
    relock(clocked_session, clock)

    drafts = DraftsController.for_session(clocked_session)
    assert drafts.others(JOURNAL_NEW) == []  # no "Go to Goals: a new name for a goal"
    assert drafts.arrive() == "journal"  # the goal drafts were newer, and are gone
    assert set(drafts_of(clocked_session)) == {JOURNAL_NEW}
    again = GoalsController.for_session(clocked_session)
    assert again.renaming is None and again.step_drafts == {} and not again.state().restored


def test_deleting_a_goal_here_takes_what_was_typed_about_it(clocked_session: AppSession) -> None:
    goal = own_goal(clocked_session)
    ctrl = GoalsController.for_session(clocked_session)
    ctrl.set_step_draft(goal.id, "Find their numbers")
    ctrl.start_moving(goal.id)
    ctrl.set_move_text("2025-04-01")
    clocked_session.keep_drafts(due_only=False)
    assert ctrl.delete(goal.id)
    assert drafts_of(clocked_session) == {} and ctrl.moving is None
    ctrl.set_step_draft(goal.id, "typed into a box that has gone")
    clocked_session.keep_drafts(due_only=False)  # a box of a gone goal writes nothing
    assert drafts_of(clocked_session) == {}


def test_the_words_of_a_deleted_question_or_entry_come_back_as_new_ones(
    clocked_session: AppSession, clock: ManualClock
) -> None:
    from datetime import timedelta

    with clocked_session.work() as repo:
        add_question(repo, "Do you see couples?", record_id="q1", now=NOW)
        entry = add_entry(repo, EntryDraft(text="Called the clinic"), record_id="e1", now=NOW)
    ctl = ReviewController(clocked_session)
    ctl.start_editing("q1")
    ctl.set_edit_text("Do you see couples, and families?")
    clocked_session.keep_drafts(due_only=False)
    clock.now += timedelta(seconds=10)
    journal = controller_for(clocked_session)
    journal.start_edit(entry.id)
    journal.set_text("Called the clinic, and booked")
    clocked_session.keep_drafts(due_only=False)
    with clocked_session.work() as repo:
        delete_question(repo, "q1")
        repo.remove(type(entry), entry.id)
    relock(clocked_session, clock)

    drafts = DraftsController.for_session(clocked_session)
    assert drafts.arrive() == "journal"
    assert [o.link for o in drafts.others(JOURNAL_NEW)] == [
        "Go to Review: a question for your consultation"
    ]
    kept = drafts_of(clocked_session)
    assert set(kept) == {JOURNAL_NEW, REVIEW_QUESTION}  # moved, not dropped
    assert kept[REVIEW_QUESTION] == {"text": "Do you see couples, and families?"}
    assert controller_for(clocked_session).form.text == "Called the clinic, and booked"
    ctl = ReviewController(clocked_session)
    assert ctl.question_text() == "Do you see couples, and families?" and ctl.showing_draft()
    assert ctl.editing() == (None, None)


def test_a_deleted_question_s_words_are_dropped_when_a_new_question_waits(
    clocked_session: AppSession,
) -> None:
    with clocked_session.work() as repo:
        add_question(repo, "Do you see couples?", record_id="q1", now=NOW)
    ctl = ReviewController(clocked_session)
    ctl.set_question_text("What does a first session look like?")
    ctl.start_editing("q1")
    ctl.set_edit_text("Do you see couples, and families?")
    clocked_session.keep_drafts(due_only=False)
    with clocked_session.work() as repo:
        delete_question(repo, "q1")
    relock(clocked_session)
    DraftsController.for_session(clocked_session).arrive()
    assert drafts_of(clocked_session) == {
        REVIEW_QUESTION: {"text": "What does a first session look like?"}
    }


def test_a_therapist_taken_off_the_list_leaves_no_link_to_their_notes(
    clocked_session: AppSession,
) -> None:
    with clocked_session.work() as repo:
        candidate = add_candidate(repo, "Dr Ana Ruiz", record_id="c1", now=NOW)
    from journal_app.ui.controllers.shortlist import ShortlistController

    ShortlistController.for_session(clocked_session).set_notes_draft("c1", "Kind on the phone")
    controller_for(clocked_session).set_text("An entry")
    clocked_session.keep_drafts(due_only=False)
    assert candidate_notes("c1") in drafts_of(clocked_session)
    with clocked_session.work() as repo:
        repo.remove(Candidate, candidate.id)
    relock(clocked_session)
    assert DraftsController.for_session(clocked_session).others(JOURNAL_NEW) == []
    assert set(drafts_of(clocked_session)) == {JOURNAL_NEW}


def test_a_goal_and_a_question_deleted_on_another_device_through_sync(
    tmp_path: Path, clocked_session: AppSession
) -> None:
    """The real thing: a second device joined through the sync folder deletes the goal and
    the question while this one is locked; after unlocking and taking in its changes, the
    goal's new name is gone quietly and the question's new words wait as a new question."""
    from journal_app.app.journal_access import unlock_journal
    from journal_app.app.sync_setup import join
    from journal_app.ui.controllers.sync import SyncController

    sync = SyncController(clocked_session)
    sync.start(str(tmp_path / "Sync"), "laptop")
    goal = own_goal(clocked_session)
    with clocked_session.work() as repo:
        add_question(repo, "Do you see couples?", record_id="q1", now=NOW)
    sync.now()
    phone, _ = join(tmp_path / "phone", tmp_path / "Sync", UI_PASSPHRASE, "phone")
    phone.close()

    ctrl = GoalsController.for_session(clocked_session)
    ctrl.start_renaming(goal.id)
    ctrl.set_rename_text("Call two clinics today")
    ctl = ReviewController(clocked_session)
    ctl.start_editing("q1")
    ctl.set_edit_text("Do you see couples, and families?")
    clocked_session.lock()

    phone = unlock_journal(tmp_path / "phone", UI_PASSPHRASE)
    assert phone.get(Goal, goal.id) is not None and phone.get(Question, "q1") is not None
    core_goals.take_goal(phone, goal.id)
    delete_question(phone, "q1")
    phone.close()

    clocked_session.unlock(UI_PASSPHRASE)
    SyncController(clocked_session).watch({})  # the app's watch takes the changes in
    with clocked_session.work() as repo:
        assert repo.get(Goal, goal.id) is None and repo.get(Question, "q1") is None
    drafts = DraftsController.for_session(clocked_session)
    assert drafts.arrive() == "review"
    assert drafts.others(REVIEW_QUESTION) == []
    assert drafts_of(clocked_session) == {
        REVIEW_QUESTION: {"text": "Do you see couples, and families?"}
    }
    words, boxes = build(review_screen, clocked_session)
    assert BANNER_TITLE in words and boxes["Add a question"] == "Do you see couples, and families?"

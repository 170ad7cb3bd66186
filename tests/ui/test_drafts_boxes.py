"""The smaller boxes kept as sealed drafts too: a goal's new name, a new step, a target
date being typed, a Review question being reworded, and who a summary is for on Share.
Each comes back after a lock, open with its text and its banner on the right screen, and
goes when saved, cancelled or cleared; a draft whose record has gone (deleted here, or on
another device through sync) leaves no "Go to …" that leads nowhere. A passphrase is never
kept. The controllers on a real, encrypted journal; the screens built, with Flet's checks."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import flet as ft

from journal_app.app.session import AppSession
from journal_app.core import goals as core_goals
from journal_app.core.drafts import (
    GOAL_NEW,
    JOURNAL_NEW,
    candidate_notes,
    goal_due,
    goal_rename,
    goal_step,
)
from journal_app.core.records import Candidate, Goal, Milestone
from journal_app.core.shortlist import add_candidate
from journal_app.ui.controllers.drafts import BANNER_TITLE, DraftsController
from journal_app.ui.controllers.goals import GoalsController
from journal_app.ui.controllers.journal import controller_for
from journal_app.ui.draft_banner import KEEP_GOING
from journal_app.ui.screens import goals as goals_screen
from tests.ui.conftest import ManualClock
from tests.ui.screen_check import checked_tree, screen_context
from tests.ui.test_drafts_controllers import drafts_of, relock, words_in

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


# --- Share: who it is for; never a passphrase -----------------------------------------------


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

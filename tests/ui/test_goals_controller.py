"""The Goals screen's controller on a real, encrypted vault: the journey, own goals,
gentle overdue notes, and celebrations shown once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from journal_app.app.session import AppSession
from journal_app.core.goals import JOURNEY_STAGES, JOURNEY_TITLE
from journal_app.core.journal import InvalidInput
from journal_app.core.records import Candidate, Goal
from journal_app.core.shortlist import add_candidate
from journal_app.ui.controllers.goals import OVERDUE_NOTE, GoalsController
from tests.ui.conftest import ManualClock

PASSPHRASE = "quiet harbour maple 7"


@pytest.fixture
def session(clocked_session: AppSession) -> AppSession:
    return clocked_session


def test_journey_is_started_with_every_milestone_as_a_row(session: AppSession) -> None:
    ctrl = GoalsController.for_session(session)
    state = ctrl.state()
    assert state.journey is not None and state.journey.title == JOURNEY_TITLE
    assert [m.title for m in state.journey.milestones] == [s.title for s in JOURNEY_STAGES]
    assert state.journey.fraction == 0 and "0 of 7 done" in state.journey.sentence
    assert state.own == () and state.celebrations == []
    assert not state.journey.can_delete
    with pytest.raises(InvalidInput):
        ctrl.delete(state.journey.id)
    assert ctrl.state().journey is not None  # started once, not twice
    with session.work() as repo:
        assert len(repo.all(Goal)) == 1


def test_reaching_a_milestone_is_celebrated_once_and_can_be_unticked(
    session: AppSession,
) -> None:
    ctrl = GoalsController.for_session(session)
    first = ctrl.state().journey.milestones[0]
    celebrations = ctrl.set_milestone(first.id, True)
    assert [c.kind for c in celebrations] == ["milestone"]
    assert "put into words" in celebrations[0].message
    assert ctrl.set_milestone(first.id, True) == []  # once only
    state = ctrl.state()
    assert state.journey.milestones[0].done and state.journey.percent == 14
    assert ctrl.set_milestone(first.id, False) == []
    assert not ctrl.state().journey.milestones[0].done


def test_a_milestone_reached_through_the_data_is_celebrated_once_and_an_untick_sticks(
    session: AppSession,
) -> None:
    ctrl = GoalsController.for_session(session)
    ctrl.state()
    with session.work() as repo:
        for i in range(3):
            add_candidate(repo, f"T{i}", record_id=f"c{i}", now=session.now())
    state = ctrl.state()
    assert [c.key for c in state.celebrations] == ["shortlist_three"]
    assert ctrl.state().celebrations == []  # shown once
    row = next(m for m in state.journey.milestones if m.title.startswith("Find at least three"))
    assert row.done
    ctrl.set_milestone(row.id, False)
    again = ctrl.state()
    assert again.celebrations == []  # the person's untick is not undone by the data
    assert not next(m for m in again.journey.milestones if m.id == row.id).done
    with session.work() as repo:
        assert len(repo.all(Candidate)) == 3


def test_add_goal_with_steps_then_finish_it_with_one_celebration(session: AppSession) -> None:
    ctrl = GoalsController.for_session(session)
    ctrl.open_form()
    assert ctrl.state().form_open
    ctrl.set_draft("title", "Practise breathing before calls")
    ctrl.set_draft("due", "2025-04-01")
    ctrl.set_draft("steps", "Pick an exercise\n\n  Practise once a day  \n")
    goal = ctrl.add_goal()
    state = ctrl.state()
    assert not state.form_open and state.draft.title == ""
    (card,) = state.own
    assert card.id == goal.id and card.due == date(2025, 4, 1)
    assert card.due_text == "Target date: 1 April 2025" and card.overdue_note is None
    assert [s.title for s in card.steps] == ["Pick an exercise", "Practise once a day"]
    assert card.sentence.endswith("0 of 2 done (0%).")
    assert ctrl.set_step(goal.id, 0, True) == []
    assert ctrl.state().own[0].percent == 50
    done = ctrl.set_step(goal.id, 1, True)
    assert [c.kind for c in done] == ["goal"]
    assert ctrl.mark_done(goal.id) == []  # already done: no second celebration
    assert ctrl.state().own[0].is_done
    ctrl.reopen(goal.id)
    assert not ctrl.state().own[0].is_done
    assert [c.kind for c in ctrl.mark_done(goal.id)] == ["goal"]


def test_a_refused_goal_keeps_what_was_typed(session: AppSession) -> None:
    ctrl = GoalsController.for_session(session)
    ctrl.open_form()
    ctrl.set_draft("title", "Call the clinic")
    ctrl.set_draft("due", "next tuesday")
    with pytest.raises(InvalidInput, match="not a date"):
        ctrl.add_goal()
    state = ctrl.state()
    assert state.form_open and state.draft.title == "Call the clinic"
    assert "not a date" in (state.draft.error or "")
    assert state.own == ()
    # The same controller comes back for a rebuilt screen, with the draft.
    assert GoalsController.for_session(session).draft.title == "Call the clinic"


def test_overdue_is_said_gently_and_the_date_can_move(
    session: AppSession, clock: ManualClock
) -> None:
    ctrl = GoalsController.for_session(session)
    ctrl.set_draft("title", "Ask my GP for names")
    ctrl.set_draft("due", "2025-03-12")
    goal = ctrl.add_goal()
    journey = ctrl.state().journey
    ctrl.move_date(journey.milestones[2].id, "2025-03-11")
    clock.now += timedelta(days=5)
    state = ctrl.state()
    card = state.own[0]
    assert card.overdue and OVERDUE_NOTE in (card.overdue_note or "")
    assert "12 March 2025" in card.overdue_note
    late = state.journey.milestones[2]
    assert late.overdue and OVERDUE_NOTE in (late.note or "")
    ctrl.start_moving(goal.id)
    assert ctrl.state().moving == goal.id
    ctrl.move_date(goal.id, "2025-03-30")
    state = ctrl.state()
    assert state.moving is None and not state.own[0].overdue
    ctrl.move_date(late.id, None)
    assert ctrl.state().journey.milestones[2].due is None


def test_steps_can_be_added_and_goals_deleted(session: AppSession) -> None:
    ctrl = GoalsController.for_session(session)
    ctrl.set_draft("title", "Write my questions")
    goal = ctrl.add_goal()
    assert "no steps yet" in ctrl.state().own[0].sentence
    ctrl.set_step_draft(goal.id, "Three questions about approach")
    ctrl.add_step(goal.id)
    assert [s.title for s in ctrl.state().own[0].steps] == ["Three questions about approach"]
    assert goal.id not in ctrl.step_drafts
    with pytest.raises(InvalidInput):
        ctrl.add_step(goal.id)  # empty
    assert ctrl.delete(goal.id) is True
    assert ctrl.state().own == ()


def test_a_lock_forgets_the_controller_and_the_draft_comes_back(session: AppSession) -> None:
    """What is typed goes from memory with the lock, and comes back from its sealed draft
    (issue 27: a half-written goal used to be thrown away)."""
    ctrl = GoalsController.for_session(session)
    ctrl.set_draft("title", "Something private")
    session.lock()
    assert session.screen_state == {}
    session.unlock(PASSPHRASE)
    fresh = GoalsController.for_session(session)
    assert fresh is not ctrl and fresh.draft.title == "Something private"
    assert fresh.state().form_open and fresh.state().draft_restored


def test_a_goal_can_be_renamed_and_a_refused_title_stays_in_the_box(session: AppSession) -> None:
    ctrl = GoalsController.for_session(session)
    ctrl.set_draft("title", "Write my questions")
    goal = ctrl.add_goal()
    ctrl.start_renaming(goal.id)
    assert ctrl.rename_text == "Write my questions"
    ctrl.set_rename_text("   ")
    with pytest.raises(InvalidInput):
        ctrl.rename(goal.id)
    assert ctrl.renaming == goal.id and ctrl.rename_error
    ctrl.set_rename_text("Write three questions")
    ctrl.rename(goal.id)
    assert ctrl.renaming is None
    assert ctrl.state().own[0].title == "Write three questions"
    with session.work() as repo:
        assert repo.get(Goal, goal.id).title == "Write three questions"


def test_a_deleted_goal_comes_back_with_undo(session: AppSession) -> None:
    ctrl = GoalsController.for_session(session)
    ctrl.set_draft("title", "Call two clinics")
    ctrl.set_draft("steps", "Find numbers\nCall")
    goal = ctrl.add_goal()
    ctrl.set_step(goal.id, 0, True)
    assert ctrl.delete(goal.id)
    assert ctrl.state().own == ()
    back = ctrl.undo_delete()
    assert back is not None and back.id == goal.id
    (card,) = ctrl.state().own
    assert [(s.title, s.done) for s in card.steps] == [("Find numbers", True), ("Call", False)]
    assert ctrl.undo_delete() is None

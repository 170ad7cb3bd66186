"""A goal's steps after the goal is made, through the controller the Goals screen uses,
on a real vault: rename, move up and down, tick, remove and Undo."""

from __future__ import annotations

import pytest

from journal_app.app.session import AppSession
from journal_app.core.journal import InvalidInput
from journal_app.core.records import Goal
from journal_app.ui.controllers.goals import GoalsController


@pytest.fixture
def ctrl(clocked_session: AppSession) -> GoalsController:
    return GoalsController.for_session(clocked_session)


def _goal(ctrl: GoalsController, steps: str) -> str:
    ctrl.open_form()
    ctrl.set_draft("title", "Call the GP")
    ctrl.set_draft("steps", steps)
    return ctrl.add_goal().id


def _steps(ctrl: GoalsController) -> list[tuple[str, bool]]:
    (card,) = ctrl.state().own
    return [(s.title, s.done) for s in card.steps]


def test_a_step_is_renamed_moved_ticked_removed_and_put_back(ctrl: GoalsController) -> None:
    gid = _goal(ctrl, "Find the number\nWrite what to say\nMake the call")
    ctrl.start_renaming_step(gid, 1)
    assert ctrl.step_text == "Write what to say"
    ctrl.set_step_text("Write down what to say")
    ctrl.rename_step(gid, 1)
    assert ctrl.renaming_step is None
    ctrl.move_step(gid, 2, -1)
    assert [t for t, _ in _steps(ctrl)] == [
        "Find the number",
        "Make the call",
        "Write down what to say",
    ]
    ctrl.set_step(gid, 0, True)
    ctrl.move_step(gid, 0, 1)  # a ticked step keeps its tick when it moves
    assert _steps(ctrl)[:2] == [("Make the call", False), ("Find the number", True)]

    removed = ctrl.remove_step(gid, 1)
    assert removed.step.title == "Find the number"
    assert [t for t, _ in _steps(ctrl)] == ["Make the call", "Write down what to say"]
    ctrl.undo_remove_step()
    assert _steps(ctrl)[1] == ("Find the number", True)
    assert ctrl.undo_remove_step() is None  # once only


def test_refusals_leave_the_goal_as_it_was(ctrl: GoalsController, clocked_session) -> None:
    gid = _goal(ctrl, "One\nTwo")
    with clocked_session.work() as repo:
        before = repo.get(Goal, gid)
    ctrl.start_renaming_step(gid, 0)
    ctrl.set_step_text("   ")
    with pytest.raises(InvalidInput):
        ctrl.rename_step(gid, 0)
    assert ctrl.renaming_step == (gid, 0) and "empty" in (ctrl.step_error or "")
    with pytest.raises(InvalidInput, match="already the first"):
        ctrl.move_step(gid, 0, -1)
    with pytest.raises(InvalidInput, match="already the last"):
        ctrl.move_step(gid, 1, 1)
    with pytest.raises(InvalidInput):
        ctrl.remove_step(gid, 7)
    with clocked_session.work() as repo:
        assert repo.get(Goal, gid) == before


def test_an_open_step_box_follows_its_step_when_it_moves(ctrl: GoalsController) -> None:
    gid = _goal(ctrl, "One\nTwo\nThree")
    ctrl.start_renaming_step(gid, 2)
    ctrl.move_step(gid, 2, -1)
    assert ctrl.renaming_step == (gid, 1) and ctrl.step_text == "Three"
    ctrl.move_step(gid, 0, 1)  # "One" moves down into the box's place: the box moves up
    assert ctrl.renaming_step == (gid, 0)


def test_removing_a_step_of_a_done_goal_and_undo_opens_it_only_for_an_open_step(
    ctrl: GoalsController,
) -> None:
    gid = _goal(ctrl, "One\nTwo")
    ctrl.set_step(gid, 0, True)
    celebrations = ctrl.set_step(gid, 1, True)
    assert [c.kind for c in celebrations] == ["goal"]
    ctrl.remove_step(gid, 1)
    assert ctrl.state().own[0].is_done  # removing is not an un-doing
    ctrl.undo_remove_step()
    assert ctrl.state().own[0].is_done  # a ticked step back: still done
    ctrl.set_step(gid, 1, False)  # unticking opens it
    ctrl.remove_step(gid, 1)
    ctrl.mark_done(gid)
    ctrl.undo_remove_step()  # an open step back in a done goal: open again
    assert not ctrl.state().own[0].is_done

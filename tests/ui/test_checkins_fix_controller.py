"""Correcting and deleting saved check-ins through the controllers the screens use, on a
real vault: the history, the charts, the review and every new copy follow at once, crisis
resources show whenever the answers make them due, and Undo puts a deleted one back."""

from __future__ import annotations

from datetime import timedelta

import pytest

from journal_app.app.drafts import pending_drafts
from journal_app.app.session import AppSession
from journal_app.core.checkins import PHQ9
from journal_app.core.records import CheckIn
from journal_app.ui.controllers.checkins import CheckinsController
from journal_app.ui.controllers.review import ReviewController
from journal_app.ui.controllers.share import ShareController
from tests.ui.conftest import ManualClock

MISTAPPED = [1, 1, 0, 1, 0, 0, 1, 0, 1]  # item 9 tapped "Several days" by mistake


@pytest.fixture
def session(clocked_session: AppSession) -> AppSession:
    return clocked_session


def stored(session: AppSession) -> list[CheckIn]:
    with session.work() as repo:
        return repo.all(CheckIn)


def take(ctrl: CheckinsController, instrument: str, answers: list[int]) -> str:
    ctrl.select(instrument)
    for i, value in enumerate(answers):
        ctrl.answer(i, value)
    ctrl.save()
    ctrl.start_again()
    return ctrl.state().history[0].checkin_id


def item9_in_new_copy(session: AppSession) -> bool:
    share = ShareController.for_session(session)
    share.make_preview()
    return share.item9_notice() is not None


def test_a_corrected_item_9_leaves_the_history_charts_review_and_new_copies(
    session: AppSession, clock: ManualClock
) -> None:
    ctrl = CheckinsController.for_session(session)
    first = take(ctrl, PHQ9, [2, 2, 2, 2, 2, 2, 2, 2, 0])
    clock.now += timedelta(days=14)
    mistake = take(ctrl, PHQ9, MISTAPPED)
    assert item9_in_new_copy(session)
    assert [b.value for b in ReviewController(session).state().checkins[0].bars] == [16, 5]

    ctrl.start_correction(mistake)
    state = ctrl.state()
    assert state.correcting and "PHQ-9" in state.correcting and state.selected == PHQ9
    assert list(state.form.answers) == MISTAPPED and state.form.can_save
    assert state.crisis is not None  # the form has item 9 above 0, as it was saved
    assert ctrl.answer(8, 0) is False and ctrl.state().crisis is None
    ctrl.answer(0, 2)
    result = ctrl.save()
    assert (result.score, result.crisis_due) == (5, False)
    state = ctrl.state()
    assert state.corrected and state.correcting is None and state.crisis is None

    [again] = [c for c in stored(session) if c.id == mistake]
    assert again.answers == [2, 1, 0, 1, 0, 0, 1, 0, 0] and again.updated_at is not None
    assert [(p.checkin_id, p.score, p.corrected) for p in state.history] == [
        (mistake, 5, True),
        (first, 16, False),
    ]
    [trend] = state.trends
    assert [p.score for p in trend.points] == [16, 5]
    assert "11 lower than your first of 16" in trend.sentence
    assert [b.value for b in ReviewController(session).state().checkins[0].bars] == [16, 5]
    assert not item9_in_new_copy(session)
    assert pending_drafts_of(session) == []  # a correction leaves no draft


def pending_drafts_of(session: AppSession) -> list:
    with session.work() as repo:
        return list(pending_drafts(repo))


def test_a_correction_that_makes_crisis_resources_due_shows_them_at_once_and_after(
    session: AppSession,
) -> None:
    ctrl = CheckinsController.for_session(session)
    calm = take(ctrl, PHQ9, [0] * 9)
    assert not item9_in_new_copy(session)
    ctrl.start_correction(calm)
    assert ctrl.state().crisis is None
    assert ctrl.answer(8, 2) is True and ctrl.state().crisis is not None
    result = ctrl.save()
    assert result.crisis_due and ctrl.state().crisis is not None
    assert item9_in_new_copy(session)


def test_a_correction_puts_the_answers_in_progress_aside_and_back(session: AppSession) -> None:
    ctrl = CheckinsController.for_session(session)
    saved = take(ctrl, PHQ9, [1] * 8 + [0])
    ctrl.answer(0, 3)  # a new PHQ-9 begun
    ctrl.start_correction(saved)
    assert list(ctrl.state().form.answers) == [1] * 8 + [0]
    ctrl.answer(1, 3)
    ctrl.cancel_correction()
    assert ctrl.state().form.answers == (3, None, None, None, None, None, None, None, None)
    assert [c.answers for c in stored(session)] == [[1] * 8 + [0]]  # cancel changed nothing
    assert ctrl.state().correcting is None


def test_delete_then_undo_puts_the_same_check_in_back(session: AppSession) -> None:
    ctrl = CheckinsController.for_session(session)
    mistake = take(ctrl, PHQ9, MISTAPPED)
    before = stored(session)
    assert item9_in_new_copy(session)

    gone = ctrl.delete(mistake)
    assert gone.id == mistake
    state = ctrl.state()
    assert state.history == () and state.trends == () and stored(session) == []
    assert ReviewController(session).state().checkins == []
    assert not item9_in_new_copy(session)

    assert ctrl.undo_delete() is True
    assert stored(session) == before
    assert [p.checkin_id for p in ctrl.state().history] == [mistake]
    assert item9_in_new_copy(session)
    assert ctrl.undo_delete() is False  # once only


def test_deleting_the_check_in_being_corrected_ends_the_correction(session: AppSession) -> None:
    ctrl = CheckinsController.for_session(session)
    saved = take(ctrl, PHQ9, [0] * 9)
    ctrl.start_correction(saved)
    ctrl.delete(saved)
    assert ctrl.state().correcting is None and ctrl.state().form.answered == 0


def test_correcting_a_check_in_that_is_gone_is_refused_and_changes_nothing(
    session: AppSession,
) -> None:
    ctrl = CheckinsController.for_session(session)
    saved = take(ctrl, PHQ9, [0] * 9)
    before = stored(session)
    with pytest.raises(ValueError, match="no longer in your journal"):
        ctrl.start_correction("no-such-id")
    with pytest.raises(ValueError):
        ctrl.delete("no-such-id")
    assert stored(session) == before and ctrl.state().correcting is None
    assert [p.checkin_id for p in ctrl.state().history] == [saved]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_screen_names_correct_and_delete_for_each_past_result(
    session: AppSession, width: int
) -> None:
    """Built as the app builds it (Flet's own checks on every control), at a desktop and a
    phone width: each past result has a Correct and a Delete button named for it, and a
    correction says what it corrects and saves as a correction."""
    import flet as ft

    from journal_app.ui.screens import checkins as screen
    from tests.ui.screen_check import checked_tree, screen_context
    from tests.ui.test_small_screen_fixes import controls

    ctrl = CheckinsController.for_session(session)
    saved = take(ctrl, PHQ9, MISTAPPED)
    day = ctrl.state().history[0].date_text

    def built() -> tuple[list[str], list[str]]:
        tree = screen.build(screen_context(session, width))
        assert checked_tree(tree) > 0
        found = list(controls(tree))
        names = [c.label for c in found if isinstance(c, ft.Semantics) and c.label]
        words = [c.value for c in found if isinstance(c, ft.Text) and c.value]
        words += [c.content for c in found if isinstance(c, ft.FilledButton)]
        return names, words

    names, words = built()
    assert f"Correct the PHQ-9 check-in of {day}" in names
    assert f"Delete the PHQ-9 check-in of {day}" in names
    assert "Save check-in" in words
    ctrl.start_correction(saved)
    names, words = built()
    assert f"Correcting your PHQ-9 of {day}" in words and "Save correction" in words

"""The breathing exercise's controller on a real, encrypted journal, driven by its own
clock: ``tick`` is told the seconds passing. Each phase is announced once; what the
exercise leaves is written the way the journal writes a coping exercise."""

from __future__ import annotations

from dataclasses import replace

import pytest

from journal_app.app.session import AppSession
from journal_app.core.records import Entry
from journal_app.ui.controllers.breathing import (
    COPING_TITLE,
    FROM_HOME,
    FROM_JOURNAL,
    PACED_BREATHING,
    BreathingController,
    Escape,
    Stage,
)
from journal_app.ui.controllers.journal import controller_for
from journal_app.ui.screens import breathing as breathing_screen
from tests.ui.conftest import UI_PASSPHRASE
from tests.ui.screen_check import checked_tree, screen_context, words_in


@pytest.fixture
def session(clocked_session: AppSession) -> AppSession:
    return clocked_session


def entries(session: AppSession) -> list[Entry]:
    with session.work() as repo:
        return repo.all(Entry)


def practised(session: AppSession, seconds: float, origin: str = FROM_HOME) -> BreathingController:
    """An exercise opened from ``origin``, breathed for ``seconds``, then stopped."""
    ctrl = BreathingController.for_session(session)
    ctrl.open(origin)
    ctrl.start()
    run_for(ctrl, seconds)
    ctrl.stop()
    return ctrl


def run_for(ctrl: BreathingController, seconds: float, step: float = 0.25) -> list[str]:
    """Tick ``seconds`` in steps, as the screen's loop does; the words announced."""
    said = []
    for _ in range(round(seconds / step)):
        tick = ctrl.tick(step)
        if tick.announce:
            said.append(tick.announce)
    return said


def test_each_phase_is_announced_once_not_every_second(session: AppSession) -> None:
    ctrl = BreathingController.for_session(session)
    ctrl.open(FROM_HOME)
    first = ctrl.start()
    assert first.announce == "Breathe in"
    said = run_for(ctrl, 24 - 0.25)  # two breaths of in 4, hold 2, out 6
    assert said == ["Hold", "Breathe out", "Breathe in", "Hold", "Breathe out"]


def test_paused_time_does_not_count(session: AppSession) -> None:
    ctrl = BreathingController.for_session(session)
    ctrl.open(FROM_HOME)
    ctrl.start()
    run_for(ctrl, 3)
    ctrl.pause()
    assert run_for(ctrl, 30) == []
    assert ctrl.elapsed == 3
    ctrl.resume()
    assert run_for(ctrl, 1) == ["Hold"]


def test_from_home_the_whole_exercise_and_its_rating_are_an_entry(session: AppSession) -> None:
    ctrl = BreathingController.for_session(session)
    ctrl.open(FROM_HOME)
    assert ctrl.set_minutes(1) and ctrl.set_pace(3, 0, 5)
    ctrl.start()
    assert ctrl.total() == 64  # 7.5 breaths of 8 s make 8 whole ones
    run_for(ctrl, 63.75)
    assert ctrl.stage is Stage.RUNNING
    run_for(ctrl, 0.25)
    assert ctrl.stage is Stage.RATING
    [kept] = entries(session)  # written at the end, before any rating: a lock loses nothing
    assert kept.coping_strategy == COPING_TITLE and kept.anxiety_after is None
    assert kept.text == "Paced breathing for 1 minute (in 3 · out 5)."
    ctrl.save_rating(3)
    [rated] = entries(session)
    assert (rated.id, rated.anxiety_after) == (kept.id, 3)
    assert ctrl.stage is Stage.SETUP


def test_stopped_early_the_practice_so_far_is_kept(session: AppSession) -> None:
    ctrl = practised(session, 20)
    assert ctrl.stage is Stage.RATING
    ctrl.save_rating(None)  # "Skip": the practice stays, unrated
    [kept] = entries(session)
    assert kept.text.startswith("Paced breathing for 20 seconds")
    assert kept.anxiety_after is None


def test_stopped_in_the_first_seconds_nothing_is_written(session: AppSession) -> None:
    ctrl = practised(session, 2)
    assert ctrl.stage is Stage.SETUP
    assert entries(session) == []


def test_esc_while_breathing_stops_as_stop_does_and_the_rating_comes_next(
    session: AppSession,
) -> None:
    """Running or paused, Esc keeps what was practised and asks for the rating; on the
    rating Esc changes nothing (the slider's position is the person's to give)."""
    ctrl = BreathingController.for_session(session)
    ctrl.open(FROM_HOME)
    ctrl.start()
    run_for(ctrl, 12)
    ctrl.pause()
    assert ctrl.escape() is Escape.STOPPED
    assert ctrl.stage is Stage.RATING
    [kept] = entries(session)
    assert kept.text.startswith("Paced breathing for 12 seconds")
    assert ctrl.escape() is Escape.NOTHING
    assert ctrl.stage is Stage.RATING
    ctrl.save_rating(3)  # the rating still goes where it was going
    [rated] = entries(session)
    assert rated.anxiety_after == 3


def test_esc_in_the_first_seconds_brings_the_choices_back_and_writes_nothing(
    session: AppSession,
) -> None:
    ctrl = BreathingController.for_session(session)
    ctrl.open(FROM_HOME)
    ctrl.start()
    run_for(ctrl, 2)
    assert ctrl.escape() is Escape.STOPPED
    assert ctrl.stage is Stage.SETUP
    assert entries(session) == []


@pytest.mark.parametrize("origin", [FROM_HOME, FROM_JOURNAL])
def test_esc_on_the_choices_leaves_for_where_the_exercise_was_opened(
    session: AppSession, origin: str
) -> None:
    journal = controller_for(session)
    journal.set_text("Words in the form stay there.")
    ctrl = BreathingController.for_session(session)
    ctrl.open(origin)
    assert ctrl.escape() is Escape.LEAVE
    assert ctrl.back_to() == origin
    assert ctrl.stage is Stage.SETUP
    assert entries(session) == []
    assert journal.form.text == "Words in the form stay there."


def test_from_an_entry_the_rating_goes_into_that_entry_s_form(session: AppSession) -> None:
    journal = controller_for(session)
    journal.set_text("Before the call I felt shaky.")
    journal.set_anxiety(7)
    ctrl = practised(session, 30, FROM_JOURNAL)
    assert entries(session) == []  # nothing of its own: it is the entry's exercise
    assert journal.form.coping_id == PACED_BREATHING
    ctrl.save_rating(4)
    assert ctrl.back_to() == "journal"
    saved = journal.save()
    assert saved is not None
    assert (saved.anxiety, saved.coping_strategy, saved.anxiety_after) == (7, COPING_TITLE, 4)


def test_a_pace_out_of_bounds_keeps_the_last_good_one(session: AppSession) -> None:
    ctrl = BreathingController.for_session(session)
    assert not ctrl.set_pace(4, 2, 12)
    assert ctrl.error == "Breathing out can be from 2 to 10 seconds."
    assert ctrl.pace.breathe_out == 6
    assert not ctrl.set_minutes(0)


def test_a_lock_forgets_the_exercise_but_not_what_was_written(session: AppSession) -> None:
    ctrl = practised(session, 30)
    session.lock()
    session.unlock(UI_PASSPHRASE)
    assert BreathingController.for_session(session) is not ctrl
    assert len(entries(session)) == 1


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("stage", ["setup", "running", "rating"])
def test_the_screen_builds_at_each_stage(session: AppSession, width: int, stage: str) -> None:
    ctrl = BreathingController.for_session(session)
    ctrl.open(FROM_HOME)
    if stage != "setup":
        ctrl.start()
        run_for(ctrl, 6)
    if stage == "rating":
        ctrl.stop()
    assert checked_tree(breathing_screen.build(screen_context(session, width))) > 10


@pytest.mark.parametrize(("calm", "shown"), [(False, "Breathe in"), (True, "Breathe in… 3")])
def test_calm_motion_keeps_the_circle_still_and_counts_in_words(
    session: AppSession, calm: bool, shown: str
) -> None:
    session.save_prefs(replace(session.prefs, calm_motion=calm))
    ctrl = BreathingController.for_session(session)
    ctrl.open(FROM_HOME)
    ctrl.start()
    run_for(ctrl, 1)
    screen = breathing_screen.build(screen_context(session, 1280))
    words = words_in(screen)
    assert shown in words, words
    shape = breathing_screen._VIEWS[ctrl].shape
    assert (shape.animate_scale is None) is calm
    assert (shape.scale == breathing_screen.CALM_SCALE) is calm

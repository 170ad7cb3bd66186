"""The Check-ins screen's controller on a real vault: the forms, scoring, history, and crisis
resources the moment the PHQ-9 self-harm item is answered above 0, before saving."""

from __future__ import annotations

from datetime import timedelta

import pytest

from journal_app.app.session import AppSession
from journal_app.core.checkins import (
    ATTRIBUTION,
    GAD7,
    GAD7_INSTRUMENT,
    PHQ9,
    PHQ9_INSTRUMENT,
    SCREENING_NOTE,
)
from journal_app.core.crisis import CRISIS_MESSAGE
from journal_app.core.records import CheckIn
from journal_app.storage.ui_prefs import UiPrefs
from journal_app.ui.controllers.checkins import CheckinsController
from tests.ui.conftest import ManualClock

PASSPHRASE = "quiet harbour maple 7"


@pytest.fixture
def session(clocked_session: AppSession) -> AppSession:
    return clocked_session


def stored(session: AppSession) -> list[CheckIn]:
    with session.work() as repo:
        return repo.all(CheckIn)


def test_gad7_form_saves_only_when_every_item_is_answered(session: AppSession) -> None:
    ctrl = CheckinsController.for_session(session)
    state = ctrl.state()
    assert state.selected == GAD7 and state.form.items == GAD7_INSTRUMENT.items
    assert state.form.stem == GAD7_INSTRUMENT.stem
    assert [label for _, label in state.form.options] == [
        "Not at all",
        "Several days",
        "More than half the days",
        "Nearly every day",
    ]
    assert state.form.attribution == ATTRIBUTION and state.note == SCREENING_NOTE
    assert not state.form.can_save and state.crisis is None
    for i in range(6):
        assert ctrl.answer(i, 1) is False
    assert not ctrl.form().can_save and ctrl.form().answered == 6
    ctrl.answer(6, 2)
    assert ctrl.form().can_save
    result = ctrl.save()
    assert (result.score, result.band_label) == (8, "Mild")
    state = ctrl.state()
    assert state.result is result and "not a diagnosis" in state.result.note
    assert "8 out of 21" in result.summary
    assert state.form.answered == 0  # a fresh form
    (past,) = state.history
    assert (past.name, past.score, past.band_label) == ("GAD-7", 8, "Mild")
    assert past.date_text == "10 Mar 2025"
    assert len(stored(session)) == 1


def test_crisis_resources_are_due_as_soon_as_item_9_is_above_zero(
    session: AppSession,
) -> None:
    session.save_prefs(UiPrefs(country="GB"))
    ctrl = CheckinsController.for_session(session)
    ctrl.select(PHQ9)
    assert ctrl.state().form.items == PHQ9_INSTRUMENT.items
    assert ctrl.answer(0, 1) is False
    assert ctrl.state().crisis is None
    # Item 9 answered above 0, with most items still unanswered and nothing saved.
    assert ctrl.answer(8, 1) is True
    state = ctrl.state()
    assert state.crisis is not None and not state.form.can_save
    assert state.crisis.message == CRISIS_MESSAGE
    assert state.crisis.lines[0] == CRISIS_MESSAGE
    assert state.crisis.emergency == "If you are in immediate danger, call 999 now."
    assert any(line.startswith("Samaritans: Call 116 123") for line in state.crisis.services)
    assert stored(session) == []
    # Changing the answer back does not fold the help away during this check-in.
    ctrl.answer(8, 0)
    assert ctrl.state().crisis is not None
    ctrl.select(GAD7)
    assert ctrl.state().crisis is not None
    ctrl.select(PHQ9)
    ctrl.answer(8, 2)
    for i in range(1, 8):
        ctrl.answer(i, 0)
    result = ctrl.save()
    assert result.crisis_due and result.score == 3
    after = ctrl.state()
    assert after.result is result and after.crisis is not None  # again after saving
    ctrl.start_again()
    assert ctrl.state().crisis is None and ctrl.state().result is None


def test_default_crisis_resources_without_a_country(
    session: AppSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A device that says nothing about where it is: no locale, a zone of no country.
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "JOURNAL_APP_COUNTRY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TZ", "Etc/UTC")
    ctrl = CheckinsController.for_session(session)
    ctrl.select(PHQ9)
    ctrl.answer(8, 3)
    crisis = ctrl.state().crisis
    assert crisis is not None
    assert (
        crisis.emergency == "If you are in immediate danger, call your local emergency number now."
    )


def test_answers_survive_a_rebuild_and_come_back_after_a_lock(session: AppSession) -> None:
    """The controller goes with the lock; the answers come back from their sealed draft
    (issue 27: a check-in in progress used to be thrown away)."""
    ctrl = CheckinsController.for_session(session)
    ctrl.answer(0, 3)
    assert CheckinsController.for_session(session).form().answers[0] == 3
    session.lock()
    assert session.screen_state == {}
    session.unlock(PASSPHRASE)
    again = CheckinsController.for_session(session)
    assert again is not ctrl and again.form().answers[:2] == (3, None)
    assert again.state().draft_restored


def test_history_trends_with_bands(session: AppSession, clock: ManualClock) -> None:
    ctrl = CheckinsController.for_session(session)
    for answers in ([2] * 7, [1] * 7, [0] * 7):
        for i, value in enumerate(answers):
            ctrl.answer(i, value)
        ctrl.save()
        clock.now += timedelta(days=14)
    ctrl.select(PHQ9)
    for i in range(9):
        ctrl.answer(i, 1 if i < 8 else 0)
    ctrl.save()
    state = ctrl.state()
    gad, phq = state.trends
    assert [p.score for p in gad.points] == [14, 7, 0]
    assert [b.label for b in gad.bands] == ["Minimal", "Mild", "Moderate", "Severe"]
    assert gad.max_score == 21 and "14 lower than your first" in gad.sentence
    assert [p.score for p in phq.points] == [8] and phq.max_score == 27
    assert [(p.name, p.score) for p in state.history] == [
        ("PHQ-9", 8),
        ("GAD-7", 0),
        ("GAD-7", 7),
        ("GAD-7", 14),
    ]
    assert state.history_total == 4


def test_long_history_is_shortened_until_asked(session: AppSession) -> None:
    with session.work() as repo:
        repo.add_many(
            CheckIn(
                id=f"c{i}",
                created_at=session.now() - timedelta(days=7 * i),
                instrument=GAD7,
                answers=[1] * 7,
                taken_at=session.now() - timedelta(days=7 * i),
            )
            for i in range(40)
        )
    ctrl = CheckinsController.for_session(session)
    state = ctrl.state()
    assert len(state.history) == 12 and state.history_total == 40
    (trend,) = state.trends
    assert len(trend.points) == 26 and trend.shown_from == 14
    ctrl.toggle_history()
    assert len(ctrl.state().history) == 40


def test_bad_answers_are_refused(session: AppSession) -> None:
    ctrl = CheckinsController.for_session(session)
    with pytest.raises(ValueError):
        ctrl.answer(7, 1)  # GAD-7 has 7 items
    with pytest.raises(ValueError):
        ctrl.answer(0, 4)
    with pytest.raises(ValueError):
        ctrl.select("bdi")


def test_scores_are_kept_between_visits_until_a_check_in_is_saved(
    session: AppSession, clock: ManualClock
) -> None:
    """Ten years are ~1,000 check-ins: they are scored once, not on every visit, and a new
    one shows at once."""
    ctrl = CheckinsController.for_session(session)
    for value in (1, 2):
        for i in range(7):
            ctrl.answer(i, value)
        ctrl.save()
        clock.now += timedelta(days=7)
    first = ctrl.state()
    again = ctrl.state()
    assert again.trends is first.trends  # the same summary, not worked out again
    assert again.history == first.history
    for i in range(7):
        ctrl.answer(i, 3)
    ctrl.save()
    after = ctrl.state()
    assert after.history_total == first.history_total + 1
    assert after.history[0].score == 21
    assert after.trends is not first.trends

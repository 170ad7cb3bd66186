"""Issue 29 on the Preferences screen: "How much does this matter?" is asked only of
criteria, and an older journal's importance on feelings, history or hopes is neither
shown nor kept. Over a real, encrypted journal; the screen is built as the app builds it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import flet as ft
import pytest

from journal_app.app.session import AppSession
from journal_app.core.profile import MUST
from journal_app.core.prompt_engine import stored_answers
from journal_app.core.records import PreferenceAnswer
from journal_app.ui.controllers.preferences import controller_for
from journal_app.ui.screens import preferences as preferences_screen
from tests.ui.screen_check import screen_context

PASSPHRASE = "quiet harbour maple 7"
ASKED = "How much does this matter to you?"


@pytest.fixture
def session(tmp_path: Path):
    s = AppSession(tmp_path / "j")
    s.create(PASSPHRASE, PASSPHRASE)
    yield s
    s.lock()


def words_in(control: object, seen: set[int] | None = None) -> list[str]:
    """Every text a person could see or hear in a built control tree."""
    seen = set() if seen is None else seen
    if id(control) in seen:
        return []
    seen.add(id(control))
    if isinstance(control, list | tuple):
        return [w for c in control for w in words_in(c, seen)]
    if not isinstance(control, ft.BaseControl):
        return []
    found = [
        v for n in ("value", "label", "text") if isinstance(v := getattr(control, n, None), str)
    ]
    for name in ("content", "controls", "title", "subtitle", "leading", "trailing"):
        found += words_in(getattr(control, name, None), seen)
    return found


def test_context_shows_no_importance_control_and_criteria_do(session: AppSession) -> None:
    ctx = screen_context(session, 1280)
    ctrl = controller_for(session)
    ctrl.open("therapy_before")
    ctrl.choose("once")
    ctrl.save()
    for prompt_id in ("past_modalities", "past_helped", "hopes", "worries", "nerves"):
        ctrl.open(prompt_id)
        assert ctrl.importance is None, prompt_id
        assert ASKED not in words_in(preferences_screen.build(ctx)), prompt_id
    for prompt_id in ("modality", "format", "budget", "insurance"):
        ctrl.open(prompt_id)
        assert ASKED in words_in(preferences_screen.build(ctx)), prompt_id


def test_an_older_journals_importance_on_history_is_not_shown(session: AppSession) -> None:
    when = datetime(2025, 1, 2, tzinfo=UTC)
    with session.work() as repo:
        for n, (prompt_id, value) in enumerate(
            [("therapy_before", "once"), ("past_modalities", ["cbt"])]
        ):
            repo.add(
                PreferenceAnswer(
                    id=f"old{n}", created_at=when, prompt_id=prompt_id, value=value, importance=MUST
                )
            )
    ctrl = controller_for(session)
    state = ctrl.profile_state()
    tried = next(i for i in state.answered if i.prompt_id == "past_modalities")
    assert tried.importance == "" and tried.answer == "CBT"
    assert not any("must-have" in line for line in state.summary)
    ctrl.open("past_modalities")
    assert ctrl.importance is None
    ctrl.save()  # saving it again leaves no importance behind
    with session.work() as repo:
        assert stored_answers(repo)["past_modalities"].importance is None


def test_a_scale_slider_is_named_by_its_meaning_and_its_label_follows(session: AppSession):
    """The slider's semantics and the words above it say "up to 30 minutes each way"."""
    ctx = screen_context(session, 390)
    ctrl = controller_for(session)
    ctrl.open("travel_time")
    ctrl.set_scale(30)
    words = words_in(preferences_screen.build(ctx))
    assert "Your answer: up to 30 minutes each way" in words
    assert "Longest I'd travel: up to 30 minutes each way" in words  # the slider's name
    assert ctrl.scale_text_at(1) == "up to 35 minutes each way"
    assert ctrl.scale_text_at(-1) == "up to 25 minutes each way"
    ctrl.step_scale(20)
    assert ctrl.value == 90 and ctrl.value_text() == "90 minutes or more"

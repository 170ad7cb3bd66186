"""The Preferences screen's controller over a real, encrypted journal: one prompt at a time,
answer, skip, back, resume, revisit, the profile, and nothing typed is lost on a refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal_app.app.session import AppSession
from journal_app.core.profile import DONT_MIND, MUST, NICE
from journal_app.core.prompt_engine import stored_answers
from journal_app.core.prompt_packs import MULTI, RANKING, SCALE, SINGLE, TEXT, parse_packs
from journal_app.ui.controllers.preferences import (
    ASK,
    PROFILE,
    PreferencesController,
    controller_for,
    default_scale_value,
    snap_scale,
)
from journal_app.ui.screens import preferences as preferences_screen
from tests.ui.screen_check import checked_tree, screen_context

PASSPHRASE = "quiet harbour maple 7"


@pytest.fixture
def session(tmp_path: Path):
    s = AppSession(tmp_path / "j")
    s.create(PASSPHRASE, PASSPHRASE)
    yield s
    s.lock()


def stored(session: AppSession) -> dict:
    with session.work() as repo:
        return stored_answers(repo)


def test_starts_at_the_first_prompt_with_progress(session: AppSession) -> None:
    ctrl = PreferencesController(session)
    state = ctrl.prompt_state()
    assert ctrl.mode == ASK and state is not None
    assert state.prompt.id == "concerns"
    assert state.counter == f"Question 1 of {state.total}" and state.total > 20
    assert state.fraction == 0
    assert not state.can_go_back and not state.answered_before
    assert state.pack_title == "What brings me here" and "no right or wrong" in state.pack_intro
    assert ctrl.value == [] and ctrl.importance == NICE


def test_answer_moves_on_and_back_shows_the_stored_answer(session: AppSession) -> None:
    ctrl = PreferencesController(session)
    assert ctrl.toggle("anxiety", True) and ctrl.toggle("sleep", True)
    ctrl.set_importance(MUST)
    assert ctrl.save() == []
    assert stored(session)["concerns"].value == ["anxiety", "sleep"]
    assert stored(session)["concerns"].importance == MUST
    state = ctrl.prompt_state()
    assert state is not None and state.prompt.id == "concerns_words"  # no branch chosen
    assert state.counter.startswith("Question 2 of ") and state.fraction > 0
    assert state.can_go_back and state.pack_intro == ""

    ctrl.back()
    state = ctrl.prompt_state()
    assert state is not None and state.prompt.id == "concerns" and state.answered_before
    assert ctrl.value == ["anxiety", "sleep"] and ctrl.importance == MUST


def test_a_branch_brings_its_follow_up_next(session: AppSession) -> None:
    ctrl = PreferencesController(session)
    ctrl.toggle("ocd", True)
    ctrl.save()
    assert ctrl.current is not None and ctrl.current.id == "ocd_erp"
    assert ctrl.current.note  # the gentle explanation is there to show
    ctrl.back()
    ctrl.toggle("ocd", False)
    ctrl.toggle("grief", True)
    ctrl.save()
    assert ctrl.current is not None and ctrl.current.id == "grief_words"


def test_skip_is_remembered_and_not_asked_again(session: AppSession) -> None:
    ctrl = PreferencesController(session)
    first = ctrl.current
    assert first is not None
    ctrl.skip()
    assert stored(session)["concerns"].value is None
    assert ctrl.current is not None and ctrl.current.id != "concerns"
    items = {i.prompt_id: i for i in ctrl.profile_state().answered}
    assert items["concerns"].skipped and items["concerns"].answer == "(skipped)"


def test_refused_answers_keep_the_draft(session: AppSession) -> None:
    ctrl = PreferencesController(session)
    assert ctrl.save() is None  # nothing ticked
    assert "at least one" in (ctrl.error or "")
    assert "concerns" not in stored(session)
    ctrl.toggle("anxiety", True)
    assert ctrl.error is None
    ctrl.save()

    assert ctrl.current is not None and ctrl.current.kind == TEXT
    ctrl.set_text("   ")
    assert ctrl.save() is None and "empty" in (ctrl.error or "")
    assert ctrl.current.id == "concerns_words" and ctrl.value == "   "
    ctrl.set_text("Work has been *a lot*.")
    ctrl.toggle_preview()
    assert ctrl.preview
    ctrl.save()
    assert stored(session)["concerns_words"].value == "Work has been *a lot*."
    assert stored(session)["concerns_words"].importance is None  # a free note

    # a single choice with nothing picked is not a skip
    ctrl.open("therapy_before")
    assert ctrl.current is not None and ctrl.current.kind == SINGLE and ctrl.value is None
    assert ctrl.save() is None and "choose one" in (ctrl.error or "")
    assert "therapy_before" not in stored(session)


def test_resume_where_they_left_off(session: AppSession) -> None:
    ctrl = PreferencesController(session)
    ctrl.toggle("anxiety", True)
    ctrl.save()
    ctrl.skip()  # concerns_words
    where = ctrl.current
    assert where is not None
    again = PreferencesController(session)  # e.g. after the app was closed and reopened
    assert again.current is not None and again.current.id == where.id
    assert again.mode == ASK


def test_controller_lives_as_long_as_the_open_journal(session: AppSession) -> None:
    ctrl = controller_for(session)
    ctrl.toggle("anxiety", True)
    assert controller_for(session) is ctrl  # a screen rebuild keeps the draft
    session.lock()
    session.unlock(PASSPHRASE)
    fresh = controller_for(session)
    assert fresh is not ctrl and fresh.value == []  # nothing lingers past a lock


def test_scale_ranking_and_single_inputs(session: AppSession) -> None:
    ctrl = PreferencesController(session)
    ctrl.open("budget")
    assert ctrl.current is not None and ctrl.current.kind == SCALE
    assert ctrl.value == default_scale_value(ctrl.current) == 150
    ctrl.set_scale(121.7)
    assert ctrl.value == 120 and ctrl.value_text() == "up to 120"
    ctrl.set_scale(999)
    assert ctrl.value == 300
    ctrl.set_importance(MUST)
    ctrl.save()
    assert stored(session)["budget"].value == 300

    ctrl.open("travel_time")
    assert ctrl.current is not None
    ctrl.set_scale(33)
    assert ctrl.value_text() == "up to 35 minutes each way"

    ctrl.open("style_priorities")
    assert ctrl.current is not None and ctrl.current.kind == RANKING
    first, second = ctrl.value[:2]
    ctrl.move(second, -1)
    assert ctrl.value[:2] == [second, first]
    ctrl.move(second, -1)  # already at the top: stays
    assert ctrl.value[0] == second
    last = ctrl.value[-1]
    ctrl.move(last, 1)
    assert ctrl.value[-1] == last
    ctrl.save()
    assert stored(session)["style_priorities"].value[0] == second

    ctrl.open("therapy_before")
    ctrl.choose("never")
    ctrl.save()
    assert stored(session)["therapy_before"].value == "never"
    assert stored(session)["therapy_before"].importance is None  # a gating question


def test_calming_exercise_shown_for_a_choice_that_names_one(session: AppSession) -> None:
    ctrl = PreferencesController(session)
    ctrl.open("calm_offer")
    assert ctrl.exercise_for_choice() is None
    ctrl.choose("paced_breathing")
    exercise = ctrl.exercise_for_choice()
    assert exercise is not None and exercise.numbered_steps()[0].startswith("1. ")
    ctrl.choose("not_now")
    assert ctrl.exercise_for_choice() is None


def test_profile_summary_and_revisit_to_change(session: AppSession) -> None:
    ctrl = PreferencesController(session)
    ctrl.toggle("anxiety", True)
    ctrl.set_importance(MUST)
    ctrl.save()
    ctrl.set_text("Hard to sleep before calls.")
    ctrl.save()
    ctrl.show_profile()
    assert ctrl.mode == PROFILE
    state = ctrl.profile_state()
    assert state.summary == ["What I'd like help with: Anxiety, worry or panic (must-have)"]
    assert state.notes == {"What's been happening, in my words": "Hard to sleep before calls."}
    assert not state.complete and state.remaining > 0
    assert [i.prompt_id for i in state.answered] == ["concerns", "concerns_words"]
    assert state.answered[0].importance == "must-have"

    ctrl.open("concerns")
    assert ctrl.mode == ASK and ctrl.value == ["anxiety"]
    ctrl.toggle("low_mood", True)
    ctrl.set_importance(DONT_MIND)
    ctrl.save()
    assert stored(session)["concerns"].value == ["anxiety", "low_mood"]
    assert ctrl.profile_state().summary == []  # don't-mind is not a must or a nice

    ctrl.continue_questions()
    assert ctrl.mode == ASK and ctrl.current is not None
    assert ctrl.current.id not in ("concerns", "concerns_words")


def test_finishing_celebrates_and_shows_the_profile(session: AppSession) -> None:
    ctrl = PreferencesController(session)
    ctrl.toggle("anxiety", True)
    celebrations = ctrl.save()
    seen = list(celebrations or [])
    while ctrl.current is not None:
        seen += ctrl.skip()
    assert ctrl.mode == PROFILE and ctrl.finished
    assert ctrl.prompt_state() is None
    assert [c.key for c in seen] == ["clarify_preferences"]
    assert ctrl.profile_state().complete
    ctrl.continue_questions()  # nothing left: stays on the profile
    assert ctrl.mode == PROFILE


PACK = """
[pack]
id = "tiny"
title = "Tiny"

[[prompts]]
id = "pick_two"
kind = "multi"
text = "Pick up to two"
max_choices = 2
dimension = "format"
role = "criterion"
choices = [
  { id = "a", label = "A" },
  { id = "b", label = "B" },
  { id = "c", label = "C" },
]
"""


def test_max_choices_is_respected(session: AppSession) -> None:
    packs = parse_packs([("pack_tiny.toml", PACK)])
    ctrl = PreferencesController(session, packs=packs, exercises=())
    assert ctrl.current is not None and ctrl.current.kind == MULTI
    assert ctrl.toggle("a", True) and ctrl.toggle("b", True)
    assert ctrl.at_max_choices()
    assert not ctrl.toggle("c", True)
    assert "up to 2" in (ctrl.error or "") and ctrl.value == ["a", "b"]
    assert ctrl.toggle("a", False) and ctrl.toggle("c", True)
    assert ctrl.value == ["b", "c"]


def test_snap_scale_keeps_fractional_steps() -> None:
    packs = parse_packs(
        [
            (
                "pack_s.toml",
                '[pack]\nid = "s"\ntitle = "S"\n\n[[prompts]]\nid = "half"\nkind = "scale"\n'
                'text = "Half steps"\nmin = 0\nmax = 2\nstep = 0.5\nmin_label = "lo"\n'
                'max_label = "hi"\n',
            )
        ]
    )
    prompt = packs[0].prompts[0]
    assert snap_scale(prompt, 1.3) == 1.5
    assert default_scale_value(prompt) == 1.0


# --- the view, built from controller state (no browser) -------------------------------------
# Flet checks a control's values only when it is sent to the client, where a mistake takes
# the whole app down; building the screen here and running the same checks catches that.


@pytest.mark.parametrize("width", [390, 1280])
def test_every_kind_of_prompt_and_the_profile_render(session: AppSession, width: int) -> None:
    ctx = screen_context(session, width)
    ctrl = controller_for(session)
    assert checked_tree(preferences_screen.build(ctx)) > 20  # concerns: multi, with intro
    for prompt_id in ("ocd_erp", "concerns_words", "style_priorities", "budget", "calm_offer"):
        ctrl.open(prompt_id)
        if prompt_id == "calm_offer":
            ctrl.choose("grounding")  # shows the exercise's steps
        if prompt_id == "concerns_words":
            ctrl.set_text("**hello**")
            ctrl.toggle_preview()
        assert checked_tree(preferences_screen.build(ctx)) > 10, prompt_id
    ctrl.save()
    ctrl.show_profile()
    assert checked_tree(preferences_screen.build(ctx)) > 5

"""The person's Markdown is drawn by one renderer on every screen (never raw ** or #),
and the app's own notes are plain words (no backticks shown as backticks)."""

from __future__ import annotations

import flet as ft
import pytest

from journal_app.app.profile import packs
from journal_app.app.session import AppSession
from journal_app.core.prompt_engine import answer_prompt
from journal_app.ui.screens import review as review_screen
from journal_app.ui.screens import share as share_screen
from journal_app.ui.screens.share_done import FINGERPRINT_NOTE
from tests.ui.screen_check import checked_tree, screen_context
from tests.ui.test_small_screen_fixes import controls

NOTE = "1986. was hard.\n\n## Big things\n\n- work and **panic**"


def _texts(tree: object) -> list[str]:
    return [str(c.value) for c in controls(tree) if isinstance(c, ft.Text) and c.value]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_review_draws_the_persons_notes_as_markdown(
    clocked_session: AppSession, width: int
) -> None:
    with clocked_session.work() as repo:
        answer_prompt(repo, packs(), "concerns_words", NOTE, record_id="p1",
                      now=clocked_session.now())  # fmt: skip
    screen = review_screen.build(screen_context(clocked_session, width))
    checked_tree(screen)
    shown = [c for c in controls(screen) if isinstance(c, ft.Markdown)]
    assert any("**panic**" in c.value and "## Big things" in c.value for c in shown)
    raw = [t for t in _texts(screen) if "**" in t or t.lstrip().startswith("#")]
    assert raw == []


def test_the_fingerprint_note_is_plain_words() -> None:
    assert "`" not in FINGERPRINT_NOTE
    assert "journal-app open-bundle" in FINGERPRINT_NOTE


@pytest.mark.parametrize("width", [390, 1280])
def test_the_share_screen_asks_for_a_name_that_is_optional(
    clocked_session: AppSession, width: int
) -> None:
    screen = share_screen.build(screen_context(clocked_session, width))
    checked_tree(screen)
    [box] = [
        c
        for c in controls(screen)
        if isinstance(c, ft.TextField) and c.label == "Your name on the copy (optional)"
    ]
    assert box.value == "" and "only" in str(box.helper)

"""Two small things people hit on the Journal and Goals screens, checked on built screens.

The screens are built from a real session (a real vault in a temp folder), as the app
builds them, and searched like a tree; Flet's own checks run on every control.
"""

from __future__ import annotations

from datetime import timedelta

import flet as ft
import pytest

from journal_app.app.session import AppSession
from journal_app.ui.controllers.goals import GoalsController
from journal_app.ui.controllers.journal import controller_for
from journal_app.ui.screens import goals as goals_screen
from journal_app.ui.screens import journal as journal_screen
from tests.ui.screen_check import checked_tree, controls, screen_context


def buttons_saying(tree: object, words: str) -> list[ft.TextButton]:
    return [c for c in controls(tree) if isinstance(c, ft.TextButton) and c.content == words]


@pytest.mark.parametrize("width", [390, 1280])
def test_back_to_now_shows_only_once_the_entry_is_back_dated(
    clocked_session: AppSession, width: int
) -> None:
    ctx = screen_context(clocked_session, width)
    controller_for(clocked_session).open_writing()  # a phone opens on the entries
    screen = journal_screen.build(ctx)
    checked_tree(screen)
    assert [b.visible for b in buttons_saying(screen, "Back to now")] == [False]
    assert buttons_saying(screen, "Now") == []  # the old, puzzling label
    controller_for(clocked_session).set_when(clocked_session.today() - timedelta(days=1))
    screen = journal_screen.build(ctx)
    checked_tree(screen)
    assert [b.visible for b in buttons_saying(screen, "Back to now")] == [True]
    controller_for(clocked_session).set_when(None)
    assert [b.visible for b in buttons_saying(journal_screen.build(ctx), "Back to now")] == [False]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_rename_box_takes_the_cards_whole_width(
    clocked_session: AppSession, width: int
) -> None:
    ctrl = GoalsController.for_session(clocked_session)
    ctrl.set_draft("title", "Call two clinics this week")
    goal = ctrl.add_goal()
    ctrl.start_renaming(goal.id)
    screen = goals_screen.build(screen_context(clocked_session, width))
    checked_tree(screen)
    boxes = [
        c
        for c in controls(screen)
        if isinstance(c, ft.TextField) and c.value == "Call two clinics this week"
    ]
    assert len(boxes) == 1
    [column] = [c for c in controls(screen) if isinstance(c, ft.Column) and boxes[0] in c.controls]
    assert column.expand and column.horizontal_alignment == ft.CrossAxisAlignment.STRETCH
    # Nothing beside it (Delete comes back with the title), and it reads: box, Save, Cancel.
    [row] = [c for c in controls(screen) if isinstance(c, ft.Row) and column in c.controls]
    assert row.controls == [column]

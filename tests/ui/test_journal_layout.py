"""The Journal laid out for the window: the form beside the entries when wide; on a phone
the entries first, "New entry" at the top, the form one tap away and back again.

Built from a real controller over a real, encrypted journal; the buttons are pressed by
calling the handlers Flet would call."""

from __future__ import annotations

import dataclasses

import flet as ft

from journal_app.app.session import AppSession
from journal_app.ui.controllers.drafts import BANNER_TITLE
from journal_app.ui.controllers.journal import controller_for
from journal_app.ui.screens import journal as journal_screen
from tests.ui.conftest import UI_PASSPHRASE
from tests.ui.screen_check import checked_tree, controls, screen_context

WRITING = "What's on your mind?"


def built(session: AppSession, width: int, refreshed: list[int] | None = None) -> ft.Control:
    """The screen at ``width``; each ``ctx.refresh`` the screen asks for is noted."""
    ctx = screen_context(session, width)
    if refreshed is not None:
        ctx = dataclasses.replace(ctx, refresh=lambda: refreshed.append(1))
    tree = journal_screen.build(ctx)
    assert checked_tree(tree) > 10
    return tree


def field(tree: object, label: str) -> list[ft.TextField]:
    return [c for c in controls(tree) if isinstance(c, ft.TextField) and c.label == label]


def button(tree: object, words: str) -> ft.Control:
    [found] = [
        c
        for c in controls(tree)
        if type(c).__name__.endswith("Button") and getattr(c, "content", None) == words
    ]
    return found


def panes(tree: object) -> list[ft.Row]:
    """Rows of two panes sharing the width (the form's three parts to the list's two)."""
    return [
        c
        for c in controls(tree)
        if isinstance(c, ft.Row) and [getattr(x, "expand", None) for x in c.controls] == [3, 2]
    ]


def press(control: ft.Control) -> None:
    control.on_click(None)  # type: ignore[attr-defined]


def test_a_phone_opens_on_the_entries_with_new_entry_first(clocked_session: AppSession) -> None:
    ctrl = controller_for(clocked_session)
    ctrl.set_text("An earlier day.")
    assert ctrl.save() is not None
    refreshed: list[int] = []
    tree = built(clocked_session, 390, refreshed)
    assert field(tree, WRITING) == [] and field(tree, "Search entries")
    new = button(tree, "New entry")
    # First on the screen after the heading and its line: the next tap writes.
    assert tree.controls.index(new) == 3, [type(c).__name__ for c in tree.controls]  # type: ignore[attr-defined]
    press(new)
    assert refreshed and ctrl.writing and ctrl.focus == "writing"
    tree = built(clocked_session, 390)
    assert field(tree, WRITING) and field(tree, "Search entries") == []
    press(button(tree, "Back to entries"))
    assert not ctrl.writing and field(built(clocked_session, 390), WRITING) == []


def test_going_back_keeps_the_words_and_says_so(clocked_session: AppSession) -> None:
    ctrl = controller_for(clocked_session)
    ctrl.open_writing()
    ctrl.set_text("Half a thought")
    ctrl.back_to_entries()
    tree = built(clocked_session, 390)
    press(button(tree, "Continue your entry"))
    assert [f.value for f in field(built(clocked_session, 390), WRITING)] == ["Half a thought"]


def test_saving_on_a_phone_goes_back_to_the_entries_showing_it(
    clocked_session: AppSession,
) -> None:
    ctrl = controller_for(clocked_session)
    ctrl.open_writing()
    ctrl.set_text("Rang the clinic.")
    assert ctrl.save() is not None
    tree = built(clocked_session, 390)
    words = [getattr(c, "value", None) for c in controls(tree)]
    assert any(isinstance(w, str) and w.startswith("Saved.") for w in words), words
    assert button(tree, "Edit entry") and field(tree, WRITING) == []


def test_editing_on_a_phone_opens_the_form_and_cancel_returns(
    clocked_session: AppSession,
) -> None:
    ctrl = controller_for(clocked_session)
    ctrl.set_text("To change later.")
    entry = ctrl.save()
    assert entry is not None
    refreshed: list[int] = []
    press(button(built(clocked_session, 390, refreshed), "Edit entry"))
    assert refreshed and ctrl.writing and ctrl.editing_id == entry.id
    tree = built(clocked_session, 390, refreshed)
    assert [f.value for f in field(tree, WRITING)] == ["To change later."]
    press(button(tree, "Cancel editing"))
    assert not ctrl.writing and ctrl.editing_id is None


def test_a_draft_kept_from_before_the_lock_opens_the_form_on_a_phone(
    clocked_session: AppSession,
) -> None:
    ctrl = controller_for(clocked_session)
    ctrl.set_text("Not finished when it locked.")
    clocked_session.keep_drafts(due_only=False)
    clocked_session.lock()
    clocked_session.unlock(UI_PASSPHRASE)
    assert controller_for(clocked_session).writing
    tree = built(clocked_session, 390)
    texts = [getattr(c, "value", None) for c in controls(tree)]
    assert BANNER_TITLE in texts and field(tree, WRITING)


def test_wide_shows_the_form_beside_the_entries(clocked_session: AppSession) -> None:
    tree = built(clocked_session, 1280)
    [row] = panes(tree)
    left, right = row.controls
    assert field(left, WRITING) and field(left, "Search entries") == []
    assert field(right, "Search entries") and field(right, WRITING) == []


def test_between_phone_and_wide_one_column_form_first(clocked_session: AppSession) -> None:
    tree = built(clocked_session, 800)
    assert panes(tree) == []
    order = [c for c in controls(tree) if isinstance(c, ft.TextField)]
    assert [f.label for f in order][0] == WRITING and field(tree, "Search entries")


def test_the_filters_wait_behind_more_filters_unless_in_use(clocked_session: AppSession) -> None:
    """The menus are the costliest controls to draw: sent once asked for, or once in use."""
    ctrl = controller_for(clocked_session)
    tree = built(clocked_session, 1280)
    assert not [c for c in controls(tree) if isinstance(c, ft.Dropdown) and c.label == "Tag"]
    assert button(tree, "More filters").visible
    ctrl.toggle_filters()
    tree = built(clocked_session, 1280)
    assert [c for c in controls(tree) if isinstance(c, ft.Dropdown) and c.label == "Tag"]
    assert button(tree, "Fewer filters").visible
    ctrl.toggle_filters()
    ctrl.set_tag("calls")  # in use: in sight, and no way to fold it away until cleared
    tree = built(clocked_session, 1280)
    assert [c for c in controls(tree) if isinstance(c, ft.Dropdown) and c.value == "calls"]
    assert not button(tree, "Fewer filters").visible
    ctrl.clear_filters()
    assert not ctrl.filters_shown

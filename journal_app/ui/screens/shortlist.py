"""Shortlist: therapists to consider, best fit first, each fit explained in words.

The screen draws ``ShortlistController`` state and forwards events; after an action the
column is refilled in place (the scroll position stays) and reached milestones are
celebrated. On a wide window the list is a pane of names beside the one therapist opened
(or the side-by-side comparison, or the form to add someone), each pane scrolling alone.
"""

from __future__ import annotations

import flet as ft

from journal_app.ui.context import ScreenContext, ScreenSpec
from journal_app.ui.controllers.shortlist import (
    COMPARISON,
    ShortlistController,
    ShortlistState,
)
from journal_app.ui.panes import side_by_side
from journal_app.ui.screens.shortlist_card import CandidateParts
from journal_app.ui.screens.shortlist_compare import compare_hint, comparison_card
from journal_app.ui.screens.shortlist_list import pick_list
from journal_app.ui.widgets import (
    body,
    first_focusable,
    heading,
    icon_note,
    muted,
    screen_column,
)


class ShortlistView(CandidateParts):
    def __init__(self, ctx: ScreenContext) -> None:
        self.ctx = ctx
        self.ctrl = ShortlistController.for_session(ctx.session)
        self.wide = ctx.panes
        self.column = screen_column([])  # the whole screen; on a wide window, the list
        self.opened = screen_column([])  # on a wide window: what is open beside the list
        self.root: ft.Control = (
            side_by_side(self.column, self.opened, ctx.active) if self.wide else self.column
        )
        self.top_parts = 0  # how many of the column's parts come before the people

    def fill(self, update: bool = True) -> None:
        state = self.ctrl.state()
        if self.wide:
            self.column.controls = self.list_parts(state)
            self.opened.controls = self.opened_parts(state)
        else:
            self.column.controls = self.parts(state)
        if update:
            self.root.update()

    # --- the screen -------------------------------------------------------------------------

    def parts(self, state: ShortlistState) -> list[ft.Control]:
        """One column: the introduction, the form, the comparison, then everyone."""
        out = self.intro_parts(state)
        out.append(self.add_form(state))
        if len(state.cards) >= 2:
            out.append(muted(compare_hint(len(state.compared))))
        if state.comparison is not None:
            out.append(comparison_card(state.comparison))
        self.top_parts = len(out)  # the people on the list follow (below_fold)
        out.extend(self.candidate(c, state) for c in state.cards)
        return out

    def list_parts(self, state: ShortlistState) -> list[ft.Control]:
        """The wide window's list pane: the introduction, "Add a therapist", and a line
        for each person (and the comparison) that opens it beside the list."""
        out = self.intro_parts(state)
        if not state.form_open:
            out.append(self.add_form(state))
        if len(state.cards) >= 2:
            out.append(muted(compare_hint(len(state.compared), beside=True)))
        out.append(pick_list(state, self.open_one))
        return out

    def opened_parts(self, state: ShortlistState) -> list[ft.Control]:
        """The wide window's other pane: the form while adding someone, then the one
        opened from the list (the best fit until another is chosen; after the lock, the
        one whose form was being written)."""
        out = [self.add_form(state)] if state.form_open else []
        if state.opened == COMPARISON and state.comparison is not None:
            return [*out, comparison_card(state.comparison)]
        return out + [self.candidate(c, state) for c in state.cards if c.id == state.opened]

    def open_one(self, key: str) -> None:
        """A line of the list was chosen: show it beside the list, and focus its first
        control (the list is redrawn, so focus would be lost anyway): a keyboard or
        screen reader user lands on what they opened."""
        self.ctrl.open(key)
        self.fill()
        target = first_focusable(self.opened)
        if target is not None:
            self.ctx.focus(target)

    def intro_parts(self, state: ShortlistState) -> list[ft.Control]:
        out: list[ft.Control] = [heading("Shortlist")]
        if state.cards:
            out.append(
                muted(
                    "Best fit first, measured against what you said matters to you. "
                    "It's a starting point for thinking, not a verdict."
                )
            )
        else:
            out.append(body("Nobody on your shortlist yet. Add anyone you've heard of."))
        if state.nudge:
            out.append(icon_note(ft.Icons.LIGHTBULB_OUTLINE, state.nudge))
        if state.cards and not state.has_profile:
            out.append(
                ft.Row(
                    [
                        muted("Tell the app what matters to you and each fit will explain itself."),
                        ft.TextButton(
                            content="My preferences",
                            on_click=lambda _: self.ctx.go("preferences"),
                        ),
                    ],
                    wrap=True,
                )
            )
        return out


def build(ctx: ScreenContext) -> ft.Control:
    view = ShortlistView(ctx)
    view.fill(update=False)
    if not view.wide:  # two panes send one therapist, not everyone: nothing to hold back
        ctx.below_fold(view.column, view.top_parts)
    return view.root


SCREEN = ScreenSpec(
    key="shortlist",
    title="Shortlist",
    icon=ft.Icons.PEOPLE_OUTLINED,
    selected_icon=ft.Icons.PEOPLE,
    build=build,
    in_bottom_bar=True,  # on a phone the shortlist is one tap away, not under "More"
)

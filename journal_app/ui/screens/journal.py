"""Journal: write how the search is going, try a coping exercise, and find past entries.

How the parts are laid out for the window: wide, the form beside the entries (two panes);
on a phone, the entries first with "New entry" at the top, the form one tap away and
"Back to entries" from it; between the two, the form above the entries. The parts are
built in ``journal_editor``, ``journal_list`` and ``journal_filters``.
"""

from __future__ import annotations

import flet as ft

from journal_app.ui.context import ScreenContext, ScreenSpec
from journal_app.ui.controllers.journal import JournalController, controller_for
from journal_app.ui.focus_group import focus_group
from journal_app.ui.screens.journal_editor import Editor, saved_banner
from journal_app.ui.screens.journal_filters import Filters
from journal_app.ui.screens.journal_list import EntryList
from journal_app.ui.widgets import (
    fields_card,
    heading,
    muted,
    primary,
    screen_column,
    secondary,
    subheading,
)

__all__ = ["SCREEN", "build"]

INTRO = "A private place to put the search into words. Only you can read it."
PANE_GAP = 16


class Entries:
    """ "Your entries": the search and filters above the list, in one card."""

    def __init__(self, ctx: ScreenContext, ctrl: JournalController, focus: str | None) -> None:
        self.list = EntryList(ctx, ctrl, focus_saved=focus == "saved")
        self.filters = Filters(ctx, ctrl, self.list.redraw, narrow=ctx.narrow)
        self.narrow = ctx.narrow

    def card(self) -> ft.Control:
        filters = self.filters
        if self.narrow:  # the count and "Clear" one under the other, on a phone
            status: ft.Control = ft.Column(
                [self.list.count, filters.clear],
                spacing=0,
                horizontal_alignment=ft.CrossAxisAlignment.START,
            )
        else:
            status = ft.Row(
                [ft.Container(self.list.count, expand=True), filters.clear],
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            )
        return fields_card(
            subheading("Your entries"),
            *filters.controls(),
            status,
            self.list.rows,
        )

    def after_save(self, focus: str | None) -> None:
        """Show the entry saved; a new tag or feeling joins the menus."""
        self.list.after_save(focus)
        self.filters.options_changed()


def build(ctx: ScreenContext) -> ft.Control:
    ctrl = controller_for(ctx.session)
    ctrl.reload()  # another screen (an import, say) may have added entries
    focus = ctrl.take_focus()
    if ctx.narrow:
        return _phone_form(ctx, ctrl, focus) if ctrl.writing else _phone_entries(ctx, ctrl, focus)
    return _form_and_entries(ctx, ctrl, focus)


def _form_and_entries(ctx: ScreenContext, ctrl: JournalController, focus: str | None) -> ft.Control:
    """The form and the entries at once: side by side when wide, else one above the other.

    The form comes first (on the left), so arriving puts the cursor where the person writes
    and Tab reaches the writing before the list. Side by side, each is a focus group: Tab
    goes through the whole form, then the whole list, not line by line across both."""
    entries = Entries(ctx, ctrl, focus)
    form = ft.Container()

    def draw(focus: str | None) -> None:
        form.content = Editor(ctx, ctrl, after_save=saved, redraw=redraw).build(focus)

    def saved() -> None:
        """A save redraws the form and the list in place, not the whole screen: the
        filters and the search stay as they were, and Flutter rebuilds less (the save
        took 300-370 ms at ten years when the screen was sent again)."""
        focus = ctrl.take_focus()
        draw(focus)
        form.update()
        entries.after_save(focus)
        ctx.changed()

    def redraw() -> None:
        """The form alone, drawn again (the draft banner's Keep going, Discard, Undo)."""
        draw(ctrl.take_focus())
        form.update()

    draw(focus)
    top: list[ft.Control] = [heading("Journal"), muted(INTRO)]
    if not ctx.panes:
        return screen_column([*top, form, entries.card(), month_at_a_glance(ctx)])
    panes = ft.Row(
        [
            ft.Container(focus_group(form), expand=3),
            ft.Container(focus_group(entries.card()), expand=2),
        ],
        spacing=PANE_GAP,
        vertical_alignment=ft.CrossAxisAlignment.START,
    )
    return screen_column([*top, panes, month_at_a_glance(ctx)])


def _phone_entries(ctx: ScreenContext, ctrl: JournalController, focus: str | None) -> ft.Control:
    """A phone opens on what was written, with "New entry" at the top, a tap from writing."""
    entries = Entries(ctx, ctrl, focus)

    def write(_: object) -> None:
        ctrl.open_writing()
        ctx.refresh()

    parts: list[ft.Control] = [heading("Journal"), muted(INTRO)]
    notice = ctrl.notice  # just saved: said here, where the person now looks
    if notice:
        parts.append(saved_banner(notice))
    parts += [
        primary(_write_words(ctrl), write, icon=ft.Icons.EDIT),
        entries.card(),
        month_at_a_glance(ctx),
    ]
    return screen_column(parts)


def month_at_a_glance(ctx: ScreenContext) -> ft.Control:
    """The way to the month view: below both panes on a wide window, so Tab meets it
    after the form and the list (each pane one unit in the Tab order: ``focus_group``),
    and the writing stays the first stop."""
    return ft.Row(
        [secondary("Month at a glance", lambda _: ctx.go("month"), icon=ft.Icons.CALENDAR_MONTH)]
    )


def _write_words(ctrl: JournalController) -> str:
    """ "New entry", or, with words left in the form, going back to them."""
    if ctrl.editing_id is not None:
        return "Continue editing"
    return "Continue your entry" if ctrl.has_writing else "New entry"


def _phone_form(ctx: ScreenContext, ctrl: JournalController, focus: str | None) -> ft.Control:
    """The form with the screen to itself; saving or "Back to entries" returns to the list."""
    form = ft.Container()

    def back() -> None:
        ctrl.back_to_entries()
        ctx.refresh()

    def draw(focus: str | None) -> None:
        editor = Editor(ctx, ctrl, after_save=ctx.refresh, redraw=redraw, back=back)
        form.content = editor.build(focus)

    def redraw() -> None:
        draw(ctrl.take_focus())
        form.update()

    draw(focus)
    return screen_column([heading("Journal"), form])


SCREEN = ScreenSpec(
    key="journal",
    title="Journal",
    icon=ft.Icons.EDIT_NOTE_OUTLINED,
    selected_icon=ft.Icons.EDIT_NOTE,
    build=build,
    prepare=lambda session: controller_for(session).prepare(),
    in_bottom_bar=True,
)

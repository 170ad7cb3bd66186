"""The Journal's entries: a page of rows, newest first, each opening in place.

Only the first page is sent (``PAGE_SIZE`` rows, then "Show more"): each row costs Flet's
diff and Flutter's layout on arrival, and ten years hold 3,650 of them.
"""

from __future__ import annotations

from typing import Any

import flet as ft

from journal_app.core.records import Entry
from journal_app.ui.context import ScreenContext
from journal_app.ui.controllers.journal import (
    JournalController,
    coping_line,
    entry_date,
    entry_meta,
    first_lines,
)
from journal_app.ui.widgets import muted, own_markdown, secondary, undo_snackbar


class EntryList:
    """The count ("Newest 5 of 3,650") and the rows, redrawn in place when they change;
    opening an entry to edit it rebuilds the screen (the form shows it)."""

    def __init__(self, ctx: ScreenContext, ctrl: JournalController, *, focus_saved: bool) -> None:
        self.ctx = ctx
        self.ctrl = ctrl
        self.rows = ft.Column(spacing=4)
        self.count = muted("")
        self._drawn: Any = None  # what the rows show now, to skip needless redraws
        self._focus_saved = focus_saved  # the next fill focuses on the entry just saved
        self.fill()

    def fill(self) -> bool:
        """Set the count and the rows; False when the rows would be the same as shown."""
        ctrl = self.ctrl
        self.count.value = ctrl.count_text()
        visible = ctrl.visible()
        shown = (tuple((e.id, e.updated_at) for e in visible), ctrl.expanded_id, ctrl.has_more)
        if shown == self._drawn:
            return False  # typing that finds the same entries: nothing to send
        saved = ctrl.expanded_id if self._focus_saved else None
        self._focus_saved = False
        self._drawn = shown
        rows: list[ft.Control] = [self.tile(e, just_saved=e.id == saved) for e in visible]
        if ctrl.has_more:
            rows.append(
                ft.Container(
                    secondary("Show more", self.more, icon=ft.Icons.EXPAND_MORE),
                    alignment=ft.Alignment.CENTER,
                    padding=8,
                )
            )
        self.rows.controls = rows
        return True

    def redraw(self) -> None:
        if self.fill():
            self.rows.update()
        self.count.update()

    def after_save(self, focus: str | None) -> None:
        """A save happened: show it (focus on it when ``focus`` is "saved")."""
        self._focus_saved = focus == "saved"
        self.redraw()

    def more(self, _: Any) -> None:
        self.ctrl.show_more()
        self.redraw()

    # --- one entry -------------------------------------------------------------------------

    def tile(self, entry: Entry, *, just_saved: bool = False) -> ft.Control:
        """A folded row (date, meta, first lines), or the whole entry with Edit and Delete."""
        expanded = self.ctrl.expanded_id == entry.id

        def toggle(_: Any) -> None:
            self.ctrl.toggle_expanded(entry.id)
            self.redraw()

        tile = ft.ListTile(
            title=ft.Text(entry_date(entry), weight=ft.FontWeight.W_600),
            subtitle=tile_subtitle(entry, expanded),
            trailing=ft.Icons.EXPAND_LESS if expanded else ft.Icons.EXPAND_MORE,  # no Icon control
            on_click=toggle,
            content_padding=ft.Padding.only(left=8, right=8),
        )
        if not expanded:
            return ft.Container(tile, border=ft.Border.only(bottom=hairline()))
        return ft.Container(
            ft.Column(
                [tile, ft.Container(self.details(entry, just_saved), padding=ft.Padding.all(12))],
                spacing=0,
            ),
            bgcolor=ft.Colors.SURFACE_CONTAINER_LOW,
            border_radius=8,
        )

    def details(self, entry: Entry, just_saved: bool) -> ft.Control:
        """An opened entry: its writing, the exercise tried, and Edit and Delete."""
        parts: list[ft.Control] = [own_markdown(entry.text)]
        tried = coping_line(entry)
        if tried:
            parts.append(muted(tried))
        edit_button = secondary(
            "Edit entry", lambda _: self.edit(entry), icon=ft.Icons.EDIT_OUTLINED
        )
        if just_saved:  # focus on the entry just saved: the new content, after the toast
            self.ctx.focus(edit_button)
        parts.append(
            ft.Row(
                [
                    edit_button,
                    ft.TextButton(
                        content="Delete entry",
                        icon=ft.Icons.DELETE_OUTLINE,
                        on_click=lambda _: self.delete(entry),
                        style=ft.ButtonStyle(color=ft.Colors.ERROR),
                    ),
                ],
                wrap=True,
                spacing=8,
            )
        )
        return ft.Column(parts, spacing=8)

    def edit(self, entry: Entry) -> None:
        self.ctrl.start_edit(entry.id)
        self.ctx.refresh()

    def delete(self, entry: Entry) -> None:
        """Delete at once and offer Undo, rather than asking first."""
        ctx, ctrl = self.ctx, self.ctrl
        was_editing = ctrl.editing_id == entry.id
        try:
            ctrl.delete(entry.id)
        except Exception as exc:  # noqa: BLE001 - told plainly
            ctx.show_error(exc)
            return
        ctrl.take_notice()
        if was_editing:
            ctx.refresh()  # the form held this entry: start it afresh
        else:
            self.redraw()  # stay where the person was in the list
        undo_snackbar(ctx.page, f"Deleted the entry from {entry_date(entry)}.", self.undo_delete)

    def undo_delete(self) -> None:
        try:
            self.ctrl.undo_delete()
        except Exception as exc:  # noqa: BLE001 - told plainly
            self.ctx.show_error(exc)
            return
        self.ctrl.take_notice()
        self.redraw()
        self.ctx.toast("The entry is back.")


def tile_subtitle(entry: Entry, expanded: bool) -> ft.Text | None:
    """The tile's second line: its tags and feelings, then (folded) its first lines.

    One Text with a span rather than a Column of two Texts: every control sent costs
    Flet's diff and Flutter's rebuild, and the list has a row per entry shown.
    """
    meta = entry_meta(entry)
    preview = "" if expanded else first_lines(entry.text)
    if not meta and not preview:
        return None
    if not meta:
        return ft.Text(preview, size=14, max_lines=2)
    if not preview:
        return ft.Text(meta, size=13, color=ft.Colors.PRIMARY)
    return ft.Text(
        meta,
        size=13,
        color=ft.Colors.PRIMARY,
        max_lines=3,  # the meta line and two lines of the entry
        spans=[
            ft.TextSpan(
                "\n" + preview,
                style=ft.TextStyle(size=14, color=ft.Colors.ON_SURFACE_VARIANT, height=1.35),
            )
        ],
    )


def hairline() -> ft.BorderSide:
    return ft.BorderSide(1, ft.Colors.OUTLINE_VARIANT)

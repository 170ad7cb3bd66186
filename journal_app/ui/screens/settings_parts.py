"""Small parts the Settings screen's cards share: a message line and a field's width."""

from __future__ import annotations

import flet as ft

from journal_app.ui.context import ScreenContext

FIELD_WIDTH = 420


def message_text() -> ft.Text:
    """A line under a card's fields that says what happened (hidden while empty)."""
    return ft.Text("", size=14, visible=False)


def say(control: ft.Text, message: str, *, error: bool = False) -> None:
    control.value = message
    control.color = ft.Colors.ERROR if error else ft.Colors.PRIMARY
    control.visible = bool(message)
    control.update()


def sized(ctx: ScreenContext, control: ft.LayoutControl) -> ft.Control:
    """A comfortable width on a wide window; the full width on a phone, never cut off."""
    if ctx.narrow:
        control.expand = True
        return ft.Row([control])
    control.width = FIELD_WIDTH
    return control


def sized_row(ctx: ScreenContext, control: ft.LayoutControl) -> ft.Control:
    """``sized`` for a card that stretches its parts (``fields_card``): in a row of its
    own, so a field keeps its width instead of the card's."""
    made = sized(ctx, control)
    return made if ctx.narrow else ft.Row([made])

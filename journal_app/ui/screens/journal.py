"""Journal screen (placeholder until its issue work lands)."""

from __future__ import annotations

import flet as ft

from journal_app.ui.context import ScreenContext, ScreenSpec
from journal_app.ui.widgets import body, heading, screen_column


def build(ctx: ScreenContext) -> ft.Control:
    return screen_column([heading("Journal"), body("This part of the app is on its way.")])


SCREEN = ScreenSpec(
    key="journal",
    title="Journal",
    icon=ft.Icons.EDIT_NOTE_OUTLINED,
    selected_icon=ft.Icons.EDIT_NOTE,
    build=build,
    in_bottom_bar=True,
)

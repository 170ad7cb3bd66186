"""Check-ins screen (placeholder until its issue work lands)."""

from __future__ import annotations

import flet as ft

from journal_app.ui.context import ScreenContext, ScreenSpec
from journal_app.ui.widgets import body, heading, screen_column


def build(ctx: ScreenContext) -> ft.Control:
    return screen_column([heading("Check-ins"), body("This part of the app is on its way.")])


SCREEN = ScreenSpec(
    key="checkins",
    title="Check-ins",
    icon=ft.Icons.CHECKLIST_OUTLINED,
    selected_icon=ft.Icons.CHECKLIST,
    build=build,
    in_bottom_bar=True,
)

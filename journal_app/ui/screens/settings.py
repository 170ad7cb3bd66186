"""Settings screen (placeholder until its issue work lands)."""

from __future__ import annotations

import flet as ft

from journal_app.ui.context import ScreenContext, ScreenSpec
from journal_app.ui.widgets import body, heading, screen_column


def build(ctx: ScreenContext) -> ft.Control:
    return screen_column([heading("Settings"), body("This part of the app is on its way.")])


SCREEN = ScreenSpec(
    key="settings",
    title="Settings",
    icon=ft.Icons.SETTINGS_OUTLINED,
    selected_icon=ft.Icons.SETTINGS,
    build=build,
    in_bottom_bar=False,
)

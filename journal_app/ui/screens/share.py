"""Share screen (placeholder until its issue work lands)."""

from __future__ import annotations

import flet as ft

from journal_app.ui.context import ScreenContext, ScreenSpec
from journal_app.ui.widgets import body, heading, screen_column


def build(ctx: ScreenContext) -> ft.Control:
    return screen_column([heading("Share"), body("This part of the app is on its way.")])


SCREEN = ScreenSpec(
    key="share",
    title="Share",
    icon=ft.Icons.IOS_SHARE_OUTLINED,
    selected_icon=ft.Icons.IOS_SHARE,
    build=build,
    in_bottom_bar=False,
)

"""The wide window's navigation: every screen down the left, "Lock now" at its foot.

A rail beside the screen rather than tabs above it, so a wide window gives its height to
the screen and the way to every other screen stays in view however far the screen is
scrolled (the screen scrolls in its own area; see ``Shell._new_frame``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import flet as ft

from journal_app.ui.context import ScreenSpec
from journal_app.ui.focus_group import focus_group

RAIL_WIDTH = 112  # px: wide enough for "Preferences" and the "Lock now" button at its foot


def nav_rail(
    screens: Sequence[ScreenSpec],
    current: str,
    choose: Callable[[int], None],
    lock_now: Callable[[], None],
) -> tuple[ft.Control, ft.NavigationRail]:
    """Every screen as a labelled destination, the current one marked, "Lock now" last.

    Labels always show: an icon alone leaves a person guessing, and the label is each
    destination's accessible name. The rail scrolls on its own only if the window is too
    short for it (a wide but low window), never with the screen.

    Returns the rail as one unit in the Tab order (``focus_group``: every destination and
    "Lock now" before the screen beside it, seen in Chromium), and the rail itself (to
    mark the current screen later).
    """
    keys = [s.key for s in screens]
    # A text button, not an icon one: it is named by its words and Tab reaches it.
    lock = ft.TextButton(content="Lock now", icon=ft.Icons.LOCK, on_click=lambda _: lock_now())
    rail = ft.NavigationRail(
        destinations=[
            ft.NavigationRailDestination(icon=s.icon, selected_icon=s.selected_icon, label=s.title)
            for s in screens
        ],
        selected_index=keys.index(current) if current in keys else None,
        label_type=ft.NavigationRailLabelType.ALL,
        on_change=lambda e: choose(e.control.selected_index),
        trailing=ft.Container(lock, padding=ft.Padding.only(top=8, bottom=8)),
        min_width=RAIL_WIDTH,
        group_alignment=-1,
        scrollable=True,
    )
    return focus_group(rail), rail

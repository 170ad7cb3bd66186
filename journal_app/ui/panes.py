"""Two panes side by side on a wide window: a list, and the item opened from it.

Each pane scrolls on its own, so a long list never pushes the open item out of view,
and scrolling either counts as the person being there (auto-lock waits), as the whole
screen's scrolling does (see ``Shell.render``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from journal_app.ui.focus_group import focus_group

LIST_PANE_WIDTH = 380  # px: a name, a line of fit and a status without wrapping much
SCROLL_EVENT_MS = 1000  # scrolling reports itself at most once a second (it only counts)


def side_by_side(
    list_pane: ft.Column, open_pane: ft.Column, active: Callable[[Any], None]
) -> ft.Row:
    """``list_pane`` at a fixed width on the left, ``open_pane`` taking the rest, each
    one unit in the Tab order (``focus_group``): every line of the list, then the open
    item, never the two taken line by line across the window."""
    for pane in (list_pane, open_pane):
        pane.on_scroll = active
        pane.scroll_interval = SCROLL_EVENT_MS
    return ft.Row(
        [
            ft.Container(focus_group(list_pane), width=LIST_PANE_WIDTH),
            ft.VerticalDivider(width=1),
            ft.Container(focus_group(open_pane), expand=True),
        ],
        spacing=16,
        expand=True,
        vertical_alignment=ft.CrossAxisAlignment.STRETCH,
    )


def columns(parts: list[ft.Control]) -> ft.ResponsiveRow:
    """Cards two to a row on a wide window (charts, results), each taking half; below
    768 px of its own width the row puts them one under another. Reading order stays
    left to right, then down."""
    return ft.ResponsiveRow(
        [ft.Container(p, col={"xs": 12, "md": 6}) for p in parts],
        spacing=14,
        run_spacing=14,
        vertical_alignment=ft.CrossAxisAlignment.START,
    )

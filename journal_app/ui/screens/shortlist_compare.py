"""The therapists ticked for "Compare", side by side: a row per criterion, in words."""

from __future__ import annotations

import flet as ft

from journal_app.core.shortlist import MET, MISSED
from journal_app.ui.controllers.shortlist import (
    ComparisonView,
)
from journal_app.ui.screens.shortlist_card import REASON_ICONS, UNKNOWN_ICON
from journal_app.ui.screens.shortlist_form import stretch_card
from journal_app.ui.widgets import (
    body,
    muted,
    subheading,
)

CELL_ICONS = {
    "met": REASON_ICONS[MET],
    "missed": REASON_ICONS[MISSED],
    "asked": (ft.Icons.QUESTION_ANSWER_OUTLINED, ft.Colors.ON_SURFACE_VARIANT),
    "not known": UNKNOWN_ICON,
}


def compare_hint(ticked: int, *, beside: bool = False) -> str:
    """What the Compare boxes do, and how many more to tick. ``beside``: on a wide
    window the comparison opens from the list rather than showing below it."""
    if ticked >= 2 and beside:
        return f"Comparing {ticked}: open “Side by side” in the list (up to 4)."
    if ticked >= 2:
        return f"Comparing {ticked} side by side below (up to 4)."
    more = "two" if ticked == 0 else "one more"
    return f"Tick “Compare” on {more} to see them side by side (up to 4)."


def comparison_card(view: ComparisonView) -> ft.Control:
    """The ticked therapists side by side: a row per criterion, must-haves first, each
    cell naming the therapist and met / missed / asked / not known in words."""
    n = len(view.names)
    parts: list[ft.Control] = [
        subheading("Side by side", level=2),
        muted("Must-haves first. “Asked” means the question is on your list for them."),
    ]
    if not view.rows:
        parts.append(body("Add what matters to you in your preferences to compare."))
    for label, importance, cells in view.rows:
        row: list[ft.Control] = [
            ft.Text(f"{label} ({importance})", weight=ft.FontWeight.BOLD, col={"md": 4})
        ]
        for name, cell in zip(view.names, cells, strict=True):
            icon, color = CELL_ICONS[cell]
            row.append(
                ft.Row(
                    [
                        ft.Icon(icon, size=16, color=color),
                        ft.Text(f"{name}: {cell}", size=14, expand=True),
                    ],
                    spacing=4,
                    col={"xs": 6, "md": max(2, 8 // n)},
                )
            )
        parts.append(ft.ResponsiveRow(row, run_spacing=4))
        parts.append(ft.Divider(height=4))
    return ft.Semantics(container=True, label="Side by side", content=stretch_card(parts))

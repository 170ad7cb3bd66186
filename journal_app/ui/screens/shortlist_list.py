"""The wide window's list of therapists: one line each, opening them beside the list."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from journal_app.ui.controllers.shortlist import COMPARISON, CandidateCard, ShortlistState
from journal_app.ui.screens.shortlist_card import headline


def pick_list(state: ShortlistState, open_one: Callable[[str], None]) -> ft.Control:
    """Each therapist, best fit first, as a line naming them, their fit and status; the
    comparison first when two or more are ticked. The open one says so in words (and
    in bold, with an arrow), not by colour alone."""

    def line(key: str, title: str, summary: str) -> ft.ListTile:
        chosen = key == state.opened
        return ft.ListTile(
            title=ft.Text(title, weight=ft.FontWeight.BOLD if chosen else None),
            subtitle=ft.Text(f"{summary} Shown beside this list." if chosen else summary, size=13),
            selected=chosen,
            trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT) if chosen else None,
            on_click=lambda _: open_one(key),
        )

    lines: list[ft.Control] = []
    if state.comparison is not None:
        names = ", ".join(state.comparison.names)
        lines.append(line(COMPARISON, "Side by side", f"Comparing {names}"))
    lines.extend(line(c.id, c.name, _summary(c)) for c in state.cards)
    return ft.Column(lines, spacing=2)


def _summary(c: CandidateCard) -> str:
    """The fit's headline and where things stand with them."""
    return f"{headline(c.sentence) if c.reasons else c.sentence} {c.status_label}."

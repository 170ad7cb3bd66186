"""The banner on a form brought back from a draft: "You were writing this — keep going,
or discard", and the drafts waiting on other screens.

One look for every form (an entry, a goal, a therapist, a question, a check-in). It is a
live region with a heading, so a screen reader reads it and can jump to it; just after
unlocking, the newest draft's banner also takes the keyboard focus (on "Keep going") and
is announced, since a panel that arrives with a whole screen is not reliably read out.
What the buttons do is the screen's controller's; the banner only draws and forwards.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from journal_app.ui.context import ScreenContext
from journal_app.ui.controllers.drafts import DraftsController, WaitingDraft, banner_words
from journal_app.ui.widgets import announce, subheading, undo_snackbar

KEEP_GOING = "Keep going"
DISCARD = "Discard"


def draft_banner(
    ctx: ScreenContext,
    form: str,
    *,
    on_keep: Callable[[], object],
    on_discard: Callable[[], object],
) -> ft.Control:
    """The banner for ``form``'s draft: its heading and sentence, "Keep going" and
    "Discard", then a button for each draft waiting on another screen."""
    title, text = banner_words(form)
    ink = ft.Colors.ON_SECONDARY_CONTAINER
    drafts = DraftsController.for_session(ctx.session)
    keep = ft.FilledButton(
        content=KEEP_GOING, icon=ft.Icons.EDIT_OUTLINED, on_click=lambda _: on_keep()
    )
    discard = ft.OutlinedButton(
        content=DISCARD,
        icon=ft.Icons.DELETE_OUTLINE,
        on_click=lambda _: on_discard(),
        style=ft.ButtonStyle(color=ink),
    )
    parts: list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(ft.Icons.RESTORE, color=ink),
                ft.Container(subheading(title, size=16, color=ink), expand=True),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
        ),
        ft.Text(text, size=14, color=ink),
        ft.Row([keep, discard], wrap=True, spacing=10, run_spacing=8),
    ]
    others = drafts.others(form)
    if others:
        parts.append(ft.Text(_also_words(others), size=14, color=ink))
        parts.append(
            ft.Row(
                [_go_button(ctx, waiting, ink) for waiting in others],
                wrap=True,
                spacing=4,
                run_spacing=0,
            )
        )
    if drafts.take_arrival(form):  # just unlocked, and this is the newest draft
        ctx.focus(keep)
        said = f"{title}. {text}" + (f" {_also_words(others)}" if others else "")
        ctx.page.run_task(announce, said, polite=True)
    return ft.Semantics(
        container=True,
        live_region=True,
        content=ft.Container(
            ft.Column(parts, spacing=8),
            bgcolor=ft.Colors.SECONDARY_CONTAINER,
            border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
            border_radius=12,
            padding=14,
        ),
    )


def guarded_banner(
    ctx: ScreenContext,
    form: str,
    *,
    keep: Callable[[], object],
    discard: Callable[[], object],
    undo: Callable[[], object],
    redraw: Callable[[], None] | None = None,
) -> ft.Control:
    """``draft_banner`` over a controller's three actions, each told plainly when it fails
    and followed by a redraw (the screen's own, else a refresh); Discard offers Undo."""
    after = redraw or ctx.refresh

    def act(action: Callable[[], object]) -> bool:
        try:
            action()
        except Exception as exc:  # noqa: BLE001 - told plainly
            ctx.show_error(exc)
            return False
        after()
        return True

    def on_discard() -> None:
        if act(discard):
            offer_undo(ctx, lambda: act(undo))

    return draft_banner(ctx, form, on_keep=lambda: act(keep), on_discard=on_discard)


def _also_words(others: list[WaitingDraft]) -> str:
    if len(others) == 1:
        return "Also kept for you: 1 more draft, on another screen."
    return f"Also kept for you: {len(others)} more drafts, on other screens."


def _go_button(ctx: ScreenContext, waiting: WaitingDraft, ink: str) -> ft.Control:
    return ft.TextButton(
        content=waiting.link,
        icon=ft.Icons.ARROW_FORWARD,
        on_click=lambda _: ctx.go(waiting.screen),
        style=ft.ButtonStyle(color=ink),
    )


def offer_undo(ctx: ScreenContext, undo: Callable[[], Any]) -> None:
    """After "Discard": say so, with an Undo (the app's way: no "Are you sure?")."""
    undo_snackbar(ctx.page, "The draft was discarded.", lambda: undo())

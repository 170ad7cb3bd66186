"""The one-tap "Change country" beside the crisis resources: a short list to pick from.

A person abroad, or on a borrowed phone, must be able to put the right numbers on screen
without finding Settings first. Picking saves the choice (the same preference Settings
shows) and the caller redraws the helplines.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from journal_app.ui.context import ScreenContext
from journal_app.ui.controllers.crisis_country import country_choices, save_country


def open_country_picker(ctx: ScreenContext, after: Callable[[], None]) -> None:
    """Show the choices; a pick is saved at once, the dialog closes and ``after`` runs."""
    current = ctx.session.prefs.country

    def picked(e: ft.ControlEvent) -> None:
        try:
            save_country(ctx.session, e.control.value)
        except Exception as exc:
            ctx.show_error(exc)
            return
        ctx.page.pop_dialog()
        after()

    choices = ft.RadioGroup(
        value=current,
        on_change=picked,
        content=ft.Column(
            [ft.Radio(value=code, label=name) for code, name in country_choices()],
            tight=True,
            scroll=ft.ScrollMode.AUTO,
        ),
    )
    ctx.page.show_dialog(
        ft.AlertDialog(
            title=ft.Text("Whose helplines to show?"),
            content=choices,
            actions=[ft.TextButton(content="Cancel", on_click=lambda _: ctx.page.pop_dialog())],
        )
    )

"""The one button that opens the breathing exercise, from Home or from a journal entry.

Kept apart from the exercise's screen so the screens holding the button import nothing
of it (the exercise's screen borrows the Journal's rating slider).
"""

from __future__ import annotations

from typing import Any

import flet as ft

from journal_app.ui.context import ScreenContext
from journal_app.ui.controllers.breathing import BreathingController
from journal_app.ui.widgets import secondary

BREATHING = "breathing"  # the exercise's screen key (see ui/screens/breathing.py)


def breathing_button(ctx: ScreenContext, origin: str) -> ft.Control:
    """ "Start a breathing exercise": opens the exercise, which comes back to ``origin``
    ("home" or "journal") when it is over."""

    def start(_: Any) -> None:
        BreathingController.for_session(ctx.session).open(origin)
        ctx.go(BREATHING)

    return secondary("Start a breathing exercise", start, icon=ft.Icons.AIR)

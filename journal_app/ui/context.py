"""What every screen is handed: the session, navigation, and the shell's shared helpers.

Screens build Flet controls from their controller's state and send events back to it;
they never hold rules of their own. The shell fills this in (see ``shell.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import flet as ft

from journal_app.app.session import AppSession
from journal_app.core.goals import Celebration
from journal_app.ui.keys import KeyHandler
from journal_app.ui.layout import has_panes, is_phone


@dataclass
class ScreenContext:
    page: ft.Page
    session: AppSession
    go: Callable[[str], None]  # show another screen by key
    refresh: Callable[[], None]  # rebuild the current screen from fresh state
    toast: Callable[[str], None]  # a short message at the bottom
    confirm: Callable[[str, str, str, Callable[[], None]], None]  # title, body, yes-label, on_yes
    celebrate: Callable[[list[Celebration]], None]  # a warm dialog, once per milestone
    run_busy: Callable[[str, Callable[[], Any], Callable[[Any], object]], None]  # long work
    show_error: Callable[[BaseException], None]  # a plain message for any failure
    # Keyboard focus to this control once it is on screen (see Shell.focus). Screens
    # decide which control from their controller's state; the shell does the moving.
    focus: Callable[[ft.Control], None] = lambda _control: None
    # A screen changed the journal without being rebuilt (it redrew a part in place):
    # the shell then prepares the other screens for it in the background.
    changed: Callable[[], None] = lambda: None
    # On arriving at a long screen: send only the column's first N parts now and the rest
    # just after (see ``below_fold``). Outside the shell the whole column stays.
    below_fold: Callable[[ft.Column, int], None] = lambda _column, _keep: None
    # An event handler for a field's on_focus (and the like): the person is there, so
    # auto-lock waits; it sends nothing to the browser (see Shell.active).
    active: Callable[[Any], None] = lambda _event: None
    # A screen that gives keys a meaning (Esc, arrows) hands its handler over while it is
    # built; it answers them while that screen is shown (see ``keys.KeyRoute``).
    keys: Callable[[KeyHandler], None] = lambda _handler: None

    @property
    def narrow(self) -> bool:
        """Phone-sized window: one column, bottom navigation."""
        return is_phone(self.page.width)

    @property
    def panes(self) -> bool:
        """Wide enough for two panes side by side (see ``layout``)."""
        return has_panes(self.page.width)


@dataclass(frozen=True)
class ScreenSpec:
    key: str
    title: str
    icon: ft.IconData
    selected_icon: ft.IconData
    build: Callable[[ScreenContext], ft.Control]
    in_bottom_bar: bool = False
    # Work out, off the UI thread just after unlocking, what the screen keeps per journal
    # revision (its summaries), so the first visit does not wait for it. No Flet here.
    prepare: Callable[[AppSession], None] | None = None
    # The widest a wide window shows this screen (px), for screens read as text: lines
    # much longer than ~80 characters are hard to follow. None: the screen uses the whole
    # width, in panes or columns of its own (see ``ScreenContext.panes``).
    max_width: int | None = None

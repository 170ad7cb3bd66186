"""The app's frame: lock screen, adaptive navigation, and the helpers screens share.

Wide windows get a navigation rail with every screen; phone widths get a bottom bar with
the four most used and a "More" list for the rest, so nothing is cut off at 390 px.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import Callable
from typing import Any

import flet as ft

from journal_app import APP_NAME
from journal_app.app.session import UNLOCKED, AppSession, SessionLocked
from journal_app.core.goals import Celebration
from journal_app.ui import palette
from journal_app.ui.context import ScreenContext, ScreenSpec
from journal_app.ui.screens import (
    checkins,
    goals,
    home,
    journal,
    preferences,
    review,
    settings,
    share,
    shortlist,
)
from journal_app.ui.screens.lock import build_lock

SCREENS: tuple[ScreenSpec, ...] = (
    home.SCREEN,
    preferences.SCREEN,
    journal.SCREEN,
    goals.SCREEN,
    shortlist.SCREEN,
    checkins.SCREEN,
    review.SCREEN,
    share.SCREEN,
    settings.SCREEN,
)
BY_KEY = {s.key: s for s in SCREENS}
NARROW = 700
AUTO_LOCK_POLL_SECONDS = 10


# Shipped fonts for scripts the offline web client has no glyphs for (see assets/fonts).
FONTS = {
    "Noto Sans Hebrew": "fonts/NotoSansHebrew-Regular.ttf",
    "Noto Sans Arabic": "fonts/NotoSansArabic-Regular.ttf",
}
TEXT_STYLES = [f.name for f in dataclasses.fields(ft.TextTheme)]


def app_theme(*, dark: bool = False) -> ft.Theme:
    """Calm teal, with every text style falling back to the shipped fonts.

    The colours that carry text are the palette's, not derived at run time, so a test
    can check their contrast (see ``palette``). A text theme replaces Flutter's default
    one, colours included, so each style names the scheme's on-surface colour: without
    it dark mode draws dark text on dark.
    """
    colours = palette.DARK if dark else palette.LIGHT
    fallback = ft.TextStyle(font_family_fallback=list(FONTS), color=ft.Colors.ON_SURFACE)
    return ft.Theme(
        color_scheme_seed=ft.Colors.TEAL,
        color_scheme=ft.ColorScheme(**colours),
        text_theme=ft.TextTheme(**{name: fallback for name in TEXT_STYLES}),
    )


def theme_mode(name: str) -> ft.ThemeMode:
    return {"light": ft.ThemeMode.LIGHT, "dark": ft.ThemeMode.DARK}.get(name, ft.ThemeMode.SYSTEM)


class Shell:
    """Owns the page: shows the lock screen or the current screen with navigation."""

    def __init__(self, page: ft.Page, session: AppSession) -> None:
        self.page = page
        self.session = session
        self.current = "home"
        self.warned = False  # the auto-lock notice is showing for this quiet spell
        self.ctx = ScreenContext(
            page=page,
            session=session,
            go=self.go,
            refresh=self.render,
            toast=self.toast,
            confirm=self.confirm,
            celebrate=self.celebrate,
            run_busy=self.run_busy,
            show_error=self.show_error,
        )

    # --- frame ---------------------------------------------------------------------------

    def start(self) -> None:
        page = self.page
        page.title = APP_NAME
        page.fonts = FONTS
        page.theme = app_theme()
        page.dark_theme = app_theme(dark=True)
        page.theme_mode = theme_mode(self.session.prefs.theme)
        page.padding = 0
        page.on_resize = lambda _: self.render()
        page.on_disconnect = lambda _: self._lock_quietly()
        page.on_close = lambda _: self._lock_quietly()
        page.run_task(self._auto_lock_loop)
        self.render()

    def render(self) -> None:
        page = self.page
        page.controls.clear()
        page.navigation_bar = None
        if self.session.state != UNLOCKED:
            page.add(build_lock(page, self.session, self._opened, self.show_error))
            page.update()
            return
        try:
            content = BY_KEY[self.current].build(self.ctx)
        except SessionLocked:
            self.render_locked()
            return
        except Exception as exc:  # a screen failed: say so plainly, keep navigation
            content = ft.Column([ft.Text(f"Something went wrong here: {exc}")])
        width = None if self._narrow() else 820
        body = ft.Container(
            ft.Container(content, width=width),
            padding=16,
            expand=True,
            alignment=ft.Alignment.TOP_LEFT,
        )
        if self._narrow():
            page.navigation_bar = self._bottom_bar()
            page.add(ft.SafeArea(ft.Column([self._phone_lock(), body], spacing=0), expand=True))
        else:
            page.add(ft.Row([self._rail(), ft.VerticalDivider(width=1), body], expand=True))
        page.update()

    def _narrow(self) -> bool:
        return (self.page.width or 1280) < NARROW

    def _rail(self) -> ft.NavigationRail:
        return ft.NavigationRail(
            selected_index=[s.key for s in SCREENS].index(self.current),
            label_type=ft.NavigationRailLabelType.ALL,
            destinations=[
                ft.NavigationRailDestination(
                    icon=s.icon, selected_icon=s.selected_icon, label=s.title
                )
                for s in SCREENS
            ],
            # A text button, not an icon one: it is named by its words and Tab reaches it.
            trailing=ft.TextButton(
                content="Lock now", icon=ft.Icons.LOCK, on_click=lambda _: self.lock_now()
            ),
            on_change=lambda e: self.go(SCREENS[e.control.selected_index].key),
            scrollable=True,
        )

    def _bottom_bar(self) -> ft.NavigationBar:
        bar = [s for s in SCREENS if s.in_bottom_bar]
        keys = [s.key for s in bar]
        selected = keys.index(self.current) if self.current in keys else len(bar)
        destinations = [
            ft.NavigationBarDestination(icon=s.icon, selected_icon=s.selected_icon, label=s.title)
            for s in bar
        ]
        destinations.append(ft.NavigationBarDestination(icon=ft.Icons.MORE_HORIZ, label="More"))

        def changed(e: ft.ControlEvent) -> None:
            index = e.control.selected_index
            if index < len(bar):
                self.go(bar[index].key)
            else:
                self.show_more()

        return ft.NavigationBar(
            destinations=destinations, selected_index=selected, on_change=changed
        )

    def _phone_lock(self) -> ft.Control:
        """On a phone, locking is one tap from every screen, not inside "More"."""
        return ft.Row(
            [
                ft.TextButton(
                    content="Lock now", icon=ft.Icons.LOCK, on_click=lambda _: self.lock_now()
                )
            ],
            alignment=ft.MainAxisAlignment.END,
        )

    def show_more(self) -> None:
        """The screens that don't fit in the bottom bar, as a simple list."""
        others = [s for s in SCREENS if not s.in_bottom_bar]

        def pick(key: str) -> Callable[[Any], None]:
            def handler(_: Any) -> None:
                self.page.pop_dialog()
                self.go(key)

            return handler

        tiles = [
            ft.ListTile(leading=ft.Icon(s.icon), title=ft.Text(s.title), on_click=pick(s.key))
            for s in others
        ]
        tiles.append(
            ft.ListTile(
                leading=ft.Icon(ft.Icons.LOCK),
                title=ft.Text("Lock now"),
                on_click=lambda _: (self.page.pop_dialog(), self.lock_now()),
            )
        )
        self.page.show_dialog(
            ft.AlertDialog(title=ft.Text("More"), content=ft.Column(tiles, tight=True))
        )

    # --- navigation and locking ------------------------------------------------------------

    def go(self, key: str) -> None:
        self.session.touch()
        self.current = key if key in BY_KEY else "home"
        self.render()

    def _opened(self) -> None:
        """Unlocked: back to the screen the person was on when it locked."""
        self.render()

    def lock_now(self) -> None:
        self.session.lock()
        self.render_locked()

    def _lock_quietly(self) -> None:
        """The tab went away: lock, and leave the lock screen for whoever reconnects."""
        self.session.lock()
        with contextlib.suppress(Exception):  # the connection is gone; fine
            self.render_locked()

    def render_locked(self) -> None:
        """The lock screen; ``current`` is kept so unlocking returns there."""
        self.warned = False
        self.render()

    async def _auto_lock_loop(self) -> None:
        while True:
            await asyncio.sleep(AUTO_LOCK_POLL_SECONDS)
            if self.session.should_auto_lock():
                self.session.lock()
                self.render_locked()
                self.toast("Locked after a quiet spell, to keep your journal private.")
            elif self.session.auto_lock_warning_due():
                self.warn_before_lock()
            else:
                self.warned = False

    def warn_before_lock(self) -> None:
        """A notice (read out: a snack bar is a live region) with a button to stay."""
        if self.warned:
            return
        self.warned = True
        left = self.session.seconds_until_auto_lock() or 0

        def stay(_: Any) -> None:
            self.session.touch()
            self.warned = False

        self.page.show_dialog(
            ft.SnackBar(
                ft.Text(f"Still there? Locking in {left} s to keep your journal private."),
                action="Stay unlocked",
                on_action=stay,
                duration=ft.Duration(seconds=left),
                persist=False,
            )
        )

    # --- shared helpers --------------------------------------------------------------------

    def toast(self, message: str) -> None:
        self.page.show_dialog(ft.SnackBar(ft.Text(message)))

    def show_error(self, exc: BaseException) -> None:
        if isinstance(exc, SessionLocked):
            self.render_locked()
            return
        self.toast(str(exc) or "Something went wrong. Nothing was lost.")

    def confirm(self, title: str, text: str, yes: str, on_yes: Callable[[], None]) -> None:
        def close(_: Any) -> None:
            self.page.pop_dialog()

        def accept(_: Any) -> None:
            self.page.pop_dialog()
            on_yes()

        self.page.show_dialog(
            ft.AlertDialog(
                modal=True,
                title=ft.Text(title),
                content=ft.Text(text),
                actions=[
                    ft.TextButton(content="Cancel", on_click=close, tooltip="Cancel"),
                    ft.FilledButton(content=yes, on_click=accept, tooltip=yes),
                ],
            )
        )

    def celebrate(self, celebrations: list[Celebration]) -> None:
        if not celebrations:
            return
        lines = [ft.Text(c.message, size=16) for c in celebrations]
        self.page.show_dialog(
            ft.AlertDialog(
                title=ft.Text("Well done"),
                content=ft.Column(lines, tight=True),
                actions=[
                    ft.FilledButton(
                        content="Thank you",
                        tooltip="Thank you",
                        on_click=lambda _: self.page.pop_dialog(),
                    )
                ],
            )
        )

    def run_busy(self, label: str, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Run slow work off the UI thread with a visible progress indicator."""
        dialog = ft.AlertDialog(
            modal=True,
            content=ft.Row([ft.ProgressRing(width=28, height=28), ft.Text(label)], tight=True),
        )
        self.page.show_dialog(dialog)

        async def runner() -> None:
            try:
                result = await asyncio.to_thread(work)
            except Exception as exc:
                self.page.pop_dialog()
                self.show_error(exc)
                return
            self.page.pop_dialog()
            done(result)

        self.page.run_task(runner)

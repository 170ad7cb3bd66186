"""The app's frame: lock screen, adaptive navigation, and the helpers screens share.

Wide windows get a navigation rail down the left with every screen and "Lock now" at its
foot; phone widths get a bottom bar with the four most used and a "More" list for the
rest, so nothing is cut off at 390 px. Either way the navigation stays put: the screen
scrolls in its own area beside (or above) it, never the whole window.

Keyboard order: the rail is one focus group (see ``rail.nav_rail`` for how), so Tab goes
through every destination and "Lock now" before it enters the screen beside it, and
Shift+Tab from the screen's first control goes back to "Lock now" (checked in Chromium,
tests/e2e/test_app_a11y.py). One limit, from Flutter ordering Tab by position and Flet
1.0 having no way to make the screen a focus group too: once the screen is scrolled
down, Tab from its last control wraps to its first (scrolled above the rail's top)
rather than to the rail; Shift+Tab from there reaches the rail.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import dataclasses
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import flet as ft

from journal_app import APP_NAME
from journal_app.app.session import UNLOCKED, AppSession, SessionLocked
from journal_app.core.goals import Celebration
from journal_app.ui import palette
from journal_app.ui.below_fold import BelowFold, Held
from journal_app.ui.context import ScreenContext, ScreenSpec
from journal_app.ui.controllers.drafts import DraftsController
from journal_app.ui.files import native_mobile
from journal_app.ui.keys import KeyPress, KeyRoute
from journal_app.ui.layout import is_phone
from journal_app.ui.panes import SCROLL_EVENT_MS
from journal_app.ui.rail import RAIL_WIDTH, nav_rail
from journal_app.ui.screens import (
    breathing,
    checkins,
    goals,
    home,
    journal,
    month,
    preferences,
    review,
    settings,
    share,
    shortlist,
)
from journal_app.ui.screens.lock import build_lock
from journal_app.ui.warming import ScreenWarmer
from journal_app.ui.widgets import first_focusable

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
# Screens reached from another screen's button, not from the navigation (the month, the
# breathing exercise): the navigation keeps marking where the person came from.
ELSEWHERE: tuple[ScreenSpec, ...] = (month.SCREEN, breathing.SCREEN)
BY_KEY = {s.key: s for s in SCREENS + ELSEWHERE}
TINY = 360  # CSS px: too narrow for the bottom bar's words
# Flutter shows no tooltip for an empty message (see Shell._bottom_bar for why none).
NO_TOOLTIP = ""
AUTO_LOCK_POLL_SECONDS = 10
WATCH_SECONDS = 2  # how often the app looks for another device's (or a command's) change
QUIET_BEFORE_REDRAW = timedelta(seconds=4)  # never redraw under someone typing
WARNED_POLL_SECONDS = 1  # while "Still there?" shows: typing takes it away within a second
# How often changed forms are looked at: a draft is written within DRAFT_DELAY_SECONDS +
# this (+ the write, milliseconds) of the last keystroke; the issue allows 2 seconds.
DRAFT_POLL_SECONDS = 0.25
WARM_UP_AFTER_SECONDS = 0.2
COLLECT_AFTER_LOCK_SECONDS = 0.05  # the lock screen is sent before the collection
REST_AFTER_SECONDS = 0.01  # a long screen's lower parts follow its top (see below_fold)


# Shipped fonts for scripts the offline web client has no glyphs for (see assets/fonts).
FONTS = {
    # Latin before the emoji font where the engine has no Roboto (a desktop window): the
    # emoji font also has "*", "#" and the digits (for keycaps), and drew "*" as a star.
    "DejaVu Sans": "fonts/DejaVuSans-Latin.ttf",
    "Noto Sans Hebrew": "fonts/NotoSansHebrew-Regular.ttf",
    "Noto Sans Arabic": "fonts/NotoSansArabic-Regular.ttf",
    "Noto Color Emoji": "fonts/NotoColorEmoji.ttf",
}
TEXT_STYLES = [f.name for f in dataclasses.fields(ft.TextTheme)]


TOUCH_TARGET = 48  # px: the smallest control a finger should have to hit (WCAG 2.5.5: 44)


def touch_sized(theme: ft.Theme) -> ft.Theme:
    """Every button at least 48 px tall (and icon buttons 48 x 48), standard density.

    Flutter makes desktop and web layouts compact (32 px buttons); a phone-sized window
    or a phone app gets room for a finger instead. A label is 20 px high, so 14 px above
    and below makes 48 (a chip's border takes 2 of its 28); an icon is 24 px, so 12 px
    all round. On Android and iOS Flutter
    also pads checkboxes, radios and switches to a 48 px tap target.
    """
    tall = ft.ButtonStyle(
        padding=ft.Padding.symmetric(horizontal=20, vertical=14),
        visual_density=ft.VisualDensity.STANDARD,
    )
    theme.visual_density = ft.VisualDensity.STANDARD
    theme.filled_button_theme = ft.FilledButtonTheme(style=tall)
    theme.outlined_button_theme = ft.OutlinedButtonTheme(style=tall)
    theme.text_button_theme = ft.TextButtonTheme(style=tall)
    theme.chip_theme = ft.ChipTheme(padding=ft.Padding.symmetric(horizontal=8, vertical=13))
    theme.icon_button_theme = ft.IconButtonTheme(
        style=ft.ButtonStyle(padding=ft.Padding.all(12), visual_density=ft.VisualDensity.STANDARD)
    )
    return theme


def app_theme(*, dark: bool = False, touch: bool = False) -> ft.Theme:
    """Calm teal, with every text style falling back to the shipped fonts.

    The colours that carry text are the palette's, not derived at run time, so a test
    can check their contrast (see ``palette``). A text theme replaces Flutter's default
    one, colours included, so each style names the scheme's on-surface colour: without
    it dark mode draws dark text on dark.
    """
    colours = palette.DARK if dark else palette.LIGHT
    # A style's fallbacks are tried before the engine's own font, so the web client's
    # Roboto is named first: without it "*" in "Markdown works: *italic*" came from the
    # emoji font as a star (seen in a screenshot).
    fallback = ft.TextStyle(font_family_fallback=["Roboto", *FONTS], color=ft.Colors.ON_SURFACE)
    theme = ft.Theme(
        color_scheme_seed=ft.Colors.TEAL,
        color_scheme=ft.ColorScheme(**colours),
        text_theme=ft.TextTheme(**{name: fallback for name in TEXT_STYLES}),
    )
    return touch_sized(theme) if touch else theme


def theme_mode(name: str) -> ft.ThemeMode:
    return {"light": ft.ThemeMode.LIGHT, "dark": ft.ThemeMode.DARK}.get(name, ft.ThemeMode.SYSTEM)


@dataclasses.dataclass
class _Frame:
    """The navigation and the box the current screen sits in, kept between screens."""

    narrow: bool
    holder: ft.Container
    rail: ft.NavigationRail | None  # on a wide window; None with the phone's bottom bar


class Shell:
    """Owns the page: shows the lock screen or the current screen with navigation."""

    def __init__(self, page: ft.Page, session: AppSession) -> None:
        self.page = page
        self.session = session
        self.current = "home"
        self.warned = False  # the auto-lock notice is showing for this quiet spell
        self.touch: bool | None = None  # touch-sized theme in use (None: none set yet)
        self._below = BelowFold()
        self._keys_route = KeyRoute()
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
            focus=self.focus,
            changed=self._warm_when_changed,
            below_fold=self._below.hold,
            active=self.active,
            keys=self._keys_route.claim,
        )
        self._focus_next: ft.Control | None = None  # asked for by the screen last built
        self._content: ft.Control | None = None  # that screen
        self._frame: _Frame | None = None  # the navigation on the page, while unlocked
        self._warmer = ScreenWarmer(session, SCREENS, WARM_UP_AFTER_SECONDS)
        self._warning: ft.SnackBar | None = None  # "Still there?", while it shows

    # --- frame ---------------------------------------------------------------------------

    def start(self) -> None:
        page = self.page
        page.title = APP_NAME
        page.fonts = FONTS
        self._fit_theme()
        page.theme_mode = theme_mode(self.session.prefs.theme)
        page.padding = 0
        page.on_resize = lambda _: self.render()
        page.on_disconnect = lambda _: self._lock_quietly()
        page.on_close = lambda _: self._lock_quietly()
        page.on_keyboard_event = self.key_pressed
        self.session.on_taken_over = self._taken_over
        page.run_task(self._auto_lock_loop)
        page.run_task(self._watch_loop)
        page.run_task(self._draft_loop)
        self.render()

    def _fit_theme(self) -> None:
        """Touch-sized controls in a phone app or a phone-sized window (set on change only)."""
        touch = self._narrow() or native_mobile(self.page)
        if touch != self.touch:
            self.touch = touch
            self.page.theme = app_theme(touch=touch)
            self.page.dark_theme = app_theme(dark=True, touch=touch)

    def render(self) -> None:
        page = self.page
        self._fit_theme()
        self._keys_route.release()  # the screen built next claims keys again if it wants
        if self.session.state != UNLOCKED:
            self._frame = None
            page.controls.clear()
            page.navigation_bar = None
            page.add(build_lock(page, self.session, self._opened, self.show_error, self.focus))
            page.update()
            return
        try:
            content = BY_KEY[self.current].build(self.ctx)
        except SessionLocked:
            self._below.take()
            self.render_locked()
            return
        except Exception as exc:  # a screen failed: say so plainly, keep navigation
            content = ft.Column([ft.Text(f"Something went wrong here: {exc}")])
        held = self._below.take()
        self._content = content
        narrow = self._narrow()
        if isinstance(content, ft.Column) and content.scroll is not None:
            content.on_scroll = self.active  # the screen scrolls, not the window
            content.scroll_interval = SCROLL_EVENT_MS
        frame = self._frame
        if frame is not None and frame.narrow == narrow:
            self._show_in_frame(frame, content)
        else:
            self._new_frame(content)
            page.update()
        if held is not None:
            page.run_task(self._send_rest, held)
        self._warm_when_changed()

    async def _send_rest(self, held: Held) -> None:
        """The lower parts of the screen just sent, unless it was left or redrawn since."""
        await asyncio.sleep(REST_AFTER_SECONDS)
        if self.session.state != UNLOCKED or not held.still_shown(self._content):
            return
        held.release()
        with contextlib.suppress(Exception):  # the page closed meanwhile: nothing to show
            held.column.update()

    def _show_in_frame(self, frame: _Frame, content: ft.Control) -> None:
        """Put ``content`` in the frame already on the page, and send only that.

        Moving between screens then sends the new screen alone: the rail (or the bottom
        bar) and the page around them stay, so the update is smaller, Flet diffs less and
        Flutter rebuilds less.
        """
        frame.holder.content = content
        self._fit_holder(frame.holder)
        frame.holder.update()
        index = self._nav_index()
        if frame.rail is not None:
            # moved by a button, not the rail itself; none marked for a screen off the rail
            if frame.rail.selected_index != index:
                frame.rail.selected_index = index
                frame.rail.update()
        else:
            self.page.navigation_bar = self._bottom_bar()
            self.page.update()

    def _new_frame(self, content: ft.Control) -> None:
        """The navigation and a holder for the screen, built afresh (first screen after
        unlocking, or the window crossed between phone and wide layouts).

        The holder is bounded by the window, so the screen's own column scrolls inside it
        and the navigation never moves."""
        page = self.page
        page.controls.clear()
        page.navigation_bar = None
        page.scroll = None
        narrow = self._narrow()
        holder = ft.Container(content, expand=True, alignment=ft.Alignment.TOP_CENTER)
        self._fit_holder(holder)
        rail = None
        if narrow:
            page.navigation_bar = self._bottom_bar()
            page.add(ft.SafeArea(ft.Column([self._phone_lock(), holder], spacing=0), expand=True))
        else:
            group, rail = nav_rail(SCREENS, self.current, self._tab_chosen, self.lock_now)
            page.add(
                ft.SafeArea(
                    ft.Row([group, ft.VerticalDivider(width=1), holder], spacing=0, expand=True),
                    expand=True,
                )
            )
        self._frame = _Frame(narrow=narrow, holder=holder, rail=rail)

    def _fit_holder(self, holder: ft.Container) -> None:
        """The screen's margins: 16 px round it, and on a wide window as much again at
        the sides as keeps a reading screen (``ScreenSpec.max_width``) to its width."""
        side = 16
        limit = BY_KEY[self.current].max_width
        if limit is not None and not self._narrow():
            room = (self.page.width or 1280) - RAIL_WIDTH - 1
            side = max(side, int((room - limit) / 2))
        holder.padding = ft.Padding.only(left=side, right=side, top=16)

    def _narrow(self) -> bool:
        return is_phone(self.page.width)

    def _nav_index(self) -> int | None:
        """The current screen's place in the navigation; None for one reached by a button
        (``ELSEWHERE``), so that every destination, the one it came from too, takes the
        person back."""
        keys = [s.key for s in SCREENS]
        return keys.index(self.current) if self.current in keys else None

    def _tab_chosen(self, index: int) -> None:
        """A destination was chosen. A button that moves to another screen ("Go to Goals",
        "See goals") sets the rail itself, and Flutter reports that back as a change: going
        there again rebuilt the screen just sent, and the focus asked for on the first
        one was answered for a control no longer there, which Flet takes as a broken
        connection (the tab closed and the journal locked)."""
        key = SCREENS[index].key
        if key != self.current:
            self.go(key)

    def _bottom_bar(self) -> ft.NavigationBar:
        """The phone's bottom bar: the four most used screens and "More".

        Each destination's tooltip is switched off (``NO_TOOLTIP``). Flutter gives a
        destination its label as a tooltip by default, shown at once under a mouse. The
        web engine ties a shown tooltip to its destination with ``aria-owns`` and, once
        the tooltip has gone (the pointer moved on, the page scrolled), never removes it:
        the selected tab was left owning a node that no longer exists, which axe-core
        reports as a critical ``aria-valid-attr-value`` (seen with flet 1.0.5). The label
        under each icon already says what the tooltip repeated, and it is each tab's
        accessible name; below ``TINY``, where the labels are hidden, the names stay for
        screen readers and each screen's heading says where the person is.
        """
        bar = [s for s in SCREENS if s.in_bottom_bar]
        keys = [s.key for s in bar]
        selected = keys.index(self.current) if self.current in keys else len(bar)
        destinations = [
            ft.NavigationBarDestination(
                icon=s.icon, selected_icon=s.selected_icon, label=s.title, tooltip=NO_TOOLTIP
            )
            for s in bar
        ]
        destinations.append(
            ft.NavigationBarDestination(icon=ft.Icons.MORE_HORIZ, label="More", tooltip=NO_TOOLTIP)
        )

        def changed(e: ft.Event[ft.NavigationBar]) -> None:
            index = e.control.selected_index
            if index < len(bar):
                self.go(bar[index].key)
            else:
                self.show_more()

        # Below 360 px (a phone at 200% zoom) five labels no longer fit and broke
        # mid-word ("Journ/al"): show icons only. The names stay for screen readers, and
        # each screen's heading says where the person is.
        tiny = (self.page.width or 1280) < TINY
        return ft.NavigationBar(
            destinations=destinations,
            selected_index=selected,
            on_change=changed,
            label_behavior=ft.NavigationBarLabelBehavior.ALWAYS_HIDE if tiny else None,
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

        tiles: list[ft.Control] = [
            ft.ListTile(leading=ft.Icon(s.icon), title=ft.Text(s.title), on_click=pick(s.key))
            for s in others
        ]

        def lock_from_more(_: object) -> None:
            self.page.pop_dialog()
            self.lock_now()

        tiles.append(
            ft.ListTile(
                leading=ft.Icon(ft.Icons.LOCK),
                title=ft.Text("Lock now"),
                on_click=lock_from_more,
            )
        )
        self.page.show_dialog(
            ft.AlertDialog(title=ft.Text("More"), content=ft.Column(tiles, tight=True))
        )

    # --- navigation and locking ------------------------------------------------------------

    def go(self, key: str) -> None:
        """Show another screen, with keyboard focus on its first field or button unless
        the screen chose a control of its own while it was built."""
        self.session.touch()
        self.current = key if key in BY_KEY else "home"
        self._focus_next = None
        self._below.arriving = True
        try:
            self.render()
        finally:
            self._below.arriving = False
        if self._focus_next is None and self.session.state == UNLOCKED:
            target = first_focusable(self._content)
            if target is not None:
                self.focus(target)

    def focus(self, control: ft.Control) -> None:
        """Move keyboard focus to ``control`` once it is on screen.

        The one place focus is moved (after navigating, saving or an error), so a screen
        reader user hears the new content or the field at fault, not the whole page. The
        control may still be on its way to the browser: a few short tries.
        """
        self._focus_next = control

        async def move() -> None:
            for _ in range(10):
                try:
                    await control.focus()  # type: ignore[attr-defined]  # every focusable has it
                except Exception:  # not mounted yet, or already replaced
                    await asyncio.sleep(0.1)
                    continue
                return

        self.page.run_task(move)

    def _opened(self) -> None:
        """Unlocked: to the form of the newest draft, if the lock kept one (its banner says
        so and takes the focus), else back to the screen the person was on when it
        locked; then the rest of the journal is read in the background (``render``)."""
        try:
            screen = DraftsController.for_session(self.session).arrive()
        except Exception:  # noqa: BLE001 - a draft that cannot be read must not bar the way
            screen = None
        if screen is not None:
            self.go(screen)
        else:
            self.render()

    def _warm_when_changed(self) -> None:
        """After unlocking and after each change, the other screens are prepared in the
        background (see ``ScreenWarmer``), so the next tab finds its summaries ready."""
        if self._warmer.due():
            self.page.run_task(self._warmer.run)

    def lock_now(self) -> None:
        """The lock screen first, then the collection of what the journal held: the
        person sees it locked at once, and the old screen's controls (with the entries
        in their handlers) are off the page, so that collection frees them too."""
        self.session.lock(collect_now=False)
        self.render_locked()
        self.page.run_task(self._collect_after_lock)

    async def _collect_after_lock(self) -> None:
        await asyncio.sleep(COLLECT_AFTER_LOCK_SECONDS)  # the lock screen goes out first
        self.session.collect_freed()

    def _lock_quietly(self) -> None:
        """The tab went away: lock, and leave the lock screen for whoever reconnects."""
        self.session.lock()
        with contextlib.suppress(Exception):  # the connection is gone; fine
            self.render_locked()

    def _taken_over(self) -> None:
        """Another tab opened the journal, so this one was locked: its screen (entries,
        perhaps) goes at once, not at the next tap, and the person is told why."""

        async def show() -> None:
            self.render_locked()
            self.toast("Your journal was opened in another tab, so it locked here.")

        # run_task points the calling thread's "current page" at this page; the caller is
        # the other tab's handler, so it runs in a copy of the context that is thrown away.
        with contextlib.suppress(Exception):  # this tab has gone: nothing to show
            contextvars.copy_context().run(self.page.run_task, show)

    def render_locked(self) -> None:
        """The lock screen; ``current`` is kept so unlocking returns there."""
        self.warned = False
        self._warning = None
        self.render()

    def active(self, _: Any = None) -> None:
        """The person is here (a key, a scroll, a field focused): the quiet spell starts
        again. Runs on every keystroke, so it sends nothing to the browser."""
        with contextlib.suppress(Exception):  # called outside an event: nothing to hold back
            ft.context.disable_auto_update()
        self.session.touch()

    def key_pressed(self, e: ft.KeyboardEvent) -> None:
        """Keys (typing, Tab from field to field, arrows) are the person being there:
        auto-lock waits for a quiet spell of them and of scrolling. Then the key goes on
        to the screen shown, if it asked for keys (``KeyRoute``)."""
        self.active(e)
        if self.session.state == UNLOCKED:
            self._keys_route.press(KeyPress(e.key, e.shift, e.ctrl, e.alt, e.meta))

    def _poll_seconds(self) -> float:
        """How long the auto-lock loop sleeps: less while the notice shows (so typing
        takes it away at once), and a fraction of a very short limit."""
        limit = self.session.auto_lock_after().total_seconds()
        base = WARNED_POLL_SECONDS if self.warned else AUTO_LOCK_POLL_SECONDS
        return max(0.2, min(base, limit / 4))

    async def _auto_lock_loop(self) -> None:
        while True:
            await asyncio.sleep(self._poll_seconds())
            await self.auto_lock_tick()

    async def auto_lock_tick(self) -> None:
        """One look at the quiet spell: lock, warn, or (the person is back) unwarn."""
        if self.session.should_auto_lock():
            self.session.lock(collect_now=False)  # keeps the drafts first
            self.render_locked()
            self.toast("Locked after a quiet spell, to keep your journal private.")
            await self._collect_after_lock()
        elif self.session.auto_lock_warning_due():
            self.warn_before_lock()
        else:
            self.clear_warning()

    async def _draft_loop(self) -> None:
        """Write the drafts of forms changed a moment ago, off the UI thread (a write is
        one sealed, fsynced frame: milliseconds, but not on the keys' way)."""
        while True:
            await asyncio.sleep(DRAFT_POLL_SECONDS)
            due = self.session.drafts.due_in()
            if due is None or due > 0:
                continue
            with contextlib.suppress(Exception):  # locked meanwhile, or a full disk: the
                await asyncio.to_thread(self.session.keep_drafts)  # form keeps it; Save says

    async def _watch_loop(self) -> None:
        """Take in other devices' changes within seconds of their files arriving, and
        follow a command's change, without a restart. The screen is redrawn only once
        the person has paused (a redraw under typing would move the cursor); what they
        were writing is kept by the screen's controller either way."""
        from journal_app.ui.controllers.sync import SyncController

        seen: dict = {}
        pending = False
        while True:
            await asyncio.sleep(WATCH_SECONDS)
            if self.session.state != UNLOCKED:
                seen.clear()
                pending = False
                continue
            try:
                found = await asyncio.to_thread(SyncController(self.session).watch, seen)
            except Exception:  # noqa: BLE001 - locked meanwhile, a folder away: try again
                continue
            if found.words:
                self.toast(found.words)
            pending = pending or found.changed
            if pending and self.session.idle_for() >= QUIET_BEFORE_REDRAW:
                pending = False
                with contextlib.suppress(Exception), self.session.unattended():
                    self.render()

    def warn_before_lock(self) -> None:
        """A notice (read out: a snack bar is a live region) with a button to stay."""
        if self.warned:
            return
        self.warned = True
        left = self.session.seconds_until_auto_lock() or 0

        def stay(_: Any) -> None:
            self.session.touch()
            self.clear_warning()

        self._warning = ft.SnackBar(
            ft.Text(f"Still there? Locking in {left} s to keep your journal private."),
            action="Stay unlocked",
            on_action=stay,
            duration=ft.Duration(seconds=left),
            persist=False,
        )
        self.page.show_dialog(self._warning)

    def clear_warning(self) -> None:
        """The person came back (typed, scrolled, pressed "Stay unlocked"): the notice
        goes at once rather than counting down over their writing."""
        self.warned = False
        warning, self._warning = self._warning, None
        if warning is not None and warning.open:
            warning.open = False
            with contextlib.suppress(Exception):  # already gone with the page
                warning.update()

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
                    ft.TextButton(content="Cancel", on_click=close),
                    ft.FilledButton(content=yes, on_click=accept),
                ],
            )
        )

    def celebrate(self, celebrations: list[Celebration]) -> None:
        if not celebrations:
            return
        lines: list[ft.Control] = [ft.Text(c.message, size=16) for c in celebrations]
        self.page.show_dialog(
            ft.AlertDialog(
                title=ft.Text("Well done"),
                content=ft.Column(lines, tight=True),
                actions=[
                    ft.FilledButton(
                        content="Thank you",
                        on_click=lambda _: self.page.pop_dialog(),
                    )
                ],
            )
        )

    def run_busy(self, label: str, work: Callable[[], Any], done: Callable[[Any], object]) -> None:
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

"""Your month: a calendar of one month, each day with its anxiety and check-ins.

A day's figure is its highest anxiety rating (see ``core/month.py``), shown as a number on
a tint of its band (calm, moderate, high): never colour alone. Each day is one control
with one accessible name ("Tuesday 3 November: anxiety 6 of 10, 2 entries, check-in
taken (GAD-7)"); a day with entries is a button that opens them in the Journal. Days
without entries are read, not stopped at: Tab goes from written day to written day.

Months step with "Previous month" and "Next month" (Tab reaches them before the grid) and
with a swipe across the grid on a touch screen. The grid is redrawn in place, so focus
stays on the button just pressed and the month's name, a polite live region, is read out.
From a written day, the arrow keys move to the next written day that way (Up and Down a
week or more), and Page Up and Page Down step the month; the rule is the controller's
(``day_for_key``), the keys come through the shell's key route (``keys.KeyRoute``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import flet as ft

from journal_app.core.month import DayAtAGlance, MonthAtAGlance, weekday_names
from journal_app.ui import palette
from journal_app.ui.context import ScreenContext, ScreenSpec
from journal_app.ui.controllers.month import (
    MonthController,
    controller_for,
    day_for_key,
    first_written,
)
from journal_app.ui.keys import PAGE_DOWN, KeyPress
from journal_app.ui.widgets import heading, muted, screen_column, secondary

CELL_HEIGHT = 64
CELL_GAP = 4
FOCUS_RING = 4  # px: the focused day's border, thicker than today's (3)
SWIPE_SPEED = 250  # px/s across the grid that counts as a swipe, not a wobble
CHECKIN_ICON = ft.Icons.FACT_CHECK_OUTLINED
UNRATED_ICON = ft.Icons.NOTES


def _cell_look(d: DayAtAGlance) -> tuple[str | None, str]:
    """Background and ink: the band's tint with the dark ink, or the theme's own pair."""
    if d.band is not None:
        return palette.DAY_BANDS[d.band], palette.BAND_INK
    if d.entries:
        return ft.Colors.SURFACE_CONTAINER_HIGHEST, ft.Colors.ON_SURFACE
    return None, ft.Colors.ON_SURFACE_VARIANT


def _cell_face(d: DayAtAGlance, ink: str) -> ft.Control:
    """What the eye sees: the date, the check-in mark, the figure (or a written mark)."""
    top: list[ft.Control] = [ft.Text(str(d.day.day), size=12, color=ink)]
    if d.checkins:
        top.append(ft.Icon(CHECKIN_ICON, size=15, color=ink))
    if d.anxiety is not None:
        figure: ft.Control = ft.Text(str(d.anxiety), size=18, weight=ft.FontWeight.BOLD, color=ink)
    elif d.entries:
        figure = ft.Icon(UNRATED_ICON, size=16, color=ink)
    else:
        figure = ft.Container(height=18)
    face = ft.Column(
        [
            ft.Row(top, spacing=2, alignment=ft.MainAxisAlignment.SPACE_BETWEEN),
            ft.Row([figure], alignment=ft.MainAxisAlignment.CENTER),
        ],
        spacing=2,
        tight=True,
    )
    return ft.Semantics(exclude_semantics=True, content=face)


@dataclass
class DayKeys:
    """The written days' buttons (to move focus to) and the one the browser last said
    has focus, so arrow keys know where they start from."""

    buttons: dict[date, ft.Control] = field(default_factory=dict)
    focused: date | None = None
    active: Callable[[Any], None] = lambda _event: None  # the shell's: the person is here

    def focus_changed(self, day: date, has_focus: bool) -> None:
        self.active(None)  # and it sends nothing back to the browser
        if has_focus:
            self.focused = day
        elif self.focused == day:  # a later focus elsewhere may have come in first
            self.focused = None


def day_cell(
    d: DayAtAGlance | None,
    on_open: Callable[[DayAtAGlance], None],
    today: date,
    keys: DayKeys | None = None,
) -> ft.Control:
    """One day: a button named by its whole label when it has entries, else a named box.
    Today has a thicker border in the theme's primary colour (and says so in its name).
    A written day's button is kept in ``keys``, which hears when it gains and loses focus."""
    if d is None:
        return ft.Container(expand=1, height=CELL_HEIGHT)
    background, ink = _cell_look(d)
    face = _cell_face(d, ink)
    is_today = d.day == today
    edge = ft.BorderSide(3, ft.Colors.PRIMARY) if is_today else None
    name = d.label() + (", today" if is_today else "")
    if not d.entries:
        box = ft.Container(
            face,
            height=CELL_HEIGHT,
            padding=6,
            border_radius=8,
            bgcolor=background,
            border=ft.Border.all(
                edge.width if edge else 1, edge.color if edge else ft.Colors.OUTLINE_VARIANT
            ),
        )
        return ft.Semantics(label=name, content=box, expand=1)
    button = ft.Button(
        content=face,
        on_click=lambda _: on_open(d),
        height=CELL_HEIGHT,
        style=ft.ButtonStyle(
            bgcolor=background,
            color=ink,
            elevation=0,
            padding=ft.Padding.all(6),
            shape=ft.RoundedRectangleBorder(radius=8),
            # Focus shows as a thick ring in the day's own ink (today's ring is the primary
            # colour): the ink is chosen to read on the day's tint, in light and dark, so
            # the ring does too. Flutter's focus tint alone was too faint to follow.
            side={
                ft.ControlState.FOCUSED: ft.BorderSide(FOCUS_RING, ink),
                ft.ControlState.DEFAULT: edge or ft.BorderSide(1, ft.Colors.OUTLINE),
            },
        ),
    )
    if keys is not None:
        keys.buttons[d.day] = button
        button.on_focus = lambda _: keys.focus_changed(d.day, True)
        button.on_blur = lambda _: keys.focus_changed(d.day, False)
    named = ft.MergeSemantics(content=ft.Semantics(label=name, content=button))
    return ft.Container(named, expand=1)


def weekday_row(short: bool) -> ft.Control:
    """Mon ... Sun over the columns: for the eye (each day's name already says it)."""
    names = [n[:1] if short else n[:3] for n in weekday_names()]
    cells: list[ft.Control] = [
        ft.Container(ft.Text(n, size=12, color=ft.Colors.ON_SURFACE_VARIANT), expand=1)
        for n in names
    ]
    return ft.Semantics(exclude_semantics=True, content=ft.Row(cells, spacing=CELL_GAP))


def month_grid(
    shown: MonthAtAGlance,
    on_open: Callable[[DayAtAGlance], None],
    today: date,
    keys: DayKeys | None = None,
) -> ft.Column:
    rows: list[ft.Control] = [
        ft.Row([day_cell(d, on_open, today, keys) for d in week], spacing=CELL_GAP)
        for week in shown.weeks()
    ]
    return ft.Column(rows, spacing=CELL_GAP)


def legend() -> ft.Control:
    """How to read the grid, in words and with the same tints."""

    def marked(mark: ft.IconData | ft.Control, words: str) -> ft.Control:
        shown = mark if isinstance(mark, ft.Control) else ft.Icon(mark, size=15)
        return ft.Row([shown, ft.Text(words, size=13)], spacing=6, tight=True)

    def swatch(band: str, words: str) -> ft.Control:
        tint = ft.Container(width=14, height=14, border_radius=3, bgcolor=palette.DAY_BANDS[band])
        return marked(tint, words)

    return ft.Column(
        [
            muted("The number is the day's highest anxiety, from 0 to 10."),
            ft.Row(
                [
                    swatch("calm", "0-3 calm"),
                    swatch("moderate", "4-6 moderate"),
                    swatch("high", "7-10 high"),
                    marked(CHECKIN_ICON, "check-in taken"),
                    marked(UNRATED_ICON, "written, no rating"),
                ],
                wrap=True,
                spacing=14,
                run_spacing=4,
            ),
        ],
        spacing=4,
    )


class MonthView:
    """The parts redrawn when the month changes, and the handlers that change it."""

    def __init__(self, ctx: ScreenContext, ctl: MonthController) -> None:
        self.ctx = ctx
        self.ctl = ctl
        self.title = ft.Text(size=19, weight=ft.FontWeight.W_600)
        self.summary = muted("")
        self.grid = ft.Container()
        self.back_to_now = secondary("This month", self.go_to_now, icon=ft.Icons.TODAY)
        self.previous = secondary("Previous month", self.step(-1), icon=ft.Icons.CHEVRON_LEFT)
        self.next = secondary("Next month", self.step(1), icon=ft.Icons.CHEVRON_RIGHT)
        self.keys = DayKeys(active=ctx.active)
        self.shown: MonthAtAGlance | None = None

    def fill(self) -> None:
        shown = self.ctl.view()
        self.shown = shown
        self.title.value = shown.title
        self.summary.value = shown.summary()
        self.keys = DayKeys(active=self.ctx.active)
        self.grid.content = month_grid(shown, self.open_day, self.ctx.session.today(), self.keys)
        self.back_to_now.visible = not self.ctl.showing_this_month

    def key(self, key: KeyPress) -> bool:
        """Arrows from a written day to the next one that way; Page Up and Page Down
        step the month, and a day that had focus hands it to the new month's first
        written day (or to the month button, in a month with nothing written)."""
        if not key.plain:
            return False
        on_day = self.keys.focused
        if self.ctl.page(key.key):
            self.redraw()
            if on_day is not None:
                target = first_written(self.shown) if self.shown else None
                button = self.keys.buttons.get(target) if target else None
                self.keys.focused = target if button else None  # as arrows do, at once
                forward = key.key == PAGE_DOWN
                self.ctx.focus(button or (self.next if forward else self.previous))
            return True
        if on_day is None or self.shown is None:
            return False
        target = day_for_key(self.shown, on_day, key.key)
        if target is not None:
            # Moved on at once, not when the browser says so: a key pressed again before
            # that word arrives goes on from here, not from the day just left.
            self.keys.focused = target
            self.ctx.focus(self.keys.buttons[target])
        return target is not None

    def redraw(self) -> None:
        try:
            self.fill()
        except Exception as exc:  # locked meanwhile, a damaged file: say so, keep the page
            self.ctx.show_error(exc)
            return
        for part in (self.title, self.summary, self.grid, self.back_to_now):
            part.update()

    def step(self, delta: int) -> Callable[[Any], None]:
        def handler(_: Any) -> None:
            self.ctl.step(delta)
            self.redraw()

        return handler

    def go_to_now(self, _: Any) -> None:
        self.ctl.this_month()
        self.redraw()

    def swiped(self, e: ft.DragEndEvent) -> None:
        """A swipe left shows the next month, a swipe right the one before."""
        speed = e.velocity.x if e.velocity is not None else 0
        if abs(speed) >= SWIPE_SPEED:
            self.step(-1 if speed > 0 else 1)(None)

    def open_day(self, d: DayAtAGlance) -> None:
        self.ctl.open_day(d.day)
        self.ctx.go("journal")

    def controls(self) -> list[ft.Control]:
        stepper = ft.Row(
            [
                self.previous,
                self.next,
                self.back_to_now,
            ],
            wrap=True,
            spacing=8,
            run_spacing=6,
        )
        title = ft.Semantics(
            container=True, header=True, heading_level=2, live_region=True, content=self.title
        )
        grid = ft.GestureDetector(
            content=ft.Column([weekday_row(self.ctx.narrow), self.grid], spacing=CELL_GAP),
            on_horizontal_drag_end=self.swiped,
        )
        return [stepper, title, self.summary, legend(), grid]


def build(ctx: ScreenContext) -> ft.Control:
    view = MonthView(ctx, controller_for(ctx.session))
    view.fill()
    ctx.keys(view.key)
    return screen_column([heading("Your month"), *view.controls()])


SCREEN = ScreenSpec(
    key="month",
    title="Your month",
    icon=ft.Icons.CALENDAR_MONTH_OUTLINED,
    selected_icon=ft.Icons.CALENDAR_MONTH,
    build=build,
)

"""Home: a calm overview with the next small step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

import flet as ft

from journal_app.core.followups import Nudge
from journal_app.ui.breathing_start import breathing_button
from journal_app.ui.context import ScreenContext, ScreenSpec
from journal_app.ui.controllers.home import HomeController
from journal_app.ui.layout import READING_WIDTH
from journal_app.ui.widgets import (
    body,
    card,
    heading,
    muted,
    pick_day,
    primary,
    screen_column,
    secondary,
    subheading,
)


def anxiety_bars(weeks) -> ft.Control:
    """A small at-a-glance bar per week (0-10), labelled for screen readers."""
    if not weeks:
        return muted("Rate your anxiety in a journal entry to see a trend here.")
    bars: list[ft.Control] = [
        ft.Column(
            [
                ft.Container(
                    width=22,
                    height=max(4, 8 * w.average),
                    bgcolor=ft.Colors.PRIMARY,
                    border_radius=4,
                    tooltip=f"Week of {w.week_start:%d %b}: {w.average}/10",
                ),
                ft.Text(f"{w.week_start:%d/%m}", size=10),
            ],
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            alignment=ft.MainAxisAlignment.END,
            spacing=2,
        )
        for w in weeks
    ]
    # The bars' tooltips are for the mouse only: the label says every week, and with the
    # bars' own semantics excluded a shown tooltip leaves no aria-owns behind (Flutter's web
    # engine keeps one pointing at the dropped tooltip node otherwise; flet 1.0.5).
    return ft.Semantics(
        exclude_semantics=True,
        label="Weekly average anxiety: "
        + ", ".join(f"{w.week_start:%d %b} {w.average}" for w in weeks),
        content=ft.Row(bars, vertical_alignment=ft.CrossAxisAlignment.END, height=110),
    )


def when_picker(
    ctx: ScreenContext, ctl: HomeController, nudge: Nudge
) -> tuple[ft.Control, Callable[[], datetime | None]]:
    """ "When: now" and "It was earlier": a calendar, then a clock, for when it happened.

    Returns the row and a way to read the moment picked (None: now).
    """
    chosen: list[datetime | None] = [None]
    words = ft.Text(ctl.when_words(None), size=14)
    day: list[date] = [ctx.session.today()]

    def show() -> None:
        words.value = ctl.when_words(chosen[0])
        words.update()

    def timed(e: ft.Event[ft.TimePicker]) -> None:
        if isinstance(e.control.value, time):
            chosen[0] = ctl.moment(day[0], e.control.value)
            show()

    def dated(picked: date) -> None:
        day[0] = picked
        ctx.page.show_dialog(
            ft.TimePicker(
                value=ctx.session.local_now().time().replace(second=0, microsecond=0),
                help_text="At what time?",
                on_change=timed,
            )
        )

    def earlier(_: Any) -> None:
        today = ctx.session.today()
        pick_day(
            ctx.page,
            initial=day[0],
            first=min(nudge.since, today),
            last=today,
            help_text="When did it happen?",
            on_pick=dated,
        )

    row = ft.Row(
        [
            words,
            ft.TextButton(content="It was earlier", icon=ft.Icons.SCHEDULE, on_click=earlier),
        ],
        wrap=True,
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )
    return row, lambda: chosen[0]


def nudge_card(ctx: ScreenContext, ctl: HomeController, nudge: Nudge) -> ft.Control:
    """One follow-up, with its choices as buttons and when it happened (now, or a date and
    time picked); acting on it takes it off Home."""
    when_row, when = when_picker(ctx, ctl, nudge)

    def act(action_id: str) -> Callable[[Any], None]:
        def handler(_: Any) -> None:
            try:
                said, celebrations = ctl.act_on_nudge(nudge, action_id, when())
            except Exception as exc:
                ctx.show_error(exc)
                return
            ctx.refresh()
            ctx.toast(said)
            ctx.celebrate(celebrations)

        return handler

    buttons: list[ft.Control] = [
        (primary if index == 0 else secondary)(words, act(action_id))
        for index, (action_id, words) in enumerate(nudge.actions)
    ]
    return ft.Semantics(
        container=True,
        label="A small next step",
        content=card(
            ft.Row(
                [
                    ft.Icon(ft.Icons.NOTIFICATIONS_NONE, color=ft.Colors.PRIMARY),
                    ft.Text(nudge.text, size=15, expand=True),
                ],
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            when_row,
            ft.Row(buttons, wrap=True, spacing=8, run_spacing=8),
        ),
    )


def build(ctx: ScreenContext) -> ft.Control:
    ctl = HomeController(ctx.session)
    state = ctl.state()
    parts: list[ft.Control] = [heading(state.greeting)]
    if state.nudges:
        parts.append(subheading("Next small steps"))
        parts.extend(nudge_card(ctx, ctl, n) for n in state.nudges)
    if state.checkin_nudge:
        parts.append(
            card(
                body(state.checkin_nudge),
                primary("Do a check-in", lambda _: ctx.go("checkins"), icon=ft.Icons.CHECKLIST),
            )
        )
    goal_lines = [body(g.sentence()) for g in state.goals[:3]] or [muted("No goals yet.")]
    next_line = [muted(f"Next small step: {state.next_step}")] if state.next_step else []
    parts.append(
        card(
            subheading("Your progress"),
            *goal_lines,
            *next_line,
            secondary("See goals", lambda _: ctx.go("goals")),
        )
    )
    parts.append(
        card(
            subheading("Anxiety lately"),
            anxiety_bars(state.anxiety),
            muted(state.anxiety_summary),
            ft.Row(
                [
                    secondary(
                        "Write in my journal", lambda _: ctx.go("journal"), icon=ft.Icons.EDIT
                    ),
                    secondary(
                        "Your month", lambda _: ctx.go("month"), icon=ft.Icons.CALENDAR_MONTH
                    ),
                    breathing_button(ctx, "home"),
                ],
                wrap=True,
                spacing=8,
                run_spacing=8,
            ),
        )
    )
    parts.append(
        card(
            subheading("Seeing a therapist soon?"),
            body("Gather what you're looking for, how you've been, and your questions."),
            primary(
                "Prepare for my consultation",
                lambda _: ctx.go("review"),
                icon=ft.Icons.EVENT_NOTE,
            ),
        )
    )
    return screen_column(parts)


SCREEN = ScreenSpec(
    key="home",
    title="Home",
    icon=ft.Icons.HOME_OUTLINED,
    selected_icon=ft.Icons.HOME,
    build=build,
    in_bottom_bar=True,
    max_width=READING_WIDTH,
)

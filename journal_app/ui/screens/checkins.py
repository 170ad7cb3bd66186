"""Check-ins: GAD-7 and PHQ-9, their results, and how scores have moved over time.

Crisis resources appear the moment the PHQ-9's last item is answered above 0, right below
that question, before anything is saved; after saving they are shown above the result.
They are never folded away behind a button.

Each past result can be corrected (its answers open in the form; "Save correction") or
deleted (with Undo in the snack bar, the app's way instead of "Are you sure?").
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import flet as ft
import flet_charts as fc

from journal_app.core.checkins import Band
from journal_app.core.drafts import checkin
from journal_app.ui.context import ScreenContext, ScreenSpec
from journal_app.ui.controllers.checkins import (
    CheckinsController,
    CheckinsState,
    CrisisView,
    FormState,
    PastResult,
    TrendView,
)
from journal_app.ui.draft_banner import draft_banner, offer_undo
from journal_app.ui.palette import BAND_INK, BAND_OTHER, BAND_PILLS
from journal_app.ui.panes import columns
from journal_app.ui.widgets import (
    announce,
    body,
    card,
    heading,
    icon_button,
    muted,
    screen_column,
    secondary,
    subheading,
    undo_snackbar,
)

CRISIS_KEY = "crisis-resources"
BAND_COLORS = BAND_PILLS  # light tints in both themes, always with BAND_INK text


def crisis_card(crisis: CrisisView, change: CountryPick | None = None) -> ft.Control:
    """Calm, prominent, complete: who to call or text, right now.

    A live region, so a screen reader announces it the moment it appears; plain text
    (selectable text reaches the accessibility tree as empty, disabled text boxes), with
    a button per way to reach each service. Below them, which country these are for and
    why, with a one-tap ``change`` to pick another.
    """
    ink = ft.Colors.ON_TERTIARY_CONTAINER
    return ft.Semantics(
        container=True,
        live_region=True,
        content=ft.Container(
            ft.Column(
                [
                    ft.Row(
                        [
                            ft.Icon(ft.Icons.FAVORITE, color=ink, size=22),
                            ft.Container(
                                subheading("Support right now", size=19, color=ink),
                                expand=True,
                            ),
                        ]
                    ),
                    ft.Text(crisis.message, size=15, color=ink),
                    ft.Text(crisis.emergency, size=16, weight=ft.FontWeight.BOLD, color=ink),
                    *where_shown(crisis, change, ink),
                    *crisis_services(crisis, ink),
                ],
                spacing=10,
            ),
            bgcolor=ft.Colors.TERTIARY_CONTAINER,
            border=ft.Border.all(2, ft.Colors.TERTIARY),
            border_radius=14,
            padding=18,
            margin=4,
        ),
    )


def crisis_services(crisis: CrisisView, ink: ft.ColorValue) -> list[ft.Control]:
    """Each service in plain words, with a button per way to reach it (call, text, site)."""
    services: list[ft.Control] = []
    for index, line in enumerate(crisis.services):
        links = crisis.links[index] if index < len(crisis.links) else ()
        services.append(
            ft.Row(
                [
                    ft.Icon(ft.Icons.PHONE, size=18, color=ink),
                    ft.Text(line, size=15, expand=True, color=ink),
                ],
                vertical_alignment=ft.CrossAxisAlignment.START,
            )
        )
        if links:
            services.append(
                ft.Row(
                    [
                        ft.OutlinedButton(
                            content=link.label,
                            url=link.url,
                            style=ft.ButtonStyle(color=ink),
                        )
                        for link in links
                    ],
                    wrap=True,
                    spacing=8,
                    run_spacing=4,
                )
            )
    return services


@dataclass(frozen=True)
class CountryPick:
    """The one-tap change beside the helplines: the choices, the current one, and what to
    do with a pick (save it and redraw)."""

    choices: list[tuple[str, str]]
    current: str
    pick: Callable[[str], None]


def where_shown(
    crisis: CrisisView, change: CountryPick | None, ink: ft.ColorValue
) -> list[ft.Control]:
    """ "Showing help for the United States, from your time zone." and "Change country",
    which opens the choices right there in the card (no dialog to find or dismiss)."""
    out: list[ft.Control] = []
    if crisis.showing:
        out.append(ft.Text(crisis.showing, size=14, color=ink))
    if change is None:
        return out
    choices = ft.Container(
        ft.RadioGroup(
            value=change.current,
            on_change=lambda e: change.pick(e.control.value or ""),
            content=ft.Column(
                [ft.Radio(value=code, label=name) for code, name in change.choices],
                spacing=0,
            ),
        ),
        visible=False,
    )

    def toggle(_: Any) -> None:
        choices.visible = not choices.visible
        choices.update()

    out.append(
        ft.Row(
            [
                ft.TextButton(
                    content="Change country",
                    icon=ft.Icons.PUBLIC,
                    on_click=toggle,
                    style=ft.ButtonStyle(color=ink),
                )
            ]
        )
    )
    out.append(choices)
    return out


def band_legend(bands: tuple[Band, ...]) -> ft.Control:
    return ft.Row(
        [
            ft.Row(
                [
                    ft.Container(
                        width=14,
                        height=14,
                        bgcolor=BAND_COLORS.get(b.key, BAND_OTHER),
                        border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
                        border_radius=3,
                    ),
                    ft.Text(f"{b.label} {b.low}–{b.high}", size=12),
                ],
                spacing=4,
                tight=True,
            )
            for b in bands
        ],
        wrap=True,
        spacing=12,
        run_spacing=4,
    )


def band_gradient(bands: tuple[Band, ...], max_score: int) -> ft.LinearGradient:
    """The severity bands as hard colour stops, top to bottom, under one line at the top.

    The area below a line at ``max_score`` spans the whole chart, so a stop at
    ``1 - y / max_score`` falls at score ``y``. Each band runs from half a point below
    its lowest score to half a point above its highest (the chart's edges at 0 and the
    top), as the separate series per band did; two stops per edge make it sharp.
    """
    colors: list[str] = []
    stops: list[float] = []
    for band in sorted(bands, key=lambda b: b.high, reverse=True):
        top = max_score if band.high >= max_score else band.high + 0.5
        bottom = 0 if band.low == 0 else band.low - 0.5
        color = BAND_COLORS.get(band.key, BAND_OTHER)
        colors += [color, color]
        stops += [1 - top / max_score, 1 - bottom / max_score]
    return ft.LinearGradient(
        begin=ft.Alignment.TOP_CENTER, end=ft.Alignment.BOTTOM_CENTER, colors=colors, stops=stops
    )


def score_chart(trend: TrendView) -> ft.Control:
    """Scores over time on their published severity bands (flet_charts.LineChart)."""
    last_x = max(1, len(trend.points) - 1)
    bands = fc.LineChartData(  # one series, all the bands: a control per band costs
        points=[
            fc.LineChartDataPoint(0, trend.max_score),
            fc.LineChartDataPoint(last_x, trend.max_score),
        ],
        color=ft.Colors.TRANSPARENT,
        stroke_width=0,
        below_line_gradient=band_gradient(trend.bands, trend.max_score),
        point=False,
    )
    scores = fc.LineChartData(
        points=[
            fc.LineChartDataPoint(p.x, p.score, tooltip=f"{p.date_text}: {p.score}")
            for p in trend.points
        ],
        color=ft.Colors.PRIMARY,
        stroke_width=3,
        point=True,
    )
    ticks = sorted({0, *(b.low for b in trend.bands), trend.max_score})
    xs = sorted({0, len(trend.points) // 2, len(trend.points) - 1})
    chart = fc.LineChart(
        data_series=[bands, scores],
        min_x=0,
        max_x=last_x,
        min_y=0,
        max_y=trend.max_score,
        height=220,
        interactive=True,
        left_axis=fc.ChartAxis(
            labels=[fc.ChartAxisLabel(value=v, label=ft.Text(str(v), size=11)) for v in ticks],
            label_size=28,
        ),
        bottom_axis=fc.ChartAxis(
            labels=[
                fc.ChartAxisLabel(value=x, label=ft.Text(trend.points[x].date_text, size=11))
                for x in xs
                if 0 <= x < len(trend.points)
            ],
            label_size=24,
        ),
        right_axis=fc.ChartAxis(show_labels=False, label_size=12),
        top_axis=fc.ChartAxis(show_labels=False, label_size=8),
    )
    return ft.Semantics(
        label=f"{trend.name} scores over time, on the published severity bands. {trend.sentence}",
        content=ft.Container(chart, padding=ft.Padding.only(right=28)),
    )


class CheckinsView:
    def __init__(self, ctx: ScreenContext) -> None:
        self.ctx = ctx
        self.ctrl = CheckinsController.for_session(ctx.session)
        self.column = screen_column([])
        self.save_button: ft.FilledButton | None = None
        self.count_text: ft.Text | None = None
        self.crisis_slot: ft.Container | None = None
        self.result_action: ft.Control | None = None  # focus goes here after a save
        self.top_parts = 0  # how many of the column's parts come before past results
        self._history_key: object = None  # what the charts and past results were drawn from
        self._history: list[ft.Control] = []

    def fill(self, update: bool = True) -> None:
        self.column.controls = self.parts(self.ctrl.state())
        if update:
            self.column.update()

    def act(self, action: Callable[[], Any], *, to_top: bool = False) -> Callable[[Any], None]:
        def handler(_: Any) -> None:
            try:
                action()
            except Exception as exc:
                self.fill()
                self.ctx.show_error(exc)
                return
            self.fill()
            if to_top:
                self.ctx.page.run_task(self.scroller().scroll_to, offset=0, duration=300)
                if self.result_action is not None:  # saved: focus on the result just shown
                    self.ctx.focus(self.result_action)

        return handler

    def answered(self, index: int, value: str | None) -> None:
        """A radio was picked: keep it, update the count and Save, show crisis help at once."""
        if value is None:
            return
        had_result = self.ctrl.result is not None
        due = self.ctrl.answer(index, int(value))
        if had_result:  # the saved result folds away as a new check-in begins
            self.fill()
            return
        form = self.ctrl.form()
        if self.count_text is not None:
            self.count_text.value = self.count_words(form)
            self.count_text.update()
        if self.save_button is not None:
            self.save_button.disabled = not form.can_save
            self.save_button.update()
        if due and self.crisis_slot is not None and not self.crisis_slot.visible:
            self.crisis_slot.content = crisis_card(self.ctrl.crisis(), self.country_pick())
            self.crisis_slot.visible = True
            self.crisis_slot.update()
            self.ctx.page.run_task(self.reveal_crisis)
            crisis = self.ctrl.crisis()
            self.ctx.page.run_task(
                announce,
                " ".join(
                    ["Support right now.", crisis.emergency, crisis.showing, *crisis.services]
                ),
            )
        elif due and self.crisis_slot is None:
            self.fill()
        elif not due and self.crisis_slot is not None and self.crisis_slot.visible:
            # Only a correction gets here: its item 9 put back to 0 before any other
            # answer above 0 was given in it (an answer given now is never hidden again).
            self.crisis_slot.visible = False
            self.crisis_slot.update()

    def country_pick(self) -> CountryPick:
        return CountryPick(self.ctrl.country_choices(), self.ctrl.chosen_country, self.pick_country)

    def pick_country(self, code: str) -> None:
        """One tap from the helplines to another country's: saved, and drawn at once."""
        try:
            self.ctrl.set_country(code)
        except Exception as exc:
            self.ctx.show_error(exc)
            return
        crisis = self.ctrl.crisis()
        if self.crisis_slot is not None and self.crisis_slot.visible:
            self.crisis_slot.content = crisis_card(crisis, self.country_pick())
            self.crisis_slot.update()
        else:
            self.fill()
        self.ctx.page.run_task(
            announce, " ".join([crisis.showing, crisis.emergency, *crisis.services])
        )

    async def reveal_crisis(self) -> None:
        """Bring the whole card into view, once it has been laid out."""
        await asyncio.sleep(0.25)
        await self.scroller().scroll_to(scroll_key=CRISIS_KEY, duration=400)

    def scroller(self) -> ft.Column:
        """What scrolls: the screen's column, beside or above the navigation."""
        return self.column

    @staticmethod
    def count_words(form: FormState) -> str:
        total = len(form.items)
        if form.answered == total:
            return f"All {total} answered. Thank you."
        return f"{form.answered} of {total} answered"

    # --- the screen -------------------------------------------------------------------------

    def parts(self, state: CheckinsState) -> list[ft.Control]:
        self.result_action = None
        out: list[ft.Control] = [
            heading("Check-ins"),
            body(
                "Two short questionnaires that doctors use, about two minutes each. "
                "They help you notice how things move over time."
            ),
        ]
        form_has_crisis_item = state.form.instrument.crisis_item is not None
        if state.crisis is not None and (state.result is not None or not form_has_crisis_item):
            out.append(crisis_card(state.crisis, self.country_pick()))
        if state.result is not None:
            # Just saved: the result alone, with "Start another check-in"; an empty copy
            # of the form under it would read as if the answers were lost.
            out.append(self.result_card(state))
            self.save_button = self.count_text = self.crisis_slot = None
        else:
            out.append(self.chooser(state))
            out.append(self.form_card(state))
        self.top_parts = len(out)  # past results and their charts follow (below_fold)
        out.extend(self.history_parts(state))
        out.append(self.help_card(state))
        return out

    def chooser(self, state: CheckinsState) -> ft.Control:
        buttons: list[ft.Control] = []
        for key, title in state.choices:
            if key == state.selected:
                buttons.append(ft.FilledButton(content=title, icon=ft.Icons.CHECK))
            else:
                buttons.append(secondary(title, self.act(functools.partial(self.ctrl.select, key))))
        return ft.Row(buttons, wrap=True, spacing=8, run_spacing=8)

    def result_card(self, state: CheckinsState) -> ft.Control:
        r = state.result
        assert r is not None
        self.result_action = secondary("Start another check-in", self.act(self.ctrl.start_again))
        return ft.Semantics(
            container=True,
            label=f"{r.name} result",
            content=card(
                subheading(
                    f"Your corrected {r.name} result"
                    if state.corrected
                    else f"Your {r.name} result"
                ),
                ft.Row(
                    [
                        ft.Text(f"{r.score}", size=34, weight=ft.FontWeight.BOLD),
                        ft.Text(f"out of {r.max_score}", size=15),
                        ft.Container(
                            ft.Text(
                                r.band_label, size=14, weight=ft.FontWeight.W_600, color=BAND_INK
                            ),
                            bgcolor=BAND_COLORS.get(r.band, BAND_OTHER),
                            border_radius=12,
                            padding=ft.Padding.symmetric(horizontal=10, vertical=4),
                        ),
                    ],
                    wrap=True,
                    vertical_alignment=ft.CrossAxisAlignment.CENTER,
                ),
                body(r.summary),
                ft.Row(
                    [
                        ft.Icon(ft.Icons.INFO_OUTLINE, size=18),
                        ft.Text(r.note, size=14, expand=True),
                    ],
                    vertical_alignment=ft.CrossAxisAlignment.START,
                ),
                ft.Row([self.result_action], wrap=True),
            ),
        )

    def draft_part(self, state: CheckinsState) -> ft.Control:
        """ "You were in the middle of this check-in": keep going, or discard (undoable)."""

        def discard() -> None:
            try:
                self.ctrl.discard_draft()
            except Exception as exc:  # noqa: BLE001 - told plainly, the draft kept
                self.ctx.show_error(exc)
                return
            self.fill()
            offer_undo(self.ctx, lambda: self.act(self.ctrl.undo_discard)(None))

        return draft_banner(
            self.ctx,
            checkin(state.selected),
            on_keep=lambda: self.act(self.ctrl.keep_going)(None),
            on_discard=discard,
        )

    def form_card(self, state: CheckinsState) -> ft.Control:
        form = state.form
        inst = form.instrument
        rows: list[ft.Control] = [
            subheading(f"{inst.name}: {inst.full_name}"),
            body(form.stem),
        ]
        if state.draft_restored:  # answers kept from before the lock: say so, above them
            rows.insert(0, self.draft_part(state))
        if state.correcting:
            rows.insert(0, self.correcting_part(state.correcting))
        focus_first_left = self.ctrl.take_focus_form()  # "Keep going": the next question
        focus_first = focus_first_left and state.correcting is not None
        self.crisis_slot = None
        for index, item in enumerate(form.items):
            value = form.answers[index]
            radios: list[ft.Control] = [
                ft.Radio(value=str(v), label=label) for v, label in form.options
            ]
            if focus_first:  # correcting: every question answered, so the first one
                focus_first = focus_first_left = False
                self.ctx.focus(radios[value or 0])
            if focus_first_left and value is None:
                focus_first_left = False
                self.ctx.focus(radios[0])
            rows.append(self.question_part(index, item, radios, value))
            if index == inst.crisis_item and state.result is None:
                self.crisis_slot = ft.Container(
                    crisis_card(state.crisis, self.country_pick()) if state.crisis else None,
                    visible=state.crisis is not None,
                    key=ft.ScrollKey(CRISIS_KEY),  # type: ignore[call-arg]  # flet builds __init__ at import
                )
                rows.append(self.crisis_slot)
        self.count_text = ft.Text(self.count_words(form), size=14)
        self.save_button = ft.FilledButton(
            content="Save correction" if state.correcting else "Save check-in",
            icon=ft.Icons.CHECK,
            disabled=not form.can_save,
            on_click=self.act(self.ctrl.save, to_top=True),
        )
        rows.append(
            ft.Row(
                [self.save_button, self.count_text],
                wrap=True,
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            )
        )
        rows.append(muted(state.note))
        rows.append(ft.Text(form.attribution, size=11, color=ft.Colors.ON_SURFACE_VARIANT))
        return card(*rows)

    def question_part(
        self, index: int, item: str, radios: list[ft.Control], value: int | None
    ) -> ft.Control:
        """One question, named by its number and words, and its answers (one above the
        other on a phone, in a row otherwise)."""
        group = ft.RadioGroup(
            value=None if value is None else str(value),
            on_change=lambda e, i=index: self.answered(i, e.control.value),
            content=(ft.Column if self.ctx.narrow else ft.Row)(
                radios,
                spacing=0 if self.ctx.narrow else 4,
            ),
        )
        return ft.Semantics(
            container=True,
            label=f"{index + 1}. {item}",
            content=ft.Column(
                [
                    # The group is named by the question: shown, not read twice.
                    ft.Semantics(
                        exclude_semantics=True,
                        content=ft.Text(
                            f"{index + 1}. {item}", size=15, weight=ft.FontWeight.W_500
                        ),
                    ),
                    group,
                ],
                spacing=2,
            ),
        )

    def correcting_part(self, what: str) -> ft.Control:
        """Says which saved check-in the form is correcting, with a way out unchanged."""
        return ft.Container(
            ft.Column(
                [
                    ft.Text(f"Correcting {what}", size=15, weight=ft.FontWeight.W_600),
                    body("Change any answer, then save the correction. Its date stays."),
                    ft.Row(
                        [secondary("Cancel correction", self.act(self.ctrl.cancel_correction))],
                        wrap=True,
                    ),
                ],
                spacing=6,
            ),
            bgcolor=ft.Colors.SECONDARY_CONTAINER,
            border_radius=10,
            padding=12,
        )

    def past_row(self, p: PastResult) -> ft.Control:
        """One past result, with Correct and Delete named for the check-in they act on."""
        what = f"{p.name} check-in of {p.date_text}"
        band = p.band_label + (" (corrected)" if p.corrected else "")

        def delete(_: Any) -> None:
            try:
                self.ctrl.delete(p.checkin_id)
            except Exception as exc:  # noqa: BLE001 - told plainly, nothing changed
                self.ctx.show_error(exc)
                return
            self.fill()
            undo_snackbar(
                self.ctx.page, f"Deleted the {what}.", lambda: self.act(self.ctrl.undo_delete)(None)
            )

        buttons = [
            icon_button(
                ft.Icons.EDIT_OUTLINED,
                f"Correct the {what}",
                self.act(lambda: self.ctrl.start_correction(p.checkin_id), to_top=True),
            ),
            icon_button(ft.Icons.DELETE_OUTLINE, f"Delete the {what}", delete),
        ]
        if self.ctx.narrow:  # two short lines leave room for the buttons on a phone
            words: ft.Control = ft.Column(
                [
                    ft.Text(f"{p.date_text} · {p.name}", size=14),
                    ft.Text(f"{p.score} of {p.max_score} · {band}", size=14),
                ],
                spacing=0,
                expand=True,
            )
            return ft.Row([words, *buttons], spacing=0)
        return ft.Row(
            [
                ft.Text(p.date_text, size=14, width=100),
                ft.Text(p.name, size=14, width=56),
                ft.Text(f"{p.score} of {p.max_score}", size=14, width=64),
                ft.Text(band, size=14, expand=True),
                *buttons,
            ],
            spacing=8,
        )

    def history_parts(self, state: CheckinsState) -> list[ft.Control]:
        """The charts and past results, the same controls again while they are unchanged.

        Picking the other questionnaire, or an answer, redraws the column in place: Flet then
        sends only what differs, and the charts (most of the screen) are not sent again.
        """
        key = (state.history, state.trends, state.history_total, state.show_all_history)
        if key != self._history_key:
            self._history_key, self._history = key, self.history(state)
        return self._history

    def history(self, state: CheckinsState) -> list[ft.Control]:
        out: list[ft.Control] = [subheading("How it's been going", size=19)]
        if not state.history:
            out.append(muted("Your scores will show here after your first check-in."))
            return out
        charts: list[ft.Control] = []
        for trend in state.trends:
            extra = (
                [muted(f"Showing your latest {len(trend.points)} check-ins.")]
                if trend.shown_from
                else []
            )
            charts.append(
                card(
                    subheading(f"{trend.name} over time", size=16),
                    score_chart(trend),
                    band_legend(trend.bands),
                    body(trend.sentence),
                    *extra,
                )
            )
        # On a wide window the anxiety and mood charts sit side by side.
        out.extend([columns(charts)] if self.ctx.panes and len(charts) > 1 else charts)
        rows = [self.past_row(p) for p in state.history]
        more: list[ft.Control] = []
        if state.history_total > len(state.history) or state.show_all_history:
            label = (
                "Show fewer"
                if state.show_all_history
                else f"Show all {state.history_total} check-ins"
            )
            more.append(ft.TextButton(content=label, on_click=self.act(self.ctrl.toggle_history)))
        out.append(
            card(
                subheading("Past results", size=16),
                *rows,
                *more,
            )
        )
        return out

    def help_card(self, state: CheckinsState) -> ft.Control:
        """Always within reach, even when nothing on the form asks for it."""
        if state.crisis is not None:
            return ft.Container()
        if not state.show_help:
            return ft.Row(
                [
                    ft.TextButton(
                        content="Need to talk to someone right now?",
                        icon=ft.Icons.FAVORITE_BORDER,
                        on_click=self.act(self.ctrl.toggle_help),
                    )
                ]
            )
        return crisis_card(self.ctrl.crisis(), self.country_pick())


def build(ctx: ScreenContext) -> ft.Control:
    view = CheckinsView(ctx)
    view.fill(update=False)
    ctx.below_fold(view.column, view.top_parts)
    return view.column


SCREEN = ScreenSpec(
    key="checkins",
    title="Check-ins",
    icon=ft.Icons.CHECKLIST_OUTLINED,
    selected_icon=ft.Icons.CHECKLIST,
    build=build,
    in_bottom_bar=True,
    prepare=lambda session: CheckinsController.for_session(session).prepare(),
)

"""Shortlist: therapists to consider, best fit first, each fit explained in words.

The screen draws ``ShortlistController`` state and forwards events; after an action the
column is refilled in place (the scroll position stays) and reached milestones are
celebrated.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from journal_app.core.shortlist import MET, MISSED
from journal_app.ui.context import ScreenContext, ScreenSpec
from journal_app.ui.controllers.shortlist import (
    REFERRAL_KIND_LABELS,
    CandidateCard,
    ReasonRow,
    ShortlistController,
    ShortlistState,
)
from journal_app.ui.in_place import InPlaceView
from journal_app.ui.widgets import (
    body,
    heading,
    icon_button,
    muted,
    primary,
    screen_column,
    secondary,
    subheading,
)

REASON_ICONS = {
    MET: (ft.Icons.CHECK_CIRCLE_OUTLINE, ft.Colors.PRIMARY),
    MISSED: (ft.Icons.REMOVE_CIRCLE_OUTLINE, ft.Colors.ERROR),
}
UNKNOWN_ICON = (ft.Icons.HELP_OUTLINE, ft.Colors.ON_SURFACE_VARIANT)


def reason_line(reason: ReasonRow) -> ft.Control:
    """An icon and the words; the words alone say met, missed or not known."""
    icon, color = REASON_ICONS.get(reason.outcome, UNKNOWN_ICON)
    return ft.Row(
        [ft.Icon(icon, size=18, color=color), ft.Text(reason.text, size=14, expand=True)],
        vertical_alignment=ft.CrossAxisAlignment.START,
        spacing=8,
    )


def stretch_card(controls: list[ft.Control]) -> ft.Card:
    """A card whose fields use the full width (narrow fields look cramped on a phone)."""
    return ft.Card(
        content=ft.Container(
            ft.Column(controls, spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
            padding=16,
        )
    )


class ShortlistView(InPlaceView):
    def __init__(self, ctx: ScreenContext) -> None:
        self.ctx = ctx
        self.ctrl = ShortlistController.for_session(ctx.session)
        self.column = screen_column([])

    def fill(self, update: bool = True) -> None:
        self.column.controls = self.parts(self.ctrl.state())
        if update:
            self.column.update()

    def act(
        self, action: Callable[[], Any], *, inline: bool = False, said: str | None = None
    ) -> Callable[[Any], None]:
        """Do it, redraw in place, celebrate anything reached (``said``: a short toast)."""

        def handler(_: Any) -> None:
            done, result = self.attempt(action, inline=inline)
            if not done:
                return
            if said:
                self.ctx.toast(said)
            if isinstance(result, tuple):  # (candidate, celebrations) from add
                self.ctx.toast(f"{result[0].name} is on your shortlist.")
                result = result[1]
            if isinstance(result, list) and result:
                self.ctx.celebrate(result)

        return handler

    # --- the screen -------------------------------------------------------------------------

    def parts(self, state: ShortlistState) -> list[ft.Control]:
        out: list[ft.Control] = [heading("Shortlist")]
        if state.cards:
            out.append(
                muted(
                    "Best fit first, measured against what you said matters to you. "
                    "It's a starting point for thinking, not a verdict."
                )
            )
        else:
            out.append(body("Nobody on your shortlist yet. Add anyone you've heard of."))
        if state.nudge:
            out.append(
                ft.Container(
                    ft.Row(
                        [
                            ft.Icon(
                                ft.Icons.LIGHTBULB_OUTLINE, color=ft.Colors.ON_SECONDARY_CONTAINER
                            ),
                            ft.Text(
                                state.nudge,
                                size=14,
                                expand=True,
                                color=ft.Colors.ON_SECONDARY_CONTAINER,
                            ),
                        ],
                        vertical_alignment=ft.CrossAxisAlignment.START,
                    ),
                    bgcolor=ft.Colors.SECONDARY_CONTAINER,
                    border_radius=12,
                    padding=12,
                )
            )
        if state.cards and not state.has_profile:
            out.append(
                ft.Row(
                    [
                        muted("Tell the app what matters to you and each fit will explain itself."),
                        ft.TextButton(
                            content="My preferences",
                            on_click=lambda _: self.ctx.go("preferences"),
                        ),
                    ],
                    wrap=True,
                )
            )
        out.append(self.add_form(state))
        out.extend(self.candidate(c, state) for c in state.cards)
        return out

    def candidate(self, c: CandidateCard, state: ShortlistState) -> ft.Control:
        ctrl = self.ctrl
        title: list[ft.Control] = [subheading(c.name, size=18)]
        if c.credentials:
            title.append(muted(c.credentials))
        status = ft.Dropdown(
            label="Status",
            value=c.status,
            options=[ft.DropdownOption(key=k, text=label) for k, label in state.statuses],
            on_select=lambda e: self.act(lambda: ctrl.set_status(c.id, e.control.value))(e),
            width=260,
            dense=True,
        )
        parts: list[ft.Control] = [
            ft.Row(
                [
                    ft.Column(title, spacing=2, expand=True),
                    icon_button(
                        ft.Icons.DELETE_OUTLINE,
                        f"Remove {c.name}",
                        lambda _: self.ctx.confirm(
                            f"Take {c.name} off your shortlist?",
                            "Their details and your notes about them will be removed. "
                            "This can't be undone.",
                            "Remove",
                            lambda: self.act(lambda: ctrl.remove(c.id))(None),
                        ),
                    ),
                ],
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            ft.Row([ft.Semantics(label="Status", content=status)]),
        ]
        if c.contact:
            parts.append(body(f"Contact: {c.contact}", selectable=True))
        parts.extend(ft.Text(line, size=14) for line in c.details)
        if c.referred_by:
            parts.append(
                ft.Row(
                    [
                        ft.Icon(ft.Icons.VOLUNTEER_ACTIVISM, size=18),
                        ft.Text(f"Suggested by {c.referred_by}", size=14, expand=True),
                    ],
                    spacing=8,
                )
            )
        parts.append(ft.Divider(height=8))
        parts.append(ft.Text("How they fit", size=15, weight=ft.FontWeight.W_600))
        # With reasons listed one per line below, the sentence's head is enough above them.
        parts.append(body(c.sentence.split(":")[0] + "." if c.reasons else c.sentence))
        parts.extend(reason_line(r) for r in c.reasons)
        parts.append(
            ft.TextField(
                label="Notes",
                value=ctrl.notes_draft(c),
                multiline=True,
                min_lines=1,
                max_lines=6,
                on_change=lambda e: ctrl.set_notes_draft(c.id, e.control.value),
            )
        )
        parts.append(
            ft.Row(
                [
                    secondary(
                        "Save notes",
                        self.act(lambda: ctrl.save_notes(c.id), said="Notes saved."),
                        icon=ft.Icons.SAVE_OUTLINED,
                    )
                ]
            )
        )
        return ft.Semantics(container=True, label=c.name, content=stretch_card(parts))

    def add_form(self, state: ShortlistState) -> ft.Control:
        ctrl = self.ctrl
        if not state.form_open:
            return ft.Row(
                [
                    primary(
                        "Add a therapist",
                        self.act(lambda: ctrl.open_form(True)),
                        icon=ft.Icons.PERSON_ADD,
                    )
                ]
            )
        d = state.draft

        def text(name: str, label: str, **kw: Any) -> ft.TextField:
            return ft.TextField(
                label=label,
                value=getattr(d, name),
                on_change=lambda e: ctrl.set_draft(name, e.control.value),
                **kw,
            )

        def chips(which: str, choices: tuple[tuple[str, str], ...]) -> ft.Control:
            chosen = getattr(d, which)
            return ft.Row(
                [
                    ft.Chip(
                        label=ft.Text(label),
                        selected=choice_id in chosen,
                        on_select=lambda e, cid=choice_id: ctrl.toggle_choice(
                            which, cid, bool(e.control.selected)
                        ),
                    )
                    for choice_id, label in choices
                ],
                wrap=True,
                spacing=6,
                run_spacing=6,
            )

        two = {"xs": 12, "sm": 6}
        controls: list[ft.Control] = [
            subheading("Add a therapist"),
            muted("Only the name is needed; you can fill in the rest as you find out."),
            ft.ResponsiveRow(
                [
                    text("name", "Name", col=two),
                    text("credentials", "Credentials", col=two, hint_text="e.g. PsyD, LCSW"),
                    text("contact", "Contact", col=12, hint_text="Phone, email or website"),
                    text(
                        "modalities",
                        "Approaches (comma-separated)",
                        col=two,
                        hint_text="e.g. CBT, ACT",
                    ),
                    text(
                        "specialties",
                        "Helps with (comma-separated)",
                        col=two,
                        hint_text="e.g. anxiety, sleep",
                    ),
                    text(
                        "languages",
                        "Languages (comma-separated)",
                        col=two,
                        hint_text="e.g. English, Spanish",
                    ),
                    text(
                        "fee",
                        "Fee per session",
                        col=two,
                        keyboard_type=ft.KeyboardType.NUMBER,
                    ),
                    text(
                        "insurance",
                        "Insurance (comma-separated)",
                        col=two,
                        hint_text="Plans they accept",
                    ),
                ],
                run_spacing=10,
            ),
            ft.Switch(
                label="Offers a sliding scale (reduced fees)",
                value=d.sliding_scale,
                on_change=lambda e: ctrl.set_sliding_scale(bool(e.control.value)),
            ),
            muted("How you'd meet"),
            chips("formats", state.format_choices),
            muted("When they have times"),
            chips("availability", state.availability_choices),
            ft.ResponsiveRow(
                [
                    text("referred_by", "Who suggested them?", col=two, hint_text="Optional"),
                    ft.Semantics(
                        label="How you know them",
                        col=two,
                        content=ft.Dropdown(
                            label="How you know them",
                            value=d.referral_kind or None,
                            options=[
                                ft.DropdownOption(key=k, text=v)
                                for k, v in REFERRAL_KIND_LABELS.items()
                            ],
                            on_select=lambda e: ctrl.set_draft("referral_kind", e.control.value),
                            expand=True,
                        ),
                    ),
                ],
                run_spacing=10,
            ),
        ]
        if state.referrers:
            controls.append(
                ft.Row(
                    [
                        muted("Used before:"),
                        *(
                            ft.TextButton(
                                content=name,
                                on_click=self.act(lambda n=name: ctrl.set_draft("referred_by", n)),
                            )
                            for name in state.referrers
                        ),
                    ],
                    wrap=True,
                    spacing=4,
                )
            )
        controls.append(text("notes", "Notes", multiline=True, min_lines=1, max_lines=5))
        if d.error:
            controls.append(ft.Text(d.error, color=ft.Colors.ERROR))
        controls.append(
            ft.Row(
                [
                    primary(
                        "Add to my shortlist",
                        self.act(ctrl.add, inline=True),
                        icon=ft.Icons.CHECK,
                    ),
                    secondary("Cancel", self.act(lambda: ctrl.open_form(False))),
                ],
                wrap=True,
            )
        )
        return stretch_card(controls)


def build(ctx: ScreenContext) -> ft.Control:
    view = ShortlistView(ctx)
    view.fill(update=False)
    return view.column


SCREEN = ScreenSpec(
    key="shortlist",
    title="Shortlist",
    icon=ft.Icons.PEOPLE_OUTLINED,
    selected_icon=ft.Icons.PEOPLE,
    build=build,
    in_bottom_bar=False,
)

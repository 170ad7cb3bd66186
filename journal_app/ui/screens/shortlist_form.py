"""The Shortlist's forms: adding a therapist, editing one (the same fields either way),
and the banner over a form kept from before the lock."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import flet as ft

from journal_app.core.drafts import CANDIDATE_NEW
from journal_app.ui.controllers.shortlist import (
    REFERRAL_KIND_LABELS,
    CandidateDraft,
    ShortlistController,
    ShortlistState,
)
from journal_app.ui.in_place import InPlaceView
from journal_app.ui.widgets import (
    muted,
    primary,
    secondary,
    subheading,
    typing_only,
)


def stretch_card(controls: list[ft.Control]) -> ft.Card:
    """A card whose fields use the full width (narrow fields look cramped on a phone)."""
    return ft.Card(
        content=ft.Container(
            ft.Column(controls, spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
            padding=16,
        )
    )


class ShortlistForms(InPlaceView):
    """The forms, and ``act`` (do it, redraw in place) that every part of the screen uses."""

    ctrl: ShortlistController

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
        return stretch_card(
            [
                self.candidate_form(
                    state.draft,
                    state,
                    form=CANDIDATE_NEW,
                    title="Add a therapist",
                    intro="Only the name is needed; you can fill in the rest as you find out.",
                    save_label="Add to my shortlist",
                    on_save=self.act(ctrl.add, inline=True),
                    on_cancel=self.act(lambda: ctrl.open_form(False)),
                    set_field=ctrl.set_draft,
                    toggle=ctrl.toggle_choice,
                    set_sliding=ctrl.set_sliding_scale,
                )
            ]
        )

    def candidate_form(
        self,
        d: CandidateDraft,
        state: ShortlistState,
        *,
        form: str,
        title: str,
        save_label: str,
        on_save: Callable[[Any], None],
        on_cancel: Callable[[Any], None],
        set_field: Callable[[str, str], None],
        toggle: Callable[[str, str, bool], None],
        set_sliding: Callable[[bool], None],
        intro: str | None = None,
    ) -> ft.Control:
        """The one form for adding and editing a therapist: the same fields either way.

        A refusal is shown at the field it is about, and that field takes the focus, so the
        person need not hunt for the reason at the bottom of a long form.
        """
        at_fault = d.error_field if d.error else None
        first_box = self.ctrl.take_focus_form(form)  # "Keep going" on its draft banner

        def text(name: str, label: str, **kw: Any) -> ft.TextField:
            fault = at_fault == name
            box = ft.TextField(
                label=label,
                value=getattr(d, name),
                on_change=typing_only(lambda e: set_field(name, e.control.value)),
                on_focus=self.ctx.active,
                error=d.error if fault else None,
                autofocus=fault,
                error_max_lines=3,
                **kw,
            )
            if first_box and name == "name":
                self.ctx.focus(box)
            return box

        def chips(which: str, choices: tuple[tuple[str, str], ...]) -> ft.Control:
            chosen = getattr(d, which)
            return ft.Row(
                [
                    ft.Chip(
                        label=ft.Text(label),
                        selected=choice_id in chosen,
                        on_select=lambda e, cid=choice_id: toggle(
                            which, cid, bool(e.control.selected)
                        ),
                    )
                    for choice_id, label in choices
                ],
                wrap=True,
                spacing=6,
                run_spacing=6,
            )

        two: dict[str | ft.ResponsiveRowBreakpoint, int | float] = {"xs": 12, "sm": 6}
        controls: list[ft.Control] = [subheading(title, level=3 if intro is None else 2)]
        if form in state.restored:  # kept from before the lock: say so, above the form
            controls.insert(0, self.draft_part(form))
        if intro:
            controls.append(muted(intro))
        controls += [
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
                    text("fee", "Fee per session", col=two, hint_text="e.g. $140 or sliding scale"),
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
                on_change=lambda e: set_sliding(bool(e.control.value)),
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
                            on_select=lambda e: set_field("referral_kind", e.control.value),
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
                                on_click=self.act(
                                    functools.partial(set_field, "referred_by", name)
                                ),
                            )
                            for name in state.referrers
                        ),
                    ],
                    wrap=True,
                    spacing=4,
                )
            )
        controls.append(text("notes", "Notes", multiline=True, min_lines=1, max_lines=5))
        if d.error and at_fault is None:  # a reason not about one field: beside the buttons
            controls.append(ft.Text(d.error, color=ft.Colors.ERROR))
        controls.append(
            ft.Row(
                [
                    primary(save_label, on_save, icon=ft.Icons.CHECK),
                    secondary("Cancel", on_cancel),
                ],
                wrap=True,
            )
        )
        return ft.Column(controls, spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)

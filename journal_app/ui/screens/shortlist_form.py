"""The Shortlist's forms: adding a therapist, editing one (the same fields either way),
and the banner over a form kept from before the lock."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import flet as ft

from journal_app.core.drafts import CANDIDATE_NEW
from journal_app.ui.controllers.shortlist import (
    CandidateDraft,
    ShortlistController,
    ShortlistState,
)
from journal_app.ui.in_place import InPlaceView
from journal_app.ui.screens.shortlist_fields import CandidateFields
from journal_app.ui.widgets import (
    muted,
    primary,
    secondary,
    subheading,
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
        fields = CandidateFields(
            d,
            set_field,
            toggle,
            set_sliding,
            active=self.ctx.active,
            focus=self.ctx.focus,
            first_box=self.ctrl.take_focus_form(form),  # "Keep going" on its draft banner
        )
        controls: list[ft.Control] = [subheading(title, level=3 if intro is None else 2)]
        if form in state.restored:  # kept from before the lock: say so, above the form
            controls.insert(0, self.draft_part(form))
        if intro:
            controls.append(muted(intro))
        controls += [
            fields.about(),
            *fields.meeting(state.format_choices, state.availability_choices),
            fields.referral(),
        ]
        if state.referrers:
            controls.append(self.referrers_row(state.referrers, set_field))
        controls.append(fields.text("notes", "Notes", multiline=True, min_lines=1, max_lines=5))
        if d.error and fields.at_fault is None:  # a reason not about one field: by the buttons
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

    def referrers_row(
        self, referrers: tuple[str, ...], set_field: Callable[[str, str], None]
    ) -> ft.Control:
        """Names used before in "Who suggested them?", one tap each, so a GP who suggested
        three therapists is typed once."""
        return ft.Row(
            [
                muted("Used before:"),
                *(
                    ft.TextButton(
                        content=name,
                        on_click=self.act(functools.partial(set_field, "referred_by", name)),
                    )
                    for name in referrers
                ),
            ],
            wrap=True,
            spacing=4,
        )

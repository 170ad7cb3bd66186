"""The fields of the therapist form (adding and editing alike), bound to one draft.

Each field writes what is typed straight to the draft through the form's setters, so a
redraw never loses it; a refusal is shown at the field it is about, which takes the focus.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import flet as ft

from journal_app.ui.controllers.shortlist import REFERRAL_KIND_LABELS, CandidateDraft
from journal_app.ui.widgets import muted, typing_only

# Two fields side by side from a small tablet up, one a row on a phone.
TWO: dict[str | ft.ResponsiveRowBreakpoint, int | float] = {"xs": 12, "sm": 6}
# The draft's field, its label, and the example shown in the empty box.
ABOUT: tuple[tuple[str, str, str | None], ...] = (
    ("name", "Name", None),
    ("credentials", "Credentials", "e.g. PsyD, LCSW"),
    ("contact", "Contact", "Phone, email or website"),
    ("modalities", "Approaches (comma-separated)", "e.g. CBT, ACT"),
    ("specialties", "Helps with (comma-separated)", "e.g. anxiety, sleep"),
    ("languages", "Languages (comma-separated)", "e.g. English, Spanish"),
    ("fee", "Fee per session", "e.g. $140 or sliding scale"),
    ("insurance", "Insurance (comma-separated)", "Plans they accept"),
)


@dataclass
class CandidateFields:
    """One form's fields: its draft, where typing goes, and which box takes the focus."""

    draft: CandidateDraft
    set_field: Callable[[str, str], None]
    toggle: Callable[[str, str, bool], None]
    set_sliding: Callable[[bool], None]
    active: Callable[[Any], None]
    focus: Callable[[ft.Control], None]
    first_box: bool  # "Keep going" on its draft banner: the name box takes the focus

    @property
    def at_fault(self) -> str | None:
        """The field a refusal is about, if any."""
        return self.draft.error_field if self.draft.error else None

    def text(self, name: str, label: str, **kw: Any) -> ft.TextField:
        """A box for one of the draft's fields, showing its refusal when it is at fault."""
        fault = self.at_fault == name
        box = ft.TextField(
            label=label,
            value=getattr(self.draft, name),
            on_change=typing_only(lambda e: self.set_field(name, e.control.value)),
            on_focus=self.active,
            error=self.draft.error if fault else None,
            autofocus=fault,
            error_max_lines=3,
            **kw,
        )
        if self.first_box and name == "name":
            self.focus(box)
        return box

    def chips(self, which: str, choices: tuple[tuple[str, str], ...]) -> ft.Control:
        """A chip per choice (how they meet, when they have times), several at once."""
        chosen = getattr(self.draft, which)
        return ft.Row(
            [
                ft.Chip(
                    label=ft.Text(label),
                    selected=choice_id in chosen,
                    on_select=lambda e, cid=choice_id: self.toggle(
                        which, cid, bool(e.control.selected)
                    ),
                )
                for choice_id, label in choices
            ],
            wrap=True,
            spacing=6,
            run_spacing=6,
        )

    def about(self) -> ft.Control:
        """Who they are and what they offer: name first, the only field needed."""
        return ft.ResponsiveRow(
            [
                self.text(name, label, col=12 if name == "contact" else TWO, hint_text=hint)
                for name, label, hint in ABOUT
            ],
            run_spacing=10,
        )

    def meeting(
        self, formats: tuple[tuple[str, str], ...], availability: tuple[tuple[str, str], ...]
    ) -> list[ft.Control]:
        """A sliding scale, how they would meet and when they have times."""
        return [
            ft.Switch(
                label="Offers a sliding scale (reduced fees)",
                value=self.draft.sliding_scale,
                on_change=lambda e: self.set_sliding(bool(e.control.value)),
            ),
            muted("How you'd meet"),
            self.chips("formats", formats),
            muted("When they have times"),
            self.chips("availability", availability),
        ]

    def referral(self) -> ft.Control:
        """Who suggested them and how the person knows them (the dropdown named once, by
        its Semantics, so a screen reader hears one name)."""
        return ft.ResponsiveRow(
            [
                self.text("referred_by", "Who suggested them?", col=TWO, hint_text="Optional"),
                ft.Semantics(
                    label="How you know them",
                    col=TWO,
                    content=ft.Dropdown(
                        label="How you know them",
                        value=self.draft.referral_kind or None,
                        options=[
                            ft.DropdownOption(key=k, text=v)
                            for k, v in REFERRAL_KIND_LABELS.items()
                        ],
                        on_select=lambda e: self.set_field("referral_kind", e.control.value),
                        expand=True,
                    ),
                ),
            ],
            run_spacing=10,
        )

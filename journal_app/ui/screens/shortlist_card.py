"""One therapist on the Shortlist: who they are, their status, how they fit (met, missed
or worth asking, with the answers they gave) and the person's notes."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import flet as ft

from journal_app.core.drafts import candidate_edit, candidate_notes
from journal_app.core.shortlist import MET, MISSED, mid_sentence
from journal_app.ui.controllers.shortlist import (
    CandidateCard,
    CandidateDraft,
    ReasonRow,
    ShortlistState,
)
from journal_app.ui.screens.shortlist_form import ShortlistForms, stretch_card
from journal_app.ui.widgets import (
    body,
    icon_button,
    muted,
    secondary,
    subheading,
    typing_only,
    undo_snackbar,
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


def headline(sentence: str) -> str:
    """The fit's first clause ("Meets 1 of 6 must-haves; 5 worth asking."): the reasons
    are listed one per line below it, so the rest of the sentence would only repeat them."""
    cut = min((i for i in (sentence.find(":"), sentence.find(". ")) if i >= 0), default=-1)
    head = sentence if cut < 0 else sentence[:cut].rstrip(".") + "."
    done = "Nothing left worth asking."  # the fit is complete: that is news, say it
    return f"{head} {done}" if sentence.endswith(done) and not head.endswith(done) else head


class CandidateParts(ShortlistForms):
    """A therapist's card, built from the controller's ``CandidateCard``."""

    def remove(self, c: CandidateCard) -> Callable[[Any], None]:
        def undo() -> None:
            done, back = self.attempt(self.ctrl.undo_remove)
            if done and back is not None:
                self.ctx.toast(f"{back.name} is back on your shortlist.")

        def handler(_: Any) -> None:
            done, _result = self.attempt(lambda: self.ctrl.remove(c.id))
            if done:
                undo_snackbar(self.ctx.page, f"{c.name} was taken off your shortlist.", undo)

        return handler

    def fit_parts(
        self, c: CandidateCard, answering: frozenset[tuple[str, str]] = frozenset()
    ) -> list[ft.Control]:
        """The headline, then every must-have and preference: met, missed or worth asking
        (with the question to ask), and a button to put those questions on the list."""
        parts: list[ft.Control] = [
            subheading("How they fit", size=15, level=3),
            body(headline(c.sentence) if c.reasons else c.sentence),
        ]
        for r in c.reasons:
            parts.append(reason_line(r))
            if r.question:
                parts.append(ft.Container(muted(r.question), padding=ft.Padding.only(left=26)))
            if r.answers and (c.id, r.dimension) in answering:
                parts.append(self.answer_controls(c, r))
            elif r.answers:
                parts.append(self.open_answers_control(c, r))
            elif r.said:
                parts.append(self.forget_control(c, r))
        if c.questions:
            parts.append(
                ft.Row(
                    [
                        secondary(
                            "Add these to my questions",
                            self.add_questions(c),
                            icon=ft.Icons.PLAYLIST_ADD,
                        )
                    ],
                    wrap=True,
                )
            )
        return parts

    def open_answers_control(self, c: CandidateCard, r: ReasonRow) -> ft.Control:
        """Beside a "worth asking" line: one tap opens its answers."""
        show = self.act(lambda: self.ctrl.open_answers(c.id, r.dimension))
        return self.indented_button(
            f"Record what {c.name} said on {mid_sentence(r.label)}", "They answered…", show
        )

    def indented_button(self, name: str, words: str, handler: Callable) -> ft.Control:
        """A text button under its line, named in full for a screen reader."""
        button = ft.Semantics(
            label=name,
            button=True,
            exclude_semantics=True,
            on_tap=handler,
            content=ft.TextButton(content=words, on_click=handler),
        )
        return ft.Container(
            button, padding=ft.Padding.only(left=26), alignment=ft.Alignment.CENTER_LEFT
        )

    def answer_controls(self, c: CandidateCard, r: ReasonRow) -> ft.Control:
        """Beside a "worth asking" line: one button per answer, to record what they said.
        Each button's name says whose answer to what, so it is never ambiguous when heard."""
        buttons: list[ft.Control] = [muted("They said:")]
        for value, words in r.answers:
            said = self.act(
                functools.partial(self.ctrl.record_answer, c.id, r.dimension, value),
                said=f"Noted what {c.name} said.",
            )
            buttons.append(
                ft.Semantics(
                    label=f"{words}: {c.name} on {mid_sentence(r.label)}",
                    button=True,
                    exclude_semantics=True,
                    on_tap=said,
                    content=ft.OutlinedButton(content=words, on_click=said),
                )
            )
        close = self.act(lambda: self.ctrl.open_answers(c.id, r.dimension, False))
        buttons.append(ft.TextButton(content="Not now", on_click=close))
        return ft.Container(
            ft.Row(buttons, wrap=True, spacing=6, run_spacing=6),
            padding=ft.Padding.only(left=26),
        )

    def forget_control(self, c: CandidateCard, r: ReasonRow) -> ft.Control:
        """An answer recorded by mistake can be taken back: it is worth asking again."""
        forget = self.act(
            lambda: self.ctrl.forget_answer(c.id, r.dimension),
            said="Forgotten: worth asking again.",
        )
        return self.indented_button(
            f"Forget what {c.name} said on {mid_sentence(r.label)}", "Forget what they said", forget
        )

    def add_questions(self, c: CandidateCard) -> Callable[[Any], None]:
        def handler(_: Any) -> None:
            done, added = self.attempt(lambda: self.ctrl.add_questions_from_fit(c.id))
            if not done:
                return
            if added:
                n = len(added)
                self.ctx.toast(
                    f"Added {n} question{'s' if n != 1 else ''} to ask {c.name}; they're in Review."
                )
            else:
                self.ctx.toast("Those questions are already on your list.")

        return handler

    def candidate(self, c: CandidateCard, state: ShortlistState) -> ft.Control:
        """A therapist's card: its title, then their form while it is being edited, or
        what is known about them, how they fit and the person's notes."""
        editing = self.ctrl.edit_draft(c.id)
        parts: list[ft.Control] = [self.title_row(c)]
        if editing is not None:
            parts.append(self.edit_form(c, editing, state))
            return ft.Semantics(container=True, label=c.name, content=stretch_card(parts))
        parts.append(self.status_row(c, state))
        parts.extend(self.details(c))
        parts.append(ft.Divider(height=8))
        parts.extend(self.fit_parts(c, state.answering))
        parts.extend(self.notes_parts(c, state))
        return ft.Semantics(container=True, label=c.name, content=stretch_card(parts))

    def title_row(self, c: CandidateCard) -> ft.Control:
        """The name (and credentials) with Remove beside it, named for whom it removes."""
        title: list[ft.Control] = [subheading(c.name, size=18)]
        if c.credentials:
            title.append(muted(c.credentials))
        return ft.Row(
            [
                ft.Column(title, spacing=2, expand=True),
                icon_button(ft.Icons.DELETE_OUTLINE, f"Remove {c.name}", self.remove(c)),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
        )

    def edit_form(
        self, c: CandidateCard, editing: CandidateDraft, state: ShortlistState
    ) -> ft.Control:
        """The same form as adding, on the card, writing to this therapist's edit draft."""
        ctrl = self.ctrl
        return self.candidate_form(
            editing,
            state,
            form=candidate_edit(c.id),
            title=f"Edit {c.name}",
            save_label="Save changes",
            on_save=self.act(lambda: ctrl.save_edit(c.id), inline=True, said="Saved."),
            on_cancel=self.act(lambda: ctrl.cancel_edit(c.id)),
            set_field=lambda name, value: ctrl.set_edit_field(c.id, name, value),
            toggle=lambda which, cid, on: ctrl.toggle_edit_choice(c.id, which, cid, on),
            set_sliding=lambda on: ctrl.set_edit_sliding_scale(c.id, on),
        )

    def status_row(self, c: CandidateCard, state: ShortlistState) -> ft.Control:
        """Status, Edit details and Compare: what the person does with a therapist."""
        ctrl = self.ctrl
        status = ft.Dropdown(
            label="Status",
            value=c.status,
            options=[ft.DropdownOption(key=k, text=label) for k, label in state.statuses],
            on_select=lambda e: self.act(lambda: ctrl.set_status(c.id, e.control.value))(e),
            width=260,
            dense=True,
        )
        return ft.Row(
            [
                # The name carries the current status: a screen reader does not hear
                # the dropdown's own text, only this name.
                ft.Semantics(
                    label=f"Status: {dict(state.statuses).get(c.status, c.status)}",
                    content=status,
                ),
                secondary(
                    "Edit details",
                    self.act(lambda: ctrl.begin_edit(c.id)),
                    icon=ft.Icons.EDIT_OUTLINED,
                ),
                ft.Checkbox(
                    label=f"Compare {c.name}",
                    value=c.id in state.compared,
                    on_change=lambda e: self.act(
                        lambda: ctrl.toggle_compare(c.id, bool(e.control.value))
                    )(e),
                ),
            ],
            wrap=True,
        )

    def details(self, c: CandidateCard) -> list[ft.Control]:
        """How to reach them, the facts found out so far, and who suggested them."""
        parts: list[ft.Control] = []
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
        return parts

    def notes_parts(self, c: CandidateCard, state: ShortlistState) -> list[ft.Control]:
        """The person's notes on them (with the banner when kept from before the lock),
        and Save notes; the box takes the focus when its draft's "Keep going" asks."""
        ctrl = self.ctrl
        parts: list[ft.Control] = []
        notes_form = candidate_notes(c.id)
        if notes_form in state.restored:  # notes kept from before the lock
            parts.append(self.draft_part(notes_form))
        notes = ft.TextField(
            label="Notes",
            value=ctrl.notes_draft(c),
            multiline=True,
            min_lines=1,
            max_lines=6,
            on_change=typing_only(lambda e: ctrl.set_notes_draft(c.id, e.control.value)),
            on_focus=self.ctx.active,
        )
        if ctrl.take_focus_form(notes_form):
            self.ctx.focus(notes)
        parts.append(notes)
        save = self.act(lambda: ctrl.save_notes(c.id), said="Notes saved.")
        parts.append(ft.Row([secondary("Save notes", save, icon=ft.Icons.SAVE_OUTLINED)]))
        return parts

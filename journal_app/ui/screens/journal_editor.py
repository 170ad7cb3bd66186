"""The Journal's form: write an entry (or change one), rate it, name feelings, try an exercise.

Each part of the form is built by a method of its own; the state they show and change is
the controller's (``ui/controllers/journal.py``), so a rebuild never loses a word.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import flet as ft

from journal_app.app.clock import local_time
from journal_app.ui.breathing_start import breathing_button
from journal_app.ui.context import ScreenContext
from journal_app.ui.controllers.journal import JournalController
from journal_app.ui.draft_banner import draft_banner, offer_undo
from journal_app.ui.rating_slider import rating_slider
from journal_app.ui.widgets import (
    body,
    fields_card,
    icon_button,
    icon_note,
    labelled,
    markdown_preview,
    muted,
    primary,
    secondary,
    subheading,
    typing_only,
)

NO_EXERCISE = "__none__"


def error_text(message: str | None) -> ft.Text:
    return ft.Text(message or "", color=ft.Colors.ERROR, size=14, visible=bool(message))


def entry_date_words(moment: datetime) -> str:
    """ "Sunday 29 November 2026, 21:30", the way the entry list shows days."""
    return f"{moment:%A} {moment.day} {moment:%B %Y, %H:%M}"


class Editor:
    """One drawing of the form. ``after_save`` runs once an entry is saved, ``redraw``
    draws the form again in place (the draft banner's buttons), ``back`` returns to the
    entries (on a phone, where the form has the screen to itself), and ``cancelled``
    runs once an edit is given up."""

    def __init__(
        self,
        ctx: ScreenContext,
        ctrl: JournalController,
        *,
        after_save: Callable[[], None],
        redraw: Callable[[], None],
        back: Callable[[], None] | None = None,
        cancelled: Callable[[], None] | None = None,
    ) -> None:
        self.ctx = ctx
        self.ctrl = ctrl
        self.after_save = after_save
        self.redraw = redraw
        self.back = back
        self.cancelled = cancelled or ctx.refresh
        self.error = error_text(ctrl.error)
        self.fields: dict[str, ft.Control] = {}  # parts focus can go to, by ctrl.focus name

    def build(self, focus: str | None) -> ft.Control:
        """The whole form in a card; keyboard focus to the part named ``focus``, if any."""
        parts = [
            *self.top(),
            self.writing(),  # first, so a new entry starts where the person types
            rating_slider("Anxiety", self.ctrl.form.anxiety, self.ctrl.set_anxiety, clearable=True),
            self.feelings(),
            self.tags(),
            self.coping(),
            self.when(),  # back-dating is the rare case: after the entry itself
            self.error,
            self.actions(),
        ]
        if focus in self.fields:
            self.ctx.focus(self.fields[focus])
        return fields_card(*parts)

    # --- messages --------------------------------------------------------------------------

    def show_error(self, message: str | None) -> None:
        self.error.value = message or ""
        self.error.visible = bool(message)
        self.error.update()

    def focus_fault(self) -> None:
        """After a refusal: focus on the field it is about (the controller names it)."""
        target = self.fields.get(self.ctrl.take_focus() or "")
        if target is not None:
            self.ctx.focus(target)

    def top(self) -> list[ft.Control]:
        """Back to the entries (phone), the draft's banner, the saved notice, the title."""
        ctrl = self.ctrl
        parts: list[ft.Control] = []
        if self.back is not None:
            back = self.back
            parts.append(
                ft.Row(
                    [
                        ft.TextButton(
                            content="Back to entries",
                            icon=ft.Icons.ARROW_BACK,
                            on_click=lambda _: back(),
                        )
                    ]
                )
            )
        if ctrl.showing_draft():  # kept from before the lock: say so, above the form
            parts.append(self.draft_part())
        if ctrl.notice:  # just saved: say so here, where the person is looking
            parts.append(saved_banner(ctrl.notice))
        parts.append(subheading("Edit entry" if ctrl.editing_id is not None else "New entry"))
        return parts

    def draft_part(self) -> ft.Control:
        """ "You were writing this": keep going (focus to the writing) or discard (undoable)."""
        ctx, ctrl = self.ctx, self.ctrl

        def keep() -> None:
            ctrl.keep_going()
            self.redraw()

        def undo() -> None:
            try:
                ctrl.undo_discard()
            except Exception as exc:  # noqa: BLE001 - told plainly
                ctx.show_error(exc)
                return
            self.redraw()

        def discard() -> None:
            try:
                ctrl.discard_draft()
            except Exception as exc:  # noqa: BLE001 - told plainly, the draft kept
                ctx.show_error(exc)
                return
            self.redraw()
            offer_undo(ctx, undo)

        return draft_banner(ctx, ctrl.form_key, on_keep=keep, on_discard=discard)

    # --- the writing -----------------------------------------------------------------------

    def writing(self) -> ft.Control:
        """The free writing, or its Markdown preview, and the switch between them."""
        ctrl = self.ctrl
        column = ft.Column(spacing=6, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)

        def typed(e: ft.Event[ft.TextField]) -> None:
            had_error = bool(ctrl.error)
            ctrl.set_text(e.control.value or "")
            if had_error and not ctrl.error:
                self.show_error(None)

        def fill() -> None:
            if ctrl.preview:
                shown: ft.Control = markdown_preview(ctrl.form.text)
            else:
                shown = ft.TextField(
                    label="What's on your mind?",
                    value=ctrl.form.text,
                    hint_text="Write freely. Markdown works: *italic*, **bold**, - lists.",
                    multiline=True,
                    min_lines=5,
                    max_lines=16,
                    on_change=typing_only(typed),
                    on_focus=self.ctx.active,
                )
                self.fields["writing"] = shown
            column.controls = [
                shown,
                ft.Switch(label="Preview", value=ctrl.preview, on_change=toggled),
            ]

        def toggled(_: Any) -> None:
            ctrl.toggle_preview()
            fill()
            column.update()

        fill()
        return column

    # --- feelings and tags -----------------------------------------------------------------

    def feelings(self) -> ft.Control:
        """The usual feelings and the person's own as chips, and a box to add another."""
        ctrl = self.ctrl
        chips = ft.Row(wrap=True, spacing=6, run_spacing=6)

        def chip_handler(name: str) -> Callable[[ft.Event[ft.Chip]], None]:
            def picked(e: ft.Event[ft.Chip]) -> None:
                e.control.selected = ctrl.toggle_feeling(name)
                e.control.update()

            return picked

        def fill_chips() -> None:
            chips.controls = [
                ft.Chip(
                    label=name,  # a plain string: one control a chip, not two
                    selected=ctrl.is_feeling_chosen(name),
                    on_select=chip_handler(name),
                )
                for name in ctrl.feeling_choices()
            ]

        def add() -> None:
            if ctrl.add_feeling():
                new_feeling.value = ""
                fill_chips()
                chips.update()
                new_feeling.update()
                self.show_error(None)
            else:
                self.show_error(ctrl.error)
                self.ctx.focus(new_feeling)

        fill_chips()
        new_feeling = ft.TextField(
            label="Add a feeling",
            value=ctrl.form.new_feeling,
            on_change=typing_only(lambda e: ctrl.set_new_feeling(e.control.value or "")),
            on_focus=self.ctx.active,
            on_submit=lambda _: add(),
            expand=True,
            dense=True,
        )
        self.fields["new_feeling"] = new_feeling
        return ft.Column(
            [
                body("How are you feeling? Choose any that fit."),
                chips,
                ft.Row(
                    [new_feeling, icon_button(ft.Icons.ADD, "Add feeling", lambda _: add())],
                    vertical_alignment=ft.CrossAxisAlignment.CENTER,
                ),
            ],
            spacing=8,
        )

    def tags(self) -> ft.Control:
        ctrl = self.ctrl
        field = ft.TextField(
            label="Tags",
            value=ctrl.form.tags_text,
            helper="Separate tags with commas",
            on_change=typing_only(lambda e: ctrl.set_tags(e.control.value or "")),
            on_focus=self.ctx.active,
            dense=True,
        )
        self.fields["tags"] = field
        return field

    # --- an optional coping exercise, right here --------------------------------------------

    def coping(self) -> ft.Control:
        """The exercise picker; once one is chosen, its steps and "Anxiety now"."""
        ctrl = self.ctrl
        column = ft.Column(spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)

        def chosen(e: ft.Event[ft.Dropdown]) -> None:
            key = e.control.value
            ctrl.choose_coping(None if key in (None, NO_EXERCISE) else key)
            fill()
            column.update()

        def fill() -> None:
            parts: list[ft.Control] = [
                ft.Row([exercise_menu(ctrl, chosen)]),
                ft.Row([breathing_button(self.ctx, "journal")]),
            ]
            steps = exercise_steps(ctrl)
            if steps is not None:
                parts.append(steps)
            if ctrl.form.coping_id is not None:
                parts.append(
                    rating_slider(
                        "Anxiety now",
                        ctrl.form.anxiety_after,
                        ctrl.set_anxiety_after,
                        clearable=True,
                    )
                )
            column.controls = parts

        fill()
        return column

    # --- when it happened ------------------------------------------------------------------

    def when(self) -> ft.Control:
        """When it happened: now, or a day picked from a calendar (writing about yesterday)."""
        ctx, ctrl = self.ctx, self.ctrl
        words = ft.Text(size=14)
        back_to_now = ft.TextButton(content="Back to now", icon=ft.Icons.UNDO, visible=False)

        def show() -> None:
            """The words say when; "Back to now" is offered only once a day was picked."""
            at = ctrl.form.at
            words.value = "When: now" if at is None else f"When: {entry_date_words(local_time(at))}"
            back_to_now.visible = at is not None

        def picked(e: Any) -> None:
            value = e.control.value
            if isinstance(value, datetime):
                value = value.date()
            if isinstance(value, date) and ctrl.set_when(value):
                self.show_error(None)
            else:
                self.show_error(ctrl.error)
            show()
            row.update()

        def choose(_: Any) -> None:
            today = ctx.session.today()
            ctx.page.show_dialog(
                ft.DatePicker(
                    value=datetime.combine(ctrl.when_day(), datetime.min.time()),
                    first_date=datetime(1990, 1, 1),
                    last_date=datetime.combine(today, datetime.min.time()),
                    help_text="When did this happen?",
                    on_change=picked,
                )
            )

        def now(_: Any) -> None:
            ctrl.set_when(None)
            show()
            row.update()

        back_to_now.on_click = now
        show()
        row = ft.Row(
            [
                words,
                ft.TextButton(
                    content="Change the day", icon=ft.Icons.CALENDAR_MONTH, on_click=choose
                ),
                back_to_now,
            ],
            wrap=True,
            spacing=4,
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        )
        return row

    # --- save and cancel -------------------------------------------------------------------

    def actions(self) -> ft.Control:
        """Save (and, while editing, Cancel editing)."""
        ctx, ctrl = self.ctx, self.ctrl

        def save(_: Any) -> None:
            try:
                saved = ctrl.save()
            except Exception as exc:  # noqa: BLE001 - told plainly, the draft kept
                ctx.show_error(exc)
                return
            if saved is None:
                self.show_error(ctrl.error)
                self.focus_fault()
                return
            self.after_save()
            notice = ctrl.take_notice()
            if notice:
                ctx.toast(notice)

        def cancel(_: Any) -> None:
            ctrl.cancel_edit()
            self.cancelled()

        editing = ctrl.editing_id is not None
        buttons: list[ft.Control] = [
            primary("Save changes" if editing else "Save entry", save, icon=ft.Icons.SAVE)
        ]
        if editing:
            buttons.append(secondary("Cancel editing", cancel))
        return ft.Row(buttons, wrap=True, spacing=10, run_spacing=10)


def exercise_menu(
    ctrl: JournalController, on_select: Callable[[ft.Event[ft.Dropdown]], None]
) -> ft.Control:
    """The coping exercises to pick from, "No exercise this time" first."""
    options = [ft.DropdownOption(key=NO_EXERCISE, text="No exercise this time")]
    options += [ft.DropdownOption(key=k, text=t) for k, t in ctrl.coping_options()]
    return labelled(
        ft.Dropdown(
            label="Coping exercise (optional)",
            value=ctrl.form.coping_id or NO_EXERCISE,
            options=options,
            on_select=on_select,
            expand=True,
        ),
        "Coping exercise (optional)",
    )


def exercise_steps(ctrl: JournalController) -> ft.Control | None:
    """The chosen exercise's why and numbered steps, on a tinted card; None if none."""
    exercise = ctrl.exercise()
    if exercise is None:
        return None
    minutes = f" · about {exercise.minutes} minutes" if exercise.minutes else ""
    return ft.Container(
        ft.Column(
            [
                subheading(exercise.title, size=16),
                muted(exercise.why + minutes),
                *[body(step) for step in exercise.numbered_steps()],
            ],
            spacing=6,
        ),
        bgcolor=ft.Colors.SECONDARY_CONTAINER,
        border_radius=12,
        padding=14,
    )


def saved_banner(notice: str) -> ft.Control:
    """The confirmation of a save, at the top of what the person looks at; a live region,
    so a screen reader says it too."""
    return ft.Semantics(
        live_region=True,
        container=True,
        content=icon_note(ft.Icons.CHECK_CIRCLE, f"{notice} It's in Your entries.", size=15),
    )

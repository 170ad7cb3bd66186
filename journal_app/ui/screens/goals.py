"""Goals: the "Finding a therapist" journey and the person's own goals, with visible progress.

The screen only draws what ``GoalsController`` says and sends events back to it. After an
action the column is refilled in place (so the scroll position stays where the person
is) and any celebration is shown once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import flet as ft

from journal_app.core.drafts import GOAL_NEW, goal_due, goal_rename, goal_step
from journal_app.ui.context import ScreenContext, ScreenSpec
from journal_app.ui.controllers.goals import (
    GoalCard,
    GoalDraft,
    GoalsController,
    GoalsState,
    MilestoneRow,
    StepRow,
)
from journal_app.ui.in_place import InPlaceView
from journal_app.ui.layout import READING_WIDTH
from journal_app.ui.widgets import (
    body,
    card,
    heading,
    icon_button,
    muted,
    primary,
    progress_bar,
    screen_column,
    secondary,
    subheading,
    typing_only,
    undo_snackbar,
)

DATE_LABEL = "Target date (YYYY-MM-DD)"


def _gentle_note(text: str, on_move: Callable[[Any], None], name: str) -> ft.Control:
    """Overdue, said kindly: an icon, the words, and an offer to move the date."""
    return ft.Container(
        ft.Row(
            [
                ft.Icon(ft.Icons.SCHEDULE, size=18, color=ft.Colors.ON_SECONDARY_CONTAINER),
                ft.Text(text, size=13, expand=True, color=ft.Colors.ON_SECONDARY_CONTAINER),
                ft.TextButton(content="Move the date", on_click=on_move),
            ],
            wrap=False,
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        bgcolor=ft.Colors.SECONDARY_CONTAINER,
        border_radius=8,
        padding=ft.Padding.symmetric(horizontal=10, vertical=4),
    )


class GoalsView(InPlaceView):
    def __init__(self, ctx: ScreenContext) -> None:
        self.ctx = ctx
        self.ctrl = GoalsController.for_session(ctx.session)
        self.column = screen_column([])

    # --- plumbing ---------------------------------------------------------------------------

    def fill(self, update: bool = True) -> None:
        state = self.ctrl.state()
        self.column.controls = self.parts(state)
        if update:
            self.column.update()
        if state.celebrations:
            self.ctx.celebrate(state.celebrations)

    def act(self, action: Callable[[], Any], *, inline: bool = False) -> Callable[[Any], None]:
        """An event handler: do it, redraw in place, celebrate what was reached.

        ``inline``: a refused input is already shown next to the form, so no toast.
        """

        def handler(_: Any) -> None:
            done, result = self.attempt(action, inline=inline)
            if done and isinstance(result, list) and result:
                self.ctx.celebrate(result)

        return handler

    def pick_date(self, initial: date | None, on_pick: Callable[[date], None]) -> None:
        today = self.ctx.session.today()

        def changed(e: Any) -> None:
            value = e.control.value
            if isinstance(value, datetime):
                value = value.date()
            if isinstance(value, date):
                on_pick(value)

        self.ctx.page.show_dialog(
            ft.DatePicker(
                value=datetime.combine(max(initial or today, today), datetime.min.time()),
                first_date=datetime.combine(today - timedelta(days=1), datetime.min.time()),
                last_date=datetime.combine(today + timedelta(days=3650), datetime.min.time()),
                help_text="Pick a target date",
                on_change=changed,
            )
        )

    # --- the screen -------------------------------------------------------------------------

    def parts(self, state: GoalsState) -> list[ft.Control]:
        out: list[ft.Control] = [
            heading("Goals"),
            muted("Small steps count. Tick things off as you go; you can always untick."),
        ]
        if state.journey is not None:
            out.append(self.journey_card(state.journey, state))
        out.append(subheading("My own goals"))
        if not state.own:
            out.append(muted("Anything else you'd like to work towards? Add a goal of your own."))
        out.extend(self.own_card(g, state) for g in state.own)
        out.append(self.add_form(state))
        return out

    def progress(self, goal: GoalCard) -> list[ft.Control]:
        return [
            progress_bar(goal.fraction, f"{goal.title} progress"),
            body(goal.sentence),
        ]

    def date_editor(
        self, item_id: str, name: str, current: date | None, state: GoalsState
    ) -> ft.Control:
        typed = self.ctrl.move_text
        form = goal_due(item_id)
        kept = form in state.restored  # a date typed before the lock: its banner first
        field = ft.TextField(
            label="New date (YYYY-MM-DD)",
            value=typed if typed is not None else (current.isoformat() if current else ""),
            dense=True,
            width=220,
            autofocus=not kept,  # the person just asked to move the date: type straight away
            on_change=typing_only(lambda e: self.ctrl.set_move_text(e.control.value)),
            on_focus=self.ctx.active,
        )
        if self.ctrl.take_focus_form(form):
            self.ctx.focus(field)

        def picked(day: date) -> None:
            self.ctrl.set_move_text(day.isoformat())
            field.value = day.isoformat()
            field.update()

        row = ft.Row(
            [
                field,
                icon_button(
                    ft.Icons.CALENDAR_MONTH,
                    "Pick a date",
                    lambda _: self.pick_date(current, picked),
                ),
                ft.FilledButton(
                    content="Save date",
                    on_click=self.act(lambda: self.ctrl.move_date(item_id, field.value or None)),
                ),
                ft.TextButton(
                    content="No date",
                    on_click=self.act(lambda: self.ctrl.move_date(item_id, None)),
                ),
                ft.TextButton(
                    content="Cancel",
                    on_click=self.act(lambda: self.ctrl.start_moving(None)),
                ),
            ],
            wrap=True,
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        )
        if not kept:
            return row
        return ft.Column([self.draft_part(form), row], spacing=8)

    def check_row(
        self,
        title: str,
        done: bool,
        on_toggle: Callable[[bool], Any],
        trailing: ft.Control | None = None,
    ) -> ft.Control:
        """A checkbox named by its title, with the title wrapping on narrow screens."""
        box = ft.Checkbox(
            value=done,
            semantics_label=title,
            on_change=lambda e: self.act(lambda: on_toggle(bool(e.control.value)))(e),
        )
        words = ft.Container(
            ft.Text(title, size=15),
            expand=True,
            on_click=self.act(lambda: on_toggle(not done)),
            padding=ft.Padding.symmetric(vertical=6),
        )
        # The checkbox carries the name; the words are only a bigger place to tap.
        row: list[ft.Control] = [
            box,
            ft.Semantics(exclude_semantics=True, content=words, expand=True),
        ]
        if trailing is not None:
            row.append(trailing)
        return ft.Row(row, spacing=4, vertical_alignment=ft.CrossAxisAlignment.CENTER)

    def milestone_row(self, m: MilestoneRow, state: GoalsState) -> list[ft.Control]:
        trailing = None
        if not m.done:
            trailing = icon_button(
                ft.Icons.EVENT_OUTLINED,
                f"Set a date for {m.title}",
                self.act(functools.partial(self.ctrl.start_moving, m.id)),
            )
        row = self.check_row(
            m.title, m.done, functools.partial(self.ctrl.set_milestone, m.id), trailing
        )
        out: list[ft.Control] = [row]
        move = self.act(functools.partial(self.ctrl.start_moving, m.id))
        if m.note:
            out.append(_gentle_note(m.note, move, m.title))
        elif m.due and not m.done:
            out.append(muted(f"    Planned for {m.due.day} {m.due:%B %Y}"))
        if state.moving == m.id:
            out.append(self.date_editor(m.id, m.title, m.due, state))
        return out

    def journey_card(self, goal: GoalCard, state: GoalsState) -> ft.Control:
        rows: list[ft.Control] = []
        for m in goal.milestones:
            rows.extend(self.milestone_row(m, state))
        return ft.Semantics(
            container=True,
            label=goal.title,
            content=card(
                subheading(goal.title, size=18),
                *self.progress(goal),
                muted("Some of these tick themselves as you go, from your shortlist and answers."),
                *rows,
            ),
        )

    def step_row(self, goal: GoalCard, step: StepRow) -> ft.Control:
        """A step: its checkbox, then buttons to move it up or down (a keyboard or a switch
        reaches them, no dragging needed), change its words, or remove it (with Undo)."""
        ctrl, i = self.ctrl, step.index
        if ctrl.renaming_step == (goal.id, i):
            return self.step_box(goal, step)
        last = len(goal.steps) - 1
        # Each button has a slot of its own width, and a move that cannot happen (up from
        # the top, down from the bottom) leaves its slot empty rather than a dead button,
        # so the buttons of every step line up.
        buttons: list[ft.Control | None] = [
            icon_button(
                ft.Icons.ARROW_UPWARD,
                f"Move {step.title} up",
                self.act(lambda: ctrl.move_step(goal.id, i, -1)),
            )
            if i > 0
            else None,
            icon_button(
                ft.Icons.ARROW_DOWNWARD,
                f"Move {step.title} down",
                self.act(lambda: ctrl.move_step(goal.id, i, 1)),
            )
            if i < last
            else None,
            icon_button(
                ft.Icons.EDIT_OUTLINED,
                f"Rename step {step.title}",
                self.act(lambda: ctrl.start_renaming_step(goal.id, i)),
            ),
            icon_button(
                ft.Icons.DELETE_OUTLINE, f"Remove step {step.title}", self.remove_step(goal, step)
            ),
        ]
        tools = ft.Row(
            [ft.Container(b or None, width=48, alignment=ft.Alignment.CENTER) for b in buttons],
            spacing=0,
            tight=True,
        )
        toggle = lambda v: ctrl.set_step(goal.id, i, v)  # noqa: E731
        if not self.ctx.narrow:
            return self.check_row(step.title, step.done, toggle, tools)
        # On a phone the words keep the card's width and the buttons go under them.
        return ft.Column(
            [
                self.check_row(step.title, step.done, toggle),
                ft.Row([tools], alignment=ft.MainAxisAlignment.END),
            ],
            spacing=0,
        )

    def step_box(self, goal: GoalCard, step: StepRow) -> ft.Control:
        """A step's words as a box, with Save and Cancel; a refusal shows under it."""
        ctrl = self.ctrl
        save = self.act(lambda: ctrl.rename_step(goal.id, step.index), inline=True)
        field = ft.TextField(
            label="Step",
            value=ctrl.step_text,
            autofocus=True,  # the person just asked to change it: type straight away
            dense=True,
            error=ctrl.step_error,
            error_max_lines=3,
            on_change=typing_only(lambda e: ctrl.set_step_text(e.control.value)),
            on_focus=self.ctx.active,
            on_submit=save,
        )
        return ft.Column(
            [
                field,
                ft.Row(
                    [
                        primary("Save step", save, icon=ft.Icons.CHECK),
                        secondary("Cancel", self.act(lambda: ctrl.start_renaming_step(None))),
                    ],
                    wrap=True,
                ),
            ],
            spacing=8,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        )

    def remove_step(self, goal: GoalCard, step: StepRow) -> Callable[[Any], None]:
        """Remove at once and offer Undo, as for a goal."""

        def undo() -> None:
            done, back = self.attempt(self.ctrl.undo_remove_step)
            if done and back is not None:
                self.ctx.toast(f"\u201c{step.title}\u201d is back.")

        def handler(_: Any) -> None:
            done, _result = self.attempt(lambda: self.ctrl.remove_step(goal.id, step.index))
            if done:
                undo_snackbar(self.ctx.page, f"Removed the step \u201c{step.title}\u201d.", undo)

        return handler

    def own_card(self, goal: GoalCard, state: GoalsState) -> ft.Control:
        """A goal of the person's own: its name (or the box renaming it), progress, date,
        steps, a box for a new step, and what can be done with it."""
        ctrl = self.ctrl
        renaming = ctrl.renaming == goal.id
        title: ft.Control = (
            self.rename_box(goal, state)
            if renaming
            else ft.Text(goal.title, size=17, weight=ft.FontWeight.W_600, expand=True)
        )
        head: list[ft.Control] = [title]
        if goal.is_done:
            # Named by its label; the tooltip (mouse only) is excluded with the icon's
            # semantics, so a shown one leaves no dangling aria-owns behind.
            done = ft.Icon(ft.Icons.CHECK_CIRCLE, color=ft.Colors.PRIMARY, tooltip="Done")
            head.append(ft.Semantics(label="Done", exclude_semantics=True, content=done))
        if not renaming:
            head.append(
                icon_button(
                    ft.Icons.EDIT_OUTLINED,
                    f"Rename {goal.title}",
                    self.act(lambda: ctrl.start_renaming(goal.id)),
                )
            )
        if goal.can_delete and not renaming:  # while renaming, the box has the whole width
            head.append(
                icon_button(ft.Icons.DELETE_OUTLINE, f"Delete {goal.title}", self.delete(goal))
            )
        parts: list[ft.Control] = [
            ft.Row(head, vertical_alignment=ft.CrossAxisAlignment.START),
            *self.progress(goal),
        ]
        move = self.act(lambda: ctrl.start_moving(goal.id))
        if goal.overdue_note:
            parts.append(_gentle_note(goal.overdue_note, move, goal.title))
        elif goal.due_text:
            parts.append(muted(goal.due_text))
        if state.moving == goal.id:
            parts.append(self.date_editor(goal.id, goal.title, goal.due, state))
        parts.extend(self.step_row(goal, s) for s in goal.steps)
        parts.extend(self.new_step_parts(goal, state))
        actions: list[ft.Control] = []
        if goal.is_done:
            actions.append(secondary("Pick this up again", self.act(lambda: ctrl.reopen(goal.id))))
        else:
            actions.append(
                primary(
                    "Mark as done",
                    self.act(lambda: ctrl.mark_done(goal.id)),
                    icon=ft.Icons.CHECK,
                )
            )
            if not goal.overdue_note and state.moving != goal.id:
                date_words = "Change the date" if goal.due else "Set a target date"
                actions.append(ft.TextButton(content=date_words, on_click=move))
        parts.append(ft.Row(actions, wrap=True, vertical_alignment=ft.CrossAxisAlignment.CENTER))
        return ft.Semantics(container=True, label=goal.title, content=card(*parts))

    def new_step_parts(self, goal: GoalCard, state: GoalsState) -> list[ft.Control]:
        """The "New step" box and its Add button (with the banner when a step was kept
        from before the lock); the box takes the focus when its draft asks for it."""
        ctrl = self.ctrl
        parts: list[ft.Control] = []
        # A done goal has no "New step" box, unless a step was being typed for it (marked
        # done meanwhile, on another device perhaps): adding it opens the goal again.
        if not goal.is_done or ctrl.step_drafts.get(goal.id):
            step_form = goal_step(goal.id)
            step_field = ft.TextField(
                label="New step",
                value=ctrl.step_drafts.get(goal.id, ""),
                dense=True,
                expand=True,
                on_change=typing_only(lambda e: ctrl.set_step_draft(goal.id, e.control.value)),
                on_focus=self.ctx.active,
                on_submit=self.act(lambda: ctrl.add_step(goal.id)),
            )
            if ctrl.take_focus_form(step_form):
                self.ctx.focus(step_field)
            if step_form in state.restored:
                parts.append(self.draft_part(step_form))
            parts.append(
                ft.Row(
                    [
                        step_field,
                        icon_button(
                            ft.Icons.ADD,
                            f"Add this step to {goal.title}",
                            self.act(lambda: ctrl.add_step(goal.id)),
                        ),
                    ],
                    vertical_alignment=ft.CrossAxisAlignment.CENTER,
                )
            )
        return parts

    def rename_box(self, goal: GoalCard, state: GoalsState) -> ft.Control:
        """The title as an editable box; a refusal shows under it, and it keeps the focus.
        A name typed before the lock comes back with its banner above it."""
        ctrl = self.ctrl
        save = self.act(lambda: ctrl.rename(goal.id), inline=True)
        form = goal_rename(goal.id)
        kept = form in state.restored
        field = ft.TextField(
            label="Goal",
            value=ctrl.rename_text,
            autofocus=not kept,  # with a banner, its "Keep going" has the focus first
            error=ctrl.rename_error,
            error_max_lines=3,
            on_change=typing_only(lambda e: ctrl.set_rename_text(e.control.value)),
            on_focus=self.ctx.active,
            on_submit=save,
        )
        if ctrl.take_focus_form(form):
            self.ctx.focus(field)
        return ft.Column(
            [
                *([self.draft_part(form)] if kept else []),
                field,
                ft.Row(
                    [
                        primary("Save name", save, icon=ft.Icons.CHECK),
                        secondary("Cancel", self.act(lambda: ctrl.start_renaming(None))),
                    ],
                    wrap=True,
                ),
            ],
            expand=True,
            spacing=8,
            # The box takes the card's whole width: a goal's name can be long.
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        )

    def delete(self, goal: GoalCard) -> Callable[[Any], None]:
        """Delete at once and offer Undo, rather than asking first."""

        def undo() -> None:
            done, back = self.attempt(self.ctrl.undo_delete)
            if done and back is not None:
                self.ctx.toast(f"\u201c{back.title}\u201d is back.")

        def handler(_: Any) -> None:
            done, _result = self.attempt(lambda: self.ctrl.delete(goal.id))
            if done:
                undo_snackbar(self.ctx.page, f"Deleted \u201c{goal.title}\u201d.", undo)

        return handler

    def draft_part(self, form: str = GOAL_NEW) -> ft.Control:
        """ "You were writing this" on a box kept from before the lock: the new goal, a
        goal's new name, a new step, a target date."""
        return super().draft_part(form)

    def due_row(self, draft: GoalDraft) -> ft.Control:
        """The new goal's date, typed or picked from a calendar (which starts on the date
        typed, when it is one)."""
        ctrl = self.ctrl
        due_field = ft.TextField(
            label=DATE_LABEL,
            value=draft.due,
            hint_text="Optional",
            expand=True,
            on_change=typing_only(lambda e: ctrl.set_draft("due", e.control.value)),
            on_focus=self.ctx.active,
        )

        def picked(day: date) -> None:
            ctrl.set_draft("due", day.isoformat())
            due_field.value = day.isoformat()
            due_field.update()

        def current_due() -> date | None:
            try:
                return date.fromisoformat(draft.due.strip())
            except ValueError:
                return None

        return ft.Row(
            [
                due_field,
                icon_button(
                    ft.Icons.CALENDAR_MONTH,
                    "Pick a date",
                    lambda _: self.pick_date(current_due(), picked),
                ),
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        )

    def add_form(self, state: GoalsState) -> ft.Control:
        """ "Add a goal", or its form once opened: a name, an optional date and steps."""
        ctrl = self.ctrl
        if not state.form_open:
            return ft.Row(
                [
                    primary(
                        "Add a goal",
                        self.act(lambda: ctrl.open_form(True)),
                        icon=ft.Icons.ADD,
                    )
                ]
            )
        draft = state.draft
        title = ft.TextField(
            label="Goal",
            value=draft.title,
            hint_text="e.g. Breathe slowly before calls",
            on_change=typing_only(lambda e: ctrl.set_draft("title", e.control.value)),
            on_focus=self.ctx.active,
        )
        if ctrl.take_focus_form():
            self.ctx.focus(title)
        controls: list[ft.Control] = [
            subheading("A goal of your own"),
            title,
            self.due_row(draft),
            ft.TextField(
                label="Small steps (one per line)",
                value=draft.steps,
                multiline=True,
                min_lines=2,
                max_lines=6,
                hint_text="Optional",
                on_change=typing_only(lambda e: ctrl.set_draft("steps", e.control.value)),
                on_focus=self.ctx.active,
            ),
        ]
        if state.draft_restored:  # kept from before the lock: say so, above the form
            controls.insert(0, self.draft_part())
        if draft.error:
            controls.append(ft.Text(draft.error, color=ft.Colors.ERROR))
        controls.append(
            ft.Row(
                [
                    primary("Save goal", self.act(ctrl.add_goal, inline=True), icon=ft.Icons.CHECK),
                    secondary("Cancel", self.act(lambda: ctrl.open_form(False))),
                ],
                wrap=True,
            )
        )
        return ft.Card(
            content=ft.Container(
                ft.Column(controls, spacing=10, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
                padding=16,
            )
        )


def build(ctx: ScreenContext) -> ft.Control:
    view = GoalsView(ctx)
    view.fill(update=False)
    return view.column


SCREEN = ScreenSpec(
    key="goals",
    title="Goals",
    icon=ft.Icons.FLAG_OUTLINED,
    selected_icon=ft.Icons.FLAG,
    build=build,
    in_bottom_bar=False,  # on a phone: under "More", and one tap from Home's "See goals"
    max_width=READING_WIDTH,
)

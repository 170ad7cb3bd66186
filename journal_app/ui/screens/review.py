"""Review: before a consultation — what I'm looking for, where I am, what I want to ask."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from journal_app.core.drafts import REVIEW_QUESTION, question_edit
from journal_app.core.journal import InvalidInput
from journal_app.ui.context import ScreenContext, ScreenSpec
from journal_app.ui.controllers.review import Chart, QuestionRow, ReviewController, ReviewState
from journal_app.ui.draft_banner import guarded_banner
from journal_app.ui.panes import columns
from journal_app.ui.screens.share_parts import save_bytes
from journal_app.ui.widgets import (
    body,
    card,
    fields_card,
    heading,
    icon_button,
    muted,
    own_markdown,
    primary,
    progress_bar,
    screen_column,
    secondary,
    subheading,
    typing_only,
    undo_snackbar,
)

CHART_HEIGHT = 110
FIRST_SCREENFUL = 4  # heading, date, what I'm looking for, my questions
NARROW_BARS = 8
PRINT_NOTE = (
    "To print, share it as a file and open it in your browser: the shared summary prints nicely."
)


VALUE_ROOM = 16  # the space above a bar where its value is written


def bar_chart(chart: Chart, narrow: bool) -> ft.Control:
    """Bars drawn with plain containers; screen readers hear the values as one sentence.

    Each bar is one Container: its value written at the top, the bar painted below it
    (a gradient with a hard edge), so a bar costs one control and its Text instead of a
    Column of three; the week labels run in one Row beneath, spaced as the bars are.
    """
    bars = chart.bars[-NARROW_BARS:] if narrow else chart.bars
    if not bars:
        return muted(chart.summary)
    columns: list[ft.Control] = []
    for bar in bars:
        share = max(0.0, min(1.0, bar.value / chart.max_value)) if chart.max_value else 0
        height = max(3, round(CHART_HEIGHT * share))
        edge = VALUE_ROOM / (height + VALUE_ROOM)
        columns.append(
            ft.Container(
                ft.Text(f"{bar.value:g}", size=11, text_align=ft.TextAlign.CENTER),
                height=height + VALUE_ROOM,
                expand=True,
                alignment=ft.Alignment.TOP_CENTER,
                gradient=ft.LinearGradient(
                    begin=ft.Alignment.TOP_CENTER,
                    end=ft.Alignment.BOTTOM_CENTER,
                    colors=[
                        ft.Colors.TRANSPARENT,
                        ft.Colors.TRANSPARENT,
                        ft.Colors.PRIMARY,
                        ft.Colors.PRIMARY,
                    ],
                    stops=[0, edge, edge, 1],
                ),
                tooltip=bar.spoken,
            )
        )
    labels: list[ft.Control] = [
        ft.Text(bar.label, size=10, text_align=ft.TextAlign.CENTER, no_wrap=True, expand=True)
        for bar in bars
    ]
    drawing = ft.Column(
        [
            ft.Row(
                columns,
                spacing=6,
                height=CHART_HEIGHT + VALUE_ROOM + 4,
                vertical_alignment=ft.CrossAxisAlignment.END,
            ),
            ft.Row(labels, spacing=6),
        ],
        spacing=2,
    )
    return ft.Column(
        [
            ft.Semantics(
                label=chart.spoken, container=True, exclude_semantics=True, content=drawing
            ),
            muted(chart.summary),
        ],
        spacing=8,
    )


def question_box(ctx: ScreenContext, ctl: ReviewController, row: QuestionRow) -> ft.Control:
    """A checkbox per question; the text wraps on a phone and is the box's accessible name."""

    def set_asked(asked: bool) -> None:
        try:
            ctl.set_asked(row.id, asked)
        except Exception as exc:
            ctx.show_error(exc)
            return
        ctx.toast("Marked as asked." if asked else "Back on your list of questions.")
        ctx.refresh()

    box = ft.Checkbox(
        value=row.asked,
        on_change=lambda e: set_asked(bool(e.control.value)),
        semantics_label=row.text,
    )
    editing, error = ctl.editing()
    if editing == row.id:
        return question_editor(ctx, ctl, row, error)
    return ft.Row(
        [
            box,
            question_words(row, lambda _: set_asked(not row.asked)),
            *question_actions(ctx, ctl, row),
        ],
        vertical_alignment=ft.CrossAxisAlignment.START,
        spacing=4,
    )


def question_words(row: QuestionRow, tick: Callable[[Any], None]) -> ft.Control:
    """The question (and for whom) beside its box; clicking the words ticks the box too."""
    words: list[ft.Control] = [ft.Text(row.text, size=15)]
    if row.for_whom:
        words.append(muted(f"For {row.for_whom}"))
    # The words tick the box too, for a mouse or a finger. Kept out of the accessibility
    # tree whole: a clickable box is a button to a screen reader, and this one would be a
    # second, nameless one (axe: aria-command-name) beside the checkbox already named by
    # the question.
    return ft.Semantics(
        exclude_semantics=True,
        expand=True,
        content=ft.Container(
            ft.Column(words, spacing=0), padding=ft.Padding.only(top=10), on_click=tick
        ),
    )


def question_actions(
    ctx: ScreenContext, ctl: ReviewController, row: QuestionRow
) -> list[ft.Control]:
    """Edit and Delete, each named with the question it acts on; a deletion can be undone."""

    def edit(_: ft.ControlEvent) -> None:
        ctl.start_editing(row.id)
        ctx.refresh()

    def undo() -> None:
        try:
            back = ctl.undo_delete_question()
        except Exception as exc:
            ctx.show_error(exc)
            return
        ctx.refresh()
        if back is not None:
            ctx.toast("The question is back.")

    def delete(_: ft.ControlEvent) -> None:
        try:
            ctl.delete_question(row.id)
        except Exception as exc:
            ctx.show_error(exc)
            return
        ctx.refresh()
        undo_snackbar(ctx.page, "Question deleted.", undo)

    return [
        icon_button(ft.Icons.EDIT_OUTLINED, f"Edit question: {row.text}", edit),
        icon_button(ft.Icons.DELETE_OUTLINE, f"Delete question: {row.text}", delete),
    ]


def question_editor(
    ctx: ScreenContext, ctl: ReviewController, row: QuestionRow, error: str | None
) -> ft.Control:
    """The question's words in a box, with the reason for a refusal under it (focused).
    Words typed before the lock come back in it, with their banner above."""
    kept = ctl.showing_edit_draft(row.id)
    field = ft.TextField(
        label="Question",
        value=ctl.edit_text(row.id, row.text),
        multiline=True,
        min_lines=1,
        max_lines=4,
        shift_enter=True,
        autofocus=not kept,  # with a banner, its "Keep going" has the focus first
        error=error,
        error_max_lines=3,
        expand=True,
        on_change=typing_only(lambda e: ctl.set_edit_text(e.control.value or "")),
        on_focus=ctx.active,
    )
    if ctl.take_edit_focus():
        ctx.focus(field)

    def save(_: ft.Event[ft.TextField]) -> None:
        try:
            ctl.save_edit(row.id, field.value or "")
        except InvalidInput:
            ctx.refresh()
            return
        except Exception as exc:
            ctx.show_error(exc)
            return
        ctx.refresh()
        ctx.toast("Question saved.")

    def cancel(_: ft.ControlEvent) -> None:
        ctl.start_editing(None)
        ctx.refresh()

    field.on_submit = save
    return ft.Column(
        [
            *([question_edit_draft_part(ctx, ctl, row.id)] if kept else []),
            ft.Row([field]),
            ft.Row(
                [
                    primary("Save question", save, icon=ft.Icons.CHECK),
                    secondary("Cancel", cancel),
                ],
                wrap=True,
            ),
        ],
        spacing=8,
    )


def questions_card(ctx: ScreenContext, ctl: ReviewController, state: ReviewState) -> ft.Control:
    error = ft.Text("", color=ft.Colors.ERROR, size=14, visible=False)
    field = ft.TextField(
        label="Add a question",
        value=ctl.question_text(),
        hint_text="e.g. How do you usually work with anxiety?",
        multiline=True,
        min_lines=1,
        max_lines=4,
        shift_enter=True,
        on_change=typing_only(lambda e: ctl.set_question_text(e.control.value or "")),
        on_focus=ctx.active,
    )
    if ctl.take_focus():
        ctx.focus(field)

    def add(_: ft.Event[ft.TextField]) -> None:
        try:
            ctl.add_question(field.value or "")
        except InvalidInput as exc:  # keep what was typed; say what to change
            error.value = str(exc)
            error.visible = True
            error.update()
            return
        except Exception as exc:
            ctx.show_error(exc)
            return
        ctx.toast("Question added.")
        ctx.refresh()

    field.on_submit = add
    lines: list[ft.Control] = [
        subheading("My questions"),
        muted("Tick a question once you've asked it."),
    ]
    lines += [question_box(ctx, ctl, q) for q in state.open_questions] or [
        muted("No questions yet. What would you like to know about them, or about therapy?")
    ]
    field.expand = True
    if ctl.showing_draft():  # kept from before the lock: say so, above the box
        lines.append(question_draft_part(ctx, ctl))
    lines += [
        ft.Row([field]),
        error,
        ft.Row([secondary("Add question", add, icon=ft.Icons.ADD)], wrap=True),
    ]
    if state.asked_questions:
        lines.append(muted("Already asked"))
        lines += [question_box(ctx, ctl, q) for q in state.asked_questions]
    return fields_card(*lines)


def question_draft_part(ctx: ScreenContext, ctl: ReviewController) -> ft.Control:
    """ "You were writing this" on a question kept from before the lock."""
    return guarded_banner(
        ctx, REVIEW_QUESTION, keep=ctl.keep_going, discard=ctl.discard_draft, undo=ctl.undo_discard
    )


def question_edit_draft_part(
    ctx: ScreenContext, ctl: ReviewController, question_id: str
) -> ft.Control:
    """ "You were writing this" on a question's words changed before the lock."""
    return guarded_banner(
        ctx,
        question_edit(question_id),
        keep=ctl.keep_going_edit,
        discard=ctl.discard_edit_draft,
        undo=ctl.undo_discard,
    )


def looking_for_card(ctx: ScreenContext, state: ReviewState) -> ft.Control:
    lines: list[ft.Control] = [subheading("What I'm looking for")]
    if not state.has_profile:
        lines += [
            muted("You haven't said what you're looking for yet."),
            ft.Row(
                [secondary("Answer the guided questions", lambda _: ctx.go("preferences"))],
                wrap=True,
            ),
        ]
        return card(*lines)
    lines += [body(f"• {line}") for line in state.looking_for]
    for label, text in state.notes.items():
        # The person's Markdown, drawn as everywhere else (never raw ** or #)
        lines += [ft.Text(label, size=14, weight=ft.FontWeight.W_600), own_markdown(text)]
    return card(*lines)


def goals_card(ctx: ScreenContext, state: ReviewState) -> ft.Control:
    lines: list[ft.Control] = [subheading("Goals and milestones")]
    if not state.review.goals:
        lines.append(muted("No goals yet."))
    for g in state.review.goals:
        late = [m.title for m in g.overdue_milestones]
        lines.append(body(g.sentence()))
        lines.append(progress_bar(g.percent / 100, f"{g.goal.title} progress"))
        if g.overdue or late:
            overdue = ", ".join(late) if late else "the goal's date"
            lines.append(muted(f"Past its date (that's fine — dates can move): {overdue}"))
    lines.append(ft.Row([secondary("See goals", lambda _: ctx.go("goals"))], wrap=True))
    return card(*lines)


def feelings_card(ctx: ScreenContext, state: ReviewState) -> ft.Control:
    lines: list[ft.Control] = [subheading("Anxiety lately"), bar_chart(state.anxiety, ctx.narrow)]
    return card(*lines)


def checkins_card(ctx: ScreenContext, state: ReviewState) -> ft.Control:
    lines: list[ft.Control] = [subheading("Check-ins")]
    if not state.checkins:
        lines += [
            muted("No check-ins yet. A short one gives you something to show how you've been."),
            ft.Row([secondary("Do a check-in", lambda _: ctx.go("checkins"))], wrap=True),
        ]
        return card(*lines)
    for chart in state.checkins:
        lines += [ft.Text(chart.title, size=14, weight=ft.FontWeight.W_600)]
        lines.append(bar_chart(chart, ctx.narrow))
    lines += [muted(state.screening_note), muted(state.attribution)]
    return card(*lines)


def highlights_card(state: ReviewState) -> ft.Control:
    lines: list[ft.Control] = [subheading("Recent highlights")]
    if not state.highlights:
        lines.append(muted("No entries in the last month."))
    for h in state.highlights:
        lines.append(
            ft.Column(
                [muted(f"{h.when} · {h.why}"), body(h.text)],
                spacing=2,
            )
        )
    return card(*lines)


def shortlist_card(ctx: ScreenContext, state: ReviewState) -> ft.Control:
    lines: list[ft.Control] = [subheading("Shortlist")]
    if not state.shortlist:
        lines.append(muted("No therapists on the shortlist yet."))
    for r in state.shortlist:
        lines.append(
            ft.Column(
                [
                    ft.Text(r.name, size=15, weight=ft.FontWeight.W_600),
                    muted(r.status),
                    body(r.fit),
                ],
                spacing=2,
            )
        )
    if state.shortlist_nudge:
        lines.append(muted(state.shortlist_nudge))
    lines.append(ft.Row([secondary("See shortlist", lambda _: ctx.go("shortlist"))], wrap=True))
    return card(*lines)


def export_card(ctx: ScreenContext, ctl: ReviewController) -> ft.Control:
    saved_note = ft.Text("", size=14, selectable=True, visible=False)

    async def save_markdown(_: ft.ControlEvent) -> None:
        try:
            data = ctl.export_bytes()
            result = await save_bytes(
                ctx,
                ctl.export_name(),
                data,
                extension="md",
                fallback=lambda: ctl.save_to_exports(data),
            )
        except Exception as exc:
            ctx.show_error(exc)
            return
        if result is None:
            ctx.toast("Nothing was saved.")
            return
        saved_note.value = (
            f"Saved to {result[0]}. This copy is not encrypted, so keep it somewhere private."
        )
        saved_note.visible = True
        saved_note.update()

    go_share: Callable[[ft.ControlEvent], None] = lambda _: ctx.go("share")  # noqa: E731
    return card(
        subheading("Save or share"),
        body("Take this with you, or send an encrypted summary to your doctor."),
        ft.Row(
            [
                secondary("Save as Markdown", save_markdown, icon=ft.Icons.DOWNLOAD),
                primary("Share with my doctor", go_share, icon=ft.Icons.IOS_SHARE),
            ],
            wrap=True,
            spacing=12,
            run_spacing=8,
        ),
        saved_note,
        muted(PRINT_NOTE),
    )


def build(ctx: ScreenContext) -> ft.Control:
    ctl = ReviewController(ctx.session)
    state = ctl.state()
    cards: list[ft.Control] = [
        looking_for_card(ctx, state),
        questions_card(ctx, ctl, state),
        # the first screenful ends here; the charts and the rest follow (below_fold)
        goals_card(ctx, state),
        feelings_card(ctx, state),
        checkins_card(ctx, state),
        highlights_card(state),
        shortlist_card(ctx, state),
        export_card(ctx, ctl),
    ]
    top: list[ft.Control] = [
        heading("Before my consultation"),
        muted(
            f"As of {state.review.today:%A %d %B %Y}. Everything here is yours to bring up, or not."
        ),
    ]
    if ctx.panes:  # two cards a row: what I'm looking for beside my questions, and so on
        rows: list[ft.Control] = [columns(cards[i : i + 2]) for i in range(0, len(cards), 2)]
        column = screen_column(top + rows)
        ctx.below_fold(column, len(top) + 1)
    else:
        column = screen_column(top + cards)
        ctx.below_fold(column, FIRST_SCREENFUL)
    return column


SCREEN = ScreenSpec(
    key="review",
    title="Review",
    icon=ft.Icons.EVENT_NOTE_OUTLINED,
    selected_icon=ft.Icons.EVENT_NOTE,
    build=build,
    in_bottom_bar=False,
    prepare=lambda session: ReviewController(session).prepare(),
)

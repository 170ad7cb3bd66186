"""Preferences: the guided questions one at a time, and "My profile" to read and change them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from journal_app.core.drafts import prompt_answer
from journal_app.core.prompt_packs import MULTI, RANKING, SCALE, SINGLE, TEXT, Prompt
from journal_app.ui.context import ScreenContext, ScreenSpec
from journal_app.ui.controllers.preferences import (
    PROFILE,
    PreferencesController,
    PromptState,
    controller_for,
)
from journal_app.ui.draft_banner import guarded_banner
from journal_app.ui.layout import READING_WIDTH
from journal_app.ui.widgets import (
    body,
    fields_card,
    heading,
    icon_button,
    markdown_preview,
    muted,
    own_markdown,
    primary,
    progress_bar,
    screen_column,
    subheading,
    typing_only,
)

ANSWER_PREVIEW_CHARS = 140


def error_text(message: str | None) -> ft.Control:
    return ft.Text(
        message or "",
        color=ft.Colors.ERROR,
        size=14,
        visible=bool(message),
        semantics_label=message or None,
    )


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= ANSWER_PREVIEW_CHARS:
        return text
    return text[: ANSWER_PREVIEW_CHARS - 1].rstrip() + "…"


def guarded(ctx: ScreenContext, action: Callable[[], Any]) -> None:
    """Run a controller action, rebuild the screen, celebrate what it returned.

    A failure is told plainly (the shell's show_error) and the draft stays as it was.
    """
    try:
        result = action()
    except Exception as exc:  # noqa: BLE001 - never a traceback on screen
        ctx.show_error(exc)
        return
    ctx.refresh()
    if isinstance(result, list) and result:
        ctx.celebrate(result)


# --- one prompt ------------------------------------------------------------------------------


def _choice_row(
    control: ft.Control, label: str, help_text: str, on_tap: Callable[[Any], None]
) -> ft.Control:
    """A checkbox or radio with its words beside it, wrapping on a phone (a control's own
    label would be cut off). Tapping the words works like tapping the box.

    One control to a screen reader: the box, the words and the tap are merged into one
    node named by the words (and the help after them). Unmerged, each option was read as
    a checkbox and then again as a button with the same name.
    """
    words: list[ft.Control] = [ft.Text(label, size=15)]
    if help_text:
        words.append(muted(help_text))
    return ft.MergeSemantics(
        content=ft.Row(
            [
                control,
                ft.Container(
                    ft.Column(words, spacing=2, tight=True),
                    expand=True,
                    on_click=on_tap,
                    padding=ft.Padding.only(top=10, bottom=18),  # 48 px to tap, like the box
                ),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
            spacing=4,
        )
    )


def _single_input(ctrl: PreferencesController, redraw: Callable[[], None]) -> ft.Control:
    prompt = ctrl.current
    assert prompt is not None

    def picker(choice_id: str) -> Callable[[Any], None]:
        def picked(_: Any) -> None:
            ctrl.choose(choice_id)
            redraw()

        return picked

    def changed(e: ft.Event[ft.RadioGroup]) -> None:
        if e.control.value is not None:  # a radio group reports the one chosen
            ctrl.choose(e.control.value)
        redraw()

    rows = [
        _choice_row(
            ft.Radio(value=choice.id),
            choice.label,
            choice.help,
            picker(choice.id),
        )
        for choice in prompt.choices
    ]
    return ft.RadioGroup(content=ft.Column(rows, spacing=0), value=ctrl.value, on_change=changed)


def _multi_input(ctrl: PreferencesController, redraw: Callable[[], None]) -> ft.Control:
    prompt = ctrl.current
    assert prompt is not None
    chosen = set(ctrl.value or [])
    full = ctrl.at_max_choices()
    rows: list[ft.Control] = []
    if prompt.max_choices:
        rows.append(muted(f"Choose up to {prompt.max_choices}."))

    def handler(choice_id: str) -> Callable[[ft.Event[ft.Checkbox]], None]:
        def changed(e: ft.Event[ft.Checkbox]) -> None:
            ctrl.toggle(choice_id, bool(e.control.value))
            redraw()

        return changed

    def flipper(choice_id: str) -> Callable[[Any], None]:
        def flipped(_: Any) -> None:
            ctrl.toggle(choice_id, choice_id not in (ctrl.value or []))
            redraw()

        return flipped

    for choice in prompt.choices:
        blocked = full and choice.id not in chosen
        rows.append(
            _choice_row(
                ft.Checkbox(
                    value=choice.id in chosen,
                    disabled=blocked,
                    on_change=handler(choice.id),
                ),
                choice.label,
                choice.help,
                flipper(choice.id),
            )
        )
    return ft.Column(rows, spacing=0)


def _scale_input(ctrl: PreferencesController) -> ft.Control:
    """A slider that says what its position means ("up to 45 minutes each way"), aloud and
    on screen.

    Flutter's own slider reads out a percentage whatever the scale, so its semantics are
    replaced by one node named with the question's label and the meaning, valued with the
    meaning, that arrow keys and a screen reader's swipe move a step at a time (as the
    journal's anxiety slider does). The visible line above it follows the value.
    """
    prompt = ctrl.current
    assert prompt is not None
    low, high, step = prompt.min_value or 0, prompt.max_value or 0, prompt.step or 1
    # What it means is already the slider's name and value: shown, not read twice.
    shown = subheading(f"Your answer: {ctrl.value_text()}", size=16)
    shown_text = shown.content  # the words; ``shown.value`` would only be its semantic value
    assert isinstance(shown_text, ft.Text)
    slider = ft.Slider(
        value=ctrl.value,
        min=low,
        max=high,
        divisions=max(1, round((high - low) / step)),
    )
    named = ft.Semantics(container=True, slider=True, exclude_semantics=True, content=slider)

    def say() -> None:
        words = ctrl.value_text()
        shown_text.value = f"Your answer: {words}"
        named.label = f"{prompt.label}: {words}"
        named.value = words
        named.increased_value = ctrl.scale_text_at(1)
        named.decreased_value = ctrl.scale_text_at(-1)
        slider.value = ctrl.value

    def changed(e: ft.Event[ft.Slider]) -> None:
        if e.control.value is not None:  # a slider always has a value once moved
            ctrl.set_scale(e.control.value)
        say()
        named.update()
        shown.update()

    def stepper(by: int) -> Callable[[Any], None]:
        def stepped(_: Any) -> None:
            ctrl.step_scale(by)
            say()
            named.update()
            shown.update()

        return stepped

    slider.on_change = changed
    named.on_increase = stepper(1)
    named.on_decrease = stepper(-1)
    say()
    return ft.Column(
        [ft.Semantics(exclude_semantics=True, content=shown), named, scale_ends(prompt)],
        spacing=4,
    )


def scale_ends(prompt: Prompt) -> ft.Control:
    """What the slider's two ends mean, under them, the right one aligned right."""
    return ft.Row(
        [
            ft.Container(muted(prompt.min_label), expand=True),
            ft.Container(
                ft.Text(
                    prompt.max_label,
                    size=13,
                    color=ft.Colors.ON_SURFACE_VARIANT,
                    text_align=ft.TextAlign.RIGHT,
                ),
                expand=True,
                alignment=ft.Alignment.CENTER_RIGHT,
            ),
        ]
    )


def _ranking_input(ctrl: PreferencesController, redraw: Callable[[], None]) -> ft.Control:
    prompt = ctrl.current
    assert prompt is not None
    order: list[str] = list(ctrl.value)

    def mover(choice_id: str, delta: int) -> Callable[[Any], None]:
        def moved(_: Any) -> None:
            ctrl.move(choice_id, delta)
            redraw()

        return moved

    rows: list[ft.Control] = []
    for i, choice_id in enumerate(order):
        label = prompt.label_of(choice_id)
        rows.append(
            ft.Container(
                ft.Row(
                    [
                        ft.Text(f"{i + 1}.", width=24, weight=ft.FontWeight.BOLD),
                        ft.Text(label, expand=True),
                        icon_button(
                            ft.Icons.ARROW_UPWARD,
                            f"Move {label} up",
                            mover(choice_id, -1),
                            disabled=i == 0,
                        ),
                        icon_button(
                            ft.Icons.ARROW_DOWNWARD,
                            f"Move {label} down",
                            mover(choice_id, 1),
                            disabled=i == len(order) - 1,
                        ),
                    ],
                    spacing=4,
                ),
                border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
                border_radius=8,
                padding=ft.Padding.only(left=10, right=2),
            )
        )
    return ft.Column(rows, spacing=6)


def _text_input(
    ctrl: PreferencesController, redraw: Callable[[], None], ctx: ScreenContext
) -> ft.Control:
    prompt = ctrl.current
    assert prompt is not None

    def typed(e: ft.Event[ft.TextField]) -> None:
        ctrl.set_text(e.control.value or "")

    def toggled(_: Any) -> None:
        ctrl.toggle_preview()
        redraw()

    toggle = ft.Switch(label="Preview", value=ctrl.preview, on_change=toggled)
    if ctrl.preview:
        shown: ft.Control = markdown_preview(ctrl.value)
    else:
        shown = ft.TextField(
            label="Your answer",
            value=ctrl.value or "",
            hint_text=prompt.placeholder or "Write as much or as little as you like.",
            multiline=True,
            min_lines=4,
            max_lines=14,
            max_length=prompt.max_chars,
            on_change=typing_only(typed),
            on_focus=ctx.active,
        )
        if ctrl.take_focus_answer():
            ctx.focus(shown)
    parts: list[ft.Control] = [
        shown,
        ft.Row([toggle, muted("Markdown works: *italic*, **bold**, - lists.")], wrap=True),
    ]
    if ctrl.showing_draft():  # kept from before the lock: say so, above the answer
        parts.insert(0, _draft_part(ctrl, redraw, ctx))
    return ft.Column(parts, spacing=6, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)


def _draft_part(
    ctrl: PreferencesController, redraw: Callable[[], None], ctx: ScreenContext
) -> ft.Control:
    """ "You were writing this" on an answer kept from before the lock."""
    prompt = ctrl.current
    assert prompt is not None

    return guarded_banner(
        ctx,
        prompt_answer(prompt.id),
        keep=ctrl.keep_going,
        discard=ctrl.discard_draft,
        undo=ctrl.undo_discard,
        redraw=redraw,
    )


def _importance_input(ctrl: PreferencesController) -> ft.Control:
    """Must-have / nice-to-have / don't mind, as radio buttons that wrap on a phone."""

    def changed(e: ft.Event[ft.RadioGroup]) -> None:
        if e.control.value is not None:  # a radio group reports the one chosen
            ctrl.set_importance(e.control.value)

    group = ft.RadioGroup(
        content=ft.Row(
            [
                ft.Radio(value=level, label=words.capitalize())
                for level, words in ctrl.importance_levels()
            ],
            wrap=True,
            spacing=4,
        ),
        value=ctrl.importance,
        on_change=changed,
    )
    # The question names the group, so each radio is heard as "Must-have, 1 of 3" within
    # "How much does this matter to you?" rather than after it as loose text.
    asked = "How much does this matter to you?"
    named = ft.Semantics(container=True, label=asked, content=group)
    return ft.Container(
        ft.Column([ft.Semantics(exclude_semantics=True, content=body(asked)), named], spacing=4),
        border=ft.Border.only(top=ft.BorderSide(1, ft.Colors.OUTLINE_VARIANT)),
        padding=ft.Padding.only(top=10),
    )


def _exercise_card(ctrl: PreferencesController) -> ft.Control | None:
    exercise = ctrl.exercise_for_choice()
    if exercise is None:
        return None
    return ft.Container(
        ft.Column(
            [
                subheading(exercise.title),
                muted(exercise.why),
                *[body(step) for step in exercise.numbered_steps()],
                muted("Take your time. Save and continue whenever you're ready."),
            ],
            spacing=6,
        ),
        bgcolor=ft.Colors.SECONDARY_CONTAINER,
        border_radius=12,
        padding=14,
    )


def _answer_area(ctrl: PreferencesController, ctx: ScreenContext) -> ft.Column:
    """The part of a prompt that changes as the person answers; redrawn in place."""
    area = ft.Column(spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)

    def redraw() -> None:
        fill()
        area.update()

    def fill() -> None:
        prompt = ctrl.current
        assert prompt is not None
        makers: dict[str, Callable[[], ft.Control]] = {
            SINGLE: lambda: _single_input(ctrl, redraw),
            MULTI: lambda: _multi_input(ctrl, redraw),
            SCALE: lambda: _scale_input(ctrl),
            RANKING: lambda: _ranking_input(ctrl, redraw),
            TEXT: lambda: _text_input(ctrl, redraw, ctx),
        }
        parts = [makers[prompt.kind]()]
        exercise = _exercise_card(ctrl)
        if exercise is not None:
            parts.append(exercise)
        if prompt.asks_importance:
            parts.append(_importance_input(ctrl))
        parts.append(error_text(ctrl.error))
        area.controls = parts

    fill()
    return area


def _prompt_view(ctx: ScreenContext, ctrl: PreferencesController, state: PromptState) -> ft.Control:
    """One question at a time: where the person is in the questions, the question and its
    answer, and the buttons, which stay in view however long the question is."""
    scrolling = screen_column(
        [
            _prompt_top(ctx, ctrl),
            ft.Column(
                [
                    muted(f"{state.pack_title} · {state.counter}"),
                    progress_bar(
                        state.fraction, f"Progress through the questions: {state.counter}"
                    ),
                ],
                spacing=6,
            ),
            fields_card(*_question_parts(ctx, ctrl, state)),
            muted("Everything is optional. You can come back and change any answer later."),
        ]
    )
    # the buttons stay in view however long the question is
    return ft.Column([scrolling, _prompt_actions(ctx, ctrl, state)], expand=True, spacing=8)


def _prompt_top(ctx: ScreenContext, ctrl: PreferencesController) -> ft.Control:
    """The heading, with the way to the profile (what was answered so far) beside it."""

    def to_profile(_: Any) -> None:
        guarded(ctx, ctrl.show_profile)

    return ft.Row(
        [
            ft.Container(heading("Preferences"), expand=True),
            ft.TextButton(
                content="My profile",
                icon=ft.Icons.PERSON_OUTLINE,
                on_click=to_profile,
            ),
        ],
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )


def _question_parts(
    ctx: ScreenContext, ctrl: PreferencesController, state: PromptState
) -> list[ft.Control]:
    """The pack's introduction and the question's note (each in a box of its own), the
    question, its help, and the answer area."""
    prompt = state.prompt
    question: list[ft.Control] = []
    if state.pack_intro:
        question.append(
            ft.Container(
                body(state.pack_intro, italic=True),
                bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
                border_radius=10,
                padding=12,
            )
        )
    if prompt.note:
        question.append(
            ft.Container(
                body(prompt.note),
                bgcolor=ft.Colors.SECONDARY_CONTAINER,
                border_radius=10,
                padding=12,
            )
        )
    question.append(ft.Text(prompt.text, size=20, weight=ft.FontWeight.W_600))
    if prompt.help:
        question.append(muted(prompt.help))
    if state.answered_before:
        question.append(muted("You've answered this before. Change anything you like."))
    question.append(_answer_area(ctrl, ctx))
    return question


def _prompt_actions(
    ctx: ScreenContext, ctrl: PreferencesController, state: PromptState
) -> ft.Control:
    """Back, Skip and Save and continue, under a line, outside the scrolling part."""

    def save(_: Any) -> None:
        guarded(ctx, ctrl.save)

    def skip(_: Any) -> None:
        guarded(ctx, ctrl.skip)

    def back(_: Any) -> None:
        guarded(ctx, ctrl.back)

    back_button = ft.TextButton(
        content="Back",
        icon=ft.Icons.ARROW_BACK,
        on_click=back,
        disabled=not state.can_go_back,
    )
    return ft.Container(
        ft.Row(
            [
                back_button,
                ft.TextButton(content="Skip", on_click=skip),
                ft.Container(expand=True),
                primary("Save and continue", save, icon=ft.Icons.ARROW_FORWARD),
            ],
            spacing=6,
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        border=ft.Border.only(top=ft.BorderSide(1, ft.Colors.OUTLINE_VARIANT)),
        padding=ft.Padding.only(top=10),
    )


# --- the profile ---------------------------------------------------------------------------


def _profile_view(ctx: ScreenContext, ctrl: PreferencesController) -> list:
    state = ctrl.profile_state()

    def opener(prompt_id: str) -> Callable[[Any], None]:
        return lambda _: guarded(ctx, lambda: ctrl.open(prompt_id))

    def carry_on(_: Any) -> None:
        guarded(ctx, ctrl.continue_questions)

    parts: list[ft.Control] = [heading("My profile")]
    if state.complete and state.answered:
        parts.append(body("You've been through every question. Thank you for taking the time."))
    if not state.complete:
        left = state.remaining
        words = "1 question" if left == 1 else f"{left} questions"
        parts.append(
            fields_card(
                body(f"{words} still to go, whenever you're ready."),
                ft.Row([primary("Continue the questions", carry_on, icon=ft.Icons.ARROW_FORWARD)]),
            )
        )
    summary = [body(f"• {line}") for line in state.summary] or [
        muted("Nothing here yet. Your answers will gather here as you go.")
    ]
    parts.append(fields_card(subheading("What I'm looking for"), *summary))
    if state.notes:
        notes: list[ft.Control] = [subheading("In my own words")]
        for label, text in state.notes.items():
            notes.append(ft.Text(label, weight=ft.FontWeight.W_600))
            notes.append(own_markdown(text))
        parts.append(fields_card(*notes))
    if state.answered:
        tiles: list[ft.Control] = [
            subheading("My answers"),
            muted("Tap an answer to read or change it."),
        ]
        pack = None
        for item in state.answered:
            if item.pack_title != pack:
                pack = item.pack_title
                tiles.append(ft.Text(pack, size=13, weight=ft.FontWeight.BOLD))
            detail = _short(item.answer)
            if item.importance:
                detail += f" ({item.importance})"
            tiles.append(
                ft.ListTile(
                    title=ft.Text(item.label),
                    subtitle=ft.Text(detail, italic=item.skipped),
                    trailing=ft.Icon(ft.Icons.EDIT_OUTLINED),
                    on_click=opener(item.prompt_id),
                    content_padding=ft.Padding.only(left=4, right=4),
                )
            )
        parts.append(fields_card(*tiles))
    return parts


def build(ctx: ScreenContext) -> ft.Control:
    ctrl = controller_for(ctx.session)
    if ctrl.mode == PROFILE:
        return screen_column(_profile_view(ctx, ctrl))
    state = ctrl.prompt_state()
    if state is None:
        ctrl.show_profile()
        return screen_column(_profile_view(ctx, ctrl))
    return _prompt_view(ctx, ctrl, state)


SCREEN = ScreenSpec(
    key="preferences",
    title="Preferences",
    icon=ft.Icons.TUNE_OUTLINED,
    selected_icon=ft.Icons.TUNE,
    build=build,
    in_bottom_bar=False,
    max_width=READING_WIDTH,
)

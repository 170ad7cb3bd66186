"""A 0-10 rating slider that says its meaning: "Anxiety: 7 of 10", not "70%".

Used by the journal's form (anxiety before and after a coping exercise); kept apart so
the form's module holds the form alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from journal_app.ui.widgets import muted


def rating_slider(
    label: str,
    value: int | None,
    on_change: Callable[[int | None], None],
    *,
    clearable: bool = False,
) -> ft.Control:
    """A 0-10 slider with one accessible name and its value in words.

    Flutter's own slider reads its position as a percentage ("50") whatever the rating,
    and the web engine leaves its range input unnamed, so the slider's semantics are
    replaced by one node: "Anxiety: 7 of 10", valued "7 of 10" or "not rated", that arrow
    keys and a screen reader's swipe raise and lower. The meaning is in the name too: the
    web engine's range input holds a stand-in number as its value (the words go to
    aria-valuetext, and only once the value changes while no pointer is in use), so the
    name is what every reader of the tree is sure to get. With ``clearable``, a "Clear
    rating" button puts it back to not rated.
    """
    current: list[int | None] = [value]
    shown = ft.Text(rating_words(label, value), size=15, weight=ft.FontWeight.W_600)
    slider = ft.Slider(value=value if value is not None else 0, min=0, max=10, divisions=10)
    named = ft.Semantics(
        container=True,
        slider=True,
        label=rating_words(label, value),
        exclude_semantics=True,
        content=slider,
    )

    def show(number: int | None) -> None:
        current[0] = number
        on_change(number)
        shown.value = rating_words(label, number)
        named.label = rating_words(label, number)
        say_rating(named, number)
        slider.value = number if number is not None else 0
        named.update()
        shown.update()

    def step(by: int) -> Callable[[Any], None]:
        def handler(_: Any) -> None:
            start = current[0] if current[0] is not None else (0 if by > 0 else 1)
            show(max(0, min(10, start + by)))

        return handler

    slider.on_change = lambda e: show(int(round(e.control.value or 0)))
    named.on_increase = step(1)
    named.on_decrease = step(-1)
    say_rating(named, value)
    # The words above repeat the slider's own name and value: shown, not read twice.
    top: list[ft.Control] = [
        ft.Container(ft.Semantics(exclude_semantics=True, content=shown), expand=True)
    ]
    if clearable:
        top.append(ft.TextButton(content=f"Clear {label.lower()}", on_click=lambda _: show(None)))
    return ft.Column(
        [ft.Row(top, vertical_alignment=ft.CrossAxisAlignment.CENTER), named, rating_ends()],
        spacing=2,
    )


def say_rating(named: ft.Semantics, value: int | None) -> None:
    """The slider's value in words, and the words one step up and down, which a screen
    reader says before the step is taken."""
    named.value = rating_value(value)
    named.increased_value = rating_value(min(10, (value or 0) + 1))
    named.decreased_value = rating_value(max(0, (value if value is not None else 1) - 1))


def rating_ends() -> ft.Control:
    """What the two ends mean, under the slider; the slider's name already says the value."""
    return ft.Semantics(
        exclude_semantics=True,
        content=ft.Row(
            [muted("0 calm"), muted("10 very anxious")],
            alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
        ),
    )


def rating_value(value: int | None) -> str:
    """What a screen reader says the slider is at: "7 of 10", or "not rated"."""
    return "not rated" if value is None else f"{value} of 10"


def rating_words(label: str, value: int | None) -> str:
    """The words shown above the slider: "Anxiety: 7 of 10" or "Anxiety: not rated"."""
    return f"{label}: {rating_value(value)}"

"""Building a screen without a browser, and running Flet's own checks on every control.

A wrong property type crashes the whole web client at run time; these checks catch it in
a plain test run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import flet as ft
from flet.controls.base_control import BaseControl

from journal_app.app.session import AppSession
from journal_app.ui.context import ScreenContext


def checked_tree(control: object, seen: set[int] | None = None) -> int:
    """Run Flet's own before-send validation on every control in the tree; count them."""
    seen = set() if seen is None else seen
    if id(control) in seen:
        return 0
    seen.add(id(control))
    if isinstance(control, list | tuple):
        return sum(checked_tree(c, seen) for c in control)
    count = 0
    if isinstance(control, BaseControl):
        control._before_update_safe()
        count = 1
    if dataclasses.is_dataclass(control) and not isinstance(control, type):
        for f in dataclasses.fields(control):
            if f.name.startswith("_") or f.name in ("parent", "page"):
                continue
            value = getattr(control, f.name, None)
            if isinstance(value, BaseControl | list | tuple) or (
                dataclasses.is_dataclass(value) and not isinstance(value, type)
            ):
                count += checked_tree(value, seen)
    return count


def screen_context(session: AppSession, width: int) -> ScreenContext:
    def nothing(*_: object) -> None:
        return None

    return ScreenContext(
        page=SimpleNamespace(width=width),  # type: ignore[arg-type]
        session=session,
        go=nothing,
        refresh=nothing,
        toast=nothing,
        confirm=nothing,
        celebrate=nothing,
        run_busy=nothing,
        show_error=nothing,
    )


def words_in(control: Any, found: list[str] | None = None) -> list[str]:
    """Every Text's words and every button's label in a built tree."""
    found = [] if found is None else found
    for name in ("value", "content"):
        value = getattr(control, name, None)
        if isinstance(value, str) and (
            isinstance(control, ft.Text) or type(control).__name__.endswith("Button")
        ):
            found.append(value)
    for name in ("content", "controls"):
        value = getattr(control, name, None)
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, ft.Control):
                words_in(child, found)
    return found


def built(module: Any, session: AppSession, width: int = 1280) -> list[str]:
    """Build a screen as the app does, run Flet's checks on it, and give its words."""
    ctx = screen_context(session, width)
    ctx.page = SimpleNamespace(width=width, run_task=lambda *a, **k: None)  # type: ignore[assignment]
    tree = module.build(ctx)
    assert checked_tree(tree) > 0
    return words_in(tree)


def controls(tree: object, seen: set[int] | None = None) -> Iterator[object]:
    """Every control under ``tree`` (children, content, and other control fields)."""
    seen = set() if seen is None else seen
    if id(tree) in seen:
        return
    seen.add(id(tree))
    if isinstance(tree, list | tuple):
        for item in tree:
            yield from controls(item, seen)
        return
    if isinstance(tree, ft.Control):
        yield tree
    if dataclasses.is_dataclass(tree) and not isinstance(tree, type):
        for f in dataclasses.fields(tree):
            if f.name.startswith("_") or f.name in ("parent", "page"):
                continue
            value = getattr(tree, f.name, None)
            if isinstance(value, ft.Control | list | tuple):
                yield from controls(value, seen)

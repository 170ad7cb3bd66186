"""Building a screen without a browser, and running Flet's own checks on every control.

A wrong property type crashes the whole web client at run time; these checks catch it in
a plain test run.
"""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

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

"""A screen's top first, the rest of it just after: on arriving at a long screen.

Flet sends a screen as one update, and both ends pay for every control in it: Flet walks
each added control before it is sent, and Flutter builds, lays out and describes each to
screen readers before the first frame. Review, Check-ins and the Shortlist are 230-310
controls at 10 years, most of them below the first screenful (charts, past results, the
people already on the list). Sent in two updates, what the person sees first comes in
the time of a screen half the size, and the rest follows before they could scroll to it.

Only on arriving at a screen (``Shell.go``). A screen rebuilt where the person already is
(a ticked question, a resized window) is sent whole: shortening it for a moment would
pull a page scrolled down back up, and flicker.
"""

from __future__ import annotations

from dataclasses import dataclass

import flet as ft


@dataclass
class Held:
    """The parts kept back from ``column``, and the top it was sent with."""

    column: ft.Column
    top: list[ft.Control]
    rest: list[ft.Control]

    def still_shown(self, current: ft.Control | None) -> bool:
        """Nothing replaced the screen, or its top, since it was sent (a tap in the top
        refills the whole column, so the rest is in it already)."""
        return current is self.column and self.column.controls is self.top

    def release(self) -> None:
        """Put the rest back under the top; the caller sends the column."""
        self.column.controls = self.top + self.rest


class BelowFold:
    """Holds back the lower parts of the screen being built, while arriving at it."""

    def __init__(self) -> None:
        self.arriving = False  # set by the shell around building a screen it moves to
        self._held: Held | None = None

    def hold(self, column: ft.Column, keep: int) -> None:
        """Send only the first ``keep`` parts of ``column`` now (when arriving)."""
        if not self.arriving or keep <= 0 or len(column.controls) <= keep:
            return
        top, rest = column.controls[:keep], column.controls[keep:]
        column.controls = top
        self._held = Held(column, top, rest)

    def take(self) -> Held | None:
        """What the screen just built held back, once; None if it held nothing."""
        held, self._held = self._held, None
        return held

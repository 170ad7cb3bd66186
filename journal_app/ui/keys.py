"""Keys the whole page hears, handed to the screen shown when it asked for them.

Flet reports every key pressed anywhere on the page to ``page.on_keyboard_event``; the
shell counts each one as the person being there (auto-lock waits) and then offers it
here. A screen that gives a key a meaning of its own (Esc leaves the breathing exercise,
arrows move between the month's days) claims the route while it is built; the shell
releases it before each screen is built, so a key means nothing on a screen that did
not ask for it, and Esc never locks, leaves a form or throws a draft away by accident.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# Flutter's names for the keys (``LogicalKeyboardKey.keyLabel``), as Flet passes them on.
ESCAPE = "Escape"
ARROW_LEFT = "Arrow Left"
ARROW_RIGHT = "Arrow Right"
ARROW_UP = "Arrow Up"
ARROW_DOWN = "Arrow Down"
PAGE_UP = "Page Up"
PAGE_DOWN = "Page Down"


@dataclass(frozen=True)
class KeyPress:
    """One key pressed, with the modifiers held: a screen answers the plain key only, so
    Ctrl+Esc or Alt+Arrow stay the browser's and the system's."""

    key: str
    shift: bool = False
    ctrl: bool = False
    alt: bool = False
    meta: bool = False

    @property
    def plain(self) -> bool:
        return not (self.shift or self.ctrl or self.alt or self.meta)


# A screen's answer to a key: True when the key meant something there.
KeyHandler = Callable[[KeyPress], bool]


class KeyRoute:
    """Which handler, if any, the screen shown gave for keys."""

    def __init__(self) -> None:
        self._handler: KeyHandler | None = None

    def claim(self, handler: KeyHandler) -> None:
        """The screen being built answers keys with ``handler`` while it is shown."""
        self._handler = handler

    def release(self) -> None:
        """Another screen (or the lock screen) is about to be built: no handler."""
        self._handler = None

    def press(self, key: KeyPress) -> bool:
        """Offer ``key`` to the screen's handler; False when none took it."""
        handler = self._handler
        return handler(key) if handler is not None else False

"""Screens that redraw their own column after an action, so the scroll position stays."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from journal_app.core.journal import InvalidInput
from journal_app.ui.context import ScreenContext


class InPlaceView:
    """Base for a screen view holding ``ctx`` and redrawing itself with ``fill``."""

    ctx: ScreenContext

    def fill(self, update: bool = True) -> None:
        raise NotImplementedError

    def attempt(self, action: Callable[[], Any], *, inline: bool = False) -> tuple[bool, Any]:
        """Run an action and redraw; a refusal is said plainly. Returns (done, result).

        ``inline``: the refusal is already shown next to the form, so no second message.
        """
        try:
            result = action()
        except InvalidInput as exc:
            self.fill()
            if not inline:
                self.ctx.show_error(exc)
            return False, None
        except Exception as exc:
            self.fill()
            self.ctx.show_error(exc)
            return False, None
        self.fill()
        self.ctx.changed()
        return True, result

"""Screens that redraw their own column after an action, so the scroll position stays."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from journal_app.core.journal import InvalidInput
from journal_app.ui.context import ScreenContext
from journal_app.ui.draft_banner import draft_banner, offer_undo


class InPlaceView:
    """Base for a screen view holding ``ctx`` and redrawing itself with ``fill``."""

    ctx: ScreenContext
    # Its controller; ``draft_part`` needs keep_going, discard_draft and undo_discard.
    ctrl: Any

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

    def draft_part(self, form: str) -> ft.Control:
        """ "You were writing this" over a form kept from before the lock: keep going, or
        discard it (with a moment to undo)."""
        ctrl = self.ctrl

        def undo() -> None:
            self.attempt(ctrl.undo_discard)

        def discard() -> None:
            done, _ = self.attempt(lambda: ctrl.discard_draft(form))
            if done:
                offer_undo(self.ctx, undo)

        return draft_banner(
            self.ctx,
            form,
            on_keep=lambda: self.attempt(lambda: ctrl.keep_going(form)),
            on_discard=discard,
        )

"""The banner's own buttons, as a screen wires them through ``guarded_banner``: Keep going,
Discard with its Undo, and an action that fails told plainly with nothing redrawn. The
Share screen's banner over a real, encrypted journal; the buttons pressed as Flet would."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import flet as ft

from journal_app.app.session import AppSession
from journal_app.core.drafts import SHARE
from journal_app.ui.controllers.share import ShareController
from journal_app.ui.draft_banner import DISCARD, KEEP_GOING, guarded_banner
from tests.ui.screen_check import checked_tree, screen_context
from tests.ui.test_drafts_controllers import drafts_of, relock


def button(tree: Any, words: str) -> Any:
    """The button in a built tree whose content is ``words``."""
    if isinstance(tree, (ft.FilledButton, ft.OutlinedButton)) and tree.content == words:
        return tree
    for name in ("content", "controls"):
        value = getattr(tree, name, None)
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, ft.Control) and (found := button(child, words)) is not None:
                return found
    return None


def restored_share(session: AppSession) -> ShareController:
    ShareController.for_session(session).set_recipient("Dr Patel, my GP")
    relock(session)
    again = ShareController.for_session(session)
    assert again.restored
    return again


def test_discard_then_undo_puts_the_draft_back_and_redraws(clocked_session: AppSession) -> None:
    ctl = restored_share(clocked_session)
    shown: list[Any] = []
    redraws: list[int] = []
    ctx = replace(screen_context(clocked_session, 1280), refresh=lambda: redraws.append(1))
    ctx.page = SimpleNamespace(width=1280, run_task=lambda *a, **k: None, show_dialog=shown.append)  # type: ignore[assignment]
    banner = guarded_banner(
        ctx, SHARE, keep=ctl.keep_going, discard=ctl.discard_draft, undo=ctl.undo_discard
    )
    assert checked_tree(banner) > 0

    button(banner, DISCARD).on_click(None)
    assert drafts_of(clocked_session) == {} and ctl.recipient == ""
    assert len(redraws) == 1
    (snack,) = shown
    assert snack.action == "Undo"
    snack.on_action(None)
    assert drafts_of(clocked_session)[SHARE]["recipient"] == "Dr Patel, my GP"
    assert ctl.recipient == "Dr Patel, my GP" and len(redraws) == 2

    button(banner, KEEP_GOING).on_click(None)
    assert not ctl.restored and len(redraws) == 3


def test_an_action_that_fails_is_told_and_nothing_is_redrawn(
    clocked_session: AppSession,
) -> None:
    restored_share(clocked_session)
    told: list[Exception] = []
    redraws: list[int] = []
    shown: list[Any] = []
    ctx = replace(
        screen_context(clocked_session, 1280),
        refresh=lambda: redraws.append(1),
        show_error=told.append,
    )
    ctx.page = SimpleNamespace(width=1280, run_task=lambda *a, **k: None, show_dialog=shown.append)  # type: ignore[assignment]

    def refuses() -> None:
        raise OSError("The disk is full.")

    banner = guarded_banner(ctx, SHARE, keep=refuses, discard=refuses, undo=refuses)
    button(banner, DISCARD).on_click(None)
    button(banner, KEEP_GOING).on_click(None)
    assert [str(e) for e in told] == ["The disk is full.", "The disk is full."]
    assert redraws == [] and shown == []  # no "discarded" with an Undo for what was not
    assert SHARE in drafts_of(clocked_session)

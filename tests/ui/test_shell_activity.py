"""The shell's side of activity and auto-lock, on a real session and vault: "Still there?"
goes the moment the person types again, and the loop looks more often while it shows.
The page is a stand-in recording what would be shown (no browser: tests/e2e has those)."""

from __future__ import annotations

import asyncio
import contextvars
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import flet as ft

from journal_app.app.session import AppSession
from journal_app.ui.shell import AUTO_LOCK_POLL_SECONDS, WARNED_POLL_SECONDS, Shell
from tests.ui.conftest import ManualClock


def tick(shell: Shell) -> None:
    """One turn of the auto-lock loop, in an event loop of its own thread (the browser
    tests' Playwright may hold this thread's loop when the whole suite runs)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, shell.auto_lock_tick()).result()


def stand_in_page() -> Any:
    """Records the dialogs shown, opened as ``Page.show_dialog`` opens them."""
    shown: list[ft.Control] = []

    def show_dialog(dialog: Any) -> None:
        dialog.open = True
        shown.append(dialog)

    return SimpleNamespace(width=1280, shown=shown, show_dialog=show_dialog)


def test_still_there_goes_as_soon_as_the_person_types(
    clocked_session: AppSession, clock: ManualClock
) -> None:
    page = stand_in_page()
    shell = Shell(page, clocked_session)
    spell = clocked_session.auto_lock_after()
    assert shell._poll_seconds() == AUTO_LOCK_POLL_SECONDS
    clock.now += spell - timedelta(seconds=30)
    tick(shell)
    (notice,) = page.shown
    assert isinstance(notice, ft.SnackBar) and notice.open
    assert "Still there?" in notice.content.value
    assert shell._poll_seconds() == WARNED_POLL_SECONDS  # typing is noticed within a second
    clocked_session.form_changed("journal.new", lambda: ({"text": "I am here"}, None))
    tick(shell)
    assert not notice.open and not shell.warned  # gone, not counting down over the writing
    assert page.shown == [notice]  # and not shown again
    assert clocked_session.state == "unlocked"


def test_keys_and_scrolling_count_without_a_page_update(
    clocked_session: AppSession, clock: ManualClock
) -> None:
    shell = Shell(stand_in_page(), clocked_session)
    clock.now += timedelta(minutes=4)
    assert clocked_session.idle_for() == timedelta(minutes=4)

    def as_flet_runs_it() -> bool:
        ft.context.reset_auto_update()
        shell.active(SimpleNamespace(key="Tab"))
        return ft.context.auto_update_enabled()

    assert contextvars.copy_context().run(as_flet_runs_it) is False  # nothing sent
    assert clocked_session.idle_for() == timedelta(0)

"""The lock screen while the key is derived: words at once, a ring only for a long wait,
and the form off the screen (its focus and button animations took the derivation's cores).

The screen is built as the app builds it, on a real session over a real vault, and its
submit handler runs as Flet runs it (a coroutine on the event loop); the page stands in
for Flet's only to note what each update would have shown.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import flet as ft
import pytest

from journal_app.app.session import UNLOCKED, AppSession
from journal_app.storage.vault import Vault
from journal_app.ui.screens.lock import build_lock
from tests.ui.conftest import UI_PASSPHRASE


def walk(control: Any) -> list[Any]:
    """Every control in the tree, this one first."""
    found = [control]
    for name in ("content", "controls"):
        value = getattr(control, name, None)
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, ft.Control):
                found.extend(walk(child))
    return found


class LockScreen:
    """The built screen, its parts, and what every ``page.update()`` showed."""

    def __init__(self, session: AppSession, ring_after: float) -> None:
        self.shown: list[dict[str, Any]] = []
        self.opened = False
        self.linger = ring_after + 0.2  # a ring still due after the answer would show by then
        page = SimpleNamespace(update=self._note, run_task=None)
        self.root = build_lock(
            page,  # type: ignore[arg-type]
            session,
            on_open=self._open,
            show_error=lambda _exc: None,
            ring_after=ring_after,
        )
        parts = walk(self.root)
        self.field = next(c for c in parts if isinstance(c, ft.TextField))
        self.ring = next(c for c in parts if isinstance(c, ft.ProgressRing))
        self.said = next(c for c in parts if isinstance(c, ft.Semantics) and c.live_region)
        self.words = self.said.content
        # The part holding the field, which leaves the screen while the key is derived.
        self.form = next(
            c for c in parts if isinstance(c, ft.Column) and self.field in walk(c)[1:]
            and self.said not in walk(c)
        )  # fmt: skip

    def saying(self) -> bool:
        """Whether the words are on screen: a Semantics' content must stay visible (Flutter
        draws an error instead), so they come and go as the text."""
        assert self.words.visible
        return self.words.value == "Opening your journal…"

    def _note(self) -> None:
        self.shown.append(
            {"words": self.saying(), "ring": self.ring.visible, "form": self.form.visible}
        )

    def _open(self) -> None:
        self.opened = True

    def submit(self, passphrase: str) -> None:
        self.field.value = passphrase
        # On a thread of its own: Playwright's sync API, used by the browser tests in the
        # same run, leaves an event loop running on the main thread.
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, self._submit_then_linger()).result()

    async def _submit_then_linger(self) -> None:
        await self.field.on_submit(SimpleNamespace(control=self.field))
        await asyncio.sleep(min(self.linger, 1.0))


@pytest.fixture
def session(tmp_path: Path):
    folder = tmp_path / "j"
    Vault.create(folder, UI_PASSPHRASE).close()
    opened = AppSession(folder)
    yield opened
    opened.lock()


def test_unlocking_says_so_in_words_at_once_and_a_quick_open_shows_no_ring(
    session: AppSession,
) -> None:
    screen = LockScreen(session, ring_after=60)
    assert not screen.saying() and not screen.ring.visible
    assert isinstance(screen.words, ft.Text)  # in the live region: a screen reader hears it
    screen.submit(UI_PASSPHRASE)
    assert screen.opened and session.state == UNLOCKED
    assert screen.shown[0] == {"words": True, "ring": False, "form": False}
    assert not any(state["ring"] for state in screen.shown)


def test_a_long_wait_adds_the_ring(session: AppSession) -> None:
    screen = LockScreen(session, ring_after=0)  # every key derivation is "long" here
    screen.submit(UI_PASSPHRASE)
    assert screen.opened
    assert screen.shown[0] == {"words": True, "ring": False, "form": False}
    assert {"words": True, "ring": True, "form": False} in screen.shown


def test_a_wrong_passphrase_takes_the_words_away_and_no_ring_comes_later(
    session: AppSession,
) -> None:
    screen = LockScreen(session, ring_after=0.5)  # due after the answer, on a quiet machine
    screen.submit("not my passphrase")
    assert not screen.opened
    assert not screen.saying() and not screen.ring.visible
    assert screen.shown[0] == {"words": True, "ring": False, "form": False}
    assert screen.shown[-1] == {"words": False, "ring": False, "form": True}
    assert screen.field.value == "not my passphrase"  # back as it was, to correct
    message = next(
        c for c in walk(screen.root) if isinstance(c, ft.Text) and c.color == ft.Colors.ERROR
    )
    assert "does not open this journal" in message.value

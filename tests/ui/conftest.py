"""A real session on a real vault in a temp folder, with a clock the test moves by hand."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from journal_app.app.session import AppSession

UI_PASSPHRASE = "quiet harbour maple 7"


class ManualClock:
    """The session's clock; tests move ``now`` to cross days or trigger auto-lock."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2025, 3, 10, 12, 0, tzinfo=UTC))


@pytest.fixture
def clocked_session(tmp_path: Path, clock: ManualClock) -> Iterator[AppSession]:
    """A created, unlocked journal whose clock the test controls."""
    s = AppSession(tmp_path / "j", clock=clock)
    s.create(UI_PASSPHRASE, UI_PASSPHRASE)
    yield s
    s.lock()

"""The journal's filters take a date range: days on the person's calendar, either end open,
refused when back to front, cleared with the other filters, and drawn on the screen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from journal_app.app.session import AppSession
from journal_app.ui.controllers.journal import JournalController
from journal_app.ui.screens import journal as journal_screen
from tests.ui.screen_check import checked_tree, screen_context

PASSPHRASE = "quiet harbour maple 7"
# Stored moments (UTC) and the New York day each falls on.
MOMENTS = {
    "New Year's Eve, late": datetime(2026, 1, 1, 3, 0, tzinfo=UTC),  # 31 Dec in New York
    "Second of January": datetime(2026, 1, 2, 15, 0, tzinfo=UTC),
    "Fifth of January": datetime(2026, 1, 5, 15, 0, tzinfo=UTC),
}


@pytest.fixture
def session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppSession]:
    monkeypatch.setenv("TZ", "America/New_York")
    s = AppSession(tmp_path / "j")
    s.create(PASSPHRASE, PASSPHRASE)
    ctrl = JournalController(s)
    for text, moment in MOMENTS.items():
        s.clock = lambda moment=moment: moment
        ctrl.set_text(text)
        assert ctrl.save() is not None, ctrl.error
    s.clock = lambda: datetime(2026, 1, 10, 15, 0, tzinfo=UTC)
    yield s
    s.lock()


def texts(ctrl: JournalController) -> list[str]:
    return [e.text for e in ctrl.results()]


def test_a_range_shows_the_days_on_the_persons_calendar(session: AppSession) -> None:
    ctrl = JournalController(session)
    assert ctrl.set_since(date(2026, 1, 1)) is None
    # 03:00 UTC on 1 January is still 31 December in New York: not in the range.
    assert texts(ctrl) == ["Fifth of January", "Second of January"]
    assert ctrl.set_until(date(2026, 1, 2)) is None  # the last day is included
    assert texts(ctrl) == ["Second of January"]
    assert ctrl.count_text() == "1 matching entry"
    assert ctrl.range_words("since") == "From 1 Jan 2026"
    assert ctrl.range_words("until") == "To 2 Jan 2026"
    ctrl.set_since(None)  # open at the start
    assert texts(ctrl) == ["Second of January", "New Year's Eve, late"]


def test_a_back_to_front_range_is_refused_and_left_as_it_was(session: AppSession) -> None:
    ctrl = JournalController(session)
    ctrl.set_until(date(2025, 12, 31))
    assert ctrl.set_since(date(2026, 1, 3)) == "The start date is after the end date."
    assert ctrl.since is None and texts(ctrl) == ["New Year's Eve, late"]
    ctrl.set_until(None)
    ctrl.set_since(date(2026, 1, 3))
    assert ctrl.set_until(date(2026, 1, 2)) == "The end date is before the start date."
    assert ctrl.until is None and texts(ctrl) == ["Fifth of January"]
    ctrl.clear_filters()
    assert (ctrl.since, ctrl.until, ctrl.filtering) == (None, None, False)
    assert len(texts(ctrl)) == 3
    assert ctrl.range_words("since") == "From the first entry"
    assert ctrl.range_words("until") == "To today"


@pytest.mark.parametrize("width", [390, 1280])
def test_the_screen_draws_the_range(session: AppSession, width: int) -> None:
    ctrl = journal_screen.controller_for(session)
    ctrl.set_since(date(2026, 1, 2))
    tree = journal_screen.build(screen_context(session, width))
    assert checked_tree(tree) > 20
    found: list[str] = []

    def walk(control: object) -> None:
        content = getattr(control, "content", None)
        if isinstance(content, str):
            found.append(content)
        for child in [
            *(getattr(control, "controls", None) or []),
            *([content] if content is not None and not isinstance(content, str) else []),
        ]:
            walk(child)

    walk(tree)
    assert "From 2 Jan 2026" in found and "To today" in found

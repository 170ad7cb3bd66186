"""Hovering a control, moving away and scrolling leaves no dangling ``aria-owns``: axe-core
finds nothing critical or serious, and no ``aria-owns`` names a node that is gone.

A shown Flutter tooltip ties its control to the tooltip's overlay node with ``aria-owns``;
after the tooltip went and the screen scrolled, the web engine kept pointing at the node it
had dropped (axe: critical ``aria-valid-attr-value``; flet 1.0.5), even with the tooltip's
``exclude_from_semantics``. So the app's buttons and dropdowns carry no tooltip: their
names come from their words or a Semantics label. One control of each kind that had one
is hovered here: an icon button (the shared ``icon_button``), a milestone's date button
(the same, in a checkbox row), a filled button, and dropdowns on Settings and Journal.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.e2e.app_server import AppPage, served_app
from tests.e2e.axe import blocking, run_axe
from tests.e2e.test_app_a11y import PASS, open_journal
from tests.e2e.test_nav_owns_browser import DANGLING_OWNS

pytestmark = pytest.mark.e2e
DESKTOP = (1280, 800)
HOVER_MS = 1500  # Flutter shows a tooltip after ~0.8 s under the mouse


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A journal with one goal of two steps, as `journal-app goal add` would make it."""
    from journal_app.app.session import AppSession
    from journal_app.core.goals import add_goal

    folder = tmp_path_factory.mktemp("tooltips") / "journal"
    session = AppSession(folder)
    session.create(PASS, PASS)
    with session.work() as repo:
        add_goal(
            repo,
            "Call the GP",
            steps=["Find the number", "Make the call"],
            record_id="goal-tooltips-e2e",
            now=datetime.now(UTC),
        )
    session.lock()
    with served_app(folder) as url:
        yield url


def hover_then_leave(app: AppPage, name: str) -> None:
    """Rest the mouse on the control named ``name`` long enough for a tooltip, then move
    off it and wheel the screen down and back."""
    target = app.page.get_by_role("button", name=name, exact=True).first
    app.reveal(target)
    box = target.bounding_box()
    assert box, name
    app.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    app.page.wait_for_timeout(HOVER_MS)
    width, height = DESKTOP
    app.page.mouse.move(width - 20, height / 2)
    app.page.wait_for_timeout(500)
    for delta in (400,) * 6 + (-400,) * 6:
        app.page.mouse.wheel(0, delta)
        app.page.wait_for_timeout(120)
    app.page.wait_for_timeout(800)


def assert_no_dangling_owns(app: AppPage) -> None:
    assert app.page.evaluate(DANGLING_OWNS) == []


def to_screen(app: AppPage, tab: str, sign: str) -> None:
    app.go(tab)
    app.see(sign)


def test_hovered_controls_leave_no_dangling_aria_owns(
    browser, app_url: str, axe: Path, screenshots: Path
) -> None:
    app = AppPage(browser, app_url, *DESKTOP)
    try:
        open_journal(app)
        to_screen(app, "Goals", "My own goals")
        for name in (
            "Rename step Make the call",
            "Set a date for Reach out to a therapist",
        ):
            hover_then_leave(app, name)
            assert_no_dangling_owns(app)
        app.shot(screenshots / "tooltips-goals-desktop.png")
        assert blocking(run_axe(app.page, axe)) == []

        to_screen(app, "Settings", "Delete all my data")
        for name in ("Delete all my data", "Theme: Match my device"):
            hover_then_leave(app, name)
            assert_no_dangling_owns(app)
        app.shot(screenshots / "tooltips-settings-desktop.png")
        assert blocking(run_axe(app.page, axe)) == []
        to_screen(app, "Journal", "Save entry")
        app.click("More filters")  # the tag and feeling menus wait behind it
        app.see("Filter by tag")
        for name in ("Coping exercise (optional)", "Filter by tag"):
            hover_then_leave(app, name)
            assert_no_dangling_owns(app)
        app.shot(screenshots / "tooltips-journal-desktop.png")
        assert blocking(run_axe(app.page, axe)) == []
        for name in ("Coping exercise (optional)", "Filter by tag", "Filter by feeling"):
            assert app.page.get_by_role("button", name=name, exact=True).count() == 1, name
        to_screen(app, "Settings", "Delete all my data")
        # Each still has its one name.
        tree = app.page.locator("body").aria_snapshot()
        for name in ("Delete all my data", "Theme: Match my device", "Lock after: 5 minutes"):
            assert app.page.get_by_role("button", name=name, exact=True).count() == 1, tree
    finally:
        app.close()

"""The phone's bottom bar after a long screen has scrolled: axe-core finds nothing critical
or serious, the selected tab included.

Flutter gave each bottom-bar destination its label as a tooltip, shown at once under the
mouse. Tapping a tab showed it; the web engine tied it to the tab with ``aria-owns`` and,
once the pointer moved on and the screen scrolled, kept pointing at the node it had
dropped (a critical ``aria-valid-attr-value`` on the selected tab; flet 1.0.5). The shell
now builds the destinations without tooltips (``Shell._bottom_bar``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.app_server import AppPage
from tests.e2e.axe import blocking, run_axe
from tests.e2e.test_app_a11y import open_journal

pytestmark = pytest.mark.e2e
PHONE = (390, 844)
BAR = ("Home", "Journal", "Shortlist", "Check-ins", "More")

# Every aria-owns on the page whose named node is not in the document.
DANGLING_OWNS = """() => [...document.querySelectorAll('[aria-owns]')]
  .filter(e => e.getAttribute('aria-owns').split(/\\s+/).filter(Boolean)
    .some(id => !document.getElementById(id)))
  .map(e => e.outerHTML.slice(0, 160))"""


@pytest.fixture(scope="module")
def app_url(shared_app) -> str:
    return shared_app.url  # the session's served app (tests/e2e/conftest.py)


def scroll_to_bottom(app: AppPage) -> None:
    """Wheel the screen down past its end, the pointer over the page (not the bar)."""
    width, height = PHONE
    app.page.mouse.move(width * 0.6, height / 2)
    for _ in range(12):
        app.page.mouse.wheel(0, 400)
        app.page.wait_for_timeout(150)
    app.page.wait_for_timeout(1000)


def test_bottom_bar_stays_valid_after_a_long_screen_scrolls(
    browser, app_url: str, axe: Path, screenshots: Path
) -> None:
    app = AppPage(browser, app_url, *PHONE)
    try:
        open_journal(app)
        app.tap(app.page.get_by_role("tab", name="Journal", exact=True))  # by mouse, as a person
        app.see("New entry")
        app.click("New entry")  # a phone opens on the entries; the form is the long screen
        app.see("Save entry")
        scroll_to_bottom(app)
        app.shot(screenshots / "nav-scrolled-phone.png")
        assert blocking(run_axe(app.page, axe)) == []
        assert app.page.evaluate(DANGLING_OWNS) == []
        # Still one name each, and the current screen announced as selected.
        tree = app.page.locator("body").aria_snapshot()
        for name in BAR:
            assert app.page.get_by_role("tab", name=name, exact=True).count() == 1, tree
        assert '- tab "Journal" [selected]' in tree, tree
    finally:
        app.close()

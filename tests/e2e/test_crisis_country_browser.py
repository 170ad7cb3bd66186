"""The crisis country in the real app in Chromium: a machine in New York with no locale
variable shows 988 from the first minute, says why, and one tap picks another country.

Screenshots at desktop (1280x800) and phone (390x844) sizes go to the screenshots folder
for a person to look at; axe-core finds nothing critical or serious on the card.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.app_server import AppPage, served_app
from tests.e2e.axe import blocking, run_axe
from tests.e2e.test_app_a11y import open_journal

pytestmark = pytest.mark.e2e
NEW_YORK_NO_LOCALE = {"TZ": "America/New_York", "LANG": "", "LC_ALL": "", "LC_MESSAGES": ""}
SHOWING_US = "Showing help for the United States, from your time zone."
HELP = "Need to talk to someone right now?"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("crisis") / "journal"
    with served_app(data, env_extra=NEW_YORK_NO_LOCALE) as url:
        yield url


def open_help(app: AppPage, *, narrow: bool) -> None:
    if narrow:
        app.tap(app.page.get_by_role("tab", name=re.compile(r"^Check-ins")))
    else:
        app.go("Check-ins")
    app.page.wait_for_timeout(700)
    app.click(HELP)
    app.see("Support right now")


def test_new_york_shows_988_says_so_and_changes_in_one_tap(
    browser, app_url: str, axe: Path, screenshots: Path
) -> None:
    desk = AppPage(browser, app_url, 1280, 800)
    try:
        open_journal(desk)  # the first run: nobody has chosen a country
        open_help(desk, narrow=False)
        desk.see(SHOWING_US)
        tree = desk.page.locator("body").aria_snapshot()
        assert "988 Suicide & Crisis Lifeline" in tree
        assert "If you are in immediate danger, call 911 now." in tree
        assert re.search(r'button "Call 988 Suicide & Crisis Lifeline on 988"', tree), tree
        assert re.search(r'button "Change country"', tree)
        assert blocking(run_axe(desk.page, axe)) == []
        desk.reveal(desk.button("Change country"))
        desk.shot(screenshots / "crisis-country-desktop.png")
    finally:
        desk.close()

    phone = AppPage(browser, app_url, 390, 844)
    try:
        open_journal(phone)
        open_help(phone, narrow=True)
        phone.see(SHOWING_US)
        phone.reveal(phone.button("Change country"))
        phone.shot(screenshots / "crisis-country-phone.png")
        phone.click("Change country")  # one tap to the choice, right in the card
        phone.see("Work it out from this device")
        phone.page.wait_for_timeout(1_000)  # let the engine finish redrawing the tree
        found = blocking(run_axe(phone.page, axe))
        assert found == [], found
        phone.reveal(phone.page.get_by_role("radio", name="United Kingdom"))
        phone.shot(screenshots / "crisis-country-choice-phone.png")
        phone.tap(phone.page.get_by_role("radio", name="United Kingdom"))
        phone.see("Showing help for the United Kingdom, as you chose.")
        tree = phone.page.locator("body").aria_snapshot()
        assert "Samaritans" in tree and "call 999 now" in tree
        assert "988" not in tree
        phone.shot(screenshots / "crisis-country-gb-phone.png")
    finally:
        phone.close()

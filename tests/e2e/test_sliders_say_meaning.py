"""Every slider announces what it means, not a number (issue 29), read in the served app's
accessibility tree in real Chromium, keyboard only (as a screen-reader user moves).

Before: the anxiety slider read `slider "Anxiety": "50"` and the travel-time slider was an
unnamed `slider: "1"` inside a group. The web engine's range input holds a stand-in number
as its value, so the meaning is in each slider's name and in its aria-valuetext.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from journal_app.app.prompt_files import load_packs
from journal_app.core.prompt_engine import answer_prompt, next_prompt, stored_answers
from journal_app.storage.repository import open_repository
from journal_app.storage.vault import Vault
from tests.e2e.app_server import AppPage, served_app
from tests.e2e.test_app_a11y import PASS, tab_to

pytestmark = pytest.mark.e2e
WHEN = datetime(2026, 11, 2, 9, tzinfo=UTC)
VALUE_TEXT = "document.querySelector('input[type=range]').getAttribute('aria-valuetext')"


def sliders(app: AppPage) -> list[str]:
    """The slider lines of the accessibility tree, as Playwright reads it."""
    return [line.strip() for line in app.page.locator("body").aria_snapshot().splitlines()
            if "slider" in line]  # fmt: skip


def press(app: AppPage, key: str, times: int) -> None:
    for _ in range(times):
        app.page.keyboard.press(key)
        app.page.wait_for_timeout(120)
    app.page.wait_for_timeout(500)


def answer_line(app: AppPage) -> bytes:
    """A picture of the strip just above the slider, where "Your answer: …" is drawn."""
    box = app.page.locator("input[type=range]").bounding_box()
    assert box is not None
    top = max(0.0, box["y"] - 44)  # the line, clear of the thumb's focus halo below it
    clip = {"x": max(0.0, box["x"] - 40), "y": top, "width": 360.0, "height": 30.0}
    return app.page.screenshot(clip=clip)


def journal_at_travel_time(data: Path) -> None:
    """A journal whose next question is the travel-time slider (in person chosen)."""
    Vault.create(data, PASS).close()
    packs = load_packs()
    with open_repository(data, PASS) as repo:
        answer_prompt(repo, packs, "format", ["in_person"], record_id="f", now=WHEN)
        n = 0
        while (prompt := next_prompt(packs, stored_answers(repo))) and prompt.id != "travel_time":
            n += 1
            answer_prompt(repo, packs, prompt.id, None, record_id=f"s{n}", now=WHEN)


def test_sliders_say_what_they_mean(browser, tmp_path: Path) -> None:
    data = tmp_path / "journal"
    journal_at_travel_time(data)
    with served_app(data) as url:
        app = AppPage(browser, url)
        try:
            app.see("Welcome back")
            app.page.wait_for_timeout(800)
            app.page.keyboard.type(PASS)
            app.page.keyboard.press("Enter")
            app.see("Prepare for my consultation")

            # Preferences: travel time, "up to 45 minutes each way", never a bare number.
            tab_to(app, "Preferences")
            app.page.keyboard.press("Enter")
            app.see("How long would you be happy to travel")
            app.page.wait_for_timeout(600)
            (line,) = sliders(app)  # one slider, named by what it means
            assert "slider \"Longest I''d travel: up to 45 minutes each way\"" in line, line
            assert app.page.evaluate(VALUE_TEXT) == "up to 45 minutes each way"
            # Importance is a criterion's, said in words: the question names the radios.
            tree = app.page.locator("body").aria_snapshot()
            assert 'group "How much does this matter to you?"' in tree, tree
            assert 'radio "Nice-to-have" [checked]' in tree, tree
            tab_to(app, "Nice-to-have")
            press(app, "Shift+Tab", 1)  # the slider (Flutter keeps its focus off the DOM)
            answer_before = answer_line(app)
            press(app, "ArrowLeft", 3)
            assert "Longest I''d travel: up to 30 minutes each way" in sliders(app)[0]
            assert app.page.evaluate(VALUE_TEXT) == "up to 30 minutes each way"
            # The visible "Your answer: …" line (kept out of the tree: the slider says it)
            # follows too; it stayed at 45 while it was set as a semantic value.
            assert answer_line(app) != answer_before, "the words above the slider did not change"
            press(app, "ArrowRight", 13)  # one past the end: stays at the end
            assert "Longest I''d travel: 90 minutes or more" in sliders(app)[0], sliders(app)

            # The journal: "Anxiety: not rated", then "Anxiety: 7 of 10".
            tab_to(app, "Journal")
            app.page.keyboard.press("Enter")
            app.see("New entry")
            app.page.wait_for_timeout(600)
            assert any('slider "Anxiety: not rated"' in line for line in sliders(app)), sliders(app)
            tab_to(app, "Clear anxiety")
            press(app, "Tab", 1)
            press(app, "ArrowRight", 7)
            assert any('slider "Anxiety: 7 of 10"' in line for line in sliders(app)), sliders(app)
            assert app.page.evaluate(VALUE_TEXT) == "7 of 10"
            assert not any('"Anxiety"' in line for line in sliders(app))
        finally:
            app.close()

"""In the doctor's browser, the person's Markdown dresses as nothing of the app's.

A real bundle whose every piece of the person's writing names the app's classes and ids
(fence attributes, attribute lists, raw HTML), opened by the real viewer in headless
Chromium: the content frame holds exactly the classes and ids of the same bundle made
from plain words, the app's own "Please note first" alert for PHQ-9 item 9 (once, at the
top of the summary: the check-in section points to it), and one entry for the viewer to
batch, while the forged words are there to read as words.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.share.bundle_fixtures import (
    ATTACK,
    BUNDLE_PASSPHRASE,
    ONE_LINE,
    PLAIN,
    make_dressed_journal,
    write_bundle,
)

pytestmark = pytest.mark.e2e

CLASSES_AND_IDS = """() => Array.from(document.querySelectorAll('[class],[id]'))
    .map(e => `${e.tagName.toLowerCase()}.${e.className}#${e.id}`).sort()"""


def _bundle(folder: Path, long_text: str, line: str) -> Path:
    make_dressed_journal(folder / "journal", long_text, line)
    write_bundle(folder / "journal", folder / "summary.html")
    return folder / "summary.html"


def _opened(browser, bundle: Path) -> tuple[list[str], dict[str, int], str]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(bundle.as_uri())
        page.get_by_label("Passphrase").fill(BUNDLE_PASSPHRASE)
        page.get_by_role("button", name="Open summary").click()
        frame = page.frame_locator("#tj-frame")
        frame.get_by_role("heading", name="Summary from my Therapy Journal").wait_for(
            timeout=30_000
        )
        frame.locator("article.tj-entry").first.wait_for()
        inner = page.frame(url="about:srcdoc")
        assert inner is not None
        seen = inner.evaluate(CLASSES_AND_IDS)
        counts = inner.evaluate(
            """() => ({alerts: document.querySelectorAll('.tj-alert').length,
                       entries: document.querySelectorAll('article.tj-entry').length,
                       sections: document.querySelectorAll('section.tj-section').length})"""
        )
        return seen, counts, frame.locator("body").inner_text()
    finally:
        context.close()


def test_the_viewer_shows_the_persons_words_and_none_of_them_as_the_app(
    browser, tmp_path: Path
) -> None:
    attacked = _bundle(tmp_path / "attacked", ATTACK, " ".join(ONE_LINE))
    plain = _bundle(tmp_path / "plain", PLAIN, PLAIN)
    seen, counts, text = _opened(browser, attacked)
    plain_seen, plain_counts, _ = _opened(browser, plain)
    assert seen == plain_seen
    assert counts == plain_counts == {"alerts": 1, "entries": 1, "sections": 6}
    for words in ("Forged entry", "closing the frame", "Please note first: nothing is wrong"):
        assert words in text

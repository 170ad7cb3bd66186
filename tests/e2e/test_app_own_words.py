"""In the app itself, the person's Markdown dresses as nothing of the app's.

The app shows an entry's Markdown through Flet's Markdown control, which Flutter draws:
it makes no HTML of the person's text, so no class or id of the page can come from it,
and (with core.markdown_text) a block of HTML is shown as the words typed rather than
dropped. Checked in the served app in Chromium with an entry written to name the app's
classes and ids every way Markdown allows: the words are on screen to read, and the page
has no element whose class or id names ours (``tj-``) or comes from the entry.

The same served journal holds an entry with emoji in its words and its feelings: they
show in colour, from the font the app ships, with no request off the machine (Flutter
would otherwise fetch an emoji font from the internet, which the page forbids).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from journal_app.core.journal import EntryDraft, add_entry
from journal_app.storage.repository import open_repository
from journal_app.storage.vault import Vault
from tests.e2e.app_server import AppPage, served_app
from tests.e2e.test_app_a11y import PASS, go, open_journal
from tests.share.bundle_fixtures import ATTACK

pytestmark = pytest.mark.e2e

EMOJI_TEXT = "Emoji day 😰😊🌳❤️ flag 🇬🇧 key 1️⃣ 👋🏽 end"
EMOJI_FEELING = "hopeful 🌱"
OURS = """() => Array.from(document.querySelectorAll('[class],[id]'))
    .map(e => `${e.className} ${e.id}`)
    .filter(n => /tj-|review|checkins|forged|frame/i.test(n))"""


def test_an_entry_naming_our_classes_and_ids_is_shown_as_words(
    browser, tmp_path: Path, screenshots: Path
) -> None:
    data = tmp_path / "journal"
    Vault.create(data, PASS).close()
    with open_repository(data, PASS) as repo:
        add_entry(repo, EntryDraft(text=ATTACK, anxiety=5), record_id="e1",
                  now=datetime(2026, 11, 18, 20, tzinfo=UTC))  # fmt: skip
        add_entry(repo, EntryDraft(text=EMOJI_TEXT, anxiety=4, feelings=[EMOJI_FEELING]),
                  record_id="e2", now=datetime(2026, 11, 19, 20, tzinfo=UTC))  # fmt: skip
    with served_app(data) as url:
        app = AppPage(browser, url)
        try:
            open_journal(app)
            go(app, "Journal")
            app.tap(app.page.get_by_role("button", name=re.compile(r"Wed 18 Nov 2026")))
            # Blocks of HTML, which Flutter's Markdown dropped, words and all, are words now.
            app.see("Forged entry</h3></article>")
            app.see("closing the frame</div>")
            app.shot(screenshots / "journal-dressed-entry.png")
            assert app.page.evaluate(OURS) == []
            _emoji_in_colour(app, screenshots)
        finally:
            app.context.close()


def _emoji_in_colour(app: AppPage, screenshots: Path) -> None:
    """The emoji entry, opened: its line of words has bright yellow pixels (the faces;
    the theme has no yellow, and a missing glyph is a grey box), in light and dark."""
    app.tap(app.page.get_by_role("button", name=re.compile(r"Thu 19 Nov 2026")))
    app.see(EMOJI_TEXT)  # what a screen reader reads: the emoji as typed
    app.see(EMOJI_FEELING)
    words = app.page.get_by_text(re.compile("^Emoji day")).first
    app.reveal(words)
    for theme in ("light", "dark"):
        app.page.emulate_media(color_scheme=theme)
        shot = screenshots / f"journal-emoji-{theme}.png"
        app.shot(shot)
        box = words.bounding_box()
        assert box, "the emoji entry's words have no place on the screen"
        area = (box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"])
        hsv = Image.open(shot).convert("RGB").crop(area).convert("HSV")
        pixels = hsv.get_flattened_data()
        yellow = sum(1 for h, s, v in pixels if 20 <= h <= 45 and s > 150 and v > 150)
        assert yellow > 30, f"no colour emoji in {shot.name} ({yellow} yellow pixels)"
    app.page.emulate_media(color_scheme="light")
    # Every request stayed on this machine, and Flutter looked for no emoji font of its
    # own (without ours it asks for notocoloremoji/*.woff2 under its fallback address).
    assert app.left_the_machine() == []
    tried = [u for u in app.finished + [u for u, _ in app.failed] if "font" in u.lower()]
    assert all(u.startswith("http://127.0.0.1") for u in tried), tried
    assert not [u for u in tried if "/notocoloremoji/" in u], tried

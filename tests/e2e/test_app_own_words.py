"""In the app itself, the person's Markdown dresses as nothing of the app's.

The app shows an entry's Markdown through Flet's Markdown control, which Flutter draws:
it makes no HTML of the person's text, so no class or id of the page can come from it,
and (with core.markdown_text) a block of HTML is shown as the words typed rather than
dropped. Checked in the served app in Chromium with an entry written to name the app's
classes and ids every way Markdown allows: the words are on screen to read, and the page
has no element whose class or id names ours (``tj-``) or comes from the entry.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from journal_app.core.journal import EntryDraft, add_entry
from journal_app.storage.repository import open_repository
from journal_app.storage.vault import Vault
from tests.e2e.app_server import AppPage, served_app
from tests.e2e.test_app_a11y import PASS, go, open_journal
from tests.share.bundle_fixtures import ATTACK

pytestmark = pytest.mark.e2e

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
        finally:
            app.context.close()

"""The PDF draws the person's Markdown as every copy does: bold words, headings as bold
lines, lists and tables, never a raw ``**`` or ``#``; and it reads the very blocks the
HTML copy shows (one renderer)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from journal_app.core.journal import EntryDraft, add_entry
from journal_app.core.sharing import ENTRIES
from journal_app.share.pdf import build_pdf
from journal_app.share.pdf_words import markdown_blocks
from journal_app.storage.repository import open_repository
from journal_app.storage.vault import Vault
from tests.conftest import PASSPHRASE
from tests.share.bundle_fixtures import BUNDLE_PASSPHRASE, NOW, preview_of

WRITTEN = (
    "# My day\n\nI felt **awful** and *tired*.\n\n## Big things\n\n- called one\n"
    "- breathed\n    1. slowly\n\n> a quote with `code`\n\n| when | what |\n|---|---|\n"
    "| morning | a walk |\n\n---\n\nEnd with <b>tags</b> as words."
)


def test_blocks_follow_the_html_renderer() -> None:
    blocks = markdown_blocks(WRITTEN)
    kinds = [(b.kind, b.depth, b.marker) for b in blocks]
    assert kinds == [("heading", 0, ""), ("text", 0, ""), ("heading", 0, ""),
                     ("item", 1, "•"), ("item", 1, "•"), ("item", 2, "1."),
                     ("text", 1, ""), ("table", 0, ""), ("rule", 0, ""),
                     ("text", 0, "")]  # fmt: skip
    assert ("awful", True, False) in blocks[1].runs and ("tired", False, True) in blocks[1].runs
    assert blocks[7].rows == [["when", "what"], ["morning", "a walk"]]
    assert blocks[-1].text == "End with <b>tags</b> as words."


def test_the_pdf_shows_no_raw_markdown(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    Vault.create(folder, PASSPHRASE).close()
    with open_repository(folder, PASSPHRASE) as repo:
        add_entry(repo, EntryDraft(text=WRITTEN, anxiety=5), record_id="e1",
                  now=datetime(2026, 11, 18, 20, tzinfo=UTC))  # fmt: skip
    reader = PdfReader(
        io.BytesIO(build_pdf(preview_of(folder, (ENTRIES,)), BUNDLE_PASSPHRASE, NOW))
    )
    reader.decrypt(BUNDLE_PASSPHRASE)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for raw in ("**", "## ", "# My day", "|---|", "| when |", "> a quote", "- called"):
        assert raw not in text, raw
    for words in ("My day", "awful", "Big things", "called one", "slowly", "a quote with code",
                  "morning", "a walk", "End with <b>tags</b> as words."):  # fmt: skip
        assert words in text, words


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_writing_draws_nothing(text: str) -> None:
    assert markdown_blocks(text) == []

"""The person's short texts (questions, names, goals, who a copy is for) appear exactly as
typed in every copy: "1986. was hard" stays a sentence, ``*`` and ``_`` stay characters."""

from __future__ import annotations

import html
import io
import re
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from journal_app.app.profile import current_profile
from journal_app.core.goals import add_goal, add_step
from journal_app.core.markdown_text import literal
from journal_app.core.questions import add_question
from journal_app.core.sharing import SECTIONS, SharePreview, ShareSelection, build_preview
from journal_app.core.shortlist import add_candidate
from journal_app.share.bundle import build_bundle
from journal_app.share.pdf import build_pdf
from journal_app.share.reader import read_bundle
from journal_app.share.render import markdown_to_safe_html
from journal_app.storage.repository import open_repository
from journal_app.storage.vault import Vault
from tests.conftest import PASSPHRASE
from tests.share.bundle_fixtures import BUNDLE_PASSPHRASE, NOW, TODAY

WHEN = datetime(2026, 11, 18, 20, tzinfo=UTC)
QUESTION = "1986. was hard — should I mention it?"
ASTERISKS = "Do you use *EMDR* or _ACT_ with 2*3*4?"
GOAL = "Call 2 clinics *today* and_then_rest"
STEP = "# look up the list"
NAME = "Dr A_B *Star*"
RECIPIENT = "Dr *Patel* & co"
SHORT_TEXTS = (QUESTION, ASTERISKS, GOAL, STEP, NAME, RECIPIENT)


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> SharePreview:
    folder = tmp_path_factory.mktemp("short") / "journal"
    Vault.create(folder, PASSPHRASE).close()
    with open_repository(folder, PASSPHRASE) as repo:
        add_question(repo, QUESTION, record_id="q1", now=WHEN)
        add_question(repo, ASTERISKS, record_id="q2", now=WHEN)
        add_goal(repo, GOAL, record_id="g1", now=WHEN)
        add_step(repo, "g1", STEP, now=WHEN)
        add_candidate(repo, NAME, record_id="c1", now=WHEN)
        selection = ShareSelection(sections=tuple(SECTIONS), recipient=RECIPIENT)
        return build_preview(repo, current_profile(repo), selection, today=TODAY)


def _visible(markup: str) -> str:
    """The words a reader sees in HTML: tags gone, entities read, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


@pytest.mark.parametrize(
    "text", [*SHORT_TEXTS, "+ plus", "> quoted", "3) three", "back\\slash `tick`", "&copy;"]
)
def test_literal_markdown_reads_back_as_the_very_characters(text: str) -> None:
    rendered = markdown_to_safe_html(f"- {literal(text)}")
    assert _visible(rendered) == text
    assert "<ol" not in rendered and "<em>" not in rendered and "<h" not in rendered


def test_the_html_copy_shows_each_short_text_as_typed(preview: SharePreview) -> None:
    built = build_bundle(preview, BUNDLE_PASSPHRASE, NOW)
    payload = read_bundle(built.data, BUNDLE_PASSPHRASE)
    seen = _visible(payload["html"])
    for text in SHORT_TEXTS:
        assert text in seen, text
    assert "<ol" not in payload["html"] and "<em>today</em>" not in payload["html"]
    # the Markdown download reads back the same in a Markdown reader
    assert all(text in _visible(markdown_to_safe_html(payload["markdown"])) for text in SHORT_TEXTS)


def test_the_pdf_shows_each_short_text_as_typed(preview: SharePreview) -> None:
    reader = PdfReader(io.BytesIO(build_pdf(preview, BUNDLE_PASSPHRASE, NOW)))
    reader.decrypt(BUNDLE_PASSPHRASE)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for typed in SHORT_TEXTS:
        assert typed in text, typed


def test_a_step_is_words_not_a_raw_task_box(preview: SharePreview) -> None:
    goals = next(s for s in preview.sections if s.key == "goals").markdown
    assert "[ ]" not in goals and "[x]" not in goals

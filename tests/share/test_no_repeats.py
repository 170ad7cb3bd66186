"""The doctor's copy never repeats itself: each line appears once in the Markdown, the HTML
copy and the PDF. The summary page gives the must-haves, questions, anxiety, item 9 and
each goal's progress; the sections after it give the rest and say where those are."""

from __future__ import annotations

import html
import io
import re
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from pypdf import PdfReader

from journal_app.app.profile import current_profile, packs
from journal_app.core.checkins import record_checkin
from journal_app.core.goals import add_goal, add_step
from journal_app.core.journal import EntryDraft, add_entry
from journal_app.core.prompt_engine import answer_prompt
from journal_app.core.questions import add_question
from journal_app.core.sharing import SECTIONS, SharePreview, ShareSelection, build_preview
from journal_app.core.shortlist import add_candidate
from journal_app.share.bundle import build_bundle
from journal_app.share.pdf import build_pdf
from journal_app.share.reader import read_bundle
from journal_app.storage.repository import open_repository
from journal_app.storage.vault import Vault
from tests.conftest import PASSPHRASE
from tests.share.bundle_fixtures import BUNDLE_PASSPHRASE, ITEM9_PHQ9, NOW, TODAY

WHEN = datetime(2026, 11, 18, 20, tzinfo=UTC)
# The app's frames, on every section and every entry by design: labels, not content.
AXIS = re.compile(r"(\d{2} \w{3} \d{4}\s*)+")  # a chart's first and last day
FRAMES = ("therapy journal · section", "written in their journal", "| date |")


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> SharePreview:
    folder = tmp_path_factory.mktemp("repeats") / "journal"
    Vault.create(folder, PASSPHRASE).close()
    with open_repository(folder, PASSPHRASE) as repo:
        answer_prompt(repo, packs(), "concerns", ["anxiety"], "must", record_id="p1", now=WHEN)
        answer_prompt(repo, packs(), "format", ["telehealth"], "nice", record_id="p2", now=WHEN)
        answer_prompt(repo, packs(), "concerns_words", "Calls are hard for me.", record_id="p3",
                      now=WHEN)  # fmt: skip
        add_question(repo, "How do you work with panic?", record_id="q1", now=WHEN)
        add_goal(repo, "Call two clinics", record_id="g1", now=WHEN)
        add_step(repo, "g1", "Find their numbers", now=WHEN)
        add_candidate(repo, "Dr Ana Ruiz", record_id="c1", now=WHEN)
        for i in range(3):
            add_entry(repo, EntryDraft(text=f"Walked further today, number {i}.", anxiety=4 + i),
                      record_id=f"e{i}", now=WHEN - timedelta(days=i))  # fmt: skip
        record_checkin(repo, "phq9", ITEM9_PHQ9, record_id="k1", now=NOW)
        record_checkin(repo, "gad7", [1, 1, 2, 1, 0, 1, 1], record_id="k2", now=NOW)
        selection = ShareSelection(sections=tuple(SECTIONS), recipient="Dr Patel")
        return build_preview(repo, current_profile(repo), selection, today=TODAY)


def _repeated(lines: list[str]) -> list[str]:
    """Lines said more than once, among those long enough to be content (not a column
    name, an axis label or a date)."""
    counts = Counter(" ".join(line.split()) for line in lines)
    return [
        line
        for line, n in counts.items()
        if n > 1
        and len(line) > 20
        and not any(f in line.lower() for f in FRAMES)
        and not AXIS.fullmatch(line)
    ]


def test_the_markdown_says_each_line_once(preview: SharePreview) -> None:
    lines = [line.lstrip("-#* ").rstrip("*") for line in preview.markdown.splitlines()]
    assert _repeated(lines) == []
    assert "How do you work with panic?" in preview.markdown  # said, once


def test_the_html_copy_says_each_line_once(preview: SharePreview) -> None:
    payload = read_bundle(build_bundle(preview, BUNDLE_PASSPHRASE, NOW).data, BUNDLE_PASSPHRASE)
    blocks = re.findall(r"<(li|p|h\d)[^>]*>(.*?)</\1>", payload["html"], flags=re.S)
    lines = [html.unescape(re.sub(r"<[^>]+>", "", body)) for _, body in blocks]
    assert _repeated(lines) == []
    assert payload["html"].count('class="tj-alert"') == 1
    assert sum("How do you work with panic?" in line for line in lines) == 1


def test_the_pdf_says_each_line_once(preview: SharePreview) -> None:
    reader = PdfReader(io.BytesIO(build_pdf(preview, BUNDLE_PASSPHRASE, NOW)))
    reader.decrypt(BUNDLE_PASSPHRASE)
    lines = [line for page in reader.pages for line in page.extract_text().splitlines()]
    assert _repeated(lines) == []
    assert sum("answered above 0" in line for line in lines) == 2  # the notice, the pointer

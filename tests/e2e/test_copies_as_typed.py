"""In Chromium: the Review screen draws the person's Markdown (never raw ** or #), and the
doctor's copy shows short texts exactly as typed, the person's name when given, the item 9
notice once, and prints with none of it changed."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from journal_app.app.profile import current_profile, packs
from journal_app.core.checkins import record_checkin
from journal_app.core.goals import add_goal
from journal_app.core.prompt_engine import answer_prompt
from journal_app.core.questions import add_question
from journal_app.core.sharing import SECTIONS, ShareSelection, build_preview
from journal_app.share.bundle import build_bundle
from journal_app.storage.repository import open_repository
from journal_app.storage.vault import Vault
from tests.e2e.app_server import AppPage, served_app
from tests.e2e.test_app_a11y import PASS, go, open_journal
from tests.e2e.test_bundle_browser import Watched
from tests.share.bundle_fixtures import BUNDLE_PASSPHRASE, ITEM9_PHQ9, NOW, TODAY

pytestmark = pytest.mark.e2e
WHEN = datetime(2026, 11, 18, 20, tzinfo=UTC)
NOTE = "Calls are hard.\n\n## Big things\n\n- work and **panic**"
QUESTION = "1986. was hard — should I mention it?"
STARS = "Do you use *EMDR* or _ACT_?"
GOAL = "Call 2 clinics *today*"
NAME = "Sam O_Neil"


def _journal(data: Path) -> None:
    Vault.create(data, PASS).close()
    with open_repository(data, PASS) as repo:
        answer_prompt(repo, packs(), "concerns_words", NOTE, record_id="p1", now=WHEN)
        add_question(repo, QUESTION, record_id="q1", now=WHEN)
        add_question(repo, STARS, record_id="q2", now=WHEN)
        add_goal(repo, GOAL, record_id="g1", now=WHEN)
        record_checkin(repo, "phq9", ITEM9_PHQ9, record_id="k1", now=NOW)


def test_the_review_screen_draws_the_persons_markdown(
    browser, tmp_path: Path, screenshots: Path
) -> None:
    data = tmp_path / "journal"
    _journal(data)
    with served_app(data) as url:
        app = AppPage(browser, url)
        try:
            open_journal(app)
            go(app, "Review")
            app.see("Big things")
            tree = app.page.locator("body").aria_snapshot()
            assert "work and panic" in tree or "panic" in tree
            assert "**panic**" not in tree and "## Big things" not in tree
            assert QUESTION in tree and STARS in tree  # the app shows short texts as typed
            app.shot(screenshots / "review-notes-markdown.png")
        finally:
            app.context.close()


def test_the_doctors_copy_shows_short_texts_as_typed_and_prints_them(
    browser, tmp_path: Path, screenshots: Path
) -> None:
    data = tmp_path / "journal"
    _journal(data)
    with open_repository(data, PASS) as repo:
        selection = ShareSelection(sections=tuple(SECTIONS), recipient="Dr Patel", name=NAME)
        preview = build_preview(repo, current_profile(repo), selection, today=TODAY)
    bundle = tmp_path / "summary.html"
    bundle.write_bytes(build_bundle(preview, BUNDLE_PASSPHRASE, NOW).data)
    w = Watched(browser, 1280, 900)
    try:
        w.unlock(bundle, BUNDLE_PASSPHRASE)
        w.page.wait_for_selector("#tj-view:not([hidden])", timeout=30_000)
        frame = w.page.frame_locator("#tj-frame")
        frame.locator(".tj-alert").first.wait_for()
        text = frame.locator("body").inner_text()
        for typed in (QUESTION, STARS, GOAL, f"Shared by {NAME} for Dr Patel"):
            assert typed in text, typed
        assert "**" not in text and "## " not in text
        assert frame.locator(".tj-alert").count() == 1
        assert frame.locator("ol").count() == 0  # "1986." made no numbered list
        w.page.screenshot(path=str(screenshots / "bundle-as-typed.png"), full_page=True)
        printed = tmp_path / "printed.pdf"
        printed.write_bytes(w.page.pdf(format="A4", print_background=True))
        assert w.remote_requests() == []
    finally:
        w.close()
    if shutil.which("pdftotext") is None:
        return
    words = subprocess.run(["pdftotext", str(printed), "-"], capture_output=True, text=True,
                           check=True).stdout  # fmt: skip
    flat = " ".join(words.split())
    for typed in (QUESTION, STARS, GOAL, f"Shared by {NAME} for Dr Patel"):
        assert typed in flat, typed
    assert len(re.findall(r"Please note first", flat)) == 1
    subprocess.run(["pdftoppm", "-f", "1", "-l", "2", "-r", "60", "-png", str(printed),
                    str(screenshots / "bundle-as-typed-printed")], check=True)  # fmt: skip

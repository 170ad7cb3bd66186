"""A long bundle in Chromium: the summary shows first, every entry follows in order, and
printing (or locking) in the middle of it loses nothing and breaks nothing."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from journal_app.core.records import Entry
from journal_app.share.reader import read_bundle
from journal_app.storage.repository import open_repository
from tests.conftest import PASSPHRASE
from tests.e2e.test_bundle_browser import Watched
from tests.share.bundle_fixtures import BUNDLE_PASSPHRASE, make_journal, write_bundle

pytestmark = pytest.mark.e2e
LONG = 450  # more than the first few the viewer shows at once, and more than two batches


@pytest.fixture(scope="module")
def long_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("long")
    make_journal(folder / "journal")
    start = datetime(2025, 8, 1, 20, tzinfo=UTC)
    with open_repository(folder / "journal", PASSPHRASE) as repo:
        repo.add_many(
            Entry(id=f"long-{i:04d}", created_at=start + timedelta(days=i),
                  text=f"Entry number {i} of the long bundle.", anxiety=i % 11)
            for i in range(LONG)
        )  # fmt: skip
    target = folder / "summary.html"
    write_bundle(folder / "journal", target)
    return target


# Parsed whole in the same document, would the content give the very tree the frame holds?
SAME_AS_WHOLE = """html => {
  const whole = document.createElement('template');
  whole.innerHTML = html;
  return whole.innerHTML === document.body.innerHTML;
}"""


def test_the_summary_comes_first_and_every_entry_follows_in_order(browser, long_bundle: Path):
    payload = read_bundle(long_bundle.read_bytes(), BUNDLE_PASSPHRASE)
    total = payload["html"].count('<article class="tj-entry">')
    assert total == LONG + 2
    w = Watched(browser)
    errors: list[str] = []
    w.page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        w.unlock(long_bundle, BUNDLE_PASSPHRASE)
        frame = w.page.frame_locator("#tj-frame")
        frame.get_by_role("heading", name="Summary from my Therapy Journal").wait_for()
        frame.locator("article.tj-entry").nth(total - 1).wait_for(state="attached")
        frame.locator("#entries:not([aria-busy])").wait_for(state="attached")
        # The same document as rendering the whole content at once, in the same order.
        inner = w.page.frame(url="about:srcdoc")
        assert inner.evaluate(SAME_AS_WHOLE, payload["html"])
        last = "Entry number 449 of the long bundle."
        assert frame.get_by_role("group", name="Written in their journal").count() == total
        assert frame.get_by_text(last, exact=True).is_visible()
        height = w.page.evaluate("document.getElementById('tj-frame').offsetHeight")
        assert height >= inner.evaluate("document.documentElement.scrollHeight")
        assert errors == [] and w.remote_requests() == []
    finally:
        w.close()


def test_printing_at_once_has_every_entry(browser, long_bundle: Path, tmp_path: Path) -> None:
    """Printed straight after unlocking, before the frame holds every entry."""
    w = Watched(browser)
    try:
        w.unlock(long_bundle, BUNDLE_PASSPHRASE)
        w.page.wait_for_selector("#tj-view:not([hidden])", timeout=30_000)
        if shutil.which("pdftotext"):
            pdf = tmp_path / "printed.pdf"
            pdf.write_bytes(w.page.pdf(format="A4"))
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout  # fmt: skip
            assert "Entry number 0 of" in text and "Entry number 449 of" in text
        copy = w.page.locator("#tj-print-copy article.tj-entry")
        w.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert copy.count() == LONG + 2
    finally:
        w.close()


def test_locking_while_entries_are_still_coming_stops_them(browser, long_bundle: Path) -> None:
    w = Watched(browser)
    errors: list[str] = []
    w.page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        w.unlock(long_bundle, BUNDLE_PASSPHRASE)
        w.page.wait_for_selector("#tj-view:not([hidden])", timeout=30_000)
        w.page.get_by_role("button", name="Lock again").click()
        w.page.wait_for_timeout(800)
        assert w.page.locator("#tj-lock").is_visible()
        assert w.page.locator("#tj-frame").get_attribute("srcdoc") == ""
        assert w.page.frame_locator("#tj-frame").locator("article").count() == 0
        # And it opens again, whole.
        w.page.get_by_label("Passphrase").fill(BUNDLE_PASSPHRASE)
        w.page.get_by_role("button", name="Open summary").click()
        frame = w.page.frame_locator("#tj-frame")
        frame.locator("article.tj-entry").nth(LONG + 1).wait_for(state="attached")
        assert frame.locator("article.tj-entry").count() == LONG + 2
        assert errors == []
    finally:
        w.close()

"""The clinician's copy in Chromium: item 9 on top, clean printed pages (the summary alone
on page 1, no line cut across pages), the FHIR download, older bundles, an edited viewer."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from journal_app.core.journal import EntryDraft, add_entry
from journal_app.share.bundle import ENVELOPE_OPEN
from journal_app.share.reader import read_bundle
from journal_app.storage.repository import open_repository
from tests.conftest import PASSPHRASE
from tests.e2e.test_bundle_browser import Watched
from tests.share.bundle_fixtures import BUNDLE_PASSPHRASE, make_clinical_journal, write_bundle

pytestmark = pytest.mark.e2e
DATA = Path(__file__).resolve().parents[1] / "data"
PROSE = (
    "Walked to the corner shop and back without turning round, which felt like a lot. "
    "Noticed my breathing settle after the second street. "
) * 6


@pytest.fixture(scope="module")
def bundle_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bundle with item 9 positive, a forged section, and enough entries for many pages."""
    folder = tmp_path_factory.mktemp("print")
    make_clinical_journal(folder / "journal")
    with open_repository(folder / "journal", PASSPHRASE) as repo:
        start = datetime(2026, 9, 1, 20, tzinfo=UTC)
        for i in range(30):
            add_entry(repo, EntryDraft(text=f"Day {i}. {PROSE}", anxiety=i % 10),
                      record_id=f"p{i}", now=start + timedelta(days=i))  # fmt: skip
    target = folder / "summary.html"
    write_bundle(folder / "journal", target)
    return target


def _opened(browser, path: Path, width: int, height: int, passphrase: str = BUNDLE_PASSPHRASE):
    w = Watched(browser, width, height)
    w.unlock(path, passphrase)
    w.page.wait_for_selector("#tj-view:not([hidden])", timeout=30_000)
    w.page.frame_locator("#tj-frame").locator(".tj-alert, h1").first.wait_for()
    return w


def _pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def _line_boxes(pdf: Path) -> list[tuple[int, float, float, float, str]]:
    """(page, page height, yMin, yMax, text) for every line of text in the PDF."""
    xml = _pdftotext(pdf, "-bbox-layout")
    out = []
    for number, page in enumerate(re.findall(r"<page [^>]*>.*?</page>", xml, flags=re.S), 1):
        height = float(re.search(r'height="([\d.]+)"', page)[1])
        for line in re.findall(r"<line ([^>]*)>(.*?)</line>", page, flags=re.S):
            y0 = float(re.search(r'yMin="([\d.]+)"', line[0])[1])
            y1 = float(re.search(r'yMax="([\d.]+)"', line[0])[1])
            words = " ".join(re.findall(r">([^<]*)</word>", line[1]))
            out.append((number, height, y0, y1, words))
    return out


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_printing_gives_clean_pages_with_the_summary_first(
    browser, bundle_file: Path, screenshots: Path, tmp_path: Path
) -> None:
    w = _opened(browser, bundle_file, 1280, 900)
    try:
        frame = w.page.frame_locator("#tj-frame")
        alert = frame.locator(".summary .tj-alert")
        assert "More than half the days" in alert.inner_text()
        assert alert.bounding_box()["y"] < 260  # on the first screen, before anything else
        w.page.screenshot(path=str(screenshots / "bundle-summary-desktop.png"))
        pdf = tmp_path / "printed.pdf"
        pdf.write_bytes(w.page.pdf(format="A4", print_background=True))
        assert w.remote_requests() == [] and w.dialogs == []
    finally:
        w.close()
    pages = _pdftotext(pdf).split("\f")
    first = " ".join(pages[0].split())
    assert "Summary from my Therapy Journal" in first and "item 9" in first
    assert "THERAPY JOURNAL · SECTION" not in first.upper()
    assert "THERAPY JOURNAL · SECTION" in pages[1].upper()
    assert len([p for p in pages if p.strip()]) >= 4  # the entries really span pages
    # No line of text is cut by a page edge: each lies whole inside the page's margins
    # (16 mm top and bottom, about 45 pt), and none is split over two pages.
    lines = _line_boxes(pdf)
    assert lines
    for page, height, y0, y1, words in lines:
        assert y0 >= 40 and y1 <= height - 40, (page, words)
    texts = [words for *_, words in lines]
    assert all(len(t) > 0 for t in texts)
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "60", "-png", str(pdf),
                    str(screenshots / "bundle-printed-page1")], check=True)  # fmt: skip


def test_phone_size_shows_item9_first_and_offers_the_fhir_copy(
    browser, bundle_file: Path, screenshots: Path, tmp_path: Path
) -> None:
    w = _opened(browser, bundle_file, 390, 844)
    try:
        frame = w.page.frame_locator("#tj-frame")
        assert frame.locator(".summary .tj-alert").bounding_box()["y"] < 420
        w.page.screenshot(path=str(screenshots / "bundle-summary-phone.png"))
        note = w.page.locator("#tj-md-note")
        assert "not encrypted" in note.inner_text()
        with w.page.expect_download() as download:
            w.page.get_by_role("button", name="Download for a health record (FHIR JSON)").click()
        fhir = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
        assert fhir == read_bundle(bundle_file.read_bytes(), BUNDLE_PASSPHRASE)["fhir"]
        pdf = tmp_path / "phone.pdf"
        pdf.write_bytes(w.page.pdf(width="390px", height="844px", print_background=True))
        if shutil.which("pdftoppm"):
            target = str(screenshots / "bundle-printed-phone-page1")
            subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "96", "-png", str(pdf),
                            target], check=True)  # fmt: skip
    finally:
        w.close()


def test_a_version_1_bundle_still_opens_in_the_browser(browser) -> None:
    w = _opened(browser, DATA / "bundle_v1.html", 1280, 800)
    try:
        body = w.page.frame_locator("#tj-frame").locator("body").inner_text()
        assert "PHQ-9: 6/27" in body and "Dr Patel" in body
    finally:
        w.close()


def test_an_edited_viewer_says_so_and_never_puts_the_passphrase_in_the_url(
    browser, bundle_file: Path, tmp_path: Path
) -> None:
    html = bundle_file.read_text(encoding="utf-8")
    script_at = html.index("<script>", html.index(ENVELOPE_OPEN))
    edited = tmp_path / "edited.html"
    edited.write_text(html[: script_at + 8] + "/* edited */" + html[script_at + 8 :], "utf-8")
    w = Watched(browser, 800, 700)
    try:
        w.page.goto(edited.as_uri())
        notice = w.page.locator("#tj-broken")
        assert notice.is_visible()
        assert "changed or damaged — ask for it" in notice.inner_text()
        assert not w.page.locator("#tj-form").is_visible()
        assert w.page.locator("#tj-pass").get_attribute("name") is None
        w.page.goto(bundle_file.as_uri())  # the untouched file: the form, no notice
        assert w.page.locator("#tj-form").is_visible()
        assert not w.page.locator("#tj-broken").is_visible()
    finally:
        w.close()

"""The bundle opened by real WebCrypto in headless Chromium, from file://, offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal_app.share.reader import read_bundle
from tests.share.bundle_fixtures import BUNDLE_PASSPHRASE, make_journal, write_bundle

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def bundle_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bundle")
    make_journal(folder / "journal")
    target = folder / "summary.html"
    write_bundle(folder / "journal", target)
    return target


class Watched:
    """A page with every request, dialog and console error recorded."""

    def __init__(self, browser, width: int = 1280, height: int = 800) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height},
                                           accept_downloads=True)  # fmt: skip
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def remote_requests(self) -> list[str]:
        local = ("file:", "data:", "blob:", "about:")
        return [u for u in self.requests if not u.startswith(local)]

    def unlock(self, path: Path, passphrase: str) -> None:
        self.page.goto(path.as_uri())
        self.page.get_by_label("Passphrase").fill(passphrase)
        self.page.get_by_role("button", name="Open summary").click()

    def close(self) -> None:
        self.context.close()


def test_opens_with_webcrypto_and_shows_the_content(
    browser, bundle_file: Path, screenshots: Path
) -> None:
    w = Watched(browser)
    try:
        w.unlock(bundle_file, "Amber-Kettle-Violin-Mosaic-Pebble")
        w.page.wait_for_selector("#tj-view:not([hidden])", timeout=30_000)
        frame = w.page.frame_locator("#tj-frame")
        frame.get_by_role("heading", name="Summary from my Therapy Journal").wait_for()
        body = frame.locator("body").inner_text()
        assert "Dr Patel" in body and "GAD-7" in body
        assert "Still here: 😰 and שלום and مرحبا." in body
        assert frame.locator("svg").count() >= 1  # the check-in chart
        w.page.screenshot(path=str(screenshots / "bundle-desktop.png"))
        with w.page.expect_download() as download:
            w.page.get_by_role("button", name="Download as Markdown").click()
        saved = Path(download.value.path()).read_text(encoding="utf-8")
        expected = read_bundle(bundle_file.read_bytes(), BUNDLE_PASSPHRASE)["markdown"]
        assert saved == expected
        assert w.remote_requests() == []
    finally:
        w.close()


def test_wrong_passphrase_shows_a_message_and_no_content(
    browser, bundle_file: Path, screenshots: Path
) -> None:
    w = Watched(browser, 390, 844)
    try:
        w.unlock(bundle_file, "amber kettle violin mosaic")
        status = w.page.locator("#tj-status")
        status.filter(has_text="doesn't open").wait_for(timeout=30_000)
        assert w.page.locator("#tj-view").is_hidden()
        assert w.page.locator("#tj-frame").get_attribute("srcdoc") in (None, "")
        w.page.screenshot(path=str(screenshots / "bundle-wrong-passphrase-phone.png"))
        assert w.remote_requests() == []
    finally:
        w.close()


def test_hostile_entry_runs_nothing(browser, bundle_file: Path) -> None:
    w = Watched(browser)
    try:
        w.unlock(bundle_file, BUNDLE_PASSPHRASE)
        frame = w.page.frame_locator("#tj-frame")
        frame.get_by_text("a link").first.click()  # a defanged javascript: link
        frame.get_by_text("click me").first.click()
        w.page.wait_for_timeout(500)
        inner = w.page.frame(name=None, url="about:srcdoc")
        assert inner is not None
        assert inner.evaluate("document.scripts.length") == 0
        assert (
            inner.evaluate("document.querySelectorAll('img,iframe,[onerror],[onclick]').length")
            == 0
        )
        assert w.page.evaluate("window.__pwned === undefined")
        assert inner.evaluate("window.__pwned === undefined")
        assert w.dialogs == []
        assert w.remote_requests() == []
    finally:
        w.close()


def test_altered_file_is_refused_in_the_browser(browser, bundle_file: Path, tmp_path: Path) -> None:
    html = bundle_file.read_text(encoding="utf-8")
    start = html.index('"ciphertext":"') + len('"ciphertext":"') + 50
    swapped = "A" if html[start] != "A" else "B"
    altered = tmp_path / "altered.html"
    altered.write_text(html[:start] + swapped + html[start + 1 :], encoding="utf-8")
    w = Watched(browser)
    try:
        w.unlock(altered, BUNDLE_PASSPHRASE)
        w.page.locator("#tj-status").filter(has_text="changed or damaged").wait_for(timeout=30_000)
        assert w.page.locator("#tj-view").is_hidden()
    finally:
        w.close()


def test_absurd_kdf_settings_are_refused_at_once(
    browser, bundle_file: Path, tmp_path: Path
) -> None:
    """An edited file asking for 20,000,000 PBKDF2 rounds is refused before deriving."""
    from tests.share.bundle_fixtures import forge_iterations

    forged = tmp_path / "forged.html"
    forged.write_text(
        forge_iterations(bundle_file.read_text(encoding="utf-8"), 20_000_000), encoding="utf-8"
    )
    w = Watched(browser)
    try:
        w.unlock(forged, BUNDLE_PASSPHRASE)
        status = w.page.locator("#tj-status").filter(has_text="unusual security settings")
        status.wait_for(timeout=3_000)  # 20M rounds would take many seconds
        assert "ask for it to be sent again" in status.inner_text()
        assert w.page.locator("#tj-view").is_hidden()
    finally:
        w.close()


def test_months_at_a_glance_open_as_a_table_a_screen_reader_can_read(
    browser, tmp_path: Path, screenshots: Path, axe
) -> None:
    """A copy with two months at a glance, opened in Chromium: each month a table named by
    its caption, each day cell named in words, and axe-core clean on the content."""
    from journal_app.app.sharing import preview_share
    from journal_app.core.sharing import ShareSelection
    from journal_app.share.bundle import build_bundle
    from journal_app.storage.repository import open_repository
    from tests.conftest import PASSPHRASE
    from tests.e2e.axe import blocking, run_axe
    from tests.share.bundle_fixtures import NOW, TODAY

    make_journal(tmp_path / "journal")
    with open_repository(tmp_path / "journal", PASSPHRASE) as repo:
        chosen = ShareSelection(sections=("review", "checkins"), months=2)
        shown = preview_share(repo, chosen, TODAY)
    target = tmp_path / "summary.html"
    target.write_text(build_bundle(shown, BUNDLE_PASSPHRASE, NOW).html, encoding="utf-8")
    w = Watched(browser)
    try:
        w.unlock(target, BUNDLE_PASSPHRASE)
        w.page.wait_for_selector("#tj-view:not([hidden])", timeout=30_000)
        frame = w.page.frame_locator("#tj-frame")
        november = frame.get_by_role("table", name="November 2026")
        november.wait_for()
        assert frame.get_by_role("table", name="October 2026").count() == 1
        assert november.get_by_role("columnheader").count() == 7
        cell = november.get_by_role("cell", name="Wednesday 18 November: anxiety 7 of 10")
        assert "7" in cell.inner_text()
        frame.locator("#month").screenshot(path=str(screenshots / "bundle-month.png"))
        content = frame.locator("html").evaluate("e => e.outerHTML")
        assert w.remote_requests() == []
    finally:
        w.close()
    audit = browser.new_context(bypass_csp=True)
    try:
        page = audit.new_page()
        page.set_content(content)
        assert blocking(run_axe(page, axe)) == []
    finally:
        audit.close()

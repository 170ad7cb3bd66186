"""Real Chromium (Debian's, never a downloaded build), driven by Playwright.

Adding a browser test? Use ``shared_app`` (below): one served app for the whole session,
on a journal already made, so a new test costs a browser tab and not a new server. Write
tests that stand on their own in a journal other tests also write to: open a fresh
session with ``shared_app.open(browser, width, height)`` (unlocked, at Home, any draft an
earlier test left discarded), add the records the test needs, find them by their own
names, and never count what the journal holds. Start an app of your own (``served_app``
in app_server.py) only when the test needs what a shared one cannot give: a first run,
prepared data or settings read at start-up, other environment variables, or a server
that is killed or restarted.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.app_server import AppPage, served_app

SHARED_PASSPHRASE = "quiet harbour maple 7"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: assets/screenshots with JOURNAL_APP_SCREENSHOTS=1 (for the
    README, via `make screenshots`), else a temp folder so a test run leaves the tree clean."""
    if os.environ.get("JOURNAL_APP_SCREENSHOTS"):
        folder = Path(__file__).resolve().parents[2] / "assets" / "screenshots"
    else:
        folder = tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have Chromium: .ci/run installs Debian's package.")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def axe() -> Path:
    """axe-core's script, for every browser test that runs it; CI must have it."""
    from tests.e2e.axe import INSTALL, axe_path

    found = axe_path()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must have axe-core: .ci/run runs `{INSTALL}`.")
        pytest.skip(f"axe-core is not installed and npm is missing ({INSTALL})")
    return found


@dataclass(frozen=True)
class SharedApp:
    """The session's served app: its printed address (with this launch's secret), its
    journal folder and that journal's passphrase."""

    url: str
    data_dir: Path
    passphrase: str = SHARED_PASSPHRASE

    def open(self, browser, width: int = 1280, height: int = 800, **options) -> AppPage:
        """A new browser session (it starts at the lock screen), unlocked and at Home.

        Unlocking here locks any other browser session on this app, as it does for a
        person: close each page (``AppPage.close``) before the next test opens one."""
        from tests.e2e.test_app_a11y import open_journal

        app = AppPage(browser, self.url, width, height, **options)
        try:
            open_journal(app)
        except BaseException:
            app.close()
            raise
        return app


@pytest.fixture(scope="session")
def shared_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SharedApp]:
    """One served app for every browser test that can share it (see this file's top).

    Starting a server and loading the web client for each module cost seconds each; the
    suite must stay under 30 minutes on two cores. The journal is made beforehand with
    ``SHARED_PASSPHRASE``, so no test depends on being the first to run."""
    from journal_app.storage.vault import Vault

    folder = tmp_path_factory.mktemp("shared-app") / "journal"
    Vault.create(folder, SHARED_PASSPHRASE).close()
    with served_app(folder) as url:
        yield SharedApp(url=url, data_dir=folder)

"""Real Chromium (Debian's, never a downloaded build), driven by Playwright."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

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

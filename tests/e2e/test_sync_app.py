"""Sync in the real app, served by `journal-app ui --web`, in real Chromium.

A laptop (the CLI, a real journal) syncs through a folder. The app on a new phone (an
empty data folder) brings the journal from that folder with the passphrase alone, shows
what the laptop wrote, and then, while it stays open, takes in what the laptop writes
next within seconds, without a restart, and what a command adds beside it. Settings
names both devices; axe-core finds no critical or serious problem there; screenshots at
desktop and phone sizes, light and dark.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.e2e.app_server import AppPage, served_app
from tests.e2e.axe import INSTALL, axe_path, blocking, run_axe
from tests.sync.helpers import Device

pytestmark = pytest.mark.e2e
PHONE = (390, 844)


def go(app: AppPage, title: str) -> None:
    app.go(title)


def test_a_new_device_joins_from_the_folder_and_follows_the_other_while_open(
    browser, tmp_path: Path, screenshots: Path
) -> None:
    folder = tmp_path / "Sync" / "journal"
    laptop = Device(tmp_path / "laptop", "laptop")
    laptop.ok("init")
    laptop.add("Looked up three therapists near work")
    laptop.ok("sync", "setup", str(folder), "--device-name", "Ana's laptop")
    phone_dir = tmp_path / "phone"
    with served_app(phone_dir) as url:
        app = AppPage(browser, url)
        try:
            app.see("Already use Therapy Journal on another device?")
            app.click("From a sync folder")
            app.type_into("Sync folder", str(folder))
            app.type_into("Your journal's passphrase", "not the passphrase")
            app.click("Bring my journal")
            app.see("does not open")
            assert not (phone_dir / "key.tjk").exists()  # a wrong passphrase wrote nothing
            app.type_into("Your journal's passphrase", PASSPHRASE)
            app.type_into("Name for this device", "Ana's phone")
            app.click("Bring my journal")
            app.see("Prepare for my consultation")  # Home
            go(app, "Journal")
            app.see("Looked up three therapists near work")

            laptop.add("Written on the laptop while the phone was open")
            written = time.monotonic()
            app.see("Written on the laptop while the phone was open", timeout=30_000)
            followed = time.monotonic() - written
            assert followed < 15, f"took {followed:.1f} s to appear"
            print(f"\nthe laptop's entry appeared in the open app after {followed:.1f} s")

            # The command line beside the open app, on the same journal.
            beside = Device(phone_dir, "phone")
            beside.add("Added from the command line beside the open app")
            app.see("Added from the command line beside the open app", timeout=30_000)
            assert "Written on the laptop while the phone was open" in beside.texts()

            go(app, "Settings")
            app.see("Ana's laptop: last seen")
            app.reveal(app.page.get_by_role("button", name="Stop syncing on this device"))
            app.see("Ana's phone (this device)")
            app.shot(screenshots / "sync-settings-desktop.png")
            script = axe_path()
            if script is None:
                if os.environ.get("CI"):
                    pytest.fail(f"CI must have axe-core: .ci/run runs `{INSTALL}`.")
            else:
                found = blocking(run_axe(app.page, script))
                assert found == [], found
        finally:
            app.close()
        laptop.ok("sync", "now")
        assert "Ana's phone" in laptop.ok("sync", "status").out

        dark = AppPage(browser, url, *PHONE)
        try:
            dark.page.emulate_media(color_scheme="dark")
            dark.type_into("Passphrase", PASSPHRASE)
            dark.click("Unlock")
            dark.see("Prepare for my consultation")
            dark.tap(dark.page.get_by_role("tab", name="More"))
            dark.tap(dark.page.get_by_text("Settings", exact=True))
            dark.see("Ana's laptop: last seen")
            dark.reveal(dark.page.get_by_role("button", name="Sync now"))
            dark.shot(screenshots / "dark-sync-settings-phone.png")
        finally:
            dark.close()

"""First run, lock and unlock, a wrong passphrase, and no request leaving the machine."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.app_server import AppPage, origin_of, served_app

pytestmark = pytest.mark.e2e
PASS = "quiet harbour maple 7"


def test_first_run_lock_unlock_and_wrong_passphrase(browser, tmp_path: Path, screenshots: Path):
    with served_app(tmp_path / "journal") as url:
        first = AppPage(browser, url)
        try:
            first.see("Welcome to Therapy Journal")
            first.see("nobody — not even us — can recover it")
            first.shot(screenshots / "first-run-desktop.png")
            first.type_into("Passphrase", PASS)
            first.type_into("Type it again", PASS + "x")
            first.click("Create my journal")
            first.see("don't match")
            first.type_into("Passphrase", PASS)
            first.type_into("Type it again", PASS)
            first.click("Create my journal")
            first.see("Prepare for my consultation")
            assert (tmp_path / "journal" / "key.tjk").exists()
            first.click("Lock now")
            first.see("Welcome back")
            first.type_into("Passphrase", "not my passphrase")
            first.click("Unlock")
            first.see("does not open this journal")
            no_flutter_error(first)
            first.shot(screenshots / "wrong-passphrase-desktop.png")
            first.type_into("Passphrase", PASS)
            first.click("Unlock")
            first.see("Prepare for my consultation")
            assert first.left_the_machine() == []
            assert any(why == "csp" for _, why in first.failed), "the CDN attempt was blocked"
        finally:
            first.close()
        second = AppPage(browser, url, 390, 844)  # a new browser session starts locked
        try:
            second.see("Welcome back")
            no_flutter_error(second)
            second.shot(screenshots / "lock-phone.png")
            assert second.left_the_machine() == []
        finally:
            second.close()


def no_flutter_error(app: AppPage) -> None:
    """Flutter draws a control it refuses as its error, in the control's place (a Semantics
    around hidden content once did that on every lock screen)."""
    tree = app.page.locator("body").aria_snapshot()
    assert "must be provided" not in tree and "Error" not in tree, tree


def focused_text(app: AppPage) -> str:
    return app.page.evaluate(
        "(document.activeElement.getAttribute('aria-label') || '') + ' '"
        " + (document.activeElement.textContent || '')"
    )


def test_keyboard_alone_unlocks_and_moves_around(browser, tmp_path: Path) -> None:
    """No mouse: the passphrase field has focus, Enter unlocks, Tab and Enter navigate."""
    data_dir = tmp_path / "journal"
    from journal_app.storage.vault import Vault

    Vault.create(data_dir, PASS).close()
    with served_app(data_dir) as url:
        app = AppPage(browser, url)
        try:
            app.see("Welcome back")
            app.page.wait_for_timeout(800)
            app.page.keyboard.type(PASS)
            app.page.keyboard.press("Enter")
            app.see("Prepare for my consultation")
            for _ in range(40):
                app.page.keyboard.press("Tab")
                app.page.wait_for_timeout(120)
                if "Do a check-in" in focused_text(app):
                    break
            else:
                pytest.fail("Tab never reached the 'Do a check-in' button")
            app.page.keyboard.press("Enter")
            app.see("Anxiety check-in (GAD-7)")
        finally:
            app.close()


def test_wrong_passphrases_make_the_lock_screen_wait(browser, tmp_path: Path) -> None:
    """Three free tries, then a growing wait the screen shows, held in another tab of the
    same browser too (opened at the clean address: its cookie is enough).

    The exact seconds count down, so this checks the words around them; the numbers are
    checked in tests/ui/test_unlock_throttle.py and tests/core/test_throttle.py.
    """
    data_dir = tmp_path / "journal"
    from journal_app.storage.vault import Vault

    Vault.create(data_dir, PASS).close()
    with served_app(data_dir) as url:
        app = AppPage(browser, url)
        other = AppPage(browser, origin_of(url) + "/", same_browser_as=app)
        try:
            app.see("Welcome back")
            for _ in range(3):
                app.type_into("Passphrase", "not my passphrase")
                app.click("Unlock")
                app.see("does not open this journal")
            app.page.wait_for_timeout(1_300)  # the 1-second wait is over
            app.type_into("Passphrase", "still not it")
            app.click("Unlock")
            app.see("before trying again.", timeout=2_000)  # a 2-second wait now
            other.see("Welcome back")
            other.type_into("Passphrase", PASS)  # the right one, in another tab
            app.page.wait_for_timeout(2_300)
            app.type_into("Passphrase", "still not it")
            app.click("Unlock")
            app.see("before trying again.", timeout=4_000)  # a 4-second wait now
            other.click("Unlock")
            other.see("before trying again.", timeout=4_000)  # refused there too
            app.page.wait_for_timeout(4_300)
            other.click("Unlock")
            other.see("Prepare for my consultation")
        finally:
            app.close()
            other.close()


def test_a_second_tab_with_the_passphrase_gets_in_and_the_first_locks(browser, tmp_path):
    """Before, the second tab waited and was told to close "another window"; a tab whose
    closing the server missed kept everyone out until the app restarted. A wrong
    passphrase in the second tab leaves the first as it was."""
    data_dir = tmp_path / "journal"
    from journal_app.storage.vault import Vault

    Vault.create(data_dir, PASS).close()
    with served_app(data_dir) as url:
        first = AppPage(browser, url)
        second = AppPage(browser, url, 390, 844)
        try:
            first.see("Welcome back")
            first.type_into("Passphrase", PASS)
            first.click("Unlock")
            first.see("Prepare for my consultation")
            second.see("Welcome back")
            second.type_into("Passphrase", "not my passphrase")
            second.click("Unlock")
            second.see("does not open this journal")
            first.page.wait_for_timeout(500)
            assert "Prepare for my consultation" in first.page.locator("body").aria_snapshot()
            second.type_into("Passphrase", PASS)
            second.click("Unlock")
            second.see("Prepare for my consultation", timeout=4_000)  # no 5-second wait
            first.see("Welcome back", timeout=4_000)  # the first tab's screen is gone
            first.see("opened in another tab")  # and it says why
            assert "Prepare for my consultation" not in first.page.locator("body").aria_snapshot()
            no_flutter_error(first)
            first.type_into("Passphrase", PASS)  # and the first can take it back
            first.click("Unlock")
            first.see("Prepare for my consultation")
            second.see("Welcome back", timeout=4_000)
        finally:
            first.close()
            second.close()

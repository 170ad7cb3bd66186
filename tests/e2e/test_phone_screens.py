"""Every screen at phone size (390 x 844): a screenshot of each, and touch targets.

Buttons, icon buttons, tabs and menu entries must be at least 48 x 48 px (the phone
theme, ui/shell.touch_sized). Checkboxes, radios and switches are 40 px in a browser;
on Android and iOS Flutter pads each to a 48 px tap target itself (its default
MaterialTapTargetSize.padded there, which Flet leaves alone), so here they must be at
least 40. Each screen is scrolled from top to bottom, and a control counts only where
it is wholly on screen (one cut off by the edge is measured once scrolled into view).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.app_server import AppPage, served_app

pytestmark = pytest.mark.e2e

PASS = "quiet harbour maple 7"
PHONE = (390, 844)
NAV_BAR = 80  # the bottom navigation bar covers the last 80 px of the window
FULL_SIZE = 48
PADDED_ON_PHONES = {"checkbox", "radio", "switch"}  # Flutter pads these to 48 on phones
CHECKED_ROLES = ["button", "tab", "menuitem", "link", *PADDED_ON_PHONES]

MEASURE = """([bottom, roles]) => {
  const out = [];
  for (const el of document.querySelectorAll('flt-semantics[role]')) {
    const role = el.getAttribute('role');
    if (!roles.includes(role)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.top < 0 || r.bottom > bottom) continue;
    out.push([role, (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 50),
              Math.round(r.width), Math.round(r.height)]);
  }
  return out;
}"""


def journal_with_some_of_everything(folder: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNAL_APP_")}
    env.update(JOURNAL_APP_DATA_DIR=str(folder), JOURNAL_APP_PASSPHRASE=PASS)
    for args in (
        ["init"],
        ["entry", "add", "--anxiety", "6", "--tag", "calls", "--feeling", "nervous",
         "Left a voicemail for a clinic. Hands shaking."],
        ["goal", "add", "Call two clinics", "--due", "2026-12-20"],
        ["candidate", "add", "Dr Ana Ruiz", "--modality", "cbt", "--format", "telehealth"],
        ["checkin", "gad7", "--answers", "1,1,2,1,0,1,1"],
    ):  # fmt: skip
        subprocess.run(
            [sys.executable, "-m", "journal_app.cli", *args], env=env, check=True, timeout=120
        )


def too_small(app: AppPage, bottom: int) -> set[tuple[str, str, int, int]]:
    """Scroll the screen top to bottom; every wholly visible control under its minimum."""
    seen: set[tuple[str, str, int, int]] = set()
    width, height = PHONE
    app.page.mouse.move(width * 0.6, height / 2)
    for _ in range(12):
        app.page.mouse.wheel(0, -2000)
    app.page.wait_for_timeout(400)
    last = None
    for _ in range(30):
        found = {tuple(n) for n in app.page.evaluate(MEASURE, [bottom, CHECKED_ROLES])}
        seen |= found
        if found == last:
            break
        last = found
        app.page.mouse.wheel(0, 300)
        app.page.wait_for_timeout(250)
    # A control cut off by the scroll area's edge shows as a sliver at one position and
    # whole at another: each is judged at the largest it was seen.
    largest: dict[tuple[str, str], tuple[int, int]] = {}
    for role, name, w, h in seen:
        was = largest.get((role, name), (0, 0))
        largest[(role, name)] = (max(was[0], w), max(was[1], h))
    return {
        (role, name, w, h)
        for (role, name), (w, h) in largest.items()
        if min(w, h) < (40 if role in PADDED_ON_PHONES else FULL_SIZE)
    }


def test_every_screen_at_phone_size(browser, tmp_path: Path, screenshots: Path) -> None:
    folder = tmp_path / "journal"
    journal_with_some_of_everything(folder)
    small: dict[str, set] = {}
    with served_app(folder) as url:
        app = AppPage(browser, url, *PHONE)
        try:
            app.see("Welcome back")
            app.shot(screenshots / "lock-phone.png")
            small["lock"] = too_small(app, PHONE[1])
            app.type_into("Passphrase", PASS)
            app.click("Unlock")
            app.see("Prepare for my consultation")
            bottom = PHONE[1] - NAV_BAR
            for title in ("Home", "Journal", "Shortlist", "Check-ins"):
                app.tap(app.page.get_by_role("tab", name=title))
                app.page.wait_for_timeout(700)
                app.shot(screenshots / f"{title.lower().replace('-', '')}-phone.png")
                small[title] = too_small(app, bottom)
            for title in ("Preferences", "Goals", "Review", "Share", "Settings"):
                app.tap(app.page.get_by_role("tab", name="More"))
                app.page.wait_for_timeout(500)
                if title == "Preferences":
                    app.shot(screenshots / "more-phone.png")
                app.tap(app.page.get_by_text(title, exact=True))
                app.page.wait_for_timeout(700)
                app.shot(screenshots / f"{title.lower()}-phone.png")
                small[title] = too_small(app, bottom)
            assert app.left_the_machine() == []
        finally:
            app.close()
    problems = {screen: sorted(found) for screen, found in small.items() if found}
    (screenshots / "touch-targets.txt").write_text(repr(problems), encoding="utf-8")
    assert not problems, problems

"""Issue 29 in the real app in Chromium: the fit's answer buttons beside each "worth asking"
line, and two therapists side by side. The journal is prepared with the CLI (a real vault),
then served as a person would open it; axe-core audits the screen, screenshots at desktop
and phone sizes go beside the others (assets/screenshots with `make screenshots`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE as PASS
from tests.conftest import Cli
from tests.e2e.app_server import AppPage, served_app
from tests.e2e.axe import blocking, run_axe

pytestmark = pytest.mark.e2e
PHONE = (390, 844)


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    """A vault with three criteria and two therapists, made through the CLI."""
    data_dir = tmp_path / "journal"
    cli = Cli(data_dir)
    for args in (
        ("init",),
        ("prompts", "answer", "modality", "cbt", "--importance", "must"),
        ("prompts", "answer", "style_tone", "gentle", "--importance", "must"),
        ("prompts", "answer", "language", "spanish", "--importance", "nice"),
        ("candidate", "add", "Dr Ana Ruiz", "--modality", "cbt"),
        ("candidate", "add", "Sam Lee", "--modality", "dbt", "--language", "Spanish"),
    ):
        result = cli(*args)
        assert result.code == 0, (args, result.err)
    return data_dir


def audit(app: AppPage, axe: Path) -> list:
    """axe-core on a settled screen, critical and serious findings only."""
    app.page.wait_for_timeout(1000)
    return blocking(run_axe(app.page, axe))


def unlock_at_shortlist(app: AppPage) -> None:
    app.see("Welcome back")
    app.type_into("Passphrase", PASS)
    app.click("Unlock")
    app.see("Prepare for my consultation")
    app.go("Shortlist")
    app.see("Best fit first")


def test_answer_buttons_complete_the_fit_and_two_compare(
    browser, journal: Path, screenshots: Path, axe: Path
) -> None:
    with served_app(journal) as url:
        app = AppPage(browser, url)
        try:
            unlock_at_shortlist(app)
            app.see("Meets 1 of 2 must-haves; 1 worth asking.")  # Dr Ana Ruiz: tone unknown
            app.click("Record what Dr Ana Ruiz said on how I'd like to be spoken to")
            app.click("Gentle and soft: Dr Ana Ruiz on how I'd like to be spoken to")
            app.see("Noted what Dr Ana Ruiz said.")
            app.see("Meets 2 of 2 must-haves")
            # The tone line is settled: its buttons are gone, "forget" is there instead.
            tree = app.page.locator("body").aria_snapshot()
            assert "Gentle and soft: Dr Ana Ruiz on" not in tree
            assert "Forget what Dr Ana Ruiz said on how I'd like to be spoken to" in tree
            # The language is still worth asking for her: one more answer, nothing left.
            app.click("Record what Dr Ana Ruiz said on languages for therapy")
            app.click("None of these: Dr Ana Ruiz on languages for therapy")
            app.see("Nothing left worth asking.")

            app.tap(app.page.get_by_role("checkbox", name="Compare Dr Ana Ruiz"))
            app.see("Tick “Compare” on one more")
            # A wide window shows the list beside one therapist: Sam Lee opens from it,
            # and the comparison, once two are ticked, opens from it too.
            app.tap(app.page.get_by_role("button", name=re.compile(r"^Sam Lee ")))
            app.tap(app.page.get_by_role("checkbox", name="Compare Sam Lee"))
            app.tap(app.page.get_by_role("button", name=re.compile(r"^Side by side ")))
            app.see("Must-haves first.")
            # (the snapshot quotes a name holding an apostrophe, doubling the apostrophe)
            tree = app.page.locator("body").aria_snapshot().replace("''", "'")
            rows = [
                "Approaches I'm drawn to (must-have)",
                "How I'd like to be spoken to (must-have)",
                "Languages for therapy (nice-to-have)",
            ]
            at = [tree.index(row) for row in rows]
            assert at == sorted(at)  # must-haves first
            for cell in (
                "Dr Ana Ruiz: met",
                "Sam Lee: missed",
                "Sam Lee: not known",
                "Sam Lee: met",
                "Dr Ana Ruiz: missed",
            ):
                assert cell in tree, cell
            app.reveal(app.page.get_by_text("Side by side"))
            app.shot(screenshots / "shortlist-compare-desktop.png")
            found = audit(app, axe)
            assert found == [], found
            assert app.left_the_machine() == []
        finally:
            app.close()
        phone = AppPage(browser, url, *PHONE)
        try:
            unlock_at_shortlist(phone)
            phone.tap(phone.page.get_by_role("checkbox", name="Compare Dr Ana Ruiz"))
            phone.tap(phone.page.get_by_role("checkbox", name="Compare Sam Lee"))
            phone.see("Side by side")
            phone.reveal(phone.page.get_by_text("Side by side"))
            phone.shot(screenshots / "shortlist-compare-phone.png")
            phone.click("Record what Sam Lee said on how I'd like to be spoken to")
            phone.reveal(
                phone.page.get_by_role(
                    "button", name="None of these: Sam Lee on how I'd like to be spoken to"
                )
            )
            phone.shot(screenshots / "shortlist-answers-phone.png")
            found = audit(phone, axe)
            assert found == [], found
        finally:
            phone.close()

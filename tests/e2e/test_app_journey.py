"""The whole journey in the real app, served by `journal-app ui --web`, in real Chromium.

First run -> create the journal -> answer prompts -> write an anxiety entry -> add a goal
and reach a milestone -> add three therapists and see their fit -> change one's details ->
rename the goal -> do a GAD-7 -> bring in a jrnl export (and again: nothing doubles) ->
create a bundle and open it in the same browser with its passphrase -> days later, on a
phone, Home offers a follow-up for the therapist contacted, and acting on it takes it away.
Screenshots of every screen at desktop and phone sizes go to assets/screenshots with
`make screenshots`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journal_app.share.reader import read_bundle
from tests.e2e.app_server import AppPage, served_app
from tests.helpers.backdate import contacted_days_ago

pytestmark = pytest.mark.e2e
PASS = "quiet harbour maple 7"
PHONE = (390, 844)
JRNL_EXPORT = Path(__file__).resolve().parents[1] / "data" / "jrnl_sample.json"


def go(app: AppPage, title: str) -> None:
    """Navigate with the rail (desktop) by the destination's accessible name.

    Two seconds for the screen to settle: the journey's clicks straight after (Goals'
    "Add a goal") went nowhere after 0.7 s once reveal() stopped spending ~6 s on the tab."""
    app.go(title)
    app.page.wait_for_timeout(1300)  # with the 0.7 s go() waits itself


def thank(app: AppPage) -> None:
    """Close a celebration, checking it was shown."""
    app.see("Well done")
    app.click("Thank you")
    app.page.wait_for_timeout(300)


def answer_first_prompts(app: AppPage) -> None:
    go(app, "Preferences")
    app.see("Question 1 of")
    app.tap(app.page.get_by_role("checkbox", name="Anxiety, worry or panic"))
    app.tap(app.page.get_by_role("checkbox", name="Sleep"))
    app.click("Save and continue")
    app.see("Question 2 of")


def write_entry(app: AppPage) -> None:
    go(app, "Journal")
    app.type_into("What's on your mind?", "Left a voicemail for a clinic. Hands shaking.")
    slider = app.page.get_by_role("slider")
    app.reveal(slider)
    slider.first.focus()
    for _ in range(2):
        app.page.keyboard.press("ArrowRight")
    app.tap(app.page.get_by_role("checkbox", name="anxious"))
    app.type_into("Tags", "calls")
    app.click("Save entry")
    app.see("1 entry")


def add_goal_and_reach_milestone(app: AppPage) -> None:
    go(app, "Goals")
    app.click("Add a goal")
    app.type_into("Goal", "Call two clinics this week")
    app.click("Save goal")
    app.see("Call two clinics this week")
    app.tap(app.page.get_by_role("checkbox", name="Put into words what I'm looking for"))
    thank(app)


def add_three_therapists(app: AppPage) -> None:
    go(app, "Shortlist")
    therapists = (
        ("Dr Ana Ruiz", "CBT, ACT"),
        ("Sam Lee", "CBT"),
        ("Harbour Counselling", "psychodynamic"),
    )
    for number, (name, approaches) in enumerate(therapists, start=1):
        app.click("Add a therapist")
        app.type_into("Name", name)
        app.type_into("Approaches (comma-separated)", approaches)
        app.click("Add to my shortlist")
        if number == 3:
            thank(app)  # three options: the shortlist milestone is reached
        app.see(name)
    app.see("worth asking")  # the fit explains itself


def edit_a_therapist(app: AppPage) -> None:
    """Fill in what was found out later, on the card's own form, and see it on the card.
    (The list beside the therapist opened: Sam Lee is opened from it first.)"""
    app.tap(app.page.get_by_role("button", name=re.compile(r"^Sam Lee ")))
    card = app.page.get_by_role("group", name="Sam Lee", exact=True)
    app.tap(card.get_by_role("button", name="Edit details"))
    app.see("Edit Sam Lee")
    app.type_into("Fee per session", "$140")
    app.click("Save changes")
    app.see("Fee: $140 per session")  # the currency kept, the form closed


def rename_a_goal(app: AppPage) -> None:
    go(app, "Goals")
    app.click("Rename Call two clinics this week")
    app.type_into("Goal", "Call three clinics this week")
    box = app.textbox("Goal").first.bounding_box()
    assert box and box["width"] > 600  # the whole card's width, not a narrow box
    app.page.keyboard.press("Enter")  # saves, as "Save name" does (the focus is in the box)
    app.see("Rename Call three clinics this week")  # the box closed: saved, not just typed
    assert "Call two clinics" not in app.page.locator("body").aria_snapshot()


def bring_in_a_journal(app: AppPage) -> None:
    """Settings' file picker with a real jrnl export; the second time nothing doubles."""
    go(app, "Settings")
    for said in (
        "Imported 5 entries from jrnl. Skipped 1 entry with no words (blank).",
        "Nothing new: all 5 entries were already in your journal. "
        "Skipped 1 entry with no words (blank).",
    ):
        with app.page.expect_file_chooser() as chooser:
            app.click("Choose a file to bring in")
        chooser.value.set_files(JRNL_EXPORT)
        app.see(said)
    go(app, "Journal")
    app.see("Newest 5 of 6")  # the first five; "Show more" for the rest
    app.type_into("Search entries", "sleep again")  # from 2023: far down the list
    app.see("sleep again. Kept replaying")  # (the snapshot quotes the apostrophe before it)


def follow_up_from_home(phone: AppPage) -> None:
    """The nudge is on Home; acting on it takes it off."""
    nudge = "You got in touch with Dr Ana Ruiz"
    phone.see(nudge)
    phone.click("I followed up")
    phone.see("Well done for following up with Dr Ana Ruiz")
    assert nudge not in phone.page.locator("body").aria_snapshot()


def do_gad7(app: AppPage) -> None:
    go(app, "Check-ins")
    app.click("Anxiety check-in (GAD-7)")
    for number in range(1, 8):
        group = app.page.get_by_role("group", name=re.compile(rf"^{number}\. "))
        app.tap(group.get_by_role("radio", name="Several days"))
    app.click("Save check-in")
    app.see("Your GAD-7 score is 7 out of 21")


def share_and_open(app: AppPage, browser, downloads: Path) -> tuple[Path, str]:
    go(app, "Share")
    app.click("Preview what will be shared")
    app.see("Summary from my Therapy Journal")
    with app.page.expect_download(timeout=60_000) as download:
        app.click("Create encrypted file")
    target = downloads / "summary.html"
    download.value.save_as(target)
    app.click("Copy passphrase")
    passphrase = app.page.evaluate("navigator.clipboard.readText()")
    return target, passphrase


def test_the_whole_journey(browser, tmp_path: Path, screenshots: Path) -> None:
    with served_app(tmp_path / "journal") as url:
        app = AppPage(browser, url, grant_clipboard=True)
        try:
            app.see("Welcome to Therapy Journal")
            app.type_into("Passphrase", PASS)
            app.type_into("Type it again", PASS)
            app.click("Create my journal")
            app.see("Prepare for my consultation")
            answer_first_prompts(app)
            app.shot(screenshots / "preferences-desktop.png")
            write_entry(app)
            app.shot(screenshots / "journal-desktop.png")
            add_goal_and_reach_milestone(app)
            app.shot(screenshots / "goals-desktop.png")
            add_three_therapists(app)
            app.shot(screenshots / "shortlist-desktop.png")  # the README's: the list's top
            edit_a_therapist(app)
            rename_a_goal(app)
            do_gad7(app)
            app.shot(screenshots / "checkins-desktop.png")
            bring_in_a_journal(app)
            go(app, "Home")
            app.shot(screenshots / "home-desktop.png")
            go(app, "Review")
            app.shot(screenshots / "review-desktop.png")
            bundle, passphrase = share_and_open(app, browser, tmp_path)
            app.shot(screenshots / "share-desktop.png")
            assert len(passphrase.split()) >= 8
            payload = read_bundle(bundle.read_bytes(), passphrase)
            assert "Left a voicemail" in payload["markdown"]
            assert app.left_the_machine() == []
        finally:
            app.close()

        opened = browser.new_page(viewport={"width": 1280, "height": 800})
        try:
            opened.goto(bundle.as_uri())
            opened.get_by_label("Passphrase").fill(passphrase)
            opened.get_by_role("button", name="Open summary").click()
            frame = opened.frame_locator("#tj-frame")
            frame.get_by_text("Summary from my Therapy Journal").first.wait_for(timeout=30_000)
            assert "GAD-7" in frame.locator("body").inner_text()
        finally:
            opened.close()

    # Five days later (moved back through the real repository while the app is stopped).
    contacted_days_ago(tmp_path / "journal", PASS, "Dr Ana Ruiz", days=5)
    with served_app(tmp_path / "journal") as url:
        phone = AppPage(browser, url, *PHONE)
        try:
            phone.see("Welcome back")
            phone.type_into("Passphrase", PASS)
            phone.click("Unlock")
            phone.see("Prepare for my consultation")
            phone.shot(screenshots / "home-phone.png")
            follow_up_from_home(phone)
            for title, name in (("Journal", "journal"), ("Check-ins", "checkins")):
                phone.tap(phone.page.get_by_role("tab", name=title))
                phone.page.wait_for_timeout(800)
                phone.shot(screenshots / f"{name}-phone.png")
            assert phone.left_the_machine() == []
        finally:
            phone.close()

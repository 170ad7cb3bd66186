"""A goal's steps after the goal is made, in the real app in Chromium: add a step, change
its words, move steps up and down with their named buttons (one by keyboard alone), tick
one, remove one and take it back with Undo. axe-core finds nothing serious; screenshots
at 1280 x 800 and 390 x 844. What the vault holds afterwards is read back with the real
passphrase."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.e2e.app_server import AppPage, served_app
from tests.e2e.axe import blocking, run_axe
from tests.e2e.test_app_a11y import focused, open_journal

pytestmark = pytest.mark.e2e

PASS = "quiet harbour maple 7"
GOAL = "Call the GP"
PHONE = (390, 844)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal with one goal of two steps, made beforehand as `journal-app init` and
    `goal add` would."""
    from journal_app.app.session import AppSession
    from journal_app.core.goals import add_goal

    folder = tmp_path_factory.mktemp("steps") / "journal"
    session = AppSession(folder)
    session.create(PASS, PASS)
    with session.work() as repo:
        add_goal(
            repo,
            GOAL,
            steps=["Find the number", "Write what to say"],
            record_id="goal-steps-e2e",
            now=datetime.now(UTC),
        )
    session.lock()
    return folder


def tree(app: AppPage) -> str:
    return app.page.locator("body").aria_snapshot()


def step_order(app: AppPage) -> list[str]:
    """The goal's steps as a screen reader meets them: its checkboxes, top to bottom."""
    return re.findall(r'checkbox "([^"]+)"', tree(app))


def to_goals(app: AppPage, *, phone: bool = False) -> None:
    if phone:
        app.tap(app.page.get_by_role("tab", name="More"))
        app.page.wait_for_timeout(500)
        app.tap(app.page.get_by_text("Goals", exact=True))
    else:
        app.go("Goals")
    app.see("My own goals")


def wait_for_order(app: AppPage, expected: list[str]) -> None:
    for _ in range(40):
        if step_order(app)[-len(expected) :] == expected:
            return
        app.page.wait_for_timeout(250)
    assert step_order(app)[-len(expected) :] == expected, tree(app)


def test_steps_are_added_renamed_moved_ticked_and_removed_with_undo(
    browser, data_dir: Path, axe: Path, screenshots: Path
) -> None:
    with served_app(data_dir) as app_url:
        on_desktop(browser, app_url, axe, screenshots)
        on_a_phone(browser, app_url, axe, screenshots)
    # What the vault holds once the app has stopped, read with the passphrase.
    from journal_app.app.journal_access import unlock_journal
    from journal_app.core.records import Goal

    journal = unlock_journal(data_dir, PASS)
    try:
        goal = journal.get(Goal, "goal-steps-e2e")
    finally:
        journal.close()
    assert [(s.title, s.done) for s in goal.steps] == [
        ("Make the call", False),
        ("Find the number", True),
        ("Write down what to say", False),
    ]


def on_desktop(browser, app_url: str, axe: Path, screenshots: Path) -> None:
    app = AppPage(browser, app_url, 1280, 800)
    try:
        open_journal(app)
        to_goals(app)
        wait_for_order(app, ["Find the number", "Write what to say"])

        app.type_into("New step", "Make the call")
        app.click(f"Add this step to {GOAL}")
        wait_for_order(app, ["Find the number", "Write what to say", "Make the call"])

        app.click("Rename step Write what to say")
        app.type_into("Step", "Write down what to say")
        app.click("Save step")
        wait_for_order(app, ["Find the number", "Write down what to say", "Make the call"])

        # The first step has no "up", the last no "down": nothing that would only refuse.
        snapshot = tree(app)
        assert 'button "Move Find the number up"' not in snapshot
        assert 'button "Move Make the call down"' not in snapshot
        # By keyboard alone: Tab from the step's checkbox to its buttons, each announced by
        # its own name (the browser's focus once stayed on the checkbox, so a screen reader
        # said "Make the call" for every one of them), back to "up", and Enter moves it.
        stops: list[str] = []
        for _ in range(80):
            app.page.keyboard.press("Tab")
            app.page.wait_for_timeout(120)
            stops.append(focused(app))
            if stops[-1] == "Remove step Make the call" or stops[-2:] == ["Make the call"] * 2:
                break
        # Milestones' date buttons are on the way, each with its own name too.
        dates = [s for s in stops if s.startswith("Set a date for ")]
        assert dates, stops
        assert stops[-4:] == [
            "Make the call",
            "Move Make the call up",
            "Rename step Make the call",
            "Remove step Make the call",
        ], stops
        app.page.keyboard.press("Shift+Tab")
        app.page.wait_for_timeout(120)
        app.page.keyboard.press("Shift+Tab")
        app.page.wait_for_timeout(120)
        assert focused(app) == "Move Make the call up"
        app.page.keyboard.press("Enter")
        wait_for_order(app, ["Find the number", "Make the call", "Write down what to say"])
        app.click("Move Find the number down")
        wait_for_order(app, ["Make the call", "Find the number", "Write down what to say"])

        app.tap(app.page.get_by_role("checkbox", name="Find the number"))
        app.see("1 of 3 done")

        app.click("Remove step Make the call")
        app.see("Removed the step \u201cMake the call\u201d.")
        wait_for_order(app, ["Find the number", "Write down what to say"])
        app.page.get_by_role("button", name="Undo").first.click(force=True)
        wait_for_order(app, ["Make the call", "Find the number", "Write down what to say"])
        app.see("1 of 3 done")

        app.click("Rename step Make the call")  # the box open, for the screenshot and axe
        app.see("Save step")
        app.shot(screenshots / "goal-steps-desktop.png")
        found = blocking(run_axe(app.page, axe))
        assert found == [], found
        app.click("Cancel")
        assert app.left_the_machine() == []
    finally:
        app.close()


def on_a_phone(browser, app_url: str, axe: Path, screenshots: Path) -> None:
    phone = AppPage(browser, app_url, *PHONE)
    try:
        open_journal(phone)
        to_goals(phone, phone=True)
        phone.reveal(phone.button("Move Find the number up"))
        phone.shot(screenshots / "goal-steps-phone.png")
        for name in (
            "Move Find the number up",
            "Move Find the number down",
            "Rename step Find the number",
            "Remove step Find the number",
        ):  # a finger's size on a phone, as every button there
            box = phone.button(name).first.bounding_box()
            assert box and min(box["width"], box["height"]) >= 48, (name, box)
        found = blocking(run_axe(phone.page, axe))
        assert found == [], found
    finally:
        phone.close()

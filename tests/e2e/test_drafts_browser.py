"""Drafts in the real app, in Chromium (issue 27): nothing typed is lost to auto-lock,
"Lock now", a closed tab or a killed server, and typing, Tab and scrolling keep the
journal open.

Three served apps: one for the module (Lock now, the banner read as a screen reader reads
it, axe, screenshots light and dark at desktop and phone sizes, a closed tab); one with
auto-lock shortened to seconds (JOURNAL_APP_AUTO_LOCK_SECONDS, a test-only cap that can
only make the lock sooner: see ui/app.py); and one killed with SIGKILL and started again.
"""

from __future__ import annotations

import json
import re
import signal
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import all_bytes
from tests.e2e.app_server import AppPage, served_app, start_app, stop_app
from tests.e2e.axe import blocking, run_axe
from tests.e2e.test_app_a11y import open_journal, tab_to, wait_for_focus

pytestmark = pytest.mark.e2e

WRITING = "What's on your mind?"
BANNER = "You were writing this \u2014 keep going, or discard"
# Words that appear nowhere in the app, so finding them on disk means a draft leaked.
ENTRY_TEXT = "Quokka-marmalade 5821: I froze before dialling"
GOAL_TEXT = "Quokka goal: call two clinics"
AUTO_TEXT = "Quokka, slowly"  # 3 letters, then one a key every 0.75 s: 8 s, > 6 s + a poll
KILLED_TEXT = "Quokka survived the kill"
CLOSED_TEXT = " and the tab closed"
RENAMED = "Quokka goal: call two clinics this week"
AUTO_LOCK_SECONDS = 6
PASS = "quiet harbour maple 7"


def go(app: AppPage, title: str) -> None:
    """A screen from the navigation, clicked where it is (see ``AppPage.go``)."""
    app.go(title)


def lock_now(app: AppPage) -> None:
    """Press Lock now. On a loaded machine a click can land while the engine moves the
    button's semantics node and go nowhere; if the lock screen has not come and the
    button is still there, it is pressed once more (locking twice is harmless)."""
    button = app.page.get_by_role("button", name="Lock now").first
    button.click(force=True)
    try:
        app.see("Welcome back", timeout=10_000)
    except AssertionError:
        if button.count():
            button.click(force=True)
        app.see("Welcome back")


def tree(app: AppPage) -> str:
    return app.page.locator("body").aria_snapshot()


def value_of_focused(app: AppPage) -> str:
    return app.page.evaluate("document.activeElement && document.activeElement.value") or ""


BESIDE = ("Search entries", "More filters")  # the entries' pane, beside the form when wide


def unlock_to_banner(app: AppPage) -> None:
    """Unlock; the newest draft's form comes up with its banner focused on Keep going."""
    open_journal_to(app, BANNER)
    wait_for_focus(app, "Keep going", timeout=8_000)


def open_journal_to(app: AppPage, expected: str) -> None:
    deadline = time.monotonic() + 30
    while "Welcome" not in tree(app) and time.monotonic() < deadline:
        app.page.wait_for_timeout(300)
    if "Welcome to Therapy Journal" in tree(app):
        open_journal(app)  # a first run: create
        return
    app.type_into("Passphrase", PASS)
    app.click("Unlock")
    app.see(expected)


def keep_going_and_read(app: AppPage, field: str = WRITING) -> str:
    """Press Keep going: focus goes to the form's field; its text, as the browser has it."""
    app.click("Keep going")
    wait_for_focus(app, field, timeout=8_000)
    return value_of_focused(app)


def made_journal(folder: Path) -> Path:
    """A journal made beforehand (as `journal-app init` would), so a test starts at
    unlocking: creating one in the browser takes longer than a six-second quiet spell."""
    from journal_app.app.session import AppSession

    session = AppSession(folder)
    session.create(PASS, PASS)
    session.lock()
    return folder


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("drafts") / "journal"


@pytest.fixture(scope="module")
def app_url(data_dir: Path) -> Iterator[str]:
    with served_app(data_dir) as url:
        yield url


def test_lock_now_keeps_every_form_and_the_banner_reads_well(
    browser, app_url: str, data_dir: Path, screenshots: Path, axe: Path
) -> None:
    """A goal and an entry half-written, "Lock now", unlock: the entry (the newest) opens
    with its banner focused on Keep going, read out, a heading, named buttons, a link to
    the goal; Tab goes Keep going, Discard, the goal, the writing. axe finds nothing
    critical or serious; screenshots at both sizes, light and dark."""
    app = AppPage(browser, app_url)
    try:
        open_journal(app)
        go(app, "Goals")
        app.click("Add a goal")
        app.type_into("Goal", GOAL_TEXT)
        go(app, "Journal")
        app.type_into(WRITING, ENTRY_TEXT)
        lock_now(app)  # at once: the draft is kept by the lock itself
        app.page.evaluate(  # what the screen reader is told, as the engine tells it
            """() => { window.__announced = [];
                new MutationObserver(() => document.querySelectorAll("[aria-live]")
                    .forEach(e => e.textContent && window.__announced.push(e.textContent)))
                .observe(document.body, {childList: true, subtree: true, characterData: true});
            }"""
        )
        unlock_to_banner(app)
        snapshot = tree(app)
        assert re.search(rf'heading "{BANNER}" \[level=2\]', snapshot), snapshot
        assert 'button "Keep going"' in snapshot and 'button "Discard"' in snapshot
        assert 'button "Go to Goals: a new goal"' in snapshot
        assert "Also kept for you: 1 more draft, on another screen." in snapshot
        assert ENTRY_TEXT not in snapshot  # the banner does not read the writing aloud
        app.page.wait_for_timeout(500)
        said = " ".join(app.page.evaluate("window.__announced"))
        assert BANNER in said, said
        found = {"banner, light, desktop": blocking(run_axe(app.page, axe))}
        app.shot(screenshots / "draft-banner-light-desktop.png")
        # Flutter's Tab follows reading order, row by row across the two panes (Flet has no
        # traversal groups): the entries' search and "More filters" beside the banner come
        # in between. The banner's own controls keep their order.
        passed = [n for n in tab_to(app, WRITING, limit=8) if n not in BESIDE]
        assert passed[:2] == ["Discard", "Go to Goals: a new goal"], passed
        back = tab_to(app, "Keep going", limit=6, back=True)  # and back, the same way
        back = [n for n in back if n not in BESIDE]
        assert back == ["Go to Goals: a new goal", "Discard", "Keep going"], back
        assert keep_going_and_read(app) == ENTRY_TEXT
        assert BANNER not in tree(app)  # kept going: the banner has gone, the draft stays
    finally:
        app.close()

    # The other size in the other theme (a person looks at these; the README's are made
    # by `make screenshots`): a new tab takes over, the first one's lock keeps it all.
    (data_dir / "app-preferences.json").write_text(json.dumps({"theme": "dark"}), "utf-8")
    app = AppPage(browser, app_url, 390, 844)
    try:
        unlock_to_banner(app)
        found["banner, dark, phone"] = blocking(run_axe(app.page, axe))
        app.shot(screenshots / "draft-banner-dark-phone.png")
    finally:
        app.close()
        (data_dir / "app-preferences.json").unlink()
    assert {k: v for k, v in found.items() if v} == {}


def test_each_draft_is_reachable_and_discard_can_be_undone(browser, app_url: str) -> None:
    app = AppPage(browser, app_url)
    try:
        unlock_to_banner(app)
        app.click("Go to Goals: a new goal")
        app.see("My own goals")
        assert BANNER in tree(app)  # the goal's own banner, on its own screen
        assert keep_going_and_read(app, "Goal") == GOAL_TEXT
        # Discarding the entry's draft, with an Undo, as the app deletes things.
        go(app, "Journal")
        assert BANNER in tree(app)
        app.click("Discard")
        app.see("The draft was discarded.")
        assert BANNER not in tree(app)
        app.tap(app.button("Undo"))
        wait_for_focus(app, WRITING, timeout=8_000)  # back, in the form, to write on
        assert value_of_focused(app) == ENTRY_TEXT
    finally:
        app.close()


def test_closing_the_tab_keeps_what_was_just_typed(browser, app_url: str) -> None:
    """Typed, and the tab closed at once (before the draft's second was up)."""
    app = AppPage(browser, app_url)
    try:
        open_journal_to(app, WRITING)
        go(app, "Journal")
        app.type_into(WRITING, ENTRY_TEXT + CLOSED_TEXT)
    finally:
        app.close()  # no Lock now: the tab just goes
    app = AppPage(browser, app_url)
    try:
        unlock_to_banner(app)
        assert keep_going_and_read(app) == ENTRY_TEXT + CLOSED_TEXT
    finally:
        app.close()


def test_a_goal_s_new_name_comes_back_and_goes_quietly_with_its_goal(
    browser, app_url: str, data_dir: Path
) -> None:
    """A goal renamed, half way, and "Lock now": unlocking opens Goals on the rename box,
    its banner focused, Keep going puts the focus in the box with the new name. The goal
    is then deleted while the journal is locked (as another device or a command would):
    unlocking lists no "Go to Goals" that would lead nowhere."""
    from journal_app.app.journal_access import unlock_journal
    from journal_app.core.goals import take_goal
    from journal_app.core.records import Goal

    app = AppPage(browser, app_url)
    try:
        unlock_to_banner(app)
        go(app, "Goals")
        app.click("Save goal")  # the goal kept from the first test, saved at last
        app.click(f"Rename {GOAL_TEXT}")
        app.type_into("Goal", RENAMED)
        lock_now(app)
        unlock_to_banner(app)
        assert "My own goals" in tree(app)  # Goals, where the newest draft is
        assert 'button "Go to Journal: a new journal entry"' in tree(app)
        assert keep_going_and_read(app, "Goal") == RENAMED
        lock_now(app)
        journal = unlock_journal(data_dir, PASS)
        try:
            take_goal(journal, next(g.id for g in journal.all(Goal) if g.title == GOAL_TEXT))
        finally:
            journal.close()
        unlock_to_banner(app)
        snapshot = tree(app)
        assert "Go to Goals" not in snapshot and "Also kept for you" not in snapshot, snapshot
        assert keep_going_and_read(app) == ENTRY_TEXT + CLOSED_TEXT
    finally:
        app.close()


def test_the_journal_folder_holds_no_draft_in_plain_text(data_dir: Path) -> None:
    on_disk = all_bytes(data_dir)
    assert (data_dir / "journal.tjv").exists() and b"TJDATA" in on_disk  # the journal is there
    for text in (
        ENTRY_TEXT,
        GOAL_TEXT,
        RENAMED,
        "Quokka",
        "journal.new",
        "goal.new",
        "goal.rename",
    ):
        assert text.encode() not in on_disk, text
        assert text.encode("utf-16-le") not in on_disk, text


def test_typing_tab_and_scrolling_keep_it_open_and_auto_lock_keeps_the_draft(
    browser, tmp_path: Path
) -> None:
    """Auto-lock at 6 s (the test-only cap): typing a key every 0.75 s for longer than
    that, pressing Tab, scrolling, each keep the journal open; "Still there?" goes as soon
    as the person types; then a quiet spell locks it, and unlocking brings the text back."""
    cap = {"JOURNAL_APP_AUTO_LOCK_SECONDS": str(AUTO_LOCK_SECONDS)}
    with served_app(made_journal(tmp_path / "journal"), env_extra=cap) as url:
        app = AppPage(browser, url)
        try:
            open_journal(app)
            go(app, "Journal")
            app.see("Still there?", timeout=AUTO_LOCK_SECONDS * 1000)  # at half the spell
            app.type_into(WRITING, AUTO_TEXT[:3])
            gone = time.monotonic() + 3
            while "Still there?" in tree(app):  # typing takes the notice away at once
                assert time.monotonic() < gone, "the notice stayed while typing"
                app.page.wait_for_timeout(200)
            for what in ("typing", "Tab", "scrolling"):  # each longer than the spell
                for i, letter in enumerate(AUTO_TEXT[3:]):
                    if what == "typing":
                        app.page.keyboard.type(letter)
                    elif what == "Tab":
                        app.page.keyboard.press("Shift+Tab" if i % 2 else "Tab")
                    else:
                        app.page.mouse.move(640, 400)
                        app.page.mouse.wheel(0, 200 if i % 2 else -200)
                    app.page.wait_for_timeout(750)
                assert "Lock now" in tree(app), f"{what} did not count as activity"
            app.see("Welcome back", timeout=(AUTO_LOCK_SECONDS + 8) * 1000)
            app.see("Locked after a quiet spell")
            unlock_to_banner(app)
            assert keep_going_and_read(app) == AUTO_TEXT
        finally:
            app.close()


def test_a_killed_server_loses_nothing_typed_three_seconds_before(browser, tmp_path: Path) -> None:
    """Typed, then 3 s later the server is killed with SIGKILL (no lock, no goodbye);
    started again on the same folder, unlocking offers the draft with the text."""
    folder = made_journal(tmp_path / "journal")
    with tempfile.NamedTemporaryFile(suffix=".log") as output:
        proc, url = start_app(folder, output)
        try:
            app = AppPage(browser, url)
            open_journal(app)
            go(app, "Journal")
            app.type_into(WRITING, KILLED_TEXT)
            app.page.wait_for_timeout(3000)
        finally:
            stop_app(proc, signal.SIGKILL)
        assert proc.returncode == -signal.SIGKILL
        app.close()
        proc, url = start_app(folder, output)
        try:
            app = AppPage(browser, url)
            unlock_to_banner(app)
            assert keep_going_and_read(app) == KILLED_TEXT
            app.close()
        finally:
            stop_app(proc)
        output.seek(0)
        assert b"Quokka" not in output.read()  # nothing printed or logged of it
    assert b"Quokka" not in all_bytes(folder)

"""Accessibility in the real app in Chromium: axe-core on every screen, the keyboard alone,
the crisis resources reaching the accessibility tree the moment they are due, and a long
screen arriving in two updates with nothing lost.

One served app for the module: the keyboard test creates the journal (a first run), the
others unlock it. axe-core comes from npm into tests/e2e/.axe (see tests/e2e/axe.py).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.app_server import AppPage, served_app
from tests.e2e.axe import blocking, run_axe

pytestmark = pytest.mark.e2e
PASS = "quiet harbour maple 7"
SECTIONS = ("Home", "Preferences", "Journal", "Goals", "Shortlist", "Check-ins", "Review")
NAV = (*SECTIONS, "Share", "Settings")  # the desktop tabs, in order


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served_app(tmp_path_factory.mktemp("a11y") / "journal") as url:
        yield url


DRAFT_BANNER = "keep going, or discard"


def open_journal(app: AppPage) -> None:
    """Create the journal on a first run, else unlock it, and start from Home.

    A test that answered PHQ-9 item 9 and never saved left that check-in as a draft;
    unlocking then opens it ("You were writing this", issue 27), crisis resources and
    all. Each test here starts from a fresh form, so the draft is discarded first.
    """
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        tree = app.page.locator("body").aria_snapshot()
        if "Welcome to Therapy Journal" in tree or "Welcome back" in tree:
            break
        app.page.wait_for_timeout(300)
    if "Welcome to Therapy Journal" in app.page.locator("body").aria_snapshot():
        app.type_into("Passphrase", PASS)
        app.type_into("Type it again", PASS)
        app.click("Create my journal")
    else:
        app.type_into("Passphrase", PASS)
        app.click("Unlock")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        tree = app.page.locator("body").aria_snapshot()
        if "Prepare for my consultation" in tree:
            return
        if DRAFT_BANNER in tree:
            app.click("Discard")
            app.see("The draft was discarded.")
            app.tap(app.page.get_by_role("tab", name="Home", exact=True))
        app.page.wait_for_timeout(300)
    app.see("Prepare for my consultation")


def go(app: AppPage, title: str) -> None:
    app.tap(app.page.get_by_role("tab", name=title, exact=True))
    app.page.wait_for_timeout(700)


def focused(app: AppPage) -> str:
    """The focused element's accessible name (its own label, or the one it points to)."""
    return app.page.evaluate(
        """() => {
            const e = document.activeElement;
            if (!e) return "";
            const by = e.getAttribute("aria-labelledby");
            const named = by && document.getElementById(by);
            return (e.getAttribute("aria-label") || (named && named.getAttribute("aria-label"))
                    || e.textContent || "").trim();
        }"""
    )


def wait_for_focus(app: AppPage, name: str, timeout: float = 5_000) -> None:
    """Focus reaches ``name`` by itself (the app moves it), within ``timeout`` ms."""
    deadline = time.monotonic() + timeout / 1000
    while not focused(app).startswith(name):
        if time.monotonic() > deadline:
            raise AssertionError(f"focus is on {focused(app)!r}, not {name!r}")
        app.page.wait_for_timeout(150)


def tab_to(app: AppPage, name: str, *, limit: int = 40, back: bool = False) -> list[str]:
    """Press Tab until ``name`` has focus; the names passed on the way, in order."""
    passed: list[str] = []
    for _ in range(limit):
        app.page.keyboard.press("Shift+Tab" if back else "Tab")
        app.page.wait_for_timeout(120)
        now = focused(app)
        passed.append(now)
        if now.startswith(name):
            return passed
    raise AssertionError(f"Tab never reached {name!r}; it went {passed}")


def in_order(seen: list[str], *expected: str) -> bool:
    """``expected`` appear in ``seen`` in this order (other stops may come between)."""
    at = 0
    for name in seen:
        if at < len(expected) and name.startswith(expected[at]):
            at += 1
    return at == len(expected)


def test_keyboard_alone_creates_writes_checks_in_and_locks(browser, app_url: str) -> None:
    """No mouse from first run to lock, and the Tab order checked on the way."""
    app = AppPage(browser, app_url)
    try:
        app.see("Welcome to Therapy Journal")
        app.page.wait_for_timeout(800)
        assert focused(app).startswith("Passphrase"), "the first field has focus at once"
        app.page.keyboard.type(PASS)
        order = tab_to(app, "Type it again")
        assert order == ["Show passphrase", "Type it again"] or order[-1] == "Type it again"
        app.page.keyboard.type(PASS)
        order = tab_to(app, "Create my journal")
        assert len(order) <= 2, f"one stop from the second field to Create: {order}"
        app.page.keyboard.press("Enter")
        app.see("Prepare for my consultation")

        # The journal. Navigating puts focus on the screen's first field.
        tab_to(app, "Journal")
        app.page.keyboard.press("Enter")
        app.see("New entry")
        wait_for_focus(app, "What's on your mind?")
        # The navigation is one group before the page: back from the first field, every
        # screen's tab and Lock now in a row, nothing of the page between them.
        back = tab_to(app, "Home", back=True, limit=12)
        assert back == ["Lock now", *reversed(NAV)], back
        forward = tab_to(app, "What's on your mind?", limit=12)
        assert forward == [*NAV[1:], "Lock now", forward[-1]], forward

        # Saving with nothing written: the error sends focus back to the field at fault.
        seen = tab_to(app, "Save entry")
        app.page.keyboard.press("Enter")
        app.see("The entry is empty")
        wait_for_focus(app, "What's on your mind?")
        app.page.keyboard.type("Wrote this with the keyboard only.")
        seen += tab_to(app, "Clear anxiety")
        app.page.keyboard.press("Tab")  # the slider: Flutter keeps its focus off the DOM
        for _ in range(7):
            app.page.keyboard.press("ArrowRight")
            app.page.wait_for_timeout(80)
        app.page.wait_for_timeout(400)
        said = app.page.evaluate(
            "document.querySelector('input[type=range]').getAttribute('aria-valuetext')"
        )
        assert said == "7 of 10", f"the slider says {said!r}"
        seen += tab_to(app, "anxious")
        app.page.keyboard.press("Space")
        app.page.wait_for_timeout(300)
        seen += tab_to(app, "Save entry")
        assert in_order(seen, "Preview", "Clear anxiety", "anxious", "Save entry"), seen
        strays = [n for n in seen if n in (*NAV, "Lock now")]
        assert strays == [], f"Tab left the page for the navigation: {seen}"
        app.page.keyboard.press("Enter")
        app.see("1 entry")
        wait_for_focus(app, "Edit entry")  # the entry just saved

        # A GAD-7: each question's answers are reached in the question's order.
        tab_to(app, "Check-ins")
        app.page.keyboard.press("Enter")
        app.see("GAD-7: Generalized Anxiety Disorder")
        questions: list[str] = []  # the answer focused in each question, in turn
        for number in range(1, 8):
            tab_to(app, "Not at all", limit=12)  # Tab enters a question's answers
            app.page.keyboard.press("ArrowRight")  # and arrows move between them
            app.page.wait_for_timeout(150)
            questions.append(focused(app))
            app.page.keyboard.press("Space")
            app.page.wait_for_timeout(250)
            app.see(f"{number} of 7 answered" if number < 7 else "All 7 answered")
        assert questions == ["Several days"] * 7, questions
        tab_to(app, "Save check-in")
        app.page.keyboard.press("Enter")
        app.see("Your GAD-7 score is 7 out of 21")
        wait_for_focus(app, "Start another check-in")  # the result just saved

        # Lock now is reachable by Tab.
        tab_to(app, "Lock now", limit=80)
        app.page.keyboard.press("Enter")
        app.see("Welcome back")
    finally:
        app.close()


def test_axe_finds_nothing_critical_or_serious_anywhere(browser, app_url: str, axe) -> None:
    """First run (or the lock screen), every section, the PHQ-9 with the crisis panel,
    and the share screen: no critical or serious finding (the engine's viewport tag aside)."""
    app = AppPage(browser, app_url)
    found: dict[str, list] = {}
    try:
        app.page.wait_for_timeout(1000)
        found["lock"] = blocking(run_axe(app.page, axe))
        open_journal(app)
        for title in SECTIONS:
            if title != "Home":
                go(app, title)
            found[title] = blocking(run_axe(app.page, axe))
            if title == "Preferences":  # each option one control with one name
                tree = app.page.locator("body").aria_snapshot()
                assert 'checkbox "Anxiety, worry or panic"' in tree, tree
                assert 'button "Anxiety, worry or panic"' not in tree, tree
        go(app, "Check-ins")
        app.click("Mood check-in (PHQ-9)")
        item9 = app.page.get_by_role("group", name=re.compile(r"^9\. "))
        app.tap(item9.get_by_role("radio", name="Several days"))
        app.see("Support right now")
        found["PHQ-9 with crisis panel"] = blocking(run_axe(app.page, axe))
        for title in ("Share", "Settings"):
            go(app, title)
            found[title] = blocking(run_axe(app.page, axe))
    finally:
        app.close()
    assert {k: v for k, v in found.items() if v} == {}


def test_crisis_resources_are_read_out_the_moment_item_9_is_above_0(browser, app_url) -> None:
    app = AppPage(browser, app_url)
    try:
        open_journal(app)
        go(app, "Check-ins")
        app.click("Mood check-in (PHQ-9)")
        assert "Support right now" not in app.page.locator("body").aria_snapshot()
        app.page.evaluate(  # what the screen reader is told, as the engine tells it
            """() => { window.__announced = [];
                new MutationObserver(() => document.querySelectorAll("[aria-live]")
                    .forEach(e => e.textContent && window.__announced.push(e.textContent)))
                .observe(document.body, {childList: true, subtree: true, characterData: true});
            }"""
        )
        item9 = app.page.get_by_role("group", name=re.compile(r"^9\. "))
        app.tap(item9.get_by_role("radio", name="Several days"))
        app.see("Support right now", timeout=3_000)  # before anything is saved
        tree = app.page.locator("body").aria_snapshot()
        assert "If you are in immediate danger, call" in tree
        assert "findahelpline.com" in tree
        assert re.search(r'heading "Support right now"', tree)
        said = " ".join(app.page.evaluate("window.__announced"))
        assert "Support right now" in said and "immediate danger" in said, said
        assert app.page.get_by_role("textbox", disabled=True).count() == 0
    finally:
        app.close()


MAIN_SCREENS = ("Home", "Journal", "Shortlist", "Check-ins")  # the phone bar's four


def see_screen(app: AppPage, title: str, *, narrow: bool) -> None:
    """Go to a main screen by the desktop tabs, or the phone's bottom bar."""
    if title != "Home":
        if narrow:
            app.tap(app.page.get_by_role("tab", name=re.compile(rf"^{title}")))
            app.page.wait_for_timeout(700)
        else:
            go(app, title)
    app.see(title if title != "Home" else "Prepare for my consultation")


def test_dark_theme_and_200_percent_zoom(browser, tmp_path: Path, screenshots: Path, axe) -> None:
    """The dark theme chosen in Settings (app-preferences.json, read before unlocking):
    axe finds nothing critical or serious; screenshots of the main screens at desktop and
    phone sizes, at 100% and 200% browser zoom, for a person to look at."""
    data = tmp_path / "journal"
    data.mkdir(mode=0o700)
    (data / "app-preferences.json").write_text(json.dumps({"theme": "dark"}), encoding="utf-8")
    found: dict[str, list] = {}
    sizes = {"desktop": (1280, 800), "phone": (390, 844)}
    with served_app(data) as url:
        for zoom in (1, 2):
            for size, (width, height) in sizes.items():
                app = AppPage(browser, url, width, height, zoom=zoom)
                try:
                    app.page.wait_for_timeout(800)
                    if zoom == 1 and size == "desktop":
                        found["lock, dark"] = blocking(run_axe(app.page, axe))
                    open_journal(app)
                    narrow = width / zoom < 700
                    for title in MAIN_SCREENS:
                        see_screen(app, title, narrow=narrow)
                        if zoom == 1:
                            found[f"{title}, dark, {size}"] = blocking(run_axe(app.page, axe))
                        name = f"dark-{title.lower()}-{size}-{int(zoom * 100)}.png"
                        app.shot(screenshots / name)
                finally:
                    app.close()
    assert {k: v for k, v in found.items() if v} == {}


# Every message the page receives over the app's socket, as text (msgpack keeps strings as
# UTF-8, so a screen's words can be found in the update that carried them).
SOCKET_LOG = """
window.__tjIn = [];
const RealSocket = window.WebSocket;
window.WebSocket = class extends RealSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener('message', e => window.__tjIn.push(
      typeof e.data === 'string' ? Promise.resolve(e.data)
        : e.data instanceof Blob ? e.data.text()
        : Promise.resolve(new TextDecoder().decode(e.data))));
  }
};
"""
RECEIVED = "() => Promise.all(window.__tjIn)"
# Notes if "Save or share" (Review's last card) is ever missing from the tree.
WATCH_LAST_CARD = """() => {
  window.__tjLost = false;
  const host = document.querySelector('flt-semantics-host');
  const check = () => {
    const names = [...host.querySelectorAll('[aria-label]')]
      .map(e => e.getAttribute('aria-label')).join(' ');
    if (!((host.textContent || '') + names).includes('Save or share')) window.__tjLost = true;
  };
  new MutationObserver(check).observe(host, {childList: true, subtree: true, attributes: true});
}"""


def test_a_long_screen_sends_its_top_first_and_the_rest_just_after(browser, app_url) -> None:
    """Arriving at Review, the update with its heading does not carry its lower cards; they
    come in a later one and are all there. Rebuilt where the person is (a question added),
    the screen is never shortened, which would pull a scrolled page back up."""
    app = AppPage(browser, app_url)
    try:
        app.page.add_init_script(SOCKET_LOG)
        app.page.reload()
        open_journal(app)
        app.page.evaluate("() => { window.__tjIn = []; }")
        go(app, "Review")
        app.see("Save or share")
        received = app.page.evaluate(RECEIVED)
        top = next(i for i, m in enumerate(received) if "Before my consultation" in m)
        assert "My questions" in received[top]
        assert "Save or share" not in received[top]
        assert any("Save or share" in m for m in received[top + 1 :])

        app.page.evaluate(WATCH_LAST_CARD)
        # type_into checks Flutter's input got every letter: typed straight after a click,
        # the first few can land before the input is focused, under load.
        app.type_into("Add a question", "Do you offer evening sessions?")
        app.click("Add question")
        app.see("Question added.")
        # The toast is its own update; the rebuilt list follows it.
        app.see("Do you offer evening sessions?")
        app.page.wait_for_timeout(300)
        assert app.page.evaluate("() => window.__tjLost") is False
    finally:
        app.close()


# A text box's accessible name: its label, and at most the hint Flutter reads after it.
# The one box whose label is followed by a hint of whole sentences, on purpose.
LABELLED_WITH_HINT = ("What's on your mind? Write freely.", "What''s on your mind? Write freely.")
TEXTBOX = re.compile(r'- textbox "((?:[^"\\]|\\.)*)"|- \'textbox "((?:[^\']|\'\')*)"\'')


def test_every_text_box_is_named_by_its_label_alone(browser, app_url) -> None:
    """A card is one semantic container in Flutter, which folded the card's sentences
    into the name of the text box in it: Review's box was "Tick a question once you've
    asked it. No questions yet. ... Add a question", Settings' "This permanently deletes
    your journal ... Type DELETE to confirm". A screen reader read a paragraph as the
    field's name, and a box could not be found by its label."""
    app = AppPage(browser, app_url)
    names: dict[str, list[str]] = {}
    try:
        open_journal(app)
        for title in NAV:
            go(app, title)
            tree = app.page.locator("body").aria_snapshot()
            names[title] = [a or b for a, b in TEXTBOX.findall(tree)]
        go(app, "Review")
        app.type_into("Add a question", "Do you offer evening sessions? 🌙")
        app.click("Add question")
        app.see("Do you offer evening sessions? 🌙")
        go(app, "Settings")
        assert app.textbox("Type DELETE to confirm").count() == 1
    finally:
        app.close()
    assert "Add a question" in names["Review"], names["Review"]
    assert "Type DELETE to confirm" in names["Settings"], names["Settings"]
    folded = {
        t: [n for n in found if ". " in n and not n.startswith(LABELLED_WITH_HINT)]
        for t, found in names.items()
    }
    assert {t: n for t, n in folded.items() if n} == {}, names


def test_the_journal_opens_on_the_entries_on_a_phone_and_beside_them_when_wide(
    browser, app_url: str, axe, screenshots: Path
) -> None:
    """Phone: the entries first with "New entry" above them, the form one tap away, "Back
    to entries" keeping the words, a save back on the list. Wide: the form beside the list."""
    phone = AppPage(browser, app_url, 390, 844)
    try:
        open_journal(phone)
        phone.tap(phone.page.get_by_role("tab", name="Journal", exact=True))
        phone.see("Your entries")
        tree = phone.page.locator("body").aria_snapshot()
        assert "What's on your mind" not in tree, tree
        assert tree.index('button "New entry"') < tree.index('heading "Your entries"'), tree
        phone.shot(screenshots / "journal-entries-phone.png")
        assert blocking(run_axe(phone.page, axe)) == []
        phone.click("New entry")
        phone.see("Back to entries")
        wait_for_focus(phone, "What's on your mind?")
        phone.type_into("What's on your mind?", "Wrote this on the bus.")
        phone.shot(screenshots / "journal-form-phone.png")
        assert blocking(run_axe(phone.page, axe)) == []
        phone.click("Back to entries")
        phone.click("Continue your entry")  # the words wait in the form
        phone.see("Wrote this on the bus.")
        phone.click("Save entry")
        phone.see("Saved. Well done for writing it down.")
        phone.see("New entry")  # back on the list, the entry there
        assert "Back to entries" not in phone.page.locator("body").aria_snapshot()
    finally:
        phone.close()
    wide = AppPage(browser, app_url, 1280, 800)
    try:
        open_journal(wide)
        go(wide, "Journal")
        wide.see("Your entries")
        writing = wide.textbox("What's on your mind?").first.bounding_box()
        search = wide.textbox("Search entries").first.bounding_box()
        assert writing and search and writing["x"] + writing["width"] <= search["x"], (
            writing,
            search,
        )
        wide.shot(screenshots / "journal-wide.png")
        assert blocking(run_axe(wide.page, axe)) == []
    finally:
        wide.close()

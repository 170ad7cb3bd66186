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
from datetime import date
from pathlib import Path

import pytest

from journal_app.app.clock import today as local_today
from journal_app.core.month import step_month
from tests.e2e.app_server import AppPage, served_app
from tests.e2e.axe import blocking, run_axe

pytestmark = pytest.mark.e2e
PASS = "quiet harbour maple 7"
SECTIONS = ("Home", "Preferences", "Journal", "Goals", "Shortlist", "Check-ins", "Review")
NAV = (*SECTIONS, "Share", "Settings")  # the rail's destinations, in order


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
            app.go("Home")
        app.page.wait_for_timeout(300)
    app.see("Prepare for my consultation")


def go(app: AppPage, title: str) -> None:
    app.go(title)


def focused(app: AppPage) -> str:
    """The focused element's accessible name (its own label, or the one it points to),
    without the "Tab 3 of 9" Flutter adds after a rail destination's label."""
    return RAIL_POSITION.sub("", _focused_name(app))


RAIL_POSITION = re.compile(r"\s+Tab \d+ of \d+$")


def _focused_name(app: AppPage) -> str:
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

        # A GAD-7: each question's answers are reached in the question's order. From a
        # screen scrolled down, the rail is reached backwards: Flutter orders Tab by
        # position, and forwards from the end it wraps to the screen's top (scrolled above
        # the rail) first. Back from there, Lock now and the rail come next.
        tab_to(app, "Check-ins", back=True, limit=60)
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

        # Lock now is reachable by Tab (backwards from a scrolled screen, as above).
        tab_to(app, "Lock now", back=True, limit=80)
        app.page.keyboard.press("Enter")
        app.see("Welcome back")
    finally:
        app.close()


def write_an_entry(app: AppPage, words: str) -> None:
    """An entry saved from the Journal's form (the list then shows it, opened)."""
    go(app, "Journal")
    app.type_into("What's on your mind?", words)
    app.click("Save entry")
    app.see("Edit entry")


# The wide Journal's form, in its order, and the entries' own controls beside it.
FORM_STOPS = (
    "Preview",
    "Clear anxiety",
    "anxious",
    "Add a feeling",
    "Tags",
    "Start a breathing exercise",
    "Change the day",
    "Save entry",
)
LIST_STOPS = ("Search entries", "More filters")


def test_tab_takes_each_pane_whole_the_form_then_the_entries(browser, app_url: str) -> None:
    """Wide, the form and the entries side by side are each one unit in the Tab order:
    every control of the form before any of the list, then "Month at a glance", and
    Shift+Tab back the same way (Flutter took them line by line across the window: the
    search box came after the first field, an entry between the slider and the feelings).
    The Shortlist's list and open therapist likewise. On a phone the Journal keeps its
    order: "New entry", the search, the entries, the month."""
    app = AppPage(browser, app_url)
    try:
        open_journal(app)
        write_an_entry(app, "A note to Tab past.")
        go(app, "Home")
        go(app, "Journal")
        wait_for_focus(app, "What's on your mind?")
        forward = tab_to(app, "Month at a glance", limit=90)
        split = next(i for i, n in enumerate(forward) if n.startswith(LIST_STOPS))
        assert in_order(forward[:split], *FORM_STOPS), forward
        assert not [n for n in forward[split:] if n.startswith(FORM_STOPS)], forward
        assert in_order(forward[split:], *LIST_STOPS, "Edit entry", "Month at a glance")
        back = tab_to(app, "What's on your mind?", back=True, limit=90)
        split = next(i for i, n in enumerate(back) if n.startswith(FORM_STOPS))
        assert in_order(back[:split], "Edit entry", *reversed(LIST_STOPS)), back
        assert not [n for n in back[split:] if n.startswith(LIST_STOPS)], back

        two_therapists_side_by_side(app)  # Dr Ana Ruiz open beside the list
        tab_to(app, "Add a therapist", limit=40)  # the list's top (round by the rail)
        # From there, the list's lines, then the open therapist from its top: Flutter
        # went from "Add a therapist" straight to the notes, level with it on the right.
        shortlist = tab_to(app, "Notes", limit=40)
        assert in_order(shortlist, "Remove Dr Ana Ruiz", "Edit details", "Notes"), shortlist
    finally:
        app.close()
    phone = AppPage(browser, app_url, 390, 844)
    try:
        open_journal(phone)
        phone.tap(phone.page.get_by_role("tab", name="Journal", exact=True))
        wait_for_focus(phone, "New entry")
        seen = tab_to(phone, "Month at a glance", limit=60)
        assert in_order(seen, *LIST_STOPS, "Month at a glance"), seen
        assert not [n for n in seen if n.startswith(("What's on your mind?", *FORM_STOPS))]
    finally:
        phone.close()


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
    axe finds nothing critical or serious; nothing scrolls sideways; screenshots of the
    main screens at desktop and phone sizes, at 100% and 200% browser zoom, for a person
    to look at."""
    data = tmp_path / "journal"
    data.mkdir(mode=0o700)
    (data / "app-preferences.json").write_text(json.dumps({"theme": "dark"}), encoding="utf-8")
    found: dict[str, list] = {}
    sizes = {"desktop": (1280, 800), "phone": (390, 844)}
    sideways: list[str] = []
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
                        if overflows_sideways(app):  # 200% on 1280 px: the phone layout
                            sideways.append(f"{title}, {size}, {int(zoom * 100)}%")
                        if zoom == 1:
                            found[f"{title}, dark, {size}"] = blocking(run_axe(app.page, axe))
                        name = f"dark-{title.lower()}-{size}-{int(zoom * 100)}.png"
                        app.shot(screenshots / name)
                    if zoom == 1:  # Your month, off the navigation: from Home's button
                        app.tap(app.nav("Home"))
                        app.click("Your month")
                        app.see("Previous month")
                        found[f"Your month, dark, {size}"] = blocking(run_axe(app.page, axe))
                        app.shot(screenshots / f"dark-month-{size}-100.png")
                    if zoom == 1:
                        found[f"breathing, dark, {size}"] = mid_breath(app, axe, screenshots, size)
                finally:
                    app.close()
    assert sideways == []
    assert {k: v for k, v in found.items() if v} == {}


def mid_breath(app: AppPage, axe: Path, screenshots: Path, size: str) -> list:
    """From Home, the breathing exercise at its default pace, pictured mid out-breath
    (the circle shrinking) on a desktop, mid in-breath on a phone; axe's blocking findings."""
    app.tap(app.nav("Home"))
    app.click("Start a breathing exercise")
    app.click("Start")
    app.see("Breath 1 of")
    app.page.wait_for_timeout(8_500 if size == "desktop" else 2_000)
    app.page.screenshot(path=str(screenshots / f"breathing-dark-{size}.png"))
    found = blocking(run_axe(app.page, axe))
    app.click("Stop")
    return found


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


def day_name(day) -> str:
    """A day's cell as the month names it (its first half: what it holds may vary)."""
    return f"{day:%A} {day.day} {day:%B}: "


def test_your_month_steps_by_keyboard_and_opens_a_day(
    browser, app_url: str, screenshots: Path, axe
) -> None:
    """Home -> "Your month" by keyboard: the month's days named one by one, months stepped
    with the buttons (focus stays on them), axe clean, and today's cell opens the Journal
    filtered to today."""
    today = local_today()
    this_month = f"{today:%B} {today.year}"
    before = step_month(today.year, today.month, -1)
    last_month = f"{date(before[0], before[1], 1):%B} {before[0]}"
    app = AppPage(browser, app_url)
    try:
        open_journal(app)
        write_an_entry(app, "A note for the month view.")
        go(app, "Home")
        tab_to(app, "Your month", limit=60)
        app.page.keyboard.press("Enter")
        app.see(this_month)
        tree = app.page.locator("body").aria_snapshot()
        assert re.search(r'heading "Your month" \[level=1\]', tree), tree
        assert f'button "{day_name(today)}' in tree, tree
        assert re.search(r"\d+ entr(y|ies)", tree)
        assert blocking(run_axe(app.page, axe)) == []
        app.shot(screenshots / "month-light-desktop.png")

        tab_to(app, "Previous month")
        app.page.keyboard.press("Enter")
        app.see(last_month)
        assert focused(app).startswith("Previous month"), "focus stays on the button"
        tab_to(app, "Next month")
        app.page.keyboard.press("Enter")
        app.see(this_month)
        tab_to(app, day_name(today), limit=50)
        app.page.keyboard.press("Enter")
        app.see(f"From {today.day} {today:%b %Y}")
        app.see(f"To {today.day} {today:%b %Y}")
        app.see("A note for the month view.")
        # The Journal's own way to the month; then the tab still marked (the Journal, where
        # the month was opened from) takes the person back, though it was already chosen.
        app.click("Month at a glance")
        app.see("Previous month")
        go(app, "Journal")
        app.see("New entry")
        assert "Previous month" not in app.page.locator("body").aria_snapshot()
    finally:
        app.close()
    phone = AppPage(browser, app_url, 390, 844)
    try:
        open_journal(phone)
        phone.click("Your month")
        phone.see(this_month)
        assert blocking(run_axe(phone.page, axe)) == []
        phone.shot(screenshots / "month-light-phone.png")
    finally:
        phone.close()
    print(f"month screenshots in {screenshots}")


# What the web engine's polite live region is given, each time it is given something (it
# empties itself in between, so a phase said every second would be recorded every second).
RECORD_POLITE = """() => { window.__polite = []; const last = new Map();
  new MutationObserver(() => document.querySelectorAll('[aria-live="polite"]').forEach(e => {
    const now = (e.textContent || '').trim();
    if (now !== (last.get(e) || '')) { last.set(e, now); if (now) window.__polite.push(now); }
  })).observe(document.body, {childList: true, subtree: true, characterData: true});
}"""
PHASES = ["Breathe in", "Hold", "Breathe out"]


def test_the_breathing_pacer_says_each_phase_once_and_keeps_the_rating(
    browser, app_url: str, axe, screenshots: Path
) -> None:
    """From Home: a pace of in 3, hold 1, out 6; each phase reaches the polite live region
    once (a screen reader hears it once, not every second); the circle mid-breath at a
    desktop and a phone width (a resize mid-exercise keeps it going); Stop, a rating of
    3, and the entry in the journal says so. axe on the choices and on the breathing."""
    app = AppPage(browser, app_url)
    found: dict[str, list] = {}
    try:
        open_journal(app)
        app.page.evaluate(RECORD_POLITE)
        app.click("Start a breathing exercise")
        app.see("Your pace")
        found["breathing, choices"] = blocking(run_axe(app.page, axe))
        app.click("Shorter in-breath")
        app.click("Shorter hold")
        app.see("Hold: 1 second")
        app.click("Start")
        started = time.monotonic()
        app.page.wait_for_timeout(1500)  # mid in-breath
        app.page.screenshot(path=str(screenshots / "breathing-light-desktop.png"))
        found["breathing, running"] = blocking(run_axe(app.page, axe))
        app.page.set_viewport_size({"width": 390, "height": 844})
        app.see("Breath 1 of")
        app.page.wait_for_timeout(1200)  # the phone layout drawn
        app.page.screenshot(path=str(screenshots / "breathing-light-phone.png"))
        app.page.set_viewport_size({"width": 1280, "height": 800})
        app.see("Breathe out")
        while time.monotonic() - started < 7:  # past the first seconds, still breath 1
            app.page.wait_for_timeout(200)
        said = app.page.evaluate("window.__polite")
        assert [s for s in said if s in PHASES] == PHASES, said
        app.click("Stop")
        app.see("Well done")
        app.button("Save").first.focus()
        app.page.keyboard.press("Shift+Tab")  # the rating, just above
        for _ in range(3):
            app.page.keyboard.press("ArrowRight")
            app.page.wait_for_timeout(150)
        app.see("Anxiety now: 3 of 10")
        app.click("Save")
        app.see("Saved in your journal")
        go(app, "Journal")
        newest = app.page.get_by_role("button", name=re.compile(r"Paced breathing for \d+ seconds"))
        app.tap(newest)
        app.see("Tried Paced breathing: anxiety 3 after")
        app.click("Start a breathing exercise")  # from the entry's coping part, and back
        app.see("Your pace")
        app.click("Back")
        app.see("New entry")
    finally:
        app.close()


def test_esc_stops_the_breathing_calmly_and_leaves_its_choices(browser, app_url: str) -> None:
    """Esc on the choices goes back where the exercise was opened (Home; the entry, its
    words still there); while breathing it stops as Stop does and the rating comes next,
    where Esc changes nothing. On the Journal itself Esc leaves the writing as it is."""
    app = AppPage(browser, app_url)
    try:
        open_journal(app)
        app.click("Start a breathing exercise")
        app.see("Your pace")
        app.page.keyboard.press("Escape")
        app.see("Prepare for my consultation")  # Home again
        app.click("Start a breathing exercise")
        app.click("Start")
        app.see("Breath 1 of")
        app.page.wait_for_timeout(6_000)  # past the first seconds: the practice is kept
        app.page.keyboard.press("Escape")
        app.see("How anxious do you feel now")
        wait_for_focus(app, "Save")
        app.page.keyboard.press("Escape")
        app.page.wait_for_timeout(800)
        tree = app.page.locator("body").aria_snapshot()
        assert "How anxious do you feel now" in tree and "Breath 1 of" not in tree, tree
        app.click("Skip")
        app.see("Saved in your journal")

        go(app, "Journal")
        app.type_into("What's on your mind?", "Words Esc must not take.")
        app.page.keyboard.press("Escape")
        app.page.wait_for_timeout(800)
        assert app.page.evaluate("document.activeElement.value") == "Words Esc must not take."
        app.click("Start a breathing exercise")  # from the entry's coping part
        app.see("Your pace")
        app.page.keyboard.press("Escape")
        app.see("Words Esc must not take.")
        app.see("New entry")
    finally:
        app.close()


WIDTHS = {390: 844, 1024: 768, 1280: 800, 1920: 1080}  # phone, laptop, desktop, big screen
WIDE_SCREENS = ("Home", "Journal", "Shortlist", "Check-ins", "Review")
SIGNS = {  # words each screen shows once it has arrived
    "Home": "Prepare for my consultation",
    "Journal": "New entry",
    "Shortlist": "Add a therapist",
    "Check-ins": "How it's been going",
    "Review": "Before my consultation",
}


def go_anywhere(app: AppPage, title: str, *, phone: bool) -> None:
    """A screen from the rail, or on a phone from the bottom bar or its "More" list."""
    if phone and title == "Review":
        app.tap(app.nav("More"))
        app.tap(app.page.get_by_text(title, exact=True))
    else:
        app.go(title)
    app.see(SIGNS[title])


def two_therapists_side_by_side(app: AppPage) -> None:
    """Two therapists added through the form (if this journal has none yet); on a wide
    window the list stays beside the one just added, and a line of the list opens another
    in its place."""
    app.go("Shortlist")
    app.see(SIGNS["Shortlist"])
    app.page.wait_for_timeout(1000)  # the list's lines, if they come just after
    for name in ("Dr Ana Ruiz", "Sam Lee"):
        tree = app.page.locator("body").aria_snapshot()  # added before: opened, or a line
        if f"Remove {name}" in tree or f'button "{name} ' in tree:
            continue
        app.click("Add a therapist")
        app.type_into("Name", name)
        app.click("Add to my shortlist")
        app.see(f"{name} is on your shortlist.")
        app.see(f"Remove {name}")  # opened beside the list
    lines = app.page.get_by_role("button", name=re.compile(r"^(Dr Ana Ruiz|Sam Lee) "))
    assert lines.count() == 2, app.page.locator("body").aria_snapshot()
    app.tap(app.page.get_by_role("button", name=re.compile(r"^Dr Ana Ruiz ")))
    app.see("Remove Dr Ana Ruiz")
    assert "Remove Sam Lee" not in app.page.locator("body").aria_snapshot()


def small_shot(app: AppPage, path: Path) -> None:
    """A screenshot in 256 colours (the app's flat colours lose nothing visible): a
    1920 px screen is ~60 KB instead of ~200 KB, so the set can live in the repository."""
    from io import BytesIO

    from PIL import Image

    app.page.wait_for_timeout(600)
    shot = Image.open(BytesIO(app.page.screenshot())).convert("RGB")
    shot.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def theme(app: AppPage, *, dark: bool) -> None:
    """The system theme switched, and the app's theme change (animated) finished: the
    window's bottom left corner (the rail, or the bottom bar) dark or light."""
    from io import BytesIO

    from PIL import Image, ImageStat

    app.page.emulate_media(color_scheme="dark" if dark else "light")
    height = app.page.viewport_size["height"]
    for _ in range(75):  # up to 15 s: a busy machine draws the change late
        app.page.wait_for_timeout(200)
        corner = app.page.screenshot(clip={"x": 2, "y": height - 4, "width": 2, "height": 2})
        brightness = ImageStat.Stat(Image.open(BytesIO(corner)).convert("L")).mean[0]
        if (brightness < 60) if dark else (brightness > 200):
            app.page.wait_for_timeout(300)  # the last frames of the change
            return
    raise AssertionError(f"the app never turned {'dark' if dark else 'light'}")


def overflows_sideways(app: AppPage) -> bool:
    return app.page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def test_every_width_uses_its_room(browser, app_url: str, screenshots: Path, axe) -> None:
    """390, 1024, 1280 and 1920 px wide, in one browser tab resized: the rail from 700 px
    (the bottom bar below), the shortlist beside the therapist opened, nothing scrolling
    sideways, axe-core at 0 critical/serious on
    each main screen, and a screenshot of each, light and dark (the system theme, which
    the app follows by default)."""
    app = AppPage(browser, app_url)
    found: dict[str, list] = {}
    sideways: list[str] = []
    folder = screenshots / "widths"
    folder.mkdir(exist_ok=True)
    try:
        open_journal(app)
        two_therapists_side_by_side(app)
        for width, height in WIDTHS.items():
            app.page.set_viewport_size({"width": width, "height": height})
            app.page.wait_for_timeout(1200)  # the shell redraws for the new width
            phone = width < 700
            tree = app.page.locator("body").aria_snapshot()
            assert ('tab "Home"' in tree) == phone, tree[:600]  # the bottom bar's tabs
            assert ("Tab 1 of 9" in tree) != phone, tree[:600]  # the rail's destinations
            for title in WIDE_SCREENS:
                go_anywhere(app, title, phone=phone)
                found[f"{title} at {width}"] = blocking(run_axe(app.page, axe))
                if overflows_sideways(app):
                    sideways.append(f"{title} at {width}")
                name = title.lower().replace("-", "")
                small_shot(app, folder / f"light-{name}-{width}.png")
                theme(app, dark=True)
                small_shot(app, folder / f"dark-{name}-{width}.png")
                theme(app, dark=False)
    finally:
        app.close()
    assert sideways == []
    assert {k: v for k, v in found.items() if v} == {}


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

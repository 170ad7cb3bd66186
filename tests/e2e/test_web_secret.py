"""The served app answers only the browser it opened: the launch secret and its cookie.

Any program of any user on this computer can reach 127.0.0.1 and send the right Host and
Origin. Here a second process that is not the browser (``tests/e2e/probe.py``) does just
that, without the secret, and must get a 403 and no byte of the app for the page, an
asset and the websocket. The address the app printed opens it in Chromium, and the
address bar ends clean. Wrong passphrases from another browser session do not make the
real browser wait.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from journal_app.ui.web_secret import REFUSED_BODY, SECRET_PARAM, cookie_name
from tests.e2e import probe
from tests.e2e.app_server import REPO, AppPage, origin_of, served_app, start_app, stop_app
from tests.e2e.opener import digest

pytestmark = pytest.mark.e2e
PASS = "quiet harbour maple 7"
HOME = "Prepare for my consultation"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address the app printed: the one that carries the secret."""
    data_dir = tmp_path_factory.mktemp("secret") / "journal"
    from journal_app.storage.vault import Vault

    Vault.create(data_dir, PASS).close()
    with served_app(data_dir) as url:
        yield url


def test_the_printed_address_carries_a_fresh_256_bit_secret(app_url: str) -> None:
    secret = parse_qs(urlsplit(app_url).query)[SECRET_PARAM][0]
    assert len(base64.urlsafe_b64decode(secret + "=")) * 8 >= 128
    assert len(base64.urlsafe_b64decode(secret + "=")) == 32


def test_another_program_without_the_secret_gets_nothing(app_url: str) -> None:
    """From a second process, with this server's own Host and Origin: 403 for the page,
    an asset, the bootstrap script, a wrong secret and the websocket, and the bytes it
    gets back are the short refusal, nothing of the app."""
    port = urlsplit(app_url).port
    done = subprocess.run(
        [sys.executable, "-m", "tests.e2e.probe", str(port)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    found = json.loads(done.stdout)
    for name in ("page", "index", "asset", "bootstrap", "wrong_secret"):
        status, body = found[name]
        assert status == 403, (name, status)
        assert body.encode("latin-1") == REFUSED_BODY, (name, body[:200])
    status, answer = found["websocket"]
    assert status == 403
    assert "upgrade" not in answer.lower().split("\r\n\r\n", 1)[0].split("\r\n", 1)[1]
    for word in ("flutter", "flet", "journal_app", "main.dart"):
        assert word not in answer.lower()


def test_the_secret_is_swapped_for_a_strict_cookie_and_a_clean_address(app_url: str) -> None:
    parts = urlsplit(app_url)
    port, host, origin = parts.port, parts.netloc, origin_of(app_url)
    status, headers, body = probe.get(port, host, path=f"/?{parts.query}")
    assert status == 303 and body == b""
    assert headers["location"] == "/"  # no secret in the address bar or history
    assert headers["cache-control"] == "no-store"
    name_value, *attributes = [a.strip() for a in headers["set-cookie"].split(";")]
    name, value = name_value.split("=", 1)
    assert name == cookie_name(port) and str(port) in name
    assert value != parse_qs(parts.query)[SECRET_PARAM][0]  # a token of its own
    assert {a.lower() for a in attributes} == {"path=/", "httponly", "samesite=strict"}
    cookie = f"{name}={value}"
    assert probe.get(port, host, cookie=cookie)[0] == 200
    status, headers, body = probe.get(port, host, path="/main.dart.js", cookie=cookie)
    assert status == 200 and len(body) > 100_000
    assert probe.websocket_status(port, host, origin, cookie) == 101
    # Other programs' cookies for 127.0.0.1 come along, some of them malformed.
    crowded = f'jupyter="a b\\"; prefs={{"dark":1}}; {cookie}; after=1'
    assert probe.get(port, host, cookie=crowded)[0] == 200
    forged = f"{name}={value[:-4]}AAAA"
    assert probe.get(port, host, cookie=forged)[0] == 403
    assert probe.websocket_status(port, host, origin, forged) == 403
    assert probe.get(port, host, cookie=f"{cookie_name(port + 1)}={value}")[0] == 403


def test_the_printed_address_opens_the_app_in_chromium(browser, app_url: str) -> None:
    app = AppPage(browser, app_url)
    try:
        app.see("Welcome back")
        assert app.page.url == origin_of(app_url) + "/"
        assert SECRET_PARAM not in app.page.evaluate("location.href")
        assert app.page.evaluate("document.cookie") == ""  # HttpOnly: no script reads it
        (cookie,) = app.context.cookies()
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        assert cookie["domain"] == "127.0.0.1" and cookie["path"] == "/"
        assert cookie["expires"] == -1  # gone when the browser closes
        assert app.left_the_machine() == []
        # The tab's history: the blank page it started on, then the clean address. The
        # redirect left no entry with the secret to go back to.
        assert app.page.evaluate("history.length") == 2
        app.page.go_back()
        assert app.page.url == "about:blank"
    finally:
        app.close()


def unlock_attempt(app: AppPage, passphrase: str) -> None:
    app.type_into("Passphrase", passphrase)
    app.click("Unlock")


def test_a_guessing_storm_elsewhere_does_not_slow_the_real_browser(browser, app_url) -> None:
    """Another browser session guesses until its own wait is 8 s long; the person's
    browser, right after, unlocks at once. Before, one count per journal folder meant
    anyone who reached the lock screen could keep the person waiting a minute a try."""
    stranger = AppPage(browser, app_url)
    person = AppPage(browser, app_url)
    try:
        stranger.see("Welcome back")
        person.see("Welcome back")
        person.type_into("Passphrase", PASS)  # ready, so Unlock follows the storm at once
        for _ in range(3):
            unlock_attempt(stranger, "not my passphrase")
            stranger.see("does not open this journal")
        for wait in (1, 2, 4):  # each wrong try after the wait doubles it: 8 s now
            stranger.page.wait_for_timeout(wait * 1000 + 300)
            unlock_attempt(stranger, "still not it")
            stranger.see("does not open this journal")
        person.click("Unlock")
        person.see(HOME, timeout=8_000)
        assert "before trying again" not in person.page.locator("body").aria_snapshot()
        unlock_attempt(stranger, "and again")  # the stranger's own wait is still on
        stranger.see("before trying again.", timeout=3_000)
    finally:
        stranger.close()
        person.close()


def test_a_reload_keeps_the_browser_session_and_its_wait(browser, app_url: str) -> None:
    """Guesses from one real browser are still throttled, across reloads and tabs."""
    app = AppPage(browser, app_url)
    try:
        app.see("Welcome back")
        for _ in range(3):
            unlock_attempt(app, "not my passphrase")
            app.see("does not open this journal")
        for wait in (1, 2, 4):  # each wrong try after the wait doubles it: 8 s now
            app.page.wait_for_timeout(wait * 1000 + 300)
            unlock_attempt(app, "still not it")
            app.see("does not open this journal")
        app.page.reload()  # the same browser (its cookie), its page taken over or anew
        app.page.wait_for_selector(
            "flt-semantics-host flt-semantics", state="attached", timeout=60_000
        )
        app.see("Welcome back")
        unlock_attempt(app, PASS)  # within the 8-second wait: refused, not tried
        app.see("before trying again.", timeout=3_000)
        assert HOME not in app.page.locator("body").aria_snapshot()
        app.page.wait_for_timeout(8_300)
        unlock_attempt(app, PASS)
        app.see(HOME)
    finally:
        app.close()


def test_the_clean_address_alone_opens_nothing_in_a_new_browser(browser, app_url) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        answer = page.goto(origin_of(app_url) + "/")
        assert answer is not None and answer.status == 403
        assert page.content().count("flutter") == 0
        assert REFUSED_BODY.decode().strip() in page.inner_text("body")
    finally:
        context.close()


def test_the_browser_the_app_opens_gets_an_address_good_once(tmp_path: Path) -> None:
    """A browser started by the app keeps its address in its command line, which other
    users can read in the process list; by then that address opens nothing. The printed
    address (seen only in the person's terminal) still works."""
    opener = f"{sys.executable} -m tests.e2e.opener %s"
    with tempfile.TemporaryFile() as output:
        proc, url = start_app(tmp_path / "journal", output, env_extra={"BROWSER": opener})
        try:
            deadline = time.monotonic() + 60
            while not (said := re.search(rb"opener: .*", read_all(output))):
                assert time.monotonic() < deadline, read_all(output)
                time.sleep(0.3)
            line = said.group(0).decode()
            parts = urlsplit(url)
            printed = parse_qs(parts.query)[SECRET_PARAM][0]
            assert "first=303 cookie=True again=403" in line, line
            assert f"key={digest(printed)}" not in line  # a secret of its own
            assert probe.get(parts.port, parts.netloc, path=f"/?{parts.query}")[0] == 303
        finally:
            stop_app(proc)


def read_all(output) -> bytes:
    fd = output.fileno()
    return os.pread(fd, os.fstat(fd).st_size, 0)

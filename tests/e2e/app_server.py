"""The real app, served by `journal-app ui --web` on 127.0.0.1, and a page that drives it."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from journal_app.ui.launch import LOCALHOST, free_port

REPO = Path(__file__).resolve().parents[2]


def start_app(
    data_dir: Path,
    output,
    *,
    launcher: tuple[str, ...] = ("-m", "journal_app.cli"),
    tree: Path = REPO,
    env_extra: dict[str, str] | None = None,
) -> tuple[subprocess.Popen, str]:
    """Start the app as a person would (the CLI, web mode), its output going to the file
    ``output``; return the process and the address it printed (with this launch's
    secret: the only address that opens it) once it answers."""
    port = free_port(LOCALHOST)
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNAL_APP_")}
    env.update(BROWSER="true", JOURNAL_APP_DATA_DIR=str(data_dir))
    env.update(env_extra or {})  # may name a BROWSER of its own
    if tree != REPO:
        env["PYTHONPATH"] = str(tree)
    start = os.fstat(output.fileno()).st_size  # a file may hold an earlier launch's lines
    proc = subprocess.Popen(
        [sys.executable, *launcher, "ui", "--web", "--port", str(port)],
        cwd=tree,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while True:
        url = printed_address(output, port, start)
        if url and answers(port):
            return proc, url
        if proc.poll() is not None or time.monotonic() > deadline:
            stop_app(proc)
            output.seek(0)
            out = output.read().decode(errors="replace")
            raise RuntimeError(f"the app in {tree} did not start: {out}") from None
        time.sleep(0.3)


def printed_address(output, port: int, start: int = 0) -> str | None:
    """The address the app printed for the person ("…is running at URL (…)") after
    ``start`` in its output file, if it has printed it yet."""
    # pread: the app writes through the same open file, so moving its offset (seek) could
    # make the app write over what it wrote before.
    fd = output.fileno()
    text = os.pread(fd, max(0, os.fstat(fd).st_size - start), start).decode(errors="replace")
    found = re.search(rf"http://127\.0\.0\.1:{port}/\S*", text)
    return found.group(0) if found else None


def answers(port: int) -> bool:
    """Whether the server answers HTTP at all (a 403 without the secret is an answer)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        conn.request("HEAD", "/")
        conn.getresponse().read()
        return True
    except OSError:
        return False
    finally:
        conn.close()


def origin_of(url: str) -> str:
    """``http://host:port`` of an address (the printed one carries the secret)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def stop_app(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """End the app and everything it started (``sig``: SIGKILL for a process killed).

    A server that still holds a websocket whose client went without a word (the raw
    probes of test_web_own_page_only and test_web_secret) never ends on SIGTERM: uvicorn
    waits for the socket. Five seconds is ten times a normal stop, even on a busy
    machine; then it is killed, which every write in the app survives."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, sig)
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(15)


@contextmanager
def served_app(
    data_dir: Path,
    *,
    launcher: tuple[str, ...] = ("-m", "journal_app.cli"),
    tree: Path = REPO,
    env_extra: dict[str, str] | None = None,
) -> Iterator[str]:
    """Start the app as a person would (the CLI, web mode) and yield its address.

    The benchmarks reuse it: ``launcher`` serves through a tracing wrapper, ``tree`` runs
    another checkout of the app (its package first on the path) for an A/B comparison.
    """
    # The app's output goes to a file, not a pipe: nobody reads a pipe while the tests run,
    # and an app that wrote 64 KB (warnings, say) would block on it and stop answering.
    with tempfile.TemporaryFile() as output:
        proc, url = start_app(data_dir, output, launcher=launcher, tree=tree, env_extra=env_extra)
        try:
            yield url
        finally:
            stop_app(proc)


def nav_item(page, title: str):
    """The navigation's way to a screen: a rail destination on a wide window (a button
    Flutter names "Journal Tab 3 of 9"), a bottom bar tab on a phone ("Journal")."""
    rail = page.get_by_role("button", name=re.compile(rf"^{re.escape(title)}\s+Tab \d+ of \d+$"))
    return page.get_by_role("tab", name=title, exact=True).or_(rail)


class AppPage:
    """A browser tab on the app, once its accessibility tree is on."""

    def __init__(
        self,
        browser,
        url: str,
        width: int = 1280,
        height: int = 800,
        *,
        grant_clipboard: bool = False,
        zoom: float = 1,
        same_browser_as: AppPage | None = None,
    ) -> None:
        """A new browser session on ``url`` (its own cookies), or with ``same_browser_as``
        another tab of that one's browser session (its cookie, so no secret needed)."""
        self.owns_context = same_browser_as is None
        if same_browser_as is not None:
            self.context = same_browser_as.context
        else:
            # Browser zoom at ``zoom`` (2 = 200%): the window keeps its size in device
            # pixels, so the page gets 1/zoom as many CSS pixels, each drawn zoom times larger.
            self.context = browser.new_context(
                viewport={"width": round(width / zoom), "height": round(height / zoom)},
                device_scale_factor=zoom,
                accept_downloads=True,
            )
        if grant_clipboard:
            self.context.grant_permissions(
                ["clipboard-read", "clipboard-write"], origin=origin_of(url)
            )
        self.page = self.context.new_page()
        self.failed: list[tuple[str, str | None]] = []
        self.finished: list[str] = []
        self.page.on("requestfailed", lambda r: self.failed.append((r.url, r.failure)))
        self.page.on("requestfinished", lambda r: self.finished.append(r.url))
        self.page.goto(url)
        # Nobody presses Flutter's hidden "Enable accessibility" button: the app's page
        # switches the accessibility tree on by itself (web_server.SEMANTICS_ON_SCRIPT).
        self.page.wait_for_selector(
            "flt-semantics-host flt-semantics", state="attached", timeout=60_000
        )

    def textbox(self, name: str):
        return self.page.get_by_role("textbox", name=name)

    def type_into(self, name: str, text: str) -> None:
        """Replace a field's text, checking Flutter's input really received it."""
        box = self.textbox(name)
        self.reveal(box)
        for _ in range(5):
            with contextlib.suppress(PlaywrightTimeout):  # multi-line fields may not be "stable"
                box.first.click(timeout=3_000)
            box.first.focus()  # a click does not always reach Flutter's input after a re-render
            self.page.wait_for_timeout(250)
            if not (self._focused_label() or "").startswith(name):  # the label may carry a hint
                continue
            self.page.keyboard.press("Control+a")
            self.page.keyboard.type(text)
            self.page.wait_for_timeout(150)
            if self.page.evaluate("document.activeElement.value") == text:
                return
        raise AssertionError(f"could not type into the field {name!r}")

    def _focused_label(self) -> str | None:
        return self.page.evaluate(
            "document.activeElement && document.activeElement.getAttribute('aria-label')"
        )

    def reveal(self, locator) -> None:
        """Scroll Flutter's canvas (with the mouse wheel) until ``locator`` is on screen.

        A control that does not scroll (a tab in the navigation, at the window's edge) is
        as far in view as it gets once it is wholly in the window and three turns of the
        wheel have not moved it (three, then a short wait: under load the engine may
        redraw late); waiting out all forty
        turns there cost ~6 s per tab."""
        target = locator.first
        target.wait_for(state="attached", timeout=20_000)
        height = self.page.viewport_size["height"] if self.page.viewport_size else 800
        unmoved, last = 0, None
        for _ in range(40):
            box = target.bounding_box()
            if box and box["y"] >= 60 and box["y"] + box["height"] <= height - 90:
                return
            in_window = box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height
            unmoved = unmoved + 1 if in_window and box == last else 0
            if unmoved >= 3:
                self.page.wait_for_timeout(300)  # the last turn's redraw, if late
                return
            last = box
            direction = 1 if not box or box["y"] > height / 2 else -1
            self.page.mouse.move(self.page.viewport_size["width"] * 0.6, height / 2)
            self.page.mouse.wheel(0, 250 * direction)
            self.page.wait_for_timeout(150)

    def tap(self, locator) -> None:
        """Bring a control into view and click it."""
        self.reveal(locator)
        # force: a Material slider on screen lays an invisible overlay over the window, and
        # Flutter redraws keep nodes from counting as "stable"; the node is on screen.
        locator.first.click(force=True)
        self.page.wait_for_timeout(250)

    def nav(self, title: str):
        return nav_item(self.page, title)

    def go(self, title: str) -> None:
        """Open a screen from the navigation. Clicked where it is: the navigation never
        scrolls, and ``reveal`` would turn the wheel over the screen for a rail
        destination near the window's top edge."""
        self.nav(title).first.click(force=True)
        self.page.wait_for_timeout(700)

    def button(self, name: str):
        return self.page.get_by_role("button", name=name)

    def click(self, name: str) -> None:
        self.tap(self.button(name))

    def click_to_see(self, name: str, text: str, tries: int = 3) -> None:
        """Click button ``name`` until ``text`` shows. On a busy machine a click can land
        while the screen is still moving (a card just appeared above the button) and do
        nothing; a click that took replaces the button, so it is never pressed twice."""
        for _ in range(tries - 1):
            self.click(name)
            try:
                self.see(text, timeout=8_000)
                return
            except AssertionError:
                if self.button(name).count() == 0:
                    break  # it took, and is still on its way: wait for it below
        else:
            self.click(name)
        self.see(text)

    def see(self, text: str, timeout: float = 20_000) -> None:
        """Wait until ``text`` is in the accessibility tree (as text or as a name)."""
        deadline = time.monotonic() + timeout / 1000
        while time.monotonic() < deadline:
            if text in self.page.locator("body").aria_snapshot():
                return
            self.page.wait_for_timeout(300)
        shown = self.page.locator("body").aria_snapshot()[-1500:]
        raise AssertionError(f"never saw {text!r} on the screen; it showed:\n{shown}")

    def shot(self, path: Path) -> None:
        self.page.wait_for_timeout(600)
        self.page.screenshot(path=str(path))

    def left_the_machine(self) -> list[str]:
        """Requests that reached anything but this machine (CSP-blocked ones never do)."""
        local = ("http://127.0.0.1", "ws://127.0.0.1", "blob:", "data:")
        escaped = [u for u in self.finished if not u.startswith(local)]
        escaped += [u for u, why in self.failed if not u.startswith(local) and why != "csp"]
        return escaped

    def close(self) -> None:
        if self.owns_context:
            self.context.close()
        else:
            self.page.close()

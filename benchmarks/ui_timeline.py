"""Where a step's time goes in the browser: the tap, the socket, Flutter.

Usage: python -m benchmarks.ui_timeline [--years 10] [--tabs Journal Goals ...] [--passes 2]

``benchmarks.ui`` gives one figure per step; this splits it. The page is given a small
script before the app loads (nothing of the app is changed) that notes, on the page's
own clock, the pointer going down, every message over the app's websocket (out to the
server and in from it, with its size) and the moment the step's text is in the
accessibility tree. For each tab change it prints, in milliseconds from the tap:

- ``out``: Flutter tells the server of the tab change (before the tab bar stopped sliding
  its indicator, this came ~120 ms after the tap);
- ``in``: the server's answer arrives (the Python handler, the diff, the socket);
- ``seen``: the new screen is in the accessibility tree (Flutter's rebuild).

Like every benchmark it asserts nothing; the machine may be busy.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.ui import TABS

NOTE_EVENTS = """
window.__log = [];
const RealWebSocket = window.WebSocket;
const size = d => d.size || d.byteLength || d.length || 0;
window.WebSocket = class extends RealWebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener('message',
      e => window.__log.push(['in', performance.now(), size(e.data)]));
  }
  send(d) { window.__log.push(['out', performance.now(), size(d)]); return super.send(d); }
};
window.addEventListener('pointerdown',
  () => window.__log.push(['tap', performance.now(), 0]), true);
"""

# Resolves once ``t`` is in the accessibility tree, noting when (checked on every frame).
SEEN = """t => new Promise(done => {
  const check = () => {
    const host = document.querySelector('flt-semantics-host');
    const names = host ? [...host.querySelectorAll('[aria-label]')]
      .map(e => e.getAttribute('aria-label')).join(' ') : '';
    if (host && ((host.textContent || '') + names).includes(t)) {
      window.__log.push(['seen', performance.now(), 0]);
      done(true);
    } else requestAnimationFrame(check);
  };
  check();
})"""


def timeline(log: list[list[Any]]) -> str:
    """``out@2/33 in@62/15281 seen@176``: each event after the tap, with its size."""
    start = next(t for kind, t, _ in log if kind == "tap")
    return " ".join(
        f"{kind}@{t - start:.0f}" + (f"/{n}" if n else "")
        for kind, t, n in log
        if t >= start and kind != "tap"
    )


def run(years: int, tabs: list[str], passes: int) -> list[str]:
    from playwright.sync_api import sync_playwright

    from benchmarks import ui
    from tests.e2e.app_server import AppPage, nav_item, served_app
    from tests.e2e.conftest import CHROMIUM_ARGS, chromium_path

    marks = {tab: last or mark for tab, mark, last in TABS}
    lines = []
    with tempfile.TemporaryDirectory(prefix="tj-bench-timeline-") as raw, sync_playwright() as p:
        folder = Path(raw) / "journal"
        ui.write_journal(folder, years)
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            with served_app(folder) as url:
                app = AppPage(browser, url)
                page = app.page
                page.add_init_script(NOTE_EVENTS)
                page.reload()
                ui.unlock(app)
                for n in range(passes):
                    for tab in tabs:
                        ui.to_top(page)
                        page.wait_for_timeout(800)
                        page.evaluate("() => { window.__log = []; }")
                        box = nav_item(page, tab).first.bounding_box()
                        if box is None:
                            raise SystemExit(f"no {tab!r} tab on the page")
                        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
                        page.evaluate(SEEN, marks[tab])
                        page.wait_for_timeout(300)  # the messages that follow the screen
                        events = page.evaluate("() => window.__log")
                        lines.append(f"pass {n + 1}, {tab}: {timeline(events)}")
                        print(lines[-1], file=sys.stderr, flush=True)
                app.close()
        finally:
            browser.close()
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.ui_timeline", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--tabs", nargs="+", default=[tab for tab, _, _ in TABS])
    parser.add_argument("--passes", type=int, default=2)
    args = parser.parse_args(argv)
    print("\n".join(run(args.years, args.tabs, args.passes)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

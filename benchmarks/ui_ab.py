"""Two versions of the app side by side in Chromium: ``benchmarks.ui``'s steps, alternating.

Usage: python -m benchmarks.ui_ab BEFORE_TREE AFTER_TREE [--years 10] [--rounds 3]

Each tree is a checkout of the app (``git archive <commit> | tar -x -C DIR`` makes one).
One journal is written per size; then each round serves it from one tree and then the
other (the order swapped every round), runs one untimed visit to warm the server and one
timed visit, so the machine's load falls on both alike. Prints the medians of each step
for both and the ratio after ÷ before. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ui_ab")
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--years", type=int, nargs="+", default=[10])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from benchmarks import ui
    from tests.e2e.app_server import served_app
    from tests.e2e.conftest import CHROMIUM_ARGS, chromium_path

    trees = {"before": args.before.resolve(), "after": args.after.resolve()}
    print(f"load average at start: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="tj-bench-ab-") as raw, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            for years in args.years:
                folder = Path(raw) / f"journal-{years}y"
                ui.write_journal(folder, years)
                runs: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
                for n in range(args.rounds):
                    order = ["before", "after"] if n % 2 == 0 else ["after", "before"]
                    for name in order:
                        with served_app(folder, tree=trees[name]) as url:
                            ui.one_round(browser, url, 100 + n)
                            runs[name].append(ui.one_round(browser, url, 200 + n))
                        print(f"  {years} y round {n + 1} {name}: " + ", ".join(
                            f"{k} {v:.0f}" for k, v in runs[name][-1].items()
                        ), file=sys.stderr, flush=True)  # fmt: skip
                print(f"\n{years} years, {args.rounds} rounds each, alternating; medians (ms)")
                print("| step | before | after | after ÷ before |\n| --- | ---: | ---: | ---: |")
                for step in runs["before"][0]:
                    b = statistics.median(r[step] for r in runs["before"])
                    a = statistics.median(r[step] for r in runs["after"])
                    print(f"| {step} | {b:,.0f} | {a:,.0f} | {a / b:.2f} |")
        finally:
            browser.close()
    print(f"load average at end: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

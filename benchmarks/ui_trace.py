"""Where the app's time goes on each step of ``benchmarks.ui``: the server's side.

Usage: python -m benchmarks.ui_trace [--years 10] [--out benchmarks/results]

The app is served as in ``benchmarks.ui`` but from this module, which first wraps three
of Flet's internals (nothing of the app is changed):

- every event handler (``BaseControl._trigger_event``) runs under ``cProfile``, and its
  wall time is kept;
- every patch (``Session.patch_control``): the time to diff the tree and the number of
  controls it added (the size of the control tree sent);
- every message to the browser: its size in bytes (msgpack, as sent).

One warm round and one traced round of ``benchmarks.ui`` are run; for each step the
handlers that ran, their time, the diff time, the controls added and the bytes sent are
printed, with the app's own functions that took longest (cumulative). It writes
``ui_trace.md``. Like every benchmark it asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TRACE_ENV = "TJ_BENCH_TRACE_FILE"  # read only by this module's server, never by the app


def _top_functions(prof: cProfile.Profile, limit: int = 12) -> list[str]:
    """The app's functions (and Flet's diff) with the most cumulative time."""
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    rows = []
    for (file, line, name), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if "journal_app" in file or "object_patch" in file or "msgpack" in name:
            short = file.split("site-packages/")[-1].split("journal_app/")[-1]
            rows.append((ct, f"{ct * 1000:7.1f} ms  {short}:{line} {name}"))
    rows.sort(reverse=True)
    return [r for _, r in rows[:limit]]


def install(trace_file: Path) -> None:
    """Wrap Flet's event dispatch, patching and sending so each handler is measured."""
    from flet.controls.base_control import BaseControl
    from flet.messaging.session import Session

    current: dict[str, Any] = {}

    import flet_web.fastapi.flet_app as flet_app

    real_msgpack = flet_app.msgpack

    class CountingMsgpack:
        """msgpack as Flet's web server uses it, counting the bytes each message takes."""

        def __getattr__(self, name: str) -> Any:
            return getattr(real_msgpack, name)

        @staticmethod
        def packb(*args: Any, **kwargs: Any) -> bytes:
            body = real_msgpack.packb(*args, **kwargs)
            if current:
                current["bytes"] += len(body) + 1
                current["messages"] += 1
            return body

    original_patch = Session.patch_control

    def patch_control(self: Any, control: Any, *args: Any, **kwargs: Any) -> None:
        start = time.perf_counter()
        before = len(getattr(self, "_Session__index", {}))
        original_patch(self, control, *args, **kwargs)
        if current:
            current["patch_ms"] += (time.perf_counter() - start) * 1000
            current["patches"].append(type(control).__name__)
            current["index_growth"] += len(getattr(self, "_Session__index", {})) - before

    original_get = Session._Session__get_update_control_patch  # type: ignore[attr-defined]

    def get_patch(self: Any, *args: Any, **kwargs: Any) -> Any:
        got = original_get(self, *args, **kwargs)
        if current:
            current["added"] += len(got[1])
            current["removed"] += len(got[2])
        return got

    original_trigger = BaseControl._trigger_event

    async def trigger(self: Any, event_name: str, event_data: Any) -> Any:
        if current:  # an event inside an event: counted in the outer one
            return await original_trigger(self, event_name, event_data)
        current.update(
            bytes=0, messages=0, patch_ms=0.0, patches=[], added=0, removed=0, index_growth=0
        )
        prof = cProfile.Profile()
        start = time.perf_counter()
        prof.enable()
        try:
            return await original_trigger(self, event_name, event_data)
        finally:
            prof.disable()
            record = {
                "event": f"{type(self).__name__}.{event_name}",
                "ms": round((time.perf_counter() - start) * 1000, 1),
                **{k: (round(v, 1) if isinstance(v, float) else v) for k, v in current.items()},
                "top": _top_functions(prof),
            }
            current.clear()
            with trace_file.open("a", encoding="utf-8") as f:
                f.write(json.dumps(record) + "\n")

    flet_app.msgpack = CountingMsgpack()  # type: ignore[assignment]
    Session.patch_control = patch_control  # type: ignore[method-assign]
    Session._Session__get_update_control_patch = get_patch  # type: ignore[attr-defined]
    BaseControl._trigger_event = trigger  # type: ignore[method-assign]


def serve(argv: list[str]) -> None:
    """The app as ``journal-app ui --web``, traced."""
    install(Path(os.environ[TRACE_ENV]))
    from journal_app.main import main

    sys.argv = [sys.argv[0], *argv]
    main()


def traced_app(data_dir: Path, trace_file: Path):
    """tests/e2e/app_server.served_app, with this module's server."""
    from tests.e2e.app_server import served_app

    return served_app(
        data_dir,
        launcher=("-m", "benchmarks.ui_trace", "--serve"),
        env_extra={TRACE_ENV: str(trace_file)},
    )


def run(years: int, out: Path) -> str:
    from playwright.sync_api import sync_playwright

    from benchmarks import ui
    from tests.e2e.conftest import CHROMIUM_ARGS, chromium_path

    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="tj-bench-trace-") as raw, sync_playwright() as p:
        tmp = Path(raw)
        trace = tmp / "trace.jsonl"
        trace.touch()
        folder = tmp / "journal"
        entries = ui.write_journal(folder, years)
        lines.append(f"# Server side of each step, {years} years ({entries:,} entries)\n")
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        seen = [0]
        original_timed = ui.timed

        def take(label: str) -> None:
            time.sleep(0.8)  # let the last handlers finish (not timed)
            records = [json.loads(x) for x in trace.read_text().splitlines()[seen[0] :]]
            seen[0] += len(records)
            if not tracing[0]:
                return
            lines.append(f"## {label}\n")
            for r in records:
                lines.append(
                    f"- {r['event']}: {r['ms']} ms in the handler (patches {r['patch_ms']} ms: "
                    f"{', '.join(r['patches']) or 'none'}), {r['added']} controls added, "
                    f"{r['removed']} removed, {r['bytes']:,} bytes in {r['messages']} messages"
                )
                lines.extend(f"    {t}" for t in r["top"])
            lines.append("")

        def timed(page: Any, act: Any, text: str) -> float:
            take(f"(between steps, before {text!r})")
            ms = original_timed(page, act, text)
            take(f"{text!r}: {ms:.0f} ms in the browser")
            return ms

        original_unlock = ui.unlock

        def unlock(app: Any) -> float:
            take("(page load)")
            ms = original_unlock(app)
            take(f"unlock → home: {ms:.0f} ms in the browser")
            return ms

        tracing = [False]
        ui.timed = timed  # type: ignore[assignment]
        ui.unlock = unlock  # type: ignore[assignment]
        try:
            with traced_app(folder, trace) as url:
                ui.one_round(browser, url, 0)
                tracing[0] = True
                ui.one_round(browser, url, 1)
        finally:
            ui.timed, ui.unlock = original_timed, original_unlock  # type: ignore[assignment]
            browser.close()
    report = "\n".join(lines)
    out.mkdir(parents=True, exist_ok=True)
    (out / "ui_trace.md").write_text(report + "\n", encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--serve"]:
        serve(argv[1:])
        return 0
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ui_trace")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--out", type=Path, default=HERE / "results")
    args = parser.parse_args(argv)
    print(run(args.years, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

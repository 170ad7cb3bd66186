"""How the app holds up after 1, 3, 10 and 30 years of daily journaling.

Usage: python -m benchmarks.run [--years 1,3,10,30] [--runs N] [--out benchmarks/results]

For each size it writes a synthetic journal (``benchmarks.synthetic.populate``: daily
~300-word entries with anxiety, tags and feelings, weekly GAD-7/PHQ-9 check-ins, a
profile, goals, a shortlist) into a temporary folder, then measures in-process with
``time.perf_counter``: unlock (key derivation and the rest), the home screen's data, adding
one durable entry, searching, the consultation review, exporting everything to a bundle,
peak memory and the size on disk. It prints a Markdown table beside the targets and writes
``latest.json`` and ``latest.md`` to the output folder. It asserts nothing: machines are
noisy, and the figures are for reading (see benchmarks/README.md).

Each size runs in two child processes: one writes the journal, the other measures it, so
the measuring process's peak memory is the app's, not the generator's. Peak memory is the
measuring child's peak resident set size as the kernel reports it (``os.wait4``'s rusage,
the per-child form of ``RUSAGE_CHILDREN``'s ``ru_maxrss``), Argon2id's 64 MiB included.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

PASSPHRASE = "bench lantern orbit 42"
BUNDLE_PASSPHRASE = "maple quartz harbor violin 17"
DATA = "journal"
DEFAULT_YEARS = (1, 3, 10, 30)
DEFAULT_RUNS = 10
# Realistic searches over the synthetic text: one common word, two words that must both
# appear, and one word no entry holds (the worst case: every entry is read to the end).
QUERIES = ("insurance", "evening telehealth", "breathing helped", "voicemail")
TARGETS = {
    "add_p95_ms": 10.0,
    "search_p95_ms": 20.0,
    "unlock_minus_kdf_ms": 100.0,
    "export_s": 2.0,
    "peak_rss_mb": 150.0,
    "add_ratio": 1.5,
}


# --- small helpers --------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation between closest ranks."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def summary_ms(seconds: list[float]) -> dict[str, Any]:
    ms = [s * 1000 for s in seconds]
    return {
        "runs": len(ms),
        "p50_ms": round(statistics.median(ms), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "min_ms": round(min(ms), 2),
        "max_ms": round(max(ms), 2),
    }


def within(runs: int, budget_s: float, min_runs: int = 3) -> Iterator[int]:
    """0, 1, ... up to ``runs``, stopping early once ``budget_s`` is spent and at least
    ``min_runs`` are done, so a slow step at 30 years cannot stretch the run for ever."""
    start = time.perf_counter()
    for n in range(runs):
        if n >= min_runs and time.perf_counter() - start > budget_s:
            return
        yield n


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = round(int(line.split()[1]) * 1024 / 1e9, 1)
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "cpu": cpu,
        "cores": usable,
        "logical_cpus": os.cpu_count(),
        "ram_gb": ram_gb,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "os": platform.platform(),
    }


# --- child 1: write the journal ------------------------------------------------------------


def generate(data_dir: Path, years: int) -> dict[str, Any]:
    """Create a vault and fill it with ``years`` of synthetic journaling, ending today."""
    from benchmarks.synthetic import populate
    from journal_app.core.records import Entry
    from journal_app.storage.repository import open_repository
    from journal_app.storage.vault import Vault

    start = time.perf_counter()
    Vault.create(data_dir, PASSPHRASE).close()
    with open_repository(data_dir, PASSPHRASE) as repo:
        populate(repo, years, today=date.today())
        records = repo.count_all()
        entries = repo.count(Entry)
    return {
        "generate_s": round(time.perf_counter() - start, 2),
        "records": records,
        "entries": entries,
        "vault_bytes": folder_bytes(data_dir),
        "files": sorted(str(p.relative_to(data_dir)) for p in data_dir.rglob("*") if p.is_file()),
    }


# --- child 2: measure it -------------------------------------------------------------------


def kdf_params(data_dir: Path):
    """The Argon2id parameters stored in this vault's key file."""
    from journal_app.storage import keyfile
    from journal_app.storage.sealed import parse
    from journal_app.storage.vault import KEY_FILE

    header = parse((data_dir / KEY_FILE).read_bytes(), keyfile.KEY_MAGIC, "key").header
    return keyfile.KdfParams.from_header(header["kdf"])


class KdfClock:
    """Times every call of ``keyfile.derive_kek`` while installed, to split an unlock."""

    def __init__(self) -> None:
        from journal_app.storage import keyfile

        self.module = keyfile
        self.original = keyfile.derive_kek
        self.spent = 0.0
        self.calls = 0

    def __enter__(self) -> KdfClock:
        def derive_kek(*args: Any, **kwargs: Any) -> bytes:
            start = time.perf_counter()
            try:
                return self.original(*args, **kwargs)
            finally:
                self.spent += time.perf_counter() - start
                self.calls += 1

        self.module.derive_kek = derive_kek
        return self

    def __exit__(self, *exc: object) -> None:
        self.module.derive_kek = self.original


def measure(data_dir: Path, runs: int) -> dict[str, Any]:
    """Every figure for one journal. Runs in its own process (see ``main``)."""
    from journal_app.app.profile import current_profile
    from journal_app.core.journal import EntryQuery, search_entries
    from journal_app.core.records import Entry
    from journal_app.core.review import build_review
    from journal_app.core.sharing import SECTIONS, ShareSelection, build_preview
    from journal_app.share.bundle import build_bundle
    from journal_app.storage import keyfile
    from journal_app.storage.repository import open_repository

    out: dict[str, Any] = {}
    today = date.today()
    peak: dict[str, float] = {}  # this process's peak RSS so far, after each step

    def mark(step: str) -> None:
        peak[step] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6, 1)

    mark("start")

    # Unlock, split: the key derivation alone (with the file's own parameters), then the
    # whole of open_repository + reading every record, with the derivation inside it timed.
    params = kdf_params(data_dir)
    kdf = [timed(lambda: keyfile.derive_kek(PASSPHRASE, params))[0] for _ in within(runs, 15)]
    unlock, rest = [], []
    for _ in within(runs, 20):
        with KdfClock() as clock:
            start = time.perf_counter()
            with open_repository(data_dir, PASSPHRASE) as repo:
                repo.count_all()
                spent = time.perf_counter() - start
        unlock.append(spent)
        # If the storage layer stops calling derive_kek, fall back to the separate timing.
        rest.append(spent - (clock.spent if clock.calls else statistics.median(kdf)))
    out["kdf"] = summary_ms(kdf)
    out["unlock_total"] = summary_ms(unlock)
    out["unlock_minus_kdf"] = summary_ms(rest)
    out["unlock_split_by"] = "in-unlock derive_kek timing" if clock.calls else "separate KDF"
    mark("unlock")
    # The same, then every entry read into records: since snapshots keep each table's
    # JSON apart and decode it on first use, count_all no longer decodes the entries;
    # this is what unlocking cost before that (and what `entry list` pays).
    read_all = []
    for _ in within(runs, 20):
        with KdfClock() as clock:
            start = time.perf_counter()
            with open_repository(data_dir, PASSPHRASE) as repo:
                repo.count_all()
                repo.all(Entry)
                spent = time.perf_counter() - start
        read_all.append(spent - (clock.spent if clock.calls else statistics.median(kdf)))
    out["unlock_read_entries_minus_kdf"] = summary_ms(read_all)
    mark("unlock_read_entries")

    # First screen: the home screen's data on a freshly unlocked session.
    out["first_screen"] = first_screen(data_dir, runs)
    mark("first_screen")

    with open_repository(data_dir, PASSPHRASE) as repo:
        # Search, the way the UI and `entry list --search` do it: read entries, then match.
        per_query: dict[str, dict[str, Any]] = {}
        search_all: list[float] = []
        for words in QUERIES:
            query = EntryQuery(words=words)
            times = []
            for _ in within(3 * runs, 10):
                spent, found = timed(lambda q=query: search_entries(repo.all(Entry), q))
                times.append(spent)
            per_query[words] = {
                **summary_ms(times),
                "first_ms": round(times[0] * 1000, 2),  # before its answer is remembered
                "matches": len(found),
            }
            search_all += times
        out["search"] = {**summary_ms(search_all), "queries": per_query}
        mark("search")
        # The same searches over entries already in memory, as the journal screen holds
        # them: the matching alone, without reading the records.
        loaded = repo.all(Entry)
        in_memory = []
        for words in QUERIES:
            query = EntryQuery(words=words)
            for _ in within(3 * runs, 5):
                in_memory.append(timed(lambda q=query: search_entries(loaded, q))[0])
        out["search_loaded"] = summary_ms(in_memory)
        loaded.clear()

        # Consultation review, profile included (the review screen derives it each time).
        review = [
            timed(lambda: build_review(repo, current_profile(repo), today=today))[0]
            for _ in within(runs, 15)
        ]
        out["review"] = summary_ms(review)
        mark("review")

        # Export everything: a preview with every section, then the encrypted bundle.
        selection = ShareSelection(sections=tuple(SECTIONS), recipient="Dr. Benchmark")

        def export() -> int:
            preview = build_preview(repo, current_profile(repo), selection, today=today)
            return build_bundle(preview, BUNDLE_PASSPHRASE, datetime.now(UTC)).size

        times, sizes = [], []
        for _ in within(max(3, runs // 2), 60, min_runs=2):
            spent, size = timed(export)
            times.append(spent)
            sizes.append(size)
        out["export"] = {**summary_ms(times), "bundle_bytes": sizes[-1]}
        mark("export")

    # The adds, last, so the other figures see the generated journal.
    out.update(measure_adds(data_dir, runs))
    mark("add")
    out["peak_rss_mb_after_step"] = peak
    out["vault_bytes_after"] = folder_bytes(data_dir)
    return out


class NextDay:
    """A vault clock that moves on a day before each change, so each is the day's first
    (and takes the day's backup)."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self) -> None:
        self.now += timedelta(days=1)


def measure_adds(data_dir: Path, runs: int) -> dict[str, Any]:
    """One durable entry added, again and again on the same day ("add"), then each on a
    new day ("first_add_of_day": the day's backup of the sealed files is part of it)."""
    from benchmarks.synthetic import WORDS
    from journal_app.core.journal import EntryDraft, add_entry
    from journal_app.storage.repository import Repository, open_repository
    from journal_app.storage.vault import Vault

    text = (" ".join(WORDS[i % len(WORDS)] for i in range(300))).capitalize() + "."

    def add(repo: Repository, n: int, label: str) -> float:
        draft = EntryDraft(
            text=text, anxiety=n % 11, tags=["search", "calls"], feelings=["anxious"]
        )
        return timed(
            lambda: add_entry(
                repo, draft, record_id=f"bench-{label}-{n:04d}", now=datetime.now(UTC)
            )
        )[0]

    out: dict[str, Any] = {}
    with open_repository(data_dir, PASSPHRASE) as repo:
        add(repo, 0, "warm")  # today's backup, if due, is not one of the same-day adds
        out["add"] = summary_ms([add(repo, n, "add") for n in within(5 * runs, 20)])
    clock = NextDay()
    repo = Repository(Vault.unlock(data_dir, PASSPHRASE, clock=clock))
    try:
        firsts = []
        for n in within(runs, 30):
            clock.advance()
            # A day apart, the system has long since written the last day's copy to disk;
            # without this each timed add would wait behind the copies before it.
            os.sync()
            firsts.append(add(repo, n, "first"))
        backups = repo.vault.backups.list()
    finally:
        repo.close()
    out["first_add_of_day"] = {**summary_ms(firsts), "backup_bytes": backups[0].size}
    return out


def first_screen(data_dir: Path, runs: int) -> dict[str, Any]:
    """HomeController(session).state() right after unlocking, and unlock-to-screen total."""
    try:
        from journal_app.app.session import AppSession
        from journal_app.ui.controllers.home import HomeController
    except ImportError as exc:
        return first_screen_core(data_dir, runs, reason=str(exc))
    state, total = [], []
    for _ in within(runs, 20):
        session = AppSession(data_dir)
        start = time.perf_counter()
        session.unlock(PASSPHRASE)
        ready = time.perf_counter()
        HomeController(session).state()
        done = time.perf_counter()
        session.lock()
        state.append(done - ready)
        total.append(done - start)
    return {
        "how": "HomeController(AppSession).state() on a freshly unlocked session",
        "state": summary_ms(state),
        "unlock_to_screen": summary_ms(total),
    }


def first_screen_core(data_dir: Path, runs: int, reason: str) -> dict[str, Any]:
    """Without the UI package: build_review plus the newest entries, as the home screen needs."""
    from journal_app.app.profile import current_profile
    from journal_app.core.journal import EntryQuery, search_entries
    from journal_app.core.records import Entry
    from journal_app.core.review import build_review
    from journal_app.storage.repository import open_repository

    state, total = [], []
    for _ in within(runs, 20):
        start = time.perf_counter()
        with open_repository(data_dir, PASSPHRASE) as repo:
            repo.count_all()
            ready = time.perf_counter()
            build_review(repo, current_profile(repo), today=date.today())
            search_entries(repo.all(Entry), EntryQuery(limit=20))
            done = time.perf_counter()
        state.append(done - ready)
        total.append(done - start)
    return {
        "how": f"build_review + entry list (journal_app.ui unavailable: {reason})",
        "state": summary_ms(state),
        "unlock_to_screen": summary_ms(total),
    }


# --- the parent: one size at a time --------------------------------------------------------


def child(args: list[str]) -> tuple[dict[str, Any], int]:
    """Run this module as a child; return its JSON answer and its peak RSS in KiB."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as answer:
        answer_path = Path(answer.name)
    try:
        cmd = [sys.executable, "-m", "benchmarks.run", *args, "--answer", str(answer_path)]
        proc = subprocess.Popen(cmd, cwd=Path(__file__).resolve().parent.parent)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise SystemExit(f"benchmark child failed ({proc.returncode}): {' '.join(args)}")
        return json.loads(answer_path.read_text()), usage.ru_maxrss
    finally:
        answer_path.unlink(missing_ok=True)


def one_size(years: int, runs: int, step: str = "measure") -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix=f"tj-bench-{years}y-") as tmp:
        data_dir = Path(tmp) / DATA
        made, gen_rss = child(
            ["--child", "generate", "--dir", str(data_dir), "--years", str(years)]
        )
        print(
            f"  {years} years: {made['entries']} entries, {made['vault_bytes'] / 1e6:.1f} MB, "
            f"written in {made['generate_s']:.1f} s; measuring...",
            file=sys.stderr,
            flush=True,
        )
        start = time.perf_counter()
        figures, rss_kib = child(["--child", step, "--dir", str(data_dir), "--runs", str(runs)])
        figures["measure_s"] = round(time.perf_counter() - start, 1)
    return {
        "years": years,
        **made,
        **figures,
        "peak_rss_mb": round(rss_kib * 1024 / 1e6, 1),
        "generator_peak_rss_mb": round(gen_rss * 1024 / 1e6, 1),
    }


# --- the report ----------------------------------------------------------------------------


def _fmt_ms(value: float) -> str:
    return f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms"


def _mark(value: float, limit: float | None) -> str:
    return "" if limit is None or value <= limit else " ✗"


def table(results: list[dict[str, Any]], info: dict[str, Any], runs: int) -> str:
    base = next((r for r in results if r["years"] == 1), results[0])
    rows: list[tuple[str, Callable[[dict[str, Any]], str], str]] = [
        ("entries (records in all)", lambda r: f"{r['entries']:,} ({r['records']:,})", ""),
        ("vault on disk, all files", lambda r: f"{r['vault_bytes'] / 1e6:.1f} MB", ""),
        ("key derivation (Argon2id), p50", lambda r: _fmt_ms(r["kdf"]["p50_ms"]), ""),
        (
            "unlock minus key derivation, p50",
            lambda r: _fmt_ms(r["unlock_minus_kdf"]["p50_ms"])
            + _mark(r["unlock_minus_kdf"]["p50_ms"], TARGETS["unlock_minus_kdf_ms"]),
            "≤ 100 ms",
        ),
        ("unlock and read every entry, minus key derivation, p50",
         lambda r: _fmt_ms(r["unlock_read_entries_minus_kdf"]["p50_ms"])
         if "unlock_read_entries_minus_kdf" in r else "–", ""),
        ("unlock in all (incl. KDF, decrypts every record), p50",
         lambda r: _fmt_ms(r["unlock_total"]["p50_ms"]), ""),
        ("first screen's data ready (after unlock), p50",
         lambda r: _fmt_ms(r["first_screen"]["state"]["p50_ms"]), ""),
        ("unlock to first screen in all, p50",
         lambda r: _fmt_ms(r["first_screen"]["unlock_to_screen"]["p50_ms"]), ""),
        ("add one durable entry, p50", lambda r: _fmt_ms(r["add"]["p50_ms"]), ""),
        ("first add of the day (the day's backup with it), p50",
         lambda r: _fmt_ms(r["first_add_of_day"]["p50_ms"]) if "first_add_of_day" in r else "–",
         ""),
        (
            "add one durable entry, p95",
            lambda r: _fmt_ms(r["add"]["p95_ms"])
            + _mark(r["add"]["p95_ms"], TARGETS["add_p95_ms"]),
            "≤ 10 ms",
        ),
        (
            f"add p50 ÷ add p50 at {base['years']} year(s)",
            lambda r: f"{r['add']['p50_ms'] / base['add']['p50_ms']:.2f}×"
            + _mark(r["add"]["p50_ms"] / base["add"]["p50_ms"], TARGETS["add_ratio"]),
            "≤ 1.5× (at 30 years)",
        ),
        ("search, p50", lambda r: _fmt_ms(r["search"]["p50_ms"]), ""),
        (
            "search, p95",
            lambda r: _fmt_ms(r["search"]["p95_ms"])
            + _mark(r["search"]["p95_ms"], TARGETS["search_p95_ms"]),
            "≤ 20 ms",
        ),
        ("search, a query's first run, slowest (the very first reads every entry)",
         lambda r: _fmt_ms(max(q.get("first_ms", 0) for q in r["search"]["queries"].values())),
         ""),
        ("search over entries already in memory, p95",
         lambda r: _fmt_ms(r["search_loaded"]["p95_ms"]), ""),
        ("consultation review, p50", lambda r: _fmt_ms(r["review"]["p50_ms"]), ""),
        (
            "export everything to a bundle, p50",
            lambda r: f"{r['export']['p50_ms'] / 1000:.2f} s"
            + _mark(r["export"]["p50_ms"] / 1000, TARGETS["export_s"]),
            "≤ 2 s",
        ),
        ("bundle size", lambda r: f"{r['export']['bundle_bytes'] / 1e6:.1f} MB", ""),
        (
            "peak memory (RSS of the measuring process)",
            lambda r: f"{r['peak_rss_mb']:.0f} MB"
            + _mark(r["peak_rss_mb"], TARGETS["peak_rss_mb"]),
            "≤ 150 MB",
        ),
    ]  # fmt: skip
    head = ["figure", *(f"{r['years']} y" for r in results), "target"]
    lines = [
        "| " + " | ".join(head) + " |",
        "| --- |" + " ---: |" * len(results) + " --- |",
    ]
    for label, cell, target in rows:
        lines.append("| " + " | ".join([label, *(cell(r) for r in results), target]) + " |")
    how = results[0]["first_screen"]["how"]
    split = results[0]["unlock_split_by"]
    return "\n".join(
        [
            f"Machine: {info['cpu']}, {info['cores']} cores, {info['ram_gb']} GB RAM, "
            f"Python {info['python']} ({info['os']}); load average before the run "
            f"{info['load_average'][0]:.2f}, after {info['load_after'][0]:.2f}",
            f"Run: {info['when']}, --runs {runs}: up to {runs} runs of each slow step, "
            f"{5 * runs} adds, {3 * runs} searches per query × {len(QUERIES)} queries, "
            f"{max(3, runs // 2)} exports; fewer (at least 3, exports 2) where a step passes its "
            "time budget (the JSON has each count)",
            "",
            *lines,
            "",
            "✗ marks a figure over its target. First screen: "
            + how
            + ". Unlock split: "
            + split
            + ". Search: search_entries(repo.all(Entry), EntryQuery(words=…)) for "
            + ", ".join(f"'{q}'" for q in QUERIES)
            + ". Peak memory: the measuring child's "
            "ru_maxrss from os.wait4 (Argon2id's 64 MiB included; the JSON's "
            "peak_rss_mb_after_step shows which step raised it). MB = 10^6 bytes.",
        ]
    )


def adds_table(results: list[dict[str, Any]], info: dict[str, Any], runs: int) -> str:
    """The ``--adds-only`` report: a durable add on the same day, and the day's first."""
    head = ["median (p95)", *(f"{r['years']} y" for r in results)]
    rows = [
        ("entries", lambda r: f"{r['entries']:,}"),
        ("add one durable entry", lambda r: f"{_fmt_ms(r['add']['p50_ms'])} "
         f"({_fmt_ms(r['add']['p95_ms'])})"),
        ("first add of the day (with the day's backup)",
         lambda r: f"{_fmt_ms(r['first_add_of_day']['p50_ms'])} "
         f"({_fmt_ms(r['first_add_of_day']['p95_ms'])})"),
        ("one backup on disk", lambda r: f"{r['first_add_of_day']['backup_bytes'] / 1e6:.1f} MB"),
    ]  # fmt: skip
    lines = ["| " + " | ".join(head) + " |", "| --- |" + " ---: |" * len(results)]
    lines += [
        "| " + " | ".join([label, *(cell(r) for r in results)]) + " |" for label, cell in rows
    ]
    return "\n".join(
        [
            f"Machine: {info['cpu']}, {info['cores']} cores, {info['ram_gb']} GB RAM, "
            f"Python {info['python']}; load average before {info['load_average'][0]:.2f}, "
            f"after {info['load_after'][0]:.2f}; {info['when']}; {5 * runs} same-day adds, "
            f"{runs} first adds of a day (each a day after the last)",
            "",
            *lines,
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--years",
        default=",".join(map(str, DEFAULT_YEARS)),
        help="journal sizes in years, comma-separated (default 1,3,10,30)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=DEFAULT_RUNS,
        help="repetitions of each slow step (adds: 5x, searches: 3x per query)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent / "results",
        help="folder for latest.json and latest.md",
    )
    parser.add_argument(
        "--adds-only",
        action="store_true",
        help="only the two add figures (same day, and first of the day), for a quick look",
    )
    parser.add_argument("--child", choices=["generate", "measure", "adds"], help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--answer", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child == "generate":
        args.answer.write_text(json.dumps(generate(args.dir, int(args.years))))
        return 0
    if args.child == "measure":
        args.answer.write_text(json.dumps(measure(args.dir, args.runs)))
        return 0
    if args.child == "adds":
        args.answer.write_text(json.dumps(measure_adds(args.dir, args.runs)))
        return 0

    years = sorted({int(y) for y in args.years.split(",") if y.strip()})
    if not years or min(years) < 1 or args.runs < 1:
        parser.error("--years needs whole numbers of at least 1, and --runs at least 1")
    info = {**machine(), "when": datetime.now().astimezone().isoformat(timespec="seconds")}
    sizes = ", ".join(f"{y} y" for y in years)
    print(f"Measuring {sizes} with --runs {args.runs}", file=sys.stderr)
    start = time.perf_counter()
    step = "adds" if args.adds_only else "measure"
    results = [one_size(y, args.runs, step) for y in years]
    info["total_s"] = round(time.perf_counter() - start, 1)
    info["load_after"] = [round(x, 2) for x in os.getloadavg()]
    args.out.mkdir(parents=True, exist_ok=True)
    if args.adds_only:
        report = adds_table(results, info, args.runs)
        print(report)
        (args.out / "adds.md").write_text(report + "\n", encoding="utf-8")
        doc = {"machine": info, "runs": args.runs, "sizes": results}
        (args.out / "adds.json").write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        return 0
    report = table(results, info, args.runs)
    print(report)
    (args.out / "latest.md").write_text(report + "\n", encoding="utf-8")
    doc = {"machine": info, "runs": args.runs, "targets": TARGETS, "queries": QUERIES,
           "sizes": results}  # fmt: skip
    (args.out / "latest.json").write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    print(f"\nWrote {args.out / 'latest.json'} and {args.out / 'latest.md'} "
          f"({info['total_s']:.0f} s in all)", file=sys.stderr)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

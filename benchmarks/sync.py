"""Sync at ten years: joining, exchanging, saving with sync on, and the folder's size.

Usage: python -m benchmarks.sync [--years 10] [--rounds 7] [--out benchmarks/results]

A synthetic journal (``benchmarks.synthetic``) is written, set up to sync through a
folder, and measured as a person meets it, as whole processes of the real command line:

- ``sync join`` on a new device (wall time, and its peak memory beside that of opening
  the journal and reading every record);
- ``sync now`` with one new change each way, in an unlocked session, and the same
  exchange in process (what the app's watch does);
- ``entry add`` with sync on against the same journal with sync off, alternating;
- the folder's size against the journal's own sealed files, after setup and after a
  year's worth of further changes (with the device's compactions).

Medians and ratios; nothing is asserted (machines are noisy). Writes ``sync.json`` and
``sync.md`` to the output folder.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.run import PASSPHRASE, folder_bytes, machine

REPO = Path(__file__).resolve().parent.parent
TARGETS = {
    "join_s": 10.0,
    "exchange_in_session_ms": 100.0,
    "add_ratio": 1.2,
    "join_memory_ratio": 2.0,
    "folder_ratio": 2.0,
}
OPEN_AND_READ = """
import sys
from pathlib import Path
from journal_app.app.journal_access import unlock_journal
from journal_app.core.records import ALL_RECORD_TYPES
journal = unlock_journal(Path(sys.argv[1]), sys.argv[2], check_all=True)
for kind in ALL_RECORD_TYPES:
    journal.all(kind)
journal.close()
"""
EXCHANGE_IN_PROCESS = """
import json, sys, time
from datetime import UTC, datetime
from pathlib import Path
from journal_app.app.journal_access import unlock_journal
from journal_app.app.sync_exchange import sync_now
from journal_app.core.journal import EntryDraft, add_entry
a, b, passphrase, label = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
other = unlock_journal(b, passphrase)
add_entry(other, EntryDraft(text="from the other device " + label), record_id="o" + label,
          now=datetime.now(UTC))
other.close()
journal = unlock_journal(a, passphrase)
add_entry(journal, EntryDraft(text="from this device " + label), record_id="t" + label,
          now=datetime.now(UTC))
journal.close()
journal = unlock_journal(a, passphrase)  # cold: nothing decoded yet, as a command finds it
start = time.perf_counter()
report = sync_now(journal)
spent = time.perf_counter() - start
journal.close()
print(json.dumps({"ms": spent * 1000, "merged": report.merged}))
"""


def run(args: list[str], data_dir: Path | None = None, **env: str) -> tuple[float, int, str]:
    """Run ``journal-app`` (or python) as a whole process: (seconds, peak RSS KiB, stdout)."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNAL_APP_")}
    full_env.update(JOURNAL_APP_PASSPHRASE=PASSPHRASE, **env)
    if data_dir is not None:
        full_env["JOURNAL_APP_DATA_DIR"] = str(data_dir)
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=full_env, cwd=REPO)
        _, status, usage = os.wait4(proc.pid, 0)
        spent = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed: {text}")
    return spent, usage.ru_maxrss, text


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "journal_app.cli", *args]


def median(values: list[float]) -> float:
    return statistics.median(values)


def sealed_files_bytes(data_dir: Path) -> int:
    """The journal's own sealed files: key, snapshot and log (backups aside)."""
    return sum((data_dir / n).stat().st_size for n in ("key.tjk", "journal.tjv", "journal.tjl"))


def measure(years: int, rounds: int, tmp: Path) -> dict[str, Any]:
    from benchmarks.run import generate

    laptop, plain, phone, folder = tmp / "laptop", tmp / "plain", tmp / "phone", tmp / "folder"
    made = generate(laptop, years)
    shutil.copytree(laptop, plain)  # the same journal, never set up to sync
    setup_s, _, _ = run(cli("--data-dir", str(laptop), "sync", "setup", str(folder)))
    after_setup = folder_bytes(folder)

    joins, join_rss, open_rss = [], [], []
    for n in range(rounds):
        target = tmp / f"join-{n}"
        spent, rss, _ = run(cli("--data-dir", str(target), "sync", "join", str(folder)))
        joins.append(spent)
        join_rss.append(rss)
        _, rss_open, _ = run([sys.executable, "-c", OPEN_AND_READ, str(laptop), PASSPHRASE])
        open_rss.append(rss_open)
        if n:
            shutil.rmtree(target)
    shutil.move(str(tmp / "join-0"), phone)

    in_process = []
    for n in range(rounds):
        _, _, out = run(
            [sys.executable, "-c", EXCHANGE_IN_PROCESS, str(laptop), str(phone), PASSPHRASE, str(n)]
        )
        in_process.append(json.loads(out.strip().splitlines()[-1])["ms"])

    session = []
    for device in (laptop, phone):
        run(cli("--data-dir", str(device), "unlock", "--minutes", "30"))
    try:
        for n in range(rounds):
            run(cli("--data-dir", str(phone), "entry", "add", f"phone, session round {n}"))
            run(cli("--data-dir", str(laptop), "entry", "add", f"laptop, session round {n}"))
            spent, _, _ = run(cli("--data-dir", str(laptop), "sync", "now"))
            session.append(spent)
    finally:
        for device in (laptop, phone):
            run(cli("--data-dir", str(device), "lock"))

    on, off = [], []
    for n in range(rounds * 2):
        first, second = (laptop, plain) if n % 2 == 0 else (plain, laptop)
        for device in (first, second):
            spent, _, _ = run(cli("--data-dir", str(device), "entry", "add", f"add round {n}"))
            (on if device == laptop else off).append(spent)
    in_process_add = add_in_process(laptop, plain, rounds * 10)

    for n in range(365):  # a further year of entries, one a day, with sync on
        if n % 73 == 0:
            run(cli("--data-dir", str(laptop), "sync", "now"))
        run_add_quietly(laptop, n)
    run(cli("--data-dir", str(laptop), "sync", "now"))
    run(cli("--data-dir", str(phone), "sync", "now"))
    after_year = folder_bytes(folder)
    journal_bytes = sealed_files_bytes(laptop)
    return {
        "years": years,
        "entries": made["entries"],
        "records": made["records"],
        "journal_sealed_bytes": journal_bytes,
        "setup_s": round(setup_s, 2),
        "join_s": round(median(joins), 2),
        "join_runs_s": [round(x, 2) for x in joins],
        "join_peak_mb": round(median(join_rss) * 1024 / 1e6, 1),
        "open_and_read_peak_mb": round(median(open_rss) * 1024 / 1e6, 1),
        "join_memory_ratio": round(median(join_rss) / median(open_rss), 2),
        "exchange_in_process_ms": round(median(in_process), 1),
        "exchange_in_session_ms": round(median(session) * 1000, 1),
        "add_on_ms": round(median(on) * 1000, 1),
        "add_off_ms": round(median(off) * 1000, 1),
        "add_ratio": round(median(on) / median(off), 2),
        "add_in_process": in_process_add,
        "folder_after_setup_bytes": after_setup,
        "folder_after_a_year_bytes": after_year,
        "folder_ratio": round(after_year / journal_bytes, 2),
        "folder_files": sorted(
            str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()
        )[:20],
    }


def run_add_quietly(data_dir: Path, n: int) -> None:
    """One more day's entry, in process (365 whole processes would take minutes)."""
    from journal_app.app.journal_access import opened_journal
    from journal_app.core.journal import EntryDraft, add_entry

    with opened_journal(data_dir, PASSPHRASE, on_notice=lambda _: None) as journal:
        add_entry(
            journal,
            EntryDraft(text=f"another day {n}: " + "words " * 250),
            record_id=f"year-{n}",
            now=datetime.now(UTC),
        )


def add_in_process(on: Path, off: Path, count: int) -> dict[str, float]:
    """Median time of one durable add, sync on and off, alternating (journal open)."""
    from journal_app.app.journal_access import unlock_journal
    from journal_app.core.journal import EntryDraft, add_entry

    journals = {"on": unlock_journal(on, PASSPHRASE), "off": unlock_journal(off, PASSPHRASE)}
    times: dict[str, list[float]] = {"on": [], "off": []}
    try:
        for n in range(count):
            for label in ("on", "off") if n % 2 == 0 else ("off", "on"):
                start = time.perf_counter()
                add_entry(
                    journals[label],
                    EntryDraft(text=f"in process {n}"),
                    record_id=f"ip-{label}-{n}",
                    now=datetime.now(UTC),
                )
                times[label].append(time.perf_counter() - start)
    finally:
        for journal in journals.values():
            journal.close()
    return {
        "on_ms": round(median(times["on"]) * 1000, 2),
        "off_ms": round(median(times["off"]) * 1000, 2),
        "ratio": round(median(times["on"]) / median(times["off"]), 2),
    }


def table(result: dict[str, Any], info: dict[str, Any]) -> str:
    def mark(value: float, key: str, higher_is_worse: bool = True) -> str:
        limit = TARGETS.get(key)
        return " ✗" if limit is not None and higher_is_worse and value > limit else ""

    r = result
    rows = [
        ("journal", f"{r['years']} years, {r['entries']:,} entries ({r['records']:,} records)", ""),
        ("journal's own sealed files", f"{r['journal_sealed_bytes'] / 1e6:.1f} MB", ""),
        ("sync setup (whole process)", f"{r['setup_s']:.2f} s", ""),
        (
            "sync join (whole process), median",
            f"{r['join_s']:.2f} s" + mark(r["join_s"], "join_s"),
            "≤ 10 s",
        ),
        (
            "join's peak memory ÷ opening and reading everything",
            f"{r['join_peak_mb']} / {r['open_and_read_peak_mb']} MB = {r['join_memory_ratio']}×"
            + mark(r["join_memory_ratio"], "join_memory_ratio"),
            "≤ 2×",
        ),
        (
            "sync now, one change each way, in an unlocked session (whole process)",
            f"{r['exchange_in_session_ms']:.0f} ms"
            + mark(r["exchange_in_session_ms"], "exchange_in_session_ms"),
            "≤ 100 ms",
        ),
        (
            "the same exchange in process (the app's watch), cold",
            f"{r['exchange_in_process_ms']:.1f} ms",
            "",
        ),
        (
            "entry add, sync on ÷ off (whole processes, alternating)",
            f"{r['add_on_ms']:.0f} / {r['add_off_ms']:.0f} ms = {r['add_ratio']}×"
            + mark(r["add_ratio"], "add_ratio"),
            "≤ 1.2×",
        ),
        (
            "one durable add in process, sync on ÷ off",
            f"{r['add_in_process']['on_ms']} / {r['add_in_process']['off_ms']} ms = "
            f"{r['add_in_process']['ratio']}×",
            "",
        ),
        ("folder after setup", f"{r['folder_after_setup_bytes'] / 1e6:.1f} MB", ""),
        (
            "folder after a further year of changes ÷ the journal's sealed files",
            f"{r['folder_after_a_year_bytes'] / 1e6:.1f} MB = {r['folder_ratio']}×"
            + mark(r["folder_ratio"], "folder_ratio"),
            "≤ 2×",
        ),
    ]
    lines = [
        f"Machine: {info['cpu']}, {info['cores']} cores, Python {info['python']}; "
        f"run {info['when']}",
        "",
        "| figure | measured | target |",
        "| --- | ---: | --- |",
        *(f"| {a} | {b} | {c} |" for a, b, c in rows),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results")
    args = parser.parse_args(argv)
    info = machine()
    info["when"] = datetime.now(UTC).isoformat(timespec="seconds")
    with tempfile.TemporaryDirectory(prefix="tj-sync-bench-") as tmp:
        result = measure(args.years, args.rounds, Path(tmp))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "sync.json").write_text(json.dumps({"machine": info, **result}, indent=2))
    text = table(result, info)
    (args.out / "sync.md").write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

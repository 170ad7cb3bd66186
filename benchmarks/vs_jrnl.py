"""The app beside jrnl, on the same 10-year journal, same machine, same run.

Usage: python -m benchmarks.vs_jrnl [--years 10] [--runs N] [--out benchmarks/results]

jrnl (https://jrnl.sh, PyPI "jrnl") is installed into its own venv, benchmarks/.jrnl-venv,
so it never touches the app's dependencies. The same synthetic journal
(``benchmarks.synthetic.entries``) is written in jrnl's plain-text format, encrypted by
``jrnl --encrypt``, exported with ``jrnl --export json`` and brought into the app with
``journal-app import jrnl-json``, so both hold the same entries, both encrypted.

Then whole processes are timed (``time.perf_counter`` around ``subprocess.run``),
alternating ours and jrnl and swapping who goes first each round, for: adding one entry,
a search that finds entries (newest 10 shown), and a search that finds nothing. It prints
the medians and the median of the per-round ratios ours/jrnl (target <= 0.33), and writes
``vs_jrnl.json``. It asserts nothing.

How jrnl gets its password (jrnl 4.x source): BasePasswordEncryption.decrypt first asks
the keyring (jrnl/keyring.py), then jrnl/prompt.py's prompt_password, which is rich's
Console.input(password=True), i.e. ``getpass.getpass``. getpass reads from /dev/tty when
the process has a controlling terminal and falls back to standard input when it has none.
So jrnl runs here in a new session (``start_new_session=True``: no controlling terminal)
with the password on its standard input, and the keyring set to keyring's "fail" backend
(``PYTHON_KEYRING_BACKEND``), which answers "no keyring" at once: jrnl then asks getpass,
as it does for anyone who did not store the password in a keychain.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks.run import machine
from benchmarks.synthetic import entries

HERE = Path(__file__).resolve().parent
JRNL_VENV = HERE / ".jrnl-venv"
PASSPHRASE = "bench lantern orbit 42"
TARGET_RATIO = 0.33
ADD_TEXT = "Called the clinic again and left a voicemail. Felt shaky after, then calmer. @calls"
HIT_WORD = "insurance"  # in nearly every synthetic entry
MISS_WORD = "psychiatrist"  # in none: every entry is read to the end


# --- setting up -----------------------------------------------------------------------------


def ensure_jrnl(venv: Path) -> Path:
    """jrnl's command in its own venv, created and installed on first use."""
    jrnl = venv / "bin" / "jrnl"
    if not jrnl.exists():
        print(f"Installing jrnl into {venv} (its own venv)...", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, "jrnl"], check=True)
    return jrnl


def our_command() -> list[str]:
    beside = Path(sys.executable).parent / "journal-app"
    found = str(beside) if beside.exists() else shutil.which("journal-app")
    if not found:
        raise SystemExit("journal-app is not installed in this venv; run `make test` once.")
    return [found]


def byte_compile_ours() -> str:
    """Compile the app's modules as installing it would (pip byte-compiles a wheel's
    modules, as it did jrnl's in its venv). A development checkout installed in editable
    mode has none, and with PYTHONDONTWRITEBYTECODE set every command compiled them again:
    about 25 ms of each command here, a cost no installed copy pays."""
    import compileall

    import journal_app

    folder = Path(journal_app.__file__).resolve().parent
    compileall.compile_dir(str(folder), quiet=1)
    return str(folder)


def version_of(python: Path | str, module: str) -> str:
    code = f"import importlib.metadata as m; print(m.version({module!r}))"
    done = subprocess.run([str(python), "-c", code], capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


def jrnl_journal_text(years: int) -> tuple[str, int]:
    """``entries(years)`` in jrnl's file format: "[YYYY-MM-DD HH:MM] Title\\nBody\\n" per entry,
    entries separated by a blank line (jrnl/journals/Journal.py _to_text, Entry.__str__),
    dates as local wall-clock time (jrnl stores no zone), tags marked with "@"."""
    parts = []
    for entry in entries(years):
        when = entry.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        title = f"Anxiety {entry.anxiety}/10, feeling {' and '.join(entry.feelings)}."
        tags = " ".join(f"@{tag}" for tag in entry.tags)
        parts.append(f"[{when}] {title}\n{entry.text}\n{tags}\n")
    return "\n".join(parts), len(parts)


JRNL_CONFIG = """\
colors:
  body: none
  date: none
  tags: none
  title: none
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: true
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: {version}
"""


class Runner:
    """Runs both programs against their own copies of the journal in a temp folder."""

    def __init__(self, tmp: Path, jrnl: Path, ours: list[str]) -> None:
        self.jrnl = [str(jrnl)]
        self.ours = ours
        self.journal_file = tmp / "jrnl" / "journal.txt"
        self.data_dir = tmp / "ours"
        self.jrnl_env = {
            **os.environ,
            "XDG_CONFIG_HOME": str(tmp / "xdg-config"),
            "XDG_DATA_HOME": str(tmp / "xdg-data"),
            "XDG_CACHE_HOME": str(tmp / "xdg-cache"),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
        self.our_env = {
            **os.environ,
            "JOURNAL_APP_DATA_DIR": str(self.data_dir),
            "JOURNAL_APP_PASSPHRASE": PASSPHRASE,
            "JOURNAL_APP_RUNTIME_DIR": str(tmp / "run"),
        }
        # In an unlocked session (`journal-app unlock`): no passphrase anywhere.
        self.session_env = {k: v for k, v in self.our_env.items() if k != "JOURNAL_APP_PASSPHRASE"}
        self.in_session = False
        self.config_file = tmp / "xdg-config" / "jrnl" / "jrnl.yaml"

    def run_jrnl(self, args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess:
        """jrnl with no controlling terminal, so getpass reads the password from stdin."""
        return subprocess.run(
            [*self.jrnl, *args],
            input=f"{PASSPHRASE}\n" if stdin is None else stdin,
            capture_output=True,
            text=True,
            env=self.jrnl_env,
            start_new_session=True,
            timeout=300,
        )

    def run_ours(self, args: list[str]) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*self.ours, *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=self.session_env if self.in_session else self.our_env,
            timeout=300,
        )


def check(done: subprocess.CompletedProcess, what: str) -> subprocess.CompletedProcess:
    if done.returncode != 0:
        raise SystemExit(
            f"{what} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        )
    return done


def set_up(run: Runner, years: int, jrnl_version: str, tmp: Path) -> dict[str, Any]:
    """Both journals, encrypted, holding the same entries."""
    text, count = jrnl_journal_text(years)
    run.journal_file.parent.mkdir(parents=True)
    run.journal_file.write_text(text, encoding="utf-8")
    run.config_file.parent.mkdir(parents=True)
    run.config_file.write_text(
        JRNL_CONFIG.format(journal=json.dumps(str(run.journal_file)), version=f"v{jrnl_version}"),
        encoding="utf-8",
    )
    # `jrnl --encrypt` asks for a new password twice, then whether to keep it in the keychain.
    check(run.run_jrnl(["--encrypt"], stdin=f"{PASSPHRASE}\n{PASSPHRASE}\nn\n"), "jrnl --encrypt")
    head = run.journal_file.read_bytes()[:6]
    if head.startswith(b"["):
        raise SystemExit("jrnl --encrypt left the journal in plain text")
    config = run.config_file.read_text(encoding="utf-8")
    if "encrypt: true" not in config:
        raise SystemExit(f"jrnl's config does not say encrypt: true:\n{config}")

    exported = check(run.run_jrnl(["--export", "json"]), "jrnl --export json").stdout
    n_exported = len(json.loads(exported)["entries"])
    export_file = tmp / "jrnl-export.json"
    export_file.write_text(exported, encoding="utf-8")
    check(run.run_ours(["init"]), "journal-app init")
    imported = check(run.run_ours(["import", "jrnl-json", str(export_file)]), "journal-app import")
    export_file.unlink()  # clear text; gone as soon as the app has it
    jrnl_bytes = run.journal_file.stat().st_size
    our_bytes = sum(p.stat().st_size for p in run.data_dir.rglob("*") if p.is_file())
    return {
        "entries_written": count,
        "entries_exported_by_jrnl": n_exported,
        "import_said": imported.stdout.strip(),
        "jrnl_encryption_header": head.decode("ascii", "replace"),
        "jrnl_file_bytes": jrnl_bytes,
        "our_folder_bytes": our_bytes,
    }


# --- timing ---------------------------------------------------------------------------------


TASKS = {
    "add one entry": (["entry", "add", ADD_TEXT], [ADD_TEXT]),
    f"search '{HIT_WORD}', newest 10": (
        ["entry", "list", "--search", HIT_WORD, "--limit", "10"],
        ["-contains", HIT_WORD, "-n", "10"],
    ),
    f"search '{MISS_WORD}' (no match)": (
        ["entry", "list", "--search", MISS_WORD, "--limit", "10"],
        ["-contains", MISS_WORD, "-n", "10"],
    ),
}


TASK_KEYS = dict(zip(("add", "search", "miss"), TASKS, strict=True))  # --only's names


def timed_run(fn, args: list[str], what: str) -> tuple[float, float]:
    """Wall seconds of one whole process, and the CPU seconds (user + system) it and its
    children used: on a shared machine the wall clock also counts waiting for a core."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = fn(args)
    spent = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    check(done, what)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return spent, cpu


def compare(run: Runner, runs: int, tasks: list[str], sessions: bool = True) -> dict[str, Any]:
    """The tasks without a session, then again in one (`journal-app unlock`)."""
    results = compare_tasks(run, runs, "", tasks)
    if not sessions:
        return results
    check(run.run_ours(["unlock", "--minutes", "60"]), "journal-app unlock")
    run.in_session = True
    try:
        results.update(compare_tasks(run, runs, ", in a session", tasks))
    finally:
        run.in_session = False
        run.run_ours(["lock"])
    return results


def compare_tasks(run: Runner, runs: int, label: str, tasks: list[str]) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for plain_task in tasks:
        our_args, jrnl_args = TASKS[plain_task]
        task = plain_task + label
        # One untimed run each: bytecode compiled, files in the page cache, for both alike.
        warm_ours = check(run.run_ours(our_args), f"ours: {task}")
        warm_jrnl = check(run.run_jrnl(jrnl_args), f"jrnl: {task}")
        ours, theirs, ratios, cpu_ours, cpu_theirs, cpu_ratios = [], [], [], [], [], []
        for n in range(runs):
            pair = [
                ("ours", lambda a=our_args, t=task: timed_run(run.run_ours, a, f"ours: {t}")),
                ("jrnl", lambda a=jrnl_args, t=task: timed_run(run.run_jrnl, a, f"jrnl: {t}")),
            ]
            if n % 2:
                pair.reverse()
            got = {who: fn() for who, fn in pair}
            ours.append(got["ours"][0])
            theirs.append(got["jrnl"][0])
            ratios.append(got["ours"][0] / got["jrnl"][0])
            cpu_ours.append(got["ours"][1])
            cpu_theirs.append(got["jrnl"][1])
            cpu_ratios.append(got["ours"][1] / got["jrnl"][1])
        results[task] = {
            "ours_cmd": ["journal-app", *our_args],
            "jrnl_cmd": ["jrnl", *jrnl_args],
            "ours_s": [round(t, 4) for t in ours],
            "jrnl_s": [round(t, 4) for t in theirs],
            "ours_median_ms": round(statistics.median(ours) * 1000, 1),
            "jrnl_median_ms": round(statistics.median(theirs) * 1000, 1),
            "median_ratio": round(statistics.median(ratios), 3),
            "ours_cpu_median_ms": round(statistics.median(cpu_ours) * 1000, 1),
            "jrnl_cpu_median_ms": round(statistics.median(cpu_theirs) * 1000, 1),
            "cpu_median_ratio": round(statistics.median(cpu_ratios), 3),
            "ours_output_lines": len(warm_ours.stdout.splitlines()),
            "jrnl_output_lines": len(warm_jrnl.stdout.splitlines()),
        }
        print(
            f"  {task}: ours {results[task]['ours_median_ms']:.0f} ms, "
            f"jrnl {results[task]['jrnl_median_ms']:.0f} ms",
            file=sys.stderr,
            flush=True,
        )
    return results


def counts_after(run: Runner) -> dict[str, Any]:
    """Both journals still open with the password, holding the same number of entries."""
    jrnl_doc = json.loads(check(run.run_jrnl(["--export", "json"]), "jrnl --export json").stdout)
    ours = json.loads(check(run.run_ours(["entry", "list", "--json"]), "journal-app list").stdout)
    return {
        "jrnl_entries": len(jrnl_doc["entries"]),
        "our_entries": len(ours),
        "jrnl_still_encrypted": run.journal_file.read_bytes().startswith(b"JRNLv3"),
    }


def table(doc: dict[str, Any]) -> str:
    info, setup = doc["machine"], doc["setup"]
    lines = [
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['ram_gb']} GB RAM, "
        f"Python {info['python']}; load average before {info['load_average'][0]:.2f}, "
        f"after {doc['load_after'][0]:.2f}",
        f"Journal: {doc['years']} years, {setup['entries_written']:,} entries "
        f"(jrnl file {setup['jrnl_file_bytes'] / 1e6:.1f} MB, "
        f"our data folder {setup['our_folder_bytes'] / 1e6:.1f} MB); jrnl {doc['jrnl_version']}, "
        f"Therapy Journal {doc['app_version']}; {doc['runs']} alternating rounds per task; "
        f"after the adds: jrnl {doc['after']['jrnl_entries']:,} entries, "
        f"ours {doc['after']['our_entries']:,}",
        "",
        "| whole process | ours, median | jrnl, median | ours ÷ jrnl (median of rounds) "
        "| target | CPU: ours, jrnl, ours ÷ jrnl |",
        "| --- | ---: | ---: | ---: | --- | ---: |",
    ]
    for task, r in doc["tasks"].items():
        mark = "" if r["median_ratio"] <= TARGET_RATIO else " ✗"
        cpu = (
            f"{r['ours_cpu_median_ms']:,.0f} ms, {r['jrnl_cpu_median_ms']:,.0f} ms, "
            f"{r['cpu_median_ratio']:.2f}"
            if "cpu_median_ratio" in r
            else "–"
        )
        lines.append(
            f"| {task} | {r['ours_median_ms']:,.0f} ms | {r['jrnl_median_ms']:,.0f} ms | "
            f"{r['median_ratio']:.2f}{mark} | ≤ {TARGET_RATIO} | {cpu} |"
        )
    lines += [
        "",
        'Ours: `journal-app …` with JOURNAL_APP_PASSPHRASE set, or ("in a session") with no '
        "passphrase after one `journal-app unlock`; every add is fsynced; our modules are "
        "byte-compiled first, as installing does (jrnl's were, by pip). jrnl: "
        "password on standard input (no controlling terminal, keyring 'fail' backend); jrnl "
        "re-encrypts the whole file on every add (PBKDF2 100k on open and on save) and does not "
        "fsync. ✗ marks a ratio over the target. CPU: user + system seconds of the process "
        "and its children (getrusage), which waiting for a core on a busy machine does not "
        "count.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.vs_jrnl", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--years", type=int, default=10, help="journal length (default 10)")
    parser.add_argument("--runs", type=int, default=10, help="alternating rounds per task")
    parser.add_argument(
        "--out", type=Path, default=HERE / "results", help="folder for vs_jrnl.json and .md"
    )
    parser.add_argument(
        "--jrnl-venv", type=Path, default=JRNL_VENV, help="jrnl's own venv (made if missing)"
    )
    parser.add_argument(
        "--only",
        choices=sorted(TASK_KEYS),
        action="append",
        help="time only this task (repeatable): add, search, miss; default all",
    )
    parser.add_argument(
        "--no-session", action="store_true", help="skip the second pass in a session"
    )
    args = parser.parse_args(argv)
    if args.years < 1 or args.runs < 1:
        parser.error("--years and --runs must be at least 1")

    jrnl = ensure_jrnl(args.jrnl_venv)
    compiled = byte_compile_ours()
    doc: dict[str, Any] = {
        "machine": {**machine(), "when": datetime.now().astimezone().isoformat(timespec="seconds")},
        "years": args.years,
        "runs": args.runs,
        "target_ratio": TARGET_RATIO,
        "jrnl_version": version_of(args.jrnl_venv / "bin" / "python", "jrnl"),
        "app_version": version_of(sys.executable, "therapy-journal"),
        "byte_compiled": compiled,
    }
    with tempfile.TemporaryDirectory(prefix="tj-vs-jrnl-") as raw:
        tmp = Path(raw)
        run = Runner(tmp, jrnl, our_command())
        print(f"Writing the {args.years}-year journal for both...", file=sys.stderr, flush=True)
        doc["setup"] = set_up(run, args.years, doc["jrnl_version"], tmp)
        print(f"  {doc['setup']['import_said']}", file=sys.stderr, flush=True)
        tasks = [TASK_KEYS[k] for k in args.only] if args.only else list(TASKS)
        doc["tasks"] = compare(run, args.runs, tasks, sessions=not args.no_session)
        doc["after"] = counts_after(run)
    doc["load_after"] = [round(x, 2) for x in os.getloadavg()]
    report = table(doc)
    print(report)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "vs_jrnl.json").write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    (args.out / "vs_jrnl.md").write_text(report + "\n", encoding="utf-8")
    print(f"\nWrote {args.out / 'vs_jrnl.json'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

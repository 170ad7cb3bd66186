"""What the command line prints: safe for a terminal, and quiet when a pipe closes early."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import Cli

HOSTILE = "before\x1b[2J\x1b]0;pwned\x07 middle\x9b31m\x7f after\tend\rX"
RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\x7f", "\r")


def test_control_characters_in_entries_are_never_printed_raw(ready_cli: Cli) -> None:
    cli = ready_cli
    assert cli("entry", "add", HOSTILE).code == 0
    listed = cli("entry", "list")
    assert listed.code == 0, listed.err
    for raw in RAW_CONTROLS:
        assert raw not in listed.out, repr(raw)
    assert "before\u241b[2J\u241b]0;pwned\u2407 middle" in listed.out
    assert "after" in listed.out and "end" in listed.out  # the words around them stay
    as_json = cli("entry", "list", "--json")
    for raw in RAW_CONTROLS:
        assert raw not in as_json.out, repr(raw)
    assert json.loads(as_json.out)[0]["text"] == HOSTILE  # stored exactly as written


def test_control_characters_from_an_import_are_shown_harmlessly(
    ready_cli: Cli, tmp_path: Path
) -> None:
    cli = ready_cli
    doc = {
        "tags": {},
        "entries": [
            {"title": "\x1b]0;pwned\x07Title", "body": "", "date": "2023-02-01", "time": "10:00"}
        ],
    }
    path = tmp_path / "jrnl.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert cli("import", "jrnl-json", str(path)).code == 0
    listed = cli("entry", "list")
    assert "\x1b" not in listed.out and "\x07" not in listed.out
    assert "\u241b]0;pwned\u2407Title" in listed.out


def test_a_pipe_closed_early_ends_quietly(ready_cli: Cli, tmp_path: Path) -> None:
    cli = ready_cli
    many = [
        {"title": f"Entry {i} " + "words " * 30, "body": "", "date": "2023-02-01", "time": "10:00"}
        for i in range(2000)
    ]
    path = tmp_path / "many.json"
    path.write_text(json.dumps({"tags": {}, "entries": many}), encoding="utf-8")
    assert cli("import", "jrnl-json", str(path)).code == 0
    # `journal-app entry list | head -1`: the reader goes away after one line.
    proc = subprocess.Popen(
        [sys.executable, "-m", "journal_app.cli", "entry", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli.env(),
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    code = proc.wait(timeout=120)
    assert first.startswith(b"2023-02-01 10:00")
    assert err == "", err
    assert code == 0

"""Entry text that never shows up in the process list: from stdin, $EDITOR or the terminal."""

from __future__ import annotations

import json
import os
import pty
import shlex
import subprocess
import sys
from pathlib import Path

from tests.conftest import Cli, CliResult, snapshot

EDITOR_SCRIPT = """\
import json, os, sys
path = sys.argv[1]
folder = os.path.dirname(path)
seen = {
    "path": path,
    "folder": folder,
    "file_mode": os.stat(path).st_mode & 0o777,
    "folder_mode": os.stat(folder).st_mode & 0o777,
    "size": os.path.getsize(path),
}
with open(os.environ["EDITOR_RECORD"], "w") as out:
    json.dump(seen, out)
with open(path, "w", encoding="utf-8") as f:
    f.write("Written in my editor 🌿\\nsecond line\\n")
with open(os.path.join(folder, ".entry.md.swp"), "w") as f:
    f.write("swap file")
sys.exit(int(os.environ.get("EDITOR_EXIT", "0")))
"""


def in_terminal(cli: Cli, *args: str, typed: bytes = b"", **env: str) -> CliResult:
    """Run the CLI with a real terminal (a pty) as its standard input."""
    controller, terminal = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "journal_app.cli", *args],
            stdin=terminal,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=cli.env(**env),
        )
        os.close(terminal)
        if typed:
            os.write(controller, typed)
        out, err = proc.communicate(timeout=120)
    finally:
        os.close(controller)
    result = CliResult(proc.returncode, out.decode(), err.decode())
    assert "Traceback" not in result.err, result.err
    return result


def texts(cli: Cli) -> list[str]:
    return [e["text"] for e in json.loads(cli("entry", "list", "--json").out)]


def editor(tmp_path: Path) -> tuple[str, Path]:
    script = tmp_path / "fake_editor.py"
    script.write_text(EDITOR_SCRIPT, encoding="utf-8")
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}", tmp_path / "seen.json"


def test_no_text_and_not_a_terminal_reads_standard_input(ready_cli: Cli) -> None:
    cli = ready_cli
    added = cli("entry", "add", "--tag", "piped", stdin="From a pipe, not the process list\n")
    assert added.code == 0, added.err
    assert texts(cli) == ["From a pipe, not the process list\n"]
    assert cli("entry", "add", "-", stdin="dash still works").code == 0
    assert cli("entry", "add", "argument still works").code == 0
    assert texts(cli)[:2] == ["argument still works", "dash still works"]


def test_no_text_in_a_terminal_opens_the_editor_on_a_private_file_removed_at_once(
    ready_cli: Cli, tmp_path: Path
) -> None:
    cli = ready_cli
    command, record = editor(tmp_path)
    added = in_terminal(cli, "entry", "add", EDITOR=command, EDITOR_RECORD=str(record))
    assert added.code == 0, added.err
    assert added.out.startswith("Saved entry ")
    seen = json.loads(record.read_text(encoding="utf-8"))
    assert seen["file_mode"] == 0o600 and seen["folder_mode"] == 0o700
    assert seen["size"] == 0
    assert not Path(seen["path"]).exists()
    assert not Path(seen["folder"]).exists()  # swap files and all
    assert texts(cli) == ["Written in my editor 🌿\nsecond line"]


def test_visual_wins_over_editor(ready_cli: Cli, tmp_path: Path) -> None:
    cli = ready_cli
    command, record = editor(tmp_path)
    env = {"VISUAL": command, "EDITOR": "/nonexistent/editor", "EDITOR_RECORD": str(record)}
    added = in_terminal(cli, "entry", "add", **env)
    assert added.code == 0, added.err
    assert texts(cli) == ["Written in my editor 🌿\nsecond line"]


def test_an_editor_that_fails_saves_nothing_and_leaves_no_file(
    ready_cli: Cli, data_dir: Path, tmp_path: Path
) -> None:
    cli = ready_cli
    command, record = editor(tmp_path)
    before = snapshot(data_dir)
    failed = in_terminal(
        cli, "entry", "add", EDITOR=command, EDITOR_RECORD=str(record), EDITOR_EXIT="1"
    )
    assert failed.code == 2
    assert failed.err.strip() == (
        "journal-app: The editor stopped without finishing; nothing was saved."
    )
    assert not Path(json.loads(record.read_text(encoding="utf-8"))["folder"]).exists()
    assert snapshot(data_dir) == before
    missing = in_terminal(cli, "entry", "add", EDITOR="/nonexistent/editor")
    assert missing.code == 2
    assert "could not be started" in missing.err
    assert snapshot(data_dir) == before


def test_no_text_no_editor_in_a_terminal_reads_what_is_typed(ready_cli: Cli) -> None:
    cli = ready_cli
    typed = b"Typed into the terminal\n\x04"  # Ctrl-D on a new line
    added = in_terminal(cli, "entry", "add", typed=typed, EDITOR="", VISUAL="")
    assert added.code == 0, added.err
    assert "Ctrl-D on a new line" in added.err
    assert texts(cli) == ["Typed into the terminal\n"]

"""The person's name on the doctor's copy: asked at share time, never required, written
into the copy only (not the share log, not any record of the journal)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from journal_app.core.records import ALL_RECORD_TYPES
from journal_app.storage.repository import open_repository
from tests.conftest import PASSPHRASE, Cli

CHOSEN = "amber kettle violin mosaic pebble"
NAME = "Sam O_Neil *R*"


def _export(cli: Cli, tmp_path: Path, *extra: str) -> tuple[int, str, Path]:
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(CHOSEN + "\n", encoding="utf-8")
    out = tmp_path / "summary.html"
    made = cli("export-bundle", "--out", str(out), "--recipient", "Dr Patel",
               "--passphrase-file", str(pass_file), *extra)  # fmt: skip
    return made.code, made.err, out


def _shown(cli: Cli, bundle: Path, tmp_path: Path) -> str:
    opened = cli("open-bundle", str(bundle), "--format", "html",
                 "--passphrase-file", str(tmp_path / "pass.txt"), passphrase=None)  # fmt: skip
    assert opened.code == 0, opened.err
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", opened.out)).split())


def test_a_name_given_is_on_the_copy_and_nowhere_else(ready_cli: Cli, tmp_path: Path) -> None:
    code, err, bundle = _export(ready_cli, tmp_path, "--name", NAME)
    assert code == 0, err
    assert f"Shared by {NAME} for Dr Patel on" in _shown(ready_cli, bundle, tmp_path)
    log = ready_cli("shares", "list", "--json")
    assert log.code == 0 and json.loads(log.out) and "O_Neil" not in log.out
    with open_repository(ready_cli.data_dir, PASSPHRASE) as repo:
        kept = json.dumps([r.to_dict() for kind in ALL_RECORD_TYPES for r in repo.all(kind)],
                          default=str)  # fmt: skip
    assert "Dr Patel" in kept  # the recipient is logged, as before
    assert "O_Neil" not in kept


def test_without_a_name_the_copy_carries_none(ready_cli: Cli, tmp_path: Path) -> None:
    code, err, bundle = _export(ready_cli, tmp_path)
    assert code == 0, err
    shown = _shown(ready_cli, bundle, tmp_path)
    assert "Shared for Dr Patel on" in shown and "Shared by" not in shown


def test_a_name_with_a_control_character_is_refused_in_one_line(
    ready_cli: Cli, tmp_path: Path
) -> None:
    code, err, bundle = _export(ready_cli, tmp_path, "--name", "Sam\x1b[2J")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "Your name" in err
    assert not bundle.exists()


def test_months_at_a_glance_are_added_when_asked(ready_cli: Cli, tmp_path: Path) -> None:
    """``--months 2``: the copy has this month and last as captioned tables; a count
    out of range is refused in one line with exit code 2."""
    code, err, bundle = _export(ready_cli, tmp_path, "--months", "2")
    assert code == 0, err
    shown = _shown(ready_cli, bundle, tmp_path)
    assert "Months at a glance" in shown and "highest anxiety rating that day" in shown
    refused = ready_cli("export-bundle", "--out", str(tmp_path / "x.html"), "--months", "9")
    assert refused.code == 2 and len(refused.err.strip().splitlines()) == 1, refused.err
    assert "Traceback" not in refused.err and not (tmp_path / "x.html").exists()

"""Importing the same export again adds nothing and says so; a newer one adds only the new."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli, snapshot

DATA = Path(__file__).resolve().parents[1] / "data"
JRNL = DATA / "jrnl_sample.json"
DAYONE = DATA / "dayone_sample.json"


def count(cli: Cli) -> int:
    result = cli("entry", "list", "--json")
    assert result.code == 0, result.err
    return len(json.loads(result.out))


def test_the_same_files_twice_add_nothing_the_second_time(ready_cli: Cli, data_dir: Path) -> None:
    cli = ready_cli
    assert cli("import", "jrnl-json", str(JRNL)).code == 0
    assert cli("import", "dayone-json", str(DAYONE)).code == 0
    assert count(cli) == 10
    for fmt, path in (("jrnl-json", JRNL), ("dayone-json", DAYONE)):
        before = snapshot(data_dir)
        again = cli("import", fmt, str(path))
        assert again.code == 0, again.err
        assert again.out.splitlines()[0] == (
            "Nothing new: all 5 entries were already in your journal."
        )
        assert snapshot(data_dir) == before
    assert count(cli) == 10


def test_a_newer_export_adds_only_the_new_entries(ready_cli: Cli, tmp_path: Path) -> None:
    cli = ready_cli
    assert cli("import", "jrnl-json", str(JRNL)).code == 0
    doc = json.loads(JRNL.read_text(encoding="utf-8"))
    doc["entries"].append(
        {"title": "A new one.", "body": "", "date": "2023-02-01", "time": "10:00", "tags": []}
    )
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(doc), encoding="utf-8")
    result = cli("import", "jrnl-json", str(newer))
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "Imported 1 entry from jrnl.",
        "Skipped 5 already in your journal and 1 empty.",
    ]
    assert count(cli) == 6


def test_day_one_entries_match_on_their_uuid_even_if_edited_since(
    ready_cli: Cli, tmp_path: Path
) -> None:
    cli = ready_cli
    assert cli("import", "dayone-json", str(DAYONE)).code == 0
    doc = json.loads(DAYONE.read_text(encoding="utf-8"))
    doc["entries"][0]["text"] += "\n\nEdited later in Day One."
    edited = tmp_path / "Journal.json"
    edited.write_text(json.dumps(doc), encoding="utf-8")
    result = cli("import", "dayone-json", str(edited))
    assert result.code == 0, result.err
    assert "Nothing new: all 5 entries were already in your journal." in result.out
    assert count(cli) == 5

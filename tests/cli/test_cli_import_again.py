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
        "Skipped 5 entries already in your journal.",
        "Skipped 1 entry with no words (blank).",
    ]
    assert count(cli) == 6


def test_day_one_words_changed_with_no_later_modified_date_are_named_not_hidden(
    ready_cli: Cli, tmp_path: Path
) -> None:
    """Same uuid, other words, and the export says nothing newer: left as it is, named."""
    cli = ready_cli
    assert cli("import", "dayone-json", str(DAYONE)).code == 0
    doc = json.loads(DAYONE.read_text(encoding="utf-8"))
    doc["entries"][0]["text"] += "\n\nEdited later in Day One."
    edited = tmp_path / "Journal.json"
    edited.write_text(json.dumps(doc), encoding="utf-8")
    result = cli("import", "dayone-json", str(edited), TZ="UTC")
    assert result.code == 0, result.err
    assert result.out.splitlines()[:3] == [
        "Imported nothing new from Day One.",
        "Skipped 4 entries already in your journal.",
        "Skipped 1 entry with no words (blank, or only photos or other media).",
    ]
    assert (
        "1 entry differs from the export and was left as it is (2023-01-05): "
        "the export does not say which words are newer."
    ) in result.out
    assert "Nothing new" not in result.out
    assert count(cli) == 5

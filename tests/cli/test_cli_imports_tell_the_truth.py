"""Imports tell the truth, run as a person would run them: each command its own process.

The same jrnl export imported in New York and then in Tokyo adds nothing the second time;
a Day One export whose entries were edited later brings the edits in and keeps the earlier
words; a time the clock skipped is kept, placed after the gap and named.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import Cli, snapshot

DATA = Path(__file__).resolve().parents[1] / "data"
JRNL = DATA / "jrnl_sample.json"
DAYONE = DATA / "dayone_sample.json"
NEW_YORK = "America/New_York"
TOKYO = "Asia/Tokyo"


def listed(cli: Cli, *args: str, tz: str = "UTC") -> list[dict[str, Any]]:
    result = cli("entry", "list", "--json", *args, TZ=tz)
    assert result.code == 0, result.err
    return json.loads(result.out)


def write(path: Path, doc: dict[str, Any]) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_the_same_jrnl_export_adds_nothing_whatever_the_zone_at_each_import(
    ready_cli: Cli, data_dir: Path
) -> None:
    cli = ready_cli
    first = cli("import", "jrnl-json", str(JRNL), TZ=NEW_YORK)
    assert first.code == 0, first.err
    assert first.out.splitlines()[0] == "Imported 5 entries from jrnl."
    before = snapshot(data_dir)
    for zone in (TOKYO, "Europe/London", "Pacific/Kiritimati", NEW_YORK):
        again = cli("import", "jrnl-json", str(JRNL), TZ=zone)
        assert again.code == 0, again.err
        assert again.out.splitlines() == [
            "Nothing new: all 5 entries were already in your journal.",
            "Skipped 1 entry with no words (blank).",
        ], zone
        assert snapshot(data_dir) == before
    assert len(listed(cli)) == 5


def test_a_day_one_edit_made_later_is_brought_in_and_the_earlier_words_kept(
    ready_cli: Cli, tmp_path: Path, data_dir: Path
) -> None:
    cli = ready_cli
    assert cli("import", "dayone", str(DAYONE)).code == 0
    doc = json.loads(DAYONE.read_text(encoding="utf-8"))
    first = doc["entries"][0]
    earlier_words = next(e["text"] for e in listed(cli) if e["created_at"].startswith("2023-01-05"))
    first["text"] += "\n\nUpdate: the second clinic called back\\."
    first["modifiedDate"] = "2023-02-01T09:00:00Z"
    first["tags"].append("good news")
    later = write(tmp_path / "Journal.json", doc)

    result = cli("import", "dayone", str(later), TZ="UTC")
    assert result.code == 0, result.err
    assert result.out.splitlines()[:3] == [
        "Imported 0 entries from Day One.",
        "Brought in the changes made in Day One to 1 entry since it was last imported "
        "(2023-01-05); the words it had before are kept as an entry tagged earlier-version.",
        "Skipped 4 entries already in your journal.",
    ]
    entries = listed(cli)
    assert len(entries) == 6  # five, and the earlier words of the one that changed
    changed = [e for e in entries if "second clinic called back" in e["text"]]
    assert len(changed) == 1 and "good news" in changed[0]["tags"]
    kept = listed(cli, "--tag", "earlier-version")
    assert [e["text"] for e in kept] == [earlier_words]

    before = snapshot(data_dir)
    again = cli("import", "dayone", str(later))
    assert again.out.splitlines()[0] == "Nothing new: all 5 entries were already in your journal."
    assert snapshot(data_dir) == before


def test_a_change_made_here_is_kept_from_an_older_export_and_a_newer_one_keeps_it_too(
    ready_cli: Cli, tmp_path: Path
) -> None:
    cli = ready_cli
    assert cli("import", "dayone-json", str(DAYONE)).code == 0
    target = next(e for e in listed(cli) if e["created_at"].startswith("2023-01-05"))
    edited = cli("entry", "edit", target["id"], "--text", "My own words, written here.")
    assert edited.code == 0, edited.err

    older = cli("import", "dayone-json", str(DAYONE), TZ="UTC")
    assert older.code == 0, older.err
    assert older.out.splitlines()[0] == "Imported nothing new from Day One."
    assert (
        "Left 1 entry as you changed it here (2023-01-05): the export's words are older."
        in older.out.splitlines()
    )
    assert "My own words, written here." in {e["text"] for e in listed(cli)}

    doc = json.loads(DAYONE.read_text(encoding="utf-8"))
    doc["entries"][0]["text"] = "Rewritten in Day One after that\\."
    doc["entries"][0]["modifiedDate"] = "2099-01-01T00:00:00Z"  # later than the edit here
    newer = cli("import", "dayone-json", str(write(tmp_path / "newer.json", doc)))
    assert newer.code == 0, newer.err
    texts = {e["text"] for e in listed(cli)}
    assert "Rewritten in Day One after that." in texts
    kept = listed(cli, "--tag", "earlier-version")
    assert [e["text"] for e in kept] == ["My own words, written here."]


def jrnl_export(*entries: tuple[str, str, str]) -> dict[str, Any]:
    return {
        "tags": {},
        "entries": [
            {"title": title, "body": "", "date": day, "time": time, "tags": [], "starred": False}
            for day, time, title in entries
        ],
    }


def test_a_time_in_the_spring_forward_gap_is_kept_placed_after_it_and_named(
    ready_cli: Cli, tmp_path: Path
) -> None:
    cli = ready_cli
    doc = jrnl_export(
        ("2026-03-08", "01:30", "Before the clocks changed."),
        ("2026-03-08", "02:30", "In the hour that never was."),
        ("2026-03-08", "03:10", "After."),
    )
    path = write(tmp_path / "gap.json", doc)
    result = cli("import", "jrnl-json", str(path), TZ=NEW_YORK)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "Imported 3 entries from jrnl.",
        "1 entry has a time that the clock skipped when summer time began in "
        "America/New_York, so it was placed at the next real time: "
        "2026-03-08 02:30 became 03:30.",
    ]
    stored = {e["text"]: e["created_at"] for e in listed(cli)}
    assert stored["In the hour that never was."] == "2026-03-08T07:30:00+00:00"  # 03:30 EDT
    assert "2026-03-08 03:30" in cli("entry", "list", TZ=NEW_YORK).out
    for zone in (NEW_YORK, TOKYO):
        again = cli("import", "jrnl-json", str(path), TZ=zone)
        assert again.out.splitlines() == [
            "Nothing new: all 3 entries were already in your journal."
        ]

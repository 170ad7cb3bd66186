"""What importing again does, worked out purely: identity, edits, gaps (core/import_plan)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from journal_app.core.import_plan import EARLIER_VERSION_TAG, apply_edit, plan_import
from journal_app.core.importers import parse_dayone_json, parse_jrnl_json, place_wall_time
from journal_app.core.journal import EntryDraft, build_entry
from journal_app.core.records import Entry

DATA = Path(__file__).resolve().parents[1] / "data"
JRNL_BYTES = (DATA / "jrnl_sample.json").read_bytes()
DAYONE_BYTES = (DATA / "dayone_sample.json").read_bytes()
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def stored(drafts: list[EntryDraft]) -> list[Entry]:
    return [build_entry(d, record_id=f"id{i}", now=NOW) for i, d in enumerate(drafts)]


@pytest.mark.parametrize("later_zone", ["Asia/Tokyo", "Pacific/Kiritimati", "America/St_Johns"])
def test_jrnl_identity_does_not_depend_on_the_zone_at_import(later_zone: str) -> None:
    first = parse_jrnl_json(JRNL_BYTES, tz=ZoneInfo("America/New_York")).drafts
    again = parse_jrnl_json(JRNL_BYTES, tz=ZoneInfo(later_zone)).drafts
    assert [d.at for d in first] != [d.at for d in again]  # other instants...
    plan = plan_import(again, stored(first))
    assert (plan.fresh, plan.already) == ([], 5)  # ...the same entries


def test_jrnl_entries_imported_before_ids_were_kept_are_still_recognised() -> None:
    """Brought in by an older version (no source id) in New York, again in Tokyo."""
    first = parse_jrnl_json(JRNL_BYTES, tz=ZoneInfo("America/New_York")).drafts
    legacy = [replace(e, source_id=None) for e in stored(first)]
    again = parse_jrnl_json(JRNL_BYTES, tz=ZoneInfo("Asia/Tokyo")).drafts
    assert plan_import(again, legacy).already == 5
    # The same words at another minute are another entry, not this one.
    other = [replace(again[0], source_id="jrnl:2023-01-03T23:41")]
    assert plan_import(other, legacy).fresh == [0]


def test_other_words_at_the_same_minute_are_added_beside_and_named() -> None:
    drafts = parse_jrnl_json(JRNL_BYTES).drafts
    changed = [replace(drafts[0], text="Edited in jrnl since.")]
    plan = plan_import(changed, stored(drafts))
    assert plan.fresh == [0] and plan.beside == [0]


def day_one(**changes: object) -> tuple[EntryDraft, Entry]:
    draft = parse_dayone_json(DAYONE_BYTES).drafts[0]
    entry = stored([draft])[0]
    return replace(draft, **changes), entry


def test_a_later_day_one_edit_is_brought_in_an_older_one_is_not() -> None:
    later, entry = day_one(text="New words.", source_version="2023-03-01T00:00:00+00:00")
    assert plan_import([later], [entry]).edits == [(0, entry)]
    older, entry = day_one(text="Old words.", source_version="2022-01-01T00:00:00+00:00")
    assert plan_import([older], [entry]).differ == [(0, entry)]  # not changed here either
    here = replace(entry, text="Mine.", updated_at=NOW)
    assert plan_import([older], [here]).kept_here == [(0, here)]
    unknown, entry = day_one(text="Who knows.", source_version=None)
    assert plan_import([unknown], [entry]).differ == [(0, entry)]


def test_entries_brought_in_before_versions_were_kept_take_day_one_edits() -> None:
    later, entry = day_one(text="New words.", source_version="2023-03-01T00:00:00+00:00")
    legacy = replace(entry, source_version=None)
    assert plan_import([later], [legacy]).edits == [(0, legacy)]
    edited_here_later = replace(legacy, updated_at=datetime(2024, 1, 1, tzinfo=UTC))
    assert plan_import([later], [edited_here_later]).kept_here == [(0, edited_here_later)]


def test_an_edit_keeps_what_was_added_here_and_the_earlier_words() -> None:
    later, entry = day_one(
        text="New words.", tags=["anxiety", "new tag"], source_version="2023-03-01T00:00:00+00:00"
    )
    entry = replace(entry, anxiety=6, feelings=["hopeful"], tags=[*entry.tags, "mine"])
    updated, earlier = apply_edit(entry, later, now=NOW)
    assert (updated.id, updated.text, updated.anxiety, updated.feelings) == (
        entry.id,
        "New words.",
        6,
        ["hopeful"],
    )
    assert updated.tags == [*entry.tags, "new tag"] and updated.source_id == entry.source_id
    assert updated.source_version == "2023-03-01T00:00:00+00:00" and updated.updated_at == NOW
    assert earlier is not None and earlier.text == entry.text
    assert EARLIER_VERSION_TAG in earlier.tags and earlier.source_id is None
    assert earlier.extra["earlier_version_of"] == entry.id
    assert apply_edit(entry, later, now=NOW)[1].id == earlier.id  # a second run: no new copy
    # Only a tag added: nothing to keep.
    tagged, entry = day_one(tags=["brand new"], source_version="2023-03-01T00:00:00+00:00")
    assert apply_edit(entry, tagged, now=NOW)[1] is None


@pytest.mark.parametrize(
    ("zone", "written", "placed"),
    [
        ("America/New_York", datetime(2026, 3, 8, 2, 30), datetime(2026, 3, 8, 3, 30)),
        ("Europe/London", datetime(2026, 3, 29, 1, 5), datetime(2026, 3, 29, 2, 5)),
        ("Australia/Lord_Howe", datetime(2026, 10, 4, 2, 15), datetime(2026, 10, 4, 2, 45)),
    ],
)
def test_a_time_in_a_gap_is_placed_at_the_next_real_time(
    zone: str, written: datetime, placed: datetime
) -> None:
    instant, moved = place_wall_time(written, ZoneInfo(zone))
    assert moved == placed
    assert instant.astimezone(ZoneInfo(zone)).replace(tzinfo=None) == placed


def test_real_and_repeated_times_are_not_moved() -> None:
    ny = ZoneInfo("America/New_York")
    assert place_wall_time(datetime(2026, 3, 8, 3, 0), ny)[1] is None
    instant, moved = place_wall_time(datetime(2026, 11, 1, 1, 30), ny)  # happens twice
    assert moved is None and instant == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # the first


def test_the_parsers_note_moved_times_and_media() -> None:
    doc = (
        b'{"tags": {}, "entries": [{"title": "Gap.", "body": "", "date": "2026-03-08",'
        b' "time": "02:30", "tags": []}]}'
    )
    result = parse_jrnl_json(doc, tz=ZoneInfo("America/New_York"))
    (moved,) = result.moved
    assert (moved.draft_index, moved.placed, moved.zone) == (
        0,
        datetime(2026, 3, 8, 3, 30),
        "America/New_York",
    )
    assert parse_dayone_json(DAYONE_BYTES).media_left_out == {"photo": 2, "audio": 1}

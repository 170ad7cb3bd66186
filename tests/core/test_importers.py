"""Importers: what a jrnl or Day One export keeps, and every way a wrong file is refused."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal_app.core.importers import (
    ImportFormatError,
    ImportResult,
    parse_dayone_json,
    parse_jrnl_json,
)
from journal_app.core.journal import MAX_TEXT_CHARS, InvalidInput, build_entry

DATA = Path(__file__).resolve().parent.parent / "data"
JRNL_BYTES = (DATA / "jrnl_sample.json").read_bytes()
DAYONE_BYTES = (DATA / "dayone_sample.json").read_bytes()

PARSERS = {"jrnl": parse_jrnl_json, "dayone": parse_dayone_json}
SAMPLES = {"jrnl": JRNL_BYTES, "dayone": DAYONE_BYTES}


def sample_doc(kind: str) -> dict[str, Any]:
    return json.loads(SAMPLES[kind])


def jrnl_with(**fields: Any) -> bytes:
    """The jrnl sample with its first entry changed; ``None`` removes a field."""
    doc = sample_doc("jrnl")
    _apply(doc["entries"][0], fields)
    return json.dumps(doc, indent=2).encode()


def dayone_with(**fields: Any) -> bytes:
    """The Day One sample with its first entry changed; ``None`` removes a field."""
    doc = sample_doc("dayone")
    _apply(doc["entries"][0], fields)
    return json.dumps(doc, indent=2).encode()


def _apply(entry: dict[str, Any], fields: dict[str, Any]) -> None:
    for key, value in fields.items():
        if value is None:
            entry.pop(key, None)
        else:
            entry[key] = value


# --- jrnl ----------------------------------------------------------------------------------


def test_jrnl_counts_and_source() -> None:
    result = parse_jrnl_json(JRNL_BYTES)
    assert isinstance(result, ImportResult)
    assert result.source_name == "jrnl"
    assert len(result.drafts) == 5
    assert result.skipped_count == 1  # the entry with no title and no body


def test_jrnl_dates_are_wall_clock_labelled_utc() -> None:
    drafts = parse_jrnl_json(JRNL_BYTES).drafts
    assert [d.at for d in drafts] == [
        datetime(2023, 1, 3, 23, 40, tzinfo=UTC),
        datetime(2023, 1, 5, 9, 15, tzinfo=UTC),
        datetime(2023, 1, 7, 18, 2, tzinfo=UTC),
        datetime(2023, 1, 9, 21, 30, tzinfo=UTC),
        datetime(2023, 1, 10, 7, 45, tzinfo=UTC),
    ]
    assert all(d.at is not None and d.at.tzinfo is UTC for d in drafts)


def test_jrnl_text_is_title_then_body_as_jrnl_writes_it() -> None:
    doc = sample_doc("jrnl")
    drafts = parse_jrnl_json(JRNL_BYTES).drafts
    for draft, raw in zip(drafts, doc["entries"], strict=False):
        assert draft.text == raw["title"] + "\n" + raw["body"]
    assert drafts[1].text == "Short check-in.\nSlept six hours. Feeling okay, a bit flat."


def test_jrnl_title_only_entry_is_just_the_title() -> None:
    result = parse_jrnl_json(jrnl_with(body="", tags=[]))
    assert result.drafts[0].text == "Couldn't sleep again."


def test_jrnl_tags_lose_their_symbol_and_regain_the_persons_spelling() -> None:
    drafts = parse_jrnl_json(JRNL_BYTES).drafts
    assert drafts[0].tags == ["anxiety", "Work"]  # exported as "@work", written "@Work"
    assert drafts[3].tags == ["قلق"]
    assert drafts[4].tags == ["walks"]


def test_jrnl_other_tag_symbols_are_stripped_too() -> None:
    result = parse_jrnl_json(jrnl_with(body="Long day #Work", tags=["#work"]))
    assert result.drafts[0].tags == ["Work"]


def test_jrnl_star_becomes_a_tag() -> None:
    drafts = parse_jrnl_json(JRNL_BYTES).drafts
    assert drafts[2].tags == ["anxiety", "starred"]
    assert "starred" not in drafts[0].tags


def test_jrnl_emoji_and_right_to_left_survive_untouched() -> None:
    drafts = parse_jrnl_json(JRNL_BYTES).drafts
    assert "🎉" in drafts[2].text and "💪🏽" in drafts[2].text
    assert drafts[3].text == "يوم صعب في العمل\nلكنني تحدثت مع صديقتي وشعرت بتحسن. @قلق"
    assert drafts[4].text.startswith("בוקר טוב\nהלכתי לטייל עם הכלב.")


def test_jrnl_accepts_text_as_well_as_bytes() -> None:
    assert parse_jrnl_json(JRNL_BYTES.decode()) == parse_jrnl_json(JRNL_BYTES)


def test_jrnl_extra_fields_from_newer_versions_are_ignored() -> None:
    raw = jrnl_with(uuid="ABC", creator={"device_agent": "x"})
    assert len(parse_jrnl_json(raw).drafts) == 5


def test_jrnl_empty_journal_imports_nothing() -> None:
    result = parse_jrnl_json(b'{"tags": {}, "entries": []}')
    assert result.drafts == [] and result.skipped_count == 0


# --- Day One -------------------------------------------------------------------------------


def test_dayone_counts_and_source() -> None:
    result = parse_dayone_json(DAYONE_BYTES)
    assert result.source_name == "Day One"
    assert len(result.drafts) == 5
    assert result.skipped_count == 1  # the photo-only entry


def test_dayone_dates_are_the_exact_utc_instant() -> None:
    drafts = parse_dayone_json(DAYONE_BYTES).drafts
    assert drafts[0].at == datetime(2023, 1, 5, 14, 30, tzinfo=UTC)
    assert drafts[2].at == datetime(2023, 1, 8, 19, 5, 12, tzinfo=UTC)


def test_dayone_offset_dates_are_converted_to_utc() -> None:
    result = parse_dayone_json(dayone_with(creationDate="2023-01-05T16:30:00+02:00"))
    assert result.drafts[0].at == datetime(2023, 1, 5, 14, 30, tzinfo=UTC)


def test_dayone_dates_without_an_offset_are_read_in_the_entrys_own_zone() -> None:
    fields = {"creationDate": "2023-07-05T14:30:00", "timeZone": "Asia/Jerusalem"}
    result = parse_dayone_json(dayone_with(**fields))
    assert result.drafts[0].at == datetime(2023, 7, 5, 11, 30, tzinfo=UTC)  # IDT is UTC+3


def test_dayone_exact_instants_ignore_an_unknown_zone_name() -> None:
    result = parse_dayone_json(dayone_with(timeZone="Mars/Olympus"))
    assert result.drafts[0].at == datetime(2023, 1, 5, 14, 30, tzinfo=UTC)


def test_jrnl_times_are_wall_clock_in_the_persons_zone() -> None:
    new_york = ZoneInfo("America/New_York")
    drafts = parse_jrnl_json(JRNL_BYTES, tz=new_york).drafts
    assert drafts[0].at == datetime(2023, 1, 4, 4, 40, tzinfo=UTC)  # 23:40 EST on 3 Jan
    assert drafts[0].at.astimezone(new_york).strftime("%Y-%m-%d %H:%M") == "2023-01-03 23:40"
    summer = parse_jrnl_json(jrnl_with(date="2023-07-03", time="10:15"), tz=new_york).drafts[0]
    assert summer.at == datetime(2023, 7, 3, 14, 15, tzinfo=UTC)  # EDT is UTC-4


def test_dayone_escapes_are_undone() -> None:
    text = parse_dayone_json(DAYONE_BYTES).drafts[0].text
    assert text == (
        "Called three clinics today. Two have a 6-8 week waitlist, one can see me sooner "
        "(but it's a 40-minute bus ride).\n\nQuestions to ask:\n"
        "- Do you offer a sliding scale?\n- Have you worked with panic attacks?\n\n"
        "Note to self: #1 priority is someone I feel safe with!"
    )


def test_dayone_code_and_lone_backslashes_are_left_alone() -> None:
    text = parse_dayone_json(DAYONE_BYTES).drafts[3].text
    assert "`\\d+\\.\\d+ h`" in text  # inside code a backslash is literal
    assert "C:\\Users\\me\\journal for now." in text  # not an escape before letters
    assert "1. Sleep 2. Move 3. Talk to someone" in text


def test_dayone_escaped_backslash_and_backtick() -> None:
    result = parse_dayone_json(dayone_with(text="a \\\\ b \\` c \\`d\\` e"))
    assert result.drafts[0].text == "a \\ b ` c `d` e"


def test_dayone_media_become_visible_placeholders() -> None:
    drafts = parse_dayone_json(DAYONE_BYTES).drafts
    assert drafts[1].text.startswith("[photo not imported]\n\nWalk by the river after the call.")
    assert "[audio not imported]" in drafts[4].text
    assert all("dayone-moment" not in d.text for d in drafts)


def test_dayone_video_and_pdf_placeholders() -> None:
    text = "Look ![](dayone-moment:/video/ABC) and ![](dayone-moment:/pdfAttachment/DEF)"
    result = parse_dayone_json(dayone_with(text=text))
    assert result.drafts[0].text == "Look [video not imported] and [PDF not imported]"


def test_dayone_entry_without_text_is_skipped_and_counted() -> None:
    result = parse_dayone_json(dayone_with(text=None))
    assert len(result.drafts) == 4 and result.skipped_count == 2


def test_dayone_tags_kept_as_written_and_star_becomes_a_tag() -> None:
    drafts = parse_dayone_json(DAYONE_BYTES).drafts
    assert drafts[0].tags == ["therapy search", "anxiety"]
    assert drafts[1].tags == ["walks", "starred"]
    assert drafts[2].tags == ["משפחה"]
    assert drafts[4].tags == ["therapy search", "Progress", "starred"]


def test_dayone_emoji_and_right_to_left_survive_untouched() -> None:
    drafts = parse_dayone_json(DAYONE_BYTES).drafts
    assert drafts[1].text.endswith("🌿💚")
    assert drafts[2].text == "היום דיברתי עם אמא על הטיפול. היא תומכת בי ❤️"
    assert drafts[3].text.endswith("👩\u200d⚕️")


# --- Refusals ------------------------------------------------------------------------------

NOT_AN_EXPORT = [
    pytest.param(b"", id="empty"),
    pytest.param(b"   \n", id="blank"),
    pytest.param(b"hello, I am not JSON", id="not-json"),
    pytest.param(b"\xff\xfe\x00{", id="not-utf8"),
    pytest.param(b'{"entries": [', id="truncated"),
    pytest.param(b"[" * 100_000, id="deeply-nested"),
    pytest.param(b"[]", id="list"),
    pytest.param(b'"entries"', id="string"),
    pytest.param(b"42", id="number"),
    pytest.param(b"null", id="null"),
    pytest.param(b"{}", id="missing-entries"),
    pytest.param(b'{"metadata": {"version": "1.0"}}', id="dayone-missing-entries"),
    pytest.param(b'{"entries": {}}', id="entries-object"),
    pytest.param(b'{"entries": "none"}', id="entries-text"),
    pytest.param(b'{"entries": [1, 2]}', id="entries-not-objects"),
]


@pytest.mark.parametrize("kind", ["jrnl", "dayone"])
@pytest.mark.parametrize("data", NOT_AN_EXPORT)
def test_files_that_are_not_exports_are_refused(kind: str, data: bytes) -> None:
    with pytest.raises(ImportFormatError):
        PARSERS[kind](data)


def test_refusal_is_invalid_input_with_one_plain_line() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_jrnl_json(b"nope")
    assert isinstance(caught.value, ImportFormatError)
    assert "\n" not in str(caught.value)
    assert caught.value.entry_index is None


def test_dayone_file_given_to_jrnl_names_day_one() -> None:
    with pytest.raises(ImportFormatError, match="looks like a Day One export"):
        parse_jrnl_json(DAYONE_BYTES)


def test_jrnl_file_given_to_dayone_names_jrnl() -> None:
    with pytest.raises(ImportFormatError, match="looks like a jrnl export"):
        parse_dayone_json(JRNL_BYTES)


def test_dayone_without_metadata_is_refused() -> None:
    doc = sample_doc("dayone")
    del doc["metadata"]
    with pytest.raises(ImportFormatError, match="metadata"):
        parse_dayone_json(json.dumps(doc))


def test_jrnl_with_tags_that_are_not_an_object_is_refused() -> None:
    doc = sample_doc("jrnl")
    doc["tags"] = ["@anxiety"]
    with pytest.raises(ImportFormatError, match="tags"):
        parse_jrnl_json(json.dumps(doc))


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"date": None}, id="no-date"),
        pytest.param({"date": ""}, id="empty-date"),
        pytest.param({"date": 20230103}, id="number-date"),
        pytest.param({"date": "03/01/2023"}, id="wrong-form"),
        pytest.param({"date": "2023-13-03"}, id="month-13"),
        pytest.param({"date": "2023-02-30"}, id="feb-30"),
        pytest.param({"date": "２０２３-01-03"}, id="non-ascii-digits"),
        pytest.param({"time": None}, id="no-time"),
        pytest.param({"time": "25:00"}, id="hour-25"),
        pytest.param({"time": "11pm"}, id="time-wrong-form"),
    ],
)
def test_jrnl_bad_dates_are_refused_naming_the_entry(fields: dict[str, Any]) -> None:
    with pytest.raises(ImportFormatError, match=r"^Entry 1 of 6 ") as caught:
        parse_jrnl_json(jrnl_with(**fields))
    assert caught.value.entry_index == 0


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"creationDate": None}, id="no-date"),
        pytest.param({"creationDate": ""}, id="empty-date"),
        pytest.param({"creationDate": 1672929000}, id="number-date"),
        pytest.param({"creationDate": "2023-01-05"}, id="date-only"),
        pytest.param({"creationDate": "2023-01-05T14:30:00", "timeZone": None}, id="no-zone"),
        pytest.param(
            {"creationDate": "2023-01-05T14:30:00", "timeZone": "Mars/Olympus"}, id="bad-zone"
        ),
        pytest.param({"creationDate": "2023-01-32T14:30:00Z"}, id="day-32"),
        pytest.param({"creationDate": "yesterday"}, id="words"),
        pytest.param({"creationDate": "0001-01-01T00:00:00+01:00"}, id="before-year-1-in-utc"),
    ],
)
def test_dayone_bad_dates_are_refused_naming_the_entry(fields: dict[str, Any]) -> None:
    with pytest.raises(ImportFormatError, match=r"^Entry 1 of 6 ") as caught:
        parse_dayone_json(dayone_with(**fields))
    assert caught.value.entry_index == 0


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"title": None}, id="no-title"),
        pytest.param({"body": 3}, id="body-number"),
        pytest.param({"tags": "@work"}, id="tags-text"),
        pytest.param({"tags": [1]}, id="tags-numbers"),
        pytest.param({"starred": "yes"}, id="starred-text"),
        pytest.param({"body": "x" * (MAX_TEXT_CHARS + 1)}, id="too-long"),
        pytest.param({"tags": ["@" + "t" * 61]}, id="tag-too-long"),
        pytest.param({"body": "broken \ud800 text"}, id="lone-surrogate"),
    ],
)
def test_jrnl_bad_entries_are_refused(fields: dict[str, Any]) -> None:
    with pytest.raises(ImportFormatError, match=r"^Entry 1 of 6 "):
        parse_jrnl_json(jrnl_with(**fields))


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"text": ["a"]}, id="text-list"),
        pytest.param({"tags": {"a": 1}}, id="tags-object"),
        pytest.param({"starred": 1}, id="starred-number"),
        pytest.param({"text": "x" * (MAX_TEXT_CHARS + 1)}, id="too-long"),
        pytest.param({"tags": ["bad\ttag"]}, id="control-char-tag"),
        pytest.param({"tags": ["\udc00"]}, id="lone-surrogate-tag"),
    ],
)
def test_dayone_bad_entries_are_refused(fields: dict[str, Any]) -> None:
    with pytest.raises(ImportFormatError, match=r"^Entry 1 of 6 "):
        parse_dayone_json(dayone_with(**fields))


def test_too_long_entry_says_why() -> None:
    with pytest.raises(ImportFormatError, match="too long"):
        parse_dayone_json(dayone_with(text="x" * (MAX_TEXT_CHARS + 1)))


@pytest.mark.parametrize("kind", ["jrnl", "dayone"])
def test_one_bad_entry_rejects_the_whole_file(kind: str) -> None:
    doc = sample_doc(kind)
    date_key = "date" if kind == "jrnl" else "creationDate"
    doc["entries"][-1][date_key] = "not a date"
    with pytest.raises(ImportFormatError, match=r"^Entry 6 of 6 ") as caught:
        PARSERS[kind](json.dumps(doc))
    assert caught.value.entry_index == 5


def test_messages_never_quote_the_persons_writing() -> None:
    secret = "my very private words"
    with pytest.raises(ImportFormatError) as caught:
        parse_jrnl_json(jrnl_with(date=secret))
    assert secret not in str(caught.value)


# --- Fuzzing: only ImportFormatError ever comes out -----------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = {
    "jrnl": ["title", "body", "date", "time", "tags", "starred"],
    "dayone": ["creationDate", "text", "tags", "starred", "uuid", "timeZone"],
}
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def outcome_is_clean(kind: str, data: bytes | str) -> None:
    """Either a refusal the shell can show, or drafts the shell can store without surprise."""
    try:
        result = PARSERS[kind](data)
    except ImportFormatError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    now = datetime(2024, 1, 1, tzinfo=UTC)
    for draft in result.drafts:
        entry = build_entry(draft, record_id="x", now=now)
        entry.text.encode("utf-8")
        assert draft.at is not None and draft.at.tzinfo is not None


@pytest.mark.parametrize("kind", ["jrnl", "dayone"])
@FUZZ
@given(data=st.binary(max_size=300))
def test_fuzz_random_bytes(kind: str, data: bytes) -> None:
    outcome_is_clean(kind, data)


@pytest.mark.parametrize("kind", ["jrnl", "dayone"])
@FUZZ
@given(value=json_values)
def test_fuzz_random_json(kind: str, value: Any) -> None:
    outcome_is_clean(kind, json.dumps(value))


@pytest.mark.parametrize("kind", ["jrnl", "dayone"])
@FUZZ
@given(data=st.data())
def test_fuzz_mutated_sample_fields(kind: str, data: st.DataObject) -> None:
    doc = copy.deepcopy(sample_doc(kind))
    for _ in range(data.draw(st.integers(1, 3))):
        entry = data.draw(st.sampled_from(doc["entries"]))
        key = data.draw(st.sampled_from(FIELDS[kind]))
        if data.draw(st.booleans()):
            entry.pop(key, None)
        else:
            entry[key] = data.draw(json_values)
    outcome_is_clean(kind, json.dumps(doc))


@pytest.mark.parametrize("kind", ["jrnl", "dayone"])
@FUZZ
@given(data=st.data())
def test_fuzz_mutated_sample_bytes(kind: str, data: st.DataObject) -> None:
    raw = bytearray(SAMPLES[kind])
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["flip", "drop", "insert"]))
        if action == "flip":
            raw[at] = data.draw(st.integers(0, 255))
        elif action == "drop":
            del raw[at]
        else:
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=4))
    outcome_is_clean(kind, bytes(raw))


def test_already_imported_entries_are_told_apart_by_uuid_or_by_moment_and_text() -> None:
    from journal_app.core.import_plan import plan_import, split_already_imported

    dayone = parse_dayone_json(DAYONE_BYTES).drafts
    jrnl = parse_jrnl_json(JRNL_BYTES).drafts
    stored = [
        build_entry(d, record_id=str(i), now=datetime(2026, 1, 1, tzinfo=UTC))
        for i, d in enumerate([*dayone[:2], *jrnl[:3]])
    ]
    assert stored[0].source_id == "dayone:3F1C2A7B9D4E4F0A8B6C5D2E1F0A9B8C"
    fresh, already = split_already_imported(dayone, stored)
    assert (len(fresh), already) == (3, 2)
    # Changed words under the same uuid and the same modifiedDate: not "already", named.
    edited = [replace(dayone[0], text="changed in Day One since"), *dayone[1:]]
    plan = plan_import(edited, stored)
    assert plan.already == 1 and plan.differ == [(0, stored[0])] and len(plan.fresh) == 3
    fresh, already = split_already_imported(jrnl, stored)
    assert (len(fresh), already) == (2, 3)
    assert jrnl[0].source_id == "jrnl:2023-01-03T23:40"
    moved = [replace(jrnl[0], source_id="jrnl:2023-01-03T23:41")]
    assert split_already_imported(moved, stored) == (moved, 0)

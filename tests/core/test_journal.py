"""Journal entries: writing, editing, deleting, the validation messages, and searching."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from journal_app.core.journal import (
    MAX_LABEL_CHARS,
    MAX_TEXT_CHARS,
    EntryDraft,
    EntryQuery,
    InvalidInput,
    add_entry,
    build_entry,
    check_rating,
    check_when,
    clean_labels,
    delete_entry,
    edit_entry,
    search_entries,
)
from journal_app.core.records import Entry
from tests.core.memory_store import MemoryStore

NOW = datetime(2025, 3, 12, 18, 30, tzinfo=UTC)
LATER = NOW + timedelta(hours=2)


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


# --- Building an entry -----------------------------------------------------------------------


def test_build_entry_keeps_what_was_written() -> None:
    draft = EntryDraft(
        text="  Left a voicemail 😬\nשלום — مرحبا  ",
        anxiety=7,
        feelings=[" nervous ", "Nervous", "hopeful"],
        tags=["search", "", "  "],
        prompt_id="concerns",
        coping_strategy="  paced breathing ",
        anxiety_after=4,
    )
    e = build_entry(draft, record_id="e1", now=NOW)
    assert e.id == "e1" and e.created_at == NOW and e.updated_at is None
    assert e.text == "  Left a voicemail 😬\nשלום — مرحبا  "  # exactly as written
    assert e.anxiety == 7 and e.anxiety_after == 4
    assert e.feelings == ["nervous", "hopeful"]
    assert e.tags == ["search"]
    assert e.prompt_id == "concerns"
    assert e.coping_strategy == "paced breathing"


def test_blank_coping_strategy_is_none() -> None:
    e = build_entry(EntryDraft(text="x", coping_strategy="   "), record_id="e", now=NOW)
    assert e.coping_strategy is None


def test_text_is_nfc_normalised() -> None:
    decomposed = "Cafe\u0301"
    assert build_entry(EntryDraft(text=decomposed), record_id="e", now=NOW).text == "Café"


@pytest.mark.parametrize(
    ("draft", "message"),
    [
        (EntryDraft(text=""), "The entry is empty; write a few words first."),
        (EntryDraft(text=" \n\t "), "The entry is empty"),
        (EntryDraft(text=123), "The entry text must be text."),  # type: ignore[arg-type]
        (
            EntryDraft(text="a" * (MAX_TEXT_CHARS + 1)),
            "The entry is too long (200,001 characters; the limit is 200,000).",
        ),
        (EntryDraft(text="x", anxiety=11), "Anxiety must be from 0 to 10 (got 11)."),
        (EntryDraft(text="x", anxiety=-1), "Anxiety must be from 0 to 10 (got -1)."),
        (EntryDraft(text="x", anxiety=True), "Anxiety must be a whole number from 0 to 10."),
        (EntryDraft(text="x", anxiety=5.5), "Anxiety must be a whole number"),  # type: ignore[arg-type]
        (EntryDraft(text="x", anxiety_after=12), "Anxiety afterwards must be from 0 to 10"),
        (EntryDraft(text="x", tags=["t" * (MAX_LABEL_CHARS + 1)]), "A tag can be at most 60"),
        (EntryDraft(text="x", feelings=["sad\x07"]), "A feeling cannot contain control"),
        (EntryDraft(text="x", tags=["a\nb"]), "A tag cannot contain control characters."),
    ],
)
def test_bad_drafts_are_refused_with_a_plain_reason(draft: EntryDraft, message: str) -> None:
    with pytest.raises(InvalidInput, match=re.escape(message)):
        build_entry(draft, record_id="e", now=NOW)


def test_text_at_the_limit_is_kept() -> None:
    e = build_entry(EntryDraft(text="a" * MAX_TEXT_CHARS), record_id="e", now=NOW)
    assert len(e.text) == MAX_TEXT_CHARS


@pytest.mark.parametrize("value", [None, 0, 10])
def test_ratings_at_the_edges(value: int | None) -> None:
    assert check_rating(value, "Anxiety") == value


# --- Labels ----------------------------------------------------------------------------------


def test_clean_labels_trims_drops_duplicates_and_keeps_first_spelling() -> None:
    assert clean_labels([" Search ", "search", "SEARCH", "", "calls", "  "], "tag") == [
        "Search",
        "calls",
    ]


def test_clean_labels_matches_across_unicode_forms_and_keeps_scripts() -> None:
    assert clean_labels(["cafe\u0301", "café", "قلق", "משפחה", "🌿"], "tag") == [
        "café",
        "قلق",
        "משפחה",
        "🌿",
    ]


def test_clean_labels_takes_one_string_as_one_label() -> None:
    assert clean_labels("nervous", "feeling") == ["nervous"]
    e = build_entry(EntryDraft(text="x", feelings="nervous"), record_id="e", now=NOW)  # type: ignore[arg-type]
    assert e.feelings == ["nervous"]


def test_a_label_at_the_length_limit_is_kept() -> None:
    assert clean_labels(["t" * MAX_LABEL_CHARS], "tag") == ["t" * MAX_LABEL_CHARS]


# --- Dates -----------------------------------------------------------------------------------


def test_no_date_means_now() -> None:
    assert check_when(None, NOW) == NOW


def test_dates_are_stored_in_utc() -> None:
    paris = timezone(timedelta(hours=1))
    at = datetime(2025, 3, 1, 9, 0, tzinfo=paris)
    assert check_when(at, NOW) == datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
    naive = datetime(2025, 3, 1, 9, 0)
    assert check_when(naive, NOW) == datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def test_up_to_one_day_ahead_is_allowed_for_time_zones() -> None:
    assert check_when(NOW + timedelta(days=1), NOW) == NOW + timedelta(days=1)
    with pytest.raises(InvalidInput, match="That date is in the future"):
        check_when(NOW + timedelta(days=1, seconds=1), NOW)
    with pytest.raises(InvalidInput, match="in the future"):
        build_entry(EntryDraft(text="x", at=datetime(2999, 1, 1)), record_id="e", now=NOW)


def test_dates_before_1900_are_refused() -> None:
    assert check_when(datetime(1900, 1, 1, tzinfo=UTC), NOW).year == 1900
    with pytest.raises(InvalidInput, match="That date is before 1900; please check it."):
        check_when(datetime(1899, 12, 31, 23, 59, tzinfo=UTC), NOW)
    with pytest.raises(InvalidInput, match="before 1900"):
        build_entry(EntryDraft(text="x", at=datetime(1, 1, 1)), record_id="e", now=NOW)


# --- Adding, editing, deleting ---------------------------------------------------------------


def test_add_entry_stores_it(store: MemoryStore) -> None:
    e = add_entry(store, EntryDraft(text="hello", tags=["a"]), record_id="e1", now=NOW)
    assert store.get(Entry, "e1") == e


def test_a_refused_draft_stores_nothing(store: MemoryStore) -> None:
    with pytest.raises(InvalidInput):
        add_entry(store, EntryDraft(text="x", anxiety=42), record_id="e1", now=NOW)
    assert store.all(Entry) == [] and store.writes == 0


def test_edit_replaces_content_and_keeps_id_date_and_unknown_fields(store: MemoryStore) -> None:
    written = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
    original = Entry(
        id="e1",
        created_at=written,
        text="first",
        anxiety=8,
        tags=["old"],
        extra={"mood_colour": "teal"},  # written by a newer version of the app
    )
    store.add(original)
    updated = edit_entry(store, "e1", EntryDraft(text="second", anxiety=3, tags=["new"]), now=LATER)
    assert updated.id == "e1" and updated.created_at == written
    assert updated.text == "second" and updated.anxiety == 3 and updated.tags == ["new"]
    assert updated.updated_at == LATER
    assert updated.extra == {"mood_colour": "teal"}
    assert store.get(Entry, "e1") == updated


def test_edit_can_move_the_date_but_only_to_a_valid_one(store: MemoryStore) -> None:
    add_entry(store, EntryDraft(text="x"), record_id="e1", now=NOW)
    moved = edit_entry(
        store, "e1", EntryDraft(text="x", at=datetime(2025, 2, 1, tzinfo=UTC)), now=LATER
    )
    assert moved.created_at == datetime(2025, 2, 1, tzinfo=UTC)
    with pytest.raises(InvalidInput, match="in the future"):
        edit_entry(store, "e1", EntryDraft(text="x", at=NOW + timedelta(days=3)), now=LATER)
    with pytest.raises(InvalidInput, match="empty"):
        edit_entry(store, "e1", EntryDraft(text=""), now=LATER)
    assert store.get(Entry, "e1") == moved


def test_edit_an_unknown_entry(store: MemoryStore) -> None:
    with pytest.raises(InvalidInput, match="No entry with id nope."):
        edit_entry(store, "nope", EntryDraft(text="x"), now=NOW)


def test_delete_entry(store: MemoryStore) -> None:
    add_entry(store, EntryDraft(text="x"), record_id="e1", now=NOW)
    assert delete_entry(store, "e1") is True
    assert delete_entry(store, "e1") is False
    assert store.all(Entry) == []


# --- Searching -------------------------------------------------------------------------------


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2025, 3, day, hour, tzinfo=UTC)


ENTRIES = [
    Entry(
        id="walk", created_at=at(1), text="Calm morning walk", tags=["calm"], feelings=["Peaceful"]
    ),
    Entry(
        id="panic",
        created_at=at(5),
        text="Panic before the CALL",
        tags=["Search"],
        feelings=["scared"],
    ),
    Entry(id="booked", created_at=at(9), text="Booked a consultation", tags=["search", "win"]),
    Entry(id="hebrew", created_at=at(7), text="שלום, דיברתי עם אמא", tags=["משפחה"]),
    Entry(id="wide", created_at=at(3), text="Ｃａｌｌ went fine"),  # full-width letters
]


def ids(query: EntryQuery) -> list[str]:
    return [e.id for e in search_entries(ENTRIES, query)]


def test_everything_newest_first() -> None:
    assert ids(EntryQuery()) == ["booked", "hebrew", "panic", "wide", "walk"]


def test_words_must_all_appear_in_any_order_and_case() -> None:
    assert ids(EntryQuery(words="call PANIC")) == ["panic"]
    assert ids(EntryQuery(words="call")) == ["panic", "wide"]  # NFKC folds full-width letters
    assert ids(EntryQuery(words="panic walk")) == []
    assert ids(EntryQuery(words="  ")) == ids(EntryQuery())


def test_words_also_match_tags_and_feelings() -> None:
    assert ids(EntryQuery(words="win")) == ["booked"]
    assert ids(EntryQuery(words="peaceful")) == ["walk"]
    assert ids(EntryQuery(words="משפחה")) == ["hebrew"]


def test_tag_and_feeling_match_whole_labels_in_any_case() -> None:
    assert ids(EntryQuery(tag="SEARCH")) == ["booked", "panic"]
    assert ids(EntryQuery(tag="sear")) == []
    assert ids(EntryQuery(feeling="Scared")) == ["panic"]
    assert ids(EntryQuery(tag="search", words="booked")) == ["booked"]


def test_since_and_until_are_inclusive_days() -> None:
    assert ids(EntryQuery(since=date(2025, 3, 5))) == ["booked", "hebrew", "panic"]
    assert ids(EntryQuery(until=date(2025, 3, 3))) == ["wide", "walk"]
    assert ids(EntryQuery(since=date(2025, 3, 5), until=date(2025, 3, 7))) == ["hebrew", "panic"]
    assert ids(EntryQuery(since=date(2025, 3, 5), until=date(2025, 3, 5))) == ["panic"]


def test_limit_keeps_the_newest() -> None:
    assert ids(EntryQuery(limit=2)) == ["booked", "hebrew"]
    assert ids(EntryQuery(limit=0)) == []
    assert ids(EntryQuery(tag="search", limit=1)) == ["booked"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (EntryQuery(limit=-1), "The limit must be zero or more."),
        (
            EntryQuery(since=date(2025, 3, 9), until=date(2025, 3, 1)),
            "The start date is after the end date.",
        ),
    ],
)
def test_impossible_queries_are_refused(query: EntryQuery, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        search_entries(ENTRIES, query)


def test_search_accepts_any_iterable_and_does_not_reorder_the_input() -> None:
    given = list(ENTRIES)
    assert [e.id for e in search_entries(iter(given), EntryQuery(limit=1))] == ["booked"]
    assert given == ENTRIES


def test_since_and_until_are_days_on_the_persons_calendar() -> None:
    """08:00 on 30 Nov at UTC+14 is 18:00 on 29 Nov in UTC; the person means the 30th."""
    kiritimati = ZoneInfo("Pacific/Kiritimati")
    early = Entry(
        id="early",
        created_at=datetime(2026, 11, 30, 8, 0, tzinfo=kiritimati),
        text="written before breakfast",
    )
    on_30th = EntryQuery(since=date(2026, 11, 30), until=date(2026, 11, 30), tz=kiritimati)
    assert [e.id for e in search_entries([early], on_30th)] == ["early"]
    on_29th = EntryQuery(since=date(2026, 11, 29), until=date(2026, 11, 29), tz=kiritimati)
    assert search_entries([early], on_29th) == []
    # Without a zone the core keeps to UTC days, as before.
    utc_29th = EntryQuery(since=date(2026, 11, 29), until=date(2026, 11, 29))
    assert [e.id for e in search_entries([early], utc_29th)] == ["early"]


def test_editing_keeps_the_prompt_it_answered_and_can_back_date(store: MemoryStore) -> None:
    from journal_app.core.journal import draft_of, restore_entry

    first = add_entry(
        store,
        EntryDraft(text="About approaches", prompt_id="modality_why"),
        record_id="e1",
        now=NOW,
    )
    earlier = NOW - timedelta(days=4)
    draft = draft_of(first)
    draft.prompt_id = None  # the app's form does not carry it
    draft.at = earlier
    edited = edit_entry(store, "e1", draft, now=LATER)
    assert (edited.prompt_id, edited.created_at, edited.updated_at) == (
        "modality_why",
        earlier,
        LATER,
    )
    assert delete_entry(store, "e1")
    restore_entry(store, edited)
    assert store.get(Entry, "e1") == edited

"""Journal entries: the rules for writing, editing and finding them.

Validation lives here (not in the CLI or the UI) so that every shell refuses the same
bad input with the same plain reason.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from operator import attrgetter

from journal_app.core import search_index
from journal_app.core.ports import RecordStore
from journal_app.core.records import Entry, ensure_utc, local_day, unchanged
from journal_app.core.search_index import fold, haystack

MAX_TEXT_CHARS = 200_000  # about 30,000 words: far beyond any one sitting
MAX_LABEL_CHARS = 60


class InvalidInput(ValueError):
    """Input a person gave that cannot be stored; the message is one plain sentence."""


@dataclass
class EntryDraft:
    """What a person wrote, before it becomes a stored entry."""

    text: str
    anxiety: int | None = None
    feelings: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    prompt_id: str | None = None
    coping_strategy: str | None = None
    anxiety_after: int | None = None
    at: datetime | None = None
    source_id: str | None = None  # an imported entry's id in the app it came from
    source_version: str | None = None  # when the app it came from last changed it (UTC ISO)


def check_short_text(value: object, what: str, *, max_chars: int, empty_hint: str) -> str:
    """A title or name to show: trimmed, not empty, printable, not absurdly long.

    One rule for every short label the person types (goal titles, therapist names), so
    each refuses bad input with the same kind of sentence.
    """
    if not isinstance(value, str):
        raise InvalidInput(f"The {what} must be text.")
    cleaned = unicodedata.normalize("NFC", value).strip()
    if not cleaned:
        raise InvalidInput(f"The {what} is empty; {empty_hint}.")
    if len(cleaned) > max_chars:
        raise InvalidInput(f"The {what} can be at most {max_chars} characters.")
    if any(unicodedata.category(ch) == "Cc" for ch in cleaned):
        raise InvalidInput(f"The {what} cannot contain control characters.")
    return cleaned


def check_rating(value: int | None, what: str) -> int | None:
    """A 0-10 rating or None; anything else is refused with a reason."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"{what} must be a whole number from 0 to 10.")
    if not 0 <= value <= 10:
        raise InvalidInput(f"{what} must be from 0 to 10 (got {value}).")
    return value


def clean_labels(values: Iterable[str], what: str) -> list[str]:
    """Trim, drop empties and duplicates (case-insensitively), keep the person's spelling."""
    if isinstance(values, str):  # one label, not a label per letter
        values = [values]
    seen: set[str] = set()
    out: list[str] = []
    for raw in values:
        label = unicodedata.normalize("NFC", str(raw)).strip()
        if not label:
            continue
        if len(label) > MAX_LABEL_CHARS:
            raise InvalidInput(f"A {what} can be at most {MAX_LABEL_CHARS} characters.")
        if any(unicodedata.category(ch) == "Cc" for ch in label):
            raise InvalidInput(f"A {what} cannot contain control characters.")
        key = label.casefold()
        if key not in seen:
            seen.add(key)
            out.append(label)
    return out


def check_text(text: str) -> str:
    """Entry text: not empty, not absurdly long. Kept exactly as written otherwise."""
    if not isinstance(text, str):
        raise InvalidInput("The entry text must be text.")
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise InvalidInput("The entry is empty; write a few words first.")
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidInput(
            f"The entry is too long ({len(text):,} characters; the limit is {MAX_TEXT_CHARS:,})."
        )
    return text


EARLIEST_YEAR = 1900
FUTURE_SLACK = timedelta(days=1)  # time zones and clock drift, no more


def check_when(at: datetime | None, now: datetime) -> datetime:
    """An entry's date: given or now; not in the future, not before 1900."""
    if at is None:
        return now
    at = ensure_utc(at)
    if at > now + FUTURE_SLACK:
        raise InvalidInput("That date is in the future; entries are about what has happened.")
    if at.year < EARLIEST_YEAR:
        raise InvalidInput(f"That date is before {EARLIEST_YEAR}; please check it.")
    return at


def build_entry(draft: EntryDraft, *, record_id: str, now: datetime) -> Entry:
    """Validate a draft and turn it into an entry stamped ``now`` (or the draft's own date)."""
    return Entry(
        id=record_id,
        created_at=check_when(draft.at, now),
        text=check_text(draft.text),
        anxiety=check_rating(draft.anxiety, "Anxiety"),
        feelings=clean_labels(draft.feelings, "feeling"),
        tags=clean_labels(draft.tags, "tag"),
        prompt_id=draft.prompt_id,
        coping_strategy=(draft.coping_strategy or "").strip() or None,
        anxiety_after=check_rating(draft.anxiety_after, "Anxiety afterwards"),
        source_id=draft.source_id,
        source_version=draft.source_version,
    )


def add_entry(store: RecordStore, draft: EntryDraft, *, record_id: str, now: datetime) -> Entry:
    """Write a new entry."""
    entry = build_entry(draft, record_id=record_id, now=now)
    store.add(entry)
    return entry


def draft_of(entry: Entry) -> EntryDraft:
    """A stored entry as a draft, to change a part of it and save it back."""
    return EntryDraft(
        text=entry.text,
        anxiety=entry.anxiety,
        feelings=list(entry.feelings),
        tags=list(entry.tags),
        prompt_id=entry.prompt_id,
        coping_strategy=entry.coping_strategy,
        anxiety_after=entry.anxiety_after,
        at=entry.created_at,
    )


def edit_entry(store: RecordStore, entry_id: str, draft: EntryDraft, *, now: datetime) -> Entry:
    """Replace an entry's content, keeping its id and original date unless a new one is given
    (back-dating is allowed, the future is not), and the prompt it answered."""
    old = store.get(Entry, entry_id)
    if old is None:
        raise InvalidInput(f"No entry with id {entry_id}.")
    if draft.at is None:
        draft = replace(draft, at=old.created_at)
    if draft.prompt_id is None:
        draft = replace(draft, prompt_id=old.prompt_id)
    if draft.source_id is None:  # an imported entry stays known to its export when edited
        draft = replace(draft, source_id=old.source_id, source_version=old.source_version)
    fresh = build_entry(draft, record_id=old.id, now=now)
    updated = replace(fresh, updated_at=now, extra=old.extra, schema_version=old.schema_version)
    if unchanged(old, updated):  # saved as it was: the entry stays exactly as it was
        return old
    store.update(updated)
    return updated


def delete_entry(store: RecordStore, entry_id: str) -> bool:
    """Remove an entry. Asking first is the UI's job."""
    return store.remove(Entry, entry_id)


def restore_entry(store: RecordStore, entry: Entry) -> Entry:
    """Put a deleted entry back exactly as it was (the undo of a delete)."""
    if store.get(Entry, entry.id) is None:
        store.add(entry)
    return entry


@dataclass(frozen=True)
class EntryQuery:
    """What to look for: every given condition must hold.

    ``since`` and ``until`` are days on the person's calendar, so ``tz`` (their zone, given
    by the shell; None means UTC) says which day each stored moment falls on.
    """

    words: str = ""
    tag: str | None = None
    feeling: str | None = None
    since: date | None = None
    until: date | None = None
    limit: int | None = None
    tz: tzinfo | None = None


def _fold(text: str) -> str:
    return fold(text)


def matches(entry: Entry, query: EntryQuery, folded_words: Sequence[str]) -> bool:
    """Whether one entry satisfies the query (words match text or tags, any order)."""
    if not _meets_filters(entry, query):
        return False
    if folded_words:
        text = haystack(entry)
        return all(word in text for word in folded_words)
    return True


def _meets_filters(entry: Entry, query: EntryQuery) -> bool:
    """The conditions other than words: dates, tag, feeling."""
    if query.since or query.until:  # the local day only when a date range asks for it
        day = local_day(entry.created_at, query.tz)
        if query.since and day < query.since:
            return False
        if query.until and day > query.until:
            return False
    if query.tag and _fold(query.tag) not in {_fold(t) for t in entry.tags}:
        return False
    return not query.feeling or _fold(query.feeling) in {_fold(f) for f in entry.feelings}


_created_at = attrgetter("created_at")


def prepare_search(entries: list[Entry]) -> None:
    """Ready the word index for searches of ``entries`` (the list a search will be given)."""
    search_index.SHARED.prepare(entries)


def search_entries(entries: Iterable[Entry], query: EntryQuery) -> list[Entry]:
    """Entries that match, newest first, at most ``query.limit`` of them."""
    if query.limit is not None and query.limit < 0:
        raise InvalidInput("The limit must be zero or more.")
    if query.since and query.until and query.since > query.until:
        raise InvalidInput("The start date is after the end date.")
    words = [_fold(w) for w in query.words.split()]
    if words:
        # The word index answers repeated searches without reading every entry's text.
        listed = entries if isinstance(entries, list) else list(entries)
        entries = search_index.SHARED.matching(listed, words)
    filtered = query.since or query.until or query.tag or query.feeling
    found = [e for e in entries if _meets_filters(e, query)] if filtered else list(entries)
    found.sort(key=_created_at, reverse=True)
    return found if query.limit is None else found[: query.limit]

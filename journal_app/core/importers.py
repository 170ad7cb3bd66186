"""Bring an existing journal along: read a jrnl or Day One JSON export into entry drafts.

These are pure functions over the file's contents (no file access, no clock, no network),
so the shell can read the file however it likes and then store every draft in one write.

An import is all-or-nothing on purpose. Someone moving years of private writing should never
end up with half a journal and no clear idea which half: if one entry cannot be understood,
the whole file is refused with one plain line that says which entry (counted from 1, as a
person would count them) and what is wrong with it. Error messages never quote the
person's writing, because messages end up in places (logs, screenshots) that entries do not.

Formats, as the real exporters write them:

* jrnl (``jrnl --export json``; jrnl/plugins/json_exporter.py in jrnl-org/jrnl, 2.x-4.x):
  ``{"tags": {"@tag": count}, "entries": [{"title", "body", "date": "YYYY-MM-DD",
  "time": "HH:MM", "tags": ["@tag"], "starred": bool, ...}]}``, written by ``json.dumps``
  with ``indent=2`` (so non-ASCII arrives as ``\\uXXXX`` escapes, which JSON decoding undoes).
* Day One ("Journal.json" in the export zip): ``{"metadata": {"version": "1.0"},
  "entries": [{"uuid", "creationDate": "2023-01-05T14:30:00Z", "timeZone", "text",
  "modifiedDate", "tags": [...], "starred": bool, "photos": [...], ...}]}``; ``text`` is
  Markdown with punctuation backslash-escaped and media embedded as
  ``![](dayone-moment://ID)``.

Identity, so importing again adds nothing whatever zone the device is in at the time: a Day
One entry is its ``uuid``; a jrnl entry, which has no id, is the date and time *as written*
in the export plus its words (``source_id`` "jrnl:2023-01-05T09:15"), never the instant
they were converted to, which depends on the zone at import. See ``core/import_plan``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from journal_app.core.journal import EntryDraft, InvalidInput, check_text, clean_labels
from journal_app.core.records import ensure_utc

JRNL = "jrnl"
DAY_ONE = "Day One"
STARRED_TAG = "starred"
JRNL_ID_PREFIX = "jrnl:"
DAY_ONE_ID_PREFIX = "dayone:"


class ImportFormatError(InvalidInput):
    """The file is not the export it claims to be; nothing from it should be stored.

    ``entry_index`` is the 0-based position of the faulty entry (None when the problem is
    with the file as a whole), so a shell can point at it without parsing the message.
    """

    def __init__(self, message: str, *, entry_index: int | None = None) -> None:
        super().__init__(message)
        self.entry_index = entry_index


@dataclass(frozen=True)
class MovedTime:
    """A time written in the hour a clock skips when summer time begins (02:30 on a night
    that goes from 01:59 to 03:00). It is kept, placed at the next real time, and named in
    the summary so the person knows why the entry shows another time."""

    draft_index: int
    written: datetime  # as written, on the clock (no zone)
    placed: datetime  # where it was placed, on the same clock (no zone)
    zone: str


@dataclass(frozen=True)
class ImportResult:
    """What an import found.

    Entries with no words (an empty jrnl entry, a photo-only Day One entry) are skipped
    rather than refused: refusing would block the whole journal over something harmless,
    and importing them would give the person blank entries to tidy up. They are counted so
    the shell can say "12 entries imported, 2 empty ones left out" and nothing vanishes
    silently. So are the photos and other media an export holds (``media_left_out``,
    "photo": 3) and times moved out of a daylight-saving gap (``moved``).
    """

    source_name: str
    drafts: list[EntryDraft] = field(default_factory=list)
    skipped_count: int = 0
    moved: tuple[MovedTime, ...] = ()
    media_left_out: dict[str, int] = field(default_factory=dict)


def combine(results: list[ImportResult]) -> ImportResult:
    """Several exports read as one (a Day One zip holds one JSON file per journal)."""
    drafts: list[EntryDraft] = []
    moved: list[MovedTime] = []
    media: Counter[str] = Counter()
    for result in results:
        moved += [
            MovedTime(m.draft_index + len(drafts), m.written, m.placed, m.zone)
            for m in result.moved
        ]
        drafts += result.drafts
        media.update(result.media_left_out)
    return ImportResult(
        source_name=results[0].source_name if results else DAY_ONE,
        drafts=drafts,
        skipped_count=sum(r.skipped_count for r in results),
        moved=tuple(moved),
        media_left_out=dict(media),
    )


def place_wall_time(written: datetime, tz: tzinfo) -> tuple[datetime, datetime | None]:
    """A clock time in ``tz`` as a UTC instant, and where it was placed if it never existed.

    A time in the gap when clocks spring forward is read with the offset in force before
    the change, as calendars do (RFC 5545): 02:30 on a night that jumps from 02:00 to 03:00
    becomes 03:30, the time the clock would have shown had it not jumped. The entry keeps
    its place among the others and nothing is refused. The second value is that placed
    clock time (None when the time exists). A repeated hour (autumn) takes its first pass.
    """
    instant = written.replace(tzinfo=tz).astimezone(UTC)
    back = instant.astimezone(tz).replace(tzinfo=None)
    return instant, (back if back != written else None)


# --- Reading the file ----------------------------------------------------------------------


def _load_json(data: bytes | str) -> Any:
    """Decode strictly: both exporters write UTF-8 JSON, so anything else is not an export."""
    if isinstance(data, bytes | bytearray | memoryview):
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFormatError(
                "The file is not UTF-8 text, so it is not a JSON export."
            ) from None
    elif isinstance(data, str):
        text = data.removeprefix("\ufeff")
    else:
        raise ImportFormatError("Expected the file's contents as bytes or text.")
    if not text.strip():
        raise ImportFormatError("The file is empty.")
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise ImportFormatError("The file is not valid JSON.") from None


def _kind(value: Any) -> str:
    """Name a JSON value the way a person would recognise it in an error message."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "null"
    return "a number"


def _first_entry(doc: dict[str, Any]) -> dict[str, Any] | None:
    entries = doc.get("entries")
    if isinstance(entries, list):
        for raw in entries:
            if isinstance(raw, dict):
                return raw
    return None


def _looks_like_day_one(doc: dict[str, Any]) -> bool:
    """Day One always writes a ``metadata`` block and dates its entries ``creationDate``."""
    first = _first_entry(doc)
    return "metadata" in doc or (first is not None and "creationDate" in first)


def _looks_like_jrnl(doc: dict[str, Any]) -> bool:
    """jrnl splits each entry into title and body and dates it with ``date`` and ``time``."""
    first = _first_entry(doc)
    return (
        "metadata" not in doc
        and first is not None
        and {"title", "body", "date"} <= first.keys()
        and "creationDate" not in first
    )


def _entries_of(
    doc: Any, source: str, other: str, looks_like_other: Callable[[dict[str, Any]], bool]
) -> list[Any]:
    """The file's entry list, after checking that the file is this app's export at all.

    Naming the other app when its export is given to the wrong importer turns a puzzling
    "missing field" into something the person can act on.
    """
    if not isinstance(doc, dict):
        raise ImportFormatError(
            f"This is not a {source} export: the file holds {_kind(doc)}, not an object."
        )
    if looks_like_other(doc):
        raise ImportFormatError(
            f"This looks like a {other} export, not a {source} one; use the {other} import instead."
        )
    entries = doc.get("entries")
    if not isinstance(entries, list):
        raise ImportFormatError(f'This is not a {source} export: it has no list of "entries".')
    return entries


# --- Checking one entry --------------------------------------------------------------------


@dataclass(frozen=True)
class _Where:
    """Which entry is being read, so every complaint names it the same way."""

    index: int
    total: int

    def fail(self, problem: str) -> ImportFormatError:
        return ImportFormatError(
            f"Entry {self.index + 1} of {self.total} {problem}.", entry_index=self.index
        )


def _text_field(raw: dict[str, Any], key: str, where: _Where, *, required: bool) -> str:
    if key not in raw:
        if required:
            raise where.fail(f'has no "{key}"')
        return ""
    value = raw[key]
    if not isinstance(value, str):
        raise where.fail(f'has a "{key}" that is {_kind(value)}, not text')
    return value


def _flag_field(raw: dict[str, Any], key: str, where: _Where) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise where.fail(f'has a "{key}" that is {_kind(value)}, not true/false')
    return value


def _list_field(raw: dict[str, Any], key: str, where: _Where) -> list[str]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise where.fail(f'has "{key}" that are not a list of text')
    return value


def _date_field(raw: dict[str, Any], key: str, where: _Where) -> str:
    """A date is what places an entry in someone's history, so it is never optional."""
    if key not in raw or raw[key] in ("", None):
        raise where.fail("has no date")
    value = raw[key]
    if not isinstance(value, str):
        raise where.fail(f"has a date that is {_kind(value)}, not text")
    return value


def _require_storable(value: str, where: _Where) -> None:
    """JSON can smuggle in lone surrogates (``\\ud800``), which no vault can write as UTF-8."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise where.fail("contains broken characters (an invalid Unicode escape)") from None


def _finish(
    text: str,
    tags: list[str],
    starred: bool,
    at: datetime,
    where: _Where,
    source_id: str | None = None,
    source_version: str | None = None,
) -> EntryDraft | None:
    """Apply the app's own rules now, so a bad entry is refused with its number.

    The shell validates again when it stores the drafts; doing it here as well is what
    lets the person learn *which* entry is at fault.
    """
    if not text.strip():
        return None
    _require_storable(text, where)
    labels = [*tags, STARRED_TAG] if starred else list(tags)
    for label in labels:
        _require_storable(label, where)
    try:
        checked_text = check_text(text)
        checked_tags = clean_labels(labels, "tag")
    except InvalidInput as exc:
        raise where.fail(f"cannot be imported: {str(exc).rstrip('.')}") from None
    return EntryDraft(
        text=checked_text,
        tags=checked_tags,
        at=at,
        source_id=source_id,
        source_version=source_version,
    )


# Told how far reading has got: (entries read, entries in the file).
Progress = Callable[[int, int], None]
PROGRESS_STEPS = 50  # at most this many reports while reading, whatever the file's size


def _report_every(total: int) -> int:
    """How many entries between reports: often enough to move a bar, rarely enough that
    telling the screen costs nothing next to reading."""
    return max(1, -(-total // PROGRESS_STEPS))


@dataclass
class _Notes:
    """What reading one entry noticed besides its draft: a moved time, media left out."""

    moved: tuple[datetime, datetime, str] | None = None
    media: Counter[str] = field(default_factory=Counter)


Convert = Callable[[dict[str, Any], _Where, _Notes], EntryDraft | None]


def _collect(
    entries: list[Any],
    source: str,
    convert: Convert,
    progress: Progress | None = None,
) -> ImportResult:
    drafts: list[EntryDraft] = []
    moved: list[MovedTime] = []
    media: Counter[str] = Counter()
    skipped = 0
    total = len(entries)
    every = _report_every(total)
    if progress is not None:
        progress(0, total)
    for index, raw in enumerate(entries):
        if progress is not None and index and index % every == 0:
            progress(index, total)
        where = _Where(index, len(entries))
        if not isinstance(raw, dict):
            raise where.fail(f"is {_kind(raw)}, not an entry")
        notes = _Notes()
        draft = convert(raw, where, notes)
        media.update(notes.media)
        if draft is None:
            skipped += 1
            continue
        if notes.moved is not None:
            moved.append(MovedTime(len(drafts), *notes.moved))
        drafts.append(draft)
    if progress is not None and total:
        progress(total, total)
    return ImportResult(
        source_name=source,
        drafts=drafts,
        skipped_count=skipped,
        moved=tuple(moved),
        media_left_out=dict(media),
    )


# --- jrnl ----------------------------------------------------------------------------------

_JRNL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_JRNL_TIME = re.compile(r"[0-9]{2}:[0-9]{2}")
# jrnl's own tag pattern after the tag symbol (jrnl/journals/Entry.py, Entry.tag_regex).
_JRNL_TAG_TAIL = r"(?![-+*#/\w])"


def _jrnl_moment(
    raw: dict[str, Any], where: _Where, tz: tzinfo | None, notes: _Notes
) -> tuple[datetime, str]:
    """When a jrnl entry was written, and that time as written ("2023-01-05T09:15").

    jrnl stores local wall-clock time with no zone, and the export does not say which.
    The time is the person's own clock, so it is read in their zone ``tz`` (given by the
    shell; None means UTC): "10:15" in the file shows as 10:15 in the journal, on the day
    they remember writing it, rather than shifted by their distance from UTC. A time the
    clock skipped (summer time) is placed after the gap and noted (``place_wall_time``).
    """
    day = _date_field(raw, "date", where)
    time = _text_field(raw, "time", where, required=True)
    if not _JRNL_DATE.fullmatch(day):
        raise where.fail("has a date that is not in the form YYYY-MM-DD")
    if not _JRNL_TIME.fullmatch(time):
        raise where.fail("has a time that is not in the form HH:MM")
    try:
        moment = datetime.strptime(f"{day} {time}", "%Y-%m-%d %H:%M")
    except ValueError:
        raise where.fail("has a date or time that does not exist") from None
    written = f"{day}T{time}"
    if tz is None:
        return ensure_utc(moment), written
    instant, placed = place_wall_time(moment, tz)
    if placed is not None:
        notes.moved = (moment, placed, str(tz))
    return instant, written


def _jrnl_text(title: str, body: str) -> str:
    """Put the entry back together the way jrnl itself writes it to its journal file.

    jrnl splits an entry at its first line break (or, failing that, its first sentence)
    into title and body, strips both, and writes ``title + "\\n" + body``
    (``Entry.__str__``); an empty body leaves just the title. We do the same, so the
    entry reads as it did in jrnl rather than gaining a blank line it never had.
    """
    return "\n".join(part for part in (title, body) if part.strip())


def _jrnl_tag(tag: str, text: str) -> str:
    """Drop the tag symbol and give the tag back the person's own capitalisation.

    jrnl lower-cases tags in the export ("@Work" becomes "@work"), but the entry text still
    has them as written, so the first matching use in the text wins.
    """
    if not tag:
        return tag
    found = re.search(rf"(?<!\S){re.escape(tag)}{_JRNL_TAG_TAIL}", text, re.IGNORECASE)
    spelled = found.group(0) if found else tag
    # The symbol is configurable in jrnl ("@" by default, often "#"), so strip any
    # leading non-word character rather than a fixed one.
    return spelled[1:] if not (spelled[0].isalnum() or spelled[0] == "_") else spelled


def _jrnl_entry(
    raw: dict[str, Any], where: _Where, tz: tzinfo | None, notes: _Notes
) -> EntryDraft | None:
    at, written = _jrnl_moment(raw, where, tz, notes)
    title = _text_field(raw, "title", where, required=True)
    body = _text_field(raw, "body", where, required=True)
    starred = _flag_field(raw, "starred", where)
    text = _jrnl_text(title, body)
    tags = [_jrnl_tag(tag, text) for tag in _list_field(raw, "tags", where)]
    return _finish(text, tags, starred, at, where, f"{JRNL_ID_PREFIX}{written}")


def parse_jrnl_json(
    data: bytes | str, tz: tzinfo | None = None, *, progress: Progress | None = None
) -> ImportResult:
    """Read the output of ``jrnl --export json`` (jrnl 2.x-4.x).

    Kept: date and time (wall-clock in ``tz``, the person's zone; see ``_jrnl_moment``),
    the text (title and body joined as jrnl joins them), tags without their symbol, and a
    star as the tag "starred". Raises ImportFormatError if the file is not such an export.
    ``progress`` hears how many entries have been read (see ``_collect``).
    """
    doc = _load_json(data)
    entries = _entries_of(doc, JRNL, DAY_ONE, _looks_like_day_one)
    tags = doc.get("tags", {})
    if not isinstance(tags, dict):
        raise ImportFormatError(f'This is not a {JRNL} export: its "tags" are not an object.')
    return _collect(
        entries, JRNL, lambda raw, where, notes: _jrnl_entry(raw, where, tz, notes), progress
    )


# --- Day One -------------------------------------------------------------------------------

_DAY_ONE_DATE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?"
    r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?"
)
# Media Day One embeds in the Markdown: photos as dayone-moment://ID, the rest as
# dayone-moment:/video/ID, /audio/ID, /pdfAttachment/ID.
_DAY_ONE_MEDIA = re.compile(
    r"!\[[^\]\n]*\]\(dayone-moment:/{1,2}(?:(?P<kind>photo|video|audio|pdfAttachment)/)?"
    r"[^)\s]*\)"
)
_MEDIA_LABELS = {None: "photo", "photo": "photo", "video": "video", "audio": "audio"}
# Backslash escapes as CommonMark defines them (any ASCII punctuation), and code, where a
# backslash is literal and must be left alone. Escapes are tried first so that an escaped
# backtick is read as a backtick, not as the start of code.
_MARKDOWN_TOKEN = re.compile(
    r"\\(?P<char>[!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])"
    r"|(?P<fence>```.*?(?:```|\Z))"
    r"|(?P<span>`[^`\n]+`)",
    re.DOTALL,
)


def _day_one_zone(raw: dict[str, Any], where: _Where) -> tzinfo:
    """The zone the entry was written in (its ``timeZone``, an IANA name like Europe/London)."""
    name = raw.get("timeZone")
    if not isinstance(name, str) or not name:
        raise where.fail("has a date without a time zone, and no timeZone to read it in")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise where.fail("has a timeZone this device does not know") from None


def _day_one_moment(raw: dict[str, Any], where: _Where, notes: _Notes) -> datetime:
    """When a Day One entry was written, honouring the zone it was written in.

    ``creationDate`` is normally an exact instant ("...Z"), kept as is; where the person
    was does not change the instant. A date without an offset is wall-clock time, so it is
    read in the entry's own ``timeZone`` (never guessed: without one it is refused).
    """
    value = _date_field(raw, "creationDate", where)
    if not _DAY_ONE_DATE.fullmatch(value):
        raise where.fail("has a date that is not in the form 2023-01-05T14:30:00Z")
    try:
        moment = datetime.fromisoformat(value)
    except (ValueError, OverflowError):
        raise where.fail("has a date that does not exist") from None
    try:
        if moment.tzinfo is not None:
            return ensure_utc(moment)
        zone = _day_one_zone(raw, where)
        instant, placed = place_wall_time(moment, zone)
    except OverflowError:
        raise where.fail("has a date that does not exist") from None
    if placed is not None:
        notes.moved = (moment, placed, str(zone))
    return instant


def _day_one_version(raw: dict[str, Any]) -> str | None:
    """When Day One last saved the entry (``modifiedDate``) as UTC ISO text, if it says.

    Only used to tell a later edit from an older copy, so a missing or odd value is not a
    fault in the file: it just means "not known" (and the summary says so if it matters).
    """
    value = raw.get("modifiedDate")
    if not isinstance(value, str) or not _DAY_ONE_DATE.fullmatch(value):
        return None
    try:
        moment = datetime.fromisoformat(value)
        return ensure_utc(moment).isoformat() if moment.tzinfo is not None else None
    except (ValueError, OverflowError):
        return None


def _media_placeholder(match: re.Match[str]) -> str:
    label = _MEDIA_LABELS.get(match.group("kind"), "PDF")
    return f"[{label} not imported]"


def _unescape_markdown(text: str) -> str:
    """Undo Day One's escaping so the text reads as the person typed it.

    Day One writes "6\\-8 weeks\\." for "6-8 weeks."; a Markdown reader hides those
    backslashes, a plain-text one does not. Only backslashes before ASCII punctuation are
    escapes (so "C:\\Users" keeps its backslash), and code is left exactly as it is.
    """

    def replace(match: re.Match[str]) -> str:
        return match.group("char") if match.group("char") is not None else match.group(0)

    return _MARKDOWN_TOKEN.sub(replace, text)


def _day_one_text(raw_text: str, notes: _Notes) -> str:
    """The words of a Day One entry, or "" when it holds nothing but media.

    Each embedded photo (or video, audio, PDF) becomes a visible "[photo not imported]",
    so the person can see where a picture used to be; an entry that is only media has no
    words to keep and is skipped.
    """
    for found in _DAY_ONE_MEDIA.finditer(raw_text):
        notes.media[_MEDIA_LABELS.get(found.group("kind"), "PDF")] += 1
    if not _DAY_ONE_MEDIA.sub("", raw_text).strip():
        return ""
    return _unescape_markdown(_DAY_ONE_MEDIA.sub(_media_placeholder, raw_text))


def _day_one_entry(raw: dict[str, Any], where: _Where, notes: _Notes) -> EntryDraft | None:
    at = _day_one_moment(raw, where, notes)
    # Day One leaves "text" out entirely for an entry that has only media.
    raw_text = _text_field(raw, "text", where, required=False)
    tags = _list_field(raw, "tags", where)
    starred = _flag_field(raw, "starred", where)
    uuid = raw.get("uuid")
    source_id = f"{DAY_ONE_ID_PREFIX}{uuid}" if isinstance(uuid, str) and uuid.strip() else None
    text = _day_one_text(raw_text, notes)
    return _finish(text, tags, starred, at, where, source_id, _day_one_version(raw))


def parse_dayone_json(data: bytes | str, *, progress: Progress | None = None) -> ImportResult:
    """Read Day One's JSON export (the "Journal.json" inside the export zip).

    Kept: ``creationDate`` (an exact UTC instant; a zone-less one is read in the entry's
    ``timeZone``), the text with Day One's Markdown escapes undone and media replaced by
    "[photo not imported]" and the like, tags as written, and a star as the tag "starred".
    Raises ImportFormatError if the file is not such an export. ``progress`` hears how
    many entries have been read (see ``_collect``).
    """
    doc = _load_json(data)
    entries = _entries_of(doc, DAY_ONE, JRNL, _looks_like_jrnl)
    if not isinstance(doc.get("metadata"), dict):
        raise ImportFormatError(f'This is not a {DAY_ONE} export: it has no "metadata".')
    return _collect(entries, DAY_ONE, _day_one_entry, progress)

"""The records Therapy Journal keeps, and how they become plain JSON and back.

Every record carries an id, UTC timestamps and a schema version. Reading is lenient on
purpose: a field a newer version added is kept (in ``extra``) and written back untouched,
and a field an older vault lacks takes its default, so later work can add fields without
breaking old vaults or losing what a newer app wrote.

Ids and timestamps are given by the caller: the core never reads the clock or draws
random numbers itself.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from typing import Any, ClassVar, TypeVar

SCHEMA_VERSION = 1

R = TypeVar("R", bound="Record")


class RecordError(ValueError):
    """A stored record could not be understood (a damaged or foreign document)."""


def ensure_utc(moment: datetime) -> datetime:
    """Return ``moment`` as an aware UTC datetime; naive values are taken to be UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def local_day(moment: datetime, tz: tzinfo | None = None) -> date:
    """The calendar day a stored (UTC) moment falls on where the person is.

    Every person-facing day (filters, "today", weeks, charts) is a local day: otherwise an
    evening entry west of UTC lands "tomorrow" and a morning one far east lands
    "yesterday". The shell passes the zone in (``tz``); None means UTC.
    """
    return ensure_utc(moment).astimezone(tz).date() if tz is not None else ensure_utc(moment).date()


@dataclass(kw_only=True)
class Record:
    """Fields every record shares. Subclasses name their table in ``TABLE``."""

    TABLE: ClassVar[str] = ""

    id: str
    created_at: datetime
    updated_at: datetime | None = None
    schema_version: int = SCHEMA_VERSION
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.created_at = ensure_utc(self.created_at)
        if self.updated_at is not None:
            self.updated_at = ensure_utc(self.updated_at)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict; unknown fields from newer versions are put back as they were."""
        out: dict[str, Any] = dict(self.extra)
        for f in dataclasses.fields(self):
            if f.name == "extra":
                continue
            out[f.name] = _encode(getattr(self, f.name))
        return out

    @classmethod
    def from_dict(cls: type[R], data: dict[str, Any]) -> R:
        """Build a record from stored JSON, tolerating missing and unknown fields."""
        if not isinstance(data, dict):
            raise RecordError(f"{cls.__name__}: expected an object, got {type(data).__name__}")
        record_class: type = cls  # a class is hashable, as the cache needs
        decoders, required = _schema(record_class)
        kwargs: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, value in data.items():
            decode = decoders.get(key, _UNKNOWN)
            if decode is None:  # a plain value (text, number, flag): nothing to convert
                kwargs[key] = value
            elif decode is not _UNKNOWN:
                try:
                    kwargs[key] = decode(value)
                except (TypeError, ValueError) as exc:
                    raise RecordError(f"{cls.__name__}.{key}: {exc}") from exc
            else:
                extra[key] = value
        missing = [name for name in required if name not in kwargs]
        if missing:
            raise RecordError(f"{cls.__name__}: missing {', '.join(missing)}")
        return cls(**kwargs, extra=extra)


@functools.cache
def _schema(cls: type) -> tuple[dict[str, Callable[[Any], Any] | None], tuple[str, ...]]:
    """Each field's decoder and the required names of a record class, worked out once."""
    hints = typing.get_type_hints(cls)
    known = {f.name: f for f in dataclasses.fields(cls) if f.name != "extra"}
    # None marks a plain field, copied without a call: ten years of entries are read on
    # every unlock, and most of each entry is plain.
    decoders = {
        name: None if _is_plain(hints[name]) else _decoder_for(hints[name]) for name in known
    }
    required = tuple(
        name
        for name, f in known.items()
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )
    return decoders, required


_UNKNOWN: Callable[[Any], Any] = lambda v: v  # noqa: E731 - a marker: not a field of ours
_PLAIN = (str, int, float, bool)


def _is_plain(hint: Any) -> bool:
    """Text, numbers and flags (or None) are immutable: stored values can be used as they are."""
    if hint in _PLAIN or hint is type(None):
        return True
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return all(_is_plain(a) for a in typing.get_args(hint))
    return False


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return ensure_utc(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def _copy_json(value: Any) -> Any:
    """A private copy of a JSON value, so a record never shares lists with the store."""
    if isinstance(value, list):
        return [_copy_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _copy_json(v) for k, v in value.items()}
    return value


def _decode_datetime(value: Any) -> datetime:
    if not isinstance(value, str):
        raise TypeError("expected an ISO date-time string")
    return ensure_utc(datetime.fromisoformat(value))


def _decode_date(value: Any) -> date:
    if not isinstance(value, str):
        raise TypeError("expected an ISO date string")
    return date.fromisoformat(value)


@functools.cache
def _decoder_for(hint: Any) -> Callable[[Any], Any]:
    """A function turning a JSON value into ``hint``'s type, worked out once per type.

    Reading ten years of entries calls these tens of thousands of times, so the type
    inspection happens here, once, and not per value.
    """
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = _decoder_for(next(a for a in typing.get_args(hint) if a is not type(None)))
        return lambda v: None if v is None else inner(v)
    if hint is datetime:
        return _decode_datetime
    if hint is date:
        return _decode_date
    if origin is list:
        (inner_hint,) = typing.get_args(hint) or (Any,)
        item = _decoder_for(inner_hint)
        plain = _is_plain(inner_hint)

        def decode_list(value: Any) -> list[Any]:
            if not isinstance(value, list):
                raise TypeError("expected a list")
            return list(value) if plain else [item(v) for v in value]

        return decode_list
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        names = {f.name for f in dataclasses.fields(hint)}
        fields = {k: _decoder_for(h) for k, h in typing.get_type_hints(hint).items()}

        def decode_object(value: Any) -> Any:
            if not isinstance(value, dict):
                raise TypeError(f"expected an object for {hint.__name__}")
            return hint(**{k: fields[k](v) for k, v in value.items() if k in names})

        return decode_object
    return _copy_json


def _decode(value: Any, hint: Any) -> Any:
    return _decoder_for(hint)(value)


# --- The records ---------------------------------------------------------------------------


@dataclass(kw_only=True)
class Entry(Record):
    """A journal entry: free writing with how anxious the person felt and what they tried."""

    TABLE: ClassVar[str] = "entries"

    text: str
    anxiety: int | None = None
    feelings: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    prompt_id: str | None = None
    coping_strategy: str | None = None
    anxiety_after: int | None = None
    # Where an imported entry came from ("dayone:<uuid>", "jrnl:<date>T<time>"), so
    # importing again adds nothing.
    source_id: str | None = None
    # When the app it came from last changed it (Day One's modifiedDate, UTC ISO), so a
    # later export's edits are told from changes made here.
    source_version: str | None = None


@dataclass(kw_only=True)
class PreferenceAnswer(Record):
    """One answer to a guided prompt, with how much it matters to the person."""

    TABLE: ClassVar[str] = "preferences"

    prompt_id: str
    value: Any = None
    importance: str | None = None  # "must", "nice", "dont_mind"


@dataclass
class Step:
    """A small step inside a goal."""

    title: str
    done: bool = False


@dataclass(kw_only=True)
class Goal(Record):
    """A goal: the ready therapist-search journey or one of the person's own."""

    TABLE: ClassVar[str] = "goals"

    title: str
    kind: str = "own"  # "journey" or "own"
    due: date | None = None
    steps: list[Step] = field(default_factory=list)
    done_at: datetime | None = None
    notes: str = ""


@dataclass(kw_only=True)
class Milestone(Record):
    """A milestone on the way to a goal; reaching one is celebrated."""

    TABLE: ClassVar[str] = "milestones"

    goal_id: str
    title: str
    key: str | None = None  # stable name for the ready journey's milestones
    order: int = 0
    due: date | None = None
    done_at: datetime | None = None
    reopened_at: datetime | None = None  # the person unticked it: sync leaves it alone


@dataclass(kw_only=True)
class ReferralSource(Record):
    """Who suggested a therapist or receives a share: a GP, a friend, a counsellor..."""

    TABLE: ClassVar[str] = "referral_sources"

    name: str
    kind: str = "other"  # "primary_care", "friend", "school", "faith", "other"
    contact: str = ""


@dataclass
class StatusChange:
    """A candidate's status and when it was set: follow-ups need to know how long ago."""

    status: str
    at: datetime

    def __post_init__(self) -> None:
        self.at = ensure_utc(self.at)


@dataclass(kw_only=True)
class Candidate(Record):
    """A therapist or clinic on the shortlist."""

    TABLE: ClassVar[str] = "candidates"

    name: str
    credentials: str = ""
    contact: str = ""
    modalities: list[str] = field(default_factory=list)
    specialties: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)  # "telehealth", "in_person"
    languages: list[str] = field(default_factory=list)
    fee: float | None = None  # the amount, for comparing with a budget
    fee_text: str = ""  # the fee as the person wrote it: "$140", "sliding scale", "£60 or less"
    insurance: list[str] = field(default_factory=list)
    sliding_scale: bool = False
    availability: list[str] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)  # identity, faith, etc.
    # What the therapist said, per profile dimension: the answer ids (see core/therapist_answers).
    answers: dict[str, Any] = field(default_factory=dict)
    referral_source_id: str | None = None
    notes: str = ""
    status: str = "to_contact"
    # Each status set, oldest first (older vaults have none: their date is then unknown).
    status_history: list[StatusChange] = field(default_factory=list)
    followed_up_at: datetime | None = None  # the person followed up after contacting them
    referrer_told_at: datetime | None = None  # the referrer heard how it went
    follow_up_dismissed_at: datetime | None = None  # "not now" on the follow-up nudge
    referrer_nudge_dismissed_at: datetime | None = None  # "not now" on "let them know"


@dataclass(kw_only=True)
class CheckIn(Record):
    """A completed standard questionnaire (GAD-7, PHQ-9). Scores are derived, not stored."""

    TABLE: ClassVar[str] = "checkins"

    instrument: str
    answers: list[int]
    taken_at: datetime

    def __post_init__(self) -> None:
        super().__post_init__()
        self.taken_at = ensure_utc(self.taken_at)


@dataclass(kw_only=True)
class Question(Record):
    """A question the person wants to ask at a consultation."""

    TABLE: ClassVar[str] = "questions"

    text: str
    candidate_id: str | None = None
    asked: bool = False


@dataclass(kw_only=True)
class ShareLogEntry(Record):
    """What went to whom and when. Never the passphrase."""

    TABLE: ClassVar[str] = "share_log"

    recipient: str
    sections: list[str]
    fingerprint: str
    since: date | None = None
    until: date | None = None
    referral_source_id: str | None = None


@dataclass(kw_only=True)
class KeptVersion(Record):
    """A version of a record that lost to another made apart on another device (a goal,
    a therapist's card...: a conflicting entry is kept as an entry). Nothing is lost: the
    person can look at it and copy back what they want. Made by ``core/sync_merge``."""

    TABLE: ClassVar[str] = "kept_versions"

    kind: str  # the table of the record it is a version of
    record_id: str
    device: str = ""
    doc: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True)
class Draft(Record):
    """What a form held before it was saved: sealed in the journal like everything else,
    so auto-lock, "Lock now", a closed tab or a killed process never loses a word.

    Only the form it belongs to reads it back: drafts never reach the shared summary,
    Review, searches or the list of entries (see ``core.drafts`` for the rules).
    """

    TABLE: ClassVar[str] = "drafts"

    form: str  # the form's stable key: "journal.new", "candidate.edit:<id>", "checkin.gad7"
    # The form's fields, as plain JSON. Left out of repr: a traceback or a debug print of
    # a draft must not carry what the person wrote.
    fields: dict[str, Any] = field(default_factory=dict, repr=False)


# What the person saved: every kind but drafts. A draft kept while typing changes none of
# these, so summaries worked out from them (the entries' filters, Review) stay valid.
SAVED_RECORD_TYPES: tuple[type[Record], ...] = (
    Entry,
    PreferenceAnswer,
    Goal,
    Milestone,
    ReferralSource,
    Candidate,
    CheckIn,
    Question,
    ShareLogEntry,
    KeptVersion,
)

# Every kind the journal holds (unlocking counts them all, the warm-up reads them all).
ALL_RECORD_TYPES: tuple[type[Record], ...] = (*SAVED_RECORD_TYPES, Draft)


def unchanged(old: R, new: R) -> bool:
    """Whether ``new`` says nothing ``old`` did not, apart from when it was written.

    An edit saved without a change must leave the record exactly as it was: rewriting it
    with a fresh ``updated_at`` would also send a new version to the person's other
    devices, where it could win over a real change made there meanwhile.
    """
    return dataclasses.replace(old, updated_at=None) == dataclasses.replace(new, updated_at=None)

"""What importing an export again would do: add, skip, bring an edit in, or say it differs.

People export again to catch up, and travel or change their clock between imports, so an
entry's identity never depends on the zone at import time:

* a Day One entry is its ``uuid`` (``source_id`` "dayone:<uuid>"), which survives edits;
* a jrnl entry has no id, so it is its date and time *as written in the export* plus its
  words (``source_id`` "jrnl:2023-01-05T09:15" and the text). Entries imported before
  this was kept (no ``source_id``) are matched by their words and a stored moment that is
  the written time read in some real zone (a whole quarter hour, at most 14 hours away).

An entry Day One changed after it was brought in (its ``modifiedDate`` moved on) is
brought in again: the entry takes the new words, date and any new tags, and the words it
had are kept as an entry of their own tagged ``earlier-version``, so nothing the person
wrote (there or here) is lost. One whose export says nothing newer is left as it is and
named, never counted silently as "already there".

Pure: the shell passes the stored entries and ``now``; nothing here reads a clock.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from journal_app.core.importers import JRNL_ID_PREFIX
from journal_app.core.journal import EntryDraft, check_when
from journal_app.core.records import Entry, ensure_utc

EARLIER_VERSION_TAG = "earlier-version"
EARLIER_OF = "earlier_version_of"  # in the copy's ``extra``: the entry it came from
# Real zones are at most 14 hours from UTC and offset by whole quarter hours.
_MAX_OFFSET = timedelta(hours=14)
_OFFSET_STEP = timedelta(minutes=15)


@dataclass
class ImportPlan:
    """Each draft's fate, by its index in the parsed export.

    ``fresh``: to add. ``already``: how many are here as they are. ``edits``: changed in
    the other app since they were brought in, with the stored entry each changes.
    ``kept_here``: the export is older than a change made here, so left as they are.
    ``differ``: different, and the export does not say when it was changed, so left as
    they are. ``beside``: fresh jrnl entries at the minute of one already here with other
    words (an entry edited in jrnl, or two written in one minute), added beside it.
    """

    fresh: list[int] = field(default_factory=list)
    already: int = 0
    edits: list[tuple[int, Entry]] = field(default_factory=list)
    kept_here: list[tuple[int, Entry]] = field(default_factory=list)
    differ: list[tuple[int, Entry]] = field(default_factory=list)
    beside: list[int] = field(default_factory=list)


def _wall_time(source_id: str) -> datetime | None:
    """The clock time a jrnl source id records ("jrnl:2023-01-05T09:15"), as a naive time."""
    try:
        return datetime.fromisoformat(source_id.removeprefix(JRNL_ID_PREFIX))
    except ValueError:
        return None


def _read_in_some_zone(stored: datetime, written: datetime) -> bool:
    """Whether ``stored`` (UTC) is ``written`` (a clock time) read in some real zone."""
    gap = ensure_utc(stored) - ensure_utc(written)
    return abs(gap) <= _MAX_OFFSET and gap % _OFFSET_STEP == timedelta(0)


def _stamp(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return ensure_utc(moment) if moment.tzinfo is not None else None


def _fold(labels: Iterable[str]) -> set[str]:
    return {label.casefold() for label in labels}


def same_content(draft: EntryDraft, entry: Entry) -> bool:
    """The export's version says nothing the stored entry does not: same words, same
    moment, and no tag it lacks (tags added here are the person's own)."""
    return (
        draft.text == entry.text
        and (draft.at is None or ensure_utc(draft.at) == entry.created_at)
        and _fold(draft.tags) <= _fold(entry.tags)
    )


class _Stored:
    """The journal's entries, indexed the ways an import looks them up."""

    def __init__(self, existing: Iterable[Entry]) -> None:
        self.by_source: dict[str, list[Entry]] = {}
        self.legacy_by_text: dict[str, list[datetime]] = {}
        self.writing: set[tuple[datetime, str]] = set()
        for entry in existing:
            if entry.source_id:
                self.by_source.setdefault(entry.source_id, []).append(entry)
            else:
                self.legacy_by_text.setdefault(entry.text, []).append(entry.created_at)
            self.writing.add((entry.created_at, entry.text))

    def jrnl_known(self, draft: EntryDraft, source_id: str) -> bool:
        if any(e.text == draft.text for e in self.by_source.get(source_id, [])):
            return True
        written = _wall_time(source_id)
        return written is not None and any(
            _read_in_some_zone(stored, written)
            for stored in self.legacy_by_text.get(draft.text, [])
        )


def _judge_edit(plan: ImportPlan, index: int, draft: EntryDraft, entry: Entry) -> None:
    """Bring a changed Day One entry in only when the export's change is the later one."""
    theirs = _stamp(draft.source_version)
    ours = _stamp(entry.source_version)
    changed_here = entry.updated_at is not None
    if theirs is None:
        plan.differ.append((index, entry))
    elif ours is not None:
        if theirs > ours:
            plan.edits.append((index, entry))
        else:  # the export is no newer than what was brought in
            (plan.kept_here if changed_here else plan.differ).append((index, entry))
    elif entry.updated_at is None or theirs > entry.updated_at:  # not changed_here, or earlier
        # Brought in before versions were kept: unchanged here, or changed here earlier.
        plan.edits.append((index, entry))
    else:
        plan.kept_here.append((index, entry))


def plan_import(drafts: Sequence[EntryDraft], existing: Iterable[Entry]) -> ImportPlan:
    """What to do with each draft of an export, given the journal's entries."""
    stored = _Stored(existing)
    plan = ImportPlan()
    for index, draft in enumerate(drafts):
        source_id = draft.source_id
        if source_id and source_id.startswith(JRNL_ID_PREFIX):
            if stored.jrnl_known(draft, source_id):
                plan.already += 1
                continue
            plan.fresh.append(index)
            if source_id in stored.by_source:
                plan.beside.append(index)
        elif source_id and source_id in stored.by_source:
            entry = stored.by_source[source_id][0]
            if same_content(draft, entry):
                plan.already += 1
            else:
                _judge_edit(plan, index, draft, entry)
        elif draft.at is not None and (ensure_utc(draft.at), draft.text) in stored.writing:
            plan.already += 1
        else:
            plan.fresh.append(index)
    return plan


def split_already_imported(
    drafts: Sequence[EntryDraft], existing: Iterable[Entry]
) -> tuple[list[EntryDraft], int]:
    """The drafts to add and how many were already in the journal (edits aside)."""
    plan = plan_import(drafts, existing)
    return [drafts[i] for i in plan.fresh], plan.already


def _earlier_id(entry: Entry) -> str:
    """The same id for the same earlier version, so a second run adds no second copy."""
    seed = f"{entry.id}\n{entry.source_version}\n{entry.updated_at}\n{entry.text}"
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:32]


def apply_edit(entry: Entry, draft: EntryDraft, *, now: datetime) -> tuple[Entry, Entry | None]:
    """The entry with the other app's edit in it, and a copy of the words it had (or None
    when only tags were added). What the person added here (anxiety, feelings, tags, the
    exercise tried) stays with the entry. Raises InvalidInput for a date in the future."""
    at = check_when(draft.at, now) if draft.at is not None else entry.created_at
    known = _fold(entry.tags)
    tags = [*entry.tags, *(t for t in draft.tags if t.casefold() not in known)]
    updated = replace(
        entry,
        text=draft.text,
        created_at=at,
        tags=tags,
        source_version=draft.source_version,
        updated_at=now,
    )
    if draft.text == entry.text and at == entry.created_at:
        return updated, None
    earlier_tags = (
        entry.tags if EARLIER_VERSION_TAG in entry.tags else entry.tags + [EARLIER_VERSION_TAG]
    )
    earlier = replace(
        entry,
        id=_earlier_id(entry),
        tags=list(earlier_tags),
        source_id=None,
        source_version=None,
        updated_at=now,
        extra={**entry.extra, EARLIER_OF: entry.id},
    )
    return updated, earlier

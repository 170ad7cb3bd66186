"""One journal written on several devices: the merge, as a pure function.

Every record has a stable id, and every change to it a *version*:

- a version vector (``clock``): for each device, how many of its changes the maker had
  seen, its own change included. One version covers another when its clock is at least
  as high everywhere: its maker had seen the other, so it is the later word.
- a hybrid logical clock reading (``stamp``, milliseconds): never behind the wall clock
  and always after every stamp its maker had seen. It only picks the winner between two
  versions made apart.
- the device that made it, and whether it deletes the record.

A record's state is its *frontier*: the versions no other version covers. Merging a
version in keeps the frontier the set of maximal versions of everything seen, so merging
is order-free and idempotent (a join of a semilattice): devices that have seen the same
changes show the same journal, whatever arrived when and however often.

Two versions made apart leave two in the frontier. The journal shows one (the winner:
a kept record beats a deletion, "an edit beats a concurrent delete"; then the later
stamp) and nothing is lost: the other becomes a *conflict copy*, a record of its own with
an id worked out from the version, so every device that meets the same conflict makes the
same copy and copies never multiply. A copy of an entry is an entry (tagged
``conflict``, so search finds it); of anything else, a ``kept_versions`` record.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

Key = tuple[str, str]  # (table, record id)
Doc = dict[str, Any]

ENTRIES = "entries"
# Tables that stay on the device that wrote them: a form's unsaved text is saved every
# few seconds while the person types, and belongs to the window they type in.
LOCAL_ONLY_TABLES = frozenset({"drafts"})
_TABLE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_RECORD_ID = 128
KEPT_VERSIONS = "kept_versions"
CONFLICT_TAG = "conflict"
IGNORED_IN_COMPARISON = ("updated_at",)


@dataclass(frozen=True)
class Version:
    """Who made a change, what they had seen, and when (see the module's docstring)."""

    clock: tuple[tuple[str, int], ...] = ()  # sorted (device, count) pairs
    stamp: int = 0
    device: str = ""
    deleted: bool = False

    def count(self, device: str) -> int:
        return dict(self.clock).get(device, 0)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"c": dict(self.clock), "s": self.stamp, "d": self.device}
        if self.deleted:
            out["x"] = 1
        return out

    @classmethod
    def from_json(cls, data: Any) -> Version:
        """A stored version; ValueError for anything that is not one."""
        if not isinstance(data, dict):
            raise ValueError("a version must be an object")
        clock, stamp, device = data.get("c", {}), data.get("s", 0), data.get("d", "")
        if not isinstance(clock, dict) or not isinstance(device, str):
            raise ValueError("a version's clock or device is not readable")
        if not all(isinstance(d, str) and _count(n) for d, n in clock.items()):
            raise ValueError("a version's clock is not readable")
        if not _count(stamp):
            raise ValueError("a version's stamp is not readable")
        return cls(
            clock=tuple(sorted(clock.items())),
            stamp=stamp,
            device=device,
            deleted=bool(data.get("x")),
        )


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**63


@dataclass(frozen=True, eq=False)
class Variant:
    """One version of a record and what the record was in it (None: deleted).

    Two variants are equal when their versions are and their content is (``updated_at``
    aside); the document itself is a plain dict, so variants are not hashed.
    """

    version: Version
    doc: Doc | None = None

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Variant)
            and self.version == other.version
            and _content(self.doc) == _content(other.doc)
        )

    __hash__ = None  # type: ignore[assignment]


Frontier = tuple[Variant, ...]


def _content(doc: Doc | None) -> str:
    """A record's content as one canonical string (what differs between two versions)."""
    if doc is None:
        return ""
    kept = {k: v for k, v in doc.items() if k not in IGNORED_IN_COMPARISON}
    return json.dumps(kept, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _rank(variant: Variant) -> tuple[bool, int, str, tuple[tuple[str, int], ...], str]:
    """A total order over variants: a kept record first, then the later stamp; the rest
    only breaks ties the same way everywhere."""
    v = variant.version
    return (variant.doc is not None, v.stamp, v.device, v.clock, _content(variant.doc))


def _clock_at_least(a: Version, b: Version) -> bool:
    mine = dict(a.clock)
    return all(mine.get(device, 0) >= n for device, n in b.clock)


def covers(a: Variant, b: Variant) -> bool:
    """Whether ``a`` makes ``b`` redundant: ``a``'s maker had seen ``b``, or they are the
    same change (equal clocks and content; the higher rank stands for both)."""
    if a.version.clock == b.version.clock:
        return _content(a.doc) == _content(b.doc) and _rank(a) >= _rank(b)
    return _clock_at_least(a.version, b.version)


def _canonical(variants: Iterable[Variant]) -> Frontier:
    return tuple(sorted(variants, key=_rank, reverse=True))


def merge_variant(frontier: Frontier, incoming: Variant) -> Frontier:
    """The frontier after ``incoming`` is seen (the same frontier if it adds nothing)."""
    if any(covers(kept, incoming) for kept in frontier):
        return frontier
    return _canonical([v for v in frontier if not covers(incoming, v)] + [incoming])


def winner(frontier: Frontier) -> Variant | None:
    """The version the journal shows: a kept record beats a deletion, then the later stamp."""
    return max(frontier, key=_rank) if frontier else None


def visible(frontier: Frontier) -> Doc | None:
    """The record as the journal shows it; None if deleted (or never seen)."""
    best = winner(frontier)
    return None if best is None else best.doc


def losers(frontier: Frontier) -> list[Variant]:
    """Versions made apart from the winner whose writing differs from it: each is kept
    as a conflict copy."""
    best = winner(frontier)
    if best is None or best.doc is None:
        return []
    shown = _content(best.doc)
    return [v for v in frontier if v is not best and v.doc is not None and _content(v.doc) != shown]


def copy_id(key: Key, variant: Variant) -> str:
    """The id of the conflict copy of ``variant``: the same on every device."""
    v = variant.version
    seed = json.dumps(
        [key[0], key[1], v.clock, v.stamp, v.device, _content(variant.doc)],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return "c" + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:31]


def stamp_time(stamp: int) -> str:
    """A stamp as an ISO date-time in UTC (for a copy's ``created_at``)."""
    return datetime.fromtimestamp(stamp / 1000, UTC).isoformat()


def conflict_copy(key: Key, loser: Variant) -> tuple[Key, Variant]:
    """The record that keeps a losing version findable.

    An entry's copy is an entry with the same writing, tagged ``conflict`` and naming the
    entry it came from; anything else goes to ``kept_versions`` whole. The copy's version
    has an empty clock (any real change to it covers it) and the loser's stamp and device,
    so every device makes exactly the same copy.
    """
    table, record_id = key
    assert loser.doc is not None
    new_id = copy_id(key, loser)
    if table == ENTRIES:
        doc = dict(loser.doc)
        tags = [t for t in doc.get("tags", []) if isinstance(t, str)]
        doc.update(
            id=new_id,
            tags=[*tags, CONFLICT_TAG] if CONFLICT_TAG not in tags else tags,
            conflict_of=record_id,
            conflict_device=loser.version.device,
        )
        copy_key: Key = (ENTRIES, new_id)
    else:
        doc = {
            "id": new_id,
            "created_at": stamp_time(loser.version.stamp),
            "kind": table,
            "record_id": record_id,
            "device": loser.version.device,
            "doc": loser.doc,
        }
        copy_key = (KEPT_VERSIONS, new_id)
    version = Version(stamp=loser.version.stamp, device=loser.version.device)
    return copy_key, Variant(version, doc)


@dataclass(frozen=True)
class Conflict:
    """A record that two devices changed apart, and the copy that keeps the other version."""

    key: Key
    copy: Key


@dataclass
class Merged:
    """What a merge changed: each key's new frontier, the conflicts it found, and the
    conflict copies it made (which the device passes on like its own changes)."""

    frontiers: dict[Key, Frontier] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    copies: list[tuple[Key, Variant]] = field(default_factory=list)


MAX_COPY_ROUNDS = 8  # copies of copies: only when a copy itself was edited apart


def merge(
    current: Callable[[Key], Frontier] | Mapping[Key, Frontier],
    incoming: Iterable[tuple[Key, Variant]],
) -> Merged:
    """Merge versions into a journal's frontiers; only keys that changed are returned.

    ``current`` gives a key's frontier as stored (empty if never seen). Whatever order
    ``incoming`` comes in, and however often a version appears in it or was merged
    before, the result is the same.
    """
    lookup = current.get if isinstance(current, Mapping) else current
    merged = Merged()

    def frontier_of(key: Key) -> Frontier:
        found = merged.frontiers.get(key)
        if found is not None:
            return found
        stored = lookup(key)
        return tuple(stored) if stored else ()

    def take(key: Key, variant: Variant) -> bool:
        before = frontier_of(key)
        after = merge_variant(before, variant)
        if after != before:
            merged.frontiers[key] = after
            return True
        return False

    for key, variant in incoming:
        take(key, variant)
    pending = list(merged.frontiers)
    for _ in range(MAX_COPY_ROUNDS):
        made: list[Key] = []
        for key in pending:
            for loser in losers(merged.frontiers[key]):
                copy_key, copy = conflict_copy(key, loser)
                was_new = not frontier_of(copy_key)
                if take(copy_key, copy):
                    made.append(copy_key)
                    merged.copies.append((copy_key, copy))
                    if was_new:
                        merged.conflicts.append(Conflict(key=key, copy=copy_key))
        if not made:
            break
        pending = made
    return merged


def local_change(
    frontier: Frontier, device: str, count: int, stamp: int, doc: Doc | None
) -> Variant:
    """A change made on ``device`` (its ``count``-th) to a record whose frontier it has:
    it covers every version there, so it replaces them all."""
    clock: dict[str, int] = {}
    for variant in frontier:
        for who, n in variant.version.clock:
            clock[who] = max(clock.get(who, 0), n)
    clock[device] = count
    version = Version(
        clock=tuple(sorted(clock.items())), stamp=stamp, device=device, deleted=doc is None
    )
    return Variant(version, doc)


def travels(table: str) -> bool:
    """Whether records of ``table`` go between devices: the journal's own kinds and those
    a newer app may add, never this device's private tables (``_versions``, drafts)."""
    return bool(_TABLE_NAME.match(table)) and table not in LOCAL_ONLY_TABLES


def refusal(
    key: Key,
    variant: Variant,
    read: Callable[[Doc], object] | None,
    *,
    local_too: bool = False,
) -> str | None:
    """Why a version that came from another device (or a full copy, ``local_too``: it
    carries this device's own tables as well) cannot be merged; None if it can.

    ``read`` turns a document into a record of its kind (raising ValueError if it cannot);
    None for a kind this app does not know, which is kept as it came.
    """
    table, record_id = key
    allowed = _TABLE_NAME.match(table) if local_too else travels(table)
    if not allowed:
        return f"a change to '{table[:40]}', which is not shared between devices"
    if not record_id or len(record_id) > MAX_RECORD_ID or not record_id.isprintable():
        return "a record with an unreadable id"
    if variant.doc is None:
        return None
    if variant.doc.get("id") != record_id:
        return "a record whose id does not match its name"
    if read is not None:
        try:
            read(variant.doc)
        except (TypeError, ValueError) as exc:
            return f"a record this app cannot read ({str(exc)[:80]})"
    return None


def next_stamp(last: int, wall_ms: int) -> int:
    """The hybrid logical clock's next reading: after ``last``, never behind the wall."""
    return max(last + 1, wall_ms)


def seen_stamp(last: int, variants: Iterable[Variant]) -> int:
    """The clock after seeing ``variants``: never behind any of their stamps."""
    return max([last, *(v.version.stamp for v in variants)])

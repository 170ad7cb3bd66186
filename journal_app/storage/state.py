"""The journal's state as plain JSON (tables of documents) and the changes applied to it.

A change is ``{"t": table, "put": {doc_id: document}, "del": [doc_id, ...]}``: the
documents a write created or replaced, and the ones it removed. The same shape is used
by the change log and by TinyDB's in-memory tables, so replaying a log is a dictionary
update.

Two layouts of the snapshot's plaintext are read; which one a file holds is told by its
first bytes (the header's version stays 2: pairing with the log is unchanged):

- **JSON** (every snapshot before this layout, every backup, and ``Vault.read()``): one
  JSON object of tables, ``{"entries": {"1": {...}, ...}, "goals": {...}}``.
- **Tables** (snapshots written since): ``TABLES_MAGIC``, then one line of JSON naming
  each table with its size in bytes and its document ids in order,
  ``{"tables": [{"name": "entries", "size": 123, "ids": ["1", ...]}, ...]}``, then a
  newline, then each table's JSON object, one after another, in that order.

Why the second layout: decoding thirty years of entries (~21 MB of JSON) was most of the
time unlocking took (≈95 of ≈150 ms), though many commands never read an entry. With
each table kept as its own JSON, unlocking decrypts and authenticates the whole file as
before, but decodes a table only when it is first used (``LazyState``); the ids let the
tables be counted without decoding them.

A large table whose documents carry a moment (an entry's ``created_at``, a check-in's
``taken_at``) also has an ``at`` index in its directory item: the field, each document's
moment in whole seconds since 1970 (null if it has none), and where each document's JSON
starts in the table's bytes. The first screen after unlocking shows the last weeks: with
the index only those documents are decoded (``LazyState.recent``), not ten years. An
older app ignores the index; a snapshot without one is read in full as before.
"""

from __future__ import annotations

import codecs
import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from journal_app.core.errors import VaultDamaged

State = dict[str, dict[str, Any]]


def decode_state(plaintext: bytes) -> State:
    try:
        data = json.loads(plaintext.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise VaultDamaged("The journal decrypted but its contents are unreadable.") from exc
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise VaultDamaged("The journal decrypted but its contents are unreadable.")
    return data


def encode_state(state: State) -> bytes:
    """The JSON layout: one object of tables (backups, ``Vault.read()``)."""
    return json.dumps(state, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


TABLES_MAGIC = b"TJTABLES3\n"
_COPY_BELOW = 256 * 1024  # tables smaller than this are copied out of the plaintext
_UNREADABLE = "The journal decrypted but its contents are unreadable."


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # one, not one per call


def _dump(value: Any) -> bytes:
    return _ENCODER.encode(value).encode("utf-8")


TIME_FIELDS = ("created_at", "taken_at")  # the moments a screen asks "since when" of
INDEX_FROM = 100  # documents: a smaller table decodes in no time, and needs no index


def encode_tables(state: State) -> bytes:
    """The tables layout (see the module's docstring): each table its own JSON."""
    blobs: list[bytes] = []
    items: list[dict[str, Any]] = []
    for name, table in state.items():
        field = _time_field(table)
        item: dict[str, Any] = {"name": name}
        if field is None:
            blob = _dump(table)
        else:
            blob, item["at"] = _indexed(table, field)
        item.update(size=len(blob), ids=list(table))
        blobs.append(blob)
        items.append(item)
    return b"".join([TABLES_MAGIC, _dump({"tables": items}), b"\n", *blobs])


def _time_field(table: dict[str, Any]) -> str | None:
    """The moment field to index a table by, if it is large and its documents have one."""
    if len(table) < INDEX_FROM:
        return None
    first = next(iter(table.values()))
    if not isinstance(first, dict):
        return None
    return next((f for f in TIME_FIELDS if isinstance(first.get(f), str)), None)


def _indexed(table: dict[str, Any], field: str) -> tuple[bytes, dict[str, Any]]:
    """The table's JSON (the same bytes as ``_dump(table)``), with each document's moment
    and where its JSON starts."""
    parts = [b"{"]
    starts: list[int] = []
    times: list[int | None] = []
    at = 1
    encode = _ENCODER.encode
    for i, (doc_id, doc) in enumerate(table.items()):
        key = (f',"{doc_id}":' if i else f'"{doc_id}":') if doc_id.isdigit() else None
        key_bytes = key.encode() if key else (b"," if i else b"") + _dump(doc_id) + b":"
        body = encode(doc).encode("utf-8")
        parts += (key_bytes, body)
        starts.append(at + len(key_bytes))
        at += len(key_bytes) + len(body)
        times.append(_seconds(doc.get(field) if isinstance(doc, dict) else None))
    parts.append(b"}")
    return b"".join(parts), {"field": field, "times": times, "starts": starts}


def _seconds(value: Any) -> int | None:
    """A stored moment as whole seconds since 1970 (rounded down; naive means UTC, as the
    records are read); None if it is not one."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return math.floor(moment.timestamp())


@dataclass(frozen=True)
class _TimeIndex:
    """A table's ``at`` index: which field, each document's moment and JSON start."""

    field: str
    times: list[int | None]
    starts: list[int]

    @classmethod
    def read(cls, at: Any, count: int, size: int) -> _TimeIndex | None:
        """A directory item's ``at`` index; None if it does not fit the table (then the
        table is simply decoded in full when asked)."""
        if not isinstance(at, dict):
            return None
        field, times, starts = at.get("field"), at.get("times"), at.get("starts")
        if not (isinstance(field, str) and isinstance(times, list) and isinstance(starts, list)):
            return None
        if len(times) != count or len(starts) != count:
            return None
        if not all(isinstance(t, int) or t is None for t in times):
            return None
        if not all(isinstance(x, int) and 0 < x < size for x in starts):
            return None
        if any(b <= a for a, b in zip(starts, starts[1:], strict=False)):
            return None
        return cls(field, times, starts)


class _Pending:
    """A table not decoded yet: its JSON, its ids, and the logged changes to it.

    ``raw`` is a view into the plaintext for a large table (no copy of ~20 MB) and a copy
    for a small one; None once the table was found unreadable.
    """

    __slots__ = ("raw", "ids", "ops", "at", "size")

    def __init__(self, raw: bytes | memoryview | None, ids: list[str], at: Any = None) -> None:
        self.raw, self.ids = raw, ids
        self.at = at  # the directory's "at" index as stored: checked when first used
        self.size = len(raw) if raw is not None else 0
        self.ops: list[dict[str, Any]] = []

    def index(self) -> _TimeIndex | None:
        """The time index, checked on first use rather than at every unlock (thirty years
        of moments and offsets are ~22,000 numbers); None if there is none or it is off."""
        if isinstance(self.at, _TimeIndex) or self.at is None:
            return self.at
        self.at = _TimeIndex.read(self.at, len(self.ids), self.size)
        return self.at

    def count(self) -> int:
        return len(self.ids) if not self.ops else len(self.present())

    def present(self) -> set[str]:
        """The document ids the table holds now: the snapshot's, with the log's changes."""
        present = set(self.ids)
        for op in self.ops:
            present.update(op.get("put", {}))
            present.difference_update(op.get("del", []))
        return present

    def lacks(self, record_id: str) -> bool:
        """True only when no document has this ``id``: the table's JSON does not hold
        ``"id":<it>`` anywhere (searched, not decoded) and no logged change puts it. A
        match in someone's writing, or a table found unreadable, is "not sure": False."""
        if self.raw is None:
            return False
        # bytes.find, not re: JSON is full of quotes, which a regular expression's scan
        # for the needle's first byte stops at (26 ms against 2 for ten years of entries).
        # A large table is a view into the whole plaintext, searched as it is (no copy):
        # a match in another table only means "not sure".
        hay = self.raw.obj if isinstance(self.raw, memoryview) else self.raw
        if not isinstance(hay, bytes) or hay.find(b'"id":' + _dump(record_id)) >= 0:
            return False
        return not any(
            isinstance(doc, dict) and doc.get("id") == record_id
            for op in self.ops
            for doc in op.get("put", {}).values()
        )


class LazyState:
    """The journal's state, decoding each table of a tables-layout snapshot on first use.

    ``state`` holds the tables decoded so far (and those the log created); ``table``
    decodes one, ``full`` all. A logged change to a table not yet decoded is kept and
    applied, in order, when it is. Anything that wants the whole state (TinyDB, a write,
    a backup) calls ``full`` first, so nothing is ever written without every table.
    """

    def __init__(self, plaintext: bytes) -> None:
        self._pending: dict[str, _Pending] = {}
        if not plaintext.startswith(TABLES_MAGIC):
            self.state = decode_state(plaintext)
            return
        self.state = {}
        self._read_directory(plaintext)

    @classmethod
    def of(cls, state: State) -> LazyState:
        """A state already decoded in full (after a write of it)."""
        lazy = cls(b"{}")
        lazy.state = state
        return lazy

    def _read_directory(self, plaintext: bytes) -> None:
        start = len(TABLES_MAGIC)
        end = plaintext.find(b"\n", start)
        try:
            directory = json.loads(plaintext[start:end]) if end > 0 else None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise VaultDamaged(_UNREADABLE) from exc
        tables = directory.get("tables") if isinstance(directory, dict) else None
        if not isinstance(tables, list):
            raise VaultDamaged(_UNREADABLE)
        offset = end + 1
        view = memoryview(plaintext)
        for item in tables:
            if not isinstance(item, dict):
                raise VaultDamaged(_UNREADABLE)
            name, size, ids = item.get("name"), item.get("size"), item.get("ids")
            if not (isinstance(name, str) and isinstance(size, int) and size >= 0):
                raise VaultDamaged(_UNREADABLE)
            if not isinstance(ids, list) or name in self._pending:
                raise VaultDamaged(_UNREADABLE)
            raw = view[offset : offset + size]
            kept = raw if size > _COPY_BELOW else bytes(raw)
            self._pending[name] = _Pending(kept, ids, item.get("at"))
            offset += size
        if offset != len(plaintext):
            raise VaultDamaged(_UNREADABLE)

    def apply(self, raw: bytes) -> None:
        """Apply one logged change (kept for later if its table is not decoded yet).

        A frame holds one change, or a list of changes saved together: a record and its
        version, or everything one merge brought in, so they are never half-saved.
        """
        try:
            parsed = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise VaultDamaged("A change in the journal's log is unreadable.") from exc
        for op in parsed if isinstance(parsed, list) else [parsed]:
            self._apply_one(op)

    def _apply_one(self, op: Any) -> None:
        try:
            pending = self._pending.get(op["t"])
        except (KeyError, TypeError) as exc:
            raise VaultDamaged("A change in the journal's log is unreadable.") from exc
        if pending is None:
            _apply(self.state, op)
            return
        if not isinstance(op.get("put", {}), dict) or not isinstance(op.get("del", []), list):
            raise VaultDamaged("A change in the journal's log is unreadable.")
        pending.ops.append(op)

    def change(self, op: dict[str, Any]) -> None:
        """Apply a change made now: at once to a decoded table, or kept, in order, for a
        table not decoded yet (as a logged change is), which stays undecoded."""
        self._apply_one(op)

    def lacks_ids(self, name: str, record_ids: list[str]) -> bool:
        """True when ``name`` is not decoded yet and holds none of ``record_ids`` (see
        ``_Pending.lacks``); False for a decoded table (its own index answers) or if unsure."""
        pending = self._pending.get(name)
        return pending is not None and all(pending.lacks(r) for r in record_ids)

    def next_doc_id(self, name: str) -> int:
        """The document id TinyDB would give the next new document (one past the highest
        present), read from the directory and the log if the table is not decoded."""
        pending = self._pending.get(name)
        present = pending.present() if pending is not None else self.state.get(name, {}).keys()
        return max((int(doc_id) for doc_id in present), default=0) + 1

    def table(self, name: str) -> dict[str, Any] | None:
        """One table, decoded now if it was not yet; None if the journal has no such table."""
        if name in self._pending:
            self._decode(name)
        return self.state.get(name)

    def recent(self, name: str, field: str, since: float) -> list[dict[str, Any]] | None:
        """The documents of a table not decoded yet whose ``field`` may be at or after
        ``since`` (seconds since 1970), in the table's order, decoding only those; the
        caller checks each moment exactly. None when the table has no such index (or is
        decoded already): then read the whole table.

        Documents changed in the log since the snapshot are taken as changed, wherever
        their moment now falls; anything that does not fit (which authentication makes a
        bug, not an attack) leaves the whole table to be decoded, which reports damage.
        """
        pending = self._pending.get(name)
        if pending is None or pending.raw is None:
            return None
        index = pending.index()
        if index is None or index.field != field:
            return None
        floor = math.floor(since)
        raw, ids = pending.raw, pending.ids
        found: dict[str, Any] = {}
        for i, at in enumerate(index.times):
            if at is not None and at < floor:
                continue
            start = index.starts[i]
            end = index.starts[i + 1] - len(_dump(ids[i + 1])) - 2 if i + 1 < len(ids) else -1
            if raw[start - len(_dump(ids[i])) - 1 : start] != _dump(ids[i]) + b":":
                return None  # not where the index says: read it all instead
            try:
                doc = json.loads(bytes(raw[start : len(raw) - 1 if end < 0 else end]))
            except (UnicodeDecodeError, json.JSONDecodeError):
                return None
            if not isinstance(doc, dict):
                return None
            found[ids[i]] = doc
        changed = self._changed_in_log(pending, found)
        if changed is None:
            return None
        return list(changed.values())

    @staticmethod
    def _changed_in_log(pending: _Pending, found: dict[str, Any]) -> dict[str, Any] | None:
        """``found`` with the log's changes replayed, in the order a full decode gives:
        a document's place is where it stood in the snapshot, new ones after."""
        if not pending.ops:
            return found
        place = {doc_id: i for i, doc_id in enumerate(pending.ids)}
        for op in pending.ops:
            put, deleted = op.get("put", {}), op.get("del", [])
            if not isinstance(put, dict) or not isinstance(deleted, list):
                return None
            for doc_id, doc in put.items():
                found[doc_id] = doc
                place.setdefault(doc_id, len(place))
            for doc_id in deleted:
                found.pop(doc_id, None)
        return dict(sorted(found.items(), key=lambda kv: place[kv[0]]))

    def count(self, name: str) -> int:
        """How many documents a table holds, without decoding it."""
        pending = self._pending.get(name)
        return pending.count() if pending is not None else len(self.state.get(name, {}))

    def full(self) -> State:
        """Every table, decoded."""
        for name in list(self._pending):
            self._decode(name)
        return self.state

    def _decode(self, name: str) -> None:
        """Decode one table and replay its logged changes; it stays pending if unreadable,
        so a later write (which needs every table) refuses instead of dropping it."""
        pending = self._pending[name]
        if pending.raw is None:
            raise VaultDamaged(_UNREADABLE)
        try:
            text = codecs.utf_8_decode(pending.raw, "strict", True)[0]
        except UnicodeDecodeError as exc:
            raise VaultDamaged(_UNREADABLE) from exc
        self._let_plaintext_go(pending)
        try:
            table = json.loads(text)
        except json.JSONDecodeError as exc:
            pending.raw = None  # unreadable: refused again whenever it is wanted
            raise VaultDamaged(_UNREADABLE) from exc
        del text
        if not isinstance(table, dict) or list(table) != pending.ids:
            pending.raw = None
            raise VaultDamaged(_UNREADABLE)
        holder = {name: table}
        for op in pending.ops:
            _apply(holder, op)
        self.state[name] = table
        del self._pending[name]

    def _let_plaintext_go(self, decoding: _Pending) -> None:
        """Before a table's objects are built, free the plaintext (~20 MB at thirty years):
        the table being decoded has its text already, and any other table still waiting
        is copied out of it, which is small beside the one being decoded."""
        decoding.raw = b""
        for other in self._pending.values():
            if isinstance(other.raw, memoryview):
                other.raw = bytes(other.raw)


def _apply(state: State, op: Any) -> None:
    try:
        table = state.setdefault(op["t"], {})
        table.update(op.get("put", {}))
        for doc_id in op.get("del", []):
            table.pop(doc_id, None)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise VaultDamaged("A change in the journal's log is unreadable.") from exc


def change_op(state: State, table: str, put: set[str], deleted: set[str]) -> dict[str, Any]:
    """The logged form of a change to ``table``: the touched documents and the removed ids."""
    current = state.get(table, {})
    op: dict[str, Any] = {"t": table}
    kept = {doc_id: current[doc_id] for doc_id in sorted(put) if doc_id in current}
    if kept:
        op["put"] = kept
    if deleted:
        op["del"] = sorted(deleted)
    return op

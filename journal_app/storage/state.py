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
"""

from __future__ import annotations

import codecs
import json
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


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def encode_tables(state: State) -> bytes:
    """The tables layout (see the module's docstring): each table its own JSON."""
    blobs = [_dump(table) for table in state.values()]
    directory = {
        "tables": [
            {"name": name, "size": len(blob), "ids": list(table)}
            for (name, table), blob in zip(state.items(), blobs, strict=True)
        ]
    }
    return b"".join([TABLES_MAGIC, _dump(directory), b"\n", *blobs])


class _Pending:
    """A table not decoded yet: its JSON, its ids, and the logged changes to it.

    ``raw`` is a view into the plaintext for a large table (no copy of ~20 MB) and a copy
    for a small one; None once the table was found unreadable.
    """

    __slots__ = ("raw", "ids", "ops")

    def __init__(self, raw: bytes | memoryview | None, ids: list[str]) -> None:
        self.raw, self.ids = raw, ids
        self.ops: list[dict[str, Any]] = []

    def count(self) -> int:
        if not self.ops:
            return len(self.ids)
        present = set(self.ids)
        for op in self.ops:
            present.update(op.get("put", {}))
            present.difference_update(op.get("del", []))
        return len(present)


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
            self._pending[name] = _Pending(raw if size > _COPY_BELOW else bytes(raw), ids)
            offset += size
        if offset != len(plaintext):
            raise VaultDamaged(_UNREADABLE)

    def apply(self, raw: bytes) -> None:
        """Apply one logged change (kept for later if its table is not decoded yet)."""
        try:
            op = json.loads(raw.decode("utf-8"))
            pending = self._pending.get(op["t"])
        except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
            raise VaultDamaged("A change in the journal's log is unreadable.") from exc
        if pending is None:
            _apply(self.state, op)
            return
        if not isinstance(op.get("put", {}), dict) or not isinstance(op.get("del", []), list):
            raise VaultDamaged("A change in the journal's log is unreadable.")
        pending.ops.append(op)

    def table(self, name: str) -> dict[str, Any] | None:
        """One table, decoded now if it was not yet; None if the journal has no such table."""
        if name in self._pending:
            self._decode(name)
        return self.state.get(name)

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

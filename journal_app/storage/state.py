"""The journal's state as plain JSON (tables of documents) and the changes applied to it.

A change is ``{"t": table, "put": {doc_id: document}, "del": [doc_id, ...]}``: the
documents a write created or replaced, and the ones it removed. The same shape is used
by the change log and by TinyDB's in-memory tables, so replaying a log is a dictionary
update.
"""

from __future__ import annotations

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
    return json.dumps(state, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def apply_op(state: State, raw: bytes) -> None:
    """Apply one logged change in place."""
    try:
        op = json.loads(raw.decode("utf-8"))
        table = state.setdefault(op["t"], {})
        table.update(op.get("put", {}))
        for doc_id in op.get("del", []):
            table.pop(doc_id, None)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
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

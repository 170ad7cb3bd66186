"""Finding a record by the short id the lists show (a unique prefix of the full id)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from journal_app.core.journal import InvalidInput
from journal_app.core.records import Record

R = TypeVar("R", bound=Record)
SHORT_ID = 8


def short(record: Record) -> str:
    return record.id[:SHORT_ID]


def find_by_prefix(records: Sequence[R], prefix: str, what: str) -> R | None:
    """The one record whose id starts with ``prefix``; None if none; an error if ambiguous."""
    prefix = prefix.strip().lower()
    if not prefix:
        raise InvalidInput(f"Give the id of the {what}.")
    found = [r for r in records if r.id.lower().startswith(prefix)]
    if len(found) > 1:
        raise InvalidInput(f"'{prefix}' matches more than one {what}; give more of the id.")
    return found[0] if found else None

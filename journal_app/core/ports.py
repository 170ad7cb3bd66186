"""What the core needs from the outside world, stated as protocols the shells fulfil."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from journal_app.core.records import Record

R = TypeVar("R", bound=Record)


class RecordStore(Protocol):
    """A place records live. The vault's repository is the real one; the core only sees this."""

    def add(self, record: Record) -> None:
        """Store a new record."""

    def add_many(self, records: Iterable[Record]) -> int:
        """Store many new records in one durable write; return how many."""

    def update(self, record: Record) -> None:
        """Replace the stored record with the same id."""

    def remove(self, cls: type[Record], record_id: str) -> bool:
        """Delete a record; return whether it existed."""

    def get(self, cls: type[R], record_id: str) -> R | None:
        """The record with this id, or None."""

    def all(self, cls: type[R]) -> list[R]:
        """Every record of a kind, in insertion order."""

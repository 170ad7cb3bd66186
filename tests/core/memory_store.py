"""A tiny in-memory RecordStore for core tests: dicts keyed by table, insertion ordered."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import TypeVar

from journal_app.core.records import Record

R = TypeVar("R", bound=Record)


class MemoryStore:
    """Fulfils ``journal_app.core.ports.RecordStore`` without files.

    Records are deep-copied in and out, like a real store that serialises them, so a test
    cannot pass by mutating an object the store still holds.
    """

    def __init__(self) -> None:
        self.tables: dict[str, dict[str, Record]] = {}
        self.writes = 0

    def _table(self, cls: type[Record]) -> dict[str, Record]:
        return self.tables.setdefault(cls.TABLE, {})

    def add(self, record: Record) -> None:
        table = self._table(type(record))
        if record.id in table:
            raise KeyError(f"{type(record).__name__} {record.id} already exists")
        table[record.id] = copy.deepcopy(record)
        self.writes += 1

    def add_many(self, records: Iterable[Record]) -> int:
        batch = list(records)
        seen: set[tuple[str, str]] = set()
        for record in batch:
            key = (type(record).TABLE, record.id)
            if record.id in self._table(type(record)) or key in seen:
                raise KeyError(f"{type(record).__name__} {record.id} already exists")
            seen.add(key)
        for record in batch:
            self._table(type(record))[record.id] = copy.deepcopy(record)
        self.writes += 1
        return len(batch)

    def update(self, record: Record) -> None:
        table = self._table(type(record))
        if record.id not in table:
            raise KeyError(f"{type(record).__name__} {record.id} does not exist")
        table[record.id] = copy.deepcopy(record)
        self.writes += 1

    def remove(self, cls: type[Record], record_id: str) -> bool:
        existed = self._table(cls).pop(record_id, None) is not None
        if existed:
            self.writes += 1
        return existed

    def get(self, cls: type[R], record_id: str) -> R | None:
        found = self._table(cls).get(record_id)
        return copy.deepcopy(found) if found is not None else None  # type: ignore[return-value]

    def all(self, cls: type[R]) -> list[R]:
        return [copy.deepcopy(r) for r in self._table(cls).values()]  # type: ignore[misc]

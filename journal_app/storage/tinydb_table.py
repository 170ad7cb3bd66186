"""A TinyDB Table that changes documents in place and says which ones it changed.

Stock TinyDB copies a whole table twice on every write (to turn its string document ids
into integers and back). At thirty years of entries that copying alone outweighs the
write. This table hands TinyDB's own update functions a live view of the stored table
instead, and the view notes which documents were set, read for change, or deleted, so
the storage can log just those.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import Any

from tinydb.table import Table


class TrackedTable(MutableMapping):
    """An int-keyed view of a str-keyed table that records what was touched."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw
        self.put: set[str] = set()
        self.deleted: set[str] = set()

    def __getitem__(self, doc_id: int) -> Any:
        key = str(doc_id)
        doc = self.raw[key]
        self.put.add(key)  # TinyDB's updates change the document it reads, in place
        return doc

    def __setitem__(self, doc_id: int, doc: Any) -> None:
        key = str(doc_id)
        self.raw[key] = doc
        self.put.add(key)
        self.deleted.discard(key)

    def __delitem__(self, doc_id: int) -> None:
        key = str(doc_id)
        del self.raw[key]
        self.deleted.add(key)
        self.put.discard(key)

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self.raw

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in list(self.raw))

    def __len__(self) -> int:
        return len(self.raw)


class JournalTable(Table):
    """TinyDB's Table, with in-place updates reported to the storage."""

    def _read_table(self) -> dict[str, Mapping]:
        """Only this table (the storage decodes no other to give it)."""
        table = getattr(self._storage, "table", None)
        return super()._read_table() if table is None else table(self.name)

    def _update_table(self, updater: Callable[[dict[int, Mapping]], None]) -> None:
        for_table = getattr(self._storage, "for_table", None)
        tables = self._storage.read() if for_table is None else for_table(self.name)
        if tables is None:
            tables = {}
        view = TrackedTable(tables.setdefault(self.name, {}))
        updater(view)  # type: ignore[arg-type]
        note = getattr(self._storage, "note_change", None)
        if note is not None:
            note(self.name, view.put, view.deleted)
        self._storage.write(tables)
        self.clear_cache()

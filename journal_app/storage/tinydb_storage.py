"""A TinyDB Storage that keeps the database inside the vault.

TinyDB hands its storage the whole database on every write. Re-encrypting all of it
each time would make every new entry slower than the last, so the repository says what
it is about to change (``begin``); the storage then appends just that change to the
vault's log, and writes a full snapshot only when the log has grown large (compaction)
or when a change it was not told about happens.

Reading and changing one table decodes only that table (``table``, ``for_table``); a
snapshot and TinyDB's own ``read`` always get every table (``_whole``); the day's backup
copies the sealed files and decodes none.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from typing import Any

from tinydb.storages import Storage

from journal_app.core.errors import VaultDamaged
from journal_app.storage.state import LazyState, State, change_op, encode_tables
from journal_app.storage.vault import Vault


class VaultStorage(Storage):
    """TinyDB storage over an unlocked :class:`Vault`.

    TinyDB itself always gets the whole state (``read``); the repository may ask for one
    table (``table``) or a count (``count``), which decode no other table.
    """

    def __init__(self, vault: Vault) -> None:
        self._vault = vault
        self._lazy: LazyState | None = None
        self._change: tuple[str, set[str], set[str]] | None = None
        # Changes made in memory that go into the next frame with the write they belong
        # to (a record's version beside the record; everything one merge brought in).
        self._staged: list[dict[str, Any]] = []
        vault.on_reload(self.close)  # another process wrote: read it all afresh

    def _loaded(self) -> LazyState:
        if self._lazy is None:
            self._lazy = self._vault.load_lazy()
        return self._lazy

    def read(self) -> State | None:
        return self._loaded().full()

    def table(self, name: str) -> dict[str, Any]:
        """One table's documents by doc id (the live dict; empty and unstored if none)."""
        found = self._loaded().table(name)
        return {} if found is None else found

    def count(self, name: str) -> int:
        return self._loaded().count(name)

    def recent(self, name: str, field: str, since: float) -> list[dict[str, Any]] | None:
        """Documents of a table not decoded yet that may be at or after ``since`` (see
        ``LazyState.recent``); None: read the whole table instead."""
        return self._loaded().recent(name, field, since)

    def for_table(self, name: str) -> State:
        """The state with ``name`` decoded (others perhaps not yet), for changing that table."""
        lazy = self._loaded()
        lazy.table(name)
        return lazy.state

    def _whole(self, data: State) -> State:
        """``data`` with every table decoded, before anything is written from it."""
        if self._lazy is not None and self._lazy.state is data:
            return self._lazy.full()  # fills ``data`` itself
        return data

    def begin(self) -> None:
        """Called before a change: the moment for the day's backup, while the state is
        still as it was."""
        self._loaded()
        if self._vault.backup_due():
            self._vault.save_daily_backup()  # the sealed files as they are: nothing decoded

    def note_change(self, table: str, put: set[str], deleted: set[str]) -> None:
        """Which documents the coming write changed (see ``JournalTable``)."""
        self._change = (table, put, deleted)

    def stage(self, table: str, put: dict[str, Any], deleted: Iterable[str] = ()) -> None:
        """Change ``table`` in memory now; the change is saved with the next write (in
        the same frame of the log) or by ``commit``. Nothing is saved until then.

        Documents only put (a record's version, the device's counter) go to a table not
        decoded yet without decoding it, as a logged change would: ten years of versions
        are not read to add one."""
        deleted = list(deleted)
        if not deleted:
            if put:
                only_put: dict[str, Any] = {"t": table, "put": put}
                self._loaded().change(only_put)
                self._staged.append(only_put)
            return
        state = self.for_table(table)
        current = state.setdefault(table, {})
        current.update(put)
        gone = [doc_id for doc_id in deleted if current.pop(doc_id, None) is not None]
        op: dict[str, Any] = {"t": table}
        if put:
            op["put"] = put
        if gone:
            op["del"] = gone
        if len(op) > 1:
            self._staged.append(op)

    def lacks_ids(self, table: str, record_ids: list[str]) -> bool:
        """Whether ``table`` is not decoded yet and surely holds none of ``record_ids``."""
        return self._loaded().lacks_ids(table, record_ids)

    def insert_unread(self, table: str, docs: list[dict[str, Any]]) -> list[int]:
        """Add new documents to a table without decoding it, and save them with what was
        staged, in one frame. Their ids follow the highest there, as TinyDB numbers them
        (see ``LazyState.next_doc_id``); the caller has made sure none is there yet."""
        lazy = self._loaded()
        first = lazy.next_doc_id(table)
        doc_ids = list(range(first, first + len(docs)))
        op = {"t": table, "put": {str(i): doc for i, doc in zip(doc_ids, docs, strict=True)}}
        lazy.change(op)
        self._staged.insert(0, op)  # the record first, then its version: as TinyDB's write
        self._save(lazy.state, None)
        return doc_ids

    def commit(self) -> None:
        """Save what was staged, as one frame (all of it or, after a crash, none)."""
        if not self._staged:
            return
        self._save(self._loaded().state, None)

    def discard(self) -> None:
        """Drop what was staged: the in-memory state is read again from disk."""
        if self._staged:
            self._staged = []
            self._lazy = None

    def write(self, data: State) -> None:
        noted, self._change = self._change, None
        self._save(data, noted)

    def _save(self, data: State, noted: tuple[str, set[str], set[str]] | None) -> None:
        staged, self._staged = self._staged, []
        try:
            if noted is None and not staged:
                self._vault.write(encode_tables(self._whole(data)))
            else:
                ops = ([change_op(data, *noted)] if noted is not None else []) + staged
                if self._vault.append(ops[0] if len(ops) == 1 else ops):
                    self._compact(data)
        except BaseException:
            # Our cached copy was changed in place before this write; the disk did not
            # change, so forget the cache and read the truth back next time.
            self._lazy = None
            raise
        if self._lazy is None or self._lazy.state is not data:
            self._lazy = LazyState.of(data)

    def _compact(self, data: State) -> None:
        """Fold the log into a new snapshot, after the change itself is already saved.

        A disk that cannot take the new snapshot (full, read-only) must not turn a saved
        change into a reported failure: the person would retry and save it twice. The
        log simply keeps growing, and the next change tries compacting again.
        """
        with contextlib.suppress(OSError, VaultDamaged):  # damage: the table stays unwritten
            self._vault.write(encode_tables(self._whole(data)))

    def close(self) -> None:
        self._lazy = None
        self._staged = []

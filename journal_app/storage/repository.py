"""The typed repository: records in, records out; TinyDB stays behind this door.

It fulfils the core's ``RecordStore`` protocol. Each record kind has its own table, keyed
by TinyDB's integer document ids; the record's own string id is mapped to them here.
"""

from __future__ import annotations

import functools
import itertools
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.table import Table

from journal_app.core import search_index
from journal_app.core.errors import VaultDamaged
from journal_app.core.records import ALL_RECORD_TYPES, Record, RecordError
from journal_app.core.sync_merge import (
    LOCAL_ONLY_TABLES,
    Doc,
    Frontier,
    Key,
    Variant,
    Version,
    local_change,
    next_stamp,
    winner,
)
from journal_app.storage.memory import give_back_freed
from journal_app.storage.tinydb_storage import VaultStorage
from journal_app.storage.tinydb_table import JournalTable
from journal_app.storage.vault import Vault
from journal_app.storage.versions import (
    DEVICE,
    THIS_DEVICE,
    VERSIONS,
    DeviceState,
    key_of,
    new_device_id,
    read_frontier,
    stored_frontier,
    version_key,
)

RECORD_KINDS: dict[str, type[Record]] = {cls.TABLE: cls for cls in ALL_RECORD_TYPES}

R = TypeVar("R", bound=Record)
_REVISIONS = itertools.count(1)  # one sequence for every repository in the process


F = TypeVar("F", bound=Callable[..., Any])


def _held(method: F) -> F:
    """Run a repository method with the vault's folder lock held: stale reads are
    dropped first (see ``Vault.hold``), and no other process writes meanwhile."""

    @functools.wraps(method)
    def run(self: Repository, *args: Any, **kwargs: Any) -> Any:
        with self.vault.hold():
            return method(self, *args, **kwargs)

    return run  # type: ignore[return-value]


def _forget_scores() -> None:
    """Drop remembered check-in scores, if anything in this process scored one: a
    command that never loaded the scoring (``entry add``) does not import it to close."""
    checkins = sys.modules.get("journal_app.core.checkins")
    if checkins is not None:
        checkins.forget_scores()


class JournalDB(TinyDB):
    """TinyDB with tables that log only what changed (see ``tinydb_table``)."""

    table_class = JournalTable


class Repository:
    """Typed access to every record kind in one unlocked vault."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self._db = JournalDB(storage=VaultStorage, vault=vault)
        self._storage: VaultStorage = self._db.storage  # type: ignore[assignment]
        self._doc_ids: dict[str, dict[str, int]] = {}
        self._appended_unread: set[str] = set()  # tables a record was added to unread
        # Decoded records per table, so a screen or a search does not re-read ten years of
        # entries each time. Records handed out are shared: change them with update().
        self._records: dict[str, list[Record]] = {}
        self._revision = next(_REVISIONS)
        # table -> the revision of its last change; "" -> the first, for tables unchanged
        self._kind_revisions: dict[str, int] = {"": self._revision}
        vault.on_reload(self._forget_all)
        # Told of every version this repository makes, after it is saved (the sync
        # folder's publisher, when the journal syncs).
        self._on_saved: list[Callable[[list[tuple[Key, Variant]]], None]] = []
        self._made: list[tuple[Key, Variant]] = []

    def _forget_all(self) -> None:
        """Another process changed the journal: everything read is stale. The next read
        decodes afresh; every kind counts as changed, so screens recompute their summaries."""
        self._records.clear()
        self._doc_ids.clear()
        self._db._tables.clear()  # TinyDB's tables remember the next free document id
        self._revision = next(_REVISIONS)
        self._kind_revisions = {"": self._revision}

    def holding(self) -> AbstractContextManager[Vault]:
        """The folder lock for a run of reads and writes that belong together (a command,
        a screen's unit of work); re-entrant, and cheap when nothing changed elsewhere."""
        return self.vault.hold()

    def changed_elsewhere(self) -> bool:
        """Whether another process changed the journal since it was last read here."""
        return self.vault.changed_elsewhere()

    @property
    def revision(self) -> int:
        """A number that changes with every change made through this repository (the
        vault lets one writer in at a time), so a screen can keep a summary worked out
        from ten years of records until the records change, instead of on every visit.
        Never the same in two repositories of one process (a journal locked and opened
        again starts with a new number); it moves too when another process changed it."""
        with self.vault.hold():
            return self._revision

    def revision_of(self, *kinds: type[Record]) -> tuple[int, ...]:
        """Like ``revision``, for some record kinds only: a summary of check-ins can be
        kept while entries are written (saving an entry made Check-ins score ten years of
        results again). Kinds never changed here share the repository's first number."""
        with self.vault.hold():
            first = self._kind_revisions.get("", 0)
            return tuple(self._kind_revisions.get(k.TABLE, first) for k in kinds)

    def close(self) -> None:
        search_index.forget()  # no decrypted writing kept for searches after locking
        _forget_scores()  # nor check-in answers scored for a screen or a bundle
        self._records.clear()
        self._doc_ids.clear()
        self._db.close()
        self.vault.close()
        give_back_freed()  # what the journal used goes back before the next unlock's KDF

    # --- internals ------------------------------------------------------------------------

    def _table(self, cls: type[Record]) -> Table:
        return self._db.table(cls.TABLE)

    def _ids(self, cls: type[Record]) -> dict[str, int]:
        """record id -> TinyDB doc id, built on first use of each table."""
        index = self._doc_ids.get(cls.TABLE)
        if index is None:
            index = {}
            for doc_id, doc in self._raw(cls).items():
                record_id = doc.get("id") if isinstance(doc, dict) else None
                if not isinstance(record_id, str):
                    raise VaultDamaged(f"A stored {cls.__name__} has no id.")
                index[record_id] = int(doc_id)
            self._doc_ids[cls.TABLE] = index
        return index

    @contextmanager
    def _forget_on_failure(self, cls: type[Record]) -> Iterator[None]:
        """If a write fails, drop what we remembered; the next read comes from disk."""
        self._revision = next(_REVISIONS)  # before the write: a failed one may have changed it
        self._kind_revisions[cls.TABLE] = self._revision
        try:
            yield
        except BaseException:
            self._storage.discard()  # a version staged for a write that did not happen
            self._made = []
            self._records.pop(cls.TABLE, None)
            self._doc_ids.pop(cls.TABLE, None)
            raise

    def _raw(self, cls: type[Record]) -> dict[str, dict]:
        """The table's stored documents by doc id (read-only view of the storage cache).

        Only this table is decoded: reading goals does not decode thirty years of entries.
        """
        return self._storage.table(cls.TABLE)

    @staticmethod
    def _load(cls: type[R], doc: dict) -> R:
        try:
            return cls.from_dict(dict(doc))
        except RecordError as exc:
            raise VaultDamaged(f"A stored record could not be read: {exc}") from exc

    # --- RecordStore ----------------------------------------------------------------------

    def add(self, record: Record) -> None:
        self.add_many([record])

    @_held
    def add_many(self, records: Iterable[Record]) -> int:
        """Insert records, one durable write per record kind."""
        by_kind: dict[type[Record], list[Record]] = {}
        for record in records:
            by_kind.setdefault(type(record), []).append(record)
        for cls, batch in by_kind.items():
            fresh_ids = [r.id for r in batch]
            if len(set(fresh_ids)) != len(fresh_ids):
                raise ValueError(f"Duplicate {cls.__name__} id")
            if self._may_append_unread(cls) and self._storage.lacks_ids(cls.TABLE, fresh_ids):
                self._append_unread(cls, batch)
                continue
            index = self._ids(cls)
            if any(i in index for i in fresh_ids):
                raise ValueError(f"Duplicate {cls.__name__} id")
            self._storage.begin()
            docs = [r.to_dict() for r in batch]
            with self._forget_on_failure(cls):
                self._stage_versions(cls.TABLE, [(d["id"], d) for d in docs])
                doc_ids = self._table(cls).insert_multiple(docs)
            index.update(zip(fresh_ids, doc_ids, strict=True))
            cached = self._records.get(cls.TABLE)
            if cached is not None:
                cached.extend(self._load(cls, doc) for doc in docs)
            self._tell_saved()
        return sum(len(b) for b in by_kind.values())

    def _may_append_unread(self, cls: type[Record]) -> bool:
        """Once per table in a repository: a command adds one record, and for it the
        table's bytes are searched instead of decoded; a repository that adds again (the
        app, a script's session) reads the table once and adds from memory after that."""
        return cls.TABLE not in self._doc_ids and cls.TABLE not in self._appended_unread

    def _append_unread(self, cls: type[R], batch: list[R]) -> None:
        """New records of a table not decoded yet, appended without decoding it (nor ten
        years of versions): what ``entry add`` pays is one sealed frame, not the journal."""
        self._appended_unread.add(cls.TABLE)
        self._storage.begin()
        docs = [r.to_dict() for r in batch]
        with self._forget_on_failure(cls):
            self._stage_versions(cls.TABLE, [(d["id"], d) for d in docs], new=True)
            self._storage.insert_unread(cls.TABLE, docs)
        self._db._tables.pop(cls.TABLE, None)  # TinyDB's table remembers the next free id
        cached = self._records.get(cls.TABLE)
        if cached is not None:
            cached.extend(self._load(cls, doc) for doc in docs)
        self._tell_saved()

    @_held
    def update(self, record: Record) -> None:
        cls = type(record)
        doc_id = self._ids(cls).get(record.id)
        if doc_id is None:
            raise KeyError(f"No {cls.__name__} {record.id}")
        new_doc = record.to_dict()

        def replace(doc: MutableMapping[str, Any]) -> None:
            doc.clear()
            doc.update(new_doc)

        self._storage.begin()
        with self._forget_on_failure(cls):
            self._stage_versions(cls.TABLE, [(record.id, new_doc)])
            self._table(cls).update(replace, doc_ids=[doc_id])
            self._recache(cls, record.id, self._load(cls, new_doc))
        self._tell_saved()

    @_held
    def remove(self, cls: type[Record], record_id: str) -> bool:
        index = self._ids(cls)
        doc_id = index.pop(record_id, None)
        if doc_id is None:
            return False
        self._storage.begin()
        with self._forget_on_failure(cls):
            self._stage_versions(cls.TABLE, [(record_id, None)])
            self._table(cls).remove(doc_ids=[doc_id])
            self._recache(cls, record_id, None)
        self._tell_saved()
        return True

    def _recache(self, cls: type[Record], record_id: str, fresh: Record | None) -> None:
        """Change one record in the remembered list, in place: the table keeps its order,
        so this is what decoding it again would give, without rebuilding ten years of
        records (and the other records stay the same objects, which searches rely on)."""
        cached = self._records.get(cls.TABLE)
        if cached is None:
            return
        at = next((i for i, r in enumerate(cached) if r.id == record_id), None)
        if at is None:
            self._records.pop(cls.TABLE, None)  # not where expected: read it again
        elif fresh is None:
            del cached[at]
        else:
            cached[at] = fresh

    @_held
    def ready(self, cls: type[R]) -> None:
        """Decode a record kind and index its ids now (the app's warm-up, off the UI
        thread), so neither the first screen that lists it nor the first save of one pays
        for it: at thirty years the id index was 34 ms of the first entry saved."""
        self.all(cls)
        self._ids(cls)

    @_held
    def get(self, cls: type[R], record_id: str) -> R | None:
        doc_id = self._ids(cls).get(record_id)
        if doc_id is None:
            return None
        doc = self._raw(cls).get(str(doc_id))
        return None if doc is None else self._load(cls, doc)

    @_held
    def all(self, cls: type[R]) -> list[R]:
        cached = self._records.get(cls.TABLE)
        if cached is None:
            cached = [self._load(cls, doc) for doc in self._raw(cls).values()]
            self._records[cls.TABLE] = cached
        return list(cached)  # type: ignore[arg-type]

    @_held
    def since(self, cls: type[R], moment: datetime, field: str = "created_at") -> list[R]:
        """The records of a kind whose ``field`` (a date-time) is at or after ``moment``,
        in insertion order, decoding only those: a screen showing the last eight weeks
        need not decode ten years of entries first (most of the wait after unlocking).
        With the snapshot's time index not even the JSON of older ones is decoded.
        A stored value that is not a plain date-time is decoded and checked in full."""
        cached = self._records.get(cls.TABLE)
        if cached is not None:
            return [r for r in cached if getattr(r, field) >= moment]  # type: ignore[misc]
        aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        docs = self._storage.recent(cls.TABLE, field, aware.timestamp())
        found: list[R] = []
        for doc in self._raw(cls).values() if docs is None else docs:
            raw = doc.get(field) if isinstance(doc, dict) else None
            if isinstance(raw, str):
                try:
                    at = datetime.fromisoformat(raw)
                except ValueError:
                    at = None  # decoded below, which says it is damaged
                # Aware moments compare across offsets; a naive one is UTC (as decoded).
                if at is not None and (at if at.tzinfo else at.replace(tzinfo=UTC)) < moment:
                    continue
            record = self._load(cls, doc)
            if getattr(record, field) >= moment:
                found.append(record)
        return found

    @_held
    def count(self, cls: type[Record]) -> int:
        """How many records of a kind there are (counted without decoding them)."""
        return self._storage.count(cls.TABLE)

    # --- versions (see storage/versions.py and core/sync_merge.py) -------------------------

    def _stage_versions(
        self, table: str, changes: list[tuple[str, Doc | None]], *, new: bool = False
    ) -> None:
        """A version for each local change (a new or changed document, or None for a
        deletion), covering every version of that record this journal has seen; saved in
        the same frame as the change itself. A table that never leaves this device (a
        form's draft, saved every few seconds while the person types) has no versions.
        Records known to be ``new`` have none yet, so the versions are not read."""
        if table in LOCAL_ONLY_TABLES:
            return
        device = self._device_state()
        versions: dict[str, Any] = {} if new else self._storage.table(VERSIONS)
        wall = int(self.vault.now().timestamp() * 1000)
        put: dict[str, Any] = {}
        for record_id, doc in changes:
            stored_key = version_key((table, record_id))
            frontier = read_frontier(versions.get(stored_key), lambda: None)
            device.count += 1
            device.stamp = next_stamp(device.stamp, wall)
            change = local_change(frontier, device.id, device.count, device.stamp, doc)
            keep = table not in RECORD_KINDS  # no table of its own: its document stays here
            put[stored_key] = stored_frontier((change,), change, keep_shown=keep)
            self._made.append(((table, record_id), change))
        self._storage.stage(VERSIONS, put)
        self._storage.stage(DEVICE, {THIS_DEVICE: device.to_json()})

    def on_saved(self, listener: Callable[[list[tuple[Key, Variant]]], None]) -> None:
        """Call ``listener`` with the versions each write made, once it is saved."""
        self._on_saved.append(listener)

    def _tell_saved(self) -> None:
        made, self._made = self._made, []
        if made:
            for listener in self._on_saved:
                listener(made)

    @_held
    def adopt_unversioned(self) -> int:
        """Give every record written before versions existed a version of this device's,
        so a sync folder learns them from this device alone (once, when sync is set up).
        Returns how many records were given one."""
        versions = self._storage.table(VERSIONS)
        bare: dict[str, list[tuple[str, Doc | None]]] = {}
        for table, cls in RECORD_KINDS.items():
            for doc in self._raw(cls).values():
                record_id = doc.get("id") if isinstance(doc, dict) else None
                if isinstance(record_id, str) and version_key((table, record_id)) not in versions:
                    bare.setdefault(table, []).append((record_id, dict(doc)))
        return self._version_as_mine(bare)

    def _version_as_mine(self, by_table: dict[str, list[tuple[str, Doc | None]]]) -> int:
        """A version of this device's for each record as it is (content unchanged), all
        in one frame; then the listeners hear of them like any save."""
        if not by_table:
            return 0
        self._storage.begin()
        try:
            for table, docs in by_table.items():
                self._stage_versions(table, docs)
            self._storage.commit()
        except BaseException:
            self._storage.discard()
            self._made = []
            raise
        self._tell_saved()
        return sum(len(d) for d in by_table.values())

    @_held
    def adopt(self, keys: Iterable[Key]) -> int:
        """Make each record's shown version this device's own (same content, a new version
        covering what is there): what a full copy brought in then goes to the sync folder
        from here, as this device's changes. Returns how many records it took."""
        device_id = self._device_state().id
        by_table: dict[str, list[tuple[str, Doc | None]]] = {}
        for key in keys:
            if key[0] in LOCAL_ONLY_TABLES:
                continue
            frontier = self.frontier(key)
            best = winner(frontier)
            if best is None or (best.version.device == device_id and len(frontier) == 1):
                continue
            by_table.setdefault(key[0], []).append((key[1], best.doc))
        return self._version_as_mine(by_table)

    @_held
    def local_settings(self, name: str) -> Any:
        """A setting of this device kept sealed in the journal but never synced (where
        its sync folder is, how far it has read each other device)."""
        return self._device_state().extra.get(name)

    @_held
    def save_local_settings(self, name: str, value: Any) -> None:
        """Save one of this device's own settings (None removes it), in one frame."""
        device = self._device_state()
        if value is None:
            device.extra.pop(name, None)
        else:
            device.extra[name] = value
        self._save_device(device)

    def _save_device(self, device: DeviceState) -> None:
        """This device's own record, in one frame of its own."""
        self._storage.begin()
        try:
            self._storage.stage(DEVICE, {THIS_DEVICE: device.to_json()})
            self._storage.commit()
        except BaseException:
            self._storage.discard()
            raise

    def _device_state(self) -> DeviceState:
        return DeviceState(self._storage.table(DEVICE).get(THIS_DEVICE))

    @_held
    def device(self) -> tuple[str, int]:
        """This journal's device id and how many changes it has made (its id is made, and
        kept, by its first change)."""
        device = self._device_state()
        return device.id, device.count

    @_held
    def new_device(self) -> str:
        """Take a new device id from now on (a copy of a journal must not go on as the
        device it was copied from: their changes would carry the same numbers)."""
        device = self._device_state()
        device.id = new_device_id()
        device.count = 0
        self._save_device(device)
        return device.id

    def _doc_of(self, table: str, record_id: str) -> Doc | None:
        cls = RECORD_KINDS.get(table)
        if cls is None:
            return None
        doc_id = self._ids(cls).get(record_id)
        if doc_id is None:
            return None
        doc = self._raw(cls).get(str(doc_id))
        return dict(doc) if isinstance(doc, dict) else None

    @_held
    def frontier(self, key: Key) -> Frontier:
        """Every version of one record no other covers, with what each held."""
        stored = self._storage.table(VERSIONS).get(version_key(key))
        return read_frontier(stored, lambda: self._doc_of(*key))

    @_held
    def frontiers(self, tables: Iterable[str] | None = None) -> list[tuple[Key, Frontier]]:
        """Every record's frontier (deletions included), of ``tables`` or of all: what a
        full copy or a device's snapshot carries."""
        wanted = None if tables is None else set(tables)
        versions = self._storage.table(VERSIONS)
        found: list[tuple[Key, Frontier]] = []
        for stored_key, stored in versions.items():
            key = key_of(stored_key)
            if wanted is None or key[0] in wanted:
                found.append((key, read_frontier(stored, functools.partial(self._doc_of, *key))))
        for table, cls in RECORD_KINDS.items():
            if wanted is not None and table not in wanted:
                continue
            for doc in self._raw(cls).values():
                record_id = doc.get("id") if isinstance(doc, dict) else None
                if isinstance(record_id, str) and version_key((table, record_id)) not in versions:
                    found.append(((table, record_id), (Variant(Version(), dict(doc)),)))
        return found

    @_held
    def apply_merge(
        self,
        frontiers: Mapping[Key, Frontier],
        seen_stamp: int = 0,
        settings: tuple[str, Any] | None = None,
    ) -> None:
        """Save what a merge decided, all in one frame: each record as its winning version
        shows it (added, changed or removed) and its frontier beside it, and one of this
        device's own settings with them (how far it has read each device). A record of a
        kind this app does not know is kept whole in its frontier, so nothing a newer app
        wrote on another device is lost here."""
        if not frontiers and settings is None:
            return
        self._storage.begin()
        puts: dict[str, dict[str, Any]] = {}
        gone: dict[str, list[str]] = {}
        versions: dict[str, Any] = {}
        try:
            for key, frontier in frontiers.items():
                table, record_id = key
                shown = winner(frontier)
                cls = RECORD_KINDS.get(table)
                versions[version_key(key)] = stored_frontier(
                    frontier, shown, keep_shown=cls is None
                )
                if cls is None:
                    continue
                raw = self._storage.table(table)
                index = self._ids(cls)
                doc_id = index.get(record_id)
                if shown is None or shown.doc is None:
                    if doc_id is not None:
                        gone.setdefault(table, []).append(str(doc_id))
                        del index[record_id]
                    continue
                if doc_id is None:
                    taken = [int(i) for i in raw] + [int(i) for i in puts.get(table, {})]
                    doc_id = max(taken, default=0) + 1
                    index[record_id] = doc_id
                puts.setdefault(table, {})[str(doc_id)] = dict(shown.doc)
            for table in sorted(set(puts) | set(gone)):
                self._storage.stage(table, puts.get(table, {}), gone.get(table, []))
            self._storage.stage(VERSIONS, versions)
            device = self._device_state()
            device.stamp = max(device.stamp, seen_stamp)
            if settings is not None:
                device.extra[settings[0]] = settings[1]
            self._storage.stage(DEVICE, {THIS_DEVICE: device.to_json()})
            self._storage.commit()
        except BaseException:
            self._storage.discard()
            self._forget_all()
            raise
        self._revision = next(_REVISIONS)
        for table in set(puts) | set(gone):
            self._records.pop(table, None)
            self._db._tables.pop(table, None)  # TinyDB remembers the next free id
            self._kind_revisions[table] = self._revision

    def count_all(self) -> int:
        """The total number of records. Unlocking has already decrypted and authenticated
        every byte of the journal; the tables' JSON is decoded when first used."""
        return sum(self.count(cls) for cls in ALL_RECORD_TYPES)


@contextmanager
def open_repository(data_dir: Path, passphrase: str) -> Iterator[Repository]:
    """Unlock the vault in ``data_dir`` and hand out its repository; lock it again after."""
    repo = Repository(Vault.unlock(data_dir, passphrase))
    try:
        with repo.holding():
            repo.vault.tidy()
            yield repo
    finally:
        repo.close()

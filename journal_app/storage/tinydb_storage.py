"""A TinyDB Storage that keeps the database inside the vault.

TinyDB hands its storage the whole database on every write. Re-encrypting all of it
each time would make every new entry slower than the last, so the repository says what
it is about to change (``begin``); the storage then appends just that change to the
vault's log, and writes a full snapshot only when the log has grown large (compaction)
or when a change it was not told about happens.
"""

from __future__ import annotations

from tinydb.storages import Storage

from journal_app.storage.state import State, change, encode_state
from journal_app.storage.vault import Vault


class VaultStorage(Storage):
    """TinyDB storage over an unlocked :class:`Vault`."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault
        self._cache: State | None = None
        self._known: dict[str, set[str]] = {}
        self._pending: tuple[str, set[str]] | None = None

    def read(self) -> State | None:
        if self._cache is None:
            self._cache = self._vault.load_state()
            self._known = {table: set(docs) for table, docs in self._cache.items()}
        return self._cache

    def begin(self, table: str, doc_ids: set[str] | None = None) -> None:
        """Announce the next write: which table, and which existing documents it touches.

        Also the moment for the day's backup, while the state is still as it was.
        """
        state = self.read()
        assert state is not None
        if self._vault.backup_due():
            self._vault.save_backup(encode_state(state))
        self._pending = (table, set(doc_ids or ()))

    def write(self, data: State) -> None:
        pending, self._pending = self._pending, None
        try:
            if pending is None:
                self._vault.write(encode_state(data))
            else:
                table, doc_ids = pending
                op = change(data, table, doc_ids, self._known.get(table, set()))
                if self._vault.append(op):
                    self._vault.write(encode_state(data))
        except BaseException:
            # TinyDB changed our cached copy in place before calling write; the disk did
            # not change, so forget the cache and read the truth back next time.
            self._cache = None
            raise
        self._cache = data
        self._known = {name: set(docs) for name, docs in data.items()}

    def close(self) -> None:
        self._cache = None


__all__ = ["VaultStorage"]

"""A TinyDB Storage that keeps the database inside the vault.

TinyDB hands its storage the whole database on every write. Re-encrypting all of it
each time would make every new entry slower than the last, so the repository says what
it is about to change (``begin``); the storage then appends just that change to the
vault's log, and writes a full snapshot only when the log has grown large (compaction)
or when a change it was not told about happens.
"""

from __future__ import annotations

import contextlib

from tinydb.storages import Storage

from journal_app.storage.state import State, change_op, encode_state
from journal_app.storage.vault import Vault


class VaultStorage(Storage):
    """TinyDB storage over an unlocked :class:`Vault`."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault
        self._cache: State | None = None
        self._change: tuple[str, set[str], set[str]] | None = None

    def read(self) -> State | None:
        if self._cache is None:
            self._cache = self._vault.load_state()
        return self._cache

    def begin(self) -> None:
        """Called before a change: the moment for the day's backup, while the state is
        still as it was."""
        state = self.read()
        assert state is not None
        if self._vault.backup_due():
            self._vault.save_backup(encode_state(state))

    def note_change(self, table: str, put: set[str], deleted: set[str]) -> None:
        """Which documents the coming write changed (see ``JournalTable``)."""
        self._change = (table, put, deleted)

    def write(self, data: State) -> None:
        noted, self._change = self._change, None
        try:
            if noted is None:
                self._vault.write(encode_state(data))
            elif self._vault.append(change_op(data, *noted)):
                self._compact(data)
        except BaseException:
            # Our cached copy was changed in place before this write; the disk did not
            # change, so forget the cache and read the truth back next time.
            self._cache = None
            raise
        self._cache = data

    def _compact(self, data: State) -> None:
        """Fold the log into a new snapshot, after the change itself is already saved.

        A disk that cannot take the new snapshot (full, read-only) must not turn a saved
        change into a reported failure: the person would retry and save it twice. The
        log simply keeps growing, and the next change tries compacting again.
        """
        with contextlib.suppress(OSError):
            self._vault.write(encode_state(data))

    def close(self) -> None:
        self._cache = None

"""The vault: a data folder holding the key file, the encrypted journal and its backups.

Opening a vault checks the passphrase, takes the folder lock and keeps the data key in
memory until ``close``. Every write is sealed with a fresh nonce and replaces the file
atomically, so killing the process at any instant leaves the old or the new journal.
Nothing here ever writes clear text to disk.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from journal_app.core.errors import (
    VaultDamaged,
    VaultError,
    VaultExists,
    VaultMissing,
    WrongPassphrase,
)
from journal_app.storage import keyfile
from journal_app.storage.atomic import atomic_write, fsync_dir, remove_stale_temps
from journal_app.storage.backups import (
    DEFAULT_INTERVAL,
    KEY_PREFIX,
    STAMP_FORMAT,
    SUFFIX,
    Backups,
)
from journal_app.storage.datafile import generation_of, open_data, seal_data
from journal_app.storage.exports import EXPORTS_DIR
from journal_app.storage.lock import FolderLock
from journal_app.storage.oplog import LogState, LogWriter, log_header, read_log
from journal_app.storage.perms import make_private
from journal_app.storage.staging import STAGE_DIR, Staging
from journal_app.storage.state import apply_op, decode_state, encode_state
from journal_app.storage.ui_prefs import PREFS_FILE

KEY_FILE = "key.tjk"
DATA_FILE = "journal.tjv"
LOG_FILE = "journal.tjl"
COMPACT_MIN_BYTES = 1024 * 1024
BACKUP_DIR = "backups"
EMPTY_JOURNAL = b"{}"
LOCK_FILE = ".lock"

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def vault_exists(data_dir: Path) -> bool:
    """Whether ``data_dir`` already holds a vault (its key file)."""
    return (data_dir / KEY_FILE).exists()


def keep_private(data_dir: Path) -> None:
    """Folder 0700 and the app's files 0600, or FolderNotPrivate saying why not."""
    make_private(
        data_dir,
        names=(KEY_FILE, DATA_FILE, LOG_FILE, LOCK_FILE, PREFS_FILE),
        subfolders=(BACKUP_DIR, EXPORTS_DIR, STAGE_DIR),
    )


def finish_rekeying(data_dir: Path) -> None:
    """Complete a key rotation a crash interrupted (or drop one never decided).

    Needs no key: it only moves already-sealed files. The key file moves last.
    """
    Staging(data_dir).recover(last=(KEY_FILE,))


class Vault:
    """An unlocked vault. Use ``Vault.create`` or ``Vault.unlock``; always ``close`` it."""

    def __init__(
        self, data_dir: Path, key: keyfile.UnlockedKey, lock: FolderLock, clock: Clock
    ) -> None:
        self.data_dir = data_dir
        self._key = key
        self._lock = lock
        self._clock = clock
        self.backups = Backups(data_dir / BACKUP_DIR)
        self._writer: LogWriter | None = None
        self._generation = ""
        self._snapshot_size = 0
        self._newest_backup: datetime | None = None

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def create(cls, data_dir: Path, passphrase: str, clock: Clock = utc_now) -> Vault:
        """Make a new, empty vault; refuse if one is already there."""
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        lock = FolderLock(data_dir)
        lock.acquire()
        try:
            if vault_exists(data_dir):
                raise VaultExists(f"A journal already exists in {data_dir}.")
            keep_private(data_dir)
            key = keyfile.new_key()
            atomic_write(data_dir / KEY_FILE, keyfile.wrap(key, passphrase))
            vault = cls(data_dir, key, lock, clock)
            vault.backups.save(data_dir / KEY_FILE, clock(), prefix=KEY_PREFIX)
            vault.write(EMPTY_JOURNAL)
            return vault
        except BaseException:
            lock.release()
            raise

    @classmethod
    def unlock(cls, data_dir: Path, passphrase: str, clock: Clock = utc_now) -> Vault:
        """Open an existing vault. Reads only; a failed unlock changes nothing on disk."""
        key_path = data_dir / KEY_FILE
        if not key_path.exists():
            raise VaultMissing(f"No journal in {data_dir} yet; create one with 'init'.")
        lock = FolderLock(data_dir)
        lock.acquire()
        try:
            finish_rekeying(data_dir)
            key = keyfile.unwrap(key_path.read_bytes(), passphrase)
            keep_private(data_dir)
        except BaseException:
            lock.release()
            raise
        return cls(data_dir, key, lock, clock)

    @classmethod
    def unlock_with_key_copies(
        cls, data_dir: Path, passphrase: str, clock: Clock = utc_now
    ) -> Vault:
        """Open even if the key file is damaged, by trying saved key files (newest first).

        Used only for restoring: it lets a person whose key file was damaged get back in
        with the passphrase that was current when the copy was saved.
        """
        try:
            return cls.unlock(data_dir, passphrase, clock)
        except VaultDamaged as damage:
            lock = FolderLock(data_dir)
            lock.acquire()
            wrong: WrongPassphrase | None = None
            for copy in Backups(data_dir / BACKUP_DIR).key_copies():
                try:
                    key = keyfile.unwrap(copy.read_bytes(), passphrase)
                except WrongPassphrase as exc:
                    wrong = exc
                    continue
                except VaultError:
                    continue
                atomic_write(data_dir / KEY_FILE, copy.read_bytes())
                return cls(data_dir, key, lock, clock)
            lock.release()
            raise (wrong or damage) from None

    def close(self) -> None:
        """Forget the key and let other processes in."""
        self._close_writer()
        self._lock.release()
        self._key = keyfile.UnlockedKey(data_key=b"", key_id="")

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- data ----------------------------------------------------------------------------

    @property
    def data_path(self) -> Path:
        return self.data_dir / DATA_FILE

    @property
    def log_path(self) -> Path:
        return self.data_dir / LOG_FILE

    def load_state(self) -> dict[str, dict[str, Any]]:
        """The whole journal as tables of documents: the snapshot plus its change log.

        Reads only. A missing data file is an empty journal.
        """
        if not self.data_path.exists():
            snapshot, generation = EMPTY_JOURNAL, ""
        else:
            blob = self.data_path.read_bytes()
            snapshot = open_data(blob, self._key)
            generation = generation_of(blob)
        state = decode_state(snapshot)
        log = read_log(self.log_path, self._key, generation)
        if log is None:
            log = LogState(ops=[], valid_end=0, header=log_header(self._key, generation))
        for op in log.ops:
            apply_op(state, op)
        self._generation = generation
        self._snapshot_size = len(snapshot)
        self._writer = LogWriter(self.log_path, self._key, log)
        return state

    def read(self) -> bytes:
        """The whole journal as JSON bytes (for maintenance and tests)."""
        return encode_state(self.load_state())

    def write(self, plaintext: bytes) -> None:
        """Replace the journal with a new snapshot and an empty log (atomic, durable).

        The snapshot is renamed into place before the old log is replaced, so a crash in
        between leaves a log of the old generation, which the next open ignores.
        """
        generation = secrets.token_hex(8)
        atomic_write(self.data_path, seal_data(self._key, plaintext, generation))
        self._close_writer()
        header = log_header(self._key, generation)
        atomic_write(self.log_path, header)
        self._generation = generation
        self._snapshot_size = len(plaintext)
        self._writer = LogWriter(
            self.log_path, self._key, LogState(ops=[], valid_end=len(header), header=header)
        )

    def append(self, op: dict[str, Any]) -> bool:
        """Durably record one change; True when the log has grown enough to compact."""
        if self._writer is None:
            self.load_state()
        assert self._writer is not None
        self._writer.append(json.dumps(op, ensure_ascii=False, separators=(",", ":")).encode())
        return self._writer.size > max(COMPACT_MIN_BYTES, self._snapshot_size // 2)

    def backup_due(self) -> bool:
        """Whether the newest backup is a day old (the folder is listed once per session)."""
        if self._newest_backup is None:
            newest = self.backups.list()
            self._newest_backup = newest[0].taken_at if newest else datetime.min.replace(tzinfo=UTC)
        return self._clock() - self._newest_backup >= DEFAULT_INTERVAL

    def save_backup(self, plaintext: bytes) -> None:
        """Seal the whole journal, as it is now, into a new backup (with its own generation)."""
        now = self._clock()
        sealed_copy = seal_data(self._key, plaintext, secrets.token_hex(8))
        self.backups.save_bytes(sealed_copy, now)
        self._newest_backup = now

    def _close_writer(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    # --- maintenance ---------------------------------------------------------------------

    def opens_with(self, passphrase: str) -> bool:
        """Whether ``passphrase`` opens the key file now (a check before re-keying)."""
        try:
            keyfile.unwrap((self.data_dir / KEY_FILE).read_bytes(), passphrase)
        except WrongPassphrase:
            return False
        return True

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-wrap the same data key under a new passphrase; data and backups stay valid.

        Every saved key copy is re-wrapped too: a copy left under the old passphrase would
        let whoever knows it back in (and ``backup restore`` could put it back in place).
        The copies go first and the key file last, each atomically and durably: until the
        key file is replaced the old passphrase is still the way in (a crash means "run it
        again"), and after it no file here opens with the old passphrase.
        """
        self._remove_stale_temps()  # a killed write's leftover may hold an old wrap
        wrapped = keyfile.wrap(self._key, new_passphrase)
        for copy in self.backups.key_copies():
            atomic_write(copy, wrapped)
        self.backups.save_bytes(wrapped, self._clock(), prefix=KEY_PREFIX)
        atomic_write(self.data_dir / KEY_FILE, wrapped)

    def rotate_key(self, new_passphrase: str) -> None:
        """A new random data key and a new passphrase; everything here re-sealed under them.

        For someone who fears their passphrase (or the key itself) was learned: after this,
        neither the old passphrase nor the old data key opens any file in the folder. The
        journal and each backup are decrypted and checked first (a damaged one stops it
        before anything is written); the re-sealed files are staged and then moved into
        place together, so a crash leaves either the old journal or the new one.
        """
        journal = self.read()
        self._remove_stale_temps()
        new_key = keyfile.new_key()
        wrapped = keyfile.wrap(new_key, new_passphrase)
        staging = Staging(self.data_dir)
        staging.begin()
        try:
            generation = secrets.token_hex(8)
            staging.put(DATA_FILE, seal_data(new_key, journal, generation))
            staging.put(LOG_FILE, log_header(new_key, generation))
            for info in self.backups.list():
                plain = self._backup_for_rekeying(info.number)
                staging.put(f"{BACKUP_DIR}/{info.path.name}", seal_data(new_key, plain, ""))
            copies = self.backups.key_copies()
            for copy in copies:
                staging.put(f"{BACKUP_DIR}/{copy.name}", wrapped)
            if not copies:
                stamp = self._clock().strftime(STAMP_FORMAT)
                staging.put(f"{BACKUP_DIR}/{KEY_PREFIX}{stamp}{SUFFIX}", wrapped)
            staging.put(KEY_FILE, wrapped)
        except BaseException:
            staging.discard()  # nothing was decided; the old files were never touched
            raise
        self._close_writer()
        staging.commit(last=(KEY_FILE,))
        self._key = new_key
        self._generation = generation
        self._snapshot_size = len(journal)

    def _backup_for_rekeying(self, number: int) -> bytes:
        """A backup's plaintext, or a refusal: a damaged one cannot be re-sealed."""
        try:
            return self.check_backup(number)
        except VaultDamaged as exc:
            raise VaultDamaged(
                f"{exc} The key was not changed, because that backup could not be moved to "
                "the new key; nothing was written."
            ) from None

    def _remove_stale_temps(self) -> None:
        """Drop temp files a killed write left (they may hold a copy sealed the old way)."""
        for folder in (self.data_dir, self.backups.folder):
            if folder.is_dir() and remove_stale_temps(folder):
                fsync_dir(folder)

    def check_backup(self, number: int) -> bytes:
        """Decrypt backup ``number`` to prove it is sound; return its plaintext."""
        info = self.backups.get(number)
        if info is None:
            count = len(self.backups.list())
            raise VaultMissing(f"There is no backup {number}; there are {count}.")
        return open_data(info.path.read_bytes(), self._key, what=f"backup {number}")

    def restore_backup(self, number: int) -> None:
        """Make backup ``number`` the live journal, keeping today's state as a new backup."""
        restored = self.check_backup(number)
        try:
            current = self.read()
        except VaultDamaged:
            current = None  # nothing sound to keep; the backup replaces the damage
        if current is not None:
            self.save_backup(current)
        self.write(restored)

    def tidy(self) -> int:
        """Remove temp files a killed write left behind (they hold ciphertext only)."""
        removed = remove_stale_temps(self.data_dir)
        if removed:
            fsync_dir(self.data_dir)
        return removed


__all__ = ["Vault", "WrongPassphrase", "VaultDamaged", "vault_exists"]

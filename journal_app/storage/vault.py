"""The vault: a data folder holding the key file, the encrypted journal and its backups.

Opening a vault checks the passphrase, takes the folder lock and keeps the data key in
memory until ``close``. Every write is sealed with a fresh nonce and replaces the file
atomically, so killing the process at any instant leaves the old or the new journal.
Nothing here ever writes clear text to disk.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from journal_app.storage import keyfile
from journal_app.storage.atomic import atomic_write, fsync_dir, remove_stale_temps
from journal_app.storage.backups import KEY_PREFIX, Backups
from journal_app.storage.datafile import open_data, seal_data
from journal_app.storage.errors import (
    VaultDamaged,
    VaultError,
    VaultExists,
    VaultMissing,
    WrongPassphrase,
)
from journal_app.storage.lock import FolderLock

KEY_FILE = "key.tjk"
DATA_FILE = "journal.tjv"
BACKUP_DIR = "backups"
EMPTY_JOURNAL = b"{}"

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def vault_exists(data_dir: Path) -> bool:
    """Whether ``data_dir`` already holds a vault (its key file)."""
    return (data_dir / KEY_FILE).exists()


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
            key = keyfile.new_key()
            atomic_write(data_dir / KEY_FILE, keyfile.wrap(key, passphrase))
            vault = cls(data_dir, key, lock, clock)
            vault.backups.save(data_dir / KEY_FILE, clock(), prefix=KEY_PREFIX)
            atomic_write(data_dir / DATA_FILE, seal_data(key, EMPTY_JOURNAL))
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
            key = keyfile.unwrap(key_path.read_bytes(), passphrase)
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

    def read(self) -> bytes:
        """The journal's plaintext (JSON bytes). A missing data file is an empty journal."""
        if not self.data_path.exists():
            return EMPTY_JOURNAL
        return open_data(self.data_path.read_bytes(), self._key)

    def write(self, plaintext: bytes) -> None:
        """Seal and durably replace the journal, backing up the old one when a backup is due."""
        now = self._clock()
        if self.backups.is_due(now):
            self.backups.save(self.data_path, now)
        atomic_write(self.data_path, seal_data(self._key, plaintext))

    # --- maintenance ---------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-wrap the same data key under a new passphrase; data and backups stay valid."""
        now = self._clock()
        self.backups.save(self.data_dir / KEY_FILE, now, prefix=KEY_PREFIX)
        atomic_write(self.data_dir / KEY_FILE, keyfile.wrap(self._key, new_passphrase))
        self.backups.save(self.data_dir / KEY_FILE, now, prefix=KEY_PREFIX)

    def check_backup(self, number: int) -> bytes:
        """Decrypt backup ``number`` to prove it is sound; return its plaintext."""
        info = self.backups.get(number)
        if info is None:
            count = len(self.backups.list())
            raise VaultMissing(f"There is no backup {number}; there are {count}.")
        return open_data(info.path.read_bytes(), self._key, what=f"backup {number}")

    def restore_backup(self, number: int) -> None:
        """Make backup ``number`` the live journal, keeping today's state as a new backup."""
        self.check_backup(number)
        blob = self.backups.get(number).path.read_bytes()  # type: ignore[union-attr]
        try:
            self.read()
            current_sound = True
        except VaultDamaged:
            current_sound = False
        if current_sound:
            self.backups.save(self.data_path, self._clock())
        atomic_write(self.data_path, blob)

    def tidy(self) -> int:
        """Remove temp files a killed write left behind (they hold ciphertext only)."""
        removed = remove_stale_temps(self.data_dir)
        if removed:
            fsync_dir(self.data_dir)
        return removed


__all__ = ["Vault", "WrongPassphrase", "VaultDamaged", "vault_exists"]

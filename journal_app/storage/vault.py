"""The vault: a data folder holding the key file, the encrypted journal and its backups.

Opening a vault checks the passphrase, takes the folder lock and keeps the data key in
memory until ``close``. Every write is sealed with a fresh nonce and replaces the file
atomically, so killing the process at any instant leaves the old or the new journal.
Nothing here ever writes clear text to disk.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from journal_app.core.errors import (
    KeyFileProblem,
    NoSuchBackup,
    VaultDamaged,
    VaultError,
    VaultExists,
    VaultMissing,
    WrongPassphrase,
)
from journal_app.storage import keyfile, os_traits
from journal_app.storage.atomic import atomic_write, fsync_dir, remove_stale_temps
from journal_app.storage.backups import (
    DATA_PREFIX,
    DEFAULT_INTERVAL,
    KEY_PREFIX,
    STAMP_FORMAT,
    SUFFIX,
    Backups,
    log_copy_of,
)
from journal_app.storage.datafile import (
    KIND_BACKUP,
    KIND_JOURNAL,
    LogPosition,
    SnapshotInfo,
    key_id_of,
    open_data,
    open_snapshot,
    seal_data,
)
from journal_app.storage.exports import EXPORTS_DIR
from journal_app.storage.lock import FolderLock
from journal_app.storage.memory import return_large_blocks
from journal_app.storage.oplog import LogState, LogWriter, log_header, log_position, read_log
from journal_app.storage.perms import make_private
from journal_app.storage.staging import STAGE_DIR, Staging
from journal_app.storage.state import LazyState, encode_state, encode_tables
from journal_app.storage.sync_pointer import POINTER_FILE
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


RESTORE_KEY_COMMAND = "journal-app backup restore-key"
RESTORE_COMMAND = "journal-app backup restore N"
MISMATCH_ADVICE = (
    "Nothing was changed. If you still have the newer file, put it back; to go back to an "
    f"earlier journal, use '{RESTORE_COMMAND}' (see 'backup list')."
)


def journal_files(data_dir: Path) -> list[str]:
    """The journal's own files present in ``data_dir`` (key, snapshot, log, backups).

    Any one of them means a journal lives here, whole or damaged, so nothing may be
    created over it. The lock file and exports do not count.
    """
    found = [name for name in (KEY_FILE, DATA_FILE, LOG_FILE) if (data_dir / name).exists()]
    backups = data_dir / BACKUP_DIR
    if backups.is_dir() and any(
        p.name.startswith((DATA_PREFIX, KEY_PREFIX)) and p.name.endswith(SUFFIX)
        for p in backups.iterdir()
    ):
        found.append(BACKUP_DIR)
    return found


def vault_exists(data_dir: Path) -> bool:
    """Whether ``data_dir`` already holds a vault, or what is left of one."""
    return bool(journal_files(data_dir))


def _missing_key(data_dir: Path) -> KeyFileProblem:
    """The key file is gone but the journal is here: damage, with the step that works."""
    if Backups(data_dir / BACKUP_DIR).key_copies():
        advice = (
            "Nothing was changed. If a sync tool removed it, put it back, or bring back "
            f"the saved copy with '{RESTORE_KEY_COMMAND}'."
        )
    else:
        advice = (
            "Nothing was changed, and there is no saved copy in the backups folder; if you "
            f"have a copy of {KEY_FILE} elsewhere, put it back in {data_dir}."
        )
    return KeyFileProblem(
        f"The key file ({KEY_FILE}) is missing, though the rest of the journal is here.",
        advice,
    )


def existing_key_file(data_dir: Path) -> Path:
    """The key file's path; a missing one is damage when the rest of a journal is here
    (never "no journal yet", which would invite ``init`` over it)."""
    key_path = data_dir / KEY_FILE
    if not key_path.exists():
        if vault_exists(data_dir):
            raise _missing_key(data_dir)
        raise VaultMissing(f"No journal in {data_dir} yet; create one with 'init'.")
    return key_path


def _damaged_key(damage: VaultDamaged) -> KeyFileProblem:
    return KeyFileProblem(
        str(damage),
        f"Nothing was changed. '{RESTORE_KEY_COMMAND}' brings back the saved copy.",
    )


def keep_private(data_dir: Path) -> None:
    """Folder 0700 and the app's files 0600, or FolderNotPrivate saying why not."""
    make_private(
        data_dir,
        names=(KEY_FILE, DATA_FILE, LOG_FILE, LOCK_FILE, PREFS_FILE, POINTER_FILE),
        subfolders=(BACKUP_DIR, EXPORTS_DIR, STAGE_DIR),
    )


def finish_rekeying(data_dir: Path) -> None:
    """Complete a key rotation a crash interrupted (or drop one never decided).

    Needs no key: it only moves already-sealed files. The key file moves last.
    """
    Staging(data_dir).recover(last=(KEY_FILE,))


FileSignature = tuple[int, int, int] | None
F = TypeVar("F", bound=Callable[..., Any])


def _signature(path: Path) -> FileSignature:
    """Which version of a file is on disk: a rename gives a new inode, an append a new
    size, a rewrite in place a new mtime. None if it is not there."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    return (found.st_ino, found.st_size, found.st_mtime_ns)


def _held(method: F) -> F:
    """Run a vault method with the folder lock held (taken if this vault does not hold it)."""

    @functools.wraps(method)
    def run(self: Vault, *args: Any, **kwargs: Any) -> Any:
        with self.hold():
            return method(self, *args, **kwargs)

    return run  # type: ignore[return-value]


class Vault:
    """An unlocked vault. Use ``Vault.create`` or ``Vault.unlock``; always ``close`` it.

    The folder lock is held only while the vault is being read or written (``hold``),
    not for as long as it is open: the app stays open for hours, and the command line
    (or a second window) must be able to add an entry meanwhile. Whenever the lock is
    taken again, the files are compared with the ones this vault last read or wrote; if
    another process changed them, what was read is dropped (``on_reload``) and read
    afresh, so nobody writes over a change they have not seen.
    """

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
        self._snapshot_version = 2
        self._needs_snapshot = False
        self._snapshot_size = 0
        self._newest_backup: datetime | None = None
        self._holds = 0
        # The key, journal and log files as this vault last read or wrote them; None
        # while nothing read is kept (then there is nothing to be out of date).
        self._seen: tuple[FileSignature, ...] | None = None
        self._reload_listeners: list[Callable[[], None]] = []

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def create(cls, data_dir: Path, passphrase: str, clock: Clock = utc_now) -> Vault:
        """Make a new, empty vault; refuse if any journal file is already there.

        Even a lone snapshot or log (its key file lost) is someone's journal: writing a
        new one beside it would destroy it.
        """
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        refuse_if_present(data_dir)  # said before the slow derivation, and again below
        key = keyfile.new_key()
        return cls._first_files(data_dir, key, keyfile.wrap(key, passphrase), clock)

    @classmethod
    def _first_files(
        cls, data_dir: Path, key: keyfile.UnlockedKey, key_file: bytes, clock: Clock
    ) -> Vault:
        """A new vault's files, under the folder lock: the key file, its saved copy and an
        empty journal, never over anything a journal left here."""
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        vault = cls(data_dir, key, FolderLock(data_dir), clock)
        with vault.hold():
            refuse_if_present(data_dir)
            keep_private(data_dir)
            atomic_write(data_dir / KEY_FILE, key_file)
            vault.backups.save(data_dir / KEY_FILE, clock(), prefix=KEY_PREFIX)
            vault.write(EMPTY_JOURNAL)
        return vault

    @classmethod
    def create_with_key(
        cls, data_dir: Path, key: keyfile.UnlockedKey, key_file: bytes, clock: Clock = utc_now
    ) -> Vault:
        """A new, empty vault for a journal that exists elsewhere (a device joining a sync
        folder, a full copy brought to a new device): its data key, and its key file as
        the other device wrote it, so the same passphrase opens it here."""
        if keyfile.key_id_of(key_file) != key.key_id:
            raise VaultDamaged("The key file does not hold this journal's key.")
        return cls._first_files(data_dir, key, key_file, clock)

    @classmethod
    def unlock(cls, data_dir: Path, passphrase: str, clock: Clock = utc_now) -> Vault:
        """Open an existing vault. Reads only; a failed unlock changes nothing on disk."""
        key = cls._unwrapped(data_dir, lambda blob: keyfile.unwrap(blob, passphrase))
        return cls(data_dir, key, FolderLock(data_dir), clock)

    @staticmethod
    def _unwrapped(
        data_dir: Path, unwrap: Callable[[bytes], keyfile.UnlockedKey]
    ) -> keyfile.UnlockedKey:
        """The key file's key, read under the folder lock (a key rotation a crash cut
        short is finished first); the slow derivation runs after the lock is let go."""
        key_path = existing_key_file(data_dir)
        lock = FolderLock(data_dir)
        lock.acquire()
        try:
            finish_rekeying(data_dir)
            blob = key_path.read_bytes()
        finally:
            lock.release()
        try:
            key = unwrap(blob)
        except VaultDamaged as damage:
            raise _damaged_key(damage) from damage
        keep_private(data_dir)
        return key

    @classmethod
    def open_with_key(
        cls, data_dir: Path, key: keyfile.UnlockedKey, fingerprint: str, clock: Clock = utc_now
    ) -> Vault:
        """Open with a data key already unwrapped (by an unlocked session), no passphrase.

        ``fingerprint`` is that of the key file the key came from. If the key file is not
        those same bytes any more (a new passphrase, a rotated key, a restored copy), the
        key is refused with ``KeyChanged``: a passphrase change must end every session
        opened with the old one. Reads only, like ``unlock``.
        """
        key_path = data_dir / KEY_FILE
        if not key_path.exists():
            raise KeyChanged("The key file is not there any more.")
        lock = FolderLock(data_dir)
        lock.acquire()
        try:
            finish_rekeying(data_dir)
            if key_file_fingerprint(key_path.read_bytes()) != fingerprint:
                raise KeyChanged("The key file changed since the session was unlocked.")
            keep_private(data_dir)
        finally:
            lock.release()
        return cls(data_dir, key, FolderLock(data_dir), clock)

    @classmethod
    def open_with_data_key(
        cls, data_dir: Path, key: keyfile.UnlockedKey, clock: Clock = utc_now
    ) -> Vault:
        """Open with a data key got elsewhere (the sync folder's key file opened with a
        passphrase changed on another device); the key file here must name that key."""
        key_id = cls._unwrapped(data_dir, lambda blob: _key_if_named(blob, key))
        return cls(data_dir, key_id, FolderLock(data_dir), clock)

    @classmethod
    def restore_key(cls, data_dir: Path, passphrase: str) -> bool:
        """Put the newest saved key copy that ``passphrase`` opens back as the key file.

        Only when the key file is missing or damaged: a sound key file is never replaced
        (an old copy may carry a passphrase that was changed for a reason). The copy must
        belong to the journal beside it. Returns False when nothing needed restoring.
        """
        lock = FolderLock(data_dir)
        lock.acquire()
        try:
            return _restore_key_locked(data_dir, passphrase)
        finally:
            lock.release()

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
        except KeyFileProblem as damage:
            lock = FolderLock(data_dir)
            lock.acquire()
            try:
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
                    return cls(data_dir, key, FolderLock(data_dir), clock)
            finally:
                lock.release()
            raise (wrong or damage) from None

    def close(self) -> None:
        """Forget the key (and let other processes in, if a hold was left open)."""
        self._close_writer()
        if self._holds:
            self._holds = 0
            self._lock.release()
        self._seen = None
        self._reload_listeners.clear()
        self._key = keyfile.UnlockedKey(data_key=b"", key_id="")

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- one process at a time -------------------------------------------------------------

    @contextmanager
    def hold(self) -> Iterator[Vault]:
        """The folder lock, for one unit of reading or writing (re-entrant).

        On first taking it, files another process changed since this vault last saw
        them make it forget what it read (``on_reload``); a key file that now holds
        another key ends this vault with ``KeyChanged``.
        """
        if self._holds == 0:
            self._lock.acquire()
            try:
                self._notice_changes()
            except BaseException:
                self._lock.release()
                raise
        self._holds += 1
        try:
            yield self
        finally:
            self._holds -= 1
            if self._holds == 0:
                if self._writer is not None and os_traits.open_files_block_replace():
                    self._writer.pause()  # Windows: an open log could not be replaced
                self._lock.release()

    def on_reload(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` whenever another process's change makes what was read stale."""
        self._reload_listeners.append(listener)

    def _disk(self) -> tuple[FileSignature, ...]:
        return tuple(_signature(self.data_dir / n) for n in (KEY_FILE, DATA_FILE, LOG_FILE))

    def _remember_disk(self) -> None:
        """What this vault has read or written is what is on disk now."""
        self._seen = self._disk()

    def changed_elsewhere(self) -> bool:
        """Whether another process changed the journal since this vault last read it
        (cheap: three ``stat`` calls, no lock), so a screen can be refreshed."""
        return self._seen is not None and self._disk() != self._seen

    def _notice_changes(self) -> None:
        if self._seen is None:
            return
        now = self._disk()
        if now == self._seen:
            return
        if now[0] != self._seen[0]:
            self._check_key_is_ours()
        self._forget_read()

    def _forget_read(self) -> None:
        """Drop everything read from the files (here and, through the listeners, in the
        storage and repository above): the next use reads them afresh."""
        self._close_writer()
        self._seen = None
        self._newest_backup = None
        for listener in list(self._reload_listeners):
            listener()

    def _check_key_is_ours(self) -> None:
        """KeyChanged unless the key file still wraps the key this vault holds (a new
        passphrase elsewhere keeps the key; a rotated key or a removed file does not)."""
        try:
            key_id = keyfile.key_id_of((self.data_dir / KEY_FILE).read_bytes())
        except (OSError, VaultDamaged):
            key_id = None
        if key_id != self._key.key_id:
            raise KeyChanged(
                "Your journal's key was changed in another window or by a command; "
                "unlock it again with the current passphrase."
            )

    # --- data ----------------------------------------------------------------------------

    @property
    def data_path(self) -> Path:
        return self.data_dir / DATA_FILE

    @property
    def log_path(self) -> Path:
        return self.data_dir / LOG_FILE

    def load_state(self) -> dict[str, dict[str, Any]]:
        """The whole journal as tables of documents: the snapshot plus its change log."""
        return self.load_lazy().full()

    @_held
    def load_lazy(self) -> LazyState:
        """The journal, every byte decrypted and authenticated, its tables decoded on use.

        Reads only. A snapshot and a log that do not belong together, or one of them
        missing, is damage: going on would drop or overwrite the newer of the two.
        """
        return_large_blocks()  # the journal-sized buffers below go back when freed
        log = read_log(self.log_path, self._key)
        if not self.data_path.exists():
            snapshot, log = self._unfinished_creation(log), None
            info = SnapshotInfo(version=2, generation="", kind="", after_log=None)
            self._needs_snapshot = True
        else:
            snapshot, info = open_snapshot(self.data_path.read_bytes(), self._key)
            if info.kind == KIND_BACKUP:
                raise VaultDamaged(
                    "The journal file is a copy from the backups folder, put back by hand.",
                    MISMATCH_ADVICE,
                )
            log = self._pair(info, log)
            self._needs_snapshot = False
        state = LazyState(snapshot)
        if log is None:
            log = LogState(
                ops=[], valid_end=0, header=log_header(self._key, info.generation, info.version)
            )
        for op in log.ops:
            state.apply(op)
        self._generation = info.generation
        self._snapshot_version = info.version
        self._snapshot_size = len(snapshot)
        self._close_writer()
        self._writer = LogWriter(self.log_path, self._key, log)
        self._remember_disk()
        return state

    def _unfinished_creation(self, log: LogState | None) -> bytes:
        """No snapshot: fine only if nothing was ever written (a crash during create).

        Every change is preceded by a data backup (the first change ever makes one), so
        no log entries and no data backups mean the journal was always empty.
        """
        if (log is None or not log.ops) and not self.backups.list():
            return EMPTY_JOURNAL
        raise VaultDamaged(
            f"The journal file ({DATA_FILE}) is missing, though its change log or backups "
            "are here.",
            "Nothing was changed. If a sync tool removed it, put it back; or restore a "
            f"backup with '{RESTORE_COMMAND}' (see 'backup list').",
        )

    def _pair(self, info: SnapshotInfo, log: LogState | None) -> LogState | None:
        """The log to replay on this snapshot; None for a log already inside it."""
        if log is not None and log.generation == info.generation:
            return log
        if info.version == 1:
            # Written by the first format, which did not record which log it replaced.
            # A log written since the upgrade (version 2) cannot belong to it.
            if log is not None and log.version >= 2:
                raise self._mismatch()
            return None
        if log is None:
            raise VaultDamaged(
                f"The journal's change log ({LOG_FILE}) is missing, so recent changes may be gone.",
                "Nothing was changed. If a sync tool removed it, put it back; or use "
                f"'{RESTORE_COMMAND}' (see 'backup list'), which keeps what the journal "
                "file holds as a backup first.",
            )
        after = info.after_log
        if after is not None and (log.generation, len(log.ops)) == (
            after.generation,
            after.frames,
        ):
            return None  # a crash between the snapshot's rename and the log's restart
        raise self._mismatch()

    @staticmethod
    def _mismatch() -> VaultDamaged:
        return VaultDamaged(
            "The journal file and its change log do not belong together: an older copy "
            "of one of them may have been put back (by a sync or backup tool).",
            MISMATCH_ADVICE,
        )

    def read(self) -> bytes:
        """The whole journal as JSON bytes (for maintenance and tests)."""
        return encode_state(self.load_state())

    @_held
    def write(self, plaintext: bytes) -> None:
        """Replace the journal with a new snapshot and an empty log (atomic, durable).

        ``plaintext`` is in either layout of ``state.py`` (the tables layout from the
        repository, the JSON one from a backup being restored); each says which it is.

        The snapshot names the log on disk that it replaces (generation and number of
        changes), then is renamed into place before that log is restarted; a crash in
        between leaves exactly that log, which the next open recognises and skips. When
        there is no readable log, the new one is written first (nothing to lose), so a
        snapshot of this format is never legitimately without its log.
        """
        generation = secrets.token_hex(8)
        header = log_header(self._key, generation)
        found = log_position(self.log_path, self._key)
        after = None if found is None else LogPosition(generation=found[0], frames=found[1])
        if after is None:
            self._close_writer()
            atomic_write(self.log_path, header)
        atomic_write(self.data_path, seal_data(self._key, plaintext, generation, after_log=after))
        self._close_writer()
        if after is not None:
            atomic_write(self.log_path, header)
        self._generation = generation
        self._snapshot_version = 2
        self._needs_snapshot = False
        self._snapshot_size = len(plaintext)
        self._writer = LogWriter(
            self.log_path, self._key, LogState(ops=[], valid_end=len(header), header=header)
        )
        self._remember_disk()

    @_held
    def append(self, op: dict[str, Any] | list[dict[str, Any]]) -> bool:
        """Durably record one change (or several that belong together, in one frame);
        True when the journal should be compacted now.

        That is when the log has grown large, or when the snapshot is still of the first
        format (compacting upgrades it, so older copies put back can be caught).
        """
        if self._writer is None:
            self.load_state()
        assert self._writer is not None
        if self._needs_snapshot:
            self.write(EMPTY_JOURNAL)  # finish a creation a crash interrupted (it was empty)
        assert self._writer is not None
        self._writer.append(json.dumps(op, ensure_ascii=False, separators=(",", ":")).encode())
        self._remember_disk()
        if self._snapshot_version < 2:
            return True
        return self._writer.size > max(COMPACT_MIN_BYTES, self._snapshot_size // 2)

    @_held
    def now(self) -> datetime:
        """The vault's clock (the shells hand it in; tests set it)."""
        return self._clock()

    def backup_due(self) -> bool:
        """Whether the newest backup is a day old (the folder is listed once per session)."""
        if self._newest_backup is None:
            newest = self.backups.list()
            self._newest_backup = newest[0].taken_at if newest else datetime.min.replace(tzinfo=UTC)
        return self._clock() - self._newest_backup >= DEFAULT_INTERVAL

    @_held
    def save_daily_backup(self) -> None:
        """The day's backup: the journal file and its change log copied byte for byte.

        Nothing is decrypted or sealed again, so the first change of a day costs a file
        copy, not a pass over the whole journal. A journal whose creation a crash cut
        short (no journal file yet) was empty: that is what its backup holds.
        """
        if not self.data_path.exists():
            self.save_backup(EMPTY_JOURNAL)
            return
        now = self._clock()
        self.backups.save_files(self.data_path, self.log_path, now)
        self._newest_backup = now

    @_held
    def save_backup(self, plaintext: bytes) -> None:
        """Seal the whole journal, as it is now, into a new backup (with its own generation)."""
        now = self._clock()
        sealed_copy = seal_data(self._key, plaintext, secrets.token_hex(8), kind=KIND_BACKUP)
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
            self.check_passphrase(passphrase)
        except WrongPassphrase:
            return False
        return True

    @_held
    def check_passphrase(self, passphrase: str) -> None:
        """WrongPassphrase, told as unlocking tells it, unless ``passphrase`` opens the key
        file now. Read under this vault's folder lock, which a second opener cannot take."""
        keyfile.unwrap((self.data_dir / KEY_FILE).read_bytes(), passphrase)

    @_held
    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-wrap the same data key under a new passphrase; data and backups stay valid.

        Every saved key copy is re-wrapped too: a copy left under the old passphrase would
        let whoever knows it back in (and ``backup restore`` could put it back in place).
        The copies go first and the key file last, each atomically and durably: until the
        key file is replaced the old passphrase is still the way in (a crash means "run it
        again"), and after it no file here opens with the old passphrase.
        """
        self._put_key_file(keyfile.wrap(self._key, new_passphrase))

    def _put_key_file(self, wrapped: bytes) -> None:
        """Make ``wrapped`` the key file and every saved copy of it (copies first)."""
        self._remove_stale_temps()  # a killed write's leftover may hold an old wrap
        for copy in self.backups.key_copies():
            atomic_write(copy, wrapped)
        self.backups.save_bytes(wrapped, self._clock(), prefix=KEY_PREFIX)
        atomic_write(self.data_dir / KEY_FILE, wrapped)
        if self._seen is not None:
            self._remember_disk()

    @property
    def data_key(self) -> keyfile.UnlockedKey:
        """The data key this vault holds (to seal what goes to a sync folder or a copy)."""
        return self._key

    @_held
    def key_file(self) -> bytes:
        """The key file's bytes as they are now."""
        return (self.data_dir / KEY_FILE).read_bytes()

    @_held
    def adopt_key_file(self, wrapped: bytes) -> bool:
        """Take a key file written on another device for this same key (its passphrase
        was changed there): the key file and every saved copy become ``wrapped``, so here
        too only the new passphrase opens anything. False if it is what is here already."""
        if keyfile.key_id_of(wrapped) != self._key.key_id:
            raise KeyChanged("That key file holds another key.")
        if self.key_file() == wrapped:
            return False
        self._put_key_file(wrapped)
        return True

    @_held
    def rotate_key(self, new_passphrase: str) -> None:
        """A new random data key and a new passphrase; everything here re-sealed under them.

        For someone who fears their passphrase (or the key itself) was learned: after this,
        neither the old passphrase nor the old data key opens any file in the folder. The
        journal and each backup are decrypted and checked first (a damaged one stops it
        before anything is written); the re-sealed files are staged and then moved into
        place together, so a crash leaves either the old journal or the new one.
        """
        new_key = keyfile.new_key()
        self.rekey(new_key, keyfile.wrap(new_key, new_passphrase))

    @_held
    def rekey(self, new_key: keyfile.UnlockedKey, wrapped: bytes) -> None:
        """Re-seal the journal, every backup and every key copy under ``new_key``, whose
        key file is ``wrapped`` (made here by ``rotate_key``, or on another device that
        rotated the key first). Staged, then moved into place together."""
        journal = encode_tables(self.load_state())
        self._remove_stale_temps()
        staging = Staging(self.data_dir)
        staging.begin()
        try:
            generation = secrets.token_hex(8)
            staging.put(DATA_FILE, seal_data(new_key, journal, generation))
            staging.put(LOG_FILE, log_header(new_key, generation))
            for info in self.backups.list():
                plain = self._backup_for_rekeying(info.number)
                resealed = seal_data(new_key, plain, secrets.token_hex(8), kind=KIND_BACKUP)
                staging.put(f"{BACKUP_DIR}/{info.path.name}", resealed)
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
        self.backups.drop_log_copies()  # each backup is now one file under the new key
        self._key = new_key
        self._generation = generation
        self._snapshot_version = 2
        self._needs_snapshot = False
        self._snapshot_size = len(journal)
        self._forget_read()  # read the re-sealed files afresh

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

    @_held
    def check_backup(self, number: int) -> bytes:
        """Decrypt backup ``number`` to prove it is sound; return its plaintext.

        A copy of the journal file is read with the change log copied beside it, as the
        journal itself is read; a backup sealed whole (before a restore, after re-keying,
        or by earlier versions) is its own plaintext.
        """
        info = self.backups.get(number)
        if info is None:
            raise NoSuchBackup(no_such_backup(number, len(self.backups.list())))
        what = f"backup {number}"
        snapshot, meta = open_snapshot(info.path.read_bytes(), self._key, what=what)
        if meta.kind != KIND_JOURNAL:
            return snapshot
        state = LazyState(snapshot)
        for op in self._backup_log_ops(meta, log_copy_of(info.path), what):
            state.apply(op)
        return encode_state(state.full())

    def _backup_log_ops(self, meta: SnapshotInfo, log_path: Path, what: str) -> list[Any]:
        """The changes to replay on a journal-file copy: its log copy's, if it is that
        snapshot's own; none if the snapshot already holds that log; else damage."""
        try:
            log = read_log(log_path, self._key)
        except VaultDamaged as damage:
            raise VaultDamaged(f"The change log of {what} is damaged: {damage}") from None
        if log is not None and log.generation == meta.generation:
            return log.ops
        after = meta.after_log
        if (
            log is not None
            and after is not None
            and (log.generation, len(log.ops))
            == (
                after.generation,
                after.frames,
            )
        ):
            return []
        raise VaultDamaged(
            f"The change log of {what} is missing or belongs to another copy, so that "
            "backup is incomplete."
        )

    @_held
    def restore_backup(self, number: int) -> None:
        """Make backup ``number`` the live journal, keeping today's state as a new backup.

        When today's state cannot be read whole (its log missing or not matching), what
        the journal file alone holds is kept instead, so a restore never loses more.
        """
        restored = self.check_backup(number)
        try:
            current: bytes | None = self.read()
        except VaultDamaged:
            current = self._journal_file_alone()
        if current is not None:
            self.save_backup(current)
        self.write(restored)
        self._forget_read()  # what was read before is not the journal any more

    def _journal_file_alone(self) -> bytes | None:
        """The snapshot's contents without its log, if the snapshot itself is sound."""
        try:
            return open_data(self.data_path.read_bytes(), self._key)
        except (OSError, VaultDamaged):
            return None

    @_held
    def tidy(self) -> int:
        """Remove temp files a killed write left behind (they hold ciphertext only)."""
        removed = remove_stale_temps(self.data_dir)
        if removed:
            fsync_dir(self.data_dir)
        return removed


def _key_if_named(blob: bytes, key: keyfile.UnlockedKey) -> keyfile.UnlockedKey:
    if keyfile.key_id_of(blob) != key.key_id:
        raise WrongPassphrase("That passphrase does not open this journal.")
    return key


def no_such_backup(number: int, count: int) -> str:
    if count == 0:
        return f"There is no backup {number}; there are no backups yet."
    if count == 1:
        return f"There is no backup {number}; there is only 1 (see 'backup list')."
    return f"There is no backup {number}; there are {count} (see 'backup list')."


class KeyChanged(VaultError):
    """A key handed over by an unlocked session no longer matches the key file."""


def key_file_fingerprint(blob: bytes) -> str:
    """SHA-256 of the key file's bytes: any change to it (even a new passphrase) shows."""
    return hashlib.sha256(blob).hexdigest()


def current_key_fingerprint(data_dir: Path) -> str | None:
    """The key file's fingerprint now; None if there is no key file."""
    try:
        return key_file_fingerprint((data_dir / KEY_FILE).read_bytes())
    except FileNotFoundError:
        return None


def unwrap_data_key(data_dir: Path, passphrase: str) -> tuple[keyfile.UnlockedKey, str]:
    """The data key and the fingerprint of the very bytes it came from, for a session.

    Reads once, so the fingerprint cannot belong to a file other than the one unwrapped.
    Damage and a wrong passphrase are told as ``unlock`` tells them; nothing is written.
    """
    key_path = existing_key_file(data_dir)
    lock = FolderLock(data_dir)
    lock.acquire()
    try:
        finish_rekeying(data_dir)  # a rotation cut short ends first, as in ``unlock``
        blob = key_path.read_bytes()
    finally:
        lock.release()
    try:
        key = keyfile.unwrap(blob, passphrase)
    except VaultDamaged as damage:
        raise _damaged_key(damage) from damage
    return key, key_file_fingerprint(blob)


def refuse_if_present(data_dir: Path) -> None:
    """VaultExists (or the key file's damage) if any journal file is in ``data_dir``."""
    present = journal_files(data_dir)
    if not present:
        return
    if KEY_FILE not in present:
        raise _missing_key(data_dir)
    raise VaultExists(f"A journal already exists in {data_dir}; nothing was changed.")


def _restore_key_locked(data_dir: Path, passphrase: str) -> bool:
    key_path = data_dir / KEY_FILE
    if key_path.exists():
        try:
            keyfile.unwrap(key_path.read_bytes(), passphrase)
            return False  # sound and opens: nothing to do (WrongPassphrase propagates)
        except VaultDamaged:
            pass
    wrong: WrongPassphrase | None = None
    for copy in Backups(data_dir / BACKUP_DIR).key_copies():
        blob = copy.read_bytes()
        try:
            key = keyfile.unwrap(blob, passphrase)
        except WrongPassphrase as exc:
            wrong = exc
            continue
        except VaultDamaged:
            continue
        if _belongs(data_dir, key):
            atomic_write(key_path, blob)
            return True
    if wrong is not None:
        raise WrongPassphrase(
            "That passphrase does not open any saved key copy; try the one you used when "
            "the copy was saved."
        )
    raise VaultDamaged(
        "There is no sound saved key copy for this journal in the backups folder.",
        f"Nothing was changed. If you have a copy of {KEY_FILE} elsewhere, put it back in "
        f"{data_dir}.",
    )


def _belongs(data_dir: Path, key: keyfile.UnlockedKey) -> bool:
    """Whether ``key`` is the one the journal file here names (or there is none to check)."""
    data_path = data_dir / DATA_FILE
    if not data_path.exists():
        return True
    try:
        return key_id_of(data_path.read_bytes()) == key.key_id
    except VaultDamaged:
        return True  # the journal file's own damage is not the key copy's fault


__all__ = ["Vault", "WrongPassphrase", "VaultDamaged", "journal_files", "vault_exists"]

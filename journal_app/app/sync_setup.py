"""Starting and stopping sync: set a folder up, join it from another device, leave it.

The folder is any folder the person's own sync engine keeps in step (Syncthing, Dropbox,
iCloud Drive, Nextcloud, a USB stick). The first device sets it up; each other device
joins with the passphrase alone and brings the whole journal; leaving stops this device
and touches no other device's files.
"""

from __future__ import annotations

import contextlib
import platform
import unicodedata
from pathlib import Path

from journal_app.app.journal_access import Journal, journal_exists, unlock_journal
from journal_app.app.sync_exchange import (
    NOT_SYNCING,
    SyncReport,
    attach,
    sync_now,
    write_snapshot,
)
from journal_app.app.sync_keys import write_folder_key
from journal_app.app.sync_settings import (
    MAX_NAME_CHARS,
    SyncSettings,
    load_settings,
    save_settings,
)
from journal_app.core.errors import VaultDamaged, WrongPassphrase
from journal_app.core.journal import InvalidInput, check_short_text
from journal_app.storage import keyfile
from journal_app.storage.repository import Repository
from journal_app.storage.sync_folder import (
    KEY_NAME,
    WrongKey,
    list_folder,
    open_sync_key,
    read_sync_key,
)
from journal_app.storage.sync_pointer import write_pointer
from journal_app.storage.vault import Vault


def default_device_name() -> str:
    """The computer's name, as a first suggestion (the person can choose another)."""
    name = "".join(ch for ch in platform.node() if unicodedata.category(ch)[0] != "C")
    return name[:MAX_NAME_CHARS].strip() or "This device"


def device_name(raw: str | None) -> str:
    if raw is None:
        return default_device_name()
    return check_short_text(
        raw, "device name", max_chars=MAX_NAME_CHARS, empty_hint="give this device a name"
    )


def _folder(raw: Path, data_dir: Path | None = None) -> Path:
    """The sync folder the person named, or one plain reason why it cannot be."""
    if not str(raw).strip():
        raise InvalidInput("Name the folder to sync through; nothing was changed.")
    folder = raw.expanduser()
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"{folder} is a file, not a folder; choose a folder to sync through.")
    folder = folder.resolve()
    if data_dir is not None:
        own = data_dir.expanduser().resolve()
        if folder == own or own in folder.parents:
            raise InvalidInput(
                f"{folder} is inside this journal's own folder; choose a folder your sync app "
                "keeps in step, outside it. Nothing was changed."
            )
    return folder


def setup(journal: Journal, folder: Path, name: str | None = None) -> SyncReport:
    """Make ``folder`` (created if missing) this journal's sync folder, write everything
    this device has there, and take in whatever other devices already wrote."""
    folder = _folder(folder, journal.vault.data_dir)
    chosen = device_name(name)
    key_path = folder / KEY_NAME
    if key_path.exists():
        try:
            open_sync_key(read_sync_key(key_path.read_bytes()), journal.vault.data_key)
        except WrongKey:
            raise InvalidInput(
                f"{folder} already holds another journal's sync. On a new device use "
                "'journal-app sync join DIR'; or choose an empty folder. Nothing was changed."
            ) from None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(
            f"{folder} could not be made ({exc.strerror or exc}); choose another folder."
        ) from None
    previous = load_settings(journal)
    settings = SyncSettings(folder=folder, name=chosen)
    if previous is not None and previous.folder == folder:
        settings.read, settings.seen, settings.epoch = previous.read, previous.seen, previous.epoch
    journal.adopt_unversioned()
    save_settings(journal, settings)
    write_pointer(journal.vault.data_dir, folder)
    if not key_path.exists():
        write_folder_key(journal, settings)
    attach(journal)
    write_snapshot(journal, settings)
    return sync_now(journal)


def join(
    data_dir: Path,
    folder: Path,
    passphrase: str,
    name: str | None = None,
    *,
    merge_existing: bool = False,
) -> tuple[Journal, SyncReport]:
    """On another device: bring the journal that syncs through ``folder`` here, with the
    passphrase alone. A device with a journal of its own refuses unless
    ``merge_existing``. A wrong passphrase writes nothing, here or in the folder."""
    folder = _folder(folder, data_dir)
    chosen = device_name(name)
    try:
        blob = (folder / KEY_NAME).read_bytes()
    except FileNotFoundError:
        raise InvalidInput(
            f"No journal syncs through {folder} yet: set it up on your first device with "
            "'journal-app sync setup DIR', and wait for the folder to arrive here."
        ) from None
    found = read_sync_key(blob)
    key = keyfile.unwrap(found.key_file, passphrase)  # WrongPassphrase: nothing written
    open_sync_key(found, key)
    if journal_exists(data_dir):
        if not merge_existing:
            raise InvalidInput(
                f"This device already has a journal in {data_dir}. Add --merge to bring "
                "the two together, or join with an empty data folder. Nothing was changed."
            )
        journal = _merging_journal(data_dir, passphrase, key, found.key_file)
    else:
        journal = Repository(Vault.create_with_key(data_dir, key, found.key_file))
    try:
        if journal.device()[0] in list_folder(folder).devices:
            journal.new_device()  # a copy of another device's journal: not that device
        settings = SyncSettings(folder=folder, name=chosen, epoch=found.epoch)
        journal.adopt_unversioned()
        save_settings(journal, settings)
        write_pointer(data_dir, folder)
        attach(journal)
        report = sync_now(journal)
        write_snapshot(journal, load_settings(journal) or settings)
    except BaseException:
        journal.close()
        raise
    return journal, report


def _merging_journal(
    data_dir: Path, passphrase: str, key: keyfile.UnlockedKey, key_file: bytes
) -> Journal:
    """This device's own journal, opened and moved to the synced journal's key, so both
    become one journal (its records are merged in by the exchange that follows)."""
    try:
        journal = unlock_journal(data_dir, passphrase)
    except WrongPassphrase:
        raise WrongPassphrase(
            "The journal already on this device does not open with that passphrase. "
            "Give it the same passphrase first ('journal-app change-passphrase'), then "
            "join again. Nothing was changed."
        ) from None
    try:
        journal.vault.read()  # never re-key a journal whose data is damaged
        if journal.vault.data_key.key_id != key.key_id:
            journal.vault.rekey(key, key_file)
        elif journal.vault.key_file() != key_file:
            journal.vault.adopt_key_file(key_file)
    except BaseException:
        journal.close()
        raise
    return journal


def leave(journal: Journal) -> None:
    """Stop syncing this device. Its files stay in the folder, marked as left, so the
    other devices keep everything it wrote and say it left; nothing of theirs is touched."""
    settings = load_settings(journal)
    if settings is None:
        raise InvalidInput(NOT_SYNCING)
    if settings.folder.is_dir():
        # A folder that cannot be written: leaving still stops this device.
        with contextlib.suppress(OSError, VaultDamaged):
            write_snapshot(journal, settings, left=True)
    save_settings(journal, None)
    write_pointer(journal.vault.data_dir, None)

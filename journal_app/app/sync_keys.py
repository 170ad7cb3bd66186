"""The journal's key across devices: a new passphrase or a new key reaches every device.

The sync folder holds the key file (the data key wrapped under the passphrase) so a new
device joins with the passphrase alone, sealed so only a holder of the key can write it
(``storage/sync_folder``). When the passphrase changes on one device, that device writes
the new key file there; every other device takes it at its next exchange, and from then
on only the new passphrase opens anything there too. When the key itself is rotated, the
new key file carries the old keys sealed under the new one: a device that slept through
it opens its own journal with the new passphrase alone, re-seals everything under the new
key, and loses none of its changes. Afterwards no file anywhere opens with the old
passphrase.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from journal_app.app.clock import now_utc
from journal_app.app.journal_access import Journal
from journal_app.app.sync_settings import SyncSettings, load_settings, save_settings
from journal_app.core.errors import VaultDamaged, WrongPassphrase
from journal_app.storage import keyfile
from journal_app.storage.atomic import atomic_write
from journal_app.storage.keyfile import UnlockedKey
from journal_app.storage.sync_folder import (
    KEY_NAME,
    WrongKey,
    open_sync_key,
    read_sync_key,
    seal_sync_key,
)
from journal_app.storage.sync_pointer import read_pointer
from journal_app.storage.vault import Vault

KEEP_OLDER_KEYS = 8


class KeyChangedElsewhere(WrongPassphrase):
    """The journal's key was rotated on another device: the passphrase chosen there is
    needed here (nothing is lost meanwhile; this device's changes wait)."""


KEY_CHANGED = (
    "Your journal's key was changed on another device. Type the passphrase you chose there "
    "to keep syncing; nothing here was lost or changed."
)


def _epoch(settings: SyncSettings) -> int:
    return max(settings.epoch + 1, int(now_utc().timestamp() * 1000))


def write_folder_key(
    journal: Journal, settings: SyncSettings, older: dict[str, bytes] | None = None
) -> None:
    """Put this journal's key file (and the older keys) in the sync folder; remember it."""
    settings.epoch = _epoch(settings)
    blob = seal_sync_key(
        journal.vault.data_key, journal.vault.key_file(), settings.epoch, older or {}
    )
    atomic_write(settings.folder / KEY_NAME, blob)
    save_settings(journal, settings)


def folder_keys(
    journal: Journal, settings: SyncSettings, notes: list[str]
) -> dict[str, UnlockedKey]:
    """The keys this device can open the folder's files with (its own and the older ones
    the folder's key file carries), after taking a passphrase changed on another device.

    KeyChangedElsewhere when the folder's key file holds another key: the new passphrase
    is needed (``adopt_rotated_key``).
    """
    key = journal.vault.data_key
    keys = {key.key_id: key}
    path = settings.folder / KEY_NAME
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        write_folder_key(journal, settings)
        notes.append("The sync folder's key file was missing; this device wrote it again.")
        return keys
    try:
        found = read_sync_key(blob)
        older = open_sync_key(found, key)
    except WrongKey:
        raise KeyChangedElsewhere(KEY_CHANGED) from None
    except VaultDamaged as exc:
        notes.append(f"{exc} This device's changes still go out and come in.")
        return keys
    for key_id, old in older.items():
        keys.setdefault(key_id, UnlockedKey(data_key=old, key_id=key_id))
    mine = journal.vault.key_file()
    if found.epoch > settings.epoch:
        if found.key_file != mine and journal.vault.adopt_key_file(found.key_file):
            notes.append(
                "Your passphrase was changed on another device; from now on it is the one "
                "that opens this journal here too."
            )
        settings.epoch = found.epoch
        save_settings(journal, settings)
    elif found.epoch < settings.epoch and found.key_file != mine:
        write_folder_key(journal, settings, older)  # an older key file was put back
        notes.append("An older copy of the sync folder's key file was replaced.")
    return keys


def after_passphrase_change(journal: Journal) -> None:
    """A new passphrase here: the folder's key file follows, for the other devices."""
    settings = load_settings(journal)
    if settings is None or not settings.folder.is_dir():
        return
    older = _older_keys(journal, settings)
    write_folder_key(journal, settings, older)


def _older_keys(journal: Journal, settings: SyncSettings) -> dict[str, bytes]:
    try:
        return open_sync_key(
            read_sync_key((settings.folder / KEY_NAME).read_bytes()), journal.vault.data_key
        )
    except (OSError, VaultDamaged):
        return {}


def before_rotation(journal: Journal) -> tuple[UnlockedKey, dict[str, bytes]] | None:
    """What a key rotation must carry to the folder: the key being replaced and the ones
    before it (read before the journal is re-sealed)."""
    settings = load_settings(journal)
    if settings is None or not settings.folder.is_dir():
        return None
    return journal.vault.data_key, _older_keys(journal, settings)


def after_rotation(journal: Journal, carried: tuple[UnlockedKey, dict[str, bytes]] | None) -> None:
    """After a rotation here: the folder gets the new key file, carrying the old keys
    (sealed under the new one), and this device's files sealed afresh under the new key."""
    from journal_app.app.sync_exchange import write_snapshot

    settings = load_settings(journal)
    if settings is None or carried is None or not settings.folder.is_dir():
        return
    old, older = carried
    chain = dict(list({**older, old.key_id: old.data_key}.items())[-KEEP_OLDER_KEYS:])
    write_folder_key(journal, settings, chain)
    write_snapshot(journal, settings)


def adopt_rotated_key(journal: Journal, passphrase: str) -> None:
    """The key was rotated on another device: with the passphrase chosen there, take the
    new key, re-seal this device's journal under it and write this device's files afresh.
    WrongPassphrase (nothing changed) if the passphrase does not open the folder's key."""
    from journal_app.app.sync_exchange import require_settings, write_snapshot

    settings = require_settings(journal)
    found = read_sync_key((settings.folder / KEY_NAME).read_bytes())
    new_key = keyfile.unwrap(found.key_file, passphrase)
    older = open_sync_key(found, new_key)
    current = journal.vault.data_key
    if current.key_id != new_key.key_id and older.get(current.key_id) != current.data_key:
        raise VaultDamaged(
            "The sync folder's key file belongs to another journal; nothing was changed."
        )
    if current.key_id != new_key.key_id:
        journal.vault.rekey(new_key, found.key_file)
    elif found.key_file != journal.vault.key_file():
        journal.vault.adopt_key_file(found.key_file)
    settings.epoch = found.epoch
    save_settings(journal, settings)
    write_snapshot(journal, settings)


def unlock_through_folder(
    data_dir: Path, passphrase: str, opened: Callable[[Vault], Journal]
) -> Journal | None:
    """Unlocking with a passphrase this device's key file does not know: if the journal
    syncs and the folder's key file opens with it (the passphrase or key was changed on
    another device), bring that change home and open the journal. None otherwise."""
    folder = read_pointer(data_dir)
    if folder is None:
        return None
    try:
        found = read_sync_key((folder / KEY_NAME).read_bytes())
        new_key = keyfile.unwrap(found.key_file, passphrase)
        older = open_sync_key(found, new_key)
        local_id = keyfile.key_id_of((data_dir / "key.tjk").read_bytes())
    except (OSError, VaultDamaged, WrongPassphrase):
        return None
    if local_id == new_key.key_id:
        journal = opened(Vault.open_with_data_key(data_dir, new_key))
    else:
        old = older.get(local_id or "")
        if old is None:
            return None
        journal = opened(Vault.open_with_data_key(data_dir, UnlockedKey(old, local_id or "")))
    try:
        settings = load_settings(journal)
        # Only a key file newer than the one this device last took: an older one put back
        # in the folder must never bring an old passphrase back.
        if settings is None or found.epoch <= settings.epoch:
            journal.close()
            return None
        if local_id == new_key.key_id:
            journal.vault.adopt_key_file(found.key_file)
        else:
            journal.vault.rekey(new_key, found.key_file)
        settings.epoch = found.epoch
        save_settings(journal, settings)
    except BaseException:
        journal.close()
        raise
    return journal

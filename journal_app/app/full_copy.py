"""A full copy of the journal in one sealed file, and bringing one back.

For moving to a new phone, keeping a copy off the device, or a device that cannot reach
the sync folder. The copy holds every kind of record with all its versions; bringing it
back is the same merge sync uses, so a second import adds nothing and nothing is ever
doubled. It opens with the journal's passphrase alone, on a device that has nothing yet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from journal_app.app.clock import now_utc
from journal_app.app.journal_access import Journal, journal_exists
from journal_app.app.journey import fold_after_merge
from journal_app.core.errors import VaultDamaged
from journal_app.core.journal import InvalidInput
from journal_app.core.records import ALL_RECORD_TYPES
from journal_app.core.sync_merge import Conflict, Key, Variant, merge, refusal, seen_stamp
from journal_app.storage import keyfile
from journal_app.storage.full_copy import MAX_COPY_BYTES, open_copy, read_copy, seal_copy
from journal_app.storage.keyed_file import KeyedFile
from journal_app.storage.repository import Repository
from journal_app.storage.vault import Vault

Passphrase = str | Callable[[], str]
_READERS = {cls.TABLE: cls.from_dict for cls in ALL_RECORD_TYPES}


@dataclass
class CopySummary:
    records: int  # records (deletions included) in the copy
    size: int  # bytes


@dataclass
class BroughtBack:
    """What bringing a copy back did."""

    changed: int = 0  # records added or changed here
    conflicts: list[Conflict] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # why some records were left out


def export_copy(journal: Journal) -> tuple[bytes, CopySummary]:
    """The whole journal as one sealed file's bytes (the shell writes them where asked)."""
    frontiers = journal.frontiers()
    at = int(now_utc().timestamp() * 1000)
    blob = seal_copy(journal.vault.data_key, journal.vault.key_file(), frontiers, at)
    return blob, CopySummary(records=len(frontiers), size=len(blob))


def _opened(
    found: KeyedFile, journal: Journal | None, passphrase: Passphrase
) -> list[tuple[Key, Variant]]:
    """The copy's versions, with this journal's key if it is the same journal's copy, or
    the key the passphrase unwraps from the copy's own key file (WrongPassphrase if not;
    a function is asked for the passphrase only then)."""
    if journal is not None and found.key_id == journal.vault.data_key.key_id:
        return open_copy(found, journal.vault.data_key)[0]
    typed = passphrase() if callable(passphrase) else passphrase
    try:
        key = keyfile.unwrap(found.key_file, typed)
        return open_copy(found, key)[0]
    except VaultDamaged as exc:
        raise VaultDamaged(str(exc), NOT_A_COPY) from None


NOT_A_COPY = "Nothing was changed; choose a full copy made by 'backup export' (or Settings)."


def _read(blob: bytes) -> KeyedFile:
    """The copy, parsed; damage is told with advice about the file, not the journal."""
    try:
        return read_copy(blob)
    except VaultDamaged as exc:
        raise VaultDamaged(str(exc), NOT_A_COPY) from None


def import_copy(journal: Journal, blob: bytes, passphrase: Passphrase) -> BroughtBack:
    """Merge a full copy into this journal. A copy of another journal opens with its own
    passphrase (``passphrase`` is tried); what it brings becomes this device's own, so a
    journal that syncs passes it on."""
    found = _read(blob)
    changes = _opened(found, journal, passphrase)
    return _merge_in(journal, changes)


def _merge_in(journal: Journal, changes: Iterable[tuple[Key, Variant]]) -> BroughtBack:
    result = BroughtBack()
    taken = []
    for key, variant in changes:
        why = refusal(key, variant, _READERS.get(key[0]), local_too=True)
        if why is None:
            taken.append((key, variant))
        else:
            result.skipped.append(why)
    with journal.holding():
        merged = merge(journal.frontier, taken)
        journal.apply_merge(merged.frontiers, seen_stamp(0, [v for _, v in taken]))
        journal.adopt(merged.frontiers)
        fold_after_merge(journal, merged.frontiers)
    result.changed = len(merged.frontiers)
    result.conflicts = merged.conflicts
    return result


def import_to_new_device(
    data_dir: Path, blob: bytes, passphrase: str
) -> tuple[Journal, BroughtBack]:
    """Bring a full copy to a device with no journal: the journal is made with the copy's
    own key file, so the same passphrase opens it here. A wrong passphrase writes nothing."""
    if journal_exists(data_dir):
        raise InvalidInput(f"A journal already exists in {data_dir}; nothing was changed.")
    found = _read(blob)
    try:
        key = keyfile.unwrap(found.key_file, passphrase)
        changes, _ = open_copy(found, key)
    except VaultDamaged as exc:
        raise VaultDamaged(str(exc), NOT_A_COPY) from None
    journal = Repository(Vault.create_with_key(data_dir, key, found.key_file))
    try:
        result = _merge_in(journal, changes)
    except BaseException:
        journal.close()
        raise
    return journal, result


__all__ = [
    "MAX_COPY_BYTES",
    "BroughtBack",
    "CopySummary",
    "export_copy",
    "import_copy",
    "import_to_new_device",
]

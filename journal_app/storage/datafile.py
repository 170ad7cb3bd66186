"""The journal's data file: every record, encrypted under the data key.

The header names the key it belongs to, so a data file from another vault (or a backup
copied between people) is refused plainly instead of failing as "altered".

Version 2 headers also name the change log the snapshot replaced (``after_log``: that
log's generation and how many changes it held) and say whether the file is the live
journal or a backup (``kind``). With both, a snapshot and a log that do not belong
together (an older copy of one put back) are caught instead of silently dropping
entries. Version 1 files (no ``after_log``, no ``kind``) are still read.

What the decrypted bytes hold (one JSON object, or each table's JSON apart so that
unlocking decodes none of them) is told by their first bytes: see ``state.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from journal_app.core.errors import VaultDamaged
from journal_app.storage import sealed
from journal_app.storage.keyfile import UnlockedKey

DATA_MAGIC = b"TJDATA1\n"
DATA_FORMAT = "tj-vault-data"
DATA_VERSION = 2
READABLE_VERSIONS = (1, 2)
KIND_JOURNAL = "journal"
KIND_BACKUP = "backup"


@dataclass(frozen=True)
class LogPosition:
    """A change log as a snapshot remembers it: its generation and its number of changes."""

    generation: str
    frames: int


@dataclass(frozen=True)
class SnapshotInfo:
    """What a data file's authenticated header says about where it belongs."""

    version: int
    generation: str
    kind: str  # KIND_JOURNAL or KIND_BACKUP ("" for version 1, which did not say)
    after_log: LogPosition | None  # the log this snapshot replaced; None if there was none


def seal_data(
    key: UnlockedKey,
    plaintext: bytes,
    generation: str = "",
    *,
    after_log: LogPosition | None = None,
    kind: str = KIND_JOURNAL,
) -> bytes:
    """Encrypt the journal's plaintext with a fresh nonce.

    ``generation`` names this snapshot, so its change log can be matched to it;
    ``after_log`` names the log it replaced, so that log, if a crash left it behind, is
    known to be already inside this snapshot (and any other log is known not to be).
    """
    header = {
        "format": DATA_FORMAT,
        "version": DATA_VERSION,
        "key_id": key.key_id,
        "cipher": "aes-256-gcm",
        "generation": generation,
        "kind": kind,
        "after_log": (
            None
            if after_log is None
            else {"generation": after_log.generation, "frames": after_log.frames}
        ),
    }
    return sealed.seal(DATA_MAGIC, header, key.data_key, plaintext)


def generation_of(blob: bytes) -> str:
    """The snapshot generation recorded in a data file's (authenticated) header."""
    value = sealed.parse(blob, DATA_MAGIC, "journal file").header.get("generation", "")
    return value if isinstance(value, str) else ""


def key_id_of(blob: bytes) -> str:
    """The key id a data file's header names (checked, not yet decrypted)."""
    value = sealed.parse(blob, DATA_MAGIC, "journal file").header.get("key_id", "")
    return value if isinstance(value, str) else ""


def _info(header: dict, what: str) -> SnapshotInfo:
    """Read the pairing fields; any odd value is damage (the header is authenticated)."""
    version = header.get("version")
    generation = header.get("generation", "")
    if not isinstance(generation, str):
        raise VaultDamaged(f"The {what} has a damaged header.")
    if version == 1:
        return SnapshotInfo(version=1, generation=generation, kind="", after_log=None)
    kind, after = header.get("kind"), header.get("after_log")
    position: LogPosition | None = None
    if isinstance(after, dict):
        gen, frames = after.get("generation"), after.get("frames")
        if isinstance(gen, str) and isinstance(frames, int) and frames >= 0:
            position = LogPosition(generation=gen, frames=frames)
        else:
            raise VaultDamaged(f"The {what} has a damaged header.")
    elif after is not None:
        raise VaultDamaged(f"The {what} has a damaged header.")
    if kind not in (KIND_JOURNAL, KIND_BACKUP):
        raise VaultDamaged(f"The {what} has a damaged header.")
    return SnapshotInfo(version=2, generation=generation, kind=kind, after_log=position)


def open_snapshot(
    blob: bytes, key: UnlockedKey, what: str = "journal file"
) -> tuple[bytes, SnapshotInfo]:
    """Decrypt a data file and say where it belongs; VaultDamaged if it is not sound."""
    parsed = sealed.parse(blob, DATA_MAGIC, what)
    header = parsed.header
    if header.get("format") != DATA_FORMAT or header.get("version") not in READABLE_VERSIONS:
        raise VaultDamaged(f"The {what} is of an unknown format or version.")
    if header.get("key_id") != key.key_id:
        raise VaultDamaged(f"The {what} belongs to a different journal.")
    try:
        plaintext = sealed.open_sealed(parsed, key.data_key)
    except sealed.InvalidTag as exc:
        raise VaultDamaged(f"The {what} was altered and cannot be trusted.") from exc
    return plaintext, _info(header, what)  # trusted now: the header is the AEAD's AAD


def open_data(blob: bytes, key: UnlockedKey, what: str = "journal file") -> bytes:
    """Decrypt a data file (the live one or a backup); VaultDamaged if it is not sound."""
    return open_snapshot(blob, key, what)[0]

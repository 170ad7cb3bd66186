"""The journal's data file: every record, encrypted under the data key.

The header names the key it belongs to, so a data file from another vault (or a backup
copied between people) is refused plainly instead of failing as "altered".
"""

from __future__ import annotations

from journal_app.core.errors import VaultDamaged
from journal_app.storage import sealed
from journal_app.storage.keyfile import UnlockedKey

DATA_MAGIC = b"TJDATA1\n"
DATA_FORMAT = "tj-vault-data"
DATA_VERSION = 1


def seal_data(key: UnlockedKey, plaintext: bytes, generation: str = "") -> bytes:
    """Encrypt the journal's plaintext with a fresh nonce.

    ``generation`` names this snapshot, so its change log can be matched to it.
    """
    header = {
        "format": DATA_FORMAT,
        "version": DATA_VERSION,
        "key_id": key.key_id,
        "cipher": "aes-256-gcm",
        "generation": generation,
    }
    return sealed.seal(DATA_MAGIC, header, key.data_key, plaintext)


def generation_of(blob: bytes) -> str:
    """The snapshot generation recorded in a data file's (authenticated) header."""
    value = sealed.parse(blob, DATA_MAGIC, "journal file").header.get("generation", "")
    return value if isinstance(value, str) else ""


def open_data(blob: bytes, key: UnlockedKey, what: str = "journal file") -> bytes:
    """Decrypt a data file (the live one or a backup); VaultDamaged if it is not sound."""
    parsed = sealed.parse(blob, DATA_MAGIC, what)
    header = parsed.header
    if header.get("format") != DATA_FORMAT or header.get("version") != DATA_VERSION:
        raise VaultDamaged(f"The {what} is of an unknown format or version.")
    if header.get("key_id") != key.key_id:
        raise VaultDamaged(f"The {what} belongs to a different journal.")
    try:
        return sealed.open_sealed(parsed, key.data_key)
    except sealed.InvalidTag as exc:
        raise VaultDamaged(f"The {what} was altered and cannot be trusted.") from exc

"""A sealed file that opens with the passphrase alone, wherever it goes.

Used for the sync folder's key file and for a full copy of the journal: a device that has
nothing yet (a new phone) opens it with the passphrase. Layout::

    MAGIC | header length (4) | header JSON | key file length (4) | key file
    | content sealed under the data key (the ``sealed`` container)

The clear part carries the journal's key file (its data key wrapped by Argon2id from the
passphrase, exactly as in the data folder), so the passphrase opens it. The content is
sealed under that data key with a digest of the clear part in its authenticated header:
nobody without the key can change a byte of either part, or put an older key file in a
newer envelope. A wrong passphrase, damage and another journal's file are told apart.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from journal_app.core.errors import VaultDamaged
from journal_app.storage import sealed
from journal_app.storage.keyfile import UnlockedKey

CONTENT_MAGIC = b"TJKEYED\n"
MAX_HEADER = 64 * 1024
_FOUR = 4


class OtherKey(VaultDamaged):
    """Sealed under another data key: another journal's, or one made after the key was
    changed on another device."""


@dataclass(frozen=True)
class KeyedFile:
    """A keyed file parsed (nothing decrypted yet)."""

    header: dict[str, Any]
    key_file: bytes
    content: bytes  # the sealed container
    what: str

    @property
    def key_id(self) -> str:
        value = self.header.get("key_id", "")
        return value if isinstance(value, str) else ""


def _clear_part(magic: bytes, header: dict[str, Any], key_file: bytes) -> bytes:
    head = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    return (
        magic
        + len(head).to_bytes(_FOUR, "big")
        + head
        + len(key_file).to_bytes(_FOUR, "big")
        + key_file
    )


def seal_keyed(
    magic: bytes, key: UnlockedKey, key_file: bytes, header: dict[str, Any], content: bytes
) -> bytes:
    """``content`` sealed under ``key`` beside ``key_file`` (which wraps ``key``)."""
    header = {**header, "key_id": key.key_id}
    clear = _clear_part(magic, header, key_file)
    bound = {"key_id": key.key_id, "clear": hashlib.sha256(clear).hexdigest()}
    return clear + sealed.seal(CONTENT_MAGIC, bound, key.data_key, content)


def read_keyed(blob: bytes, magic: bytes, what: str, max_bytes: int) -> KeyedFile:
    """Parse a keyed file (checksums checked, nothing decrypted); VaultDamaged if it is
    not one, is cut short or was damaged."""
    if len(blob) > max_bytes:
        raise VaultDamaged(f"The {what} is far larger than it could be; it was not opened.")
    if not blob.startswith(magic):
        raise VaultDamaged(f"The {what} is not a Therapy Journal file of this kind.")
    at = len(magic)
    head_len = int.from_bytes(blob[at : at + _FOUR], "big")
    at += _FOUR
    if head_len > MAX_HEADER or at + head_len + _FOUR > len(blob):
        raise VaultDamaged(f"The {what} is damaged or cut short.")
    try:
        header = json.loads(blob[at : at + head_len])
    except (UnicodeDecodeError, ValueError) as exc:
        raise VaultDamaged(f"The {what} is damaged.") from exc
    at += head_len
    key_len = int.from_bytes(blob[at : at + _FOUR], "big")
    at += _FOUR
    if not isinstance(header, dict) or at + key_len > len(blob):
        raise VaultDamaged(f"The {what} is damaged or cut short.")
    content = blob[at + key_len :]
    sealed.parse(content, CONTENT_MAGIC, what)  # its checksum: damage, told before any key
    return KeyedFile(header=header, key_file=blob[at : at + key_len], content=content, what=what)


def open_keyed(found: KeyedFile, magic: bytes, key: UnlockedKey) -> bytes:
    """The content, if ``found`` was written whole by a holder of ``key``."""
    if found.key_id != key.key_id:
        raise OtherKey(f"The {found.what} is sealed under another key.")
    inner = sealed.parse(found.content, CONTENT_MAGIC, found.what)
    try:
        plain = sealed.open_sealed(inner, key.data_key)
    except sealed.InvalidTag as exc:
        raise VaultDamaged(f"The {found.what} was altered and cannot be trusted.") from exc
    clear = _clear_part(magic, found.header, found.key_file)
    bound = inner.header
    if bound.get("clear") != hashlib.sha256(clear).hexdigest() or bound.get("key_id") != key.key_id:
        raise VaultDamaged(f"The {found.what} was altered and cannot be trusted.")
    return plain

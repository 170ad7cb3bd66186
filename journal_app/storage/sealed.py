"""The sealed-file container both vault files use, and the ciphers inside it.

Layout of a sealed file::

    MAGIC (8 bytes) | header length (4 bytes, big-endian) | header (canonical JSON)
    | nonce (12 bytes) | AES-256-GCM ciphertext and tag | SHA-256 of everything before (32 bytes)

The header is the GCM associated data, so format, version and KDF parameters cannot be
changed without the tag failing. The trailing SHA-256 is not a secret check: it tells
*damage* (a flipped byte anywhere) apart from a *wrong passphrase* before any key is tried,
so the person gets the right message.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from journal_app.core.errors import VaultDamaged

NONCE_BYTES = 12
DIGEST_BYTES = 32
KEY_BYTES = 32
_LEN = struct.Struct(">I")
MAX_HEADER_BYTES = 64 * 1024


@dataclass(frozen=True)
class Sealed:
    """A parsed (but not yet decrypted) sealed file."""

    magic: bytes
    header: dict[str, Any]
    aad: bytes
    nonce: bytes
    ciphertext: bytes | memoryview


def canonical_json(value: Any) -> bytes:
    """One byte-exact JSON form, so the authenticated header is stable."""
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode("utf-8")


def seal(magic: bytes, header: dict[str, Any], key: bytes, plaintext: bytes) -> bytes:
    """Encrypt ``plaintext`` under ``key`` with a fresh random nonce; return the file bytes."""
    header_bytes = canonical_json(header)
    aad = magic + _LEN.pack(len(header_bytes)) + header_bytes
    nonce = os.urandom(NONCE_BYTES)
    body = aad + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)
    return body + hashlib.sha256(body).digest()


def parse(blob: bytes, magic: bytes, what: str) -> Sealed:
    """Check the container's shape and checksum; raise VaultDamaged naming ``what`` if not."""
    minimum = len(magic) + _LEN.size + NONCE_BYTES + 16 + DIGEST_BYTES
    if len(blob) < minimum or not blob.startswith(magic):
        raise VaultDamaged(f"The {what} is not a Therapy Journal file or is cut short.")
    # Views, not copies: a 30-year journal is ~20 MB, and each slice of it would copy it.
    view = memoryview(blob)
    body, digest = view[:-DIGEST_BYTES], blob[-DIGEST_BYTES:]
    if hashlib.sha256(body).digest() != digest:
        raise VaultDamaged(f"The {what} is damaged or was altered.")
    (header_len,) = _LEN.unpack_from(body, len(magic))
    start = len(magic) + _LEN.size
    if header_len > MAX_HEADER_BYTES or start + header_len + NONCE_BYTES > len(body):
        raise VaultDamaged(f"The {what} has a damaged header.")
    header_bytes = bytes(body[start : start + header_len])
    try:
        header = json.loads(header_bytes)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise VaultDamaged(f"The {what} has a damaged header.") from exc
    if not isinstance(header, dict):
        raise VaultDamaged(f"The {what} has a damaged header.")
    rest = body[start + header_len :]
    return Sealed(
        magic=magic,
        header=header,
        aad=bytes(body[: start + header_len]),
        nonce=bytes(rest[:NONCE_BYTES]),
        ciphertext=rest[NONCE_BYTES:],  # a view: AES-GCM reads it in place
    )


def open_sealed(sealed: Sealed, key: bytes) -> bytes:
    """Decrypt; raises InvalidTag (for the caller to name) when the key or bytes are wrong."""
    return AESGCM(key).decrypt(sealed.nonce, sealed.ciphertext, sealed.aad)


__all__ = ["InvalidTag", "Sealed", "canonical_json", "open_sealed", "parse", "seal"]

"""The key file: the random data key, wrapped by a key derived from the passphrase.

The passphrase never encrypts the journal directly. Argon2id (memory-hard, so guessing
is expensive on GPUs) turns it into a key-encryption key that wraps a random 256-bit data
key. Changing the passphrase rewrites only this small file (and its saved copies in
backups/, so none still opens with the old passphrase); the journal and its backups stay
encrypted under the same data key, so old backups still restore. ``rotate-key`` replaces
the data key itself.
"""

from __future__ import annotations

import base64
import os
import secrets
from dataclasses import dataclass
from typing import Any

from journal_app.core.errors import VaultDamaged, VaultError, WrongPassphrase
from journal_app.storage import sealed

KEY_MAGIC = b"TJKEY01\n"
KEY_FORMAT = "tj-vault-key"  # neutral: a file browser should not reveal "therapy"
KEY_VERSION = 1

# The design's floor: at least 64 MiB and 3 passes. Files asking for less are refused as
# tampered (a downgrade). The header is only authenticated *after* the slow derivation, and
# its SHA-256 trailer can be recomputed by anyone, so the ceiling is what stops an edited
# file (2 GiB and 64 passes) from making every unlock take minutes before "wrong
# passphrase". The ceiling leaves room to raise the settings later (about 4x today's work)
# while keeping the worst unlock to a few seconds on a laptop.
MIN_MEMORY_KIB = 64 * 1024
MAX_MEMORY_KIB = 256 * 1024
MIN_ITERATIONS = 3
MAX_ITERATIONS = 8
MAX_WORK_KIB = 1024 * 1024  # memory x passes: 1 GiB-pass, e.g. 256 MiB x 4 or 128 MiB x 8
MIN_LANES = 1
MAX_LANES = 8
SALT_BYTES = 16
MAX_SALT_BYTES = 64


@dataclass(frozen=True)
class KdfParams:
    """Argon2id settings, stored in the key file's authenticated header."""

    salt: bytes
    memory_kib: int = MIN_MEMORY_KIB
    iterations: int = MIN_ITERATIONS
    lanes: int = 4

    def to_header(self) -> dict[str, Any]:
        return {
            "name": "argon2id",
            "memory_kib": self.memory_kib,
            "iterations": self.iterations,
            "lanes": self.lanes,
            "salt": base64.b64encode(self.salt).decode("ascii"),
        }

    @classmethod
    def from_header(cls, data: Any) -> KdfParams:
        """Read and bound-check stored parameters; anything odd means the file is not sound."""
        try:
            params = cls(
                salt=base64.b64decode(data["salt"], validate=True),
                memory_kib=int(data["memory_kib"]),
                iterations=int(data["iterations"]),
                lanes=int(data["lanes"]),
            )
            ok = data["name"] == "argon2id" and params.within_bounds()
        except (KeyError, TypeError, ValueError) as exc:
            raise VaultDamaged("The key file has damaged settings.") from exc
        if not ok:
            raise VaultDamaged(
                "The key file asks for settings outside the safe range, so it was not tried."
            )
        return params

    def within_bounds(self) -> bool:
        """Whether every setting is one this app would make or could sensibly grow to."""
        return (
            MIN_MEMORY_KIB <= self.memory_kib <= MAX_MEMORY_KIB
            and MIN_ITERATIONS <= self.iterations <= MAX_ITERATIONS
            and self.memory_kib * self.iterations <= MAX_WORK_KIB
            and MIN_LANES <= self.lanes <= MAX_LANES
            and SALT_BYTES <= len(self.salt) <= MAX_SALT_BYTES
        )

    @classmethod
    def fresh(cls) -> KdfParams:
        return cls(salt=os.urandom(SALT_BYTES))


ARGON2_VERSION = 0x13  # Argon2 1.3, RFC 9106: the only version either library ever wrote


def derive_kek(passphrase: str, params: KdfParams) -> bytes:
    """The slow, memory-hard step: passphrase -> key-encryption key.

    Argon2id through argon2-cffi (the reference C code) rather than ``cryptography``:
    the phone builds of ``cryptography`` link an OpenSSL without Argon2, while
    argon2-cffi-bindings has Android and iOS wheels. Both compute RFC 9106 Argon2id, so
    every key file made before opens unchanged (tests/storage/test_kdf.py).
    """
    return _argon2id_raw(
        passphrase.encode("utf-8"), params.salt, params.iterations, params.memory_kib, params.lanes
    )


def _argon2id_raw(secret: bytes, salt: bytes, passes: int, memory_kib: int, lanes: int) -> bytes:
    """One call into the reference C library, made as ``argon2.low_level.hash_secret_raw``
    makes it. Straight through its binding: the ``argon2`` package imports its password
    hasher, profiles and ``platform`` on the way (some 5-10 ms of every cold command)."""
    try:
        from _argon2_cffi_bindings import ffi, lib
    except ImportError:  # another packaging of argon2-cffi: its public function
        from argon2.low_level import Type, hash_secret_raw

        return hash_secret_raw(
            secret, salt, passes, memory_kib, lanes, sealed.KEY_BYTES, Type.ID, ARGON2_VERSION
        )
    out = ffi.new("uint8_t[]", sealed.KEY_BYTES)
    status = lib.argon2_hash(
        passes,
        memory_kib,
        lanes,
        ffi.new("uint8_t[]", secret),
        len(secret),
        ffi.new("uint8_t[]", salt),
        len(salt),
        out,
        sealed.KEY_BYTES,
        ffi.NULL,
        0,
        lib.Argon2_id,
        ARGON2_VERSION,
    )
    if status != lib.ARGON2_OK:
        reason = ffi.string(lib.argon2_error_message(status)).decode("ascii", "replace")
        raise VaultError(f"The key could not be derived ({reason}).")
    return bytes(ffi.buffer(out, sealed.KEY_BYTES))


@dataclass(frozen=True)
class UnlockedKey:
    """The data key and the id that ties data files to this key."""

    data_key: bytes
    key_id: str


def new_key() -> UnlockedKey:
    """A fresh random data key for a new vault."""
    return UnlockedKey(data_key=os.urandom(sealed.KEY_BYTES), key_id=secrets.token_hex(8))


def wrap(key: UnlockedKey, passphrase: str, params: KdfParams | None = None) -> bytes:
    """The key file bytes for ``key`` under ``passphrase``."""
    params = params or KdfParams.fresh()
    header = {
        "format": KEY_FORMAT,
        "version": KEY_VERSION,
        "kdf": params.to_header(),
        "key_id": key.key_id,
        "cipher": "aes-256-gcm",
    }
    return sealed.seal(KEY_MAGIC, header, derive_kek(passphrase, params), key.data_key)


def key_id_of(blob: bytes) -> str | None:
    """The key id a key file's header names (its checksum checked; nothing decrypted)."""
    value = sealed.parse(blob, KEY_MAGIC, "key file").header.get("key_id")
    return value if isinstance(value, str) else None


def unwrap(blob: bytes, passphrase: str) -> UnlockedKey:
    """Recover the data key; WrongPassphrase if the file is sound but the passphrase is not."""
    parsed = sealed.parse(blob, KEY_MAGIC, "key file")
    header = parsed.header
    if header.get("format") != KEY_FORMAT or header.get("version") != KEY_VERSION:
        raise VaultDamaged("The key file is of an unknown format or version.")
    key_id = header.get("key_id")
    if not isinstance(key_id, str):
        raise VaultDamaged("The key file has a damaged header.")
    params = KdfParams.from_header(header.get("kdf"))
    try:
        data_key = sealed.open_sealed(parsed, derive_kek(passphrase, params))
    except sealed.InvalidTag as exc:
        raise WrongPassphrase("That passphrase does not open this journal.") from exc
    except UnicodeEncodeError as exc:  # lone surrogates: no passphrase we made is like that
        raise WrongPassphrase(
            "That passphrase is not valid text, so it cannot open this journal."
        ) from exc
    if len(data_key) != sealed.KEY_BYTES:
        raise VaultDamaged("The key file holds a key of the wrong size.")
    return UnlockedKey(data_key=data_key, key_id=key_id)

"""A full copy of the journal in one sealed file (``backup export`` / ``backup import``).

Every record of every kind, with every version a merge needs (deletions, conflict copies,
drafts and history included), compressed and sealed under the journal's data key beside
its key file (``keyed_file``), so the passphrase alone opens it on a device that has
nothing yet. Bringing it back is a merge: a second import adds nothing.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from journal_app.core.errors import VaultDamaged
from journal_app.core.sync_merge import Frontier, Key, Variant
from journal_app.storage.keyed_file import KeyedFile, open_keyed, read_keyed, seal_keyed
from journal_app.storage.keyfile import UnlockedKey
from journal_app.storage.sync_folder import decode_changes, encode_changes

COPY_MAGIC = b"TJCOPY1\n"
MAX_COPY_BYTES = 2 * 1024 * 1024 * 1024
MAX_PLAIN_BYTES = 4 * 1024 * 1024 * 1024
WHAT = "full copy"


def seal_copy(
    key: UnlockedKey, key_file: bytes, frontiers: list[tuple[Key, Frontier]], at: int
) -> bytes:
    flat = [(key_, variant) for key_, frontier in frontiers for variant in frontier]
    payload = {"at": at, "changes": encode_changes(flat)}
    plain = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = {"format": "tj-full-copy", "version": 1, "zlib": True}
    return seal_keyed(COPY_MAGIC, key, key_file, header, zlib.compress(plain, 6))


def read_copy(blob: bytes) -> KeyedFile:
    """Parse a full copy (nothing decrypted); VaultDamaged if it is not one."""
    return read_keyed(blob, COPY_MAGIC, WHAT, MAX_COPY_BYTES)


def open_copy(found: KeyedFile, key: UnlockedKey) -> tuple[list[tuple[Key, Variant]], int]:
    """Every version the copy holds, and when it was made (ms since 1970)."""
    packed = open_keyed(found, COPY_MAGIC, key)
    inflater = zlib.decompressobj()
    try:
        plain = inflater.decompress(packed, MAX_PLAIN_BYTES)
        if inflater.unconsumed_tail or not inflater.eof:
            raise VaultDamaged(f"The {WHAT} is larger than any journal; it was not opened.")
        payload: Any = json.loads(plain.decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, ValueError) as exc:
        raise VaultDamaged(f"The {WHAT} is unreadable.") from exc
    if not isinstance(payload, dict):
        raise VaultDamaged(f"The {WHAT} is unreadable.")
    at = payload.get("at")
    return decode_changes(payload.get("changes"), WHAT), at if isinstance(at, int) else 0

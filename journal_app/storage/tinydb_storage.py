"""A TinyDB Storage that keeps the database inside the vault.

TinyDB asks its storage for the whole database on every operation. Decrypting on each
call would be wasteful, so the decoded database is held in memory after the first read
and every write goes through the vault (sealed, atomic, durable) before it counts.
"""

from __future__ import annotations

import json
from typing import Any

from tinydb.storages import Storage

from journal_app.storage.errors import VaultDamaged
from journal_app.storage.vault import Vault


class VaultStorage(Storage):
    """TinyDB storage over an unlocked :class:`Vault`."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault
        self._cache: dict[str, dict[str, Any]] | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._cache is None:
            self._cache = self._decode(self._vault.read())
        return self._cache

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            self._vault.write(payload)
        except BaseException:
            # TinyDB changed our cached copy in place before calling write; the disk did
            # not change, so forget the cache and read the truth back next time.
            self._cache = None
            raise
        self._cache = data

    def close(self) -> None:
        self._cache = None

    @staticmethod
    def _decode(plaintext: bytes) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(plaintext.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise VaultDamaged("The journal decrypted but its contents are unreadable.") from exc
        if not isinstance(data, dict):
            raise VaultDamaged("The journal decrypted but its contents are unreadable.")
        return data

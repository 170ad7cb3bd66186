"""One key derivation everywhere: Argon2id through argon2-cffi, and every old journal opens.

Phones get ``cryptography`` built against an OpenSSL without Argon2, so the vault derives
its key with argon2-cffi (which has phone wheels). These tests pin that it is the RFC 9106
function, that it gives the very bytes ``cryptography`` gave, and that a journal made by
the code before the change (tests/data/vault_kdf_2026_12) still opens with its entries.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from argon2.low_level import ARGON2_VERSION, Type, core, ffi

from journal_app.core.records import Entry, Goal
from journal_app.storage.keyfile import KdfParams, derive_kek
from journal_app.storage.repository import open_repository
from tests.conftest import PASSPHRASE, snapshot

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "vault_kdf_2026_12"

# RFC 9106, section 5.3 (Argon2id, version 0x13).
RFC_TAG = bytes.fromhex("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659")


def argon2id_with_secret_and_data(
    password: bytes, salt: bytes, secret: bytes, data: bytes, t: int, m: int, p: int
) -> bytes:
    """The same C library's full Argon2id (the RFC vector uses a secret and associated data)."""
    out = ffi.new("uint8_t[]", 32)
    keep = [ffi.new("uint8_t[]", v) for v in (password, salt, secret, data)]
    ctx = ffi.new(
        "argon2_context *",
        {
            "out": out,
            "outlen": 32,
            "pwd": keep[0],
            "pwdlen": len(password),
            "salt": keep[1],
            "saltlen": len(salt),
            "secret": keep[2],
            "secretlen": len(secret),
            "ad": keep[3],
            "adlen": len(data),
            "t_cost": t,
            "m_cost": m,
            "lanes": p,
            "threads": p,
            "version": ARGON2_VERSION,
            "allocate_cbk": ffi.NULL,
            "free_cbk": ffi.NULL,
            "flags": 0,
        },
    )
    assert core(ctx, Type.ID.value) == 0
    return bytes(ffi.buffer(out, 32))


def test_argon2_cffi_gives_the_rfc_9106_argon2id_test_vector() -> None:
    tag = argon2id_with_secret_and_data(
        b"\x01" * 32, b"\x02" * 16, b"\x03" * 8, b"\x04" * 12, t=3, m=32, p=4
    )
    assert tag == RFC_TAG


def test_derive_kek_is_plain_argon2id_version_13() -> None:
    """The reference implementation's own Argon2id vector (phc-winner-argon2 test.c)."""
    from argon2.low_level import hash_secret_raw

    ours = hash_secret_raw(b"password", b"somesalt", 2, 65536, 1, 32, Type.ID, 0x13)
    assert ours.hex() == "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7"
    # and derive_kek is that function with the key file's settings:
    params = KdfParams(salt=b"somesalt" * 2, memory_kib=65536, iterations=3, lanes=4)
    assert derive_kek("password", params) == hash_secret_raw(
        b"password", b"somesalt" * 2, 3, 65536, 4, 32, Type.ID, 0x13
    )


def test_derive_kek_matches_cryptography_where_it_has_argon2() -> None:
    """On a desktop both libraries exist: the bytes must be the same, so nothing re-keys."""
    try:
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
    except ImportError:  # a phone's cryptography: nothing to compare with
        pytest.skip("this cryptography has no Argon2")
    for passphrase in ("tidy lantern orbit 42", "café naïve שלום 🙂", ""):
        params = KdfParams(salt=bytes(range(16)), memory_kib=64 * 1024, iterations=3, lanes=4)
        theirs = Argon2id(
            salt=params.salt, length=32, iterations=3, lanes=4, memory_cost=64 * 1024
        ).derive(passphrase.encode("utf-8"))
        assert derive_kek(passphrase, params) == theirs


def test_a_journal_made_before_the_change_opens_with_its_entries(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    shutil.copytree(FIXTURE, folder)
    before = snapshot(folder)
    with open_repository(folder, PASSPHRASE) as repo:
        texts = sorted(e.text for e in repo.all(Entry))
        goals = sorted(g.title for g in repo.all(Goal))
    assert texts == [
        "Breathing helped **a lot** — café, naïve, שלום",
        "Left a voicemail for Dr Ruiz",
    ]
    assert goals == ["Call two clinics", "Finding a therapist"]
    assert snapshot(folder) == before  # opening wrote nothing


def test_the_old_journal_still_refuses_a_wrong_passphrase(tmp_path: Path) -> None:
    from journal_app.core.errors import WrongPassphrase

    folder = tmp_path / "journal"
    shutil.copytree(FIXTURE, folder)
    with pytest.raises(WrongPassphrase), open_repository(folder, "not the passphrase"):
        pass

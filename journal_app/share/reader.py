"""Reading a bundle in Python: the same checks and crypto as the browser viewer.

Every way a file can be wrong ends in one of two documented errors: ``BundleWrongPassphrase``
(the file is sound, the passphrase is not) or ``BundleDamaged`` (not a bundle, cut short,
or changed after it was made). Nothing else escapes, whatever bytes are given.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import hashlib
import io
import json
import zlib
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from journal_app.core.errors import VaultDamaged, WrongPassphrase
from journal_app.share.bundle import (
    BUNDLE_FORMAT,
    CONTENT_FORMAT,
    ENVELOPE_CLOSE,
    ENVELOPE_OPEN,
    ENVELOPE_PLACEHOLDER,
    KDF_NAME,
    MAX_ITERATIONS,
    MIN_ITERATIONS,
    NONCE_BYTES,
    READABLE_VERSIONS,
    SALT_BYTES,
    derive,
    template_digest,
)

MAX_BUNDLE_BYTES = 1024 * 1024 * 1024
MAX_PLAINTEXT_BYTES = 2 * 1024 * 1024 * 1024


class BundleDamaged(VaultDamaged):
    """Not a bundle, or a bundle whose bytes were changed (exit 4)."""

    advice = "Please ask for the file to be sent again."


class BundleWrongPassphrase(WrongPassphrase):
    """The bundle is sound but the passphrase does not open it (exit 3)."""


def _b64(text: Any, what: str) -> bytes:
    if not isinstance(text, str):
        raise BundleDamaged(f"The bundle's {what} is missing.")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise BundleDamaged(f"The bundle's {what} is damaged.") from exc


def _split(html: str) -> tuple[str, str]:
    """(envelope text, file with the envelope replaced by the placeholder)."""
    start = html.find(ENVELOPE_OPEN)
    if start < 0 or html.count(ENVELOPE_OPEN) != 1:
        raise BundleDamaged("This file is not a Therapy Journal bundle.")
    body_start = start + len(ENVELOPE_OPEN)
    end = html.find(ENVELOPE_CLOSE, body_start)
    if end < 0:
        raise BundleDamaged("This bundle is cut short.")
    envelope = html[body_start:end]
    return envelope, html[:body_start] + ENVELOPE_PLACEHOLDER + html[end:]


def _parse_header(header_text: str) -> dict[str, Any]:
    try:
        header = json.loads(header_text)
        kdf = header["kdf"]
        ok = (
            header["format"] == BUNDLE_FORMAT
            and header["version"] in READABLE_VERSIONS
            and not isinstance(header["version"], bool)
            and header["cipher"] == "AES-256-GCM"
            and kdf["name"] == KDF_NAME
            and isinstance(kdf["iterations"], int)
            and header.get("compression") in (None, "gzip")
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise BundleDamaged("The bundle's header is damaged.") from exc
    if not ok:
        raise BundleDamaged("The bundle's header is damaged or of an unknown version.")
    if not MIN_ITERATIONS <= kdf["iterations"] <= MAX_ITERATIONS:
        raise BundleDamaged(
            "This bundle asks for key settings outside the safe range, so it was not "
            "tried; it may have been changed."
        )
    return header


def _unpack(plain: bytes, compression: str | None) -> dict[str, Any]:
    try:
        if compression == "gzip":
            plain = _gunzip(plain)
        payload = json.loads(plain.decode("utf-8"))
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, ValueError) as exc:
        raise BundleDamaged("The bundle decrypted but its contents are unreadable.") from exc
    if not isinstance(payload, dict) or payload.get("format") != CONTENT_FORMAT:
        raise BundleDamaged("The bundle decrypted but its contents are unreadable.")
    return payload


def _gunzip(data: bytes) -> bytes:
    out = gzip.GzipFile(fileobj=io.BytesIO(data)).read(MAX_PLAINTEXT_BYTES + 1)
    if len(out) > MAX_PLAINTEXT_BYTES:
        raise BundleDamaged("The bundle's contents are implausibly large.")
    return out


def read_bundle(data: bytes, passphrase: str) -> dict[str, Any]:
    """Check and decrypt a bundle file's bytes; return its content payload."""
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleDamaged("This file is far too large to be a bundle.")
    try:
        html = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BundleDamaged("This file is not a Therapy Journal bundle.") from exc
    envelope_text, template = _split(html)
    try:
        envelope = json.loads(envelope_text)
        header_text, ciphertext_text = envelope["header"], envelope["ciphertext"]
        digest = envelope["digest"]
    except (ValueError, KeyError, TypeError) as exc:
        raise BundleDamaged("The bundle's contents are damaged.") from exc
    if not isinstance(header_text, str) or not isinstance(ciphertext_text, str):
        raise BundleDamaged("The bundle's contents are damaged.")
    expected = hashlib.sha256(f"{header_text}\n{ciphertext_text}".encode()).hexdigest()
    if digest != expected:
        raise BundleDamaged("This bundle was changed or damaged after it was made.")
    header = _parse_header(header_text)
    if header.get("viewer_sha256") != template_digest(template):
        raise BundleDamaged("This bundle's viewer was changed after it was made.")
    salt = _b64(header["kdf"].get("salt"), "salt")
    nonce = _b64(header.get("nonce"), "nonce")
    check = _b64(header.get("key_check"), "key check")
    if len(salt) < SALT_BYTES or len(nonce) != NONCE_BYTES or len(check) != 16:
        raise BundleDamaged("The bundle's header is damaged.")
    key, derived_check = derive(
        passphrase, salt, header["kdf"]["iterations"], version=header["version"]
    )
    if derived_check != check:
        raise BundleWrongPassphrase("That passphrase does not open this bundle.")
    try:
        plain = AESGCM(key).decrypt(
            nonce, _b64(ciphertext_text, "contents"), header_text.encode("utf-8")
        )
    except InvalidTag as exc:
        raise BundleDamaged("This bundle was altered after it was made.") from exc
    return _unpack(plain, header.get("compression"))

"""The bundle: one self-contained HTML file that decrypts itself in the recipient's browser.

Format (version 1). The file is the viewer template with one JSON envelope inside
``<script type="application/json" id="tj-bundle">``::

    {"header": "<canonical JSON text>", "ciphertext": "<base64>", "digest": "<hex>"}

- ``header`` holds format, version, KDF (PBKDF2-HMAC-SHA256, iterations, salt), cipher,
  nonce, compression, a 16-byte key-check value and ``viewer_sha256`` (the SHA-256 of the
  file with the envelope replaced by a placeholder). Its exact bytes are the AES-GCM
  associated data, so none of it can change without decryption failing.
- PBKDF2 gives 64 bytes: the first 32 are the AES-256-GCM key, the SHA-256 of
  "tj-bundle-key-check" + the last 32 (first 16 bytes) is the key check, which tells a
  wrong passphrase from an altered file before decrypting.
- ``digest`` is the SHA-256 of header + newline + ciphertext: a cheap, keyless check that
  catches damage in transit.
- The plaintext is gzip-compressed JSON: title, date, recipient, sections, the sanitised
  HTML and the Markdown. No personal data sits outside the ciphertext.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from functools import cache
from html import escape
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from journal_app.core.checkins import GAD7, PHQ9, get_instrument
from journal_app.core.passphrase import normalize_bundle_passphrase
from journal_app.core.records import Entry, local_day
from journal_app.core.sharing import CHECKINS, REVIEW, SharePreview, entry_meta
from journal_app.resources import assets_dir
from journal_app.share.charts import Series, line_chart
from journal_app.share.render import markdown_to_safe_html, render_chunks

BUNDLE_FORMAT = "tj-bundle"
CONTENT_FORMAT = "tj-bundle-content"
BUNDLE_VERSION = 1
KDF_NAME = "PBKDF2-HMAC-SHA256"
ITERATIONS = 600_000
# The iteration count is read from the file before anything can be checked, so the ceiling
# is what stops an edited bundle from making the reader's browser spin for minutes. It is
# a little over 3x today's count (room to raise it), about a second on a laptop.
# assets/bundle/viewer.js applies the same bounds.
MIN_ITERATIONS = 600_000
MAX_ITERATIONS = 2_000_000
SALT_BYTES = 16
NONCE_BYTES = 12
KEY_CHECK_LABEL = b"tj-bundle-key-check"
ENVELOPE_PLACEHOLDER = "__TJ_ENVELOPE__"
ENVELOPE_OPEN = '<script type="application/json" id="tj-bundle">'
ENVELOPE_CLOSE = "</script>"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


# --- Keys --------------------------------------------------------------------------------


def derive(passphrase: str, salt: bytes, iterations: int) -> tuple[bytes, bytes]:
    """(AES key, key-check value) from the passphrase, exactly as the viewer derives them."""
    bits = PBKDF2HMAC(
        algorithm=hashes.SHA256(), length=64, salt=salt, iterations=iterations
    ).derive(normalize_bundle_passphrase(passphrase).encode("utf-8"))
    check = hashlib.sha256(KEY_CHECK_LABEL + bits[32:]).digest()[:16]
    return bits[:32], check


# --- The viewer template -----------------------------------------------------------------


def _csp_hash(text: str) -> str:
    return "'sha256-" + b64(hashlib.sha256(text.encode("utf-8")).digest()) + "'"


@cache
def viewer_template() -> str:
    """The viewer with its script and styles inlined and a CSP that allows only them."""
    folder = assets_dir() / "bundle"
    js = (folder / "viewer.js").read_text(encoding="utf-8")
    viewer_css = (folder / "viewer.css").read_text(encoding="utf-8")
    content_css = (folder / "content.css").read_text(encoding="utf-8")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(js)}; "
        f"style-src {_csp_hash(viewer_css)} {_csp_hash(content_css)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    html = (folder / "viewer.html").read_text(encoding="utf-8")
    return (
        html.replace("__TJ_CSP__", csp)
        .replace("__TJ_VIEWER_CSS__", viewer_css)
        .replace("__TJ_CONTENT_CSS__", content_css)
        .replace("__TJ_VIEWER_JS__", js)
    )


def template_digest(html_with_placeholder: str) -> str:
    return hashlib.sha256(html_with_placeholder.encode("utf-8")).hexdigest()


# --- Content -----------------------------------------------------------------------------


def _anxiety_chart(preview: SharePreview) -> str:
    weeks = preview.anxiety
    return line_chart(
        Series(
            points=[(w.week_start, w.average) for w in weeks],
            y_max=10,
            title="Weekly average anxiety, 0 to 10",
            description=f"Weekly average anxiety (0–10) over {len(weeks)} weeks with ratings.",
        )
    )


def _checkin_chart(name: str, preview: SharePreview) -> str:
    trend = preview.checkin_trends.get(name)
    if trend is None or not trend.points:
        return ""
    inst = get_instrument(name)
    return line_chart(
        Series(
            points=[(local_day(p.taken_at, preview.tz), p.score) for p in trend.points],
            y_max=inst.max_score,
            title=f"{inst.name} scores over time",
            description=f"{inst.name} scores (0–{inst.max_score}) with the published ranges "
            "shaded. A screening score, not a diagnosis.",
            bands=[(b.low, b.high, b.label) for b in inst.bands],
        )
    )


def render_entries(entries: Sequence[Entry], tz: tzinfo | None = None) -> str:
    """Entries as HTML: the structure written directly, each text rendered on its own."""
    out = []
    for e in entries:
        tags = " ".join(f"<code>#{escape(t)}</code>" for t in e.tags)
        out.append(f"<h3>{escape(entry_meta(e, tz))}</h3>")
        if tags:
            out.append(f"<p>{tags}</p>")
        out.append(render_chunks([e.text.strip()]))
        out.append("<hr>")
    return "\n".join(out)


def content_html(preview: SharePreview) -> str:
    """The shared document: the one-page summary first, then each chosen section."""
    parts = [f'<div class="summary">{markdown_to_safe_html(preview.summary)}</div>']
    for section in preview.sections:
        parts.append(f'<section id="{escape(section.key)}">')
        if section.entries:
            parts.append(render_chunks(section.chunks[:1]))
            parts.append(render_entries(section.entries, preview.tz))
        else:
            parts.append(render_chunks(section.chunks))
        if section.key == REVIEW:
            parts.append(_anxiety_chart(preview))
        if section.key == CHECKINS:
            parts.extend(_checkin_chart(name, preview) for name in (GAD7, PHQ9))
        parts.append("</section>")
    return "\n".join(p for p in parts if p)


def content_payload(preview: SharePreview, created: datetime) -> dict[str, Any]:
    return {
        "format": CONTENT_FORMAT,
        "version": BUNDLE_VERSION,
        "title": "Summary from my Therapy Journal",
        "created": created.isoformat(),
        "recipient": preview.selection.recipient,
        "since": preview.selection.since.isoformat() if preview.selection.since else None,
        "until": preview.selection.until.isoformat() if preview.selection.until else None,
        "sections": [{"key": s.key, "title": s.title, "items": s.items} for s in preview.sections],
        "markdown": preview.markdown,
        "html": content_html(preview),
    }


# --- Sealing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class BuiltBundle:
    """The file's text and its fingerprint (for the share log; never the passphrase)."""

    html: str
    fingerprint: str
    size: int


def compressed_json(payload: dict[str, Any]) -> bytes:
    """gzip of the payload's JSON, streamed: ten years of writing is never held twice over
    as one JSON string and its bytes."""
    buffer = io.BytesIO()
    with (
        gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=1, mtime=0) as packed,
        io.TextIOWrapper(packed, encoding="utf-8") as text,
    ):
        json.dump(payload, text, ensure_ascii=False)
    return buffer.getvalue()


def seal_payload(payload: dict[str, Any], passphrase: str, iterations: int = ITERATIONS) -> str:
    """Encrypt a payload into a complete bundle HTML file."""
    template = viewer_template()
    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    key, check = derive(passphrase, salt, iterations)
    header = canonical(
        {
            "format": BUNDLE_FORMAT,
            "version": BUNDLE_VERSION,
            "kdf": {"name": KDF_NAME, "iterations": iterations, "salt": b64(salt)},
            "cipher": "AES-256-GCM",
            "nonce": b64(nonce),
            "compression": "gzip",
            "key_check": b64(check),
            "viewer_sha256": template_digest(template),
        }
    )
    plaintext = compressed_json(payload)
    ciphertext = b64(AESGCM(key).encrypt(nonce, plaintext, header.encode("utf-8")))
    digest = hashlib.sha256(f"{header}\n{ciphertext}".encode()).hexdigest()
    envelope = canonical({"header": header, "ciphertext": ciphertext, "digest": digest})
    return template.replace(ENVELOPE_PLACEHOLDER, envelope.replace("<", "\\u003c"))


def build_bundle(
    preview: SharePreview, passphrase: str, created: datetime, iterations: int = ITERATIONS
) -> BuiltBundle:
    """The bundle for a preview: exactly the previewed content, encrypted."""
    html = seal_payload(content_payload(preview, created), passphrase, iterations)
    data = html.encode("utf-8")
    return BuiltBundle(html=html, fingerprint=hashlib.sha256(data).hexdigest(), size=len(data))

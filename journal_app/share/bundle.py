"""The bundle: one self-contained HTML file that decrypts itself in the recipient's browser.

Format (version 2). The file is the viewer template with one JSON envelope inside
``<script type="application/json" id="tj-bundle">``::

    {"header": "<canonical JSON text>", "ciphertext": "<base64>", "digest": "<hex>"}

- ``header`` holds format, version, KDF (PBKDF2-HMAC-SHA256, iterations, salt), cipher,
  nonce, compression, a 16-byte key-check value and ``viewer_sha256`` (the SHA-256 of the
  file with the envelope replaced by a placeholder). Its exact bytes are the AES-GCM
  associated data, so none of it can change without decryption failing.
- Version 2: PBKDF2 gives one 32-byte block; HKDF-SHA256 splits it into the AES-256-GCM
  key and a key-check key (first 16 bytes kept), which tells a wrong passphrase from an
  altered file before decrypting. The recipient pays for one PBKDF2 block, like an
  attacker. Version 1 took 64 bytes from PBKDF2 (two blocks, twice the recipient's wait,
  while a guesser needed only the second); it is still read.
- ``digest`` is the SHA-256 of header + newline + ciphertext: a cheap, keyless check that
  catches damage in transit.
- The plaintext is gzip-compressed JSON: title, date, recipient, sections, the sanitised
  HTML, the Markdown and a FHIR R4 Bundle of the check-ins. No personal data sits outside
  the ciphertext.

A self-opening file cannot vouch for its own code: whoever can edit it can make its viewer
say anything. The file's fingerprint (``short_fingerprint``), read out with the passphrase,
is how a recipient can tell they hold the very file that was made.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import zlib
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from functools import cache
from html import escape
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from journal_app.core.checkins import (
    ATTRIBUTION,
    GAD7,
    PHQ9,
    PHQ9_INSTRUMENT,
    SCREENING_NOTE,
    get_instrument,
)
from journal_app.core.fhir import bundle_entries, bundle_head
from journal_app.core.passphrase import normalize_bundle_passphrase
from journal_app.core.records import Entry, local_day
from journal_app.core.sharing import (
    CHECKINS,
    ENTRIES,
    ITEM9_POINTER,
    MONTH,
    PROFILE,
    REVIEW,
    PreviewSection,
    SharePreview,
    entry_meta,
    item9_lines,
    item9_markdown,
)
from journal_app.resources import assets_dir
from journal_app.share.charts import Series, line_chart
from journal_app.share.month_html import months_html
from journal_app.share.render import markdown_to_safe_html

BUNDLE_FORMAT = "tj-bundle"
CONTENT_FORMAT = "tj-bundle-content"
BUNDLE_VERSION = 2
READABLE_VERSIONS = (1, 2)
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
HKDF_KEY_INFO = b"tj-bundle v2 aes-256-gcm key"
HKDF_CHECK_INFO = b"tj-bundle v2 key check"
ENVELOPE_PLACEHOLDER = "__TJ_ENVELOPE__"
ENVELOPE_OPEN = '<script type="application/json" id="tj-bundle">'
ENVELOPE_CLOSE = "</script>"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


# --- Keys --------------------------------------------------------------------------------


def derive(
    passphrase: str, salt: bytes, iterations: int, version: int = BUNDLE_VERSION
) -> tuple[bytes, bytes]:
    """(AES key, key-check value) from the passphrase, exactly as the viewer derives them."""
    secret = normalize_bundle_passphrase(passphrase).encode("utf-8")
    if version == 1:
        bits = PBKDF2HMAC(
            algorithm=hashes.SHA256(), length=64, salt=salt, iterations=iterations
        ).derive(secret)
        return bits[:32], hashlib.sha256(KEY_CHECK_LABEL + bits[32:]).digest()[:16]
    master = PBKDF2HMAC(
        algorithm=hashes.SHA256(), length=32, salt=salt, iterations=iterations
    ).derive(secret)
    return _hkdf(master, HKDF_KEY_INFO), _hkdf(master, HKDF_CHECK_INFO)[:16]


def _hkdf(master: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)


def short_fingerprint(fingerprint: str) -> str:
    """The first 16 hex digits of the file's SHA-256 in groups of four: short enough to
    read out over the phone with the passphrase, long enough that no edit can match it."""
    head = fingerprint[:16].upper()
    return " ".join(head[i : i + 4] for i in range(0, 16, 4))


# --- The viewer template -----------------------------------------------------------------


def _csp_hash(text: str) -> str:
    return "'sha256-" + b64(hashlib.sha256(text.encode("utf-8")).digest()) + "'"


# With scripting off, <noscript> explains; this hides the "changed or damaged" notice,
# which is for a script that the page's own CSP refused to run.
NOSCRIPT_CSS = "#tj-broken{display:none}"


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
        f"style-src {_csp_hash(viewer_css)} {_csp_hash(content_css)} {_csp_hash(NOSCRIPT_CSS)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    html = (folder / "viewer.html").read_text(encoding="utf-8")
    return (
        html.replace(
            "__TJ_CSP__", csp.replace("style-src ", f"style-src {_csp_hash(NOSCRIPT_CSS)} ")
        )
        .replace("__TJ_NOSCRIPT_CSS__", NOSCRIPT_CSS)
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


_HEADING = re.compile(r"<(/?)h([1-6])>")


def demote_headings(html: str) -> str:
    """Headings inside Markdown-made HTML drop three levels (h1 -> h4, h2 -> h5, rest h6),
    so nothing written in Markdown can stand level with the app's own section titles.

    A post-step over ``markdown_to_safe_html``'s output: the sanitiser leaves no
    attributes on headings, so the tags are exactly ``<hN>``."""
    if "<h" not in html:  # most writing has no headings: no regex pass over it
        return html
    return _HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 3, 6)}>", html)


def _md(text: str) -> str:
    return demote_headings(markdown_to_safe_html(text))


def own_words(label: str, body_html: str) -> str:
    """The person's writing, framed and labelled as theirs (a frame Markdown can't make)."""
    return (
        f'<div class="tj-own" role="group" aria-label="{escape(label)}">'
        f'<p class="tj-own-label">{escape(label)}</p>{body_html}</div>'
    )


def entry_html(e: Entry, tz: tzinfo | None = None) -> str:
    """One entry as HTML: the structure written directly, its text framed as the person's.

    Each is one ``<article class="tj-entry">``: the viewer shows long bundles in batches by
    that mark, which the sanitised text cannot make (it keeps no attributes)."""
    tags = " ".join(f"<code>#{escape(t)}</code>" for t in e.tags)
    head = f'<article class="tj-entry"><h3 class="tj-h">{escape(entry_meta(e, tz))}</h3>'
    tag_line = f"\n<p>{tags}</p>" if tags else ""
    body = own_words("Written in their journal", _md(e.text.strip()))
    return f"{head}{tag_line}\n{body}\n</article>"


def _strip_heading(chunk: str, title: str) -> str:
    head = f"## {title}"
    return chunk[len(head) :].lstrip("\n") if chunk.startswith(head) else chunk


def _section_head(section: PreviewSection) -> str:
    return (
        f'<header class="tj-section-head"><p class="tj-kicker">Therapy Journal · section</p>'
        f'<h2 class="tj-h">{escape(section.title)}</h2></header>'
    )


def item9_html(preview: SharePreview) -> str:
    """The positive item 9 notice: first, plain, in a box Markdown cannot draw."""
    if not preview.item9:
        return ""
    rows = "".join(f"<li>{escape(line)}</li>" for line in item9_lines(preview.item9, preview.tz))
    return (
        '<div class="tj-alert" role="note" aria-label="Please note first">'
        '<p class="tj-alert-title">Please note first: PHQ-9 item 9 was answered above 0</p>'
        f"<ul>{rows}</ul></div>"
    )


def _checkins_html(preview: SharePreview) -> str:
    """The check-in history written directly (no Markdown), with item 9 for each PHQ-9."""
    answers = {c.id: c.answers for c in preview.checkins}
    # The notice itself is at the top of the summary page; here, only where to find it.
    pointer = f"<p><strong>{escape(ITEM9_POINTER)}</strong></p>" if preview.item9 else ""
    parts = [pointer, f"<p><em>{escape(SCREENING_NOTE)}</em></p>"]
    for name in (GAD7, PHQ9):
        trend = preview.checkin_trends.get(name)
        if trend is None or not trend.points:
            continue
        phq = name == PHQ9
        head = "<th>Date</th><th>Score</th><th>Range</th>" + ("<th>Item 9</th>" if phq else "")
        rows = []
        for p in trend.points:
            cells = (
                f"<td>{local_day(p.taken_at, preview.tz):%d %b %Y}</td>"
                f"<td>{p.score}/{trend.max_score}</td><td>{escape(p.band_label)}</td>"
            )
            if phq:
                value = _item9_of(answers.get(p.checkin_id))
                mark = ' class="tj-flag"' if value else ""
                cells += f"<td{mark}>{value}</td>"
            rows.append(f"<tr>{cells}</tr>")
        parts.append(
            f'<h3 class="tj-h">{escape(trend.name)}</h3><p>{escape(trend.sentence())}</p>'
            f'<table class="tj-table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
        parts.append(_checkin_chart(name, preview))
    if not preview.checkin_trends:
        parts.append("<p>No check-ins in this period.</p>")
    parts.append(f'<p class="tj-small"><em>{escape(ATTRIBUTION)}</em></p>')
    return "\n".join(p for p in parts if p)


def _item9_of(answers: Sequence[int] | None) -> int | str:
    index = PHQ9_INSTRUMENT.crisis_item
    if answers is None or index is None or len(answers) <= index:
        return ""
    return answers[index]


def _summary_html(preview: SharePreview) -> str:
    """The summary page: title and item 9 written directly, the rest from its Markdown."""
    title, _, rest = preview.summary.partition("\n")
    notice = item9_markdown(preview.item9, preview.tz)
    if notice:
        rest = rest.replace(notice, "", 1)
    return (
        '<div class="summary"><p class="tj-kicker">Therapy Journal · at a glance</p>'
        f'<h1 class="tj-h">{escape(title.lstrip("# ").strip())}</h1>'
        f"{item9_html(preview)}{_md(rest)}</div>"
    )


def _section_body(section: PreviewSection, preview: SharePreview) -> Iterator[str]:
    """The section's HTML in pieces, one per entry for the journal: rendered as they are
    written out, so ten years of entries are never held as HTML all at once."""
    if section.key == CHECKINS:
        yield _checkins_html(preview)
        return
    if section.key == MONTH:  # tables written directly; the Markdown copy keeps the list
        yield months_html(preview.months)
        return
    body = _strip_heading(section.chunks[0], section.title)
    if body.strip():
        yield _md(body)
    if section.key == ENTRIES:
        yield from (entry_html(e, preview.tz) for e in section.entries)
    elif section.key == PROFILE and section.own_words:
        for label, text in section.own_words:
            yield own_words(f"In their words: {label}", _md(text))
    else:
        yield from (_md(chunk) for chunk in section.chunks[1:])
    if section.key == REVIEW:
        yield _anxiety_chart(preview)


def content_pieces(preview: SharePreview) -> Iterator[str]:
    """The shared document in pieces: the one-page summary first, then each section."""
    yield _summary_html(preview)
    for section in preview.sections:
        yield f'<section class="tj-section" id="{escape(section.key)}">'
        yield _section_head(section)
        yield from _section_body(section, preview)
        yield "</section>"


def content_html(preview: SharePreview) -> str:
    """The shared document as one string (the bundle itself streams ``content_pieces``)."""
    return "".join(Pieces(content_pieces(preview), "\n"))


def _stripped(pieces: Iterable[str]) -> Iterator[str]:
    """``"".join(pieces).strip()``, piece by piece, without joining them."""
    started, pending = False, ""
    for piece in pieces:
        if not started:
            piece = piece.lstrip()
            if not piece:
                continue
            started = True
        body = piece.rstrip()
        if body:
            yield pending + body
            pending = piece[len(body) :]
        else:
            pending += piece
    # trailing whitespace (pending) is dropped, as strip() would


def _interleave(chunks: Iterable[str], separator: str) -> Iterator[str]:
    for n, chunk in enumerate(chunks):
        if n:
            yield separator
        yield chunk


def markdown_pieces(preview: SharePreview) -> Iterator[str]:
    """``preview.markdown`` in pieces (one per entry), so it is never held whole."""
    parts = [(preview.summary,)] + [section.chunks for section in preview.sections]
    emitted = False
    for chunks in parts:
        first = True
        for piece in _stripped(_interleave(chunks, "\n\n")):
            if first and emitted:
                yield "\n\n"
            first, emitted = False, True
            yield piece
    yield "\n"


class Pieces:
    """A long string value given as pieces, written into the bundle one by one; empty
    pieces are skipped and the rest joined by ``separator``, as ``str.join`` would."""

    def __init__(self, pieces: Iterable[str], separator: str = "") -> None:
        self.pieces = pieces
        self.separator = separator

    def __iter__(self) -> Iterator[str]:
        first = True
        for piece in self.pieces:
            if not piece:
                continue
            if not first and self.separator:
                yield self.separator
            first = False
            yield piece


class RawJson:
    """A value given as JSON text in pieces (already encoded), written as it comes."""

    def __init__(self, pieces: Iterable[str]) -> None:
        self.pieces = pieces


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def fhir_json(preview: SharePreview, created: datetime) -> Iterator[str]:
    """``fhir_bundle(preview, created)`` as JSON text, one check-in at a time."""
    yield _compact(bundle_head(created))[:-1] + ',"entry":['
    for n, entry in enumerate(bundle_entries(preview.checkins)):
        yield ("," if n else "") + _compact(entry)
    yield "]}"


def content_payload(preview: SharePreview, created: datetime) -> dict[str, Any]:
    """The plaintext's fields; ``html``, ``markdown`` and ``fhir`` are made as written."""
    return {
        "format": CONTENT_FORMAT,
        "version": BUNDLE_VERSION,
        "title": "Summary from my Therapy Journal",
        "created": created.isoformat(),
        "recipient": preview.selection.recipient,
        "since": preview.selection.since.isoformat() if preview.selection.since else None,
        "until": preview.selection.until.isoformat() if preview.selection.until else None,
        "sections": [{"key": s.key, "title": s.title, "items": s.items} for s in preview.sections],
        "markdown": Pieces(markdown_pieces(preview)),
        "html": Pieces(content_pieces(preview), "\n"),
        "fhir": RawJson(fhir_json(preview, created))
        if CHECKINS in preview.selection.sections
        else None,
    }


# --- Sealing -----------------------------------------------------------------------------
#
# Written as a stream: the payload's JSON is made piece by piece (each by the C encoder),
# compressed, encrypted and base64-encoded as it goes, straight into the file's bytes. Ten
# years of writing is never held as one JSON string, one compressed buffer, one ciphertext
# and one base64 string side by side, and nothing is copied again to make the file.

BATCH_CHARS = 1 << 18  # text handed to the compressor at a time
AHEAD = 2  # batches waiting for the compressor: bounds the memory the overlap costs
COMPRESS_LEVEL = 1  # most of the size for a fraction of level 6's time


@dataclass(frozen=True)
class BuiltBundle:
    """The file's bytes and its fingerprint (for the share log; never the passphrase)."""

    data: bytes = field(repr=False)
    fingerprint: str
    size: int

    @property
    def html(self) -> str:
        return self.data.decode("utf-8")

    @property
    def short_fingerprint(self) -> str:
        return short_fingerprint(self.fingerprint)


def json_pieces(payload: dict[str, Any]) -> Iterator[str]:
    """The payload as JSON text in pieces; a ``Pieces`` value is escaped piece by piece
    (JSON escapes each character on its own, so the pieces join into the same string)."""
    yield "{"
    for n, (key, value) in enumerate(payload.items()):
        yield ("," if n else "") + json.dumps(key, ensure_ascii=False) + ":"
        if isinstance(value, Pieces):
            yield '"'
            for piece in value:
                yield _json_string(piece)[1:-1]
            yield '"'
        elif isinstance(value, RawJson):
            yield from value.pieces
        else:
            yield _compact(value)
    yield "}"


def _json_string(text: str) -> str:
    """``json.dumps(text, ensure_ascii=False)``; ASCII text (known in O(1)) takes the C
    encoder's faster ASCII path, which gives the same characters for it."""
    return encode_basestring_ascii(text) if text.isascii() else encode_basestring(text)


def _batched(texts: Iterable[str]) -> Iterator[bytes]:
    """UTF-8 in batches of about ``BATCH_CHARS``: fewer, larger calls into zlib."""
    batch: list[str] = []
    size = 0
    for text in texts:
        batch.append(text)
        size += len(text)
        if size >= BATCH_CHARS:
            yield "".join(batch).encode("utf-8")
            batch, size = [], 0
    if batch:
        yield "".join(batch).encode("utf-8")


def gzip_stream(texts: Iterable[str]) -> Iterator[bytes]:
    """gzip (RFC 1952, mtime 0) of the texts' UTF-8, made as they come.

    zlib lets go of the GIL while it compresses, so it runs on a helper thread while this
    one renders and encodes the next batch (in order: one worker, a few batches ahead)."""
    packer = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, 31)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="tj-gzip") as pool:
        ahead: deque[Future[bytes]] = deque()
        for data in _batched(texts):
            ahead.append(pool.submit(packer.compress, data))
            while len(ahead) > AHEAD:
                yield ahead.popleft().result()
        while ahead:
            yield ahead.popleft().result()
    yield packer.flush()


def compressed_json(payload: dict[str, Any]) -> bytes:
    """gzip of the payload's JSON (for tests and callers wanting the plaintext whole)."""
    return b"".join(gzip_stream(json_pieces(payload)))


def _encrypted(key: bytes, nonce: bytes, aad: bytes, chunks: Iterable[bytes]) -> Iterator[bytes]:
    """AES-256-GCM as a stream: the same bytes as ``AESGCM.encrypt`` (ciphertext, then
    the 16-byte tag), without the plaintext or the ciphertext whole in memory."""
    encryptor = Cipher(algorithms.AES(key), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(aad)
    for chunk in chunks:
        yield encryptor.update(chunk)
    yield encryptor.finalize() + encryptor.tag


def _base64(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Standard base64 of the chunks' concatenation, cut on 3-byte boundaries."""
    rest = b""
    for chunk in chunks:
        data = rest + chunk if rest else chunk
        cut = len(data) - len(data) % 3
        rest = data[cut:]
        if cut:
            yield base64.b64encode(data[:cut])
    if rest:
        yield base64.b64encode(rest)


def seal_payload(payload: dict[str, Any], passphrase: str, iterations: int = ITERATIONS) -> bytes:
    """Encrypt a payload into a complete bundle file's bytes (UTF-8 HTML)."""
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
    ).encode("utf-8")
    before, _, after = template.partition(ENVELOPE_PLACEHOLDER)
    # The envelope is canonical JSON (keys sorted: ciphertext, digest, header), written
    # around the ciphertext as it is made; base64 needs no escaping inside a JSON string.
    out = io.BytesIO()
    out.write(before.encode("utf-8"))
    out.write(b'{"ciphertext":"')
    digest = hashlib.sha256(header + b"\n")
    sealed = _encrypted(key, nonce, header, gzip_stream(json_pieces(payload)))
    for text in _base64(sealed):
        digest.update(text)
        out.write(text)
    tail = f'","digest":"{digest.hexdigest()}","header":{canonical(header.decode("utf-8"))}}}'
    out.write(tail.replace("<", "\\u003c").encode("utf-8"))
    out.write(after.encode("utf-8"))
    return out.getvalue()


def build_bundle(
    preview: SharePreview, passphrase: str, created: datetime, iterations: int = ITERATIONS
) -> BuiltBundle:
    """The bundle for a preview: exactly the previewed content, encrypted."""
    data = seal_payload(content_payload(preview, created), passphrase, iterations)
    return BuiltBundle(data=data, fingerprint=hashlib.sha256(data).hexdigest(), size=len(data))

"""The bundle written as a stream: the same file, content and crypto as written whole."""

from __future__ import annotations

import base64
import gzip
import json
import os
import re
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from hypothesis import given, settings
from hypothesis import strategies as st

from journal_app.share import bundle
from journal_app.share.reader import read_bundle
from journal_app.share.render import has_markup
from tests.share.bundle_fixtures import BUNDLE_PASSPHRASE, NOW, make_journal, preview_of


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stream") / "journal"
    make_journal(folder)
    return folder


def test_streamed_markdown_is_the_preview_markdown(journal: Path) -> None:
    preview = preview_of(journal)
    assert "".join(bundle.markdown_pieces(preview)) == preview.markdown


@given(st.lists(st.text(alphabet=" \n\tab", max_size=6), max_size=8))
@settings(max_examples=300, deadline=None)
def test_stripping_pieces_is_str_strip(pieces: list[str]) -> None:
    assert "".join(bundle._stripped(pieces)) == "".join(pieces).strip()


def test_pieces_join_like_str_join() -> None:
    parts = ["a", "", "b", "", "", "c"]
    assert "".join(bundle.Pieces(iter(parts), "\n")) == "\n".join(p for p in parts if p)


def test_the_bundle_opens_with_exactly_the_previewed_content(journal: Path) -> None:
    preview = preview_of(journal)
    built = bundle.build_bundle(preview, BUNDLE_PASSPHRASE, NOW)
    payload = read_bundle(built.data, BUNDLE_PASSPHRASE)
    assert payload["html"] == bundle.content_html(preview)
    assert payload["markdown"] == preview.markdown
    assert payload["html"].count('<article class="tj-entry">') == len(preview.sections[-1].entries)
    assert built.size == len(built.data) and built.html.encode("utf-8") == built.data


def test_the_envelope_is_the_canonical_json_it_always_was(journal: Path) -> None:
    """Written around the ciphertext as it is made, yet byte for byte what
    ``canonical(envelope)`` in the template gives (older readers parse the same text)."""
    html = bundle.build_bundle(preview_of(journal), BUNDLE_PASSPHRASE, NOW).html
    start = html.index(bundle.ENVELOPE_OPEN) + len(bundle.ENVELOPE_OPEN)
    envelope = json.loads(html[start : html.index(bundle.ENVELOPE_CLOSE, start)])
    again = bundle.canonical(envelope).replace("<", "\\u003c")
    assert bundle.viewer_template().replace(bundle.ENVELOPE_PLACEHOLDER, again) == html


@pytest.mark.parametrize("sizes", [[0], [1], [2, 3, 5, 7, 11], [4096] * 5, [1, 0, 2, 0, 3]])
def test_streamed_encryption_is_aesgcm_then_base64(sizes: list[int]) -> None:
    key, nonce, aad = os.urandom(32), os.urandom(12), b'{"header":1}'
    chunks = [os.urandom(n) for n in sizes]
    streamed = b"".join(bundle._base64(bundle._encrypted(key, nonce, aad, chunks)))
    whole = AESGCM(key).encrypt(nonce, b"".join(chunks), aad)
    assert streamed == base64.b64encode(whole)


def test_compressed_json_is_gzip_of_the_payload() -> None:
    payload = {
        "html": bundle.Pieces(iter(["<p>a</p>", 'quote " and \\ and é😰', "\u2028"]), "\n"),
        "n": 1,
        "fhir": {"entry": [{"a": None}]},
    }
    decoded = json.loads(gzip.decompress(bundle.compressed_json(payload)))
    assert decoded == {"html": '<p>a</p>\nquote " and \\ and é😰\n\u2028', "n": 1,
                       "fhir": {"entry": [{"a": None}]}}  # fmt: skip


# The rule plain_paragraphs_html used before (a multi-line regex), kept to check the new one.
_OLD_MARKUP = re.compile(r"[*_`\[\]!<>#\\&|~=]|^[ \t]|^[-+\d]|  $", re.MULTILINE)


@given(st.text(alphabet=st.sampled_from(list("ab 1٣\t\n-+*#|  ")), max_size=30))
@settings(max_examples=500, deadline=None)
def test_markup_detection_agrees_with_the_old_rule(text: str) -> None:
    assert has_markup(text) == bool(_OLD_MARKUP.search(text))


def test_the_fhir_copy_written_as_it_comes_is_the_fhir_bundle(tmp_path: Path) -> None:
    from journal_app.core.fhir import fhir_bundle
    from tests.share.bundle_fixtures import make_clinical_journal

    make_clinical_journal(tmp_path / "journal")
    preview = preview_of(tmp_path / "journal")
    assert preview.checkins
    streamed = json.loads("".join(bundle.fhir_json(preview, NOW)))
    assert streamed == fhir_bundle(preview, NOW)
    assert list(streamed) == ["resourceType", "type", "timestamp", "entry"]


def test_compression_on_its_helper_thread_keeps_the_order() -> None:
    """Many batches through the helper thread come out as one gzip of the text in order."""
    texts = [f"piece {n} " * 4000 for n in range(40)]  # ~1.4 M characters: several batches
    assert gzip.decompress(b"".join(bundle.gzip_stream(iter(texts)))) == "".join(texts).encode()


def test_non_ascii_pieces_are_escaped_as_json_dumps_would() -> None:
    for text in ["plain", 'q"uote\\', "tab\tnew\nline\x01", "é😰שלום", "\u2028\u2029"]:
        assert bundle._json_string(text) == json.dumps(text, ensure_ascii=False)


def test_the_journal_chunks_are_made_when_read_and_read_like_a_tuple(journal: Path) -> None:
    """The entries' Markdown is not held in the preview (~19 MB at thirty years): the
    section keeps the entries and makes each chunk when asked, with the same text,
    order, length, indexing and slicing the tuple it replaced had."""
    from journal_app.core.sharing import ENTRIES, EntryChunks, _entry_md

    section = next(s for s in preview_of(journal).sections if s.key == ENTRIES)
    chunks = section.chunks
    assert isinstance(chunks, EntryChunks)
    eager = (chunks[0], *(_entry_md(e, None) for e in section.entries))
    assert chunks[0].startswith("## ") and len(chunks) == len(eager) == 1 + section.items
    assert tuple(chunks) == eager and chunks == eager and list(chunks) == list(eager)
    assert chunks[-1] == eager[-1] and chunks[1:] == eager[1:] and chunks[::2] == eager[::2]
    with pytest.raises(IndexError):
        chunks[len(eager)]
    assert section.markdown == "\n\n".join(eager)

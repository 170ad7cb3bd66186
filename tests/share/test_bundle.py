"""The bundle in Python: round trip, wrong passphrase vs damage, sanitising, passphrases."""

from __future__ import annotations

import base64
import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal_app.core.journal import InvalidInput
from journal_app.core.passphrase import check_bundle_passphrase, normalize_bundle_passphrase
from journal_app.core.sharing import parse_sections
from journal_app.share import passphrases
from journal_app.share.bundle import ITERATIONS, viewer_template
from journal_app.share.reader import BundleDamaged, BundleWrongPassphrase, read_bundle
from journal_app.share.render import markdown_to_safe_html
from tests.share.bundle_fixtures import BUNDLE_PASSPHRASE, make_journal, write_bundle
from tests.share.markup import SAFE_TAGS, markup_of


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("bundle")
    make_journal(folder / "journal")
    return write_bundle(folder / "journal", folder / "summary.html").encode("utf-8")


def test_round_trip(bundle: bytes) -> None:
    payload = read_bundle(bundle, BUNDLE_PASSPHRASE)
    assert payload["recipient"] == "Dr Patel"
    assert "Summary from my Therapy Journal" in payload["markdown"]
    assert "Still here: 😰 and שלום and مرحبا." in payload["markdown"]
    assert "A calmer <strong>day</strong>." in payload["html"]
    assert [s["key"] for s in payload["sections"]][0] == "profile"


def test_passphrase_is_read_the_way_people_type_it(bundle: bytes) -> None:
    for typed in ("AMBER-KETTLE-VIOLIN-MOSAIC-PEBBLE", "  amber kettle  violin.mosaic_pebble "):
        assert read_bundle(bundle, typed)["recipient"] == "Dr Patel"


def test_nothing_readable_outside_the_ciphertext(bundle: bytes) -> None:
    for needle in (b"Dr Patel", b"calmer", b"GAD-7", b"tense", BUNDLE_PASSPHRASE.encode()):
        assert needle not in bundle


def test_kdf_meets_the_design(bundle: bytes) -> None:
    text = bundle.decode()
    envelope = json.loads(text.split('id="tj-bundle">', 1)[1].split("</script>", 1)[0])
    header = json.loads(envelope["header"])
    assert ITERATIONS >= 600_000
    assert header["kdf"]["name"] == "PBKDF2-HMAC-SHA256"
    assert header["kdf"]["iterations"] >= 600_000
    assert header["cipher"] == "AES-256-GCM"
    assert len(base64.b64decode(header["kdf"]["salt"])) >= 16


def test_wrong_passphrase_is_told_apart(bundle: bytes) -> None:
    with pytest.raises(BundleWrongPassphrase):
        read_bundle(bundle, "amber kettle violin mosaic pebbles")


def test_any_altered_byte_is_damage(bundle: bytes) -> None:
    rng = random.Random(4)
    start = bundle.index(b'id="tj-bundle">')
    positions = [10, 200, len(bundle) // 3, len(bundle) - 20]  # template, CSP, script
    positions += [start + 40 + rng.randrange(400) for _ in range(6)]  # header
    positions += [len(bundle) - rng.randrange(200, 3000) for _ in range(6)]  # ciphertext/JS
    for pos in positions:
        altered = bytearray(bundle)
        altered[pos] = (altered[pos] + 1) % 128 or 65
        with pytest.raises(BundleDamaged):
            read_bundle(bytes(altered), BUNDLE_PASSPHRASE)


@pytest.mark.parametrize("keep", [0, 100, 5000, -1])
def test_truncated_bundles_are_damage(bundle: bytes, keep: int) -> None:
    with pytest.raises(BundleDamaged):
        read_bundle(bundle[:keep], BUNDLE_PASSPHRASE)


@pytest.mark.parametrize(
    "data",
    [b"", b"hello", b"\xff\xfe\x00", b"<html><body>not a bundle</body></html>",
     b'<script type="application/json" id="tj-bundle">{}</script>',
     b'<script type="application/json" id="tj-bundle">[1,2]</script>',
     b'<script type="application/json" id="tj-bundle">{"header":"{}","ciphertext":"",'
     b'"digest":"0"}</script>'],
)  # fmt: skip
def test_files_that_are_not_bundles_are_damage(data: bytes) -> None:
    with pytest.raises(BundleDamaged):
        read_bundle(data, BUNDLE_PASSPHRASE)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_reader_fuzz_random_bytes(data: bytes) -> None:
    with pytest.raises((BundleDamaged, BundleWrongPassphrase)):
        read_bundle(data, BUNDLE_PASSPHRASE)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_reader_fuzz_mutated_bundles(bundle: bytes, data: st.DataObject) -> None:
    mutated = bytearray(bundle)
    for _ in range(data.draw(st.integers(1, 4))):
        op = data.draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        pos = data.draw(st.integers(0, max(0, len(mutated) - 1)))
        if op == "flip" and mutated:
            mutated[pos] ^= 1 << data.draw(st.integers(0, 7))
        elif op == "cut":
            del mutated[pos:]
        elif op == "insert":
            mutated[pos:pos] = data.draw(st.binary(min_size=1, max_size=16))
        elif mutated:
            del mutated[pos : pos + data.draw(st.integers(1, 64))]
    if bytes(mutated) == bundle:
        return
    with pytest.raises((BundleDamaged, BundleWrongPassphrase)):
        read_bundle(bytes(mutated), BUNDLE_PASSPHRASE)


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[x](javascript:alert(1))",
        "![t](https://198.51.100.7/t.png)",
        '<a href="https://198.51.100.7/" onmouseover="alert(1)">x</a>',
        "<svg><script>alert(1)</script></svg>",
        '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
        '<div style="background:url(https://198.51.100.7/)">x</div>',
        '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
        '<form action="https://198.51.100.7/"><input name=a></form>',
        "<object data=x></object><embed src=x><link rel=stylesheet href=//198.51.100.7/>",
    ],
)
def test_sanitiser_removes_every_way_out(hostile: str) -> None:
    """No hostile markup survives. Raw HTML is shown as text now (escaped, so ``onerror``
    may be read as words but is never an attribute): the checks are on the markup."""
    html = markdown_to_safe_html(hostile).lower()
    tags, attributes = markup_of(html)
    for bad in ("<script", "<img", "<iframe", "<svg", "<form", "<object", "<embed", "<link"):
        assert bad not in html, (hostile, html)
    for bad in ("onerror", "onmouseover", "javascript:", "198.51.100.7", "style", "href"):
        assert not any(bad in name or bad in value for name, value in attributes), html
    assert tags <= SAFE_TAGS, (hostile, html)


def test_markdown_still_renders() -> None:
    html = markdown_to_safe_html("# Hi\n\n**bold** and *soft*\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<h1>Hi</h1>" in html and "<strong>bold</strong>" in html and "<td>1</td>" in html


def test_viewer_allows_only_its_own_script_and_no_network() -> None:
    template = viewer_template()
    csp = template.split('content="', 1)[1].split('"', 1)[0]
    assert "default-src 'none'" in csp
    assert "script-src 'sha256-" in csp and "unsafe-inline" not in csp
    assert "connect-src" not in csp  # falls back to default-src 'none'
    assert template.count("<script>") == 1


def test_generated_passphrases_are_strong_and_readable() -> None:
    assert passphrases.entropy_bits() >= 80
    seen = {passphrases.generate() for _ in range(50)}
    assert len(seen) == 50
    sample = next(iter(seen))
    groups = sample.split(" - ")
    assert len(groups) == 4 and all(len(g.split()) == 2 for g in groups)
    assert check_bundle_passphrase(sample) == normalize_bundle_passphrase(sample)


@pytest.mark.parametrize("weak", ["", "password", "maple orbit tidy lantern", "aaaaaaaaaaaaaaa"])
def test_weak_chosen_passphrases_are_refused(weak: str) -> None:
    with pytest.raises(InvalidInput):
        check_bundle_passphrase(weak)


def test_section_names_are_checked() -> None:
    assert parse_sections("checkins, profile") == ("profile", "checkins")
    for bad in ("", "profile,diary", ","):
        with pytest.raises(InvalidInput):
            parse_sections(bad)


def test_bundle_file_written_by_the_cli_path_matches(tmp_path: Path, bundle: bytes) -> None:
    target = tmp_path / "copy.html"
    target.write_bytes(bundle)
    assert read_bundle(target.read_bytes(), BUNDLE_PASSPHRASE)["format"] == "tj-bundle-content"


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("abc XYZ éש😰.,;:'\"?()/\n\n-*_#1>")),
        max_size=120,
    )
)
def test_plain_text_shortcut_matches_markdown(text: str) -> None:
    """Where the shortcut applies, it must give exactly what the Markdown engine gives."""
    import markdown as md

    from journal_app.share.render import EXTENSIONS, plain_paragraphs_html

    fast = plain_paragraphs_html(text)
    if fast is not None:
        assert fast == md.markdown(text, extensions=EXTENSIONS, output_format="html")

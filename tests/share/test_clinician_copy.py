"""What a clinician receives: item 9 first in every copy, the person's writing framed as
theirs, the PDF locked with the passphrase, FHIR that validates, old bundles still open."""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from pypdf import PdfReader

from journal_app.core.fhir import ANSWER_CODES, ITEM_CODES, PANELS, TOTALS
from journal_app.core.sharing import CHECKINS, ENTRIES, PROFILE, SharePreview
from journal_app.share.bundle import build_bundle, derive, short_fingerprint
from journal_app.share.pdf import build_pdf
from journal_app.share.reader import BundleWrongPassphrase, read_bundle
from tests.share.bundle_fixtures import (
    BUNDLE_PASSPHRASE,
    NOW,
    make_clinical_journal,
    preview_of,
)

DATA = Path(__file__).resolve().parents[1] / "data"
ITEM9_WORDS = 'answered "More than half the days" on 20 Nov 2026'


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("clinic") / "journal"
    make_clinical_journal(folder)
    return folder


@pytest.fixture(scope="module")
def preview(journal: Path) -> SharePreview:
    return preview_of(journal, (PROFILE, CHECKINS, ENTRIES))  # no shortlist shared


@pytest.fixture(scope="module")
def payload(preview: SharePreview) -> dict:
    built = build_bundle(preview, BUNDLE_PASSPHRASE, NOW)
    return read_bundle(built.html.encode("utf-8"), BUNDLE_PASSPHRASE)


@pytest.fixture(scope="module")
def pdf_bytes(preview: SharePreview) -> bytes:
    return build_pdf(preview, BUNDLE_PASSPHRASE, NOW)


def _text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&quot;", '"')


# --- item 9 ---------------------------------------------------------------------------


def test_item9_is_stated_first_in_the_markdown(payload: dict) -> None:
    md = payload["markdown"]
    assert ITEM9_WORDS in md
    assert md.index("PHQ-9 item 9") < md.index("What I'm looking for in a therapist")
    assert md.index("PHQ-9 item 9") < md.index("Latest check-ins")


def test_item9_is_stated_first_in_the_html(payload: dict) -> None:
    html = payload["html"]
    summary = html[: html.index("</div>", html.index('class="tj-alert"'))]
    assert ITEM9_WORDS in _text_of(summary)
    assert html.index('class="tj-alert"') < html.index("Latest check-ins")
    assert '<td class="tj-flag">2</td>' in html  # and in the PHQ-9 table's item 9 column


def test_item9_is_on_the_pdfs_first_page(pdf_bytes: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf_bytes))
    reader.decrypt(BUNDLE_PASSPHRASE)
    first = " ".join(reader.pages[0].extract_text().split())
    assert "PHQ-9 item 9 was answered above 0" in first
    assert ITEM9_WORDS in first
    assert first.index("item 9") < first.index("Latest check-ins")


def test_item9_is_in_the_fhir_copy(payload: dict) -> None:
    phq = [
        e["resource"]
        for e in payload["fhir"]["entry"]
        if e["resource"]["questionnaire"].endswith("44249-1")
    ]
    [item9] = [i for i in phq[0]["item"] if i["definition"].endswith("/44260-8")]
    assert item9["answer"][0]["valueCoding"]["code"] == "LA6570-1"  # more than half the days


def test_no_item9_notice_when_it_was_answered_0(journal: Path, tmp_path: Path) -> None:
    from journal_app.core.checkins import record_checkin
    from journal_app.storage.repository import open_repository
    from tests.conftest import PASSPHRASE
    from tests.share.bundle_fixtures import make_journal

    make_journal(tmp_path / "j")
    with open_repository(tmp_path / "j", PASSPHRASE) as repo:
        record_checkin(repo, "phq9", [3, 3, 3, 3, 3, 3, 3, 3, 0], record_id="c9", now=NOW)
    quiet = preview_of(tmp_path / "j", (CHECKINS,))
    assert quiet.item9 == () and "item 9" not in quiet.markdown


# --- the person's writing -----------------------------------------------------------------


def test_written_sections_render_as_the_persons_words(payload: dict) -> None:
    html = payload["html"]
    # Every h1-h3 is the app's own (class tj-h); the written "## Shortlist" is demoted.
    headings = re.findall(r"<h([1-3])([^>]*)>", html)
    assert headings and all('class="tj-h"' in attrs for _, attrs in headings)
    app_titles = re.findall(r'<header class="tj-section-head">.*?<h2 class="tj-h">(.*?)</h2>', html)
    assert app_titles == ["What I&#x27;m looking for", "Check-in history", "Journal entries"]
    # The imitation sits inside a labelled frame of the person's writing.
    frames = re.findall(r'<div class="tj-own".*?</div>', html, flags=re.S)
    forged = [f for f in frames if "Shortlist" in f]
    assert forged and "Written in their journal" in forged[0]
    assert "<h5>Shortlist</h5>" in forged[0] and "PHQ-9 26/27" in forged[0]
    assert "tj-table" not in forged[0]  # the app's table look is not theirs to use


def test_a_written_heading_cannot_carry_the_apps_classes() -> None:
    from journal_app.share.bundle import _md

    html = _md('<h2 class="tj-h">Shortlist</h2>\n\n<div class="tj-section-head">x</div>')
    # Raw HTML is shown as the person's text, never as elements wearing the app's classes.
    assert not re.search(r"<[a-z][a-z0-9]*\b[^>]*\bclass=", html), html
    assert "&lt;h2" in html


# --- the PDF --------------------------------------------------------------------------


def test_pdf_opens_with_the_passphrase_only(pdf_bytes: bytes) -> None:
    assert pdf_bytes.startswith(b"%PDF")
    for needle in (b"Dr Patel", b"Shortlist", b"PHQ-9", b"tense"):
        assert needle not in pdf_bytes
    reader = PdfReader(io.BytesIO(pdf_bytes))
    assert reader.is_encrypted
    assert reader.decrypt("amber kettle violin mosaic") == 0  # wrong: nothing opens
    reader = PdfReader(io.BytesIO(pdf_bytes))
    assert reader.decrypt(BUNDLE_PASSPHRASE) != 0
    assert "Summary from my Therapy Journal" in reader.pages[0].extract_text()
    encrypt = reader.trailer["/Encrypt"].get_object()
    assert encrypt["/V"] == 5 and encrypt["/R"] == 6  # AES-256
    # A reader that keeps only 32 bytes of what is typed (Poppler) still opens it.
    reader = PdfReader(io.BytesIO(pdf_bytes))
    assert reader.decrypt(BUNDLE_PASSPHRASE.encode()[:32].decode()) != 0


def test_pdf_summary_has_page_one_to_itself(pdf_bytes: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf_bytes))
    reader.decrypt(BUNDLE_PASSPHRASE)
    first = reader.pages[0].extract_text()
    assert "THERAPY JOURNAL · SECTION" not in first
    assert "THERAPY JOURNAL · SECTION" in reader.pages[1].extract_text()


def test_pdf_keeps_accents_and_right_to_left_text(pdf_bytes: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf_bytes))
    reader.decrypt(BUNDLE_PASSPHRASE)
    text = "".join(p.extract_text() for p in reader.pages)
    assert "—" in text and "Still here" in text
    # Hebrew is stored in visual order (reversed), so it reads right to left on the page.
    assert "שלום"[::-1] in text or "שלום" in text
    assert any("\u0600" <= ch <= "\u06ff" or "\ufe70" <= ch <= "\ufeff" for ch in text)


def test_pdf_charts_are_vector_drawings(pdf_bytes: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf_bytes))
    reader.decrypt(BUNDLE_PASSPHRASE)
    for page in reader.pages:
        assert (
            "/XObject" not in (page.get("/Resources") or {}) or not page["/Resources"]["/XObject"]
        )
    content = b"".join(p.get_contents().get_data() for p in reader.pages)
    assert b" l\n" in content or b" l " in content  # line segments drawn


# --- FHIR -----------------------------------------------------------------------------


def test_fhir_copy_validates_and_carries_the_loinc_codes(payload: dict) -> None:
    from fhir.resources.R4B.bundle import Bundle

    bundle = Bundle.model_validate(payload["fhir"])
    assert bundle.type == "collection"
    resources = [e.resource for e in bundle.entry]
    assert [r.__resource_type__ for r in resources] == ["QuestionnaireResponse"] * 2
    by_panel = {r.questionnaire.rsplit("/", 1)[1]: r for r in resources}
    assert set(by_panel) == {"44249-1", "69737-5"} == {p for p, _ in PANELS.values()}
    for instrument, (panel, _) in PANELS.items():
        items = by_panel[panel].item
        codes = [i.definition.rsplit("/", 1)[1] for i in items]
        assert codes == [*ITEM_CODES[instrument], TOTALS[instrument][0]]
        for i in items[:-1]:
            assert i.answer[0].valueCoding.code in ANSWER_CODES
            assert i.answer[0].valueCoding.system == "http://loinc.org"
    assert by_panel["44249-1"].item[-1].answer[0].valueDecimal == 6
    assert by_panel["44249-1"].authored.isoformat() == "2026-11-20T13:00:00+00:00"
    text = json.dumps(payload["fhir"])
    assert "Dr Patel" not in text and "subject" not in text  # no identity was given


def test_no_fhir_copy_without_the_checkins(journal: Path) -> None:
    built = build_bundle(preview_of(journal, (PROFILE,)), BUNDLE_PASSPHRASE, NOW)
    assert read_bundle(built.html.encode(), BUNDLE_PASSPHRASE)["fhir"] is None


# --- format versions ----------------------------------------------------------------------


def test_a_version_1_bundle_still_opens() -> None:
    data = (DATA / "bundle_v1.html").read_bytes()
    assert b'\\"version\\":1' in data
    payload = read_bundle(data, BUNDLE_PASSPHRASE)
    assert payload["recipient"] == "Dr Patel" and "PHQ-9: 6/27" in payload["markdown"]
    with pytest.raises(BundleWrongPassphrase):
        read_bundle(data, "amber kettle violin mosaic")


def test_version_2_derives_one_pbkdf2_block_and_splits_it_with_hkdf(payload: dict) -> None:
    salt = b"s" * 16
    master = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=600_000)
    bits = master.derive(BUNDLE_PASSPHRASE.encode())

    def hkdf(info: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(bits)

    key, check = derive(BUNDLE_PASSPHRASE, salt, 600_000)
    assert key == hkdf(b"tj-bundle v2 aes-256-gcm key")
    assert check == hkdf(b"tj-bundle v2 key check")[:16]
    assert derive(BUNDLE_PASSPHRASE, salt, 600_000, version=1) != (key, check)


def test_short_fingerprint_is_the_start_of_the_files_sha256() -> None:
    digest = hashlib.sha256(b"x").hexdigest()
    assert short_fingerprint(digest) == " ".join(
        digest[:16].upper()[i : i + 4] for i in range(0, 16, 4)
    )


def test_many_positive_item9s_keep_the_summary_to_a_glance(tmp_path: Path) -> None:
    from datetime import timedelta

    from journal_app.core.checkins import record_checkin
    from journal_app.storage.repository import open_repository
    from tests.conftest import PASSPHRASE
    from tests.share.bundle_fixtures import make_journal

    make_journal(tmp_path / "j")
    with open_repository(tmp_path / "j", PASSPHRASE) as repo:
        for week in range(40):
            record_checkin(repo, "phq9", [1] * 9, record_id=f"w{week}",
                           now=NOW - timedelta(weeks=week))  # fmt: skip
    many = preview_of(tmp_path / "j", (CHECKINS,))
    assert len(many.item9) == 40
    notice = many.summary.split("**What", 1)[0]
    assert notice.count("PHQ-9 item 9 (") == 3
    assert "Also above 0 in 37 earlier PHQ-9 check-ins" in notice

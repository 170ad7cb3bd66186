"""Tables in the PDF: a long cell wraps inside its column, and the header row comes again
at the top of every page the table runs onto. Checked in the text Poppler reads back."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from journal_app.core.checkins import record_checkin
from journal_app.core.sharing import CHECKINS
from journal_app.share.pdf import SummaryPdf, build_pdf
from journal_app.storage.repository import open_repository
from journal_app.storage.vault import Vault
from tests.conftest import PASSPHRASE
from tests.share.bundle_fixtures import BUNDLE_PASSPHRASE, NOW, preview_of

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
LONG = "a cell whose words are far too many to fit on one line of a narrow column " * 2


def _words(pdf: Path, password: str | None = None) -> list[tuple[int, float, float, str]]:
    """(page, xMin, xMax, word) for every word Poppler reads in the PDF."""
    args = ["pdftotext", "-bbox"] + (["-upw", password] if password else [])
    xml = subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True)
    out = []
    for number, page in enumerate(re.findall(r"<page .*?</page>", xml.stdout, flags=re.S), 1):
        for x0, x1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            page,
        ):
            out.append((number, float(x0), float(x1), word))
    return out


def test_a_long_cell_wraps_inside_its_column(tmp_path: Path) -> None:
    pdf = SummaryPdf()
    pdf.add_page()
    pdf.grid(["Date", "Note", "Score"], [["01 Nov 2026", LONG, "7/21"]])
    target = tmp_path / "wrap.pdf"
    target.write_bytes(bytes(pdf.output()))
    words = _words(target)
    column = [w for w in words if w[3] in ("cell", "narrow", "column")]
    score = next(w for w in words if w[3] == "7/21")
    assert len({round(w[1]) for w in words if w[3] == "cell"}) >= 1
    assert all(w[2] < score[1] for w in column)  # no word of the note runs into "Score"
    lines = {w[1] for w in words if w[3] == "whose"}
    assert len(lines) == 2  # LONG has "whose" twice: on two wrapped lines, same column


def test_the_header_row_repeats_after_a_page_break(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    Vault.create(folder, PASSPHRASE).close()
    start = datetime(2025, 1, 1, 9, tzinfo=UTC)
    with open_repository(folder, PASSPHRASE) as repo:
        for i in range(90):
            record_checkin(repo, "phq9", [1, 1, 1, 1, 1, 1, 1, 1, 0], record_id=f"k{i}",
                           now=start + timedelta(days=3 * i))  # fmt: skip
    target = tmp_path / "long.pdf"
    target.write_bytes(build_pdf(preview_of(folder, (CHECKINS,)), BUNDLE_PASSPHRASE, NOW))
    words = _words(target, BUNDLE_PASSPHRASE)
    pages_with_rows = {page for page, *_, word in words if word == "2025" or word == "2026"}
    pages_with_head = {page for page, *_, word in words if word == "Item"}
    assert len(pages_with_rows) >= 3
    assert pages_with_rows - {1} <= pages_with_head

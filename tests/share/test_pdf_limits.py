"""The PDF at size: the newest entries only (said plainly, in the PDF and by the CLI), and
emoji printed as themselves."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from journal_app.core.records import Entry
from journal_app.share.pdf import MAX_PDF_ENTRIES, build_pdf, entries_note
from journal_app.storage.repository import open_repository
from tests.conftest import PASSPHRASE, Cli
from tests.share.bundle_fixtures import BUNDLE_PASSPHRASE, NOW, make_journal, preview_of

MANY = MAX_PDF_ENTRIES + 20


def _add_entries(data_dir: Path, count: int) -> None:
    start = datetime(2026, 1, 1, 20, tzinfo=UTC)
    with open_repository(data_dir, PASSPHRASE) as repo:
        repo.add_many(
            Entry(id=f"many-{i:04d}", created_at=start + timedelta(hours=i),
                  text=f"Numbered entry {i:04d}.")
            for i in range(count)
        )  # fmt: skip


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    reader.decrypt(BUNDLE_PASSPHRASE)
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many") / "journal"
    make_journal(folder)
    _add_entries(folder, MANY)
    return folder


def test_a_long_journal_prints_its_newest_entries_and_says_so(many: Path) -> None:
    preview = preview_of(many)
    note = entries_note(preview)
    assert note is not None and f"newest {MAX_PDF_ENTRIES} of the {MANY + 2:,}" in note
    text = " ".join(_text(build_pdf(preview, BUNDLE_PASSPHRASE, NOW)).split())
    assert "holds every one" in text
    # The newest hundred: the fixture's two (November) and numbers 22 to 119 (January).
    assert "A calmer" in text and "Numbered entry 0119." in text and "Numbered entry 0022." in text
    assert "Numbered entry 0021." not in text and "Numbered entry 0000." not in text


def test_a_short_journal_prints_every_entry_with_no_note(tmp_path: Path) -> None:
    make_journal(tmp_path / "journal")
    preview = preview_of(tmp_path / "journal")
    assert entries_note(preview) is None
    text = _text(build_pdf(preview, BUNDLE_PASSPHRASE, NOW))
    assert "A calmer" in text and "holds every one" not in text


def test_emoji_are_drawn_and_read_back_as_themselves(tmp_path: Path) -> None:
    """The PDF's text holds the emoji typed (drawn from the shipped colour font), not
    their names: a reader's search and copy find them."""
    make_journal(tmp_path / "journal")  # one entry says "Still here: 😰 and שלום"
    text = " ".join(_text(build_pdf(preview_of(tmp_path / "journal"), BUNDLE_PASSPHRASE, NOW))
                    .split())  # fmt: skip
    assert "Still here: 😰 and" in text
    assert "[" not in text.split("Still here:")[1][:20]


def test_the_cli_says_when_the_pdf_holds_only_the_newest(ready_cli: Cli, tmp_path: Path) -> None:
    _add_entries(ready_cli.data_dir, MANY)
    out = tmp_path / "summary.pdf"
    made = ready_cli("export-bundle", "--format", "pdf", "--out", str(out), "--include",
                     "entries")  # fmt: skip
    assert made.code == 0, made.err
    said = " ".join((made.out + made.err).split())
    assert f"newest {MAX_PDF_ENTRIES} of the {MANY:,} journal entries" in said

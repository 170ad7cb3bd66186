"""The doctor's copy with months at a glance: off unless chosen, gathered by the app's month
use case, a real captioned table in the HTML, a grid with numbers in the PDF, the days as
text in the Markdown; the FHIR copy is left as it was (check-ins are there already)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from journal_app.app.sharing import PDF, preview_share, seal_share
from journal_app.core.journal import InvalidInput
from journal_app.core.sharing import ENTRIES, MONTH, REVIEW, SharePreview, ShareSelection
from journal_app.share.bundle import content_html, content_payload
from journal_app.share.pdf import build_pdf
from journal_app.storage.repository import open_repository
from tests.conftest import PASSPHRASE
from tests.share.bundle_fixtures import NOW, TODAY, make_journal
from tests.share.pdf_readers import poppler, require_readers

PDF_PASSPHRASE = "kilo 7 mike 2 xray 9 papa quebec 4 zulu"
EIGHTEENTH = "Wednesday 18 November: anxiety 7 of 10, 1 entry"
TWENTIETH = "Friday 20 November: no entries, check-in taken (GAD-7)"


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("month-copy") / "journal"
    make_journal(folder)
    return folder


def preview(journal: Path, months: int, sections: tuple[str, ...] = (REVIEW,)) -> SharePreview:
    with open_repository(journal, PASSPHRASE) as repo:
        return preview_share(repo, ShareSelection(sections=sections, months=months), TODAY)


class Table(HTMLParser):
    """The month tables' structure: captions, header scopes, and each day's name."""

    def __init__(self) -> None:
        super().__init__()
        self.captions: list[str] = []
        self.scopes: list[str] = []
        self.days: list[str] = []
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        if tag == "caption":
            self._in_caption = True
            self.captions.append("")
        elif tag == "th":
            self.scopes.append(given.get("scope") or "")
        elif tag == "td" and given.get("aria-label"):
            self.days.append(given["aria-label"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self._in_caption = False

    def handle_data(self, data: str) -> None:
        if self._in_caption:
            self.captions[-1] += data


def test_the_month_is_left_out_unless_chosen(journal: Path) -> None:
    shown = preview(journal, 0)
    assert MONTH not in shown.counts() and shown.months == ()
    assert "tj-month" not in content_html(shown)
    assert "at a glance" not in shown.markdown.split("\n", 3)[-1].lower()


def test_a_chosen_month_comes_before_the_entries_in_every_copy(journal: Path) -> None:
    shown = preview(journal, 1, (REVIEW, ENTRIES))
    assert [s.key for s in shown.sections] == [REVIEW, MONTH, ENTRIES]
    assert shown.sections[1].title == "A month at a glance"
    assert shown.counts()[MONTH] == 3  # the 18th, 19th and 20th hold something
    assert f"- {EIGHTEENTH}" in shown.markdown and f"- {TWENTIETH}" in shown.markdown
    assert "### November 2026" in shown.markdown
    assert "Sunday 1 November" not in shown.markdown  # an empty day is not listed as text


def test_the_html_draws_a_captioned_table_per_month(journal: Path) -> None:
    shown = preview(journal, 2)
    assert [m.title for m in shown.months] == ["October 2026", "November 2026"]
    found = Table()
    found.feed(content_html(shown))
    assert found.captions == [
        "October 2026: Nothing written in October 2026.",
        "November 2026: 2 days with entries, anxiety at its highest 7 of 10, 1 check-in.",
    ]
    assert found.scopes[-14:] == ["col"] * 14
    assert EIGHTEENTH in found.days and TWENTIETH in found.days
    assert len([d for d in found.days if "November" in d]) == 30
    assert 'class="tj-day tj-band-high"' in content_html(shown)  # the 18th: 7 of 10


def test_the_fhir_copy_is_unchanged_by_the_month(journal: Path) -> None:
    created = datetime(2026, 11, 20, 12, tzinfo=UTC)
    without = content_payload(preview(journal, 0, (REVIEW, "checkins")), created)["fhir"]
    with_month = content_payload(preview(journal, 3, (REVIEW, "checkins")), created)["fhir"]
    assert json.loads("".join(without.pieces)) == json.loads("".join(with_month.pieces))


@pytest.mark.parametrize("months", [4, -1, "2", True])
def test_a_count_out_of_range_is_refused_in_one_line(journal: Path, months: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        preview(journal, months)  # type: ignore[arg-type]
    assert "\n" not in str(refused.value) and "Months at a glance" in str(refused.value)


def test_the_pdf_draws_the_month_with_numbers(journal: Path, tmp_path: Path) -> None:
    require_readers()
    path = tmp_path / "copy.pdf"
    path.write_bytes(build_pdf(preview(journal, 1), PDF_PASSPHRASE, NOW))
    text = poppler(path, PDF_PASSPHRASE)
    assert text is not None
    assert "A month at a glance" in text and "November 2026" in text
    assert "anxiety 7" in text and "anxiety 3" in text and "GAD-7" in text
    assert "highest anxiety rating that day" in text


def test_a_sealed_pdf_with_months_opens_with_its_passphrase(journal: Path) -> None:
    sealed = seal_share(preview(journal, 3), PDF_PASSPHRASE, NOW, PDF)
    assert sealed.data.startswith(b"%PDF") and sealed.preview.months[-1].title == "November 2026"

"""Emoji in the PDF copy: drawn in colour from the shipped font, read back as the emoji
themselves; a flag, a keycap or a pictograph no font has is written as its common name,
never a code-point name. The HTML copy carries no font: it reads in the reader's own."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from journal_app.core.journal import EntryDraft, add_entry
from journal_app.share.bundle import build_bundle
from journal_app.share.pdf import build_pdf
from journal_app.share.pdf_emoji import named_where_undrawable
from journal_app.storage.repository import open_repository
from tests.conftest import PASSPHRASE
from tests.share.bundle_fixtures import BUNDLE_PASSPHRASE, NOW, make_journal, preview_of

FACES = "😰😊🌳☀️❤️🔥"
WALES = "🏴\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"  # black flag, tags gbwls
WRITTEN = f"Emoji day {FACES} flag 🇬🇧 key 1️⃣ Wales {WALES} end"
# A table is drawn when it closes: the emoji in its first row still needs its font then.
TABLE = "| mood | note |\n|---|---|\n| 🙂 | slept |\n| plain | words |\n"
EVERYTHING = frozenset(range(0x110000))


def test_joined_pictures_are_named_and_single_ones_kept() -> None:
    assert named_where_undrawable("🇬🇧 🇺🇸 🇪🇺", EVERYTHING) == (
        "[United Kingdom] [United States] [European Union]"
    )
    assert named_where_undrawable("1️⃣ #⃣ *️⃣", EVERYTHING) == "[keycap 1] [keycap #] [keycap *]"
    assert "[Wales]" in named_where_undrawable(WRITTEN, EVERYTHING)
    # The style mark is invisible and no PDF font has it; the emoji itself stays.
    assert named_where_undrawable("ok ❤️ 😰 ✓", EVERYTHING) == "ok ❤ 😰 ✓"
    assert named_where_undrawable("plain words, 1 # *", EVERYTHING) == "plain words, 1 # *"


def test_a_pictograph_no_font_has_is_named_in_plain_words() -> None:
    said = named_where_undrawable("tired 🫠 and 🇬🇧", frozenset())
    assert said == "tired [melting face] and [United Kingdom]"
    assert "REGIONAL" not in said and "SYMBOL" not in said


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    data = tmp_path_factory.mktemp("emoji") / "journal"
    make_journal(data)
    with open_repository(data, PASSPHRASE) as repo:
        draft = EntryDraft(text=WRITTEN, anxiety=4, feelings=["hopeful 🌱"])
        add_entry(repo, draft, record_id="emoji", now=datetime(2026, 11, 18, 21, tzinfo=UTC))
        table = EntryDraft(text=TABLE, anxiety=2)
        add_entry(repo, table, record_id="table", now=datetime(2026, 11, 18, 22, tzinfo=UTC))
    return build_pdf(preview_of(data), BUNDLE_PASSPHRASE, NOW)


def test_the_pdfs_text_holds_the_emoji_and_common_names(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    reader.decrypt(BUNDLE_PASSPHRASE)
    text = " ".join("\n".join(page.extract_text() for page in reader.pages).split())
    assert "😰😊🌳☀❤🔥" in text
    assert "hopeful 🌱" in text
    assert "flag [United Kingdom] key [keycap 1] Wales [Wales] end" in text
    assert "regional indicator" not in text.lower()
    assert "🙂 slept" in text


def test_the_pdfs_emoji_are_in_colour(pdf: bytes, tmp_path: Path) -> None:
    """Rendered by Poppler, the pages have bright yellow pixels: the text is dark ink,
    the app's bands teal, the item 9 notice red, so only the emoji's faces make them."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("needs pdftoppm (apt-get install poppler-utils)")
    (tmp_path / "copy.pdf").write_bytes(pdf)
    pages = tmp_path / "page"
    run = [
        "pdftoppm", "-r", "60", "-png", "-upw", BUNDLE_PASSPHRASE, str(tmp_path / "copy.pdf"),
        str(pages),
    ]  # fmt: skip
    subprocess.run(run, check=True, timeout=120)
    yellow = 0
    for png in tmp_path.glob("page-*.png"):
        hsv = Image.open(png).convert("RGB").convert("HSV")
        pixels = hsv.get_flattened_data()
        yellow += sum(1 for h, s, v in pixels if 20 <= h <= 45 and s > 150 and v > 150)
    assert yellow > 50


def test_the_html_copy_embeds_no_font(tmp_path: Path) -> None:
    make_journal(tmp_path / "journal")
    html = build_bundle(preview_of(tmp_path / "journal"), BUNDLE_PASSPHRASE, NOW).html
    assert "@font-face" not in html and "NotoColorEmoji" not in html

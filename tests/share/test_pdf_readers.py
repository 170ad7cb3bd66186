"""The PDF copy opens as typed in the three readers' own tools, or is refused.

Poppler (pdftotext, given the password as both user and owner password, as Evince and
Okular do), qpdf (--password --decrypt) and MuPDF (mutool draw -p) each open the very
file the app makes, with the passphrase typed the way the app shows it. `.ci/run` installs
the tools where they are missing. pypdf, which prepares passwords the PDF 2.0 way
(SASLprep), opens them too.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal_app.app.sharing import HTML, PDF, own_passphrase, seal_share
from journal_app.core.journal import InvalidInput
from journal_app.core.pdf_password import (
    POPPLER_BYTES,
    check_pdf_passphrase,
    pdf_passwords,
    reader_cut,
)
from journal_app.core.sharing import PROFILE, SharePreview
from journal_app.share import passphrases
from journal_app.share.pdf import lock
from tests.share.bundle_fixtures import NOW, make_journal, preview_of
from tests.share.pdf_readers import MARK, READERS, opens, require_readers

EXAMPLES = int(os.environ.get("JOURNAL_APP_PROPERTY_EXAMPLES", "25"))
require_readers()


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> SharePreview:
    folder = tmp_path_factory.mktemp("readers") / "journal"
    make_journal(folder)
    return preview_of(folder, (PROFILE,))


def sealed_pdf(preview: SharePreview, typed: str | None, folder: Path) -> tuple[Path, str, str]:
    """The PDF the app makes; its path, what the app tells them to type, what it shows."""
    sealed = seal_share(preview, typed, NOW, PDF)
    path = folder / "summary.pdf"
    path.write_bytes(sealed.data)
    return path, sealed.pdf_password, sealed.passphrase_to_show or ""


# --- generated ------------------------------------------------------------------------


def test_a_generated_pdf_passphrase_holds_80_bits_in_the_bytes_poppler_keeps() -> None:
    assert passphrases.code_entropy_bits() >= 80
    seen = {passphrases.generate_code() for _ in range(200)}
    assert len(seen) == 200
    for code in seen:
        groups = code.split(" ")
        assert [len(g) for g in groups] == [4, 4, 4, 4]
        assert len(code.encode()) <= POPPLER_BYTES  # every random character is hashed
        assert not set(code) & set("ilouILOU")  # nothing reads as 1, 0 or v
        assert set(code.replace(" ", "")) <= set(passphrases.CODE_ALPHABET)
    assert len(set("".join(seen).replace(" ", ""))) == 32  # the whole alphabet is used


@pytest.mark.parametrize("reader", READERS)
def test_a_generated_pdf_passphrase_opens_as_shown_and_without_spaces(
    preview: SharePreview, tmp_path: Path, reader: str
) -> None:
    path, typed, shown = sealed_pdf(preview, None, tmp_path)
    assert typed == shown  # what is shown (and read aloud) is what is typed
    assert opens(reader, path, shown)
    assert opens(reader, path, shown.replace(" ", ""))
    wrong = shown[:-1] + ("x" if shown[-1] != "x" else "y")
    assert not opens(reader, path, wrong)
    assert not opens(reader, path, shown.upper())


# --- chosen, in any script --------------------------------------------------------------

# Each is strong in its first 32 bytes; most are cut by Poppler inside a character.
CHOSEN = {
    "hebrew, cut inside a letter": "quartz fjord nimbus kelp vortx שלום עולם",
    "greek, cut inside a letter": "Quartz Fjord Nimbus Kelp Vortx Ψυχή θάλασσα",
    "accents, cut inside a letter": "Naïve quartz fjord nimbus kelpé zephyr brûlée",
    "emoji, cut inside it": "quartz fjord nimbus kelp vort 🌊🐙 zephyr",
    "plain, longer than 32 bytes": "copper meadow lantern quietly orbit violet",
    "plain, within 32 bytes": "quartz fjord nimbus kelp zephyr",
    "dashes and capitals": "Quartz-Fjord-Nimbus-Kelp-Zephyr",
}
SPLIT = {k for k in CHOSEN if "inside" in k}


def test_the_chosen_examples_really_are_cut_inside_a_character() -> None:
    for name in SPLIT:
        typed = check_pdf_passphrase(CHOSEN[name])
        raw = typed.encode()
        assert len(raw) > POPPLER_BYTES
        assert reader_cut(typed).encode() != raw[:POPPLER_BYTES], name


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("name", CHOSEN)
def test_a_chosen_passphrase_in_any_script_opens_as_the_app_says_to_type_it(
    preview: SharePreview, tmp_path: Path, reader: str, name: str
) -> None:
    path, typed, _ = sealed_pdf(preview, CHOSEN[name], tmp_path)
    assert opens(reader, path, typed)
    assert not opens(reader, path, "x" + typed[1:])  # Poppler never sees the end


REFUSED = {
    "weak first 32 bytes": (
        "password password password password copper meadow lantern orbit violet",
        "first 32 bytes",
    ),
    "hebrew: 17 letters fit": ("שלום עולם יפה מאוד בבוקר טוב לכולם חברים", "first 32 bytes"),
    "greek: 17 letters fit": ("ψυχή θάλασσα ουρανός βουνό ποτάμι αστέρι", "first 32 bytes"),
    "emoji only": ("🌊🐙🌋🦉🍄🎻🧭🪐🦔🌵🐝🌙", "too easy to guess"),
    "emoji with its style mark": ("quartz fjord nimbus ❤️ kelp zephyr", "invisible character"),
    "a joiner between letters": ("quartz fjord nimbus kelp vor\u200dtex", "invisible character"),
    "a private-use character": ("quartz fjord nimbus kelp \ue000 zephyr", "private-use"),
}


@pytest.mark.parametrize("name", REFUSED)
def test_a_chosen_passphrase_that_cannot_work_everywhere_is_refused_in_one_line(
    preview: SharePreview, name: str
) -> None:
    typed, reason = REFUSED[name]
    with pytest.raises(InvalidInput) as refused:
        seal_share(preview, typed, NOW, PDF)
    message = str(refused.value)
    assert reason in message and "\n" not in message
    assert typed not in message  # the passphrase is never repeated back


def test_what_only_the_pdf_refuses_still_makes_the_html_copy() -> None:
    """The HTML copy hashes every byte and prepares nothing: Hebrew or Greek alone, or an
    emoji with its style mark, lock it."""
    for name in ("hebrew: 17 letters fit", "greek: 17 letters fit", "emoji with its style mark"):
        assert own_passphrase(REFUSED[name][0], HTML), name


# --- never split inside a character -------------------------------------------------------

SCRIPTS = st.sampled_from(
    list("abcxyz0189") + list("éüßçøå") + list("ψυχήθάλ") + list("שלוםעוד") + ["🌊", "🐙", "𝄞"]
)
TEXTS = st.lists(SCRIPTS, min_size=8, max_size=40).map("".join)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=TEXTS)
def test_whatever_the_script_poppler_and_mupdf_open_it_as_typed(tmp_path: Path, text: str) -> None:
    """Wherever the 32nd byte falls (inside a Hebrew letter, an emoji, an accent), the
    lock holds exactly the bytes the readers hash, so the whole text, typed, opens it."""
    passwords = pdf_passwords(text)
    typed = passwords.typed
    assert passwords.user == typed.encode()[:POPPLER_BYTES]
    pdf = FPDF()
    lock(pdf, passwords)
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(text=MARK)
    path = tmp_path / "tiny.pdf"
    path.write_bytes(bytes(pdf.output()))
    assert opens("poppler", path, typed), typed
    assert opens("mupdf", path, typed), typed


@settings(max_examples=EXAMPLES * 8, deadline=None)
@given(text=st.text(min_size=0, max_size=80))
def test_any_text_is_taken_or_refused_with_a_reason_never_an_error(text: str) -> None:
    try:
        typed = check_pdf_passphrase(text)
    except InvalidInput as refused:
        assert str(refused) and "\n" not in str(refused)
        return
    passwords = pdf_passwords(typed)
    assert passwords.user == typed.encode()[:POPPLER_BYTES]
    if len(typed.encode()) > POPPLER_BYTES:
        assert passwords.owner == typed.encode()[:127]

"""What PDF readers do with a typed passphrase, so the PDF copy opens as it promises.

Measured with each reader's own tool (tests/share/test_pdf_readers.py), for AES-256
(revision 6), the one PDF lock that takes any script:

- Poppler (Evince, Okular, pdftotext) hashes only the first 32 bytes of what is typed,
  cut even inside a character;
- qpdf and MuPDF hash up to 127 bytes;
- none of the three prepares the text first, while PDF 2.0 tells readers to apply
  SASLprep (pypdf does; Acrobat is said to): drop invisible marks such as U+FE0F,
  fold compatibility forms (NFKC).

So the PDF is locked with two passwords made of the very bytes those readers hash: the
first 32 (Poppler) and the first 127 (everyone else). A passphrase is taken only in a
form SASLprep leaves as it is, so readers that prepare and readers that don't hash the
same bytes; its strength is judged on the first 32 bytes alone, the weakest reader's
view. Pure: no files, no randomness.
"""

from __future__ import annotations

import stringprep
import unicodedata
from dataclasses import dataclass

from journal_app.core.journal import InvalidInput
from journal_app.core.passphrase import (
    MIN_BUNDLE_BITS,
    MIN_LENGTH,
    bundle_bits,
    check_bundle_passphrase,
    normalize_bundle_passphrase,
)

POPPLER_BYTES = 32  # Poppler's cut
MAX_BYTES = 127  # qpdf's, MuPDF's and the PDF 2.0 cut


@dataclass(frozen=True)
class PdfPasswords:
    """The bytes a PDF is locked with. ``typed`` is what the recipient types."""

    typed: str
    user: bytes  # the first 32 bytes of ``typed``, byte for byte (Poppler)
    owner: bytes | None  # the first 127 bytes when longer; else the same without spaces


def pdf_text(passphrase: str) -> str:
    """What is typed into a PDF reader: the bundle's canonical form (small letters,
    single spaces), since a reader compares bytes and forgives nothing."""
    return normalize_bundle_passphrase(passphrase)


def reader_cut(text: str) -> str:
    """The whole characters within the first 32 bytes: what a strength estimate can see of
    the part Poppler keeps (a character cut in half adds a few bits at most)."""
    return text.encode("utf-8")[:POPPLER_BYTES].decode("utf-8", errors="ignore")


def prepare_problem(text: str) -> str | None:
    """Why readers that apply SASLprep would hash other bytes than those that don't, or
    None when SASLprep leaves ``text`` as it is."""
    if any(stringprep.in_table_b1(ch) or stringprep.in_table_c12(ch) for ch in text):
        return (
            "It holds an invisible character (such as the mark that makes ❤ an emoji ❤️, "
            "or a joiner between letters) that some PDF readers drop and others keep; "
            "use a plain emoji or a word there instead."
        )
    if any(_prohibited(ch) for ch in text):
        return "It holds a control, private-use or formatting character no PDF reader takes."
    nfkc = unicodedata.normalize("NFKC", text)
    if nfkc != text or unicodedata.ucd_3_2_0.normalize("NFKC", text) != text:
        return (
            "It holds a character that some PDF readers rewrite before comparing "
            "(a compatibility form); type its plain form instead."
        )
    return None


def _prohibited(ch: str) -> bool:
    """RFC 4013 2.3: characters no prepared password may hold."""
    return (
        stringprep.in_table_c21_c22(ch)
        or stringprep.in_table_c3(ch)
        or stringprep.in_table_c4(ch)
        or stringprep.in_table_c5(ch)
        or stringprep.in_table_c6(ch)
        or stringprep.in_table_c7(ch)
        or stringprep.in_table_c8(ch)
        or stringprep.in_table_c9(ch)
    )


def pdf_passwords(passphrase: str) -> PdfPasswords:
    """The two passwords a PDF is locked with, or a one-line reason why it cannot be.

    Up to 32 bytes every reader hashes all of it, and the second slot takes the same
    characters without spaces (a grouped code then opens typed either way). Longer, the
    first slot is the 32-byte cut (even inside a character: that is what Poppler hashes)
    and the second the 127-byte one."""
    typed = pdf_text(passphrase)
    if not typed:
        raise InvalidInput("The passphrase is empty.")
    try:
        raw = typed.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput("The passphrase holds characters that are not valid text.") from None
    problem = prepare_problem(typed)
    if problem:
        raise InvalidInput(f"That passphrase cannot lock a PDF. {problem}")
    if len(raw) > POPPLER_BYTES:
        return PdfPasswords(typed, raw[:POPPLER_BYTES], raw[:MAX_BYTES])
    compact = typed.replace(" ", "").encode("utf-8")
    return PdfPasswords(typed, raw, compact if compact != raw else None)


def check_pdf_passphrase(passphrase: str) -> str:
    """A person-chosen passphrase for the PDF copy: the bundle's rules on the whole text,
    then SASLprep's, then strength on the first 32 bytes, which is all Poppler keeps."""
    typed = check_bundle_passphrase(passphrase)
    pdf_passwords(typed)
    if len(typed.encode("utf-8")) > POPPLER_BYTES:
        cut = reader_cut(typed).strip()
        if len(cut) < MIN_LENGTH or bundle_bits(cut) < MIN_BUNDLE_BITS:
            raise InvalidInput(
                "PDF readers use only the first 32 bytes of a passphrase (here its first "
                f"{len(reader_cut(typed))} characters), and those alone are too easy to "
                "guess; put more random words first, or let the app make one."
            )
    return typed

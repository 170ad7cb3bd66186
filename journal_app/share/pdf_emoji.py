"""Emoji in the PDF copy: drawn in colour from the shipped font, named where they can't be.

fpdf2 draws a colour font's glyphs (Noto Color Emoji's bitmaps, as a Type 3 font whose
text still reads back as the characters), but without a text shaper (HarfBuzz has no
phone build) it cannot join several code points into one picture. A flag (two regional
indicator letters), a subdivision flag (a black flag and tag letters) and a keycap (a digit,
# or * and U+20E3) would print as their loose parts, so each is written as its common
name instead: "[United Kingdom]", "[England]", "[keycap 1]". An emoji newer than the font
is written by its lower-case Unicode name. Everything else stays the characters themselves,
so the PDF's text holds the emoji as typed. A joined sequence (a family, a skin tone)
prints part by part: each part is a picture of its own, and the text keeps them all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

from journal_app.share.region_names import REGION_NAMES, SUBDIVISION_NAMES

_FIRST_REGION_LETTER = 0x1F1E6  # REGIONAL INDICATOR SYMBOL LETTER A
_FIRST_TAG_LETTER = 0xE0061  # TAG LATIN SMALL LETTER A
_FLAG = re.compile("[\U0001f1e6-\U0001f1ff]{2}")
_SUBDIVISION = re.compile("\U0001f3f4([\U000e0061-\U000e007a]+)\U000e007f")
_KEYCAP = re.compile("([0-9#*])\ufe0f?\u20e3")
# Presentation selectors pick emoji or text style; a PDF font has no glyph for them.
_SELECTORS = re.compile("[\ufe0e\ufe0f]")
# Where pictographs live: a character here that no font has is named, not left blank.
PICTOGRAPHS = "\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
_PICTOGRAPH = re.compile(f"[{PICTOGRAPHS}]")


def _flag_name(match: re.Match[str]) -> str:
    code = "".join(chr(ord(ch) - _FIRST_REGION_LETTER + ord("A")) for ch in match[0])
    return f"[{REGION_NAMES.get(code, f'flag {code}')}]"


def _subdivision_name(match: re.Match[str]) -> str:
    code = "".join(chr(ord(ch) - _FIRST_TAG_LETTER + ord("a")) for ch in match[1])
    return f"[{SUBDIVISION_NAMES.get(code, f'flag {code}')}]"


def _keycap_name(match: re.Match[str]) -> str:
    return f"[keycap {match[1]}]"


def named_where_undrawable(text: str, drawable: Container[int]) -> str:
    """``text`` as the PDF can print it: joined pictures the fonts cannot join written as
    their names, pictographs in no font (``drawable`` holds the code points some font
    has) by their Unicode names, and the invisible presentation selectors left out."""
    text = _FLAG.sub(_flag_name, text)
    text = _SUBDIVISION.sub(_subdivision_name, text)
    text = _KEYCAP.sub(_keycap_name, text)
    text = _SELECTORS.sub("", text)

    def missing(match: re.Match[str]) -> str:
        ch = match[0]
        if ord(ch) in drawable:
            return ch
        return f"[{unicodedata.name(ch, 'emoji').lower()}]"

    return _PICTOGRAPH.sub(missing, text)

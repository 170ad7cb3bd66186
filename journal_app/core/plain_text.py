"""Markdown as plain words, for the places that show a short excerpt of an entry.

The entry list, the Review's highlights and the share's highlight lines show the opening
of what the person wrote on one or two lines. Shown raw, Markdown reads as noise
(``**hopeful**``) and a list run together on one line loses where one item ends
("- slept badly - called the GP"). Here the marks come off and list items are kept apart.
The stored text is never changed.
"""

from __future__ import annotations

import re

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_CODE = re.compile(r"`+([^`]*)`+")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_EM_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
_HEADING = re.compile(r"^#{1,6}\s+")
_QUOTE = re.compile(r"^(?:>\s?)+")
_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?")
_RULE = re.compile(r"^(?:[-*_]\s*){3,}$")
_FENCE = re.compile(r"^(```|~~~)")
# A table: its rule row (| --- | :-: |) says nothing; a row's cells read as "a, b".
_TABLE_RULE = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$")
_TABLE_ROW = re.compile(r"^\|.*\|$")
_SET_ASIDE = 0xF0000  # private-use characters, only for the 128 ASCII marks
_ENDS_A_THOUGHT = (".", "!", "?", ":", ";", ",", "…")


def inline_plain(text: str) -> str:
    """One line without its inline marks: "**hopeful** and [a link](x)" -> "hopeful and a link"."""
    # Escaped marks ("\\*") are set aside first, so they are kept as the characters they are.
    text = _ESCAPE.sub(lambda m: chr(_SET_ASIDE + ord(m.group(1))), text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _CODE.sub(r"\1", text)
    for _ in range(2):  # "***both***" is strong around emphasis
        text = _STRONG.sub(r"\2", text)
        text = _STRIKE.sub(r"\1", text)
        text = _EM_STAR.sub(r"\1", text)
        text = _EM_UNDERSCORE.sub(r"\1", text)
    return "".join(
        chr(ord(c) - _SET_ASIDE) if _SET_ASIDE <= ord(c) < _SET_ASIDE + 128 else c for c in text
    )


TEXT, HEADING, ITEM = "text", "heading", "item"


def plain_lines(text: str) -> list[tuple[str, str]]:
    """Each non-empty line as plain words, with what it was: text, a heading or a list item."""
    out: list[tuple[str, str]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or _FENCE.match(line) or _RULE.match(line) or _TABLE_RULE.match(line):
            continue
        if _TABLE_ROW.match(line):  # a row reads like a list item: "a, b; 1, 2"
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip("|"))]
            out.append((inline_plain(", ".join(c for c in cells if c)), ITEM))
            continue
        line = _QUOTE.sub("", line)
        kind = HEADING if _HEADING.match(line) else (ITEM if _ITEM.match(line) else TEXT)
        line = inline_plain(_ITEM.sub("", _HEADING.sub("", line))).strip()
        if line:
            out.append((line, kind))
    return out


def _joint(before: str, kind_before: str, kind: str) -> str:
    """What goes between two lines so they still read apart on one line."""
    if before.endswith(_ENDS_A_THOUGHT):
        return " "
    if kind_before == HEADING:
        return ": "
    if kind == ITEM:
        return "; "
    if kind_before == ITEM:
        return ". "
    return " "


def join_plain(lines: list[tuple[str, str]]) -> str:
    """Lines on one line: "Plan: call; email. Then rest." rather than "Plan call email Then"."""
    text, kind_before = "", TEXT
    for line, kind in lines:
        text = line if not text else text + _joint(text, kind_before, kind) + line
        kind_before = kind
    return text


def excerpt(text: str, *, lines: int | None = None, limit: int = 200) -> str:
    """The opening of a Markdown text as plain words on one line, cut at ``limit`` with "…".

    ``lines`` keeps only the first few non-empty lines (the entry list shows two)."""
    kept = plain_lines(text)
    if lines is not None:
        kept = kept[:lines]
    opening = " ".join(join_plain(kept).split())
    if len(opening) > limit:
        opening = opening[: limit - 1].rstrip() + "…"
    return opening

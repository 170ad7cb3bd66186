"""The person's Markdown made ready for the app's own Markdown view: HTML shown as text.

The app draws Markdown with Flet's control (Flutter's Markdown, GitHub's flavour). What
it does with HTML in the text is not what the doctor's copy does: a line of block HTML
(``<div class="tj-alert">…</div>``, ``<article>…``) is dropped, words and all, so what
the person wrote vanished from their own journal while the doctor's copy showed it. This
puts a backslash before each ``<`` that could start HTML, which Markdown then shows as
the ``<`` the person typed: in the app, as in every copy, HTML is only ever words.

Code is left as written (a backslash would show there): fenced blocks, indented blocks
after a blank line, and inline code spans. A ``<`` the person already escaped stays as
it is. Nothing else changes, so emphasis, lists, links and tables render as before.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)
_OPENING = re.compile(r"(\\*)<")


def _escape_outside_spans(text: str) -> str:
    """Escape ``<`` in ``text`` except inside inline code spans."""
    out, at = [], 0
    for span in _CODE_SPAN.finditer(text):
        out.append(_escape(text[at : span.start()]))
        out.append(span.group(0))
        at = span.end()
    out.append(_escape(text[at:]))
    return "".join(out)


def _escape(text: str) -> str:
    """A backslash before each ``<`` not already escaped (an even run of backslashes
    before it escapes only themselves)."""
    if "<" not in text:
        return text
    return _OPENING.sub(lambda m: m.group(0) if len(m.group(1)) % 2 else f"{m.group(1)}\\<", text)


def _closes(line: str, fence: str) -> bool:
    """Does ``line`` close a block opened by ``fence`` (the same mark, at least as long,
    nothing after it)?"""
    closing = _FENCE.match(line)
    return bool(
        closing
        and closing.group(1)[0] == fence[0]
        and len(closing.group(1)) >= len(fence)
        and not line.strip().lstrip(fence[0])
    )


def html_shown_as_text(markdown: str) -> str:
    """``markdown`` with every ``<`` outside code escaped, so no HTML is read from it."""
    if "<" not in markdown:
        return markdown  # most writing: nothing to do
    lines = markdown.split("\n")
    out: list[str] = []
    prose: list[str] = []  # the current run of lines that are not code
    fence: str | None = None
    previous_blank = True

    def flush() -> None:
        if prose:
            out.append(_escape_outside_spans("\n".join(prose)))
            prose.clear()

    for line in lines:
        if fence is not None:
            out.append(line)
            if _closes(line, fence):
                fence = None
        elif opening := _FENCE.match(line):
            flush()
            fence = opening.group(1)
            out.append(line)
        elif _INDENTED.match(line) and (previous_blank or (out and not prose)) and line.strip():
            flush()
            out.append(line)
        else:
            prose.append(line)
        previous_blank = not line.strip()
    flush()
    return "\n".join(out)


# --- Short texts: shown exactly as typed -----------------------------------------------
#
# A question, a goal, a therapist's name or who a copy is for is a short text, not a
# document: "1986. was hard" is a sentence (Markdown would make it a list numbered from
# 1986), and "*" or "_" are the characters typed (Markdown would make them emphasis).
# Where such a text is written into the copies' Markdown, each mark Markdown could read
# is escaped with a backslash, which every Markdown reader (Python-Markdown, CommonMark,
# Flutter's) shows as the character itself.

_INLINE_MARKS = re.compile(r"([\\`*_\[\]])")
_ENTITY = re.compile(r"&(#?\w+;)")
_LINE_START = re.compile(r"^([ \t]*)(#|[-+>]|\d+(?=[.)]))", re.MULTILINE)


def literal(text: str) -> str:
    """``text`` as Markdown that reads back as exactly these characters (one paragraph).

    Escapes the inline marks everywhere, an entity's ``&``, and at the start of each line
    what would open a heading, a quote or a list item (``-``, ``+``, ``1986.``). HTML
    needs nothing here: the copies' Markdown shows every ``<`` as typed (render.py)."""
    text = _INLINE_MARKS.sub(r"\\\1", text)
    text = _ENTITY.sub(r"&amp;\1", text)

    def start(match: re.Match[str]) -> str:
        lead, mark = match.group(1), match.group(2)
        if mark.isdigit():  # "1986." -> "1986\.": the dot (or bracket) is what makes a list
            return f"{lead}{mark}\\"
        return f"{lead}\\{mark}"

    return _LINE_START.sub(start, text)

"""HTML in the person's Markdown is shown as the words they typed in the app, too.

The app's Markdown view (Flutter's) reads CommonMark, so a CommonMark reader
(markdown-it-py) is the judge here: the escaped text must render with no HTML tag of the
person's and every word kept; code must come out exactly as written.
"""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt

from journal_app.core.markdown_text import html_shown_as_text

SHOWN = [
    ('<div class="tj-alert">Note</div>', '<div class="tj-alert">Note</div>'),
    ("<article class='tj-entry'>\nForged entry\n</article>", "Forged entry"),
    ("x <span id=tj-status>y</span> z", "<span id=tj-status>y</span>"),
    ("> <section id='review'>quoted</section>", "<section id='review'>quoted</section>"),
    ("- <p class=tj-h>in a list</p>", "<p class=tj-h>in a list</p>"),
    ("already \\<b> escaped", "<b> escaped"),
    ("an even run \\\\<b>bold?</b>", "\\<b>bold?</b>"),
    ("<!-- a comment -->", "<!-- a comment -->"),
    ("<https://198.51.100.7/>", "<https://198.51.100.7/>"),
]  # fmt: skip


MARKDOWNS_OWN = {"p", "blockquote", "ul", "li", "code", "pre"}  # no tag of the person's
COMMONMARK = MarkdownIt("commonmark").enable("table")


def rendered(text: str) -> str:
    return COMMONMARK.render(text)


def words(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


@pytest.mark.parametrize(("typed", "seen"), SHOWN)
def test_html_is_shown_as_what_was_typed(typed: str, seen: str) -> None:
    out = rendered(html_shown_as_text(typed))
    assert seen in words(out), out
    assert set(re.findall(r"<([a-zA-Z!][\w-]*)", out)) <= MARKDOWNS_OWN, out


@pytest.mark.parametrize(
    "code",
    [
        '```\n<div class="tj-alert">\n```',
        "~~~~ html\n<b>bold</b>\n~~~\n~~~~",
        "Text.\n\n    <div>indented code</div>\n    <b>more</b>",
        'Use `<div class="x">` and ``a `<b>` b``.',
    ],
)
def test_code_is_left_as_written(code: str) -> None:
    assert html_shown_as_text(code) == code


def test_markdown_without_html_is_untouched() -> None:
    text = "**bold** and *soft*\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n3 > 2"
    assert html_shown_as_text(text) is text


def test_prose_beside_code_is_escaped_and_code_is_not() -> None:
    text = "<b>one</b>\n\n```\n<b>two</b>\n```\n\n<b>three</b> `<b>four</b>`"
    assert html_shown_as_text(text) == (
        "\\<b>one\\</b>\n\n```\n<b>two</b>\n```\n\n\\<b>three\\</b> `<b>four</b>`"
    )

"""The bundle renderer lets no raw HTML through, with no compiled sanitiser behind it.

The classic ways out (event handlers, ``javascript:`` and entity-encoded schemes, SVG,
``<iframe srcdoc>``, ``<base>``, ``<meta refresh>``, comment and ``</script>`` breakouts)
must come out as text or not at all; Markdown itself keeps working; what the person
wrote is still there to read.
"""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal_app.share.render import markdown_to_safe_html, render_chunks
from tests.share.markup import SAFE_TAGS, markup_of

ALLOWED = {("th", "align"), ("td", "align"), ("ol", "start")}
SAFE_VALUE = re.compile(r"^(left|right|center|\d{1,9})$")

CLASSIC = [
    # event handlers
    "<body onload=alert(1)>",
    '<p onclick="alert(1)">x</p>',
    "<a onfocus=alert(1) autofocus>x</a>",
    '<details open ontoggle="alert(1)">',
    '[x](https://example.org "t\\" onmouseover=\\"alert(1)")',
    "*a*{onclick=alert(1)}",
    # javascript: and encoded schemes
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;&#x61;vascript&#58;alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    "[x][1]\n\n[1]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    # svg and math
    "<svg onload=alert(1)>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<svg><style>@import url(//198.51.100.7/)</style></svg>",
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
    # frames, base, meta
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<base href="https://198.51.100.7/">',
    '<meta http-equiv="refresh" content="0;url=https://198.51.100.7/">',
    "<style>@import url(//198.51.100.7/)</style>",
    # comment and closing-tag breakouts
    "<!--><script>alert(1)</script>-->",
    "<!-- --!><img src=x onerror=alert(1)> -->",
    "<!--<img src=x onerror=alert(1)>-->",
    "</script><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "`</script><script>alert(1)</script>`",
    "```\n</script><script>alert(1)</script>\n```",
    '```"onmouseover="alert(1)\nx\n```',
    "<![CDATA[<script>alert(1)</script>]]>",
    # images and remote loads
    "[![x](https://198.51.100.7/a.png)](https://198.51.100.7/)",
    "![x][pic]\n\n[pic]: https://198.51.100.7/a.png",
    "<img src=https://198.51.100.7/a.png>",
    "<video><source onerror=alert(1)></video>",
]


def assert_only_safe_markup(source: str) -> str:
    out = markdown_to_safe_html(source)
    tags, attributes = markup_of(out)
    assert tags <= SAFE_TAGS, (source, out)
    for name, value in attributes:
        assert SAFE_VALUE.match(value), (source, out)
        assert name in {a for _, a in ALLOWED}, (source, out)
    lowered = out.lower()
    for raw in ("</script", "<script", "<!--", "<![cdata", "<svg", "<iframe", "<base", "<meta"):
        assert raw not in lowered, (source, out)
    for word in ("javascript", "198.51.100.7", "onerror", "srcdoc", "http-equiv"):
        assert not any(word in n.lower() or word in v.lower() for n, v in attributes), out
    return out


@pytest.mark.parametrize("hostile", CLASSIC)
def test_classic_vectors_come_out_as_text_or_not_at_all(hostile: str) -> None:
    assert_only_safe_markup(hostile)


@pytest.mark.parametrize("hostile", CLASSIC)
def test_classic_vectors_are_safe_among_other_writing_and_in_chunks(hostile: str) -> None:
    text = f"Today was **hard**.\n\n{hostile}\n\n- one\n- two"
    assert_only_safe_markup(text)
    tags, _ = markup_of(render_chunks([text, hostile, "plain words"]))
    assert tags <= SAFE_TAGS


def test_what_the_person_typed_is_kept_as_words() -> None:
    out = markdown_to_safe_html("I wrote <b>hi</b> & felt a < b, <3")
    assert html.unescape(re.sub(r"</?p>", "", out)) == "I wrote <b>hi</b> & felt a < b, <3"


def test_links_keep_their_words_and_images_go() -> None:
    out = markdown_to_safe_html("See [the clinic](https://198.51.100.7/) ![map](m.png) ok")
    assert out == "<p>See <a>the clinic</a>  ok</p>"


def test_markdown_structure_still_renders() -> None:
    out = markdown_to_safe_html(
        "## Week\n\n> quoted\n\n3. three\n4. four\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n`code`"
    )
    for part in ("<h2>Week</h2>", "<blockquote>", '<ol start="3">', '<th align="left">a</th>'):
        assert part in out, out
    assert "<code>code</code>" in out


HOSTILE_ALPHABET = "<>/=\"' &#;:!-[]()`*\nabcjsx0123vgiframe"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(HOSTILE_ALPHABET)), max_size=80))
def test_no_text_makes_unsafe_markup(text: str) -> None:
    assert_only_safe_markup(text)

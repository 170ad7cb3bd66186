"""Markdown to safe HTML for the bundle.

Entry text is untrusted as far as the recipient's browser is concerned: a pasted
snippet could hold a script, an event handler, a ``javascript:`` link or a remote image
that would tell a server the file was opened. Markdown is rendered with the ``markdown``
package, then cleaned with nh3 (the Rust Ammonia sanitiser) against a short allow-list:
text formatting, lists, tables and quotes only. Links keep their words but lose their
address, and images are removed, so nothing in the content can reach the network.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Iterable

import markdown as md
import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u",
    "code", "pre", "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th",
    "td", "del", "sup", "sub", "span", "div", "a", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"th": {"align"}, "td": {"align"}, "ol": {"start"}}
EXTENSIONS = ["tables", "sane_lists", "fenced_code"]


def sanitise(html: str) -> str:
    """Keep only harmless structure; drop scripts, handlers, styles, images and addresses."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(),
        link_rel=None,
        strip_comments=True,
    )


# Anything that could make Markdown do more than paragraphs: emphasis, code, links,
# HTML, headings, lists, quotes, tables, rules, hard breaks, entities, indented code.
_MARKUP = re.compile(r"[*_`\[\]!<>#\\&|~=]|^[ \t]|^[-+\d]|  $", re.MULTILINE)


def plain_paragraphs_html(text: str) -> str | None:
    """HTML for text with no Markdown in it (the same HTML Markdown would make), else None.

    Most journal writing is plain prose; this skips the Markdown engine for it, which is
    what keeps a ten-year export within a couple of seconds.
    """
    if _MARKUP.search(text):
        return None
    paragraphs = [p.strip("\n") for p in re.split(r"\n[ \t]*\n", text.strip("\n"))]
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs if p.strip())


_ENGINE = threading.local()


def _engine() -> md.Markdown:
    """One Markdown engine per thread: building one costs more than a short conversion."""
    engine = getattr(_ENGINE, "engine", None)
    if engine is None:
        engine = _ENGINE.engine = md.Markdown(extensions=EXTENSIONS, output_format="html")
    return engine


def render_chunks(chunks: Iterable[str]) -> str:
    """Render Markdown chunks one by one and sanitise the whole."""
    parts = []
    for chunk in chunks:
        fast = plain_paragraphs_html(chunk)
        parts.append(fast if fast is not None else _engine().reset().convert(chunk))
    return sanitise("\n".join(parts))


def markdown_to_safe_html(text: str) -> str:
    """Render Markdown and sanitise the result."""
    return render_chunks([text])

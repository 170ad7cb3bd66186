"""Markdown to safe HTML for the bundle.

Entry text is untrusted as far as the recipient's browser is concerned: a pasted
snippet could hold a script, an event handler, a ``javascript:`` link or a remote image
that would tell a server the file was opened, or a ``class`` or ``id`` of the app's own
that would dress the person's words as an alert or a section of the app's. So raw HTML
never reaches the output: the Markdown engine is built without its raw-HTML block and
inline handlers, which makes anything written as ``<tag>`` plain text that the
serialiser escapes (the person sees what they typed), and no extension that reads
attributes (``attr_list``, ``{: .x #y}``) is loaded. Then one allow-list pass
(``allow_list.keep_allowed``) over everything the engine wrote, fenced code included,
keeps only a short list of tags and attributes and never a class or an id: links keep
their words but lose their address, and images are removed, so nothing in the content
can reach the network or pose as the app.

This needs no compiled sanitiser (nh3 has no phone wheels). The viewer's sandboxed
frame and its Content-Security-Policy stay as the second and third walls.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Iterable

import markdown as md
from markdown.extensions import Extension

from journal_app.share.allow_list import keep_allowed

EXTENSIONS = ["tables", "sane_lists", "fenced_code"]


class SafeMarkdown(Extension):
    """No raw HTML in: what the person typed as HTML is shown as the words they typed."""

    def extendMarkdown(self, engine: md.Markdown) -> None:  # noqa: N802 (Markdown's API)
        engine.preprocessors.deregister("html_block")
        engine.inlinePatterns.deregister("html")


# Anything that could make Markdown do more than paragraphs: emphasis, code, links,
# HTML, headings, lists, quotes, tables, rules, entities (these characters anywhere), and
# indented code, lists and hard breaks (a line starting with a space, tab, -, + or digit,
# or ending in two spaces). The line checks are plain string tests: a multi-line regex
# tried at every position cost ~7x as much over ten years of prose.
_MARKUP_CHARS = re.compile(r"[*_`\[\]!<>#\\&|~=]")
_LINE_STARTS = " \t-+"


def has_markup(text: str) -> bool:
    """Could Markdown make anything but paragraphs of ``text``? (False: plain prose.)"""
    if _MARKUP_CHARS.search(text):
        return True
    for line in text.split("\n"):
        head = line[:1]
        if head and (head in _LINE_STARTS or head.isdecimal()):
            return True
        if line.endswith("  "):
            return True
    return False


def plain_paragraphs_html(text: str) -> str | None:
    """HTML for text with no Markdown in it (the same HTML Markdown would make), else None.

    Most journal writing is plain prose; this skips the Markdown engine for it, which is
    what keeps a ten-year export within a couple of seconds.
    """
    if has_markup(text):
        return None
    paragraphs = [p.strip("\n") for p in re.split(r"\n[ \t]*\n", text.strip("\n"))]
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs if p.strip())


_ENGINE = threading.local()


def _engine() -> md.Markdown:
    """One Markdown engine per thread: building one costs more than a short conversion."""
    engine = getattr(_ENGINE, "engine", None)
    if engine is None:
        engine = _ENGINE.engine = md.Markdown(
            extensions=[*EXTENSIONS, SafeMarkdown()], output_format="html"
        )
    return engine


def render_chunks(chunks: Iterable[str]) -> str:
    """Render Markdown chunks one by one (each safe on its own) and join them."""
    parts = []
    for chunk in chunks:
        fast = plain_paragraphs_html(chunk)
        parts.append(fast if fast is not None else keep_allowed(_engine().reset().convert(chunk)))
    return "\n".join(parts)


def markdown_to_safe_html(text: str) -> str:
    """Render Markdown with no raw HTML and only allowed tags and attributes."""
    return render_chunks([text])

"""Markdown to safe HTML for the bundle.

Entry text is untrusted as far as the recipient's browser is concerned: a pasted
snippet could hold a script, an event handler, a ``javascript:`` link or a remote image
that would tell a server the file was opened. So raw HTML never reaches the output: the
Markdown engine is built without its raw-HTML block and inline handlers, which makes
anything written as ``<tag>`` plain text that the serialiser escapes (the person sees
what they typed). A tree pass over what Markdown made then keeps only a short list of
tags and attributes: links keep their words but lose their address, and images are
removed, so nothing in the content can reach the network.

This needs no compiled sanitiser (nh3 has no phone wheels): the safety comes from never
parsing the person's HTML at all, rather than from cleaning it. The viewer's sandboxed
frame and its Content-Security-Policy stay as the second and third walls.
"""

from __future__ import annotations

import html
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterable

import markdown as md
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u",
    "code", "pre", "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th",
    "td", "del", "sup", "sub", "span", "div", "a", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"th": {"align"}, "td": {"align"}, "ol": {"start"}}
DROPPED_WITH_CONTENT = {"img", "script", "style", "svg", "math", "iframe", "object", "embed"}
EXTENSIONS = ["tables", "sane_lists", "fenced_code"]
_ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center)\s*;?\s*$")
_NUMBER = re.compile(r"^\d{1,9}$")


def _clean_attributes(element: ET.Element) -> None:
    """Keep only the attributes allowed for this tag; table alignment becomes ``align``."""
    style = element.get("style", "")
    allowed = ALLOWED_ATTRIBUTES.get(element.tag, set())
    kept = {k: v for k, v in element.attrib.items() if k in allowed}
    if "align" in allowed and (found := _ALIGN.match(style)):
        kept["align"] = found.group(1)
    if "start" in kept and not _NUMBER.match(kept["start"]):
        del kept["start"]
    element.attrib.clear()
    element.attrib.update(kept)


def _add_text_before(parent: ET.Element, index: int, text: str) -> None:
    """Append ``text`` just before position ``index`` of ``parent`` (ElementTree keeps it
    in the parent's text or the previous sibling's tail)."""
    if not text:
        return
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text


def _unwrap(parent: ET.Element, index: int, child: ET.Element, keep_content: bool) -> None:
    """Put ``child``'s text and children in its place (or drop them), keeping its tail."""
    inner = list(child) if keep_content else []
    lead = (child.text or "") if keep_content else ""
    tail = child.tail or ""
    parent.remove(child)
    for offset, grandchild in enumerate(inner):
        parent.insert(index + offset, grandchild)
    if inner:
        inner[-1].tail = (inner[-1].tail or "") + tail
        _add_text_before(parent, index, lead)
    else:
        _add_text_before(parent, index, lead + tail)


def _keep_only_allowed(parent: ET.Element) -> None:
    """Walk the tree: unknown tags are unwrapped, images and the like removed whole."""
    index = 0
    while index < len(parent):
        child = parent[index]
        if not isinstance(child.tag, str) or child.tag not in ALLOWED_TAGS:
            keep = isinstance(child.tag, str) and child.tag not in DROPPED_WITH_CONTENT
            _unwrap(parent, index, child, keep_content=keep)
            continue  # look again at this index: it now holds what was inside
        _clean_attributes(child)
        _keep_only_allowed(child)
        index += 1


class _AllowListTree(Treeprocessor):
    """Runs after the inline pass, so links and images made by Markdown are in the tree."""

    def run(self, root: ET.Element) -> None:
        _keep_only_allowed(root)


class SafeMarkdown(Extension):
    """No raw HTML in, only allowed tags and attributes out."""

    def extendMarkdown(self, engine: md.Markdown) -> None:  # noqa: N802 (Markdown's API)
        engine.preprocessors.deregister("html_block")
        engine.inlinePatterns.deregister("html")
        engine.treeprocessors.register(_AllowListTree(engine), "tj_allow_list", 15)


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
        parts.append(fast if fast is not None else _engine().reset().convert(chunk))
    return "\n".join(parts)


def markdown_to_safe_html(text: str) -> str:
    """Render Markdown with no raw HTML and only allowed tags and attributes."""
    return render_chunks([text])

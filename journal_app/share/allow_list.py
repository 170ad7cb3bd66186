"""The one allow-list for HTML made from the person's Markdown, and the pass that applies it.

Markdown's engine writes some of its output past its own tree: a fenced code block is
rendered to HTML text on the side and pasted back in at the end, so a fence's attributes
(```` ```{.tj-alert #tj-bundle} ````) reached the doctor's copy as ``class`` and ``id``,
and the viewer's script and styles would have taken that block for one of the app's own
(an alert, an entry, a section). This pass runs over the engine's final text instead,
so nothing the engine does on the side can go around it.

It keeps only the tags in ``ALLOWED_TAGS`` and the attributes in ``ALLOWED_ATTRIBUTES``:
no ``class``, no ``id``, no ``style``, no ``role`` and no ``aria-*`` on anything the
person wrote, so the only classes and ids in a copy are the ones the app writes around
the person's words. Unknown tags are unwrapped (their words stay), images and scripts
go with their content, comments and declarations go, and every tag it opens is closed
by the end of the text, so the person's words can never close a frame of the app's.

Built on the standard library's ``html.parser``: it needs no compiled sanitiser (nh3 has
no phone wheels), and what it reads is Markdown's output, which never holds the person's
raw HTML (the engine shows that as text).
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u",
    "code", "pre", "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th",
    "td", "del", "sup", "sub", "span", "div", "a", "abbr",
})  # fmt: skip
ALLOWED_ATTRIBUTES = {"th": frozenset({"align"}), "td": frozenset({"align"}),
                      "ol": frozenset({"start"})}  # fmt: skip
DROPPED_WITH_CONTENT = frozenset({
    "img", "script", "style", "svg", "math", "iframe", "object", "embed", "template",
    "textarea", "title", "noscript", "video", "audio",
})  # fmt: skip
VOID = frozenset({"br", "hr", "img", "source", "input", "meta", "link", "base", "wbr"})
_ALIGN_VALUE = re.compile(r"^(left|right|center)$")
_ALIGN_STYLE = re.compile(r"^\s*text-align:\s*(left|right|center)\s*;?\s*$")
_NUMBER = re.compile(r"^\d{1,9}$")


def allowed_attributes(tag: str, attrs: list[tuple[str, str | None]]) -> list[tuple[str, str]]:
    """The attributes ``tag`` may keep, in a fixed form; a table cell's ``style`` alignment
    (what Markdown's tables write) becomes ``align``. Never a class or an id."""
    allowed = ALLOWED_ATTRIBUTES.get(tag, frozenset())
    kept: dict[str, str] = {}
    for name, value in attrs:
        value = value or ""
        if name == "align" and "align" in allowed and _ALIGN_VALUE.match(value):
            kept["align"] = value
        elif name == "style" and "align" in allowed and (found := _ALIGN_STYLE.match(value)):
            kept.setdefault("align", found.group(1))
        elif name == "start" and "start" in allowed and _NUMBER.match(value):
            kept["start"] = value
    return sorted(kept.items())


class _AllowListParser(HTMLParser):
    """Writes back only allowed markup, with every opened tag closed in order."""

    def __init__(self) -> None:
        # Character references are written back as they came (Markdown keeps ``&copy;``
        # as typed); they can only ever be text.
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.open: list[str] = []
        self.dropping: list[str] = []  # the dropped elements we are inside, innermost last

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping:
            if tag in DROPPED_WITH_CONTENT and tag not in VOID:
                self.dropping.append(tag)
            return
        if tag in DROPPED_WITH_CONTENT:
            if tag not in VOID:
                self.dropping.append(tag)
            return
        if tag not in ALLOWED_TAGS:
            return  # unwrapped: its words come through as text
        pairs = allowed_attributes(tag, attrs)
        kept = "".join(f' {name}="{escape(value)}"' for name, value in pairs)
        if tag in VOID:
            self.out.append(f"<{tag}{kept}>")  # as Markdown writes them: <br>, <hr>
        else:
            self.out.append(f"<{tag}{kept}>")
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID or self.dropping or tag in DROPPED_WITH_CONTENT:
            self.handle_starttag(tag, attrs)
        elif tag in ALLOWED_TAGS:  # <p/>: an empty element, written open and shut
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag == self.dropping[-1]:
                self.dropping.pop()
            return
        if tag not in self.open:
            return  # a stray end tag closes nothing (above all, not a frame of ours)
        while self.open:
            inner = self.open.pop()
            self.out.append(f"</{inner}>")
            if inner == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(escape(data, quote=False))

    def handle_entityref(self, name: str) -> None:
        if not self.dropping:
            self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if not self.dropping:
            self.out.append(f"&#{name};")

    # Comments, declarations, processing instructions and CDATA are dropped whole.

    def finish(self) -> str:
        self.close()
        while self.open:
            self.out.append(f"</{self.open.pop()}>")
        return "".join(self.out)


def keep_allowed(html: str) -> str:
    """``html`` with only allowed tags and attributes left, every element closed."""
    parser = _AllowListParser()
    parser.feed(html)
    return parser.finish()

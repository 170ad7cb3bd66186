"""What a browser would see as markup in rendered HTML: every tag and every attribute.

The sanitiser tests look here, not at the text: writing that mentions ``onerror`` or
``<script>`` is shown to the reader as words, which is harmless; a tag or an attribute
is not.
"""

from __future__ import annotations

from html.parser import HTMLParser

SAFE_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u",
    "code", "pre", "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th",
    "td", "del", "sup", "sub", "span", "div", "a", "abbr",
}  # fmt: skip


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str]] = []
        self.other: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += [(name, value or "") for name, value in attrs]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        self.other.append(f"comment {data}")

    def handle_decl(self, decl: str) -> None:
        self.other.append(f"declaration {decl}")

    def handle_pi(self, data: str) -> None:
        self.other.append(f"processing instruction {data}")


def markup_of(html: str) -> tuple[set[str], list[tuple[str, str]]]:
    """The tags and (name, value) attributes in ``html``; comments and the like fail."""
    parser = _Collect()
    parser.feed(html)
    parser.close()
    assert not parser.other, parser.other
    return parser.tags, parser.attributes

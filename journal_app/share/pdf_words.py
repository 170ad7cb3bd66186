"""The person's Markdown in the PDF, drawn from the very HTML the other copies show.

The PDF used to print what the person wrote as its raw text, so a doctor read ``**`` and
``## Big things`` where the HTML copy and the app showed bold words and a heading. Now
their Markdown goes through the one renderer every copy uses (``render.py`` and its
allow-list, headings dropped below the app's own), and this module reads that HTML back
as blocks to draw: paragraphs with their bold and emphasised runs, headings as bold
lines (never a section band), nested and numbered lists, quotes, code and tables.

Only the allow-list's tags ever reach it, so a short table of tags is all it knows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from journal_app.share.bundle import demote_headings
from journal_app.share.render import markdown_to_safe_html

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "td", "th"}
BOLD = {"strong", "b", "h1", "h2", "h3", "h4", "h5", "h6", "th"}
ITALIC = {"em", "i"}
BLOCK_OPENERS = {"p", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class Block:
    """One thing to draw: a paragraph-like run of text, a rule, or a table."""

    kind: str  # "text", "heading", "item", "code", "rule", "table"
    runs: list[tuple[str, bool, bool]] = field(default_factory=list)  # (text, bold, italic)
    depth: int = 0  # list nesting (items) or quote nesting
    marker: str = ""  # "•" or "3." for a list item
    rows: list[list[str]] = field(default_factory=list)  # a table's cells, header first

    @property
    def text(self) -> str:
        return "".join(run[0] for run in self.runs)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.current: Block | None = None
        self.styles: list[str] = []
        self.lists: list[list[int | None]] = []  # per open list: [next number] or [None]
        self.quotes = 0
        self.table: Block | None = None
        self.cell: list[str] | None = None

    def _open(self, kind: str, marker: str = "") -> None:
        depth = len(self.lists) if kind == "item" else self.quotes
        self.current = Block(kind, depth=depth, marker=marker)
        self.blocks.append(self.current)

    def _in_item(self, tag: str) -> bool:
        """A list item's first paragraph (a loose list) is the item itself."""
        current = self.current
        return tag == "p" and current is not None and current.kind == "item" and not current.runs

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "ul":
            self.lists.append([None])
        elif tag == "ol":
            start = dict(attrs).get("start") or "1"
            self.lists.append([int(start) if start.isdigit() else 1])
        elif tag == "li":
            number = self.lists[-1][0] if self.lists else None
            if number is not None:
                self.lists[-1][0] = number + 1
            self._open("item", f"{number}." if number is not None else "•")
        elif tag == "blockquote":
            self.quotes += 1
        elif tag == "table":
            self.table = Block("table")
            self.blocks.append(self.table)
        elif tag == "tr" and self.table is not None:
            self.table.rows.append([])
        elif tag in ("td", "th") and self.table is not None:
            self.cell = []
        elif tag == "hr":
            self.blocks.append(Block("rule"))
        elif tag == "br":
            self.handle_data("\n")
        elif tag in BLOCK_OPENERS and not self._in_item(tag):
            self._open("heading" if tag[0] == "h" else "code" if tag == "pre" else "text")
        self.styles.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag == "blockquote":
            self.quotes = max(0, self.quotes - 1)
        elif tag in ("td", "th") and self.table is not None and self.cell is not None:
            if self.table.rows:
                self.table.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table":
            self.table = None
        if tag in BLOCKS or tag == "li":
            self.current = None
        if tag in self.styles:
            while self.styles and self.styles.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
            return
        if self.table is not None:
            return  # whitespace between cells
        if self.current is None:
            if not data.strip():
                return
            self._open("text")
        assert self.current is not None
        code = self.current.kind == "code"
        text = data if code else " ".join(data.split("\n"))
        bold = any(s in BOLD for s in self.styles)
        italic = any(s in ITALIC for s in self.styles)
        self.current.runs.append((text, bold, italic))


def markdown_blocks(markdown: str) -> list[Block]:
    """The person's Markdown as the blocks every copy shows, ready to draw."""
    reader = _Reader()
    reader.feed(demote_headings(markdown_to_safe_html(markdown)))
    reader.close()
    return [b for b in reader.blocks if b.kind in ("rule", "table") or b.text.strip()]

"""The same selection as a PDF, encrypted (AES-256) with the bundle's passphrase.

Which bytes lock it, and why, is core/pdf_password.py's story.

Offices file PDFs. This one is drawn with fpdf2 (pure Python; its one compiled need,
Pillow, has a recipe on Flet's mobile index) from the very ``SharePreview`` the person
consented to: an "at a glance" first page (item 9 first when positive), then each section,
with the charts as vector drawings. Fonts are shipped (assets/fonts) so accents, Hebrew
and Arabic print on any device; right-to-left runs are put in visual order with fpdf2's
own bidi algorithm and Arabic letters joined with arabic-reshaper (both pure Python), since
the HarfBuzz shaper is not available on phones.

The person's own writing is rendered from their Markdown by the renderer every copy uses
(pdf_words.py) and framed and labelled as theirs: no Markdown in it can pose as one of
the app's sections (its headings are bold lines, never the app's filled bands).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import cache

import arabic_reshaper
from fpdf import FPDF
from fpdf.bidi import BidiParagraph, auto_detect_base_direction
from fpdf.encryption import StandardSecurityHandler
from fpdf.enums import (
    EncryptionMethod,
    TableCellFillMode,
    TableHeadingsDisplay,
    TextDirection,
)
from fpdf.fonts import FontFace, TTFFont

from journal_app.core.checkins import ATTRIBUTION, GAD7, PHQ9, SCREENING_NOTE, get_instrument
from journal_app.core.pdf_password import PdfPasswords, pdf_passwords
from journal_app.core.plain_text import inline_plain
from journal_app.core.records import local_day
from journal_app.core.sharing import (
    CHECKINS,
    ENTRIES,
    ITEM9_POINTER,
    MONTH,
    PROFILE,
    REVIEW,
    PreviewSection,
    SharePreview,
    entry_meta,
    item9_lines,
    item9_markdown,
)
from journal_app.resources import assets_dir
from journal_app.share.pdf_emoji import named_where_undrawable
from journal_app.share.pdf_month import months_pages
from journal_app.share.pdf_words import Block, markdown_blocks

# fpdf2 names any character it has no glyph for (an emoji newer than the font, say) in a
# warning: that is a piece of the person's writing, and nothing of theirs goes to a log.
logging.getLogger("fpdf").setLevel(logging.ERROR)

INK = (31, 42, 39)
ACCENT = (47, 107, 94)
MUTED = (81, 96, 91)
ALERT = (155, 44, 44)
OWN_BAR = (179, 169, 143)  # the own-words frame's bar (the HTML copy's frame colour)
OWN_INDENT = 4
OWN_HEAD = (241, 236, 224)  # a table the person wrote: a pale header, not the app's green
BAND_FILLS = ((232, 243, 238), (246, 241, 220), (249, 230, 211), (246, 220, 214), (239, 210, 216))
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufefc]")
# Beyond what the text font draws: Hebrew, Arabic, emoji (see _take_emoji_from).
_BEYOND_LATIN = re.compile(r"[^\u0000-\u052f\u1e00-\u1eff\u2000-\u22ff\u2400-\u25ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
# The symbols both the text font and the emoji font have (sun, hearts, warning sign...).
# People type them as emoji now, so the colour picture wins.
_TEXT_OR_EMOJI = range(0x2600, 0x27C0)


def _as_is(text: str) -> str:
    return text


def visual(text: str) -> str:
    """A line in the order it is drawn: right-to-left runs reversed (fpdf2's bidi
    algorithm), Arabic letters in their joined forms. Left-to-right text is unchanged."""
    if not _RTL.search(text):
        return text
    if _ARABIC.search(text):
        text = _reshaper().reshape(text)
    fragments = BidiParagraph(text=text, base_direction=auto_detect_base_direction(text))
    out = []
    for chunk, direction in fragments.get_bidi_fragments():
        out.append(chunk[::-1] if direction == TextDirection.RTL else chunk)
    return "".join(out)


@cache
def _reshaper() -> arabic_reshaper.ArabicReshaper:
    return arabic_reshaper.ArabicReshaper({"delete_harakat": False})


class SummaryPdf(FPDF):
    """An A4 document with the app's fonts, a footer and the plain building blocks."""

    def __init__(self) -> None:
        super().__init__(format="A4", unit="mm")
        fonts = assets_dir() / "fonts"
        self.add_font("Sans", "", str(fonts / "DejaVuSans-Latin.ttf"))
        self.add_font("Sans", "B", str(fonts / "DejaVuSans-Bold-Latin.ttf"))
        self.add_font("Hebrew", "", str(fonts / "NotoSansHebrew-Regular.ttf"))
        self.add_font("Arabic", "", str(fonts / "NotoSansArabic-Regular.ttf"))
        self.add_font("Emoji", "", str(fonts / "NotoColorEmoji.ttf"))
        self._drawable = self._take_emoji_from("sans", "sansB")
        self._fallback_on = False  # see ``v``
        self.set_margins(16, 16, 16)
        self.set_auto_page_break(True, margin=18)
        self.set_title("Summary from my Therapy Journal")
        self.set_creator("Therapy Journal")
        self.set_text_color(*INK)

    def footer(self) -> None:
        if self._frame_top is not None:  # the person's words run onto the next page
            self._frame_bar(self.h - self.b_margin)
            self._frame_top = self.t_margin
        self.set_y(-12)
        self.set_font("Sans", "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"Therapy Journal summary · page {self.page_no()}", align="C")
        self.set_text_color(*INK)

    def _take_emoji_from(self, *text_fonts: str) -> frozenset[int]:
        """Leave the symbols the emoji font also has to the emoji font, and return every
        code point the emoji and text fonts can draw.

        fpdf2 turns to a fallback font only for a character the current font lacks, so
        a sun or a heart would print as the text font's small black sign, even typed as
        an emoji. Its font object's ``cmap`` is what it asks.
        """
        emoji = self._cmap("emoji")
        for key in text_fonts:
            cmap = self._cmap(key)
            for code in [c for c in cmap if c in _TEXT_OR_EMOJI and c in emoji]:
                del cmap[code]
        return frozenset(emoji).union(*(self._cmap(key) for key in text_fonts))

    def _cmap(self, key: str) -> dict[int, str]:
        """The code points an added font draws (every font added here is a TrueType one)."""
        font = self.fonts[key]
        assert isinstance(font, TTFFont), key
        return font.cmap

    def v(self, text: str) -> str:
        """``visual(text)``, with the Hebrew, Arabic and emoji fonts as fallbacks only when
        the text needs them: fpdf2 checks every character against its fallbacks, which
        made a ten-year PDF take minutes."""
        return self._fallbacks_for(text)(text)

    def _fallbacks_for(self, *texts: str) -> Callable[[str], str]:
        """Set the fallback fonts for text drawn together (a table is drawn only when it
        closes, so all its cells at once) and return how to make each piece printable."""
        needs = any(_BEYOND_LATIN.search(text) for text in texts)
        if needs != self._fallback_on:
            fallbacks = ["Hebrew", "Arabic", "Emoji"] if needs else []
            self.set_fallback_fonts(fallbacks, exact_match=False)
            self._fallback_on = needs
        return self._printable if needs else _as_is

    def _printable(self, text: str) -> str:
        return visual(named_where_undrawable(text, self._drawable))

    # --- blocks ---------------------------------------------------------------------------

    def heading(self, text: str, size: float = 15) -> None:
        self.set_font("Sans", "B", size)
        self.multi_cell(0, size * 0.5, self.v(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)

    def section_band(self, title: str) -> None:
        """The app's own section title: a filled band no writing can produce."""
        if self.get_y() > self.h - 60:
            self.add_page()
        self.ln(3)
        self.set_fill_color(*ACCENT)
        self.set_text_color(255, 255, 255)
        self.set_font("Sans", "B", 8)
        self.cell(0, 5, "  THERAPY JOURNAL · SECTION", fill=True, new_x="LMARGIN", new_y="NEXT")
        self.set_font("Sans", "B", 13)
        self.cell(0, 8, "  " + self.v(title), fill=True, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*INK)
        self.ln(2)

    def para(self, text: str, size: float = 10.5, bold: bool = False, indent: float = 0) -> None:
        self.set_font("Sans", "B" if bold else "", size)
        self.set_x(self.l_margin + indent)
        self.multi_cell(0, size * 0.5, self.v(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def bullet(self, text: str, indent: float = 0) -> None:
        self.set_font("Sans", "", 10.5)
        self.set_x(self.l_margin + indent)
        self.cell(5, 5.2, "•")
        self.multi_cell(0, 5.2, self.v(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(0.5)

    def alert(self, lines: Sequence[str]) -> None:
        """The item 9 notice: a red-bordered box, first on the page."""
        top = self.get_y()
        self.set_draw_color(*ALERT)
        self.set_line_width(0.8)
        self.set_x(self.l_margin + 3)
        self.set_text_color(*ALERT)
        self.set_font("Sans", "B", 11.5)
        self.multi_cell(
            self.epw - 6, 6, "Please note first: PHQ-9 item 9 was answered above 0", align="L"
        )
        self.ln(1)
        self.set_text_color(*INK)
        for line in lines:
            self.set_x(self.l_margin + 3)
            self.set_font("Sans", "", 10.5)
            self.multi_cell(
                self.epw - 6, 5.2, self.v(line), align="L", new_x="LMARGIN", new_y="NEXT"
            )
        self.rect(self.l_margin, top - 1.5, self.epw, self.get_y() - top + 3)
        self.set_line_width(0.2)
        self.set_draw_color(0, 0, 0)
        self.ln(5)

    def own_words(self, label: str, text: str) -> None:
        """The person's writing, rendered from their Markdown as every copy renders it
        (bold, headings as bold lines, lists, quotes, tables), in a labelled frame: a bar
        down its left side, on every page it runs onto, that no writing can draw."""
        self.set_font("Sans", "", 8.5)
        self.set_text_color(107, 95, 67)
        self.cell(0, 5, self.v(label), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*INK)
        self._frame_top = self.get_y()
        self._frame_x = self.l_margin + 0.5  # a list or quote moves the margin while it runs
        for block in markdown_blocks(text):
            self._block(block)
        self._frame_bar(self.get_y())
        self._frame_top = None
        self.ln(3)

    _frame_top: float | None = None
    _frame_x: float = 0.0

    def _frame_bar(self, bottom: float) -> None:
        """The own-words bar on this page, from where the frame began (or the page's top)."""
        if self._frame_top is None:
            return
        self.set_draw_color(*OWN_BAR)
        self.set_line_width(0.9)
        self.line(self._frame_x, self._frame_top, self._frame_x, bottom)
        self.set_line_width(0.2)
        self.set_draw_color(0, 0, 0)

    def _block(self, block: Block) -> None:
        indent = OWN_INDENT + 5 * block.depth
        if block.kind == "rule":
            self.line(
                self.l_margin + indent, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1
            )
            self.ln(3)
        elif block.kind == "table" and block.rows:
            width = max(len(r) for r in block.rows)
            rows = [r + [""] * (width - len(r)) for r in block.rows]
            self.grid(rows[0], rows[1:], indent=indent, own=True)
        elif block.kind == "code":
            self.set_font("Sans", "", 9)
            self.set_x(self.l_margin + indent)
            self.multi_cell(0, 4.6, self.v(block.text.rstrip("\n")), new_x="LMARGIN", new_y="NEXT")
            self.ln(1.5)
        else:
            self._runs(block, indent)

    def _runs(self, block: Block, indent: float) -> None:
        """A paragraph, heading or list item: its runs written in turn, wrapping at the
        indent (emphasis is printed upright: the shipped fonts have no italic)."""
        left = self.l_margin
        size = 10.5 if block.kind == "heading" else 10
        self.set_x(left + indent)
        if block.kind == "item":
            self.set_font("Sans", "", size)
            mark = block.marker
            width = self.get_string_width(mark) + 2
            self.cell(width, 5.2, mark)
            indent += width
        self.set_left_margin(left + indent)
        quoted = block.kind == "text" and block.depth > 0
        self.set_text_color(*(MUTED if quoted else INK))  # a quote reads as one
        try:
            for text, bold, _italic in block.runs:
                self.set_font("Sans", "B" if bold or block.kind == "heading" else "", size)
                self.write(5.2, self.v(text))
        finally:
            self.set_left_margin(left)
            self.set_text_color(*INK)
        self.ln(5.2)
        self.ln(0.8 if block.kind == "item" else 1.8)

    def grid(
        self,
        head: Sequence[str],
        rows: Sequence[Sequence[str]],
        flag_col: int = -1,
        *,
        indent: float = 0,
        own: bool = False,
    ) -> None:
        """A table with fpdf2's table layout: a long cell wraps inside its column (it used to
        run over the next one), and after a page break the header row comes again, so a
        page of rows never stands without the names of its columns. The body is on white;
        a table the person wrote (``own``) has a plain bold header, never the app's."""
        self.set_font("Sans", "", 9.5)
        self.set_text_color(*INK)
        self.set_fill_color(255, 255, 255)
        heading = (
            FontFace(emphasis="BOLD", color=INK, fill_color=OWN_HEAD)
            if own
            else FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=ACCENT)
        )
        flagged = FontFace(emphasis="BOLD", color=ALERT)
        printable = self._fallbacks_for(*head, *(value for row in rows for value in row))
        with self.table(
            headings_style=heading,
            repeat_headings=TableHeadingsDisplay.ON_TOP_OF_EVERY_PAGE,
            line_height=5.2,
            text_align="LEFT",
            first_row_as_headings=True,
            cell_fill_mode=TableCellFillMode.NONE,
            width=self.epw - indent,
            align="RIGHT" if indent else "CENTER",
        ) as table:
            top = table.row()
            for name in head:
                top.cell(printable(name))
            for row in rows:
                line = table.row()
                for i, value in enumerate(row):
                    alert = i == flag_col and value not in ("", "0")
                    line.cell(printable(value), style=flagged if alert else None)
        self.set_text_color(*INK)
        self.ln(2)

    def chart(
        self,
        points: Sequence[tuple[date, float]],
        y_max: float,
        caption: str,
        bands: Sequence[tuple[float, float, str]] = (),
    ) -> None:
        """A line chart drawn with vector lines (no image), with its caption as text."""
        if not points:
            return
        height = 48
        if self.get_y() + height + 14 > self.h - 18:
            self.add_page()
        x0, y0, w, h = self.l_margin + 10, self.get_y() + 2, self.epw - 12, height - 10

        def ypos(v: float) -> float:
            return y0 + h * (1 - v / y_max)

        for i, (low, high, label) in enumerate(bands):
            top, bottom = ypos(min(high + 0.5, y_max)), ypos(max(low - 0.5, 0))
            self.set_fill_color(*BAND_FILLS[i % len(BAND_FILLS)])
            self.rect(x0, top, w, bottom - top, style="F")
            self.set_font("Sans", "", 6.5)
            self.set_text_color(*MUTED)
            self.text(x0 + w - self.get_string_width(label) - 1, top + 3, label)
        self.set_draw_color(154, 168, 163)
        self.line(x0, y0 + h, x0 + w, y0 + h)
        self.line(x0, y0, x0, y0 + h)
        self.set_font("Sans", "", 7)
        for tick in (0, y_max / 2, y_max):
            self.text(x0 - 7, ypos(tick) + 1, f"{tick:g}")
        n = len(points)
        coords = [
            (x0 + (w / 2 if n == 1 else w * i / (n - 1)), ypos(v))
            for i, (_, v) in enumerate(points)
        ]
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.6)
        if n > 1:
            self.polyline(coords)
        self.set_fill_color(*ACCENT)
        for x, y in coords:
            self.circle(x, y, 0.9, style="F")
        self.set_line_width(0.2)
        self.set_draw_color(0, 0, 0)
        self.set_text_color(*MUTED)
        self.text(x0, y0 + h + 4, f"{points[0][0]:%d %b %Y}")
        last = f"{points[-1][0]:%d %b %Y}"
        self.text(x0 + w - self.get_string_width(last), y0 + h + 4, last)
        self.set_y(y0 + h + 6)
        self.para(caption, size=8.5)
        self.set_text_color(*INK)


# --- Markdown the app wrote (a small, known subset) --------------------------------------

_TABLE_RULE = re.compile(r"^\|\s*-")


def _plain(text: str) -> str:
    """Inline Markdown marks the app uses (bold, italics, code) taken off for print, and
    the person's short texts (escaped where the app wrote them) back to what they typed."""
    return inline_plain(text)


def app_markdown(pdf: SummaryPdf, markdown: str) -> None:
    """Draw Markdown the app generated: bold lines, lists, nested lists, tables, prose.

    Headings in it are drawn as bold text, never as section bands."""
    rows: list[list[str]] = []
    for raw in markdown.splitlines() + [""]:
        line = raw.rstrip()
        if line.startswith("|"):
            if not _TABLE_RULE.match(line):
                rows.append([_plain(c.strip()) for c in line.strip("|").split("|")])
            continue
        if rows:
            pdf.grid(rows[0], rows[1:])
            rows = []
        if not line.strip() or line.strip() == "---":
            continue
        stripped = line.lstrip()
        indent = (len(line) - len(stripped)) / 4 * 5
        if stripped.startswith(("- ", "* ")):
            pdf.bullet(_plain(stripped[2:]), indent=indent)
        elif stripped.startswith("#"):
            pdf.para(_plain(stripped.lstrip("# ")), bold=True)
        else:
            pdf.para(_plain(stripped), bold=stripped.startswith("**"))


# --- The document ------------------------------------------------------------------------


def _at_a_glance(pdf: SummaryPdf, preview: SharePreview) -> None:
    title, _, rest = preview.summary.partition("\n")
    pdf.set_text_color(*ACCENT)
    pdf.set_font("Sans", "B", 8)
    pdf.cell(0, 5, "THERAPY JOURNAL · AT A GLANCE", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.heading(title.lstrip("# ").strip(), size=17)
    notice = item9_markdown(preview.item9, preview.tz)
    if preview.item9:
        pdf.alert(item9_lines(preview.item9, preview.tz))
        rest = rest.replace(notice, "", 1)
    app_markdown(pdf, rest)


def _checkins(pdf: SummaryPdf, preview: SharePreview) -> None:
    if preview.item9:  # the notice is at the top of page 1; here, where to find it
        pdf.set_text_color(*ALERT)
        pdf.para(ITEM9_POINTER, bold=True)
        pdf.set_text_color(*INK)
    pdf.para(SCREENING_NOTE, size=9)
    answers = {c.id: c.answers for c in preview.checkins}
    for name in (GAD7, PHQ9):
        trend = preview.checkin_trends.get(name)
        if trend is None or not trend.points:
            continue
        inst = get_instrument(name)
        pdf.para(trend.name, size=11.5, bold=True)
        pdf.para(trend.sentence())
        head = ["Date", "Score", "Range"] + (["Item 9"] if name == PHQ9 else [])
        rows = []
        for p in trend.points:
            row = [f"{local_day(p.taken_at, preview.tz):%d %b %Y}", f"{p.score}/{trend.max_score}"]
            row.append(p.band_label)
            if name == PHQ9:
                given = answers.get(p.checkin_id) or []
                row.append(str(given[8]) if len(given) > 8 else "")
            rows.append(row)
        pdf.grid(head, rows, flag_col=3 if name == PHQ9 else -1)
        pdf.chart(
            [(local_day(p.taken_at, preview.tz), p.score) for p in trend.points],
            inst.max_score,
            f"{inst.name} scores (0–{inst.max_score}) with the published ranges shaded. "
            "A screening score, not a diagnosis.",
            [(b.low, b.high, b.label) for b in inst.bands],
        )
    if not preview.checkin_trends:
        pdf.para("No check-ins in this period.")
    pdf.para(ATTRIBUTION, size=8)


def _section(pdf: SummaryPdf, section: PreviewSection, preview: SharePreview) -> None:
    pdf.section_band(section.title)
    if section.key == CHECKINS:
        _checkins(pdf, preview)
        return
    if section.key == MONTH:
        months_pages(pdf, preview.months, pdf.v)
        return
    first = section.chunks[0]
    head = f"## {section.title}"
    app_markdown(pdf, first[len(head) :] if first.startswith(head) else first)
    if section.key == ENTRIES:
        note = entries_note(preview)
        if note:
            pdf.para(note, size=10)
        for e in section.entries[-MAX_PDF_ENTRIES:]:
            pdf.para(entry_meta(e, preview.tz), size=10, bold=True)
            if e.tags:
                pdf.para(" ".join(f"#{t}" for t in e.tags), size=9)
            pdf.own_words("Written in their journal", e.text)
    elif section.key == PROFILE:
        for label, text in section.own_words:
            pdf.own_words(f"In their words: {label}", text)
    if section.key == REVIEW and preview.anxiety:
        weeks = preview.anxiety
        pdf.chart(
            [(w.week_start, w.average) for w in weeks],
            10,
            f"Weekly average anxiety (0–10) over {len(weeks)} weeks with ratings.",
        )


# Drawing an entry takes fpdf2 tens of milliseconds, so ten years of them took minutes and
# made thousands of pages nobody reads on paper. The PDF keeps the newest ones; the HTML
# copy (which opens in any browser) keeps every one.
MAX_PDF_ENTRIES = 100


def entries_note(preview: SharePreview) -> str | None:
    """What the PDF says (and the shells repeat) when it holds only the newest entries."""
    shared = next((len(s.entries) for s in preview.sections if s.key == ENTRIES), 0)
    if shared <= MAX_PDF_ENTRIES:
        return None
    return (
        f"To keep it a readable size, this PDF holds the newest {MAX_PDF_ENTRIES} of the "
        f"{shared:,} journal entries shared. The HTML copy of the summary (the file that "
        "opens in a browser) holds every one."
    )


class _ExactPasswords(StandardSecurityHandler):
    """fpdf2's AES-256 handler, handed the very bytes readers hash.

    fpdf2 would run each password through SASLprep and cut it at 127 characters (not
    bytes), and a ``str`` cannot hold a 32-byte cut that ends inside a character, which is
    exactly what Poppler hashes. ``core.pdf_password`` has already refused what SASLprep
    would change, so the bytes go in as they are (carried in a ``str`` by
    ``surrogateescape``)."""

    def prepare_string(self, string: str) -> bytes:  # type: ignore[override]
        return string.encode("utf-8", "surrogateescape")


def _as_str(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def lock(pdf: FPDF, passwords: PdfPasswords) -> None:
    """AES-256 (revision 6) with the two passwords of ``passwords``; a random owner
    password when there is no second one (permissions are all granted anyway)."""
    owner = passwords.owner if passwords.owner is not None else os.urandom(24).hex().encode()
    # What ``FPDF.set_encryption`` does, with fpdf2's handler made exact (see above).
    pdf._security_handler = _ExactPasswords(  # noqa: SLF001
        pdf,
        owner_password=_as_str(owner),
        user_password=_as_str(passwords.user),
        encryption_method=EncryptionMethod.AES_256,
    )


def build_pdf(preview: SharePreview, passphrase: str, created: datetime) -> bytes:
    """The PDF of a preview, encrypted with AES-256 so it opens with the passphrase only,
    typed in its PDF form (``core.pdf_password.pdf_text``) in Poppler, qpdf and MuPDF."""
    passwords = pdf_passwords(passphrase)  # refuses, before any drawing, what cannot work
    pdf = SummaryPdf()
    pdf.set_creation_date(created)
    lock(pdf, passwords)
    pdf.add_page()
    _at_a_glance(pdf, preview)
    for section in preview.sections:
        if section is preview.sections[0]:
            pdf.add_page()  # the summary has page 1 to itself
        _section(pdf, section, preview)
    return bytes(pdf.output())

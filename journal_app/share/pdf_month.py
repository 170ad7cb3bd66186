"""The months at a glance in the PDF: one grid of weeks per month, numbers in every cell.

The same tints as the app and the HTML copy mark the bands, but every cell says its figure
in words too ("anxiety 8"), so a copy printed in black and white loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from fpdf import FPDF
from fpdf.enums import TableCellFillMode
from fpdf.fonts import FontFace

from journal_app.core.month import LEGEND, DayAtAGlance, MonthAtAGlance, weekday_names

TINTS = {"calm": (200, 230, 201), "moderate": (255, 224, 130), "high": (255, 180, 169)}
INK = (31, 31, 31)
HEAD = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=(47, 107, 94))
TITLE_HEIGHT = 12  # mm: a month's title and sentence
HEAD_HEIGHT = 7  # mm: the weekdays' row
ROW_HEIGHT = 14  # mm: room for a date, a figure and a check-in, so every week looks alike
CHECKIN_NOTE = "A questionnaire's name (GAD-7, PHQ-9) marks a check-in taken that day."


def day_text(d: DayAtAGlance | None) -> str:
    """A cell's lines: the date, then what the day holds (nothing for an empty day)."""
    if d is None:
        return ""
    lines = [str(d.day.day)]
    if d.anxiety is not None:
        lines.append(f"anxiety {d.anxiety}")
    elif d.entries:
        lines.append("written")
    lines += list(d.checkins)
    return "\n".join(lines)


def month_grid(pdf: FPDF, shown: MonthAtAGlance, shape: Callable[[str], str]) -> None:
    """One month: its title and sentence, then a seven-column table of its weeks."""
    pdf.set_font("Sans", "B", 11.5)
    pdf.multi_cell(0, 6, shape(shown.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sans", "", 10)
    pdf.multi_cell(0, 5.2, shape(shown.summary()), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sans", "", 8.5)
    pdf.set_text_color(*INK)
    pdf.set_fill_color(255, 255, 255)  # a day without a band on white, not the last fill
    with pdf.table(
        headings_style=HEAD,
        line_height=4.4,
        text_align="LEFT",
        first_row_as_headings=True,
        cell_fill_mode=TableCellFillMode.NONE,
        col_widths=(1,) * 7,
        v_align="TOP",
        min_row_height=ROW_HEIGHT,
    ) as table:
        top = table.row()
        for name in weekday_names():
            top.cell(name[:3])
        for week in shown.weeks():
            row = table.row()
            for d in week:
                tint = TINTS.get(d.band) if d is not None and d.band else None
                style = FontFace(color=INK, fill_color=tint) if tint else None
                row.cell(shape(day_text(d)), style=style)
    pdf.ln(3)


def months_pages(
    pdf: FPDF, months: tuple[MonthAtAGlance, ...], shape: Callable[[str], str]
) -> None:
    """The legend, then each month, a month never split across pages (one fits a page)."""
    pdf.set_font("Sans", "", 10)
    pdf.multi_cell(0, 5.2, shape(f"{LEGEND} {CHECKIN_NOTE}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    for shown in months:
        # fpdf2 drops a table drawn inside ``unbreakable``: the height is worked out instead.
        height = TITLE_HEIGHT + HEAD_HEIGHT + ROW_HEIGHT * len(shown.weeks())
        if pdf.will_page_break(height):
            pdf.add_page()
        month_grid(pdf, shown, shape)

"""The months at a glance as HTML tables: a real ``<table>`` per month, readable printed.

Each table has a caption (the month and its sentence), a header row of weekdays with
``scope="col"``, and one cell per day holding the date, the day's highest anxiety as a
number (with its band as a tint and in words for a screen reader) and the check-ins taken.
Colour is never the only sign: the number and the words are always there.
"""

from __future__ import annotations

from html import escape

from journal_app.core.month import (
    LEGEND,
    DayAtAGlance,
    MonthAtAGlance,
    counted,
    weekday_names,
)

CHECKIN_MARK = "✓ marks a check-in taken that day, with its questionnaire's name."


def _day_cell(d: DayAtAGlance | None) -> str:
    if d is None:
        return '<td class="tj-day tj-day-none"></td>'
    band = f" tj-band-{d.band}" if d.band else ""
    parts = [f'<span class="tj-day-date">{d.day.day}</span>']
    if d.anxiety is not None:
        parts.append(f'<strong class="tj-day-figure">{d.anxiety}</strong>')
    if d.entries:
        parts.append(f'<span class="tj-day-note">{counted(d.entries, "entry", "entries")}</span>')
    if d.checkins:
        parts.append(f'<span class="tj-day-note">✓ {escape(", ".join(d.checkins))}</span>')
    # The cell's words for a screen reader are the app's own label for the day.
    label = escape(d.label(), quote=True)
    return f'<td class="tj-day{band}" aria-label="{label}">{"".join(parts)}</td>'


def month_table(shown: MonthAtAGlance) -> str:
    """One month as a table of weeks (Monday first), captioned with its summary."""
    head = "".join(f'<th scope="col">{name[:3]}</th>' for name in weekday_names())
    rows = "".join("<tr>" + "".join(_day_cell(d) for d in week) + "</tr>" for week in shown.weeks())
    return (
        f'<table class="tj-table tj-month"><caption><strong>{escape(shown.title)}</strong>: '
        f"{escape(shown.summary())}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def months_html(months: tuple[MonthAtAGlance, ...]) -> str:
    """The legend, then each month's table."""
    return f"<p>{escape(LEGEND)} {CHECKIN_MARK}</p>" + "\n".join(month_table(m) for m in months)

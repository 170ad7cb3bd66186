"""A month at a glance: which days, what figure each day shows, and the grid of weeks.

The rules, decided once for the app and the doctor's copy:

- A day's anxiety is the **highest** rating of that day's journal entries (0-10), or None
  when no entry that day has a rating. The highest, not the mean: a calm evening should
  not hide a hard morning, and it is the figure a person remembers ("the worst it got").
- Days are the person's calendar days: each stored (UTC) moment is placed with their zone
  (``tz``, given by the app), so an entry at 23:30 local time counts on that day even when
  it is already tomorrow in UTC.
- Weeks start on Monday (ISO 8601, the common start in Europe and for health records);
  the days before the 1st and after the last day of the month are blanks in the grid.
- A day marks the check-ins (GAD-7, PHQ-9...) taken on it, by their short names.
- Anxiety is never shown by colour alone: the number is always there, and the colour band
  (``anxiety_band``) is named too (calm, moderate, high) for the legend.

Pure: no clock, no files, no Flet. The app gathers the records (``app/month.py``).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, tzinfo

from journal_app.core.checkins import get_instrument
from journal_app.core.journal import InvalidInput
from journal_app.core.records import CheckIn, Entry, local_day

WEEK_STARTS_ON = calendar.MONDAY
MAX_RATING = 10
# Colour bands for a day's anxiety, by the highest rating: 0-3 calm, 4-6 moderate, 7-10 high.
CALM, MODERATE, HIGH = "calm", "moderate", "high"
BAND_FLOORS = ((7, HIGH), (4, MODERATE), (0, CALM))
# The months a person can step to: far past any journal, short of the calendar's ends.
MIN_MONTH = (1900, 1)
MAX_MONTH = (2999, 12)


def counted(n: int, one: str, many: str) -> str:
    """ "1 entry", "2 entries": a count with its noun."""
    return f"{n} {one if n == 1 else many}"


@dataclass(frozen=True)
class DayAtAGlance:
    """One day of the month: its highest anxiety, how many entries, which check-ins."""

    day: date
    anxiety: int | None = None
    entries: int = 0
    checkins: tuple[str, ...] = ()

    @property
    def band(self) -> str | None:
        return None if self.anxiety is None else anxiety_band(self.anxiety)

    @property
    def empty(self) -> bool:
        return self.entries == 0 and not self.checkins

    def label(self) -> str:
        """The day's one accessible name: "Tuesday 3 November: anxiety 6 of 10, 2 entries,
        check-in taken (GAD-7)", or "...: no entries" for an empty day."""
        return f"{self.day:%A} {self.day.day} {self.day:%B}: {self.summary()}"

    def summary(self) -> str:
        """What the day holds, without its date (the label's second half)."""
        parts: list[str] = []
        if self.anxiety is not None:
            parts.append(f"anxiety {self.anxiety} of {MAX_RATING}")
        if self.entries:
            parts.append(counted(self.entries, "entry", "entries"))
        else:
            parts.append("no entries")
        if self.checkins:
            noun = "check-in" if len(self.checkins) == 1 else "check-ins"
            parts.append(f"{noun} taken ({', '.join(self.checkins)})")
        return ", ".join(parts)


@dataclass(frozen=True)
class MonthAtAGlance:
    """One month: its days and the grid of weeks (None where a week runs past the month)."""

    year: int
    month: int
    days: tuple[DayAtAGlance, ...]

    @property
    def title(self) -> str:
        return f"{calendar.month_name[self.month]} {self.year}"

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    def weeks(self) -> list[list[DayAtAGlance | None]]:
        """Rows of seven, Monday first; blanks before the 1st and after the last day."""
        lead = (self.first.weekday() - WEEK_STARTS_ON) % 7
        cells: list[DayAtAGlance | None] = [None] * lead + list(self.days)
        cells += [None] * (-len(cells) % 7)
        return [cells[i : i + 7] for i in range(0, len(cells), 7)]

    @property
    def empty(self) -> bool:
        return all(d.empty for d in self.days)

    def summary(self) -> str:
        """One plain sentence for the month: days written, highest day, check-ins."""
        written = [d for d in self.days if d.entries]
        rated = [d for d in self.days if d.anxiety is not None]
        checkins = sum(len(d.checkins) for d in self.days)
        if not written and not checkins:
            return f"Nothing written in {self.title}."
        parts = [f"{counted(len(written), 'day', 'days')} with entries"]
        if rated:
            parts.append(f"anxiety at its highest {max(d.anxiety or 0 for d in rated)} of 10")
        if checkins:
            parts.append(counted(checkins, "check-in", "check-ins"))
        return ", ".join(parts) + "."


def checkin_name(instrument: str) -> str:
    """A check-in's short display name ("gad7" -> "GAD-7"); an unknown one as stored."""
    try:
        return get_instrument(instrument).name
    except (InvalidInput, ValueError, KeyError):
        return instrument


def weekday_names() -> list[str]:
    """The grid's column headings, in week order (Monday first)."""
    return [calendar.day_name[(WEEK_STARTS_ON + i) % 7] for i in range(7)]


def anxiety_band(rating: int) -> str:
    """The colour band of a 0-10 rating: calm (0-3), moderate (4-6), high (7-10)."""
    return next(name for floor, name in BAND_FLOORS if rating >= floor)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a month (leap Februaries included)."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def step_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """The month ``delta`` months away (negative: back), held within the calendar's range."""
    index = year * 12 + (month - 1) + delta
    low = MIN_MONTH[0] * 12 + MIN_MONTH[1] - 1
    high = MAX_MONTH[0] * 12 + MAX_MONTH[1] - 1
    index = min(max(index, low), high)
    return index // 12, index % 12 + 1


def recent_months(today: date, count: int) -> list[tuple[int, int]]:
    """The last ``count`` months up to today's, oldest first (for the doctor's copy)."""
    return [step_month(today.year, today.month, -back) for back in range(count - 1, -1, -1)]


def month_at_a_glance(
    year: int,
    month: int,
    entries: Iterable[Entry],
    checkins: Iterable[CheckIn],
    tz: tzinfo | None = None,
) -> MonthAtAGlance:
    """Each day of the month with its highest anxiety, entry count and check-ins.

    Records outside the month (on the person's calendar, ``tz``) are passed over, so the
    caller may hand in a few days more than the month to be safe across time zones.
    """
    first, last = month_bounds(year, month)
    highest: dict[date, int] = {}
    counts: dict[date, int] = {}
    taken: dict[date, list[str]] = {}
    for entry in entries:
        day = local_day(entry.created_at, tz)
        if not first <= day <= last:
            continue
        counts[day] = counts.get(day, 0) + 1
        if entry.anxiety is not None:
            highest[day] = max(entry.anxiety, highest.get(day, entry.anxiety))
    for checkin in sorted(checkins, key=lambda c: c.taken_at):
        day = local_day(checkin.taken_at, tz)
        if first <= day <= last:
            taken.setdefault(day, []).append(checkin_name(checkin.instrument))
    days = tuple(
        DayAtAGlance(
            day=day,
            anxiety=highest.get(day),
            entries=counts.get(day, 0),
            checkins=tuple(taken.get(day, ())),
        )
        for day in (first.replace(day=n) for n in range(1, last.day + 1))
    )
    return MonthAtAGlance(year=year, month=month, days=days)


LEGEND = (
    "Each day's figure is its highest anxiety rating that day (0 to 10): 0-3 calm, "
    "4-6 moderate, 7-10 high. Weeks start on Monday."
)


def month_markdown(months: Iterable[MonthAtAGlance]) -> str:
    """The months as text (the Markdown copy and the preview): each month's sentence, then
    only the days that hold something, one line each, in the same words a screen reader
    hears in the app."""
    lines = [LEGEND, ""]
    for shown in months:
        lines += [f"### {shown.title}", "", shown.summary(), ""]
        lines += [f"- {d.label()}" for d in shown.days if not d.empty]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"

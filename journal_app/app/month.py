"""A month at a glance, gathered once for the app's month screen and the doctor's copy.

Only the month's records are decoded: the journal's time index answers "entries since the
day before the 1st" without reading older years, and the few days past the month's end
are passed over by the core. The person's calendar (``tz``) decides which day each entry
and check-in falls on (see ``core/month.py`` for the rules).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

from journal_app.app.journal_access import Journal
from journal_app.core.month import MonthAtAGlance, month_at_a_glance, month_bounds, recent_months
from journal_app.core.records import CheckIn, Entry

# A UTC day either side of the month covers every zone (offsets stay within 14 hours).
ZONE_MARGIN = timedelta(days=1)


def _since(first: date) -> datetime:
    return datetime.combine(first - ZONE_MARGIN, time.min, UTC)


def _until(last: date) -> datetime:
    return datetime.combine(last + ZONE_MARGIN + ZONE_MARGIN, time.min, UTC)


def month_of(repo: Journal, year: int, month: int, tz: tzinfo | None) -> MonthAtAGlance:
    """One month's days: highest anxiety, entries and check-ins, on the person's calendar."""
    first, last = month_bounds(year, month)
    start, end = _since(first), _until(last)
    entries = [e for e in repo.since(Entry, start) if e.created_at < end]
    checkins = [c for c in repo.since(CheckIn, start, field="taken_at") if c.taken_at < end]
    return month_at_a_glance(year, month, entries, checkins, tz)


def last_months(repo: Journal, today: date, count: int, tz: tzinfo | None) -> list[MonthAtAGlance]:
    """The last ``count`` months up to today's, oldest first (for the doctor's copy)."""
    return [month_of(repo, y, m, tz) for y, m in recent_months(today, count)]

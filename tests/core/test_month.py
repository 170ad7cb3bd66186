"""A month at a glance: each day's highest anxiety, entries and check-ins, in weeks from Monday."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from journal_app.core.month import (
    MAX_MONTH,
    MIN_MONTH,
    anxiety_band,
    month_at_a_glance,
    month_bounds,
    recent_months,
    step_month,
    weekday_names,
)
from journal_app.core.records import CheckIn, Entry

_ids = itertools.count()
NEW_YORK = ZoneInfo("America/New_York")
AUCKLAND = ZoneInfo("Pacific/Auckland")


def entry(at: datetime, anxiety: int | None = None) -> Entry:
    return Entry(id=f"e{next(_ids)}", created_at=at, text="a day", anxiety=anxiety)


def checkin(at: datetime, instrument: str = "gad7") -> CheckIn:
    return CheckIn(
        id=f"c{next(_ids)}", created_at=at, instrument=instrument, answers=[0] * 7, taken_at=at
    )


def utc(y: int, m: int, d: int, h: int = 12, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=UTC)


def test_a_day_shows_its_highest_rating_and_counts_every_entry() -> None:
    month = month_at_a_glance(
        2026,
        11,
        [entry(utc(2026, 11, 3, 8), 6), entry(utc(2026, 11, 3, 20), 2), entry(utc(2026, 11, 3))],
        [checkin(utc(2026, 11, 3, 9))],
    )
    day = month.days[2]
    assert (day.day, day.anxiety, day.entries) == (date(2026, 11, 3), 6, 3)
    assert day.checkins == ("GAD-7",)
    assert day.label() == "Tuesday 3 November: anxiety 6 of 10, 3 entries, check-in taken (GAD-7)"
    assert day.band == "moderate"


def test_an_empty_day_reads_no_entries_and_a_lone_checkin_still_shows() -> None:
    month = month_at_a_glance(2026, 11, [], [checkin(utc(2026, 11, 5), "phq9")])
    assert month.days[0].label() == "Sunday 1 November: no entries"
    assert month.days[0].anxiety is None and month.days[0].empty
    assert month.days[4].label() == "Thursday 5 November: no entries, check-in taken (PHQ-9)"


def test_entries_without_a_rating_are_counted_but_show_no_figure() -> None:
    day = month_at_a_glance(2026, 11, [entry(utc(2026, 11, 9))], []).days[8]
    assert day.anxiety is None and day.band is None
    assert day.label() == "Monday 9 November: 1 entry"


def test_weeks_start_on_monday_with_blanks_outside_the_month() -> None:
    weeks = month_at_a_glance(2026, 11, [], []).weeks()  # 1 November 2026 is a Sunday
    assert weekday_names()[0] == "Monday"
    assert weeks[0][:6] == [None] * 6
    assert weeks[0][6] is not None and weeks[0][6].day == date(2026, 11, 1)
    assert all(len(w) == 7 for w in weeks)
    assert weeks[-1][0] is not None and weeks[-1][0].day == date(2026, 11, 30)
    assert weeks[-1][1:] == [None] * 6
    assert len(weeks) == 6


def test_a_month_starting_on_monday_has_no_leading_blanks() -> None:
    weeks = month_at_a_glance(2021, 2, [], []).weeks()  # 1 Feb 2021: Monday, 28 days
    assert len(weeks) == 4 and all(cell is not None for week in weeks for cell in week)


def test_leap_years_have_a_29th_of_february() -> None:
    assert month_bounds(2024, 2)[1] == date(2024, 2, 29)
    assert month_bounds(2100, 2)[1] == date(2100, 2, 28)  # not a leap year
    assert month_bounds(2000, 2)[1] == date(2000, 2, 29)
    month = month_at_a_glance(2024, 2, [entry(utc(2024, 2, 29), 9)], [])
    assert len(month.days) == 29 and month.days[-1].anxiety == 9
    assert month.days[-1].band == "high"


def test_an_entry_near_midnight_counts_on_the_persons_own_day() -> None:
    late_evening = utc(2026, 12, 1, 4, 30)  # 23:30 on 30 November in New York
    in_nov = month_at_a_glance(2026, 11, [entry(late_evening, 5)], [], NEW_YORK)
    assert in_nov.days[29].anxiety == 5
    assert month_at_a_glance(2026, 12, [entry(late_evening, 5)], [], NEW_YORK).empty
    # The same moment is 1 December in UTC and 17:30 on 1 December in Auckland.
    assert month_at_a_glance(2026, 11, [entry(late_evening, 5)], [], UTC).empty
    assert month_at_a_glance(2026, 12, [entry(late_evening, 5)], [], AUCKLAND).days[0].entries == 1


def test_a_checkin_just_after_midnight_far_east_is_the_next_day() -> None:
    moment = utc(2026, 6, 14, 12, 30)  # 00:30 on 15 June in Auckland (UTC+12 in winter)
    month = month_at_a_glance(2026, 6, [], [checkin(moment)], AUCKLAND)
    assert month.days[14].checkins == ("GAD-7",) and not month.days[13].checkins


def test_an_empty_month_says_so_plainly() -> None:
    month = month_at_a_glance(2026, 4, [entry(utc(2026, 3, 31), 3)], [])
    assert month.empty and len(month.days) == 30
    assert month.summary() == "Nothing written in April 2026."
    assert month.title == "April 2026"


def test_the_month_summary_names_days_highest_and_checkins() -> None:
    month = month_at_a_glance(
        2026,
        11,
        [entry(utc(2026, 11, 2), 3), entry(utc(2026, 11, 4), 8), entry(utc(2026, 11, 4))],
        [checkin(utc(2026, 11, 4)), checkin(utc(2026, 11, 20), "phq9")],
    )
    assert month.summary() == "2 days with entries, anxiety at its highest 8 of 10, 2 check-ins."
    assert month.days[3].label().endswith("2 entries, check-in taken (GAD-7)")


def test_an_unknown_instrument_is_shown_as_stored() -> None:
    month = month_at_a_glance(2026, 11, [], [checkin(utc(2026, 11, 1), "odd-form")])
    assert month.days[0].checkins == ("odd-form",)


@pytest.mark.parametrize(
    ("rating", "band"), [(0, "calm"), (3, "calm"), (4, "moderate"), (6, "moderate"), (7, "high")]
)
def test_anxiety_bands(rating: int, band: str) -> None:
    assert anxiety_band(rating) == band
    assert anxiety_band(10) == "high"


def test_months_step_across_years_and_stop_at_the_ends() -> None:
    assert step_month(2026, 12, 1) == (2027, 1)
    assert step_month(2026, 1, -1) == (2025, 12)
    assert step_month(2026, 3, -15) == (2024, 12)
    assert step_month(*MIN_MONTH, -1) == MIN_MONTH
    assert step_month(*MAX_MONTH, 1) == MAX_MONTH


def test_recent_months_run_oldest_first_across_a_new_year() -> None:
    assert recent_months(date(2027, 2, 10), 3) == [(2026, 12), (2027, 1), (2027, 2)]
    assert recent_months(date(2027, 2, 10), 1) == [(2027, 2)]

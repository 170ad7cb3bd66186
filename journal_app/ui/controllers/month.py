"""The month screen's state: which month shows, stepping, and opening a day's entries.

The month is gathered by ``app/month.py``; a day opens the Journal through the Journal's
own controller (its date range set to that one day), so there is one list of entries and
one set of filters in the app, not a second one here.
"""

from __future__ import annotations

from datetime import date, timedelta

from journal_app.app.month import month_of
from journal_app.app.session import AppSession
from journal_app.core.month import MonthAtAGlance, step_month
from journal_app.ui.controllers.journal import controller_for as journal_controller
from journal_app.ui.keys import ARROW_DOWN, ARROW_LEFT, ARROW_RIGHT, ARROW_UP, PAGE_DOWN, PAGE_UP

# Where an arrow goes from a written day: a day back or on, a week back or on.
DAY_STEPS = {ARROW_LEFT: -1, ARROW_RIGHT: 1, ARROW_UP: -7, ARROW_DOWN: 7}
MONTH_STEPS = {PAGE_UP: -1, PAGE_DOWN: 1}  # as "Previous month" and "Next month"


class MonthController:
    """Which month the person is looking at, kept while the journal stays open."""

    def __init__(self, session: AppSession) -> None:
        self.session = session
        today = session.today()
        self.year, self.month = today.year, today.month

    def view(self) -> MonthAtAGlance:
        """The shown month's days, read fresh (a month is a few dozen records)."""
        with self.session.work() as repo:
            return month_of(repo, self.year, self.month, self.session.tz)

    def step(self, delta: int) -> None:
        """Back (-1) or forward (+1) a month."""
        self.year, self.month = step_month(self.year, self.month, delta)

    def page(self, key: str) -> bool:
        """Page Up and Page Down step a month back and on, as the buttons do; False for
        any other key."""
        delta = MONTH_STEPS.get(key)
        if delta is None:
            return False
        self.step(delta)
        return True

    def this_month(self) -> None:
        today = self.session.today()
        self.year, self.month = today.year, today.month

    @property
    def showing_this_month(self) -> bool:
        today = self.session.today()
        return (self.year, self.month) == (today.year, today.month)

    def open_day(self, day: date) -> None:
        """Show that day's entries in the Journal: its filters cleared, its date range set
        to the one day (the Journal's own "From"/"To" then say which day it is)."""
        journal = journal_controller(self.session)
        journal.clear_filters()
        journal.set_until(day)
        journal.set_since(day)


def day_for_key(shown: MonthAtAGlance, day: date, key: str) -> date | None:
    """The written day an arrow key moves to from ``day``: the next written day that way
    (Left, Right), or the first written day a week or more away (Up, Down). Days with
    nothing written are skipped, as Tab skips them. None when there is none that way in
    this month (focus stays: Page Up and Page Down change the month) or the key is not
    an arrow."""
    step = DAY_STEPS.get(key)
    if step is None:
        return None
    goal = day + timedelta(days=step)
    written = [d.day for d in shown.days if d.entries]
    if step > 0:
        later = [w for w in written if w >= goal]
        return min(later) if later else None
    earlier = [w for w in written if w <= goal]
    return max(earlier) if earlier else None


def first_written(shown: MonthAtAGlance) -> date | None:
    """The month's first day with entries, where focus goes when Page Up or Page Down
    changes the month under a focused day."""
    return next((d.day for d in shown.days if d.entries), None)


def controller_for(session: AppSession) -> MonthController:
    """One per opened journal: coming back to the month shows the month left."""
    return session.kept(MonthController, lambda: MonthController(session))

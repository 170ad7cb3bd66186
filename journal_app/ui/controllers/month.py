"""The month screen's state: which month shows, stepping, and opening a day's entries.

The month is gathered by ``app/month.py``; a day opens the Journal through the Journal's
own controller (its date range set to that one day), so there is one list of entries and
one set of filters in the app, not a second one here.
"""

from __future__ import annotations

from datetime import date

from journal_app.app.month import month_of
from journal_app.app.session import AppSession
from journal_app.core.month import MonthAtAGlance, step_month
from journal_app.ui.controllers.journal import controller_for as journal_controller


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


def controller_for(session: AppSession) -> MonthController:
    """One per opened journal: coming back to the month shows the month left."""
    return session.kept(MonthController, lambda: MonthController(session))

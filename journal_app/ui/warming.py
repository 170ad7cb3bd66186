"""Working the screens' summaries out ahead of their visit, in the background.

Check-ins and Review keep summaries of ten years of records per journal revision. Worked
out on the visit, they made the tab wait; so after unlocking, and again after each
change (saving an entry left Review to read ten years again), they are worked out off
the UI thread while the person reads the screen they are on.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from journal_app.app.drafts import saved_revision
from journal_app.app.session import UNLOCKED, AppSession, SessionLocked
from journal_app.ui.context import ScreenSpec


class ScreenWarmer:
    """Prepares every screen for the journal's current revision, once per revision."""

    def __init__(
        self, session: AppSession, screens: Sequence[ScreenSpec], delay_seconds: float
    ) -> None:
        self.session = session
        self.screens = screens
        self.delay_seconds = delay_seconds  # the screen just built goes out first
        self.warmed: tuple[int, ...] | None = None  # the revision last prepared for
        self.running = False

    def due(self) -> bool:
        """Is there a change the screens have not been prepared for (and no run going)?"""
        revision = self._revision()
        return revision is not None and revision != self.warmed and not self.running

    async def run(self) -> None:
        """Prepare until the screens match the journal; a change made meanwhile (a save
        while Review was being worked out) is caught up with before stopping."""
        self.running = True
        try:
            await asyncio.sleep(self.delay_seconds)
            while (now := self._revision()) is not None and now != self.warmed:
                self.warmed = now
                await asyncio.to_thread(self.prepare_all)
        finally:
            self.running = False

    def prepare_all(self) -> None:
        """Every record read once, then each screen's summaries (no Flet: a worker thread
        may run it); a failure is left for the screen itself to report plainly."""
        self.session.warm_up()
        for spec in self.screens:
            if spec.prepare is None or self.session.state != UNLOCKED:
                continue
            try:
                spec.prepare(self.session)
            except Exception:  # noqa: BLE001 - locked meanwhile, or damage the screen reports
                return
        self.session.settle()

    def _revision(self) -> tuple[int, ...] | None:
        """The journal's revision, drafts aside: a draft kept while typing gives the
        screens nothing new to prepare."""
        try:
            with self.session.work() as repo:
                return saved_revision(repo)
        except SessionLocked:
            return None

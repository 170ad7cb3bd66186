"""Home: what matters today, gathered from the core use cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from journal_app.app.clock import at_local, local_text
from journal_app.app.session import AppSession
from journal_app.core import followups
from journal_app.core.followups import Nudge
from journal_app.core.goals import Celebration, GoalProgress, overview
from journal_app.core.records import Candidate, CheckIn, Entry, ReferralSource
from journal_app.core.review import AnxietyWeek, anxiety_weeks, describe_anxiety, week_start

CHECKIN_EVERY = timedelta(days=14)
TREND_WEEKS = 8  # the weeks of anxiety Home shows


def trend_cutoff(today: date) -> datetime:
    """A moment before every entry Home's weeks can hold, in any time zone: the day
    before the first week starts, at midnight UTC (``anxiety_weeks`` checks each one)."""
    first = week_start(today) - timedelta(weeks=TREND_WEEKS - 1)
    return datetime.combine(first - timedelta(days=1), time.min, UTC)


@dataclass(frozen=True)
class HomeState:
    greeting: str
    checkin_nudge: str | None
    goals: list[GoalProgress]
    next_step: str | None
    anxiety: list[AnxietyWeek]
    anxiety_summary: str
    entry_count: int
    # Small next steps about therapists (follow up, let a referrer know), oldest first;
    # each has ``text`` and ``actions`` (id, button words) for ``act_on_nudge``.
    nudges: tuple[Nudge, ...] = ()


class HomeController:
    def __init__(self, session: AppSession) -> None:
        self.session = session

    def state(self) -> HomeState:
        today = self.session.today()
        celebrations = self.session.sync_journey()
        del celebrations  # the home screen shows progress; celebrations come with actions
        now = self.session.now()
        with self.session.work() as repo:
            # Only what the screen shows is decoded: the last weeks of entries and of
            # check-ins, and how many there are (ten years took most of unlock -> home).
            entries = repo.since(Entry, trend_cutoff(today))
            entry_count = repo.count(Entry)
            any_checkin = repo.count(CheckIn) > 0
            recent = repo.since(CheckIn, now - CHECKIN_EVERY, field="taken_at")
            goals = overview(repo, today, include_done=False)
            candidates = repo.all(Candidate)
            sources = repo.all(ReferralSource)
        tz = self.session.tz
        nudges = tuple(followups.follow_ups(candidates, sources, today, tz))
        weeks = anxiety_weeks(entries, today, weeks=TREND_WEEKS)
        nudge = None
        if not any_checkin:
            nudge = "A short check-in (GAD-7, about 2 minutes) gives you a starting point."
        elif not any(now - c.taken_at < CHECKIN_EVERY for c in recent):
            nudge = "It's been a couple of weeks since your last check-in. Want to do one?"
        next_step = next(
            (g.next_milestone.title for g in goals if g.next_milestone is not None), None
        )
        hour = self.session.local_now().hour
        part = "morning" if hour < 12 else ("afternoon" if hour < 18 else "evening")
        return HomeState(
            greeting=f"Good {part}.",
            checkin_nudge=nudge,
            goals=goals,
            next_step=next_step,
            anxiety=weeks,
            anxiety_summary=describe_anxiety(weeks),
            entry_count=entry_count,
            nudges=nudges,
        )

    def act_on_nudge(
        self, nudge: Nudge, action: str, at: datetime | None = None
    ) -> tuple[str, list[Celebration]]:
        """Do what the person chose ("I followed up", "Not now"...), at the moment they
        picked (None: now). Returns the line to show and any journey celebrations (booking
        a consultation ticks a milestone)."""
        with self.session.work() as repo:
            said = followups.act(
                repo, nudge.kind, nudge.candidate_id, action, now=self.session.now(), at=at
            )
        return said, self.session.sync_journey()

    def moment(self, day: date, clock: time) -> datetime:
        """A day and a time picked on the person's calendar and clock, as a stored moment."""
        return at_local(day, clock, self.session.tz)

    def when_words(self, moment: datetime | None) -> str:
        """ "When: now" or "When: Tue 24 Nov, 16:05", beside a nudge's choices."""
        if moment is None:
            return "When: now"
        return f"When: {local_text(moment, self.session.tz, '%a %d %b, %H:%M')}"

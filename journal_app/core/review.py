"""The review before a consultation: where I stand, gathered in one place.

One use case assembles it; the CLI prints it, the app shows it and the bundle renders
it, so all three always say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from statistics import mean
from typing import Any

from journal_app.core.checkins import Trend, trends
from journal_app.core.goals import GoalProgress, overview
from journal_app.core.plain_text import excerpt
from journal_app.core.ports import RecordStore
from journal_app.core.profile import Profile
from journal_app.core.questions import questions_in_order
from journal_app.core.records import Candidate, CheckIn, Entry, Question, local_day
from journal_app.core.shortlist import (
    FitReport,
    active_candidates,
    rank_candidates,
    shortlist_nudge,
)

TREND_WEEKS = 12
HIGHLIGHT_DAYS = 30
MAX_HIGHLIGHTS = 5
HIGHLIGHT_TAGS = {"highlight", "win", "starred", "progress", "proud"}


@dataclass(frozen=True)
class AnxietyWeek:
    """Average anxiety in one week (starting Monday) over the entries that rated it."""

    week_start: date
    average: float
    entries: int


@dataclass(frozen=True)
class Highlight:
    """A recent entry worth bringing up, with why it was picked."""

    entry: Entry
    reason: str

    @property
    def excerpt(self) -> str:
        """Plain words: a Markdown mark or a run-together list would read as noise here."""
        return excerpt(self.entry.text, limit=200)


@dataclass(frozen=True)
class Review:
    """Everything the review page, the CLI and the bundle show."""

    today: date
    profile: Profile
    goals: list[GoalProgress]
    anxiety_weeks: list[AnxietyWeek]
    anxiety_summary: str
    checkin_trends: dict[str, Trend]
    highlights: list[Highlight]
    shortlist: list[FitReport]
    shortlist_nudge: str | None
    questions: list[Question] = field(default_factory=list)
    tz: tzinfo | None = None  # the person's time zone, for the dates shown; None means UTC


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def anxiety_weeks(
    entries: Iterable[Entry],
    today: date,
    weeks: int = TREND_WEEKS,
    *,
    tz: tzinfo | None = None,
) -> list[AnxietyWeek]:
    """Weekly averages for the last ``weeks`` weeks; weeks with no rating are left out."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    # A day before ``first`` in UTC is before it in every zone (offsets stay within 14
    # hours): older entries are passed over without working out their local day, which
    # over thirty years of entries was most of the home screen's time.
    cutoff = datetime.combine(first - timedelta(days=1), time.min, UTC)
    buckets: dict[date, list[int]] = {}
    for entry in entries:
        if entry.anxiety is None or entry.created_at < cutoff:
            continue
        day = local_day(entry.created_at, tz)
        if day < first or day > today:
            continue
        buckets.setdefault(week_start(day), []).append(entry.anxiety)
    return [
        AnxietyWeek(week_start=start, average=round(mean(values), 1), entries=len(values))
        for start, values in sorted(buckets.items())
    ]


def describe_anxiety(weeks: Sequence[AnxietyWeek]) -> str:
    """One plain sentence about how anxiety has moved; no judgement, just the direction."""
    if not weeks:
        return "No anxiety ratings in the last few weeks."
    latest = weeks[-1]
    text = f"Average anxiety {latest.average}/10 in the week of {latest.week_start:%d %b}"
    if len(weeks) >= 2:
        earliest = weeks[0]
        change = round(latest.average - earliest.average, 1)  # 2.3 - 1.8 is 0.4999...
        if abs(change) < 0.5:
            text += f", about the same as the week of {earliest.week_start:%d %b}"
        else:
            direction = "down" if change < 0 else "up"
            since = f"{earliest.week_start:%d %b}"
            text += f", {direction} from {earliest.average}/10 in the week of {since}"
    return text + "."


def _highlight_reason(entry: Entry) -> str | None:
    if HIGHLIGHT_TAGS & {t.casefold() for t in entry.tags}:
        return "marked as a highlight"
    if (
        entry.coping_strategy
        and entry.anxiety is not None
        and entry.anxiety_after is not None
        and entry.anxiety_after < entry.anxiety
    ):
        before, after = entry.anxiety, entry.anxiety_after
        return f"{entry.coping_strategy} helped (anxiety {before}, then {after})"
    return None


def highlights(
    entries: Iterable[Entry], today: date, *, tz: tzinfo | None = None
) -> list[Highlight]:
    """Recent entries the person marked, or where a coping strategy helped; else the newest."""
    since = today - timedelta(days=HIGHLIGHT_DAYS)
    recent = sorted(
        (e for e in entries if since <= local_day(e.created_at, tz) <= today),
        key=lambda e: e.created_at,
        reverse=True,
    )
    picked = [Highlight(e, r) for e in recent if (r := _highlight_reason(e))]
    if len(picked) < MAX_HIGHLIGHTS:
        chosen = {h.entry.id for h in picked}
        picked += [Highlight(e, "recent") for e in recent if e.id not in chosen]
    return picked[:MAX_HIGHLIGHTS]


def build_review(
    store: RecordStore, profile: Profile, *, today: date, tz: tzinfo | None = None
) -> Review:
    """Assemble the consultation review from everything in the journal.

    ``today`` is the person's local date and ``tz`` their time zone (None: UTC), so entries
    are counted on the day they were written where the person is.
    """
    entries = store.all(Entry)
    weeks = anxiety_weeks(entries, today, tz=tz)
    candidates = store.all(Candidate)
    return Review(
        today=today,
        profile=profile,
        goals=overview(store, today),
        anxiety_weeks=weeks,
        anxiety_summary=describe_anxiety(weeks),
        checkin_trends=trends(store.all(CheckIn)),
        highlights=highlights(entries, today, tz=tz),
        shortlist=rank_candidates(active_candidates(candidates), profile),
        shortlist_nudge=shortlist_nudge(candidates),
        questions=[q for q in questions_in_order(store.all(Question)) if not q.asked],
        tz=tz,
    )


def review_to_dict(review: Review) -> dict[str, Any]:
    """A JSON-ready form for `journal-app review --json` and the bundle."""
    return {
        "date": review.today.isoformat(),
        "looking_for": review.profile.summary_lines(),
        "notes": dict(review.profile.notes),
        "goals": [
            {
                "title": g.goal.title,
                "done": g.done,
                "total": g.total,
                "percent": g.percent,
                "overdue": g.overdue or bool(g.overdue_milestones),
                "next": g.next_milestone.title if g.next_milestone else None,
                "summary": g.sentence(),
            }
            for g in review.goals
        ],
        "anxiety": {
            "summary": review.anxiety_summary,
            "weeks": [
                {"week_start": w.week_start.isoformat(), "average": w.average, "entries": w.entries}
                for w in review.anxiety_weeks
            ],
        },
        "checkins": {
            name: {
                "summary": trend.sentence(),
                "points": [
                    {
                        "date": local_day(p.taken_at, review.tz).isoformat(),
                        "score": p.score,
                        "band": p.band,
                    }
                    for p in trend.points
                ],
            }
            for name, trend in review.checkin_trends.items()
        },
        "highlights": [
            {
                "date": local_day(h.entry.created_at, review.tz).isoformat(),
                "why": h.reason,
                "text": h.excerpt,
            }
            for h in review.highlights
        ],
        "shortlist": [
            {
                "name": r.candidate.name,
                "status": r.candidate.status,
                "fit": r.sentence,
                "score": r.score,
            }
            for r in review.shortlist
        ],
        "shortlist_nudge": review.shortlist_nudge,
        "questions": [q.text for q in review.questions],
    }

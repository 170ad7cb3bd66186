"""The consultation review: anxiety by week, highlights, questions, shortlist, JSON and Markdown."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from journal_app.core.checkins import ATTRIBUTION, SCREENING_NOTE, record_checkin
from journal_app.core.goals import JOURNEY_TITLE, add_goal, start_journey
from journal_app.core.profile import MUST, NICE, Preference, Profile
from journal_app.core.questions import add_question, mark_asked
from journal_app.core.records import Entry
from journal_app.core.review import (
    HIGHLIGHT_DAYS,
    MAX_HIGHLIGHTS,
    AnxietyWeek,
    Highlight,
    anxiety_weeks,
    build_review,
    describe_anxiety,
    highlights,
    review_to_dict,
    week_start,
)
from journal_app.core.review_text import review_markdown
from journal_app.core.shortlist import add_candidate, set_status
from tests.core.memory_store import MemoryStore

TODAY = date(2025, 3, 12)  # a Wednesday
THIS_WEEK = date(2025, 3, 10)  # its Monday
NOW = datetime(2025, 3, 12, 18, 0, tzinfo=UTC)

PROFILE = Profile(
    preferences=(
        Preference("format", "How we meet", ("telehealth",), MUST, "format"),
        Preference("modality", "Approaches", ("cbt",), NICE, "modality"),
    ),
    notes={"What's been happening, in my words": "Work has been a lot."},
)

_ids = itertools.count(1)


def entry(
    day: date,
    text: str = "Wrote a little.",
    *,
    anxiety: int | None = None,
    tags: tuple[str, ...] = (),
    coping: str | None = None,
    after: int | None = None,
    hour: int = 12,
    minute: int = 0,
) -> Entry:
    return Entry(
        id=f"e{next(_ids)}",
        created_at=datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC),
        text=text,
        anxiety=anxiety,
        tags=list(tags),
        coping_strategy=coping,
        anxiety_after=after,
    )


def store_with(*entries: Entry) -> MemoryStore:
    store = MemoryStore()
    for e in entries:
        store.add(e)
    return store


# --- Anxiety by week -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "monday"),
    [
        (date(2025, 3, 10), date(2025, 3, 10)),  # Monday is its own start
        (date(2025, 3, 12), date(2025, 3, 10)),
        (date(2025, 3, 16), date(2025, 3, 10)),  # Sunday ends the week
        (date(2025, 3, 17), date(2025, 3, 17)),
        (date(2025, 1, 1), date(2024, 12, 30)),  # across a year end
    ],
)
def test_weeks_start_on_monday(day: date, monday: date) -> None:
    assert week_start(day) == monday


def test_anxiety_weekly_averages_split_at_monday_midnight() -> None:
    entries = [
        entry(date(2025, 3, 3), anxiety=8),
        entry(date(2025, 3, 5), anxiety=6),
        entry(date(2025, 3, 9), anxiety=7, hour=23, minute=59),  # Sunday night: last week
        entry(date(2025, 3, 10), anxiety=4, hour=0, minute=0),  # Monday 00:00: this week
        entry(date(2025, 3, 12), anxiety=5),
        entry(date(2025, 3, 11)),  # no rating: not counted anywhere
    ]
    assert anxiety_weeks(entries, TODAY) == [
        AnxietyWeek(week_start=date(2025, 3, 3), average=7.0, entries=3),
        AnxietyWeek(week_start=THIS_WEEK, average=4.5, entries=2),
    ]


def test_anxiety_averages_are_rounded_to_one_decimal() -> None:
    entries = [entry(TODAY, anxiety=a) for a in (1, 2, 2)]
    assert anxiety_weeks(entries, TODAY) == [AnxietyWeek(THIS_WEEK, 1.7, 3)]


def test_anxiety_zero_is_a_rating_not_a_missing_one() -> None:
    assert anxiety_weeks([entry(TODAY, anxiety=0)], TODAY) == [AnxietyWeek(THIS_WEEK, 0.0, 1)]


def test_only_the_last_twelve_weeks_count_and_empty_weeks_are_left_out() -> None:
    first_monday = THIS_WEEK - timedelta(weeks=11)
    assert first_monday == date(2024, 12, 23)
    entries = [
        entry(first_monday - timedelta(days=1), anxiety=10),  # the Sunday before: too old
        entry(first_monday, anxiety=9, hour=0),  # the first day of the window
        entry(date(2025, 2, 5), anxiety=3),
        entry(TODAY, anxiety=2, hour=23, minute=59),
        entry(TODAY + timedelta(days=1), anxiety=10, hour=0),  # after today: ignored
    ]
    weeks = anxiety_weeks(entries, TODAY)
    assert [(w.week_start, w.average) for w in weeks] == [
        (first_monday, 9.0),
        (date(2025, 2, 3), 3.0),
        (THIS_WEEK, 2.0),
    ]
    assert [w.week_start for w in anxiety_weeks(entries, TODAY, weeks=2)] == [THIS_WEEK]


def test_entries_fall_on_the_persons_own_day() -> None:
    new_york = timezone(timedelta(hours=-5))
    evening = entry(TODAY + timedelta(days=1), anxiety=6, hour=1)  # 20:00 on the 12th in NY
    sunday_night = entry(THIS_WEEK, anxiety=9, hour=3)  # 22:00 on Sunday 9th in NY
    assert anxiety_weeks([evening, sunday_night], TODAY, tz=new_york) == [
        AnxietyWeek(date(2025, 3, 3), 9.0, 1),
        AnxietyWeek(THIS_WEEK, 6.0, 1),
    ]
    assert [h.entry.id for h in highlights([evening], TODAY, tz=new_york)] == [evening.id]
    # Without a zone the stored UTC day counts, and the evening entry is "tomorrow".
    assert highlights([evening], TODAY) == []
    review = build_review(store_with(evening), Profile(), today=TODAY, tz=new_york)
    assert review_to_dict(review)["highlights"][0]["date"] == "2025-03-12"
    assert "- 12 Mar (recent)" in review_markdown(review)


# --- The anxiety sentence --------------------------------------------------------------------


def weeks_of(*averages: float) -> list[AnxietyWeek]:
    start = THIS_WEEK - timedelta(weeks=len(averages) - 1)
    return [AnxietyWeek(start + timedelta(weeks=i), a, 1) for i, a in enumerate(averages)]


def test_anxiety_sentence_with_nothing_or_one_week() -> None:
    assert describe_anxiety([]) == "No anxiety ratings in the last few weeks."
    assert describe_anxiety(weeks_of(6.5)) == "Average anxiety 6.5/10 in the week of 10 Mar."


@pytest.mark.parametrize(
    ("averages", "tail"),
    [
        ((7.0, 5.0, 4.5), ", down from 7.0/10 in the week of 24 Feb."),
        ((3.0, 6.0), ", up from 3.0/10 in the week of 03 Mar."),
        ((5.0, 5.4), ", about the same as the week of 03 Mar."),
        ((5.4, 5.0), ", about the same as the week of 03 Mar."),
        ((1.8, 2.3), ", up from 1.8/10 in the week of 03 Mar."),  # exactly half a point
        ((2.3, 1.8), ", down from 2.3/10 in the week of 03 Mar."),
    ],
)
def test_anxiety_sentence_compares_latest_with_earliest(
    averages: tuple[float, ...], tail: str
) -> None:
    latest = averages[-1]
    assert describe_anxiety(weeks_of(*averages)) == (
        f"Average anxiety {latest}/10 in the week of 10 Mar{tail}"
    )


# --- Highlights ------------------------------------------------------------------------------


def test_highlights_prefer_marked_entries_and_coping_that_helped() -> None:
    marked = entry(TODAY - timedelta(days=3), "Called the clinic!", tags=("Win",))
    helped = entry(
        TODAY - timedelta(days=2), "Panic.", anxiety=7, coping="paced breathing", after=3
    )
    no_help = entry(TODAY - timedelta(days=1), "Tried.", anxiety=5, coping="grounding", after=5)
    no_after = entry(TODAY, "Tried again.", anxiety=5, coping="reframing")
    found = highlights([marked, helped, no_help, no_after], TODAY)
    assert [(h.entry.id, h.reason) for h in found] == [
        (helped.id, "paced breathing helped (anxiety 7, then 3)"),
        (marked.id, "marked as a highlight"),
        (no_after.id, "recent"),
        (no_help.id, "recent"),
    ]


@pytest.mark.parametrize("tag", ["highlight", "WIN", "starred", "Progress", "proud"])
def test_every_highlight_tag_counts_in_any_case(tag: str) -> None:
    (found,) = highlights([entry(TODAY, tags=(tag,))], TODAY)
    assert found.reason == "marked as a highlight"


def test_highlights_fall_back_to_the_newest_and_stop_at_five() -> None:
    entries = [entry(TODAY - timedelta(days=d), f"day {d}") for d in range(8)]
    found = highlights(entries, TODAY)
    assert len(found) == MAX_HIGHLIGHTS == 5
    assert [h.entry.text for h in found] == [f"day {d}" for d in range(5)]
    assert {h.reason for h in found} == {"recent"}


def test_more_than_five_marked_entries_keep_the_newest_five() -> None:
    entries = [entry(TODAY - timedelta(days=d), f"win {d}", tags=("win",)) for d in range(7)]
    entries.append(entry(TODAY, "plain and newest", hour=23))
    found = highlights(entries, TODAY)
    assert [h.entry.text for h in found] == [f"win {d}" for d in range(5)]


def test_highlights_look_back_thirty_days_only() -> None:
    edge = entry(TODAY - timedelta(days=HIGHLIGHT_DAYS), "thirty days ago", tags=("win",))
    old = entry(TODAY - timedelta(days=HIGHLIGHT_DAYS + 1), "too old", tags=("win",))
    future = entry(TODAY + timedelta(days=1), "tomorrow", tags=("win",))
    assert [h.entry.text for h in highlights([edge, old, future], TODAY)] == ["thirty days ago"]
    assert highlights([old, future], TODAY) == []


def test_highlight_excerpt_is_one_line_and_at_most_200_characters() -> None:
    short = Highlight(entry(TODAY, "Line one\n\n  line   two 🌿"), "recent")
    assert short.excerpt == "Line one line two 🌿"
    long = Highlight(entry(TODAY, "word " * 100), "recent")
    assert len(long.excerpt) == 200 and long.excerpt.endswith("…")
    assert long.excerpt.startswith("word word")
    exact = Highlight(entry(TODAY, "x" * 200), "recent")
    assert exact.excerpt == "x" * 200


# --- The whole review ------------------------------------------------------------------------


def full_store() -> MemoryStore:
    store = store_with(
        entry(date(2025, 3, 4), "Hard week at work.", anxiety=8),
        entry(TODAY, "Booked a call 🎉", anxiety=4, tags=("win",)),
    )
    start_journey(store, ids=(f"j{i}" for i in itertools.count()), now=NOW)
    add_goal(
        store, "Sleep before midnight", "2025-04-01", ["No phone in bed"], record_id="g1", now=NOW
    )
    record_checkin(store, "gad7", [2] * 7, record_id="c1", now=NOW - timedelta(days=14))
    record_checkin(store, "gad7", [1] * 7, record_id="c2", now=NOW)
    add_candidate(store, "Dr Zed", formats=["telehealth"], record_id="z", now=NOW)
    add_candidate(store, "Dr Amal", formats=["in_person"], record_id="a", now=NOW)
    add_candidate(
        store, "Bea Clinic", formats=["telehealth"], modalities=["CBT"], record_id="b", now=NOW
    )
    add_candidate(store, "Declined Dan", formats=["telehealth"], record_id="d", now=NOW)
    set_status(store, "d", "declined", now=NOW)
    add_question(store, "Do you offer evening sessions?", record_id="q1", now=NOW)
    add_question(store, "Already asked this one", record_id="q2", now=NOW)
    mark_asked(store, "q2", now=NOW)
    return store


def test_build_review_gathers_everything() -> None:
    review = build_review(full_store(), PROFILE, today=TODAY)
    assert review.today == TODAY
    assert [g.goal.title for g in review.goals] == [JOURNEY_TITLE, "Sleep before midnight"]
    assert [(w.week_start, w.average) for w in review.anxiety_weeks] == [
        (date(2025, 3, 3), 8.0),
        (THIS_WEEK, 4.0),
    ]
    assert review.anxiety_summary == (
        "Average anxiety 4/10 in the week of 10 Mar, down from 8/10 in the week of 03 Mar."
    )
    assert [p.score for p in review.checkin_trends["gad7"].points] == [14, 7]
    assert [h.reason for h in review.highlights] == ["marked as a highlight", "recent"]
    # Best fit first (telehealth must-have, CBT nice-to-have), declined left out.
    assert [r.candidate.name for r in review.shortlist] == ["Bea Clinic", "Dr Zed", "Dr Amal"]
    assert review.shortlist_nudge is None
    assert [q.text for q in review.questions] == ["Do you offer evening sessions?"]


def test_the_nudge_counts_only_candidates_still_in_the_running() -> None:
    store = MemoryStore()
    add_candidate(store, "One", record_id="1", now=NOW)
    add_candidate(store, "Two", record_id="2", now=NOW)
    add_candidate(store, "Three", record_id="3", now=NOW)
    assert build_review(store, Profile(), today=TODAY).shortlist_nudge is None
    set_status(store, "3", "declined", now=NOW)
    review = build_review(store, Profile(), today=TODAY)
    assert (
        review.shortlist_nudge is not None and "You have 2 options so far" in review.shortlist_nudge
    )
    assert [r.candidate.name for r in review.shortlist] == ["One", "Two"]


def test_review_to_dict_shape() -> None:
    data = review_to_dict(build_review(full_store(), PROFILE, today=TODAY))
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data  # JSON-ready as it is
    assert set(data) == {
        "date",
        "looking_for",
        "notes",
        "goals",
        "anxiety",
        "checkins",
        "highlights",
        "shortlist",
        "shortlist_nudge",
        "questions",
    }
    assert data["date"] == "2025-03-12"
    assert data["looking_for"] == [
        "How we meet: telehealth (must-have)",
        "Approaches: cbt (nice-to-have)",
    ]
    assert data["notes"] == {"What's been happening, in my words": "Work has been a lot."}
    journey_goal, own = data["goals"]
    assert journey_goal == {
        "title": JOURNEY_TITLE,
        "done": 0,
        "total": 7,
        "percent": 0,
        "overdue": False,
        "next": "Put into words what I'm looking for",
        "summary": f"{JOURNEY_TITLE}: 0 of 7 done (0%). Next: Put into words what I'm looking for.",
    }
    assert own["title"] == "Sleep before midnight" and own["total"] == 1 and own["next"] is None
    assert data["anxiety"]["weeks"] == [
        {"week_start": "2025-03-03", "average": 8.0, "entries": 1},
        {"week_start": "2025-03-10", "average": 4.0, "entries": 1},
    ]
    assert data["anxiety"]["summary"].startswith("Average anxiety 4/10")
    assert list(data["checkins"]) == ["gad7"]
    assert data["checkins"]["gad7"]["points"] == [
        {"date": "2025-02-26", "score": 14, "band": "moderate"},
        {"date": "2025-03-12", "score": 7, "band": "mild"},
    ]
    assert "7 lower than your first of 14" in data["checkins"]["gad7"]["summary"]
    assert data["highlights"][0] == {
        "date": "2025-03-12",
        "why": "marked as a highlight",
        "text": "Booked a call 🎉",
    }
    first = data["shortlist"][0]
    assert set(first) == {"name", "status", "fit", "score"}
    assert first["name"] == "Bea Clinic" and first["status"] == "to_contact"
    assert first["fit"].startswith("Meets 1 of 1 must-have: telehealth.")
    assert data["shortlist_nudge"] is None
    assert data["questions"] == ["Do you offer evening sessions?"]


def test_empty_review_to_dict() -> None:
    data = review_to_dict(build_review(MemoryStore(), Profile(), today=TODAY))
    assert data["looking_for"] == [] and data["goals"] == [] and data["highlights"] == []
    assert data["anxiety"] == {"summary": "No anxiety ratings in the last few weeks.", "weeks": []}
    assert data["checkins"] == {} and data["shortlist"] == [] and data["questions"] == []
    assert data["shortlist_nudge"] is not None


HEADINGS = [
    "# Before my consultation",
    "## What I'm looking for",
    "## My questions",
    "## Goals",
    "## Anxiety",
    "## Check-ins",
    "## Shortlist",
    "## Recent highlights",
]


def test_review_markdown_has_every_section_in_order() -> None:
    text = review_markdown(build_review(full_store(), PROFILE, today=TODAY))
    positions = [text.index(h + "\n") for h in HEADINGS]
    assert positions == sorted(positions)
    assert "*As of 12 March 2025*" in text
    assert "- How we meet: telehealth (must-have)" in text
    assert "### In my own words" in text and "Work has been a lot." in text
    assert "- Do you offer evening sessions?" in text
    assert "Already asked this one" not in text
    assert f"- {JOURNEY_TITLE}: 0 of 7 done (0%)." in text
    assert "Average anxiety 4/10" in text
    assert SCREENING_NOTE in text and ATTRIBUTION in text
    assert "- **Bea Clinic** — Meets 1 of 1 must-have" in text
    assert "Declined Dan" not in text
    assert "- 12 Mar (marked as a highlight): Booked a call 🎉" in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_review_markdown_empty_states() -> None:
    text = review_markdown(build_review(MemoryStore(), Profile(), today=TODAY), title="For Dr Lee")
    assert text.startswith("# For Dr Lee\n")
    for line in (
        "I haven't said what I'm looking for yet.",
        "No questions noted yet.",
        "No goals yet.",
        "No anxiety ratings in the last few weeks.",
        "No check-ins yet.",
        "No therapists on the shortlist yet.",
        "Having about three therapists to compare is the usual advice.",
        "No recent entries.",
    ):
        assert line in text
    assert "### In my own words" not in text and ATTRIBUTION not in text


def test_overdue_goal_is_flagged_in_both_forms() -> None:
    store = MemoryStore()
    add_goal(
        store, "Call the GP", "2025-03-05", record_id="g", now=datetime(2025, 3, 1, tzinfo=UTC)
    )
    review = build_review(store, Profile(), today=TODAY)
    assert review_to_dict(review)["goals"][0]["overdue"] is True
    assert "Call the GP: no steps yet. *(overdue)*" in review_markdown(review)


def test_the_review_markdown_reads_back_short_texts_as_typed() -> None:
    from journal_app.share.render import markdown_to_safe_html

    store = MemoryStore()
    when = datetime(2026, 3, 1, 9, tzinfo=UTC)
    add_question(store, "1986. was hard — should I say?", record_id="q1", now=when)
    add_goal(store, "Call 2 clinics *today*", record_id="g1", now=when)
    add_candidate(store, "Dr A_B", record_id="c1", now=when)
    html = markdown_to_safe_html(review_markdown(build_review(store, Profile(), today=TODAY)))
    for typed in ("1986. was hard — should I say?", "Call 2 clinics *today*", "Dr A_B"):
        assert typed in html, typed
    assert "<ol" not in html and "<em>today</em>" not in html

"""Synthetic journals of a chosen length, deterministic from a seed, for measuring."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from journal_app.core.records import CheckIn, Entry

WORDS = (  # noqa: SIM905 - prose reads better than a list of words
    "today I felt anxious about calling the clinic again and my chest was tight but I "
    "tried the breathing exercise and it helped a little then I wrote down what I want "
    "from a therapist someone warm who explains things and offers evening telehealth "
    "sessions my friend suggested a counsellor near work I worry about the cost and "
    "whether my insurance covers it I slept badly and kept thinking about the call"
).split()
TAGS = ["search", "work", "sleep", "family", "calls", "money", "progress", "worry"]
FEELINGS = ["anxious", "hopeful", "tired", "calm", "overwhelmed", "proud", "sad"]


def entries(years: int, seed: int = 7, words_per_entry: int = 300) -> Iterator[Entry]:
    """One entry a day for ``years`` years, ~``words_per_entry`` words each."""
    rng = random.Random(seed)
    start = datetime(2016, 1, 1, 20, 0, tzinfo=UTC)
    for day in range(365 * years):
        text = " ".join(rng.choice(WORDS) for _ in range(words_per_entry))
        yield Entry(
            id=f"bench-{day:06d}",
            created_at=start + timedelta(days=day),
            text=text.capitalize() + ".",
            anxiety=rng.randrange(11),
            tags=rng.sample(TAGS, 2),
            feelings=rng.sample(FEELINGS, 2),
        )


PROFILE_ANSWERS = [
    ("concerns", ["anxiety", "sleep"], "must"),
    ("modality", ["cbt", "act"], "must"),
    ("format", ["telehealth"], "must"),
    ("availability", ["weekday_evening"], "nice"),
    ("language", ["english"], "must"),
    ("budget", 120, "nice"),
]
CANDIDATES = [
    dict(name="Dr. Ana Ruiz", credentials="PsyD", modalities=["cbt", "act"],
         specialties=["anxiety", "sleep"], formats=["telehealth"], languages=["english",
         "spanish"], fee=110, availability=["weekday_evening"], status="consultation_booked"),
    dict(name="Harbour Counselling", credentials="Clinic", modalities=["psychodynamic"],
         formats=["in_person"], languages=["english"], fee=90, status="contacted"),
    dict(name="Sam Lee", credentials="LCSW", modalities=["cbt"], formats=["telehealth",
         "in_person"], languages=["english"], fee=150),
    dict(name="Priya Nair", credentials="LMFT", modalities=["act", "ifs"],
         specialties=["anxiety"], formats=["telehealth"], languages=["english", "hindi"]),
]  # fmt: skip
QUESTIONS = [
    "How do you usually work with anxiety that shows up at night?",
    "What does a first session with you look like?",
    "Do you offer evening video sessions, and what do you charge?",
]


def populate(repo, years: int, *, seed: int = 7, today: date | None = None) -> date:
    """A whole journal: daily entries, weekly check-ins, goals, a shortlist, a profile.

    Entries end on ``today`` (default: 2026-11-20) so reviews and charts look current.
    Returns the last day written.
    """
    from journal_app.app.profile import packs
    from journal_app.core.goals import add_goal, complete_milestone, milestones_for, start_journey
    from journal_app.core.prompt_engine import answer_prompt
    from journal_app.core.questions import add_question
    from journal_app.core.shortlist import add_candidate

    rng = random.Random(seed)
    last = today or date(2026, 11, 20)
    start = datetime.combine(last, datetime.min.time(), UTC) - timedelta(days=365 * years - 1)
    days = 365 * years
    batch = []
    for day in range(days):
        at = start + timedelta(days=day, hours=20)
        calmer = day / days  # anxiety eases a little over the years
        batch.append(
            Entry(
                id=f"bench-{day:06d}",
                created_at=at,
                text=(" ".join(rng.choice(WORDS) for _ in range(300))).capitalize() + ".",
                anxiety=max(0, min(10, round(rng.gauss(7 - 3 * calmer, 1.5)))),
                tags=rng.sample(TAGS, 2),
                feelings=rng.sample(FEELINGS, 2),
                coping_strategy="paced breathing" if day % 5 == 0 else None,
                anxiety_after=max(0, round(rng.gauss(4, 1))) if day % 5 == 0 else None,
            )
        )
    repo.add_many(batch)
    n = 0

    def ids() -> str:
        nonlocal n
        n += 1
        return f"bench-rec-{n:06d}"

    checkins = []
    for week in range(0, days, 7):
        at = start + timedelta(days=week, hours=9)
        level = 1 - week / days
        gad = [min(3, max(0, round(rng.gauss(2 * level + 0.4, 0.6)))) for _ in range(7)]
        phq = [min(3, max(0, round(rng.gauss(1.5 * level + 0.3, 0.6)))) for _ in range(8)] + [0]
        for instrument, answers in (("gad7", gad), ("phq9", phq)):
            checkins.append(
                CheckIn(
                    id=ids(), created_at=at, instrument=instrument, answers=answers, taken_at=at
                )
            )
    repo.add_many(checkins)  # one durable write, as an import would do
    now = datetime.combine(last, datetime.min.time(), UTC)
    for prompt_id, value, importance in PROFILE_ANSWERS:
        answer_prompt(repo, packs(), prompt_id, value, importance, record_id=ids(), now=now)
    journey = start_journey(repo, ids=ids, now=now)
    for milestone in milestones_for(repo, journey.id)[:4]:
        complete_milestone(repo, milestone.id, now=now)
    add_goal(repo, "Try a breathing exercise before phone calls", last + timedelta(days=14),
             ["Pick an exercise", "Practise once a day"], record_id=ids(), now=now)  # fmt: skip
    for fields in CANDIDATES:
        add_candidate(repo, **fields, record_id=ids(), now=now)
    for text in QUESTIONS:
        add_question(repo, text, record_id=ids(), now=now)
    return last

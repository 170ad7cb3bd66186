"""Synthetic journals of a chosen length, deterministic from a seed, for measuring."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from journal_app.core.records import Entry

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

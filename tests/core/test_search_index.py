"""The remembered search answers give exactly what reading every entry gives."""

from __future__ import annotations

import random
import unicodedata
from datetime import UTC, datetime, timedelta

from journal_app.core import search_index
from journal_app.core.journal import EntryQuery, search_entries
from journal_app.core.records import Entry

START = datetime(2020, 1, 1, tzinfo=UTC)
# Full-width letters, a ligature, ß, Hebrew, a combining accent and the Kelvin sign: text
# whose folded form differs from what was typed.
WORDS = ["call", "Calling", "insurance", "ＣＡＬＬ", "ﬁne", "fine", "Straße", "strasse",
         "שלום", "voicemail", "évening", "e\u0301vening", "\u212aelvin", "kelvin", "",
         "panic!"]  # fmt: skip


def reference(entries: list[Entry], words: str) -> list[str]:
    """The rule written plainly: every folded word in the folded text, tags and feelings."""

    def fold(text: str) -> str:
        return unicodedata.normalize("NFKC", text).casefold()

    wanted = [fold(w) for w in words.split()]
    hits = [
        e
        for e in entries
        if all(w in fold(" ".join((e.text, *e.tags, *e.feelings))) for w in wanted)
    ]
    hits.sort(key=lambda e: e.created_at, reverse=True)
    return [e.id for e in hits]


def found(entries: list[Entry], words: str) -> list[str]:
    return [e.id for e in search_entries(entries, EntryQuery(words=words))]


def random_entry(rng: random.Random, n: int) -> Entry:
    return Entry(
        id=f"e{n}",
        created_at=START + timedelta(hours=n),
        text=" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 8))),
        tags=[rng.choice(WORDS) for _ in range(rng.randint(0, 2))],
        feelings=[rng.choice(WORDS) for _ in range(rng.randint(0, 1))],
    )


def test_answers_match_reading_every_entry_through_adds_edits_and_removals() -> None:
    rng = random.Random(15)
    entries = [random_entry(rng, n) for n in range(60)]
    queries = ["call", "cal", "c", "calling", "fine", "ﬁ", "strasse", "STRASSE", "call fine",
               "voicemail", "vening", "kelvin", "שלום", "panic!", "!", "x", "ll in"]  # fmt: skip
    made = len(entries)
    for step in range(150):
        words = rng.choice(queries)
        assert found(entries, words) == reference(entries, words), (step, words)
        change = rng.random()
        if change < 0.2:  # added at the end, as the repository does
            entries = [*entries, random_entry(rng, made)]
            made += 1
        elif change < 0.3:  # an edit: a new object in the same place
            i = rng.randrange(len(entries))
            entries = [*entries[:i], random_entry(rng, made), *entries[i + 1 :]]
            made += 1
        elif change < 0.35 and entries:  # removed
            entries = entries[:-1] if rng.random() < 0.5 else entries[1:]
        elif change < 0.45:  # changed in place (text, or a tag added to the same list)
            e = rng.choice(entries)
            if rng.random() < 0.5:
                e.text = e.text + " voicemail"
            else:
                e.tags.append("insurance")
        else:
            entries = list(entries)  # the same entries in a fresh list, as repo.all gives


def test_typing_a_word_letter_by_letter_narrows_the_same_answers() -> None:
    entries = [
        Entry(id="a", created_at=START, text="insurance call"),
        Entry(id="b", created_at=START + timedelta(1), text="insight"),
        Entry(id="c", created_at=START + timedelta(2), text="Ins and outs"),
    ]
    typed = [found(entries, "insurance"[:n]) for n in range(1, 10)]
    assert typed[0] == ["c", "b", "a"]  # "i"
    assert typed[2] == ["c", "b", "a"]  # "ins"
    assert typed[3] == ["a"]  # "insu"
    assert typed[-1] == ["a"]
    assert found(entries, "ins") == ["c", "b", "a"]  # back again: still right


def test_forget_lets_go_of_every_entry() -> None:
    entries = [Entry(id="a", created_at=START, text="a private thought")]
    assert found(entries, "private") == ["a"]
    assert search_index.SHARED._index.entries  # held for the next search
    search_index.forget()
    assert search_index.SHARED._index.entries == []
    assert search_index.SHARED._index.haystacks == []
    assert search_index.SHARED._index.answers == {}

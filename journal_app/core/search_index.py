"""Finding words in many entries without reading every entry's text on every keystroke.

A search matches when each folded query word occurs somewhere in an entry's folded text,
tags and feelings (its "haystack"), as a plain substring. At thirty years that is ~18 MB
of text: scanning it for a word no entry holds costs ≈11 ms of CPU on the project's
machine, and the loop around it (one call per entry, a cache key built per entry) about
as much again. So:

- Each entry is folded once and its haystack kept (``EntryIndex.haystacks``).
- Each word's answer (the positions of the entries holding it) is kept for the words
  searched recently. A word seen again is answered without reading any text. A new word
  that contains a remembered one (typing "insu" after "ins") can only occur in the
  entries holding that one, so only those are read.

The answers belong to one list of entries (the repository hands out the same objects in
the same order until something changes). Each search checks, cheaply and in C, that the
entries are still the same objects with the same text, tags and feelings; entries added
at the end are folded and checked against the remembered words; anything else starts
again, reusing the folded text of entries seen before.

(A word index was tried first: splitting thirty years of writing into words costs
≈570 ms of CPU, far more than scanning ever does. Remembering answers costs nothing up
front, so a one-off command's single search is no slower than a scan.)

Memory: the folded haystacks (about the size of the writing) and up to ``REMEMBERED``
answers as 4-byte positions. ``forget`` drops it all; the repository calls it on close.
"""

from __future__ import annotations

import unicodedata
from array import array
from collections.abc import Sequence
from operator import attrgetter, is_
from threading import Lock
from typing import Protocol, TypeVar


class Searchable(Protocol):
    """What the index reads from an entry."""

    text: str
    tags: list[str]
    feelings: list[str]


_texts = attrgetter("text")
_tags = attrgetter("tags")
_feelings = attrgetter("feelings")


def fold(text: str) -> str:
    """Text as a search compares it: NFKC-normalised and case-folded, so full-width
    letters, ligatures and "ß"/"ss" match as a person would expect."""
    return unicodedata.normalize("NFKC", text).casefold()


S = TypeVar("S", bound=Searchable)

# An entry as the index last saw it (entry, text, tags, feelings, folded haystack), kept
# while the index starts again so unchanged entries are not folded twice.
_Folded = tuple[Searchable, str, list[str], list[str], str]


def haystack(entry: Searchable) -> str:
    """The folded text a search looks in: the writing, then tags and feelings."""
    return fold(" ".join((entry.text, *entry.tags, *entry.feelings)))


REMEMBERED = 64


class EntryIndex:
    """The folded haystacks of one list of entries, and the answers for recent words."""

    def __init__(self) -> None:
        self.entries: list[Searchable] = []
        self.texts: list[str] = []
        self.tags: list[list[str]] = []
        self.feelings: list[list[str]] = []
        self.haystacks: list[str] = []
        self.answers: dict[str, array[int]] = {}  # folded word -> positions, oldest first

    # --- keeping it in step with the entries -------------------------------------------

    def _still_holds(self, entries: Sequence[Searchable]) -> bool:
        """Whether ``entries`` starts with exactly the entries indexed, unchanged."""
        n = len(self.entries)
        if len(entries) < n:
            return False
        head = entries[:n] if len(entries) > n else entries
        return (
            all(map(is_, head, self.entries))
            and all(map(is_, map(_texts, head), self.texts))
            and list(map(_tags, head)) == self.tags
            and list(map(_feelings, head)) == self.feelings
        )

    def _append(self, entries: Sequence[Searchable], known: dict[int, _Folded]) -> None:
        start = len(self.entries)
        for entry in entries[start:]:
            tags, feelings = list(entry.tags), list(entry.feelings)
            seen = known.get(id(entry))
            if seen is not None and seen[0] is entry and seen[1:4] == (entry.text, tags, feelings):
                folded = seen[4]
            else:
                folded = haystack(entry)
            self.entries.append(entry)
            self.texts.append(entry.text)
            self.tags.append(tags)
            self.feelings.append(feelings)
            self.haystacks.append(folded)
        hays = self.haystacks
        for word, where in self.answers.items():  # new entries, checked for remembered words
            where.extend(i for i in range(start, len(hays)) if word in hays[i])

    def sync(self, entries: Sequence[Searchable]) -> None:
        """Make the index describe ``entries`` (extend it, or start again reusing folded text)."""
        if not self._still_holds(entries):
            known = {
                id(e): (e, t, tg, fl, h)
                for e, t, tg, fl, h in zip(
                    self.entries, self.texts, self.tags, self.feelings, self.haystacks,
                    strict=True,
                )
            }  # fmt: skip
            self.__init__()  # type: ignore[misc]
            self._append(entries, known)
        elif len(entries) > len(self.entries):
            self._append(entries, {})

    # --- answering -------------------------------------------------------------------------

    def positions(self, folded_words: Sequence[str]) -> Sequence[int]:
        """Positions (in list order) of the entries holding every folded word."""
        answers = sorted((self._answer(word) for word in folded_words), key=len)
        if len(answers) == 1:
            return answers[0]
        chosen = set(answers[0])
        for where in answers[1:]:
            chosen.intersection_update(where)
        return sorted(chosen)

    def _answer(self, word: str) -> array[int]:
        """Where ``word`` occurs, remembered; read only where a remembered part of it occurs."""
        found = self.answers.pop(word, None)
        if found is None:
            hays = self.haystacks
            parts = [where for known, where in self.answers.items() if known in word]
            candidates = min(parts, key=len) if parts else range(len(hays))
            found = array("I", [i for i in candidates if word in hays[i]])
            while len(self.answers) >= REMEMBERED:
                del self.answers[next(iter(self.answers))]
        self.answers[word] = found  # now the newest
        return found


class SharedIndex:
    """The index of the list searched last, shared by every search in the process.

    A lock keeps two threads (the app's handlers) from changing it at once.
    """

    def __init__(self) -> None:
        self._index = EntryIndex()
        self._lock = Lock()

    def matching(self, entries: Sequence[S], folded_words: Sequence[str]) -> list[S]:
        """The entries (in list order) whose haystack holds every folded word."""
        with self._lock:
            index = self._index
            index.sync(entries)  # now index.entries[i] is entries[i]: the caller's own type
            return list(map(entries.__getitem__, index.positions(folded_words)))

    def prepare(self, entries: Sequence[Searchable]) -> None:
        """Fold ``entries`` now, so the first search does not: at thirty years that took
        30-110 ms of the first word typed after unlocking (measured in process)."""
        with self._lock:
            self._index.sync(entries)

    def forget(self) -> None:
        """Drop every entry and folded text held (the journal was locked)."""
        with self._lock:
            self._index = EntryIndex()


SHARED = SharedIndex()


def forget() -> None:
    """Let go of the entries the last search kept: call when a journal is closed, so no
    decrypted writing stays in memory after locking."""
    SHARED.forget()

"""Generated bundle passphrases: random words, grouped to be read aloud over the phone.

Words come from the EFF short wordlist (1,296 words chosen to be easy to say, spell and
tell apart), shipped by the xkcdpass package. Eight words give 82.7 bits.
"""

from __future__ import annotations

import math
import secrets
from functools import cache

from xkcdpass import xkcd_password

WORDS_PER_PASSPHRASE = 8
WORDS_PER_GROUP = 2


@cache
def wordlist() -> tuple[str, ...]:
    path = xkcd_password.locate_wordfile("eff-short")
    with open(path, encoding="utf-8") as handle:
        words = tuple(sorted({w.strip().lower() for w in handle if w.strip().isalpha()}))
    if len(words) < 1024:
        raise RuntimeError("The passphrase word list is incomplete.")
    return words


def entropy_bits(words: int = WORDS_PER_PASSPHRASE) -> float:
    return words * math.log2(len(wordlist()))


def generate(words: int = WORDS_PER_PASSPHRASE) -> str:
    """A fresh passphrase like 'acorn gush - legal crazy - amuse slang - flock wink'."""
    chosen = [secrets.choice(wordlist()) for _ in range(words)]
    groups = [" ".join(chosen[i : i + WORDS_PER_GROUP]) for i in range(0, words, WORDS_PER_GROUP)]
    return " - ".join(groups)

"""Generated bundle passphrases, grouped to be read aloud over the phone.

The HTML copy gets words from the EFF short wordlist (1,296 words chosen to be easy to
say, spell and tell apart), shipped by the xkcdpass package: eight give 82.7 bits, and its
viewer forgives case, dashes and spacing.

The PDF copy cannot use them: Poppler hashes only the first 32 bytes of what is typed, so
eight words kept barely 50 bits there. It gets a code of 16 characters from Crockford's
base32 alphabet in small letters (no i, l, o or u, so nothing reads as another
character), in four groups of four: 80 bits in 19 bytes, all of which every reader
hashes, typed as shown or without the spaces (see core/pdf_password.py).
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


CODE_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
CODE_GROUPS = 4
CODE_GROUP_SIZE = 4


def code_entropy_bits() -> float:
    return CODE_GROUPS * CODE_GROUP_SIZE * math.log2(len(CODE_ALPHABET))


def generate_code() -> str:
    """A fresh PDF passphrase like 'k7m2 x9pq r4tz 8bnd'."""
    groups = (
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_SIZE))
        for _ in range(CODE_GROUPS)
    )
    return " ".join(groups)


def generate(words: int = WORDS_PER_PASSPHRASE) -> str:
    """A fresh passphrase like 'acorn gush - legal crazy - amuse slang - flock wink'."""
    chosen = [secrets.choice(wordlist()) for _ in range(words)]
    groups = [" ".join(chosen[i : i + WORDS_PER_GROUP]) for i in range(0, words, WORDS_PER_GROUP)]
    return " - ".join(groups)

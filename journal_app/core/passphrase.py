"""Rules for passphrases a person chooses: long enough to protect what they write.

A rough strength estimate (bits from length and character variety, with common patterns
marked down) drives both the refusal and the friendly feedback the UI shows as they type.
"""

from __future__ import annotations

import math
import re
import string
import unicodedata
from dataclasses import dataclass

from journal_app.core.journal import InvalidInput

MIN_LENGTH = 8
MIN_BITS = 40.0
MAX_LENGTH = 1024

_COMMON = {
    "password",
    "passphrase",
    "12345678",
    "123456789",
    "qwertyuiop",
    "iloveyou",
    "letmein1",
    "therapy",
    "journal",
}


@dataclass(frozen=True)
class Strength:
    """An estimate with words for it."""

    bits: float
    label: str  # "too weak", "fair", "good", "strong"
    advice: str


def _pool_size(text: str) -> int:
    pools = [
        (string.ascii_lowercase, 26),
        (string.ascii_uppercase, 26),
        (string.digits, 10),
        (string.punctuation + " ", 33),
    ]
    size = sum(n for chars, n in pools if any(c in chars for c in text))
    if any(ord(c) > 127 for c in text):
        size += 100
    return max(size, 1)


def estimate(passphrase: str) -> Strength:
    """Estimate strength; repeated characters and well-known choices count for little."""
    distinct = len(set(passphrase))
    effective_length = min(len(passphrase), distinct * 3)
    bits = effective_length * math.log2(_pool_size(passphrase)) if passphrase else 0.0
    if passphrase.casefold().strip() in _COMMON:
        bits = min(bits, 10.0)
    if bits < MIN_BITS or len(passphrase) < MIN_LENGTH:
        return Strength(bits, "too weak", "Use at least a few words, or 12 or more characters.")
    if bits < 60:
        return Strength(bits, "fair", "Adding another word would make it much stronger.")
    if bits < 80:
        return Strength(bits, "good", "Good. Keep it somewhere safe: it cannot be recovered.")
    return Strength(bits, "strong", "Strong. Keep it somewhere safe: it cannot be recovered.")


def check_new_passphrase(passphrase: str) -> str:
    """Accept a new passphrase or say plainly why not."""
    if not passphrase:
        raise InvalidInput("The passphrase is empty.")
    if len(passphrase) > MAX_LENGTH:
        raise InvalidInput(f"The passphrase is longer than {MAX_LENGTH} characters.")
    if len(passphrase) < MIN_LENGTH:
        raise InvalidInput(f"The passphrase needs at least {MIN_LENGTH} characters.")
    strength = estimate(passphrase)
    if strength.label == "too weak":
        raise InvalidInput(f"That passphrase is too easy to guess. {strength.advice}")
    return passphrase


_SEPARATORS = re.compile(r"[\s\-_.·]+")
MIN_BUNDLE_BITS = 60.0


def normalize_bundle_passphrase(passphrase: str) -> str:
    """The canonical form a bundle key is derived from.

    A busy reader types what they heard over the phone: case, spaces, dashes and dots
    must not matter. The viewer's JavaScript applies the same rule (assets/bundle/viewer.js).
    """
    words = _SEPARATORS.split(unicodedata.normalize("NFKC", passphrase).strip().lower())
    return " ".join(w for w in words if w)


def check_bundle_passphrase(passphrase: str) -> str:
    """A person-chosen bundle passphrase: it guards data that travels, so the bar is higher."""
    canonical = normalize_bundle_passphrase(passphrase)
    if not canonical:
        raise InvalidInput("The passphrase is empty.")
    if len(canonical) > MAX_LENGTH:
        raise InvalidInput(f"The passphrase is longer than {MAX_LENGTH} characters.")
    if bundle_bits(canonical) < MIN_BUNDLE_BITS or len(canonical) < MIN_LENGTH:
        raise InvalidInput(
            "That passphrase is too easy to guess for a file that leaves your device; "
            "use five or more random words, or let the app make one."
        )
    return canonical


BITS_PER_WORD = 13.0  # a word from a large list, as in diceware; real phrases are weaker


def bundle_bits(canonical: str) -> float:
    """Strength of a normalised bundle passphrase; words count as words, not letters."""
    bits = estimate(canonical).bits
    words = set(canonical.split(" "))
    if len(canonical.split(" ")) > 1:
        bits = min(bits, BITS_PER_WORD * len(words))
    return bits

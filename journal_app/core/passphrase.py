"""Rules for passphrases a person chooses: long enough to protect what they write.

A rough strength estimate (bits from length and character variety, with common patterns
marked down) drives both the refusal and the friendly feedback the UI shows as they type.
"""

from __future__ import annotations

import math
import string
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

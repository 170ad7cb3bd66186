"""Rules for passphrases a person chooses: long enough to protect what they write.

Strength is estimated by zxcvbn (a pure-Python port of Dropbox's estimator): it knows
common passwords, names, dictionary words, keyboard walks, dates and l33t swaps, so
``Password123!`` and ``letmein123`` are refused while a few plain words pass. Hand-written
rules missed exactly those. The same estimate drives the refusal and the friendly
feedback the UI shows as they type.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from journal_app.core.journal import InvalidInput

MIN_LENGTH = 8
MAX_LENGTH = 1024
# zxcvbn's score 4 means "about 10^10 guesses or more": with Argon2 at 64 MiB per guess
# that is years of a GPU's time, where score 3 (10^8) would be days.
MIN_SCORE = 4
# zxcvbn refuses longer input (its matching is slow on long strings); a longer passphrase
# is at least as strong as its beginning, so the estimate looks at that much.
ESTIMATE_CHARS = 72
_DEFAULT_ADVICE = "Use at least a few words, or 12 or more characters."


@dataclass(frozen=True)
class Strength:
    """An estimate with words for it."""

    bits: float
    label: str  # "too weak", "fair", "good", "strong"
    advice: str


def _too_weak_advice(feedback: dict[str, Any]) -> str:
    """zxcvbn's own warning and first suggestion, which name what made it guessable."""
    warning = (feedback.get("warning") or "").strip()
    suggestions = feedback.get("suggestions") or []
    parts = [p for p in (warning, suggestions[0] if suggestions else "") if p]
    return " ".join(parts) if parts else _DEFAULT_ADVICE


def estimate(passphrase: str) -> Strength:
    """Estimate strength; common passwords, names and patterns count for little."""
    if not passphrase:
        return Strength(0.0, "too weak", _DEFAULT_ADVICE)
    from zxcvbn import zxcvbn  # ~30 ms to import: only when a new passphrase is chosen

    result = zxcvbn(passphrase[:ESTIMATE_CHARS])
    bits = float(result["guesses_log10"]) * math.log2(10)
    if result["score"] < MIN_SCORE or len(passphrase) < MIN_LENGTH:
        advice = _too_weak_advice(result.get("feedback") or {})
        return Strength(bits, "too weak", advice)
    if bits < 50:
        return Strength(bits, "fair", "Adding another word would make it much stronger.")
    if bits < 70:
        return Strength(bits, "good", "Good. Keep it somewhere safe: it cannot be recovered.")
    return Strength(bits, "strong", "Strong. Keep it somewhere safe: it cannot be recovered.")


def check_new_passphrase(passphrase: str) -> str:
    """Accept a new passphrase or say plainly why not."""
    if not passphrase:
        raise InvalidInput("The passphrase is empty.")
    if not _is_text(passphrase):
        raise InvalidInput("The passphrase holds characters that are not valid text.")
    if len(passphrase) > MAX_LENGTH:
        raise InvalidInput(f"The passphrase is longer than {MAX_LENGTH} characters.")
    if len(passphrase) < MIN_LENGTH:
        raise InvalidInput(f"The passphrase needs at least {MIN_LENGTH} characters.")
    strength = estimate(passphrase)
    if strength.label == "too weak":
        raise InvalidInput(f"That passphrase is too easy to guess. {strength.advice}")
    return passphrase


def _is_text(passphrase: str) -> bool:
    """False for lone surrogates (undecodable bytes), which cannot become a key."""
    try:
        passphrase.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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
    if not _is_text(canonical):
        raise InvalidInput("The passphrase holds characters that are not valid text.")
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

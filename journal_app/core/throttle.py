"""How long to wait after wrong passphrases, so nobody can guess at machine speed.

A person who mistypes gets a few free tries; after that each wrong try doubles the wait,
up to a minute. A page that reaches the lock screen (or a script driving it) then gets a
handful of guesses a minute instead of thousands. Pure: the caller passes the failure
count and the times, in seconds on any steady clock.
"""

from __future__ import annotations

import math

FREE_TRIES = 3
FIRST_WAIT_SECONDS = 1.0
MAX_WAIT_SECONDS = 60.0


class TryAgainLater(Exception):
    """An unlock was refused before trying the passphrase: the wait is not over yet."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(wait_message(seconds))


def wait_after(failures: int) -> float:
    """Seconds to wait after ``failures`` wrong tries in a row: 0 for the first few, then
    1, 2, 4… capped at a minute."""
    if failures < FREE_TRIES:
        return 0.0
    doublings = failures - FREE_TRIES
    if doublings >= 16:  # long past the cap; avoids a huge power
        return MAX_WAIT_SECONDS
    return min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2.0**doublings)


def seconds_left(failures: int, last_failure_at: float | None, now: float) -> float:
    """How much of the wait remains at ``now`` (0 when another try is allowed)."""
    if last_failure_at is None:
        return 0.0
    return max(0.0, last_failure_at + wait_after(failures) - now)


def wait_message(seconds: float) -> str:
    """What the lock screen says, in whole seconds rounded up so it never says 0."""
    whole = max(1, math.ceil(seconds))
    unit = "second" if whole == 1 else "seconds"
    return f"Please wait {whole} {unit} before trying again."

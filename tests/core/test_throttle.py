"""The wait after wrong passphrases: free at first, then doubling, never past a minute."""

from __future__ import annotations

import pytest

from journal_app.core.throttle import (
    MAX_WAIT_SECONDS,
    TryAgainLater,
    seconds_left,
    wait_after,
    wait_message,
)


@pytest.mark.parametrize(
    ("failures", "wait"),
    [(0, 0), (1, 0), (2, 0), (3, 1), (4, 2), (5, 4), (6, 8), (8, 32), (9, 60), (10, 60)],
)
def test_three_free_tries_then_the_wait_doubles(failures: int, wait: float) -> None:
    assert wait_after(failures) == wait


def test_the_wait_never_passes_a_minute_however_many_tries() -> None:
    assert wait_after(10_000) == MAX_WAIT_SECONDS == 60


def test_seconds_left_counts_down_from_the_last_failure() -> None:
    assert seconds_left(5, last_failure_at=100.0, now=100.0) == 4
    assert seconds_left(5, last_failure_at=100.0, now=102.5) == 1.5
    assert seconds_left(5, last_failure_at=100.0, now=104.0) == 0
    assert seconds_left(5, last_failure_at=100.0, now=500.0) == 0


def test_no_wait_before_any_failure_or_during_the_free_tries() -> None:
    assert seconds_left(0, last_failure_at=None, now=5.0) == 0
    assert seconds_left(2, last_failure_at=5.0, now=5.0) == 0


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (4, "Please wait 4 seconds before trying again."),
        (3.2, "Please wait 4 seconds before trying again."),
        (1, "Please wait 1 second before trying again."),
        (0.01, "Please wait 1 second before trying again."),
        (60, "Please wait 60 seconds before trying again."),
    ],
)
def test_the_message_rounds_up_to_whole_seconds(seconds: float, text: str) -> None:
    assert wait_message(seconds) == text


def test_the_refusal_carries_the_message_and_the_seconds() -> None:
    refusal = TryAgainLater(2.5)
    assert refusal.seconds == 2.5
    assert str(refusal) == "Please wait 3 seconds before trying again."

"""Crisis resources are due from a half-filled PHQ-9 as soon as the self-harm item is above 0."""

from __future__ import annotations

import pytest

from journal_app.core.checkins import GAD7, PHQ9, PHQ9_INSTRUMENT, crisis_due_now


def test_item9_above_zero_is_due_before_the_rest_are_answered() -> None:
    partial: list[int | None] = [None] * 9
    assert crisis_due_now(PHQ9, partial) is False
    partial[8] = 1
    assert crisis_due_now(PHQ9, partial) is True
    assert crisis_due_now(PHQ9_INSTRUMENT, partial) is True


@pytest.mark.parametrize("value", [None, 0])
def test_item9_unanswered_or_zero_is_not_due(value: int | None) -> None:
    assert crisis_due_now(PHQ9, [3] * 8 + [value]) is False


def test_gad7_and_short_lists_never_due() -> None:
    assert crisis_due_now(GAD7, [3] * 7) is False
    assert crisis_due_now(PHQ9, [3, 3]) is False
    assert crisis_due_now(PHQ9, [0] * 8 + [True]) is False

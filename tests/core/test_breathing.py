"""The pacing rules: phases in order, whole breaths for the minutes chosen, the phase at any
second, and plain refusals of a pace out of bounds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal_app.core.breathing import (
    EMPTY_SCALE,
    FULL_SCALE,
    HOLD_SECONDS,
    IN_SECONDS,
    OUT_SECONDS,
    Pace,
    Phase,
    breath_count,
    check_minutes,
    make_pace,
    moment_at,
    practice_words,
    scale_after,
    scale_before,
    total_seconds,
)
from journal_app.core.journal import InvalidInput

paces = st.builds(
    Pace,
    breathe_in=st.integers(*IN_SECONDS),
    hold=st.integers(*HOLD_SECONDS),
    breathe_out=st.integers(*OUT_SECONDS),
)


def test_the_default_pace_is_in_4_hold_2_out_6_twelve_seconds_a_breath() -> None:
    pace = Pace()
    assert pace.phases() == ((Phase.IN, 4), (Phase.HOLD, 2), (Phase.OUT, 6))
    assert pace.breath_seconds() == 12
    assert pace.describe() == "in 4 · hold 2 · out 6"
    assert breath_count(pace, 2) == 10
    assert total_seconds(pace, 2) == 120


def test_a_hold_of_no_seconds_is_left_out() -> None:
    pace = Pace(4, 0, 6)
    assert [p for p, _ in pace.phases()] == [Phase.IN, Phase.OUT]
    assert pace.describe() == "in 4 · out 6"
    assert moment_at(pace, 1, 4.0).phase is Phase.OUT


def test_the_phase_and_the_count_at_each_second_of_the_first_breath() -> None:
    pace = Pace()
    seen = [(m.phase, m.seconds_left) for m in (moment_at(pace, 1, t) for t in range(12))]
    assert seen == [
        (Phase.IN, 4),
        (Phase.IN, 3),
        (Phase.IN, 2),
        (Phase.IN, 1),
        (Phase.HOLD, 2),
        (Phase.HOLD, 1),
        (Phase.OUT, 6),
        (Phase.OUT, 5),
        (Phase.OUT, 4),
        (Phase.OUT, 3),
        (Phase.OUT, 2),
        (Phase.OUT, 1),
    ]
    assert moment_at(pace, 1, 12.0).breath == 2
    assert moment_at(pace, 1, 3.5).countdown() == "Breathe in… 1"


def test_it_ends_after_the_last_out_breath_and_stays_ended() -> None:
    pace = Pace()
    assert not moment_at(pace, 1, 59.9).finished
    for t in (60.0, 61.0, 10_000.0):
        end = moment_at(pace, 1, t)
        assert end.finished and end.phase is Phase.OUT and end.breath == 5


def test_the_circle_grows_on_the_in_breath_and_shrinks_on_the_out_breath() -> None:
    assert (scale_before(Phase.IN), scale_after(Phase.IN)) == (EMPTY_SCALE, FULL_SCALE)
    assert (scale_before(Phase.HOLD), scale_after(Phase.HOLD)) == (FULL_SCALE, FULL_SCALE)
    assert (scale_before(Phase.OUT), scale_after(Phase.OUT)) == (FULL_SCALE, EMPTY_SCALE)


@pytest.mark.parametrize(
    ("numbers", "reason"),
    [
        ((1, 2, 6), "Breathing in can be from 2 to 8 seconds."),
        ((4, 8, 6), "Holding can be from 0 to 7 seconds."),
        ((4, 2, 11), "Breathing out can be from 2 to 10 seconds."),
        ((4.5, 2, 6), "Breathing in must be a whole number of seconds."),
        ((True, 2, 6), "Breathing in must be a whole number of seconds."),
        (("4", 2, 6), "Breathing in must be a whole number of seconds."),
    ],
)
def test_a_pace_out_of_bounds_is_refused_in_one_plain_sentence(
    numbers: tuple[object, object, object], reason: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        make_pace(*numbers)
    assert str(refused.value) == reason


def test_minutes_are_whole_and_within_bounds() -> None:
    assert check_minutes(5) == 5
    for bad in (0, 11, 2.5, None):
        with pytest.raises(InvalidInput):
            check_minutes(bad)


def test_what_the_journal_keeps_of_a_practice() -> None:
    assert practice_words(Pace(), 120) == "Paced breathing for 2 minutes (in 4 · hold 2 · out 6)."
    assert practice_words(Pace(), 61) == "Paced breathing for 1 minute (in 4 · hold 2 · out 6)."
    assert practice_words(Pace(3, 0, 5), 40.7) == "Paced breathing for 40 seconds (in 3 · out 5)."


@settings(max_examples=40, deadline=None)
@given(pace=paces, minutes=st.integers(1, 10))
def test_whole_breaths_come_within_half_a_breath_of_the_minutes(pace: Pace, minutes: int) -> None:
    total = total_seconds(pace, minutes)
    assert total % pace.breath_seconds() == 0
    assert abs(total - minutes * 60) <= pace.breath_seconds() / 2 + 1e-9 or total == (
        pace.breath_seconds()
    )


@settings(max_examples=40, deadline=None)
@given(pace=paces, minutes=st.integers(1, 3), t=st.floats(0, 400, allow_nan=False))
def test_the_moment_at_any_time_is_a_phase_of_the_pace_counted_down(
    pace: Pace, minutes: int, t: float
) -> None:
    moment = moment_at(pace, minutes, t)
    lengths = dict(pace.phases())
    assert moment.phase in lengths and moment.phase_seconds == lengths[moment.phase]
    assert 1 <= moment.breath <= breath_count(pace, minutes)
    assert moment.finished == (t >= total_seconds(pace, minutes))
    if not moment.finished:
        assert 1 <= moment.seconds_left <= moment.phase_seconds


@settings(max_examples=25, deadline=None)
@given(pace=paces)
def test_phases_follow_in_hold_out_in_order_with_no_gap(pace: Pace) -> None:
    """Stepping a quarter second at a time through one breath meets every phase once, in
    order: the circle never skips a phase or goes back."""
    order = []
    steps = int(pace.breath_seconds() * 4)
    for step in range(steps):
        phase = moment_at(pace, 10, step / 4).phase
        if not order or order[-1] is not phase:
            order.append(phase)
    assert order == [p for p, _ in pace.phases()]

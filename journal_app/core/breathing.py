"""Paced breathing: the rules of the guided exercise, as pure arithmetic.

A pace is seconds to breathe in, to hold, and to breathe out; an exercise repeats it for
about the minutes the person chose, in whole breaths (it never stops half-way through an
out-breath). Everything here is a function of the pace and the seconds since the start, so
the screen, its controller and the tests all agree on what phase it is at any moment. No
clock is read here: the caller says how much time has passed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from journal_app.core.journal import InvalidInput


class Phase(Enum):
    """One part of a breath; its value is what the person is asked to do."""

    IN = "Breathe in"
    HOLD = "Hold"
    OUT = "Breathe out"


# Bounds a person can set. Breathing in or out for less than 2 s is not paced breathing;
# longer than 10 s becomes a strain for someone already short of breath. Hold may be 0 s.
IN_SECONDS = (2, 8)
HOLD_SECONDS = (0, 7)
OUT_SECONDS = (2, 10)
MINUTE_CHOICES = (1, 2, 3, 5)
MINUTES = (1, 10)
DEFAULT_MINUTES = 2

# The shape's size in each phase, as a fraction of its full size: small when the lungs
# are empty, full when they are full.
EMPTY_SCALE = 0.45
FULL_SCALE = 1.0


@dataclass(frozen=True)
class Pace:
    """Seconds to breathe in, hold and breathe out (in 4, hold 2, out 6 by default: a
    longer out-breath is what tells the body it may settle)."""

    breathe_in: int = 4
    hold: int = 2
    breathe_out: int = 6

    def phases(self) -> tuple[tuple[Phase, int], ...]:
        """The phases of one breath with their seconds; a hold of 0 s is left out."""
        steps = (
            (Phase.IN, self.breathe_in),
            (Phase.HOLD, self.hold),
            (Phase.OUT, self.breathe_out),
        )
        return tuple((phase, seconds) for phase, seconds in steps if seconds > 0)

    def breath_seconds(self) -> int:
        """How long one whole breath takes."""
        return self.breathe_in + self.hold + self.breathe_out

    def describe(self) -> str:
        """ "in 4 · hold 2 · out 6" (no hold when it is 0 s)."""
        parts = [f"in {self.breathe_in}"]
        if self.hold:
            parts.append(f"hold {self.hold}")
        parts.append(f"out {self.breathe_out}")
        return " · ".join(parts)


def _whole(value: object, what: str, bounds: tuple[int, int], unit: str) -> int:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise InvalidInput(f"{what} must be a whole number of {unit}.")
    if not low <= value <= high:
        raise InvalidInput(f"{what} can be from {low} to {high} {unit}.")
    return int(value)


def make_pace(breathe_in: object, hold: object, breathe_out: object) -> Pace:
    """A pace within the bounds, or InvalidInput with one plain sentence."""
    return Pace(
        breathe_in=_whole(breathe_in, "Breathing in", IN_SECONDS, "seconds"),
        hold=_whole(hold, "Holding", HOLD_SECONDS, "seconds"),
        breathe_out=_whole(breathe_out, "Breathing out", OUT_SECONDS, "seconds"),
    )


def check_minutes(minutes: object) -> int:
    """How long the exercise runs, in whole minutes within the bounds."""
    return _whole(minutes, "The exercise", MINUTES, "minutes")


def breath_count(pace: Pace, minutes: int) -> int:
    """How many whole breaths come closest to ``minutes`` (at least one)."""
    return max(1, round(minutes * 60 / pace.breath_seconds()))


def total_seconds(pace: Pace, minutes: int) -> int:
    """How long the exercise lasts: its whole breaths, end to end."""
    return breath_count(pace, minutes) * pace.breath_seconds()


@dataclass(frozen=True)
class Moment:
    """Where the exercise is at one instant."""

    phase: Phase
    breath: int  # 1 for the first breath
    seconds_left: int  # in this phase, counted down as a person counts: 4, 3, 2, 1
    phase_seconds: int  # how long this phase lasts
    finished: bool  # the last out-breath is over

    def countdown(self) -> str:
        """ "Breathe in… 3": the calm words shown instead of a moving shape."""
        return f"{self.phase.value}… {self.seconds_left}"


def moment_at(pace: Pace, minutes: int, elapsed: float) -> Moment:
    """The phase at ``elapsed`` seconds since the start (paused time not counted).

    Past the end it is the end of the last out-breath, ``finished``. Each phase starts
    at its full count: at 0.0 s in a 4 s in-breath there are 4 seconds left, at 3.5 s 1.
    """
    breaths = breath_count(pace, minutes)
    length = pace.breath_seconds()
    elapsed = max(0.0, elapsed)
    if elapsed >= breaths * length:
        phase, seconds = pace.phases()[-1]
        return Moment(phase, breaths, 0, seconds, finished=True)
    breath, into = divmod(elapsed, length)
    for phase, seconds in pace.phases():
        if into < seconds:
            left = max(1, math.ceil(seconds - into))
            return Moment(phase, int(breath) + 1, left, seconds, finished=False)
        into -= seconds
    raise AssertionError("a breath's phases add up to its length")  # pragma: no cover


def scale_before(phase: Phase) -> float:
    """The shape's size as ``phase`` begins: empty before breathing in, full after."""
    return EMPTY_SCALE if phase is Phase.IN else FULL_SCALE


def scale_after(phase: Phase) -> float:
    """The shape's size at the end of ``phase`` (it moves there during the phase)."""
    return EMPTY_SCALE if phase is Phase.OUT else FULL_SCALE


def practice_words(pace: Pace, seconds: float) -> str:
    """What the journal keeps of an exercise: "Paced breathing for 2 minutes (in 4 ·
    hold 2 · out 6)." Under a minute it says seconds."""
    whole = int(seconds)
    if whole < 60:
        span = f"{whole} seconds"
    else:
        minutes = round(whole / 60)
        span = f"{minutes} minute" + ("" if minutes == 1 else "s")
    return f"Paced breathing for {span} ({pace.describe()})."

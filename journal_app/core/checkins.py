"""Check-ins: the GAD-7 and PHQ-9 questionnaires, scored with their published bands.

These are the short self-report questionnaires primary care uses. The app reproduces them
word for word (changing the wording would change what the scores mean), scores them the
published way, and shows how they move over time. It never calls a result a diagnosis:
every result carries a note saying so, because a number on its own can frighten or
falsely reassure, and only a professional who knows the person can interpret it.

A positive answer to the PHQ-9's last item (thoughts of being better off dead or of
self-harm) sets ``crisis_due`` so every shell shows crisis resources straight away,
whatever the total score.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import cast

from journal_app.core.journal import InvalidInput
from journal_app.core.ports import RecordStore
from journal_app.core.records import CheckIn

GAD7 = "gad7"
PHQ9 = "phq9"

ATTRIBUTION = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, "
    "with an educational grant from Pfizer Inc. No permission required to reproduce, "
    "translate, display or distribute."
)

SCREENING_NOTE = (
    "This is a screening questionnaire, not a diagnosis. A score is a snapshot of the last "
    "two weeks; a doctor or therapist can help you understand what it means for you."
)

ANSWER_OPTIONS: tuple[tuple[int, str], ...] = (
    (0, "Not at all"),
    (1, "Several days"),
    (2, "More than half the days"),
    (3, "Nearly every day"),
)
MIN_ANSWER = 0
MAX_ANSWER = 3


@dataclass(frozen=True)
class Band:
    """One published severity range, inclusive at both ends."""

    low: int
    high: int
    key: str
    label: str


@dataclass(frozen=True)
class Instrument:
    """A questionnaire exactly as published, with its scoring bands."""

    id: str
    name: str
    full_name: str
    stem: str
    items: tuple[str, ...]
    bands: tuple[Band, ...]
    measures: str  # what the score is about, in plain words: "anxiety", "depression"
    crisis_item: int | None = None  # 0-based index of the self-harm item, if any
    attribution: str = ATTRIBUTION

    @property
    def max_score(self) -> int:
        return MAX_ANSWER * len(self.items)

    def band_for(self, score: int) -> Band:
        """The published band a total falls in; totals outside the range are a bug."""
        for band in self.bands:
            if band.low <= score <= band.high:
                return band
        raise ValueError(f"{self.name} score {score} is outside 0-{self.max_score}")


GAD7_INSTRUMENT = Instrument(
    id=GAD7,
    name="GAD-7",
    full_name="Generalized Anxiety Disorder 7-item scale",
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=(
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid, as if something awful might happen",
    ),
    bands=(
        Band(0, 4, "minimal", "Minimal"),
        Band(5, 9, "mild", "Mild"),
        Band(10, 14, "moderate", "Moderate"),
        Band(15, 21, "severe", "Severe"),
    ),
    measures="anxiety",
)

PHQ9_INSTRUMENT = Instrument(
    id=PHQ9,
    name="PHQ-9",
    full_name="Patient Health Questionnaire-9",
    stem=(
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    ),
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself \u2014 or that you are a failure or have let yourself or "
        "your family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite "
        "\u2014 being so fidgety or restless that you have been moving around a lot more "
        "than usual",
        "Thoughts that you would be better off dead, or of hurting yourself in some way",
    ),
    bands=(
        Band(0, 4, "minimal", "Minimal"),
        Band(5, 9, "mild", "Mild"),
        Band(10, 14, "moderate", "Moderate"),
        Band(15, 19, "moderately_severe", "Moderately severe"),
        Band(20, 27, "severe", "Severe"),
    ),
    measures="depression",
    crisis_item=8,
)

INSTRUMENTS: dict[str, Instrument] = {GAD7: GAD7_INSTRUMENT, PHQ9: PHQ9_INSTRUMENT}


def get_instrument(name: str) -> Instrument:
    """Find a questionnaire by id or display name ("phq9", "PHQ-9", "phq_9" all work)."""
    exact = INSTRUMENTS.get(name) if isinstance(name, str) else None
    if exact is not None:  # a stored id: the common case, thousands of times in an export
        return exact
    key = re.sub(r"[^a-z0-9]", "", str(name).casefold())
    if key not in INSTRUMENTS:
        known = " or ".join(i.name for i in INSTRUMENTS.values())
        raise InvalidInput(f"There is no questionnaire called {name!r}; try {known}.")
    return INSTRUMENTS[key]


# --- Answers ---------------------------------------------------------------------------------


def _options_hint() -> str:
    return ", ".join(f"{value} = {label}" for value, label in ANSWER_OPTIONS)


def validate_answers(instrument: Instrument, answers: Sequence[object]) -> tuple[int, ...]:
    """Check there is one answer per question, each 0-3, and say exactly what is wrong."""
    if isinstance(answers, str | bytes):
        raise InvalidInput("Answers must be a list of numbers, one for each question.")
    count = len(instrument.items)
    if len(answers) != count:
        raise InvalidInput(
            f"{instrument.name} needs {count} answers, one for each question; got {len(answers)}."
        )
    if all(type(v) is int and MIN_ANSWER <= v <= MAX_ANSWER for v in answers):
        # the usual case, quickly: thousands are scored per screen (all ints, checked above)
        return cast("tuple[int, ...]", tuple(answers))
    checked: list[int] = []
    for number, value in enumerate(answers, start=1):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput(
                f"{instrument.name} answer {number} must be a whole number from 0 to 3 "
                f"({_options_hint()})."
            )
        if not MIN_ANSWER <= value <= MAX_ANSWER:
            raise InvalidInput(
                f"{instrument.name} answer {number} is {value}, but each answer must be "
                f"from 0 to 3 ({_options_hint()})."
            )
        checked.append(value)
    return tuple(checked)


def parse_answers(text: str, instrument: str | None = None) -> list[int]:
    """Read answers typed on the command line: "1,2,0,3", "1, 2, 0, 3" or "1 2 0 3".

    Given an instrument, the count and range are checked too, so the CLI can refuse a
    typo before asking anything else.
    """
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput("No answers given; type one number from 0 to 3 for each question.")
    parts = [p.strip() for p in re.split(r"[,;]", text)] if re.search(r"[,;]", text) else None
    if parts is None:
        parts = text.split()
    answers: list[int] = []
    for number, part in enumerate(parts, start=1):
        if not part:
            raise InvalidInput(f"Answer {number} is empty; type a number from 0 to 3.")
        if not re.fullmatch(r"[+-]?\d+", part):
            raise InvalidInput(f"Answer {number} ({part!r}) is not a number from 0 to 3.")
        answers.append(int(part))
    if instrument is not None:
        validate_answers(get_instrument(instrument), answers)
    return answers


# --- Scoring ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckinResult:
    """A scored questionnaire. ``band`` is the published range, never a diagnosis."""

    instrument: str
    name: str
    answers: tuple[int, ...]
    score: int
    max_score: int
    band: str
    band_label: str
    crisis_due: bool
    summary: str
    note: str = SCREENING_NOTE


def crisis_due_now(instrument: str | Instrument, answers: Sequence[object | None]) -> bool:
    """Whether crisis resources are due from the answers given so far.

    For a form being filled in: unanswered items are ``None``. The self-harm item counts
    the moment it is answered above 0, before the rest are answered or anything is saved.
    """
    inst = instrument if isinstance(instrument, Instrument) else get_instrument(instrument)
    index = inst.crisis_item
    if index is None or index >= len(answers):
        return False
    value = answers[index]
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def score_answers(instrument: str | Instrument, answers: Sequence[object]) -> CheckinResult:
    """Validate and score one set of answers."""
    inst = instrument if isinstance(instrument, Instrument) else get_instrument(instrument)
    checked = validate_answers(inst, answers)
    total = sum(checked)
    band = inst.band_for(total)
    crisis = inst.crisis_item is not None and checked[inst.crisis_item] > 0
    summary = (
        f"Your {inst.name} score is {total} out of {inst.max_score}, "
        f"in the {band.label.lower()} range for {inst.measures} symptoms."
    )
    return CheckinResult(
        instrument=inst.id,
        name=inst.name,
        answers=checked,
        score=total,
        max_score=inst.max_score,
        band=band.key,
        band_label=band.label,
        crisis_due=crisis,
        summary=summary,
    )


def result_for(checkin: CheckIn) -> CheckinResult:
    """Score a stored check-in (scores are derived, so the bands can never drift).

    The same answers always score the same, and a bundle scores each check-in four times
    (the summary, the charts, the section, FHIR): at thirty years that was 12,520 scorings
    of 3,130 check-ins. So well-formed answers are scored once (``_scored``, a small
    cache of immutable results, emptied by ``forget_scores`` when the journal closes);
    anything else is checked in full every time.
    """
    instrument, answers = checkin.instrument, checkin.answers
    well_formed = isinstance(instrument, str) and isinstance(answers, list | tuple)
    if well_formed and all(type(v) is int for v in answers):
        return _scored(instrument, tuple(answers))
    return score_answers(instrument, answers)


@functools.lru_cache(maxsize=4096)
def _scored(instrument: str, answers: tuple[int, ...]) -> CheckinResult:
    return score_answers(instrument, answers)


def forget_scores() -> None:
    """Let go of the remembered scores: call when a journal is closed, so no answers or
    scores stay in memory after locking."""
    _scored.cache_clear()


def record_checkin(
    store: RecordStore,
    instrument: str,
    answers: Sequence[object],
    *,
    record_id: str,
    now: datetime,
) -> tuple[CheckIn, CheckinResult]:
    """Score first, store second: invalid answers never reach the vault."""
    result = score_answers(instrument, answers)
    checkin = CheckIn(
        id=record_id,
        created_at=now,
        instrument=result.instrument,
        answers=list(result.answers),
        taken_at=now,
    )
    store.add(checkin)
    return checkin, result


def _checkin(store: RecordStore, checkin_id: str) -> CheckIn:
    found = store.get(CheckIn, checkin_id)
    if found is None:
        raise InvalidInput(f"There is no check-in with id '{checkin_id}'; see 'checkin list'.")
    return found


def correct_checkin(
    store: RecordStore,
    checkin_id: str,
    answers: Sequence[object],
    *,
    now: datetime,
) -> tuple[CheckIn, CheckinResult]:
    """Put right the answers of a saved check-in (a mis-tapped item, say).

    The check-in keeps its id, questionnaire and date: it is the same check-in, answered
    as the person meant. Scores, bands, trends and the item 9 notice are all derived from
    the answers, so each of them follows at once. The new answers are checked against the
    check-in's own questionnaire before anything is stored; the same answers again change
    nothing at all (not even ``updated_at``).
    """
    stored = _checkin(store, checkin_id)
    result = score_answers(stored.instrument, answers)
    if list(result.answers) == list(stored.answers):
        return stored, result
    corrected = replace(stored, answers=list(result.answers), updated_at=now)
    store.update(corrected)
    return corrected, result


def delete_checkin(store: RecordStore, checkin_id: str) -> CheckIn:
    """Remove a check-in and hand it back, so the shell can offer to undo.

    What was already shared is not touched: the share log keeps what went to whom, and
    only copies made from now on leave the check-in out."""
    stored = _checkin(store, checkin_id)
    store.remove(CheckIn, checkin_id)
    return stored


def restore_checkin(store: RecordStore, checkin: CheckIn) -> CheckIn:
    """Put a deleted check-in back exactly as it was (the undo of ``delete_checkin``)."""
    if store.get(CheckIn, checkin.id) is None:
        store.add(checkin)
    return checkin


# --- Trends ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    """One check-in on the timeline, with how it compares to the one before and the first."""

    checkin_id: str
    taken_at: datetime
    score: int
    band: str
    band_label: str
    change_from_previous: int | None
    change_from_first: int | None


@dataclass(frozen=True)
class Trend:
    """All check-ins of one questionnaire, oldest first."""

    instrument: str
    name: str
    max_score: int
    points: tuple[TrendPoint, ...]

    @property
    def latest(self) -> TrendPoint | None:
        return self.points[-1] if self.points else None

    @property
    def change_from_previous(self) -> int | None:
        return self.latest.change_from_previous if self.latest else None

    @property
    def change_from_first(self) -> int | None:
        return self.latest.change_from_first if self.latest else None

    def sentence(self) -> str:
        """How scores have moved, in plain words, without judging the person."""
        if not self.points:
            return f"No {self.name} check-ins yet."
        first, last = self.points[0], self.points[-1]
        if len(self.points) == 1:
            return f"One {self.name} check-in so far: {last.score} ({last.band_label.lower()})."
        change = last.score - first.score
        if change == 0:
            movement = "the same as"
        elif change < 0:
            movement = f"{-change} lower than"
        else:
            movement = f"{change} higher than"
        return (
            f"Your latest {self.name} score is {last.score} ({last.band_label.lower()}), "
            f"{movement} your first of {first.score}, across {len(self.points)} check-ins. "
            "Lower scores mean these problems bothered you less often."
        )


def _scorable(checkin: CheckIn) -> CheckinResult | None:
    """Score a stored check-in, or None if it comes from a newer app or is damaged."""
    try:
        return result_for(checkin)
    except (InvalidInput, TypeError):  # TypeError: answers that are not a list at all
        return None


def scored(checkins: Iterable[CheckIn]) -> list[tuple[CheckIn, CheckinResult]]:
    """Every check-in that can be scored, with its result: score once, use many times.

    Thirty years of weekly check-ins are ~3,000; the history, the trends and the review
    all need their scores, and scoring each again for every one of them was most of the
    Check-ins screen's time.
    """
    out = []
    for checkin in checkins:
        result = _scorable(checkin)
        if result is not None:
            out.append((checkin, result))
    return out


def trend_for(
    checkins: Iterable[CheckIn],
    instrument: str,
    *,
    results: Sequence[tuple[CheckIn, CheckinResult]] | None = None,
) -> Trend:
    """The timeline for one questionnaire; check-ins that cannot be scored are skipped.

    ``results`` (from ``scored``) saves scoring the check-ins again."""
    inst = get_instrument(instrument)
    pool = scored(checkins) if results is None else results
    mine = [pair for pair in pool if pair[1].instrument == inst.id]
    mine.sort(key=lambda pair: (pair[0].taken_at, pair[0].id))
    points: list[TrendPoint] = []
    for checkin, result in mine:
        previous = points[-1].score if points else None
        first = points[0].score if points else None
        points.append(
            TrendPoint(
                checkin_id=checkin.id,
                taken_at=checkin.taken_at,
                score=result.score,
                band=result.band,
                band_label=result.band_label,
                change_from_previous=None if previous is None else result.score - previous,
                change_from_first=None if first is None else result.score - first,
            )
        )
    return Trend(instrument=inst.id, name=inst.name, max_score=inst.max_score, points=tuple(points))


def trends(
    checkins: Iterable[CheckIn],
    *,
    results: Sequence[tuple[CheckIn, CheckinResult]] | None = None,
) -> dict[str, Trend]:
    """A timeline per questionnaire that has at least one check-in, GAD-7 before PHQ-9."""
    pool = scored(checkins) if results is None else results
    out: dict[str, Trend] = {}
    for instrument_id in INSTRUMENTS:
        trend = trend_for((), instrument_id, results=pool)
        if trend.points:
            out[instrument_id] = trend
    return out

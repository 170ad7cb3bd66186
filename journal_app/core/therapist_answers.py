"""What a therapist told the person, recorded per criterion, so a fit can be completed.

Most preferences (how they talk, practice between sessions, their fee when the card is
silent...) can only be found out by asking. Once the person has asked, they record the
answer here and the fit stops calling it "worth asking". The answers a dimension accepts
are the choices the person picked from (the therapist "is" or "offers" these), plus "no"
(none of them); a typed or numeric preference (an insurance plan, a budget, a travel time)
takes "yes" or "no": does what they said meet it?
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from journal_app.core.journal import InvalidInput
from journal_app.core.ports import RecordStore
from journal_app.core.profile import Preference, Profile
from journal_app.core.records import Candidate
from journal_app.core.shortlist import (
    AVOID_DIMENSIONS,
    NEUTRAL_VALUES,
    criteria_of,
    norm_id,
    recorded_answer,
)

# The packs' "I don't mind" / "not sure" choices (marked neutral there): a person's hedge,
# never what a therapist says; "no" stands for "none of these".
NOT_AN_ANSWER = NEUTRAL_VALUES | {
    "depends",
    "dont_know",
    "flexible",
    "no_need",
    "none",
    "not_now",
    "nothing",
    "unsure",
}
NO = "no"
YES = "yes"
FORGET = "unknown"  # forgets a recorded answer: back to "not known yet"


@dataclass(frozen=True)
class AnswerRow:
    """One criterion: the answers it accepts (id, words) and what is recorded, if anything."""

    dimension: str
    label: str
    values: tuple[tuple[str, str], ...]
    recorded: tuple[str, ...] | None

    def to_json(self) -> dict[str, Any]:
        """The shape `candidate answer ID --list --json` prints."""
        return {
            "dimension": self.dimension,
            "label": self.label,
            "values": [value for value, _ in self.values],
            "recorded": list(self.recorded) if self.recorded is not None else None,
        }


def answer_choices(pref: Preference) -> tuple[tuple[str, str], ...]:
    """The answers one criterion accepts, with the words to show for each."""
    choices = [
        (norm_id(value), pref.short_label_of(value))
        for value, _ in pref.value_labels
        if norm_id(value) not in NOT_AN_ANSWER
    ]
    if len(pref.value_labels) <= 1:  # typed or scale: does it meet what I asked for?
        return ((YES, "Yes, that works"), (NO, "No"))
    if pref.dimension in AVOID_DIMENSIONS:
        choices = [(value, f"Would use {words}") for value, words in choices]
        return (*choices, (NO, "None of these"))
    ids = [value for value, _ in choices]
    if ids == [YES]:  # "Yes, I'd like that" is the person's words; theirs is yes or no
        return ((YES, "Yes"), (NO, "No"))
    return (*(c for c in choices if c[0] != NO), (NO, "None of these"))


def _criterion(profile: Profile, dimension: str) -> Preference:
    key = norm_id(dimension)
    for pref in criteria_of(profile):
        if norm_id(pref.dimension) == key:
            return pref
    known = ", ".join(p.dimension for p in criteria_of(profile)) or "none yet"
    raise InvalidInput(
        f"{dimension!r} is not one of your must-haves or nice-to-haves (yours: {known})."
    )


def check_answer(pref: Preference, raw: str) -> tuple[str, ...]:
    """Answer ids from what was typed: ids or their words, comma-separated; "no" alone."""
    choices = answer_choices(pref)
    by_key = {value: value for value, _ in choices}
    by_key.update({norm_id(words): value for value, words in choices})
    picked: list[str] = []
    for part in str(raw).split(","):
        key = norm_id(part)
        if not key:
            continue
        if key not in by_key:
            allowed = ", ".join(value for value, _ in choices)
            message = f"{part.strip()!r} is not an answer for {pref.label}; use {allowed}."
            raise InvalidInput(message)
        if by_key[key] not in picked:
            picked.append(by_key[key])
    if not picked:
        raise InvalidInput(f"Give an answer for {pref.label}, or '{FORGET}' to forget one.")
    if NO in picked and len(picked) > 1:
        raise InvalidInput("'no' means none of them, so it goes on its own.")
    return tuple(picked)


def record_answer(
    store: RecordStore,
    candidate_id: str,
    profile: Profile,
    dimension: str,
    raw: str,
    *,
    now: datetime,
) -> Candidate:
    """Remember what the therapist said on one criterion ("unknown" forgets it)."""
    candidate = store.get(Candidate, candidate_id)
    if candidate is None:
        raise InvalidInput(f"No candidate with id {candidate_id}.")
    pref = _criterion(profile, dimension)
    answers = dict(candidate.answers)
    if norm_id(raw) == FORGET:
        answers.pop(pref.dimension, None)
    else:
        answers[pref.dimension] = list(check_answer(pref, raw))
    if answers == candidate.answers:
        return candidate  # nothing changed: the record stays exactly as it was
    updated = replace(candidate, answers=answers, updated_at=now)
    store.update(updated)
    return updated


def answer_rows(candidate: Candidate, profile: Profile) -> list[AnswerRow]:
    """Every criterion with the answers it accepts and what is recorded (None if nothing)."""
    return [
        AnswerRow(
            dimension=pref.dimension,
            label=pref.label,
            values=answer_choices(pref),
            recorded=recorded_answer(candidate, pref.dimension) or None,
        )
        for pref in criteria_of(profile)
    ]

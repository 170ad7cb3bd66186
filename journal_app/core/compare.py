"""Two to four therapists side by side: each criterion a row, must-haves first.

A comparison is the fit of each, laid out so the differences show: for every criterion,
per therapist, met, missed, asked (not known yet, but the question is already on the
consultation list for them) or not known. It reuses the fit, so the two never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from journal_app.core.journal import InvalidInput
from journal_app.core.profile import IMPORTANCE_LABELS, MUST, Profile
from journal_app.core.records import Candidate, Question
from journal_app.core.shortlist import MET, MISSED, FitReport, criteria_of, fit, weight_of

ASKED = "asked"
NOT_KNOWN = "not_known"
CELL_WORDS = {MET: "met", MISSED: "missed", ASKED: "asked", NOT_KNOWN: "not known"}
MIN_COMPARED = 2
MAX_COMPARED = 4


@dataclass(frozen=True)
class CompareRow:
    """One criterion across the therapists: a cell per therapist, in their order."""

    dimension: str
    label: str
    importance: str
    cells: tuple[str, ...]  # MET, MISSED, ASKED or NOT_KNOWN


@dataclass(frozen=True)
class Comparison:
    """The therapists compared, their fits, and the rows, must-haves first."""

    reports: tuple[FitReport, ...]
    rows: tuple[CompareRow, ...]

    def to_json(self) -> dict[str, Any]:
        """The shape `candidate compare --json` prints."""
        return {
            "therapists": [
                {"id": r.candidate.id, "name": r.candidate.name, "sentence": r.sentence}
                for r in self.reports
            ],
            "rows": [
                {
                    "dimension": row.dimension,
                    "label": row.label,
                    "importance": IMPORTANCE_LABELS.get(row.importance, row.importance),
                    "cells": list(row.cells),
                }
                for row in self.rows
            ],
        }


def check_compared(candidates: Sequence[Candidate]) -> None:
    """Two to four different therapists; anything else is refused with the reason."""
    ids = [c.id for c in candidates]
    if len(set(ids)) != len(ids):
        raise InvalidInput("Each therapist can be compared once; the same one was named twice.")
    if not MIN_COMPARED <= len(ids) <= MAX_COMPARED:
        raise InvalidInput(
            f"Compare {MIN_COMPARED} to {MAX_COMPARED} therapists at a time (got {len(ids)})."
        )


def _cell(report: FitReport, dimension: str, asked: set[str]) -> str:
    for reason in report.reasons:
        if reason.dimension == dimension:
            if reason.outcome in (MET, MISSED):
                return reason.outcome
            return ASKED if reason.question in asked else NOT_KNOWN
    return NOT_KNOWN  # not reached: every criterion has a reason in every fit


def compare(
    candidates: Sequence[Candidate], profile: Profile, questions: Iterable[Question] = ()
) -> Comparison:
    """Lay two to four fits side by side, must-haves first, then nice-to-haves."""
    check_compared(candidates)
    reports = tuple(fit(c, profile) for c in candidates)
    planned: dict[str, set[str]] = {c.id: set() for c in candidates}
    for question in questions:
        if question.candidate_id in planned:
            planned[question.candidate_id].add(question.text)
    criteria = sorted(criteria_of(profile), key=lambda p: p.importance != MUST)
    rows = tuple(
        CompareRow(
            dimension=pref.dimension,
            label=pref.label,
            importance=weight_of(pref),
            cells=tuple(_cell(r, pref.dimension, planned[r.candidate.id]) for r in reports),
        )
        for pref in criteria
    )
    return Comparison(reports=reports, rows=rows)

"""The coping toolkit: short exercises for the hard moments of the search, parsed from TOML.

Like the prompt packs, the exercises are data so their wording can be tended without code,
and a mistake fails loudly with the file and line rather than quietly losing an exercise
someone may be reaching for while anxious.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from journal_app.core.prompt_packs import PromptPackError, entry_line, parse_toml

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_KEYS = {"id", "title", "why", "steps", "minutes"}


class CopingError(PromptPackError):
    """The coping file is wrong. A PromptPackError, so shells catch one kind of data error."""


@dataclass(frozen=True)
class Exercise:
    """One coping exercise: why it helps, in a line, and a few small steps."""

    id: str
    title: str
    why: str
    steps: tuple[str, ...]
    source: str
    line: int
    minutes: int | None = None

    def numbered_steps(self) -> list[str]:
        """Steps as "1. ...", ready to show or print."""
        return [f"{number}. {step}" for number, step in enumerate(self.steps, start=1)]


class _Problem(Exception):
    """A problem with one exercise; the caller blames its line."""


def _one_line(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _Problem(f"{where} needs `{key}` as non-empty text")
    if "\n" in value.strip():
        raise _Problem(f"{where}: `{key}` must be a single line")
    return value.strip()


def _steps(raw: Mapping[str, Any], where: str) -> tuple[str, ...]:
    steps = raw.get("steps")
    if not isinstance(steps, list) or not steps:
        raise _Problem(f"{where} needs `steps`, a list of short lines")
    out = []
    for step in steps:
        if not isinstance(step, str) or not step.strip() or "\n" in step.strip():
            raise _Problem(f"{where}: every step must be one non-empty line of text")
        out.append(step.strip())
    return tuple(out)


def _parse_exercise(raw: Any, source: str, line: int) -> Exercise:
    if not isinstance(raw, dict):
        raise _Problem("each [[exercises]] entry must be a table")
    exercise_id = raw.get("id")
    if not isinstance(exercise_id, str) or not _ID.match(exercise_id):
        raise _Problem(f"an exercise needs an `id` in lower_snake_case (got {exercise_id!r})")
    where = f"exercise '{exercise_id}'"
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise _Problem(f"{where} has unknown key(s) {', '.join(unknown)}")
    minutes = raw.get("minutes")
    if minutes is not None and (
        not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 1
    ):
        raise _Problem(f"{where}: `minutes` must be a whole number of 1 or more")
    return Exercise(
        id=exercise_id,
        title=_one_line(raw, "title", where),
        why=_one_line(raw, "why", where),
        steps=_steps(raw, where),
        source=source,
        line=line,
        minutes=minutes,
    )


def parse_coping(text: str, source: str) -> tuple[Exercise, ...]:
    """Parse the coping file's text into exercises, in file order."""
    try:
        data = parse_toml(text, source)
    except PromptPackError as exc:
        raise CopingError(exc.source, exc.line, exc.reason) from exc
    unknown = sorted(set(data) - {"exercises"})
    if unknown:
        raise CopingError(source, 1, f"unknown top-level key(s) {', '.join(unknown)}")
    raw_exercises = data.get("exercises")
    if not isinstance(raw_exercises, list) or not raw_exercises:
        raise CopingError(source, 1, "the file needs at least one [[exercises]] entry")
    exercises: list[Exercise] = []
    for index, raw in enumerate(raw_exercises):
        line = entry_line(text, "exercises", index) or 1
        try:
            exercise = _parse_exercise(raw, source, line)
        except _Problem as problem:
            raise CopingError(source, line, str(problem)) from None
        if any(e.id == exercise.id for e in exercises):
            raise CopingError(source, line, f"exercise id '{exercise.id}' is used twice")
        exercises.append(exercise)
    return tuple(exercises)


def find_exercise(exercises: Iterable[Exercise], exercise_id: str) -> Exercise | None:
    """The exercise with this id, or None."""
    return next((e for e in exercises if e.id == exercise_id), None)

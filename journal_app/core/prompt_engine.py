"""The guided-prompt engine: which question comes next, what an answer may be, and the
preference profile the answers add up to.

Everything here is a pure function of the packs and the answers, so resuming is simply
asking ``next_prompt`` again with the stored answers, and the UI and the CLI can never
disagree about what to ask.

Answers come as a mapping of prompt id to a stored ``PreferenceAnswer`` or a plain
``Answer``. A *skip* is recorded as an answer whose value is ``None``: the prompt counts
as dealt with (the person is not asked again) but the skip says nothing about them, so it
plays no part in ``when`` rules or the profile. An answer to a prompt that no longer
applies (say OCD was un-chosen after the ERP follow-up was answered) is kept, untouched,
and simply ignored until the prompt applies again.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from journal_app.core.journal import InvalidInput
from journal_app.core.ports import RecordStore
from journal_app.core.profile import (
    DONT_MIND,
    IMPORTANCE_LABELS,
    IMPORTANCE_LEVELS,
    MUST,
    NICE,
    Preference,
    Profile,
)
from journal_app.core.prompt_packs import (
    MULTI,
    RANKING,
    SCALE,
    SINGLE,
    TEXT,
    Pack,
    Prompt,
    find_prompt,
    iter_prompts,
)
from journal_app.core.records import PreferenceAnswer, unchanged


@dataclass(frozen=True)
class Answer:
    """An answer as the engine sees it: a typed value (None for a skip) and its importance."""

    value: Any
    importance: str | None = None

    @property
    def skipped(self) -> bool:
        return self.value is None


AnswerLike = Answer | PreferenceAnswer
Answers = Mapping[str, AnswerLike]


def _as_answer(given: AnswerLike) -> Answer:
    if isinstance(given, Answer):
        return given
    if isinstance(given, PreferenceAnswer):
        return Answer(given.value, given.importance)
    raise TypeError(f"expected an Answer or PreferenceAnswer, got {type(given).__name__}")


# --- Checking one answer -------------------------------------------------------------------


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _number_text(value: float) -> str:
    """Numbers as people write them: 80, not 80.0."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _options(prompt: Prompt) -> str:
    return ", ".join(prompt.choice_ids)


def _check_choice_id(prompt: Prompt, value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"Please choose one of: {_options(prompt)}.")
    if value not in prompt.choice_ids:
        raise InvalidInput(f"'{value}' is not one of the options; choose from: {_options(prompt)}.")
    return value


def _check_single(prompt: Prompt, value: Any) -> str:
    if isinstance(value, list | tuple):
        raise InvalidInput(f"Please choose just one option: {_options(prompt)}.")
    return _check_choice_id(prompt, value)


def _check_multi(prompt: Prompt, value: Any) -> list[str]:
    if not isinstance(value, list | tuple):
        raise InvalidInput("Please choose one or more options, as a list.")
    chosen = {_check_choice_id(prompt, v) for v in value}
    if not chosen:
        raise InvalidInput("Please choose at least one option, or skip this question.")
    if prompt.max_choices is not None and len(chosen) > prompt.max_choices:
        raise InvalidInput(f"Please choose at most {prompt.max_choices} options.")
    return [c for c in prompt.choice_ids if c in chosen]  # stable, pack order


def _check_ranking(prompt: Prompt, value: Any) -> list[str]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise InvalidInput("Please give the options in order, as a list.")
    if sorted(value) != sorted(prompt.choice_ids):
        raise InvalidInput(f"Please put every option in order, each once: {_options(prompt)}.")
    return list(value)


def _check_scale(prompt: Prompt, value: Any) -> float:
    low, high, step = prompt.min_value, prompt.max_value, prompt.step
    assert low is not None and high is not None and step is not None  # a parsed scale has them
    span = f"from {_number_text(low)} to {_number_text(high)}"
    if not _is_number(value):
        raise InvalidInput(f"Please give a number {span}.")
    if not low <= value <= high:
        raise InvalidInput(f"Please give a number {span} (got {_number_text(value)}).")
    steps = (value - low) / step
    if abs(steps - round(steps)) > 1e-9:
        raise InvalidInput(f"Please give a number {span} in steps of {_number_text(step)}.")
    whole = all(float(n).is_integer() for n in (low, step))
    return int(round(value)) if whole else value


def _check_text(prompt: Prompt, value: object) -> str:
    if not isinstance(value, str):
        raise InvalidInput("The answer must be text.")
    value = unicodedata.normalize("NFC", value)
    if not value.strip():
        raise InvalidInput("The answer is empty; write a few words, or skip this question.")
    if len(value) > prompt.max_chars:
        raise InvalidInput(
            f"The answer is too long ({len(value):,} characters; the limit is "
            f"{prompt.max_chars:,})."
        )
    return value


_CHECKS = {
    SINGLE: _check_single,
    MULTI: _check_multi,
    RANKING: _check_ranking,
    SCALE: _check_scale,
    TEXT: _check_text,
}


def _check_importance(prompt: Prompt, importance: Any) -> str | None:
    """Importance defaults to nice-to-have where it is asked; free notes carry none."""
    if not prompt.asks_importance:
        return None
    if importance is None:
        return NICE
    if not isinstance(importance, str) or importance not in IMPORTANCE_LEVELS:
        raise InvalidInput(f"Importance must be one of: {', '.join(IMPORTANCE_LEVELS)}.")
    return importance


def validate_answer(prompt: Prompt, value: Any, importance: str | None = None) -> Answer:
    """The answer in its stored form, or InvalidInput with one plain sentence.

    ``value`` None is a skip. Multi-choice answers are put in the pack's order and de-duplicated;
    scale answers on whole-number scales become ints.
    """
    if value is None:
        return Answer(None, None)
    checked = _CHECKS[prompt.kind](prompt, value)
    return Answer(checked, _check_importance(prompt, importance))


def parse_answer_value(prompt: Prompt, raw: str) -> Any:
    """Turn what a person typed (e.g. on the command line) into a typed, checked value.

    Choices may be given by id or by label, in any case: "cbt,act" or "CBT, ACT" for multi;
    "a>b>c" or "a,b,c" for ranking; "80" for a scale. Text is taken as written.
    """
    if prompt.kind == TEXT:
        return _check_text(prompt, raw)
    if prompt.kind == SCALE:
        return _check_scale(prompt, _parse_number(prompt, raw))
    separator = ">" if prompt.kind == RANKING and ">" in raw else ","
    parts = [p.strip() for p in raw.split(separator) if p.strip()]
    ids = [_choice_from_words(prompt, p) for p in parts]
    if prompt.kind == SINGLE:
        if len(ids) != 1:
            raise InvalidInput(f"Please choose just one option: {_options(prompt)}.")
        return _check_single(prompt, ids[0])
    return _CHECKS[prompt.kind](prompt, ids)


def _parse_number(prompt: Prompt, raw: str) -> float:
    try:
        number = float(raw.strip())
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        low, high = prompt.min_value or 0, prompt.max_value or 0
        raise InvalidInput(
            f"Please give a number from {_number_text(low)} to {_number_text(high)}."
        )
    return number


def _choice_from_words(prompt: Prompt, words: str) -> str:
    folded = words.casefold()
    for choice in prompt.choices:
        if folded in (choice.id.casefold(), choice.label.casefold()):
            return choice.id
    raise InvalidInput(f"'{words}' is not one of the options; choose from: {_options(prompt)}.")


def format_value(prompt: Prompt, value: Any) -> str:
    """An answer in plain words, for showing it back to the person."""
    if value is None:
        return "(skipped)"
    if prompt.kind == SINGLE:
        return prompt.label_of(value)
    if prompt.kind == MULTI:
        return ", ".join(prompt.label_of(v) for v in value)
    if prompt.kind == RANKING:
        return ", ".join(f"{i}. {prompt.label_of(v)}" for i, v in enumerate(value, start=1))
    if prompt.kind == SCALE:
        return scale_words(prompt, value)
    return str(value)


def scale_words(prompt: Prompt, value: float) -> str:
    """What a scale's position means, not just its number: "up to 45 minutes each way",
    "7 of 10"; at either end the end's own words ("300 or more"). The slider announces
    this, its visible label shows it, and the profile says it."""
    if value == prompt.min_value and prompt.min_label:
        return prompt.min_label
    if value == prompt.max_value and prompt.max_label:
        return prompt.max_label
    number = _number_text(value)
    if prompt.words:
        return prompt.words.replace("{value}", number)
    return " ".join(part for part in (number, prompt.unit) if part)


# --- Walking the packs ---------------------------------------------------------------------


def _walk(packs: Sequence[Pack], answers: Answers) -> list[tuple[Prompt, Answer | None]]:
    """The prompts that apply to this person, in order, each with the answer that counts.

    One pass suffices because a ``when`` only looks back. A stored answer that no longer fits
    its prompt (a pack changed since) counts as unanswered, so the person is asked again.
    """
    values: dict[str, Any] = {}
    out: list[tuple[Prompt, Answer | None]] = []
    for prompt in iter_prompts(packs):
        if prompt.when is not None and not prompt.when.holds(values):
            continue
        answer = _usable(prompt, answers.get(prompt.id))
        if answer is not None and not answer.skipped:
            values[prompt.id] = answer.value
        out.append((prompt, answer))
    return out


def _usable(prompt: Prompt, given: AnswerLike | None) -> Answer | None:
    if given is None:
        return None
    answer = _as_answer(given)
    try:
        return validate_answer(prompt, answer.value, answer.importance)
    except InvalidInput:
        return None


def applicable_prompts(packs: Sequence[Pack], answers: Answers) -> list[Prompt]:
    """Every prompt that applies given the answers so far, in asking order."""
    return [prompt for prompt, _ in _walk(packs, answers)]


def is_applicable(packs: Sequence[Pack], answers: Answers, prompt_id: str) -> bool:
    """Whether this prompt is currently asked of this person."""
    return any(prompt.id == prompt_id for prompt in applicable_prompts(packs, answers))


def next_prompt(packs: Sequence[Pack], answers: Answers) -> Prompt | None:
    """The first applicable prompt with no answer or skip yet; None when all are done.

    Also how to resume: call it again with the stored answers.
    """
    return next((prompt for prompt, answer in _walk(packs, answers) if answer is None), None)


def skipped_prompts(packs: Sequence[Pack], answers: Answers) -> list[Prompt]:
    """Applicable prompts the person skipped, so they can be offered again later."""
    return [p for p, a in _walk(packs, answers) if a is not None and a.skipped]


@dataclass(frozen=True)
class Progress:
    """How far through the currently applicable prompts the person is."""

    answered: int
    skipped: int
    total: int

    @property
    def done(self) -> int:
        return self.answered + self.skipped

    @property
    def remaining(self) -> int:
        return self.total - self.done

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0

    @property
    def complete(self) -> bool:
        return self.done >= self.total


def progress(packs: Sequence[Pack], answers: Answers) -> Progress:
    """Answered and skipped out of the prompts that apply now (the total moves with branches)."""
    walked = _walk(packs, answers)
    answered = sum(1 for _, a in walked if a is not None and not a.skipped)
    skipped = sum(1 for _, a in walked if a is not None and a.skipped)
    return Progress(answered=answered, skipped=skipped, total=len(walked))


def get_prompt(packs: Sequence[Pack], prompt_id: str) -> Prompt:
    """The prompt with this id, or InvalidInput naming it."""
    prompt = find_prompt(packs, prompt_id)
    if prompt is None:
        raise InvalidInput(f"There is no question called '{prompt_id}'.")
    return prompt


def revisit(
    packs: Sequence[Pack], answers: Answers, prompt_id: str
) -> tuple[Prompt, Answer | None]:
    """A prompt with its current answer (None if never answered), to show and change it.

    Answering again through ``answer_prompt`` replaces the old answer.
    """
    prompt = get_prompt(packs, prompt_id)
    given = answers.get(prompt_id)
    return prompt, None if given is None else _as_answer(given)


# --- Use cases over the store --------------------------------------------------------------


def _answered_when(record: PreferenceAnswer) -> tuple[datetime, str]:
    return (record.updated_at or record.created_at, record.id)


def stored_answers(store: RecordStore) -> dict[str, PreferenceAnswer]:
    """The stored answer for each prompt: the latest, should a prompt have two (two
    devices that answered it while apart). Chosen by time, never by where a record sits
    in the table, so every device shows the same answer."""
    found: dict[str, PreferenceAnswer] = {}
    for record in store.all(PreferenceAnswer):
        held = found.get(record.prompt_id)
        if held is None or _answered_when(record) > _answered_when(held):
            found[record.prompt_id] = record
    return found


def answer_prompt(
    store: RecordStore,
    packs: Sequence[Pack],
    prompt_id: str,
    value: Any,
    importance: str | None = None,
    *,
    record_id: str,
    now: datetime,
) -> PreferenceAnswer:
    """Check and store an answer (``value`` None records a skip), replacing any earlier one.

    ``record_id`` is used only when the prompt has never been answered; a changed answer
    keeps its record and id, with ``updated_at`` set to ``now``. A prompt that does not apply
    right now may still be answered: the answer waits, ignored, until it does.
    """
    prompt = get_prompt(packs, prompt_id)
    answer = validate_answer(prompt, value, importance)
    existing = stored_answers(store).get(prompt_id)
    if existing is not None:
        updated = replace(
            existing, value=answer.value, importance=answer.importance, updated_at=now
        )
        if unchanged(existing, updated):  # the same answer saved again: nothing changes
            return existing
        store.update(updated)
        return updated
    record = PreferenceAnswer(
        id=record_id,
        created_at=now,
        prompt_id=prompt_id,
        value=answer.value,
        importance=answer.importance,
    )
    store.add(record)
    return record


def skip_prompt(
    store: RecordStore, packs: Sequence[Pack], prompt_id: str, *, record_id: str, now: datetime
) -> PreferenceAnswer:
    """Record that the person chose not to answer, so they are not asked again."""
    return answer_prompt(store, packs, prompt_id, None, record_id=record_id, now=now)


# --- The profile ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelledProfile(Profile):
    """A Profile that also knows the human words for its values.

    ``values`` stay stable ids ("cbt", "in_person") so the shortlist can match candidates;
    the summary shows the labels ("CBT (cognitive behavioural therapy)", "In person").
    """

    value_labels: dict[str, dict[str, str]] = field(default_factory=dict)  # prompt -> id -> label

    ranked: frozenset[str] = frozenset()  # prompts whose values are in a chosen order

    def labelled_values(self, pref: Preference) -> tuple[str, ...]:
        """A preference's values in plain words (numbered, when their order was chosen)."""
        words = self.value_labels.get(pref.prompt_id or "", {})
        labelled = tuple(words.get(v, v) for v in pref.values)
        if pref.prompt_id in self.ranked:
            return tuple(f"{i}. {label}" for i, label in enumerate(labelled, start=1))
        return labelled

    def summary_lines(self) -> list[str]:
        """Must-haves first, then nice-to-haves, then context (no importance: it is not a
        criterion), in plain words. Labels may hold commas ("Anxiety, worry or panic"), so
        values are separated by semicolons."""
        lines = []
        for level in (MUST, NICE):
            for pref in self.by_importance(level):
                values = "; ".join(self.labelled_values(pref)) or "(not said)"
                lines.append(f"{pref.label}: {values} ({IMPORTANCE_LABELS[level]})")
        for pref in self.context:
            lines.append(f"{pref.label}: {'; '.join(self.labelled_values(pref))}")
        return lines


def derive_profile(packs: Sequence[Pack], answers: Answers) -> LabelledProfile:
    """The preference profile: one Preference per answered prompt that has a dimension (in
    ``preferences`` for criteria, in ``context`` for the rest, without importance), and
    free-text answers as notes. Skips and answers to prompts that no longer apply are left
    out. An importance stored on context by an older version is not read.
    """
    preferences: list[Preference] = []
    context: list[Preference] = []
    notes: dict[str, str] = {}
    labels: dict[str, dict[str, str]] = {}
    ranked: set[str] = set()
    for prompt, answer in _walk(packs, answers):
        if answer is None or answer.skipped:
            continue
        if prompt.dimension is None:
            if prompt.kind == TEXT:
                notes[prompt.label] = answer.value
            continue
        found = _preference(prompt, answer)
        (preferences if prompt.is_criterion else context).append(found)
        labels[prompt.id] = _value_labels(prompt, answer.value)
        if prompt.kind == RANKING:
            ranked.add(prompt.id)
    return LabelledProfile(
        preferences=tuple(preferences),
        notes=notes,
        context=tuple(context),
        value_labels=labels,
        ranked=frozenset(ranked),
    )


def _preference(prompt: Prompt, answer: Answer) -> Preference:
    """Choosing only "not sure" / "I don't mind" means exactly that: don't mind. Context
    carries no importance at all."""
    importance: str | None = answer.importance or NICE
    if prompt.kind == SCALE:
        values: tuple[str, ...] = (_number_text(answer.value),)
    elif prompt.kind == TEXT:
        values = (answer.value.strip(),)
    else:
        chosen = (answer.value,) if prompt.kind == SINGLE else tuple(answer.value)
        values = _without_neutral(prompt, chosen)
        if not values:
            values, importance = chosen, DONT_MIND
    if not prompt.is_criterion:
        importance = None
    assert prompt.dimension is not None
    return Preference(
        dimension=prompt.dimension,
        label=prompt.label,
        values=values,
        importance=importance,
        prompt_id=prompt.id,
        value_labels=tuple(_value_labels(prompt, answer.value).items()),
        ask=prompt.ask,
    )


def _without_neutral(prompt: Prompt, chosen: Iterable[str]) -> tuple[str, ...]:
    if prompt.kind == RANKING:
        return tuple(chosen)
    return tuple(c for c in chosen if not _neutral(prompt, c))


def _neutral(prompt: Prompt, choice_id: str) -> bool:
    choice = prompt.choice(choice_id)
    return choice is not None and choice.neutral


def _value_labels(prompt: Prompt, value: Any) -> dict[str, str]:
    if prompt.is_choice:
        return {c.id: c.label for c in prompt.choices}
    if prompt.kind == SCALE:
        return {_number_text(value): format_value(prompt, value)}
    return {}

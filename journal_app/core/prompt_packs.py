"""Prompt packs: the guided questions, parsed from TOML text.

The questions are data so that their wording can be cared for without touching code, and
so the UI and the CLI ask exactly the same things. This module only parses text it is
handed (the shell reads the files). A mistake in a pack fails loudly, naming the file and
the line, because a question that silently disappears is worse than an app that refuses
to start. The format is described in ``prompts/README.md``.

``when`` rules are a tiny, closed vocabulary of tables (never evaluated code), and may
only look back at earlier prompts: that keeps evaluation a single pass with no cycles.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeGuard

from journal_app.core.profile import CANDIDATE_FIELD_FOR_DIMENSION

SINGLE = "single"
MULTI = "multi"
SCALE = "scale"
RANKING = "ranking"
TEXT = "text"
KINDS = (SINGLE, MULTI, SCALE, RANKING, TEXT)
CHOICE_KINDS = frozenset({SINGLE, MULTI, RANKING})

DEFAULT_MAX_CHARS = 10_000  # a long, heartfelt answer fits; a pasted book does not
DEFAULT_PACK_ORDER = 100

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")

_COMMON_KEYS = {"id", "kind", "text", "label", "help", "note", "dimension", "when", "ask", "role"}

# What an answer is for. A *criterion* is something a therapist can meet or miss, so the
# person says how much it matters and the fit weighs it. *Context* (feelings, history,
# hopes, gating questions, notes) describes the person: it is shown in the profile
# summary, never asked how much it matters, never weighed in the fit.
CRITERION = "criterion"
CONTEXT = "context"
ROLES = (CRITERION, CONTEXT)
_KIND_KEYS: dict[str, set[str]] = {
    SINGLE: {"choices"},
    MULTI: {"choices", "max_choices"},
    RANKING: {"choices"},
    SCALE: {"min", "max", "step", "min_label", "max_label", "unit", "words"},
    TEXT: {"max_chars", "placeholder"},
}
_CHOICE_KEYS = {"id", "label", "help", "neutral"}
_PACK_KEYS = {"id", "title", "intro", "order"}


class PromptPackError(ValueError):
    """A shipped data file is wrong; the message says which file, which line and why."""

    def __init__(self, source: str, line: int | None, reason: str) -> None:
        where = f"{source}, line {line}" if line else source
        super().__init__(f"{where}: {reason}")
        self.source = source
        self.line = line
        self.reason = reason


class _Problem(Exception):
    """A schema problem found deep in parsing; the caller knows which line to blame."""


# --- The shapes ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """One option of a choice prompt. ``neutral`` marks "not sure" / "I don't mind"."""

    id: str
    label: str
    help: str = ""
    neutral: bool = False


@dataclass(frozen=True)
class Prompt:
    """One guided question, with where it came from so later checks can point at it."""

    id: str
    kind: str
    text: str
    label: str
    pack_id: str
    source: str
    line: int
    help: str = ""
    note: str = ""
    dimension: str | None = None
    ask: str = ""  # the question to put to a therapist when we don't know yet
    role: str = CONTEXT  # CRITERION or CONTEXT; see ROLES
    when: Rule | None = None
    choices: tuple[Choice, ...] = ()
    max_choices: int | None = None
    min_value: float | None = None
    max_value: float | None = None
    step: float | None = None
    min_label: str = ""
    max_label: str = ""
    unit: str = ""
    words: str = ""  # a scale position in words, "{value}" the number: "up to {value} minutes"
    max_chars: int = DEFAULT_MAX_CHARS
    placeholder: str = ""

    @property
    def choice_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.choices)

    def choice(self, choice_id: str) -> Choice | None:
        """The option with this id, or None."""
        return next((c for c in self.choices if c.id == choice_id), None)

    def label_of(self, choice_id: str) -> str:
        """Human words for an option id; an unknown id is shown as itself."""
        found = self.choice(choice_id)
        return found.label if found else choice_id

    @property
    def is_choice(self) -> bool:
        return self.kind in CHOICE_KINDS

    @property
    def is_criterion(self) -> bool:
        """Whether a therapist can meet or miss this answer (the pack file says so)."""
        return self.role == CRITERION

    @property
    def asks_importance(self) -> bool:
        """Only criteria: how much a feeling, a past experience or a hope "matters" is
        not a question anyone can answer, and nothing would be done with the answer."""
        return self.is_criterion

    @property
    def is_matchable(self) -> bool:
        """Whether a candidate can be measured against this prompt's answer."""
        return self.dimension in CANDIDATE_FIELD_FOR_DIMENSION


@dataclass(frozen=True)
class Pack:
    """A themed group of prompts from one file, asked in file order."""

    id: str
    title: str
    source: str
    prompts: tuple[Prompt, ...]
    intro: str = ""
    order: int = DEFAULT_PACK_ORDER
    line: int = 1


# --- The `when` rule language --------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """One look-back at an earlier prompt, so cross-checks can verify it exists and fits."""

    prompt_id: str
    op: str
    operand: Any = None


class Rule:
    """A condition on earlier answers. ``values`` maps prompt id -> answer value, and holds
    only answers that count (applicable, not skipped)."""

    def holds(self, values: Mapping[str, Any]) -> bool:
        raise NotImplementedError

    def refs(self) -> Iterator[Ref]:
        raise NotImplementedError


def _is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass(frozen=True)
class Condition(Rule):
    """A test on one earlier answer: answered, includes, equals, at_most, at_least.

    An unanswered, skipped or not-applicable prompt makes every test false, so follow-ups
    stay hidden until the answer that calls for them is really there.
    """

    op: str
    prompt_id: str
    operand: Any = None

    def holds(self, values: Mapping[str, Any]) -> bool:
        if self.prompt_id not in values:
            return False
        value: object = values[self.prompt_id]
        if self.op == "answered":
            return True
        if self.op == "includes":
            if isinstance(value, str):
                return bool(value == self.operand)  # the operand is any TOML value
            return isinstance(value, list | tuple) and self.operand in value
        if self.op == "equals":
            if _is_number(self.operand):
                return _is_number(value) and value == self.operand
            return bool(value == self.operand)
        if self.op == "at_most":
            return _is_number(value) and value <= self.operand
        if self.op == "at_least":
            return _is_number(value) and value >= self.operand
        raise ValueError(f"unknown rule operator {self.op!r}")

    def refs(self) -> Iterator[Ref]:
        yield Ref(self.prompt_id, self.op, self.operand)


@dataclass(frozen=True)
class AllOf(Rule):
    """True when every inner rule is."""

    rules: tuple[Rule, ...]

    def holds(self, values: Mapping[str, Any]) -> bool:
        return all(r.holds(values) for r in self.rules)

    def refs(self) -> Iterator[Ref]:
        for rule in self.rules:
            yield from rule.refs()


@dataclass(frozen=True)
class AnyOf(Rule):
    """True when at least one inner rule is."""

    rules: tuple[Rule, ...]

    def holds(self, values: Mapping[str, Any]) -> bool:
        return any(r.holds(values) for r in self.rules)

    def refs(self) -> Iterator[Ref]:
        for rule in self.rules:
            yield from rule.refs()


@dataclass(frozen=True)
class Not(Rule):
    """True when the inner rule is false (including when its prompt is unanswered)."""

    rule: Rule

    def holds(self, values: Mapping[str, Any]) -> bool:
        return not self.rule.holds(values)

    def refs(self) -> Iterator[Ref]:
        yield from self.rule.refs()


_LEAF_OPS = ("includes", "equals", "at_most", "at_least")
_RULE_SHAPES = (
    '{ prompt = "x", includes = "y" }, { prompt = "x", equals = "y" }, '
    '{ prompt = "x", at_most = 10 }, { prompt = "x", at_least = 10 }, { answered = "x" }, '
    "{ all = [...] }, { any = [...] }, { not = {...} }"
)


def parse_rule(raw: Any) -> Rule:
    """Turn a ``when`` table into a rule; anything outside the documented shapes is refused."""
    if not isinstance(raw, dict):
        raise _Problem(f"a `when` rule must be a table, one of: {_RULE_SHAPES}")
    keys = set(raw)
    if keys == {"answered"}:
        return Condition("answered", _rule_id(raw["answered"], "answered"))
    if keys in ({"all"}, {"any"}):
        (name,) = keys
        inner = raw[name]
        if not isinstance(inner, list) or not inner:
            raise _Problem(f"`{name}` in a `when` rule needs a non-empty list of rules")
        rules = tuple(parse_rule(r) for r in inner)
        return AllOf(rules) if name == "all" else AnyOf(rules)
    if keys == {"not"}:
        return Not(parse_rule(raw["not"]))
    if "prompt" in keys:
        ops = keys - {"prompt"}
        if len(ops) != 1 or not ops <= set(_LEAF_OPS):
            raise _Problem(
                f"a `when` rule on a prompt needs exactly one of {', '.join(_LEAF_OPS)} "
                f"(got {', '.join(sorted(ops)) or 'none'})"
            )
        (op,) = ops
        return Condition(op, _rule_id(raw["prompt"], "prompt"), _rule_operand(op, raw[op]))
    raise _Problem(f"unknown `when` rule {sorted(keys)}; use one of: {_RULE_SHAPES}")


def _rule_id(value: Any, key: str) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise _Problem(f'`{key}` in a `when` rule must be a prompt id like "concerns"')
    return value


def _rule_operand(op: str, value: Any) -> Any:
    if op == "includes" and not isinstance(value, str):
        raise _Problem("`includes` in a `when` rule takes one choice id, as text")
    if op == "equals" and not (isinstance(value, str) or _is_number(value)):
        raise _Problem("`equals` in a `when` rule takes a choice id or a number")
    if op in ("at_most", "at_least") and not _is_number(value):
        raise _Problem(f"`{op}` in a `when` rule takes a number")
    return value


def _check_ref_fits(ref: Ref, target: Prompt) -> None:
    """A look-back must make sense for the kind of prompt it looks at."""
    if ref.op == "answered":
        return
    if ref.op == "includes":
        if not target.is_choice:
            raise _Problem(f"`includes` needs a choice prompt, but '{target.id}' is {target.kind}")
        _check_choice_exists(ref, target)
    elif ref.op == "equals":
        if target.kind == SINGLE:
            _check_choice_exists(ref, target)
        elif target.kind == SCALE:
            if not _is_number(ref.operand):
                raise _Problem(f"`equals` on scale prompt '{target.id}' needs a number")
        else:
            raise _Problem(
                f"`equals` works on single-choice and scale prompts; "
                f"use `includes` or `answered` for '{target.id}' ({target.kind})"
            )
    elif target.kind != SCALE:
        raise _Problem(f"`{ref.op}` needs a scale prompt, but '{target.id}' is {target.kind}")


def _check_choice_exists(ref: Ref, target: Prompt) -> None:
    if ref.operand not in target.choice_ids:
        raise _Problem(
            f"`when` refers to an unknown choice '{ref.operand}' of prompt '{target.id}' "
            f"(its choices: {', '.join(target.choice_ids)})"
        )


def _check_refs(
    prompt: Prompt, positions: Mapping[str, tuple[int, Prompt]], *, skip_unknown: bool
) -> None:
    """Every look-back must name an earlier prompt, and fit that prompt's kind."""
    if prompt.when is None:
        return
    here = positions[prompt.id][0]
    for ref in prompt.when.refs():
        found = positions.get(ref.prompt_id)
        if found is None:
            if skip_unknown:
                continue
            raise _Problem(
                f"prompt '{prompt.id}' has a `when` that refers to an unknown prompt "
                f"'{ref.prompt_id}'"
            )
        position, target = found
        if position >= here:
            raise _Problem(
                f"prompt '{prompt.id}' has a `when` that refers to '{ref.prompt_id}', which "
                "is not before it; a `when` can only look back at earlier prompts"
            )
        _check_ref_fits(ref, target)


# --- Finding lines in the source -----------------------------------------------------------


def _code_lines(text: str) -> Iterator[tuple[int, str]]:
    """Numbered lines that are not inside a multi-line string (so their text is not mistaken
    for a table header)."""
    inside = None
    for number, line in enumerate(text.splitlines(), start=1):
        if inside is None:
            yield number, line
        for quote in ('"""', "'''"):
            if (inside is None or inside == quote) and line.count(quote) % 2 == 1:
                inside = quote if inside is None else None


def entry_line(text: str, array: str, index: int) -> int | None:
    """The line of the ``id`` of the index-th ``[[array]]`` entry (its header if it has none)."""
    header = re.compile(rf"^\s*\[\[\s*{re.escape(array)}\s*\]\]")
    any_header = re.compile(r"^\s*\[")
    id_line = re.compile(r"^\s*id\s*=")
    seen = -1
    header_line: int | None = None
    for number, line in _code_lines(text):
        if header_line is not None:
            if id_line.match(line):
                return number
            if any_header.match(line):
                return header_line
        if header.match(line):
            seen += 1
            if seen == index:
                header_line = number
    return header_line


def table_line(text: str, table: str) -> int | None:
    """The line of a ``[table]`` header, if there is one."""
    header = re.compile(rf"^\s*\[\s*{re.escape(table)}\s*\]")
    return next((n for n, line in _code_lines(text) if header.match(line)), None)


def parse_toml(text: str, source: str) -> dict[str, Any]:
    """TOML text to a dict; a syntax error becomes a PromptPackError with tomllib's line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _TOML_POSITION.search(message)
        # Without a position, tomllib means "at end of document": an unclosed string or bracket.
        line = int(found.group(1)) if found else max(1, len(text.splitlines()))
        reason = _TOML_POSITION.sub("", message).replace("(at end of document)", "").strip()
        raise PromptPackError(source, line, f"TOML syntax error: {reason}") from exc


# --- Parsing one pack ----------------------------------------------------------------------


def _text(raw: Mapping[str, Any], key: str, *, required: bool = False) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise _Problem(f"`{key}` must be text")
    if required and not value.strip():
        raise _Problem(f"`{key}` is missing or empty")
    return value.strip()


def _number(raw: Mapping[str, Any], key: str, where: str) -> float:
    value = raw.get(key)
    if not _is_number(value) or not math.isfinite(value):
        raise _Problem(f"{where} needs a number for `{key}`")
    return value


def _check_keys(raw: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        allowed_keys = ", ".join(sorted(allowed))
        raise _Problem(f"{where} has unknown key(s) {', '.join(unknown)}; allowed: {allowed_keys}")


def _parse_choices(raw: Any, where: str) -> tuple[Choice, ...]:
    if not isinstance(raw, list) or not raw:
        raise _Problem(f"{where} is a choice prompt but has no choices")
    choices: list[Choice] = []
    for item in raw:
        if not isinstance(item, dict):
            raise _Problem(f'{where}: each choice must be a table like {{ id = "x", label = "X" }}')
        choice_id = item.get("id")
        if not isinstance(choice_id, str) or not _ID.match(choice_id):
            raise _Problem(f"{where}: a choice id must be lower_snake_case (got {choice_id!r})")
        what = f"{where}, choice '{choice_id}'"
        _check_keys(item, _CHOICE_KEYS, what)
        if any(c.id == choice_id for c in choices):
            raise _Problem(f"{where} has the choice id '{choice_id}' twice")
        neutral = item.get("neutral", False)
        if not isinstance(neutral, bool):
            raise _Problem(f"{what}: `neutral` must be true or false")
        choices.append(
            Choice(
                id=choice_id,
                label=_text(item, "label", required=True),
                help=_text(item, "help"),
                neutral=neutral,
            )
        )
    return tuple(choices)


def _scale_fields(raw: Mapping[str, Any], where: str) -> dict[str, Any]:
    low = _number(raw, "min", where)
    high = _number(raw, "max", where)
    step = _number(raw, "step", where) if "step" in raw else 1
    if low >= high:
        raise _Problem(f"{where}: `min` must be less than `max`")
    if step <= 0:
        raise _Problem(f"{where}: `step` must be more than 0")
    count = (high - low) / step
    if abs(count - round(count)) > 1e-9:
        raise _Problem(f"{where}: `max` must be `min` plus a whole number of steps")
    return {
        "min_value": low,
        "max_value": high,
        "step": step,
        "min_label": _text(raw, "min_label", required=True),
        "max_label": _text(raw, "max_label", required=True),
        "unit": _text(raw, "unit"),
        "words": _scale_words(raw, where),
    }


def _scale_words(raw: Mapping[str, Any], where: str) -> str:
    """What a position means, said once in the pack: every slider announces it."""
    words = _text(raw, "words")
    if words and (words.count("{value}") != 1 or words.replace("{value}", "").count("{")):
        raise _Problem(f'{where}: `words` needs "{{value}}" once, e.g. "up to {{value}} minutes"')
    return words


def _kind_fields(raw: Mapping[str, Any], kind: str, where: str) -> dict[str, Any]:
    if kind in CHOICE_KINDS:
        fields: dict[str, Any] = {"choices": _parse_choices(raw.get("choices"), where)}
        if "max_choices" in raw:
            limit = raw["max_choices"]
            if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
                raise _Problem(f"{where}: `max_choices` must be a whole number of 1 or more")
            fields["max_choices"] = limit
        return fields
    if kind == SCALE:
        return _scale_fields(raw, where)
    limit = raw.get("max_chars", DEFAULT_MAX_CHARS)
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise _Problem(f"{where}: `max_chars` must be a whole number of 1 or more")
    return {"max_chars": limit, "placeholder": _text(raw, "placeholder")}


def _check_dimension(dimension: Any, kind: str, where: str) -> str | None:
    if dimension is None:
        return None
    if not isinstance(dimension, str) or not _ID.match(dimension):
        raise _Problem(f"{where}: `dimension` must be lower_snake_case text")
    if dimension == "budget" and kind != SCALE:
        raise _Problem(f"{where}: the `budget` dimension needs a scale prompt (a number)")
    if dimension in CANDIDATE_FIELD_FOR_DIMENSION and dimension != "budget" and kind == SCALE:
        raise _Problem(f"{where}: the `{dimension}` dimension needs choices or text, not a scale")
    return dimension


def _check_role(role: Any, dimension: str | None, ask: str, where: str) -> str:
    """Every prompt with a dimension says whether it is a criterion or context, so the
    choice is made by whoever writes the question, in the data; one without a dimension
    can only be context (there is nothing to match or record a therapist's answer on)."""
    if role is None:
        if dimension is not None:
            raise _Problem(
                f'{where} has a `dimension`, so it needs `role = "criterion"` (a therapist can '
                'meet or miss it) or `role = "context"` (it describes you)'
            )
        return CONTEXT
    if not isinstance(role, str) or role not in ROLES:
        raise _Problem(f"{where}: `role` must be one of: {', '.join(ROLES)} (got {role!r})")
    if role == CRITERION and dimension is None:
        raise _Problem(f"{where}: a criterion needs a `dimension` to be matched on")
    if role == CONTEXT:
        if dimension in CANDIDATE_FIELD_FOR_DIMENSION:
            raise _Problem(
                f"{where}: the `{dimension}` dimension is matched against therapists, "
                'so its role must be "criterion"'
            )
        if ask:
            raise _Problem(f"{where}: context is never put to a therapist, so it takes no `ask`")
    return role


def _parse_prompt(raw: Any, pack_id: str, source: str, line: int) -> Prompt:
    if not isinstance(raw, dict):
        raise _Problem("each [[prompts]] entry must be a table")
    prompt_id = raw.get("id")
    if not isinstance(prompt_id, str) or not _ID.match(prompt_id):
        raise _Problem(f"a prompt needs an `id` in lower_snake_case (got {prompt_id!r})")
    where = f"prompt '{prompt_id}'"
    kind = raw.get("kind")
    if kind not in KINDS:
        raise _Problem(f"{where} has an unknown kind {kind!r} (use one of: {', '.join(KINDS)})")
    _check_keys(raw, _COMMON_KEYS | _KIND_KEYS[kind], where)
    text = _text(raw, "text")
    if not text:
        raise _Problem(f"{where} has no `text` (the question to ask)")
    dimension = _check_dimension(raw.get("dimension"), kind, where)
    ask = _text(raw, "ask")
    role = _check_role(raw.get("role"), dimension, ask, where)
    return Prompt(
        id=prompt_id,
        kind=kind,
        text=text,
        label=_text(raw, "label") or text,
        pack_id=pack_id,
        source=source,
        line=line,
        help=_text(raw, "help"),
        note=_text(raw, "note"),
        dimension=dimension,
        ask=ask,
        role=role,
        when=parse_rule(raw["when"]) if "when" in raw else None,
        **_kind_fields(raw, kind, where),
    )


def _parse_header(data: Mapping[str, Any]) -> tuple[str, str, str, int]:
    header = data.get("pack")
    if not isinstance(header, dict):
        raise _Problem("a pack needs a [pack] table with `id` and `title`")
    _check_keys(header, _PACK_KEYS, "[pack]")
    pack_id = header.get("id")
    if not isinstance(pack_id, str) or not _ID.match(pack_id):
        raise _Problem("[pack] needs an `id` in lower_snake_case")
    order = header.get("order", DEFAULT_PACK_ORDER)
    if not isinstance(order, int) or isinstance(order, bool):
        raise _Problem("[pack] `order` must be a whole number")
    return pack_id, _text(header, "title", required=True), _text(header, "intro"), order


def parse_pack(text: str, source: str) -> Pack:
    """Parse one pack file's text. References to prompts in other packs are checked later,
    by ``check_packs``; everything that can be checked within the file is checked here."""
    data = parse_toml(text, source)
    header_line = table_line(text, "pack") or 1
    try:
        _check_keys(data, {"pack", "prompts"}, "the file")
        pack_id, title, intro, order = _parse_header(data)
    except _Problem as problem:
        raise PromptPackError(source, header_line, str(problem)) from None
    raw_prompts = data.get("prompts")
    if not isinstance(raw_prompts, list) or not raw_prompts:
        raise PromptPackError(source, header_line, "a pack needs at least one [[prompts]] entry")
    prompts: list[Prompt] = []
    for index, raw in enumerate(raw_prompts):
        line = entry_line(text, "prompts", index) or header_line
        try:
            prompt = _parse_prompt(raw, pack_id, source, line)
        except _Problem as problem:
            raise PromptPackError(source, line, str(problem)) from None
        if any(p.id == prompt.id for p in prompts):
            raise PromptPackError(source, line, f"prompt id '{prompt.id}' is used twice")
        prompts.append(prompt)
    positions = {p.id: (i, p) for i, p in enumerate(prompts)}
    for prompt in prompts:
        _check_refs_at(prompt, positions, skip_unknown=True)
    return Pack(
        id=pack_id,
        title=title,
        source=source,
        prompts=tuple(prompts),
        intro=intro,
        order=order,
        line=header_line,
    )


def _check_refs_at(
    prompt: Prompt, positions: Mapping[str, tuple[int, Prompt]], *, skip_unknown: bool
) -> None:
    """Check a prompt's look-backs, blaming the prompt's own line if one is wrong."""
    try:
        _check_refs(prompt, positions, skip_unknown=skip_unknown)
    except _Problem as problem:
        raise PromptPackError(prompt.source, prompt.line, str(problem)) from None


# --- All packs together --------------------------------------------------------------------


def iter_prompts(packs: Iterable[Pack]) -> Iterator[Prompt]:
    """Every prompt, in pack order then file order: the order they are asked in."""
    for pack in packs:
        yield from pack.prompts


def check_packs(packs: Iterable[Pack]) -> tuple[Pack, ...]:
    """Checks that need every pack at once; returns the packs in asking order.

    Asking order is the packs' ``order`` number, then file name. Duplicate ids across
    packs, and ``when`` rules naming prompts or choices that do not exist (or come later),
    fail here with the offending prompt's file and line.
    """
    ordered = tuple(sorted(packs, key=lambda p: (p.order, p.source)))
    pack_ids: dict[str, Pack] = {}
    for pack in ordered:
        if pack.id in pack_ids:
            raise PromptPackError(
                pack.source,
                pack.line,
                f"pack id '{pack.id}' is also used in {pack_ids[pack.id].source}",
            )
        pack_ids[pack.id] = pack
    positions: dict[str, tuple[int, Prompt]] = {}
    note_labels: dict[str, Prompt] = {}
    for position, prompt in enumerate(iter_prompts(ordered)):
        if prompt.id in positions:
            first = positions[prompt.id][1]
            raise PromptPackError(
                prompt.source,
                prompt.line,
                f"prompt id '{prompt.id}' is already used in {first.source}, line {first.line}",
            )
        positions[prompt.id] = (position, prompt)
        if prompt.kind == TEXT and prompt.dimension is None:
            _check_note_label(prompt, note_labels)
    for prompt in iter_prompts(ordered):
        _check_refs_at(prompt, positions, skip_unknown=False)
    return ordered


def _check_note_label(prompt: Prompt, seen: dict[str, Prompt]) -> None:
    """Free-text answers are kept under their label, so two must not share one."""
    key = prompt.label.casefold()
    if key in seen:
        first = seen[key]
        raise PromptPackError(
            prompt.source,
            prompt.line,
            f"text prompt '{prompt.id}' has the same label as '{first.id}' "
            f"({first.source}, line {first.line}); notes are kept by label",
        )
    seen[key] = prompt


def parse_packs(sources: Iterable[tuple[str, str]]) -> tuple[Pack, ...]:
    """Parse several ``(file name, text)`` pairs and check them together."""
    return check_packs(parse_pack(text, name) for name, text in sources)


def find_prompt(packs: Iterable[Pack], prompt_id: str) -> Prompt | None:
    """The prompt with this id, or None."""
    return next((p for p in iter_prompts(packs) if p.id == prompt_id), None)

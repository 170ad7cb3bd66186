"""Prompt packs: the shipped packs load and cover what the design asks, and broken packs
fail loudly with the file name and the right line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from journal_app.app.prompt_files import load_packs
from journal_app.core.profile import CANDIDATE_FIELD_FOR_DIMENSION
from journal_app.core.prompt_packs import (
    CHOICE_KINDS,
    KINDS,
    SCALE,
    TEXT,
    AllOf,
    AnyOf,
    Condition,
    Not,
    PromptPackError,
    check_packs,
    entry_line,
    find_prompt,
    iter_prompts,
    parse_pack,
    parse_packs,
)

# --- The shipped packs ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def packs():
    return load_packs()


@pytest.fixture(scope="module")
def prompts(packs):
    return list(iter_prompts(packs))


def by_id(prompts, prompt_id):
    found = [p for p in prompts if p.id == prompt_id]
    assert found, f"no prompt {prompt_id}"
    return found[0]


def test_shipped_packs_load_in_order(packs):
    assert [p.id for p in packs] == [
        "concerns",
        "approaches",
        "style",
        "practical",
        "identity",
        "history",
        "hopes",
    ]
    assert all(p.source.startswith("pack_") and p.source.endswith(".toml") for p in packs)


def test_at_least_forty_prompts(prompts):
    assert len(prompts) >= 40
    assert len({p.id for p in prompts}) == len(prompts)


def test_every_kind_is_used(prompts):
    assert {p.kind for p in prompts} == set(KINDS)


def test_every_prompt_has_words_and_choice_prompts_have_choices(prompts):
    for prompt in prompts:
        assert prompt.text.strip() and prompt.label.strip()
        if prompt.kind in CHOICE_KINDS:
            assert len(prompt.choices) >= 2, prompt.id
            assert all(c.label.strip() for c in prompt.choices)
        if prompt.kind == SCALE:
            assert prompt.min_label and prompt.max_label


def test_concerns_cover_the_design(prompts):
    concerns = by_id(prompts, "concerns")
    assert concerns.dimension == "concern"
    wanted = {
        "anxiety",
        "low_mood",
        "ocd",
        "trauma",
        "grief",
        "relationships",
        "work_stress",
        "identity",
        "sleep",
        "eating",
        "substance_use",
        "other",
    }
    assert wanted <= set(concerns.choice_ids)


def test_modalities_use_the_agreed_ids_and_are_explained(prompts):
    modality = by_id(prompts, "modality")
    assert modality.dimension == "modality"
    assert modality.choice_ids == (
        "cbt",
        "dbt",
        "erp",
        "emdr",
        "act",
        "psychodynamic",
        "ifs",
        "couples_family",
        "not_sure",
    )
    for choice in modality.choices:
        sentences = [s for s in choice.help.replace("!", ".").split(". ") if s.strip()]
        assert 1 <= len(sentences) <= 2, choice.id
    assert modality.choice("not_sure").neutral


def test_practicalities_and_identity_dimensions(prompts):
    fmt = [p for p in prompts if p.dimension == "format"]
    assert len(fmt) == 1 and set(fmt[0].choice_ids) == {"telehealth", "in_person"}
    budget = [p for p in prompts if p.dimension == "budget"]
    assert len(budget) == 1 and budget[0].kind == SCALE
    language = by_id(prompts, "language")
    assert {"english", "spanish"} <= set(language.choice_ids)
    used = {p.dimension for p in prompts if p.dimension}
    for dimension in (
        "availability",
        "insurance",
        "sliding_scale",
        "therapist_gender",
        "therapist_age",
        "lgbtq_affirming",
        "cultural_background",
        "faith",
        "language",
        "modality",
        "concern",
    ):
        assert dimension in used, dimension
    assert CANDIDATE_FIELD_FOR_DIMENSION.keys() <= used


def test_style_history_hopes_and_worries_are_asked(prompts):
    ids = {p.id for p in prompts}
    assert {"style_tone", "style_structure", "style_homework", "style_focus"} <= ids
    assert {"frequency", "availability", "sliding_scale", "insurance"} <= ids
    assert {"therapy_before", "past_helped", "past_unhelpful"} <= ids
    assert {"hopes", "worries"} <= ids


CONTEXT_PROMPTS = {"past_helped", "past_unhelpful", "past_modalities", "hopes", "worries"}


def test_feelings_history_and_hopes_are_context_and_never_asked_importance(prompts):
    """Issue 29: "how much does this matter?" is asked only of criteria. The packs say
    which is which; history and hopes are context, every matchable dimension a criterion."""
    for prompt in prompts:
        about_me = prompt.id in CONTEXT_PROMPTS or prompt.pack_id in ("history", "hopes")
        if about_me and prompt.id != "first_contact":  # how to get in touch: a criterion
            assert not prompt.is_criterion, prompt.id
            assert not prompt.asks_importance and not prompt.ask, prompt.id
        if prompt.dimension in CANDIDATE_FIELD_FOR_DIMENSION:
            assert prompt.is_criterion, prompt.id
        if prompt.dimension is None:
            assert not prompt.asks_importance, prompt.id  # gating questions and notes
        if prompt.is_criterion:
            assert prompt.asks_importance and prompt.dimension, prompt.id
    assert {p.id for p in prompts if p.pack_id == "style" and p.dimension} <= {
        p.id for p in prompts if p.is_criterion
    }


@pytest.mark.parametrize(
    ("added", "message"),
    [
        ('dimension = "pace"', 'needs `role = "criterion"`'),
        ('role = "criterion"', "a criterion needs a `dimension`"),
        ('dimension = "pace"\nrole = "feeling"', "`role` must be one of: criterion, context"),
        ('dimension = "language"\nrole = "context"', 'its role must be "criterion"'),
        ('dimension = "pace"\nrole = "context"\nask = "Are you {wanted}?"', "takes no `ask`"),
    ],
)
def test_role_is_written_in_the_pack_and_checked(added, message):
    text = PACK_A.replace('kind = "single"', f'kind = "single"\n{added}')
    err = error_of(text)
    assert message in str(err)
    assert err.line == line_of(text, 'id = "colour"')


@pytest.mark.parametrize("words", ["up to 5", "{value} or {value}", "{value} {unit}"])
def test_scale_words_need_one_value(words):
    text = PACK_A.replace('max_label = "Lots"', f'max_label = "Lots"\nwords = "{words}"')
    assert '`words` needs "{value}" once' in str(error_of(text))


def test_scale_words_parse():
    text = PACK_A.replace('max_label = "Lots"', 'max_label = "Lots"\nwords = "{value} of 10"')
    assert parse_pack(text, "x.toml").prompts[1].words == "{value} of 10"


def test_role_parses():
    criterion = PACK_A.replace(
        'kind = "single"', 'kind = "single"\ndimension = "pace"\nrole = "criterion"'
    )
    assert parse_pack(criterion, "x.toml").prompts[0].asks_importance
    context = criterion.replace('role = "criterion"', 'role = "context"')
    assert not parse_pack(context, "x.toml").prompts[0].asks_importance
    assert not parse_pack(PACK_A, "x.toml").prompts[1].asks_importance  # a scale, no dimension


def test_ocd_branch_is_explained(prompts):
    erp = by_id(prompts, "ocd_erp")
    assert erp.when == Condition("includes", "concerns", "ocd")
    assert "ERP" in erp.note and "Exposure and Response Prevention" in erp.note


def test_never_diagnostic(prompts):
    """Questions ask what someone would like help with, never what they 'have'."""
    banned = ("suffer", "symptom", "disorder", "patient", "are you depressed", "do you have ocd")
    for prompt in prompts:
        words = " ".join([prompt.text, prompt.help, prompt.note]).casefold()
        words += " ".join(c.label + " " + c.help for c in prompt.choices).casefold()
        assert not [b for b in banned if b in words], prompt.id


def test_note_labels_are_unique(prompts):
    labels = [p.label for p in prompts if p.kind == TEXT and p.dimension is None]
    assert len(labels) == len(set(labels))


def test_load_packs_from_a_given_folder(tmp_path: Path):
    (tmp_path / "pack_b.toml").write_text(PACK_B, encoding="utf-8")
    (tmp_path / "pack_a.toml").write_text(PACK_A, encoding="utf-8")
    (tmp_path / "notes.toml").write_text("not = 'a pack'", encoding="utf-8")
    packs = load_packs(tmp_path)
    assert [p.id for p in packs] == ["a", "b"]  # by order, then name


def test_load_packs_refuses_an_empty_folder(tmp_path: Path):
    with pytest.raises(PromptPackError, match="no prompt packs"):
        load_packs(tmp_path)


def test_load_packs_reports_bad_utf8_with_its_line(tmp_path: Path):
    (tmp_path / "pack_bad.toml").write_bytes(b'[pack]\nid = "x"\ntitle = "\xff"\n')
    with pytest.raises(PromptPackError) as caught:
        load_packs(tmp_path)
    assert str(caught.value).startswith("pack_bad.toml, line 3:")


# --- Small packs for the schema checks -----------------------------------------------------

PACK_A = """
[pack]
id = "a"
title = "First"
order = 1

[[prompts]]
id = "colour"
kind = "single"
text = "Pick a colour"
choices = [ { id = "red", label = "Red" }, { id = "blue", label = "Blue" } ]

[[prompts]]
id = "level"
kind = "scale"
text = "How much?"
min = 0
max = 10
min_label = "None"
max_label = "Lots"
"""

PACK_B = """
[pack]
id = "b"
title = "Second"
order = 2

[[prompts]]
id = "why_red"
kind = "text"
text = "Why red?"
when = { prompt = "colour", equals = "red" }
"""


def error_of(text: str, source: str = "pack_test.toml") -> PromptPackError:
    with pytest.raises(PromptPackError) as caught:
        parse_pack(textwrap.dedent(text), source)
    return caught.value


def line_of(text: str, needle: str) -> int:
    lines = textwrap.dedent(text).splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def test_toml_syntax_error_names_file_and_line():
    text = PACK_A.replace('text = "How much?"', "text = How much?")
    err = error_of(text)
    assert err.source == "pack_test.toml"
    assert err.line == line_of(text, "text = How much?")
    assert str(err).startswith(f"pack_test.toml, line {err.line}: TOML syntax error")


def test_unterminated_string_still_names_a_line():
    err = error_of('[pack]\nid = "x"\ntitle = "oops\n')
    assert err.line is not None and err.line >= 1
    assert "pack_test.toml" in str(err)


def test_unknown_kind_names_the_prompt_line():
    text = PACK_A.replace('kind = "scale"', 'kind = "slider"')
    err = error_of(text)
    assert err.line == line_of(text, 'id = "level"')
    assert "unknown kind 'slider'" in str(err)
    assert str(err).startswith(f"pack_test.toml, line {err.line}:")


def test_duplicate_id_in_a_pack_names_the_second():
    text = PACK_A.replace('id = "level"', 'id = "colour"')
    err = error_of(text)
    lines = textwrap.dedent(text).splitlines()
    second = [i for i, line in enumerate(lines, start=1) if line == 'id = "colour"'][1]
    assert err.line == second
    assert "used twice" in str(err)


def test_duplicate_id_across_packs_names_the_later_file_and_line():
    clash = PACK_B.replace('id = "why_red"', 'id = "colour"').replace(
        'when = { prompt = "colour", equals = "red" }', ""
    )
    with pytest.raises(PromptPackError) as caught:
        parse_packs([("pack_a.toml", PACK_A), ("pack_b.toml", clash)])
    err = caught.value
    assert err.source == "pack_b.toml"
    assert err.line == line_of(clash, 'id = "colour"')
    assert "already used in pack_a.toml" in str(err)


def test_dangling_when_reference_names_file_and_line():
    dangling = PACK_B.replace('prompt = "colour"', 'prompt = "flavour"')
    with pytest.raises(PromptPackError) as caught:
        parse_packs([("pack_a.toml", PACK_A), ("pack_b.toml", dangling)])
    err = caught.value
    assert (err.source, err.line) == ("pack_b.toml", line_of(dangling, 'id = "why_red"'))
    assert "unknown prompt 'flavour'" in str(err)
    assert str(err).startswith(f"pack_b.toml, line {err.line}:")


def test_when_naming_an_unknown_choice_fails():
    bad = PACK_B.replace('equals = "red"', 'equals = "green"')
    with pytest.raises(PromptPackError, match="unknown choice 'green'") as caught:
        parse_packs([("pack_a.toml", PACK_A), ("pack_b.toml", bad)])
    assert caught.value.line == line_of(bad, 'id = "why_red"')


def test_when_naming_an_unknown_choice_in_the_same_pack_fails_at_parse():
    text = PACK_A + '\n[[prompts]]\nid = "x"\nkind = "text"\ntext = "X"\n'
    text += 'when = { prompt = "colour", includes = "green" }\n'
    err = error_of(text)
    assert err.line == line_of(text, 'id = "x"')
    assert "unknown choice 'green'" in str(err)


def test_when_may_only_look_back():
    forward = PACK_A.replace(
        'text = "Pick a colour"', 'text = "Pick a colour"\nwhen = { answered = "level" }'
    )
    err = error_of(forward)
    assert err.line == line_of(forward, 'id = "colour"')
    assert "earlier prompts" in str(err)
    # ...and across packs, a later pack cannot be referred to either.
    backward = PACK_A.replace(
        'text = "Pick a colour"', 'text = "Pick a colour"\nwhen = { answered = "why_red" }'
    )
    with pytest.raises(PromptPackError, match="earlier prompts"):
        parse_packs([("pack_a.toml", backward), ("pack_b.toml", PACK_B)])


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ('{ prompt = "level", includes = "red" }', "`includes` needs a choice prompt"),
        ('{ prompt = "colour", at_most = 3 }', "`at_most` needs a scale prompt"),
        ('{ prompt = "level", equals = "red" }', "needs a number"),
        ('{ prompt = "colour", wobble = 3 }', "needs exactly one of"),
        ('{ prompt = "colour", includes = "red", equals = "red" }', "needs exactly one of"),
        ('{ maybe = "colour" }', "unknown `when` rule"),
        ("{ all = [] }", "non-empty list"),
        ('"colour"', "must be a table"),
        ('{ prompt = "colour", at_least = "lots" }', "takes a number"),
    ],
)
def test_bad_when_rules_are_refused(rule, message):
    text = PACK_A + f'\n[[prompts]]\nid = "x"\nkind = "text"\ntext = "X"\nwhen = {rule}\n'
    err = error_of(text)
    assert message in str(err)
    assert err.line == line_of(text, 'id = "x"')


@pytest.mark.parametrize(
    ("old", "new", "message", "blamed"),
    [
        ('text = "Pick a colour"\n', "", "has no `text`", 'id = "colour"'),
        (
            'choices = [ { id = "red", label = "Red" }, { id = "blue", label = "Blue" } ]',
            "",
            "has no choices",
            'id = "colour"',
        ),
        ('id = "blue"', 'id = "red"', "choice id 'red' twice", 'id = "colour"'),
        (
            'label = "Blue"',
            'label = "Blue", colour = "x"',
            "unknown key(s) colour",
            'id = "colour"',
        ),
        (
            'kind = "single"',
            'kind = "single"\nwibble = 1',
            "unknown key(s) wibble",
            'id = "colour"',
        ),
        ("max = 10", "max = 0", "`min` must be less than `max`", 'id = "level"'),
        ('max_label = "Lots"', "", "`max_label` is missing", 'id = "level"'),
        ('kind = "scale"', 'kind = "scale"\ndimension = "language"', "not a scale", 'id = "level"'),
        ('id = "level"', 'id = "Level Two"', "lower_snake_case", 'id = "Level Two"'),
    ],
)
def test_schema_errors_blame_the_prompt_line(old, new, message, blamed):
    assert old in PACK_A
    text = PACK_A.replace(old, new)
    err = error_of(text)
    assert message in str(err)
    assert err.line == line_of(text, blamed)


def test_missing_pack_table_is_refused():
    err = error_of('[[prompts]]\nid = "x"\nkind = "text"\ntext = "X"\n')
    assert "[pack]" in str(err)


def test_budget_must_be_a_scale():
    text = PACK_A.replace('kind = "single"', 'kind = "single"\ndimension = "budget"')
    assert "needs a scale" in str(error_of(text))


def test_text_notes_need_distinct_labels():
    twin = PACK_B.replace('text = "Why red?"', 'text = "Why red?"\nlabel = "Same"')
    twin += '\n[[prompts]]\nid = "again"\nkind = "text"\ntext = "Again"\nlabel = "same"\n'
    with pytest.raises(PromptPackError, match="same label"):
        parse_packs([("pack_a.toml", PACK_A), ("pack_b.toml", twin)])


def test_duplicate_pack_ids_fail():
    other = PACK_B.replace('id = "b"', 'id = "a"')
    with pytest.raises(PromptPackError, match="pack id 'a'"):
        parse_packs([("pack_a.toml", PACK_A), ("pack_b.toml", other)])


def test_lines_ignore_headers_inside_multiline_strings():
    text = '[pack]\nid = "p"\ntitle = "P"\nintro = """\n[[prompts]]\n"""\n\n'
    text += '[[prompts]]\nkind = "text"\nid = "real"\ntext = "X"\n'
    assert entry_line(text, "prompts", 0) == 10
    assert parse_pack(text, "x.toml").prompts[0].line == 10


def test_choice_subtables_parse_like_inline_choices():
    text = PACK_A.replace(
        'choices = [ { id = "red", label = "Red" }, { id = "blue", label = "Blue" } ]',
        '\n[[prompts.choices]]\nid = "red"\nlabel = "Red"\n\n[[prompts.choices]]\n'
        'id = "blue"\nlabel = "Blue"\nhelp = "Like the sea."\n',
    )
    pack = parse_pack(text, "x.toml")
    colour = pack.prompts[0]
    assert colour.choice_ids == ("red", "blue")
    assert colour.choice("blue").help == "Like the sea."
    assert pack.prompts[1].line == line_of(text, 'id = "level"')


def test_check_packs_orders_by_order_then_name():
    a = parse_pack(PACK_A, "pack_z.toml")
    b = parse_pack(PACK_B, "pack_a.toml")
    assert [p.id for p in check_packs([b, a])] == ["a", "b"]
    assert find_prompt([a, b], "why_red").pack_id == "b"
    assert find_prompt([a, b], "nope") is None


# --- The rule operators, each true and false -----------------------------------------------


@pytest.mark.parametrize(
    ("rule", "values", "expected"),
    [
        (Condition("answered", "x"), {"x": "a"}, True),
        (Condition("answered", "x"), {}, False),
        (Condition("includes", "x", "ocd"), {"x": ["anxiety", "ocd"]}, True),
        (Condition("includes", "x", "ocd"), {"x": ["anxiety"]}, False),
        (Condition("includes", "x", "ocd"), {"x": "ocd"}, True),  # a single choice
        (Condition("includes", "x", "ocd"), {}, False),
        (Condition("equals", "x", "never"), {"x": "never"}, True),
        (Condition("equals", "x", "never"), {"x": "once"}, False),
        (Condition("equals", "x", 5), {"x": 5}, True),
        (Condition("equals", "x", 5), {"x": 6}, False),
        (Condition("equals", "x", 1), {"x": True}, False),  # booleans are not numbers
        (Condition("at_most", "x", 100), {"x": 100}, True),
        (Condition("at_most", "x", 100), {"x": 101}, False),
        (Condition("at_most", "x", 100), {}, False),
        (Condition("at_least", "x", 7), {"x": 7}, True),
        (Condition("at_least", "x", 7), {"x": 6.5}, False),
        (Condition("at_least", "x", 7), {"x": "8"}, False),
        (AllOf((Condition("answered", "x"), Condition("answered", "y"))), {"x": 1, "y": 2}, True),
        (AllOf((Condition("answered", "x"), Condition("answered", "y"))), {"x": 1}, False),
        (AnyOf((Condition("answered", "x"), Condition("answered", "y"))), {"y": 2}, True),
        (AnyOf((Condition("answered", "x"), Condition("answered", "y"))), {}, False),
        (Not(Condition("equals", "x", "never")), {"x": "once"}, True),
        (Not(Condition("equals", "x", "never")), {"x": "never"}, False),
    ],
)
def test_rule_operators(rule, values, expected):
    assert rule.holds(values) is expected


def test_rules_parse_from_toml_into_the_same_shapes():
    text = PACK_A + textwrap.dedent(
        """
        [[prompts]]
        id = "x"
        kind = "text"
        text = "X"
        when = { all = [
          { answered = "colour" },
          { not = { prompt = "colour", equals = "blue" } },
          { any = [ { prompt = "level", at_most = 3 }, { prompt = "level", at_least = 8 } ] },
          { prompt = "colour", includes = "red" },
        ] }
        """
    )
    rule = parse_pack(text, "x.toml").prompts[-1].when
    assert rule == AllOf(
        (
            Condition("answered", "colour"),
            Not(Condition("equals", "colour", "blue")),
            AnyOf((Condition("at_most", "level", 3), Condition("at_least", "level", 8))),
            Condition("includes", "colour", "red"),
        )
    )
    assert rule.holds({"colour": "red", "level": 2})
    assert not rule.holds({"colour": "red", "level": 5})
    assert not rule.holds({"colour": "blue", "level": 2})

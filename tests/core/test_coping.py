"""The coping toolkit: the shipped exercises load, and a broken file names its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal_app.app.prompt_files import load_coping, load_packs
from journal_app.core.coping import CopingError, find_exercise, parse_coping
from journal_app.core.prompt_packs import PromptPackError

GOOD = """\
[[exercises]]
id = "breathe"
title = "Breathe"
why = "It helps."
minutes = 2
steps = ["In for four.", "Out for six."]

[[exercises]]
id = "notice"
title = "Notice"
why = "It grounds you."
steps = ["Look around."]
"""


@pytest.fixture(scope="module")
def exercises():
    return load_coping()


def test_shipped_toolkit_has_the_core_exercises(exercises):
    ids = [e.id for e in exercises]
    for wanted in ("grounding", "paced_breathing", "reframing", "worry_scheduling"):
        assert wanted in ids
    assert len(ids) == len(set(ids))


def test_each_exercise_is_short_and_kind(exercises):
    for exercise in exercises:
        assert exercise.title and exercise.why and "\n" not in exercise.why
        assert len(exercise.why) <= 120, exercise.id
        assert 3 <= len(exercise.steps) <= 8, exercise.id
        assert all(len(step) <= 120 for step in exercise.steps), exercise.id
        assert exercise.minutes is None or exercise.minutes <= 20


def test_grounding_is_five_four_three_two_one(exercises):
    grounding = find_exercise(exercises, "grounding")
    text = " ".join(grounding.steps).casefold()
    for count in ("five", "four", "three", "two", "one"):
        assert count in text
    assert grounding.numbered_steps()[0].startswith("1. ")
    assert grounding.numbered_steps()[-1].startswith(f"{len(grounding.steps)}. ")


def test_calm_offer_choices_name_real_exercises(exercises):
    """The hopes pack offers exercises by id; those ids must exist here."""
    calm = next(p for pack in load_packs() for p in pack.prompts if p.id == "calm_offer")
    offered = [c.id for c in calm.choices if not c.neutral]
    assert offered and all(find_exercise(exercises, i) for i in offered)


def test_parse_keeps_file_order_and_fields():
    breathe, notice = parse_coping(GOOD, "coping.toml")
    assert (breathe.id, breathe.minutes, breathe.steps) == (
        "breathe",
        2,
        ("In for four.", "Out for six."),
    )
    assert notice.minutes is None and notice.line == 9
    assert find_exercise([breathe, notice], "missing") is None


def error_of(text: str) -> CopingError:
    with pytest.raises(CopingError) as caught:
        parse_coping(text, "coping.toml")
    assert isinstance(caught.value, PromptPackError)  # one kind of data error for shells
    return caught.value


def test_toml_syntax_error_names_the_line():
    err = error_of(GOOD.replace('title = "Notice"', "title = Notice"))
    assert err.line == 10 and str(err).startswith("coping.toml, line 10: TOML syntax error")


@pytest.mark.parametrize(
    ("old", "new", "message", "line"),
    [
        ('steps = ["Look around."]', "", "needs `steps`", 9),
        ('steps = ["Look around."]', "steps = []", "needs `steps`", 9),
        ('steps = ["Look around."]', 'steps = ["", "x"]', "every step", 9),
        ('id = "notice"', 'id = "breathe"', "used twice", 9),
        ('why = "It grounds you."', 'why = """Two\nlines"""', "single line", 9),
        ('why = "It grounds you."', 'why = "It grounds you."\ncolour = 1', "unknown key", 9),
        ("minutes = 2", "minutes = 0", "`minutes`", 2),
        ('title = "Breathe"', "", "needs `title`", 2),
    ],
)
def test_schema_errors_name_the_exercise_line(old, new, message, line):
    assert old in GOOD
    err = error_of(GOOD.replace(old, new))
    assert message in str(err)
    assert err.line == line


def test_empty_file_is_refused():
    assert "at least one" in str(error_of("# nothing here\n"))


def test_loader_reports_a_missing_file(tmp_path: Path):
    with pytest.raises(CopingError, match="missing"):
        load_coping(tmp_path)


def test_loader_reads_a_given_folder(tmp_path: Path):
    (tmp_path / "coping.toml").write_text(GOOD, encoding="utf-8")
    assert [e.id for e in load_coping(tmp_path)] == ["breathe", "notice"]
    (tmp_path / "coping.toml").write_bytes(GOOD.encode() + b"\n# \xff\n")
    with pytest.raises(CopingError) as caught:
        load_coping(tmp_path)
    assert caught.value.line == 14

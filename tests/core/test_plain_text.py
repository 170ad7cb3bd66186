"""Excerpts of Markdown as plain words: the entry list and the Review never show raw marks."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from journal_app.core.plain_text import excerpt, inline_plain
from journal_app.core.records import Entry
from journal_app.core.review import Highlight


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("I felt **hopeful** today", "I felt hopeful today"),
        ("*really* __tired__ and ~~angry~~", "really tired and angry"),
        ("see [my notes](https://example.org) and ![a cat](cat.png)", "see my notes and a cat"),
        ("snake_case_words and 2*3*4 stay", "snake_case_words and 2*3*4 stay"),
        ("`code` and \\*not emphasis\\*", "code and *not emphasis*"),
        ("***both***", "both"),
    ],
)
def test_inline_marks_come_off(markdown: str, plain: str) -> None:
    assert inline_plain(markdown) == plain


def test_lists_and_headings_do_not_run_together() -> None:
    text = "## Today\n- slept badly\n- called the **GP**\n\nThen I rested.\n\n> a quote"
    assert excerpt(text) == "Today: slept badly; called the GP. Then I rested. a quote"
    assert excerpt("1. call\n2. email\n- [x] done") == "call; email; done"
    assert excerpt("Worried.\n- one", lines=2) == "Worried. one"


def test_excerpt_is_cut_gently_and_first_lines_only() -> None:
    assert excerpt("word " * 100, limit=20) == "word word word word…"
    assert excerpt("first\nsecond\nthird", lines=2) == "first second"
    assert excerpt("```\ncode fence\n```\n---\n") == "code fence"


def test_review_highlights_are_plain_words() -> None:
    entry = Entry(
        id="e", created_at=datetime(2026, 11, 2, tzinfo=UTC), text="Felt **hopeful**\n- a\n- b"
    )
    assert Highlight(entry, "lowest anxiety").excerpt == "Felt hopeful; a; b"


def test_a_table_reads_as_its_cells_not_its_pipes() -> None:
    text = "Plan\n\n| when | what |\n| :--- | ---: |\n| morning | a **walk** |"
    assert excerpt(text) == "Plan; when, what; morning, a walk"
    assert "|" not in excerpt("| a | b |\n|---|---|\n| 1 | 2 |")

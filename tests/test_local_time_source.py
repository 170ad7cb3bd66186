"""One source of local time: the shells never work local time out for themselves.

``ui/`` and ``cli/`` get "now", the person's zone, "today", day boundaries and displayed
times from ``journal_app.app.clock`` (or the session, which asks it). A bare
``.astimezone()`` or ``datetime.now()`` asks the C library instead, which on Android and
Windows knows no zone rules and answers with today's fixed offset: an hour off for any
moment across a daylight-saving change. Read from the code's syntax tree, so comments
and docstrings may still talk about them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "journal_app"
SHELLS = ("ui", "cli")
# Calls that read the clock or the zone behind the clock module's back.
CLOCK_CALLS = {
    ("datetime", "now"),
    ("datetime", "today"),
    ("datetime", "utcnow"),
    ("date", "today"),
    ("time", "localtime"),
    ("time", "mktime"),
}
ZONE_MODULES = ("zoneinfo", "tzlocal", "tzdata")


def _dotted(node: ast.AST) -> tuple[str, str] | None:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.value.id, node.attr
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute):
        return node.value.attr, node.attr  # datetime.datetime.now
    return None


def offences(source: str, name: str) -> list[str]:
    """Each place in ``source`` that works local time out on its own."""
    found = []
    for node in ast.walk(ast.parse(source, filename=name)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "astimezone" and not node.args and not node.keywords:
                found.append(f"{name}:{node.lineno} bare .astimezone()")
            if _dotted(node.func) in CLOCK_CALLS:
                found.append(f"{name}:{node.lineno} {'.'.join(_dotted(node.func) or ())}()")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                modules.append(node.module)
            for module in modules:
                if module.split(".")[0] in ZONE_MODULES:
                    found.append(f"{name}:{node.lineno} imports {module}")
    return found


@pytest.mark.parametrize("shell", SHELLS)
def test_shells_take_local_time_from_the_clock_module(shell: str) -> None:
    bad = []
    for path in sorted((PACKAGE / shell).rglob("*.py")):
        bad += offences(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE)))
    assert bad == []


@pytest.mark.parametrize(
    "line",
    [
        "x = moment.astimezone()",
        "x = datetime.now()",
        "x = datetime.datetime.now()",
        "x = date.today()",
        "x = time.localtime()",
        "from zoneinfo import ZoneInfo",
        "import tzlocal",
    ],
)
def test_the_check_finds_each_way_round_it(line: str) -> None:
    assert offences(line, "example.py") != []


def test_the_check_allows_an_explicit_zone() -> None:
    assert offences("x = moment.astimezone(UTC)\n# .astimezone() in a comment", "ok.py") == []


def test_the_core_reads_no_clock_and_no_zone_of_the_machine() -> None:
    """The pure core is given its zone; a bare ``.astimezone()`` would read the machine's."""
    bad = []
    for path in sorted((PACKAGE / "core").rglob("*.py")):
        found = offences(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE)))
        bad += [f for f in found if "imports zoneinfo" not in f]  # Day One names its zone
    assert bad == []


def test_a_core_day_without_a_zone_is_utc_wherever_the_machine_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """None means UTC in the core (followups, import summaries), not the machine's zone."""
    import time
    from datetime import UTC, datetime

    from journal_app.core import followups
    from journal_app.core.import_summary import Imported, summary_lines

    late = datetime(2026, 1, 1, 20, 0, tzinfo=UTC)  # already 2 January in Kiritimati
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    try:
        assert str(followups._local(late, None)) == "2026-01-01"
        assert "(2026-01-01)" in summary_lines(Imported("Day One", 0, 0, 0, differ=(late,)))[1]
    finally:
        monkeypatch.undo()
        time.tzset()

"""No function in journal_app/ui grows past 60 lines, so each screen stays made of small
parts a reader can hold in mind (issue 30: the lock, share and shortlist builders were
80 to 160 lines, closures over closures).

Read from the source with an AST walk: every function and method, nested ones too,
counted from its ``def`` line to its last line (docstring and comments included; they
are part of what a reader must get through). A function over the limit fails the test
unless it is listed in ``WAIVED`` with its reason; a waived one that has been split
fails too, so the list only ever shrinks.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "journal_app" / "ui"
LIMIT = 60

# "path/in/ui.py:function" -> why it must stay long. None has needed it so far: a long
# builder splits into parts named for what they show. Add one only with a reason that
# would convince the next reader (a table of data, say), never "no time to split it".
WAIVED: dict[str, str] = {}


def long_functions(root: Path = UI, limit: int = LIMIT) -> dict[str, int]:
    """``"file.py:name"`` -> lines, for every function in ``root`` longer than ``limit``."""
    found: dict[str, int] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > limit:
                    found[f"{path.relative_to(root).as_posix()}:{node.name}"] = lines
    return found


def test_no_function_in_the_ui_is_longer_than_the_limit() -> None:
    too_long = {name: n for name, n in long_functions().items() if name not in WAIVED}
    assert not too_long, (
        f"Split these into small functions (at most {LIMIT} lines each), or list one in "
        f"WAIVED with the reason it must stay long: {too_long}"
    )


def test_every_waiver_is_still_needed() -> None:
    """A waived function split since (or renamed) leaves the list."""
    stale = sorted(set(WAIVED) - set(long_functions()))
    assert not stale, f"These are no longer over {LIMIT} lines; remove them from WAIVED: {stale}"


def test_the_walk_finds_a_long_function(tmp_path: Path) -> None:
    """The rule can fail: a 61-line function in a file of its own is found, nested or not,
    and a 60-line one is not."""
    body = "".join(f"    x{i} = {i}\n" for i in range(59))
    (tmp_path / "long.py").write_text(f"def long():\n{body}    return 0\n")
    (tmp_path / "nested.py").write_text(
        "class A:\n    def outer(self):\n        def inner():\n"
        + "".join(f"            y{i} = {i}\n" for i in range(60))
        + "        return inner\n"
    )
    (tmp_path / "fits.py").write_text(f"def fits():\n{body}")
    assert long_functions(tmp_path) == {
        "long.py:long": 61,
        "nested.py:outer": 63,
        "nested.py:inner": 61,
    }

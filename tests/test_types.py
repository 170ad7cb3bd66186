"""The type checker holds core/ and app/ to mypy's strict flags (issue 30).

`make lint` runs mypy over the whole package; this runs it over the pure core and the
use cases, where a wrong type is a wrong rule, so a regression fails the suite too. The
cache lives in the test's own temp folder: every run is a cold check (a few seconds of
CPU), and nothing is written into the checkout.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
STRICT_PACKAGES = ["journal_app.core.*", "journal_app.app.*"]
# What `mypy --strict` turns on per module (mypy 1.11 to 2.x): spelled out in pyproject
# because `strict = true` in an override applies to every module (python/mypy#11401).
STRICT_FLAGS = {
    "disallow_any_generics": True,
    "disallow_subclassing_any": True,
    "disallow_untyped_calls": True,
    "disallow_untyped_defs": True,
    "disallow_incomplete_defs": True,
    "check_untyped_defs": True,
    "disallow_untyped_decorators": True,
    "warn_return_any": True,
    "implicit_reexport": False,
    "strict_equality": True,
    "extra_checks": True,
}


def test_core_and_app_are_strict_in_the_config() -> None:
    with (REPO / "pyproject.toml").open("rb") as f:
        mypy = tomllib.load(f)["tool"]["mypy"]
    [strict] = [o for o in mypy["overrides"] if o["module"] == STRICT_PACKAGES]
    missing = {k: v for k, v in STRICT_FLAGS.items() if strict.get(k) is not v}
    assert not missing, f"core/ and app/ lost strict flags: {missing}"
    assert mypy["warn_unused_ignores"] and mypy["warn_redundant_casts"]
    assert "strict" not in mypy, "a global strict would hold ui/ and cli/ to it too"


def test_core_and_app_type_check(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--cache-dir",
            str(tmp_path / "mypy-cache"),
            "journal_app/core",
            "journal_app/app",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr

"""The FHIR copy validated by a second, independent validator: FHIR.js (FHIR R4 4.0).

The R4B models of fhir.resources check the copy in Python (test_clinician_copy); FHIR.js
(npm ``fhir``, Lantana's validator, which reads the R4 StructureDefinitions) checks the
same JSON in Node, with unexpected properties as errors. It is installed from npm into
tests/share/.fhirjs (gitignored) the first time, as the accessibility tests install
axe-core.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from journal_app.core.fhir import bundle_entries, bundle_head
from journal_app.core.records import CheckIn

FHIRJS_DIR = Path(__file__).resolve().parent / ".fhirjs"
INSTALL = ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix",
           str(FHIRJS_DIR), "fhir@4"]  # fmt: skip
VALIDATE = """
const {Fhir} = require("fhir");
const resource = JSON.parse(require("fs").readFileSync(0, "utf8"));
const result = new Fhir().validate(resource, {errorOnUnexpected: true});
process.stdout.write(JSON.stringify(result));
"""
WHEN = datetime(2026, 11, 20, 13, tzinfo=UTC)
CHECKINS = [
    ("phq9", [1, 1, 0, 1, 0, 0, 1, 0, 2]),
    ("phq9", [3, 3, 3, 3, 3, 3, 3, 3, 3]),
    ("gad7", [0, 2, 2, 1, 0, 1, 3]),  # item 2 answered 2: LOINC's LA18938-3
]


@pytest.fixture(scope="module")
def node_modules() -> Path:
    modules = FHIRJS_DIR / "node_modules"
    if not (modules / "fhir").exists():
        if shutil.which("npm") is None or shutil.which("node") is None:
            pytest.fail(f"FHIR.js needs Node and npm: {' '.join(INSTALL)}")
        subprocess.run(INSTALL, check=True, capture_output=True, timeout=300)
    return modules


def validate(node_modules: Path, resource: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run(
        ["node", "-e", VALIDATE],
        input=json.dumps(resource),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={"NODE_PATH": str(node_modules), "PATH": "/usr/bin:/bin:/usr/local/bin"},
    )
    return json.loads(done.stdout)


def fhir_copy() -> dict[str, Any]:
    checkins = [
        CheckIn(id=f"k{n}", created_at=WHEN, instrument=name, answers=answers, taken_at=WHEN)
        for n, (name, answers) in enumerate(CHECKINS)
    ]
    return {**bundle_head(WHEN), "entry": list(bundle_entries(checkins))}


def errors(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for m in result["messages"] if m["severity"] in {"error", "fatal"}]


def test_fhir_js_finds_the_copy_valid_r4(node_modules: Path) -> None:
    result = validate(node_modules, fhir_copy())
    assert result["valid"] is True and errors(result) == [], errors(result)


def test_fhir_js_is_a_real_judge(node_modules: Path) -> None:
    """The same copy with one answer given a made-up type is refused: the check can fail."""
    copy = fhir_copy()
    answer = copy["entry"][0]["resource"]["item"][0]["answer"][0]
    answer["valueScore"] = answer.pop("valueCoding")
    result = validate(node_modules, copy)
    assert result["valid"] is False and errors(result)

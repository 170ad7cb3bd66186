"""axe-core, installed from npm into tests/e2e/.axe (by .ci/run, or by hand), run on a page."""

from __future__ import annotations

import shutil
from pathlib import Path

AXE_DIR = Path(__file__).resolve().parent / ".axe"
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
INSTALL = f"npm install --prefix {AXE_DIR} axe-core@4"
# Flutter's engine writes <meta name=viewport content="user-scalable=no">: the engine's, not ours.
ENGINE_EXCEPTIONS = {"meta-viewport"}
BLOCKING = {"critical", "serious"}


def axe_path() -> Path | None:
    """The axe-core script, or None when it is not installed (and npm is not there to do it)."""
    if AXE_JS.exists():
        return AXE_JS
    if shutil.which("npm") is None:
        return None
    import subprocess

    subprocess.run(INSTALL.split(), check=True, capture_output=True, timeout=300)
    return AXE_JS if AXE_JS.exists() else None


def run_axe(page, script: Path) -> list[tuple[str, str, int, list[str]]]:
    """Every violation as (rule, impact, node count, first targets)."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(script))
    return [
        tuple(v)
        for v in page.evaluate(
            """async () => (await axe.run(document)).violations.map(v => [
                v.id, v.impact, v.nodes.length,
                v.nodes.slice(0, 3).map(n => n.html.slice(0, 160))])"""
        )
    ]


def blocking(violations) -> list:
    """The critical and serious findings, less the engine's own viewport setting."""
    return [v for v in violations if v[1] in BLOCKING and v[0] not in ENGINE_EXCEPTIONS]

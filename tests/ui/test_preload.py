"""The start-up thread imports every Flet control the screens name (ui/preload.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from journal_app.ui import preload

UI = Path(preload.__file__).parent


def test_every_control_the_screens_name_is_preloaded() -> None:
    """A control added to a screen but not to the list would be imported on its first
    visit again; this names it."""
    used = {
        name
        for path in UI.rglob("*.py")
        if path.name != "preload.py"  # its own docstring names no control
        for name in re.findall(r"\bft\.([A-Z]\w+)", path.read_text(encoding="utf-8"))
    }
    assert used, "the scan found no controls: the pattern or the folder is wrong"
    assert sorted(used - set(preload.NAMES)) == []


def test_preloading_imports_the_control_modules() -> None:
    """In a fresh interpreter, a screen's controls are not imported until preload runs."""
    code = (
        "import sys, flet\n"
        "before = 'flet.controls.material.dropdown' in sys.modules\n"
        "from journal_app.ui.preload import preload; preload()\n"
        "print(before, 'flet.controls.material.dropdown' in sys.modules, "
        "'flet_charts' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        cwd=UI.parent.parent,
    )  # fmt: skip
    assert done.stdout.split() == ["False", "True", "True"]

"""The layering, read from the import lines alone (see README "Layout").

core/ is pure; storage/ and share/ are used only by app/; ui/ and cli/ are thin shells
over app/. Every import in the package, including those inside functions, is checked.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "journal_app"
LAYERS = ("core", "app", "storage", "share", "ui", "cli")

# What each layer may import from inside the package (besides itself and the leaf
# ``journal_app.resources``, which only says where shipped files live).
ALLOWED = {
    "core": set(),
    "storage": {"core"},
    "share": {"core"},
    "app": {"core", "storage", "share"},
    "ui": {"core", "app"},
    # `journal-app ui` only asks for the app: the program (main.py, launcher.py) starts it.
    "cli": {"core", "app", "main"},
}


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "journal_app":
        return None
    return parts[1] if len(parts) > 1 else ""


def imports_of(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            if node.module == "journal_app":  # `from journal_app import storage` names a layer
                found += [
                    (node.lineno, f"journal_app.{a.name}")
                    for a in node.names
                    if (PACKAGE / a.name).is_dir() or (PACKAGE / f"{a.name}.py").exists()
                ]
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.append((node.lineno, "<relative>"))
    return found


def violations(layer: str) -> list[str]:
    bad = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for line, module in imports_of(path):
            if module == "<relative>":
                bad.append(f"{path.relative_to(PACKAGE)}:{line} uses a relative import")
                continue
            target = layer_of(module)
            if target is None or target in ("", layer, "resources"):
                continue
            if target not in ALLOWED[layer]:
                bad.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}")
    return bad


@pytest.mark.parametrize("layer", LAYERS)
def test_layer_imports_only_what_it_may(layer: str) -> None:
    assert violations(layer) == []


def test_resources_is_a_leaf() -> None:
    inside = [m for _, m in imports_of(PACKAGE / "resources.py") if layer_of(m) is not None]
    assert inside == []


def test_no_module_sits_loose_at_the_top() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert loose == ["__init__.py", "launcher.py", "main.py", "resources.py"]


def test_cli_never_imports_ui() -> None:
    """The window and the web page start from the program's entry point, never from
    inside the command-line shell (not even in a function that runs late)."""
    into_ui = [
        f"{path.relative_to(PACKAGE)}:{line} imports {module}"
        for path in sorted((PACKAGE / "cli").rglob("*.py"))
        for line, module in imports_of(path)
        if layer_of(module) == "ui"
    ]
    assert into_ui == []


def test_the_program_starts_the_app() -> None:
    """What the command line gave up, the launcher does: it is what imports the UI."""
    launcher = {m for _, m in imports_of(PACKAGE / "launcher.py")}
    assert "journal_app.ui.app" in launcher
    assert "journal_app.ui.launch" in launcher
    program = {m for _, m in imports_of(PACKAGE / "main.py")}
    assert "journal_app.launcher" in program


def test_the_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    """The walker really finds an import hidden inside a function."""
    sample = tmp_path / "x.py"
    sample.write_text("def f():\n    from journal_app.storage.vault import Vault\n")
    assert (2, "journal_app.storage.vault") in imports_of(sample)

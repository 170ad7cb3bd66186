"""The built wheel carries prompts/ and assets/, and an installed copy finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    [built] = out.glob("therapy_journal-*.whl")
    return built


def shipped(folder: str) -> set[str]:
    return {
        p.relative_to(REPO / folder).as_posix()
        for p in (REPO / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and "screenshots" not in p.parts
    }


def test_wheel_contains_every_prompt_and_asset(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("prompts", "assets"):
        files = shipped(folder)
        assert files, folder
        missing = {f for f in files if f"journal_app/{folder}/{f}" not in names}
        assert not missing, f"{folder} files missing from the wheel: {sorted(missing)}"


def test_installed_copy_finds_its_data_outside_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    probe = (
        "from journal_app import resources;"
        "print(resources.prompts_dir()); print(resources.assets_dir())"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    prompts, assets = (Path(line) for line in result.stdout.split())
    assert prompts.is_relative_to(target) and assets.is_relative_to(target)
    assert (assets / "icon.svg").exists()
    assert any(prompts.glob("*.toml"))


EMOJI_FONT = "assets/fonts/NotoColorEmoji.ttf"
EMOJI_BUDGET = 15 * 1024 * 1024  # the limit on what the emoji font adds


def test_the_emoji_font_ships_within_its_budget_to_every_build(wheel: Path) -> None:
    """The colour emoji font is in the wheel within 15 MB installed, and `flet build`
    (desktop and phone) leaves it in: none of its exclusions covers it."""
    import tomllib

    info = zipfile.ZipFile(wheel).getinfo(f"journal_app/{EMOJI_FONT}")
    assert 1024 * 1024 < info.file_size <= EMOJI_BUDGET
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    excluded = pyproject["tool"]["flet"]["app"]["exclude"]
    assert not [
        e for e in excluded if e == EMOJI_FONT or EMOJI_FONT.startswith(e.rstrip("/") + "/")
    ]

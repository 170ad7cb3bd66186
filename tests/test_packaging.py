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

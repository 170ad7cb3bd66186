"""Where the shipped data lives: prompt packs and assets, installed or in a source checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def _locate(package: str, folder: str) -> Path:
    """The installed package folder if there is one, else the top-level source folder."""
    try:
        found = Path(str(resources.files(package)))
        if found.is_dir() and any(found.iterdir()):
            return found
    except (ModuleNotFoundError, TypeError):
        pass
    return _SOURCE_ROOT / folder


def prompts_dir() -> Path:
    """The folder holding the prompt packs, coping toolkit and crisis resources (TOML)."""
    return _locate("journal_app.prompts", "prompts")


def assets_dir() -> Path:
    """The folder holding icons, fonts and the bundle viewer template."""
    return _locate("journal_app.assets", "assets")

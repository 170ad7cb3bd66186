"""Reading the shipped prompt packs and coping toolkit from disk.

A thin shell: it only finds and reads the files, and hands their text to the pure parsers
in ``journal_app.core``. No cache, so an edited pack is picked up on the next call.
"""

from __future__ import annotations

from pathlib import Path

from journal_app.core.coping import CopingError, Exercise, parse_coping
from journal_app.core.prompt_packs import Pack, PromptPackError, parse_packs
from journal_app.resources import prompts_dir

PACK_GLOB = "pack_*.toml"
COPING_FILE = "coping.toml"


def _read(path: Path) -> str:
    """The file as UTF-8 text; bad bytes are reported with their line, like any pack error."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise PromptPackError(path.name, line, "the file is not valid UTF-8 text") from exc


def load_packs(folder: Path | None = None) -> tuple[Pack, ...]:
    """Every ``pack_*.toml`` in the folder (the shipped prompts by default), checked together
    and in asking order."""
    folder = prompts_dir() if folder is None else Path(folder)
    paths = sorted(folder.glob(PACK_GLOB))
    if not paths:
        raise PromptPackError(str(folder), None, f"no prompt packs ({PACK_GLOB}) found")
    return parse_packs((path.name, _read(path)) for path in paths)


def load_coping(folder: Path | None = None) -> tuple[Exercise, ...]:
    """The coping exercises from ``coping.toml`` (the shipped one by default)."""
    path = (prompts_dir() if folder is None else Path(folder)) / COPING_FILE
    if not path.is_file():
        raise CopingError(str(path), None, "the coping toolkit file is missing")
    try:
        text = _read(path)
    except PromptPackError as exc:
        raise CopingError(exc.source, exc.line, exc.reason) from exc
    return parse_coping(text, path.name)

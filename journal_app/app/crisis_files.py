"""Reads the shipped crisis resources file: the thin shell around ``core.crisis``.

Reading must never fail at the moment crisis resources are needed, so a missing or
damaged file falls back to the built-in minimum (call your local emergency number).
"""

from __future__ import annotations

import locale
import os
from pathlib import Path

from journal_app.core.crisis import (
    DEFAULT,
    FALLBACK,
    CrisisDataError,
    CrisisResources,
    parse_crisis_resources,
    resources_for,
)
from journal_app.resources import prompts_dir

CRISIS_FILE = "crisis_resources.toml"
ENV_COUNTRY = "JOURNAL_APP_COUNTRY"


def person_country(chosen: str | None = None) -> str | None:
    """Whose helplines to show: the country chosen in Settings, else JOURNAL_APP_COUNTRY,
    else the country part of the locale (en_GB -> GB).

    One rule for both shells, so the app and the command line never disagree about where
    the person is at the moment it matters most.
    """
    if chosen:
        return chosen
    if os.environ.get(ENV_COUNTRY):
        return os.environ[ENV_COUNTRY]
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(name):
            return os.environ[name]
    return locale.getlocale()[0]


def crisis_resources_path() -> Path:
    """Where the shipped crisis resources live."""
    return prompts_dir() / CRISIS_FILE


def load_crisis_resources(path: Path | None = None) -> dict[str, CrisisResources]:
    """Every country's resources; only the fallback if the file cannot be read."""
    try:
        text = (path or crisis_resources_path()).read_text(encoding="utf-8")
        return parse_crisis_resources(text)
    except (OSError, UnicodeDecodeError, CrisisDataError):
        return {DEFAULT: FALLBACK}


def crisis_resources_for(country: str | None, path: Path | None = None) -> CrisisResources:
    """The resources to show for a country (ISO code or locale), never raising."""
    return resources_for(load_crisis_resources(path), country)

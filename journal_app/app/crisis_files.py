"""Reads the shipped crisis resources file and works out whose helplines to show.

The thin shell around ``core.crisis`` and ``core.crisis_place``: it reads the file, the
environment's locale variables, the device's time zone (through ``app.clock``, the one
time source) and, on a phone, the locale the UI toolkit reports, and hands them to the
pure rules. Reading must never fail at the moment crisis resources are needed, so a
missing or damaged file falls back to the built-in minimum (call your local emergency
number).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from journal_app.app.clock import local_zone
from journal_app.core.crisis import (
    DEFAULT,
    FALLBACK,
    CrisisDataError,
    CrisisResources,
    parse_crisis_resources,
    resources_for,
)
from journal_app.core.crisis_place import Place, place_sentence, where_person_is
from journal_app.resources import prompts_dir

CRISIS_FILE = "crisis_resources.toml"
ENV_COUNTRY = "JOURNAL_APP_COUNTRY"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

# The locale a phone's UI reports ("en_GB"), where no locale variable is set. One device,
# one person: kept for the process, set by the UI shell when it learns it.
_device_locale: list[str | None] = [None]
_guard = threading.Lock()


def set_device_locale(name: str | None) -> None:
    """The UI toolkit's locale for this device (phones), used after the variables."""
    with _guard:
        _device_locale[0] = name or None


def _zone_name() -> str | None:
    """The IANA name of the device's zone (None for a bare offset, which names no place)."""
    return getattr(local_zone(), "key", None) or os.environ.get("TZ") or None


def person_place(chosen: str | None = None) -> Place:
    """Whose helplines to show and why: the country chosen in Settings, else
    JOURNAL_APP_COUNTRY, else a locale's region (LC_ALL, LC_MESSAGES, LANG, the phone's),
    else the time zone's country.

    One rule for both shells, so the app and the command line never disagree about where
    the person is at the moment it matters most. The C library's own locale is not asked:
    with no variable set it reports "C", which Python reads back as en_US.
    """
    with _guard:
        device = _device_locale[0]
    locales = [os.environ.get(name) for name in LOCALE_VARIABLES] + [device]
    return where_person_is(chosen, os.environ.get(ENV_COUNTRY), locales, _zone_name())


def person_country(chosen: str | None = None) -> str | None:
    """The ISO code of the country whose helplines to show (None: not known)."""
    return person_place(chosen).code


@dataclass(frozen=True)
class CrisisChoice:
    """The resources to show, and the sentence saying which country and why."""

    resources: CrisisResources
    place: Place
    sentence: str


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


def crisis_for_person(chosen: str | None = None, path: Path | None = None) -> CrisisChoice:
    """The resources for where the person is, with the words that say so. Never raises."""
    place = person_place(chosen)
    resources = crisis_resources_for(place.code, path)
    return CrisisChoice(resources, place, place_sentence(place, resources))

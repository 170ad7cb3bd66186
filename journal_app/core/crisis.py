"""Crisis resources: who to call or text, right now, where the person lives.

The list is data (``prompts/crisis_resources.toml``) so it can be corrected without
touching code. This module only reads the text it is given and picks the right entry;
the shell reads the file. Because these resources matter most exactly when something has
gone wrong, there is a built-in fallback: even if the file is missing or damaged, the
person is still told to call their local emergency number.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any

DEFAULT = "default"

CRISIS_MESSAGE = (
    "Thank you for answering honestly. You don't have to carry this on your own. "
    "If you are having thoughts of ending your life or hurting yourself, please reach out "
    "now to one of the people below: they are free, confidential, and there for exactly "
    "this moment."
)

# Common names people (and locales) use that are not the ISO code.
COUNTRY_ALIASES = {"UK": "GB", "EN": "GB", "ENGLAND": "GB", "SCOTLAND": "GB", "WALES": "GB"}


class CrisisDataError(ValueError):
    """The crisis resources file is damaged: a problem with shipped data, not the person."""


@dataclass(frozen=True)
class CrisisService:
    """One helpline or service, described so a person can reach it without a link."""

    name: str
    how: str
    phone: str = ""
    sms: str = ""
    website: str = ""
    hours: str = ""

    def line(self) -> str:
        """One plain line for a terminal or a printout."""
        parts = [f"{self.name}: {self.how}"]
        if self.hours:
            parts.append(f"({self.hours})")
        if self.website and self.website not in self.how:
            parts.append(f"Website: {self.website}")
        return " ".join(parts)


@dataclass(frozen=True)
class CrisisResources:
    """Everything to show for one country."""

    code: str
    name: str
    emergency: str
    services: tuple[CrisisService, ...]

    def lines(self) -> list[str]:
        """The message, the emergency number, then each service: ready to print."""
        lines = [CRISIS_MESSAGE, self.emergency_line()]
        lines.extend(f"- {service.line()}" for service in self.services)
        return lines

    def emergency_line(self) -> str:
        """The one instruction that must never be missing."""
        if self.code == DEFAULT:
            return "If you are in immediate danger, call your local emergency number now."
        return f"If you are in immediate danger, call {self.emergency} now."


FALLBACK = CrisisResources(
    code=DEFAULT,
    name="Anywhere",
    emergency="your local emergency number",
    services=(
        CrisisService(
            name="Emergency services",
            how="If you might act on these thoughts, call your local emergency number now.",
        ),
        CrisisService(
            name="Find A Helpline",
            how="A free directory of crisis lines in many countries.",
            website="findahelpline.com",
        ),
    ),
)
"""Used when the data file cannot be read, so there is always something to show."""


def _text(table: dict[str, Any], key: str, where: str, *, required: bool = False) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise CrisisDataError(f"{where}: {key} must be text")
    if required and not value.strip():
        raise CrisisDataError(f"{where}: {key} is missing")
    return value.strip()


def _service(raw: object, where: str) -> CrisisService:
    if not isinstance(raw, dict):
        raise CrisisDataError(f"{where}: each service must be a table")
    return CrisisService(
        name=_text(raw, "name", where, required=True),
        how=_text(raw, "how", where, required=True),
        phone=_text(raw, "phone", where),
        sms=_text(raw, "sms", where),
        website=_text(raw, "website", where),
        hours=_text(raw, "hours", where),
    )


def _country(code: str, raw: object) -> CrisisResources:
    if not isinstance(raw, dict):
        raise CrisisDataError(f"{code}: expected a table")
    services = raw.get("services", [])
    if not isinstance(services, list) or not services:
        raise CrisisDataError(f"{code}: at least one service is needed")
    return CrisisResources(
        code=code,
        name=_text(raw, "name", code, required=True),
        emergency=_text(raw, "emergency", code, required=True),
        services=tuple(_service(s, f"{code} service {i}") for i, s in enumerate(services, 1)),
    )


def parse_crisis_resources(text: str) -> dict[str, CrisisResources]:
    """Read the TOML text into resources keyed by upper-case country code (and "default")."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CrisisDataError(f"crisis resources are not valid TOML: {exc}") from exc
    table: dict[str, CrisisResources] = {}
    for key, raw in data.items():
        code = DEFAULT if key.casefold() == DEFAULT else key.upper()
        if code != DEFAULT and not re.fullmatch(r"[A-Z]{2}", code):
            raise CrisisDataError(f"{key}: countries are keyed by two-letter ISO codes")
        table[code] = _country(code, raw)
    if DEFAULT not in table:
        raise CrisisDataError("crisis resources need a 'default' entry")
    return table


def normalise_country(country: str | None) -> str | None:
    """Upper-case ISO code from what a person or a locale gives ("gb", "UK", "en_GB")."""
    if not country:
        return None
    cleaned = country.strip().upper()
    if cleaned in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[cleaned]
    # A locale such as "en_GB.UTF-8" or "en-gb": the region is the part after the language.
    match = re.fullmatch(r"[A-Z]{2,3}[_-]([A-Z]{2})(?:[.@].*)?", cleaned)
    if match:
        return match.group(1)
    return cleaned if re.fullmatch(r"[A-Z]{2}", cleaned) else None


def resources_for(table: dict[str, CrisisResources] | None, country: str | None) -> CrisisResources:
    """The resources for a country, else the international default, else the fallback.

    Never raises: this runs when someone may be in danger.
    """
    table = table or {}
    code = normalise_country(country)
    if code and code in table:
        return table[code]
    return table.get(DEFAULT, FALLBACK)

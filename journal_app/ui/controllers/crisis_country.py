"""The crisis-resources country: the choices and saving one, shared by Settings and the
"Change country" button beside the helplines themselves.

'' means "work it out from this device" (locale, then time zone); DEFAULT_CHOICE means the
person chose the general list. Nothing here knows about Flet.
"""

from __future__ import annotations

from dataclasses import replace

from journal_app.app.crisis_files import load_crisis_resources
from journal_app.app.session import AppSession
from journal_app.core.crisis import DEFAULT
from journal_app.core.journal import InvalidInput

AUTOMATIC = ""
DEFAULT_CHOICE = DEFAULT.upper()  # prefs keep codes upper-case


def country_choices() -> list[tuple[str, str]]:
    """Automatic first, then the countries with crisis resources by name, then general."""
    found = load_crisis_resources()
    named = sorted(
        ((code, r.name) for code, r in found.items() if code != DEFAULT),
        key=lambda pair: pair[1],
    )
    return [
        (AUTOMATIC, "Work it out from this device"),
        *named,
        (DEFAULT_CHOICE, "Somewhere else (general advice)"),
    ]


def save_country(session: AppSession, code: str | None) -> str:
    """Keep the chosen country; refuses one with no resources (nothing is saved then)."""
    code = (code or "").strip().upper()
    if code not in {c for c, _ in country_choices()}:
        raise InvalidInput(f"No crisis resources are listed for {code}.")
    session.save_prefs(replace(session.prefs, country=code))
    return code

"""Which country's helplines to show, worked out from what the device says about itself.

Crisis resources must fit where the person is from the first minute, before anyone has
opened Settings. The order is: the country the person chose, a country set for the device
(``JOURNAL_APP_COUNTRY``), the region of the device's locale (``en_GB`` -> GB), and last the
time zone (America/New_York -> US), which phones always report even when no locale
variable is set. Pure: the shell passes the locale names and the zone name in.

The zone table is a small slice of tzdata's ``zone1970.tab``/``zone.tab`` (plus the old
names tzdata still links, such as US/Eastern): only the countries the shipped crisis
resources cover, since any other country gets the general list anyway.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from journal_app.core.crisis import DEFAULT, CrisisResources, normalise_country

CHOSEN = "chosen"
DEVICE_SETTING = "device"
LOCALE = "locale"
ZONE = "zone"
UNKNOWN = "unknown"

# Why the app believes the person is there, in words that finish "Showing help for X ...".
SOURCE_WORDS = {
    CHOSEN: "as you chose",
    DEVICE_SETTING: "as set for this device",
    LOCALE: "from your device's language and region",
    ZONE: "from your time zone",
}

# The "C" and "POSIX" locales name no place: a phone or a container without LANG has them.
_NO_PLACE_LOCALES = {"C", "POSIX"}

_ZONES: dict[str, tuple[str, ...]] = {
    "US": (
        "America/New_York", "America/Detroit", "America/Kentucky/Louisville",
        "America/Kentucky/Monticello", "America/Indiana/Indianapolis",
        "America/Indiana/Vincennes", "America/Indiana/Winamac", "America/Indiana/Marengo",
        "America/Indiana/Petersburg", "America/Indiana/Vevay", "America/Chicago",
        "America/Indiana/Tell_City", "America/Indiana/Knox", "America/Menominee",
        "America/North_Dakota/Center", "America/North_Dakota/New_Salem",
        "America/North_Dakota/Beulah", "America/Denver", "America/Boise", "America/Phoenix",
        "America/Los_Angeles", "America/Anchorage", "America/Juneau", "America/Sitka",
        "America/Metlakatla", "America/Yakutat", "America/Nome", "America/Adak",
        "Pacific/Honolulu", "America/Fort_Wayne", "America/Indianapolis",
        "America/Knox_IN", "America/Louisville", "America/Shiprock", "Navajo",
        "US/Alaska", "US/Aleutian", "US/Arizona", "US/Central", "US/East-Indiana",
        "US/Eastern", "US/Hawaii", "US/Indiana-Starke", "US/Michigan", "US/Mountain",
        "US/Pacific",
    ),
    "CA": (
        "America/St_Johns", "America/Halifax", "America/Glace_Bay", "America/Moncton",
        "America/Goose_Bay", "America/Toronto", "America/Iqaluit", "America/Winnipeg",
        "America/Resolute", "America/Rankin_Inlet", "America/Regina",
        "America/Swift_Current", "America/Edmonton", "America/Cambridge_Bay",
        "America/Inuvik", "America/Dawson_Creek", "America/Fort_Nelson",
        "America/Whitehorse", "America/Dawson", "America/Vancouver", "America/Atikokan",
        "America/Blanc-Sablon", "America/Creston", "America/Montreal", "America/Nipigon",
        "America/Thunder_Bay", "America/Rainy_River", "America/Pangnirtung",
        "America/Yellowknife", "Canada/Atlantic", "Canada/Central", "Canada/Eastern",
        "Canada/Mountain", "Canada/Newfoundland", "Canada/Pacific", "Canada/Saskatchewan",
        "Canada/Yukon",
    ),
    "GB": ("Europe/London", "Europe/Belfast", "GB", "GB-Eire"),
    "IE": ("Europe/Dublin", "Eire"),
    "AU": (
        "Australia/Lord_Howe", "Antarctica/Macquarie", "Australia/Hobart",
        "Australia/Melbourne", "Australia/Sydney", "Australia/Broken_Hill",
        "Australia/Brisbane", "Australia/Lindeman", "Australia/Adelaide", "Australia/Darwin",
        "Australia/Perth", "Australia/Eucla", "Australia/ACT", "Australia/Canberra",
        "Australia/Currie", "Australia/LHI", "Australia/NSW", "Australia/North",
        "Australia/Queensland", "Australia/South", "Australia/Tasmania",
        "Australia/Victoria", "Australia/West", "Australia/Yancowinna",
    ),
    "NZ": ("Pacific/Auckland", "Pacific/Chatham", "NZ", "NZ-CHAT"),
    "IN": ("Asia/Kolkata", "Asia/Calcutta"),
    "DE": ("Europe/Berlin", "Europe/Busingen"),
    "FR": ("Europe/Paris",),
    "ES": ("Europe/Madrid", "Africa/Ceuta", "Atlantic/Canary"),
}  # fmt: skip

ZONE_COUNTRY: dict[str, str] = {zone: code for code, zones in _ZONES.items() for zone in zones}
"""Time zone name -> ISO country, for the countries with crisis resources."""


@dataclass(frozen=True)
class Place:
    """The country to show helplines for (None: not known) and how it was found."""

    code: str | None
    source: str  # CHOSEN, DEVICE_SETTING, LOCALE, ZONE or UNKNOWN


def country_from_locale(name: str | None) -> str | None:
    """The region of a locale ("en_GB.UTF-8", "en-US", "fr_CA@euro") or None.

    A bare language ("en", "fr") names no country (French is spoken in Canada too), and
    "C"/"POSIX" name none at all.
    """
    if not name:
        return None
    cleaned = name.strip()
    if cleaned.split(".")[0].upper() in _NO_PLACE_LOCALES:
        return None
    match = re.fullmatch(r"[A-Za-z]{2,3}[_-]([A-Za-z]{2})(?:[.@].*)?", cleaned)
    return match.group(1).upper() if match else None


def country_from_zone(name: str | None) -> str | None:
    """The country of an IANA zone name ("America/New_York" -> "US"), if one we cover."""
    if not name:
        return None
    return ZONE_COUNTRY.get(name.strip().removeprefix(":"))


def where_person_is(
    chosen: str | None,
    device_setting: str | None,
    locales: Iterable[str | None],
    zone: str | None,
) -> Place:
    """The first of: chosen, set for the device, a locale's region, the time zone's country.

    ``locales`` are tried in order (LC_ALL, LC_MESSAGES, LANG, then the UI toolkit's); the
    first that names a region wins, so an empty or "C" LC_ALL does not hide LANG.
    """
    if chosen:
        code = DEFAULT if chosen.strip().casefold() == DEFAULT else normalise_country(chosen)
        if code:
            return Place(code, CHOSEN)
    if device_setting:
        code = normalise_country(device_setting)
        if code:
            return Place(code, DEVICE_SETTING)
    for name in locales:
        code = country_from_locale(name)
        if code:
            return Place(code, LOCALE)
    code = country_from_zone(zone)
    if code:
        return Place(code, ZONE)
    return Place(None, UNKNOWN)


def country_words(name: str) -> str:
    """ "the United States", "Germany": a name as it reads mid-sentence."""
    return f"the {name}" if name.split()[0] in {"United", "Netherlands"} else name


def place_sentence(place: Place, resources: CrisisResources) -> str:
    """Which country's helplines are shown and why, in one sentence.

    Said beside the resources, with a way to change it, so a person abroad or on a
    borrowed phone sees at once that the numbers may not be theirs.
    """
    if resources.code != DEFAULT:
        why = SOURCE_WORDS.get(place.source, "")
        return f"Showing help for {country_words(resources.name)}{', ' + why if why else ''}."
    if place.source == CHOSEN:
        return "Showing general help, as you chose."
    if place.code:
        return f"Showing general help: there is no list for your country ({place.code}) yet."
    return "Showing general help: this device doesn't say which country you're in."

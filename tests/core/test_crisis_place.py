"""Which country's helplines: chosen, device setting, locale region, then time zone."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal_app.core.crisis import parse_crisis_resources, resources_for
from journal_app.core.crisis_place import (
    CHOSEN,
    DEVICE_SETTING,
    LOCALE,
    UNKNOWN,
    ZONE,
    ZONE_COUNTRY,
    Place,
    country_from_locale,
    country_from_zone,
    place_sentence,
    where_person_is,
)
from journal_app.resources import prompts_dir

TABLE = parse_crisis_resources((prompts_dir() / "crisis_resources.toml").read_text("utf-8"))


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("en_GB.UTF-8", "GB"),
        ("en-US", "US"),
        ("fr_CA@euro", "CA"),
        ("de_DE", "DE"),
        ("C.UTF-8", None),  # a container or phone without LANG: no place
        ("C", None),
        ("POSIX", None),
        ("en", None),  # a language alone names no country
        ("fr", None),
        ("", None),
        (None, None),
    ],
)
def test_a_locale_names_a_country_only_by_its_region(name: str | None, code: str | None) -> None:
    assert country_from_locale(name) == code


def test_time_zones_name_the_countries_we_have_helplines_for() -> None:
    assert country_from_zone("America/New_York") == "US"
    assert country_from_zone("US/Pacific") == "US"
    assert country_from_zone("America/Toronto") == "CA"
    assert country_from_zone("Europe/London") == "GB"
    assert country_from_zone("Asia/Calcutta") == "IN"
    assert country_from_zone("Atlantic/Canary") == "ES"
    assert country_from_zone(":Europe/Dublin") == "IE"  # TZ's leading colon
    assert country_from_zone("Europe/Rome") is None  # no list: the general one follows
    assert country_from_zone("Etc/UTC") is None and country_from_zone(None) is None
    # Every country in the table has resources, and every zone name is a real one.
    assert set(ZONE_COUNTRY.values()) <= set(TABLE)
    zoneinfo = Path("/usr/share/zoneinfo")
    if zoneinfo.is_dir():
        missing = [z for z in ZONE_COUNTRY if not (zoneinfo / z).exists()]
        assert missing == []


def test_the_order_is_chosen_device_locale_then_zone() -> None:
    ny = "America/New_York"
    assert where_person_is("ie", "GB", ["en_US.UTF-8"], ny) == Place("IE", CHOSEN)
    assert where_person_is("default", "GB", [], ny) == Place("default", CHOSEN)
    assert where_person_is(None, "gb", ["en_US.UTF-8"], ny) == Place("GB", DEVICE_SETTING)
    assert where_person_is(None, None, [None, "de_DE.UTF-8"], ny) == Place("DE", LOCALE)
    # An empty or C LC_ALL does not hide LANG; with no region anywhere the zone decides.
    assert where_person_is("", "", ["", "C.UTF-8", "en_AU"], ny) == Place("AU", LOCALE)
    assert where_person_is(None, None, ["C.UTF-8", None, None], ny) == Place("US", ZONE)
    assert where_person_is(None, None, [], "Europe/Rome") == Place(None, UNKNOWN)


def test_the_sentence_says_which_country_and_why() -> None:
    us = resources_for(TABLE, "US")
    assert place_sentence(Place("US", ZONE), us) == (
        "Showing help for the United States, from your time zone."
    )
    de = resources_for(TABLE, "DE")
    assert place_sentence(Place("DE", LOCALE), de) == (
        "Showing help for Germany, from your device's language and region."
    )
    general = resources_for(TABLE, None)
    assert place_sentence(Place(None, UNKNOWN), general) == (
        "Showing general help: this device doesn't say which country you're in."
    )
    assert "(IT)" in place_sentence(Place("IT", LOCALE), resources_for(TABLE, "IT"))
    assert place_sentence(Place("default", CHOSEN), general) == (
        "Showing general help, as you chose."
    )

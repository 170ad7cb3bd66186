"""The crisis country from the real environment: no LANG on a phone or in a container, and
the time zone still puts the right helplines on screen."""

from __future__ import annotations

import pytest

from journal_app.app.crisis_files import crisis_for_person, person_place, set_device_locale
from journal_app.core.crisis_place import LOCALE, ZONE


@pytest.fixture
def no_locale(monkeypatch: pytest.MonkeyPatch):
    """A device that names no locale at all (as a phone's Python process does)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "JOURNAL_APP_COUNTRY"):
        monkeypatch.delenv(name, raising=False)
    set_device_locale(None)
    yield monkeypatch
    set_device_locale(None)


def test_new_york_without_a_locale_shows_988(no_locale: pytest.MonkeyPatch) -> None:
    no_locale.setenv("TZ", "America/New_York")
    shown = crisis_for_person()
    assert shown.place.code == "US" and shown.place.source == ZONE
    assert shown.resources.code == "US"
    assert any("988" in service.line() for service in shown.resources.services)
    assert shown.sentence == "Showing help for the United States, from your time zone."


def test_berlin_without_a_locale_is_germany_not_the_c_librarys_en_us(
    no_locale: pytest.MonkeyPatch,
) -> None:
    """Python reads the C locale back as en_US: that must not make everyone American."""
    no_locale.setenv("TZ", "Europe/Berlin")
    assert person_place().code == "DE"
    assert crisis_for_person().resources.emergency == "112"


def test_a_phones_locale_comes_before_its_zone(no_locale: pytest.MonkeyPatch) -> None:
    no_locale.setenv("TZ", "America/New_York")
    set_device_locale("en_GB")
    place = person_place()
    assert (place.code, place.source) == ("GB", LOCALE)
    no_locale.setenv("LANG", "en_IE.UTF-8")  # a variable, where set, comes first
    assert person_place().code == "IE"
    assert person_place("AU").code == "AU"  # and the person's own choice before all


def test_a_zone_with_no_helplines_gives_the_general_list(no_locale: pytest.MonkeyPatch) -> None:
    no_locale.setenv("TZ", "Etc/UTC")
    shown = crisis_for_person()
    assert shown.resources.code == "default"
    assert "doesn't say which country" in shown.sentence

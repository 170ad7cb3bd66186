"""`checkin phq9` with item 9 above 0 on a machine with no locale: the time zone decides,
and the command says which country it shows and how to choose another."""

from __future__ import annotations

import json

from tests.conftest import Cli

NO_LOCALE = {"LANG": "", "LC_ALL": "", "LC_MESSAGES": ""}
ANSWERS = "0,0,0,0,0,0,0,0,1"


def test_new_york_without_a_locale_shows_988_and_says_why(ready_cli: Cli) -> None:
    shown = ready_cli("checkin", "phq9", "--answers", ANSWERS, TZ="America/New_York", **NO_LOCALE)
    assert shown.code == 0, shown.err
    assert "988 Suicide & Crisis Lifeline" in shown.out
    assert "call 911 now" in shown.out
    assert "Showing help for the United States, from your time zone." in shown.out
    assert "JOURNAL_APP_COUNTRY=GB" in shown.out


def test_berlin_without_a_locale_is_germany(ready_cli: Cli) -> None:
    shown = ready_cli(
        "checkin", "phq9", "--answers", ANSWERS, "--json", TZ="Europe/Berlin", **NO_LOCALE
    )
    crisis = json.loads(shown.out)["crisis_resources"]
    assert (crisis["country"], crisis["country_source"]) == ("DE", "zone")
    assert crisis["showing"] == "Showing help for Germany, from your time zone."

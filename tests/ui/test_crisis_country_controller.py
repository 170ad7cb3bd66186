"""The crisis card says whose helplines it shows, and one choice changes them."""

from __future__ import annotations

import pytest

from journal_app.app.preferences import load_prefs
from journal_app.app.session import AppSession
from journal_app.core.checkins import PHQ9
from journal_app.core.journal import InvalidInput
from journal_app.ui.controllers.checkins import CheckinsController
from journal_app.ui.controllers.crisis_country import (
    AUTOMATIC,
    DEFAULT_CHOICE,
    country_choices,
    save_country,
)


@pytest.fixture
def session(clocked_session: AppSession, monkeypatch: pytest.MonkeyPatch) -> AppSession:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "JOURNAL_APP_COUNTRY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TZ", "America/New_York")
    return clocked_session


def test_the_card_names_the_country_and_a_choice_changes_it(session: AppSession) -> None:
    ctrl = CheckinsController.for_session(session)
    ctrl.select(PHQ9)
    ctrl.answer(8, 1)
    crisis = ctrl.state().crisis
    assert crisis is not None and crisis.code == "US"
    assert crisis.showing == "Showing help for the United States, from your time zone."
    assert any(s.startswith("988 Suicide & Crisis Lifeline") for s in crisis.services)

    save_country(session, "gb")
    assert load_prefs(session.data_dir).country == "GB"
    crisis = ctrl.state().crisis
    assert crisis is not None and crisis.code == "GB"
    assert crisis.showing == "Showing help for the United Kingdom, as you chose."
    assert crisis.emergency == "If you are in immediate danger, call 999 now."

    save_country(session, DEFAULT_CHOICE)  # "somewhere else": the general list, kept
    crisis = ctrl.state().crisis
    assert crisis is not None and crisis.code == "default"
    assert crisis.showing == "Showing general help, as you chose."

    save_country(session, AUTOMATIC)  # back to working it out
    assert ctrl.state().crisis.code == "US"


def test_an_unknown_country_is_refused_and_nothing_is_saved(session: AppSession) -> None:
    save_country(session, "IE")
    with pytest.raises(InvalidInput):
        save_country(session, "XX")
    assert load_prefs(session.data_dir).country == "IE"
    codes = [code for code, _ in country_choices()]
    assert codes[0] == AUTOMATIC and codes[-1] == DEFAULT_CHOICE and "US" in codes

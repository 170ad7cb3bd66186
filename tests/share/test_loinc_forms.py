"""The FHIR copy answers LOINC's own Questionnaires for the PHQ-9 and the GAD-7.

LOINC's Questionnaires are kept in tests/data/loinc (see its README for where they came
from). Each check-in's response must name LOINC's canonical questionnaire and use its
linkIds, item codes, answer codes and total-score item, so a record system that knows
the forms files the answers without a mapping.
"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from journal_app.core.checkins import GAD7, PHQ9, get_instrument
from journal_app.core.fhir import LOINC, questionnaire_response
from journal_app.core.records import CheckIn

DATA = Path(__file__).resolve().parents[1] / "data" / "loinc"
FILES = {PHQ9: "Questionnaire-PHQ9.json", GAD7: "Questionnaire-GAD7.json"}


def loinc_form(instrument: str) -> dict[str, Any]:
    return json.loads((DATA / FILES[instrument]).read_text(encoding="utf-8"))


def response(instrument: str, answers: tuple[int, ...]) -> dict[str, Any]:
    when = datetime(2026, 11, 20, 13, 0, tzinfo=UTC)
    checkin = CheckIn(
        id=f"{instrument}-{answers}",
        created_at=when,
        instrument=instrument,
        answers=list(answers),
        taken_at=when,
    )
    made = questionnaire_response(checkin)
    assert made is not None
    return made


def _choices(form: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for i in form["item"] if i["type"] == "choice"]


@pytest.mark.parametrize("instrument", [PHQ9, GAD7])
def test_the_response_names_loincs_questionnaire(instrument: str) -> None:
    form = loinc_form(instrument)
    panel = form["code"][0]["code"]
    assert form["publisher"] == "Regenstrief Institute, Inc."
    made = response(instrument, (0,) * len(get_instrument(instrument).items))
    assert made["questionnaire"] == f"{LOINC}/q/{panel}"


@pytest.mark.parametrize("instrument", [PHQ9, GAD7])
def test_link_ids_and_item_codes_are_loincs(instrument: str) -> None:
    form = loinc_form(instrument)
    count = len(get_instrument(instrument).items)
    made = response(instrument, (1,) * count)
    scored = _choices(form)[:count]
    assert [i["linkId"] for i in made["item"][:count]] == [i["linkId"] for i in scored]
    assert [i["definition"] for i in made["item"][:count]] == [
        f"{LOINC}/{i['code'][0]['code']}" for i in scored
    ]
    # The only question of LOINC's that the response leaves out is an optional one.
    asked = {i["linkId"] for i in made["item"]}
    assert all(not i.get("required") for i in form["item"] if i["linkId"] not in asked)


@pytest.mark.parametrize("instrument", [PHQ9, GAD7])
def test_every_answer_is_one_of_loincs_answers_for_that_item(instrument: str) -> None:
    form = loinc_form(instrument)
    count = len(get_instrument(instrument).items)
    options = {i["linkId"]: [o["valueCoding"] for o in i["answerOption"]] for i in _choices(form)}
    for value in range(4):
        made = response(instrument, (value,) * count)
        for item in made["item"][:count]:
            coding = item["answer"][0]["valueCoding"]
            assert coding == options[item["linkId"]][value], (item["linkId"], value)


@pytest.mark.parametrize("instrument", [PHQ9, GAD7])
def test_the_total_is_loincs_total_score_item(instrument: str) -> None:
    form = loinc_form(instrument)
    (total,) = [i for i in form["item"] if i["type"] == "decimal"]
    assert "total score" in total["text"]
    count = len(get_instrument(instrument).items)
    answers = tuple(itertools.islice(itertools.cycle(range(4)), count))
    made = response(instrument, answers)
    last = made["item"][-1]
    assert (last["linkId"], last["text"]) == (total["linkId"], total["text"])
    assert last["answer"] == [{"valueDecimal": sum(answers)}]

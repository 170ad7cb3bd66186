"""The check-ins as FHIR R4, so a clinic's record system can take them in.

A ``Bundle`` (type ``collection``) of ``QuestionnaireResponse`` resources, one per shared
check-in, coded with LOINC: the panel, each item, each answer and the total score. It holds
no name, no identifier and no subject: only what the person chose to give, which for the
check-ins is the answers and when they were given. The clinic links it to its patient.

LOINC codes checked against loinc.org's own pages: the PHQ-SADS panel 69729-2 lists the
GAD-7 and PHQ-9 item codes and both totals; 44261-6 is the PHQ-9 total; LA6568-5 "Not at
all" is on LOINC's answer lists).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from journal_app.core.checkins import ANSWER_OPTIONS, GAD7, PHQ9, get_instrument, result_for
from journal_app.core.journal import InvalidInput
from journal_app.core.records import CheckIn

if TYPE_CHECKING:
    from journal_app.core.sharing import SharePreview

LOINC = "http://loinc.org"
PANELS = {PHQ9: ("44249-1", "PHQ-9 quick depression assessment panel"),
          GAD7: ("69737-5", "Generalized anxiety disorder 7 item (GAD-7)")}  # fmt: skip
TOTALS = {PHQ9: ("44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score"),
          GAD7: ("70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score")}  # fmt: skip
ITEM_CODES = {
    PHQ9: ("44250-9", "44255-8", "44259-0", "44254-1", "44251-7",
           "44258-2", "44252-5", "44253-3", "44260-8"),
    GAD7: ("69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"),
}  # fmt: skip
ANSWER_CODES = ("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9")  # 0..3, in ANSWER_OPTIONS order


def _coding(code: str, display: str) -> dict[str, str]:
    return {"system": LOINC, "code": code, "display": display}


def _items(checkin: CheckIn, answers: Sequence[int]) -> list[dict[str, Any]]:
    inst = get_instrument(checkin.instrument)
    labels = dict(ANSWER_OPTIONS)
    items = []
    for number, (code, text, value) in enumerate(
        zip(ITEM_CODES[inst.id], inst.items, answers, strict=True), start=1
    ):
        items.append(
            {
                "linkId": f"{inst.id}-{number}",
                "text": text,
                "answer": [{"valueCoding": _coding(ANSWER_CODES[value], labels[value])}],
                "definition": f"{LOINC}/{code}",
            }
        )
    total_code, total_text = TOTALS[inst.id]
    items.append(
        {
            "linkId": f"{inst.id}-total",
            "definition": f"{LOINC}/{total_code}",
            "text": total_text,
            "answer": [{"valueInteger": sum(answers)}],
        }
    )
    return items


def questionnaire_response(checkin: CheckIn) -> dict[str, Any] | None:
    """One check-in as a QuestionnaireResponse, or None if it cannot be scored."""
    try:
        result = result_for(checkin)
    except InvalidInput:
        return None
    panel, title = PANELS[result.instrument]
    return {
        "resourceType": "QuestionnaireResponse",
        "id": _uuidish(checkin.id),
        "questionnaire": f"{LOINC}/q/{panel}",
        "status": "completed",
        "authored": checkin.taken_at.isoformat(),
        "meta": {"tag": [_coding(panel, title)]},
        "item": _items(checkin, result.answers),
    }


def fhir_bundle(preview: SharePreview, created: datetime) -> dict[str, Any]:
    """Every shared check-in as one FHIR R4 collection Bundle (no personal identifiers)."""
    return {**bundle_head(created), "entry": list(bundle_entries(preview.checkins))}


def bundle_head(created: datetime) -> dict[str, Any]:
    """The Bundle's fields before its ``entry`` list (a writer can stream the entries)."""
    return {"resourceType": "Bundle", "type": "collection", "timestamp": created.isoformat()}


def bundle_entries(checkins: Iterable[CheckIn]) -> Iterator[dict[str, Any]]:
    """The Bundle's entries one at a time: thirty years of weekly check-ins is ~25 MB
    of nested dictionaries when built all at once."""
    for checkin in checkins:
        resource = questionnaire_response(checkin)
        if resource is not None:
            yield {"fullUrl": f"urn:uuid:{_uuidish(checkin.id)}", "resource": resource}


def _uuidish(record_id: str) -> str:
    """A stable id for a record (a name-based UUID): the same check-in, the same resource."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"therapy-journal:checkin:{record_id}"))

"""The check-ins as FHIR R4, so a clinic's record system can take them in.

A ``Bundle`` (type ``collection``) of ``QuestionnaireResponse`` resources, one per shared
check-in. It holds no name, no identifier and no subject: only what the person chose to
give, which for the check-ins is the answers and when they were given. The clinic links
it to its patient.

Each response answers LOINC's own Questionnaire for the form, so a record system that
knows the form files the answers without a mapping: the canonical ``questionnaire``
(``http://loinc.org/q/44249-1`` for the PHQ-9, ``http://loinc.org/q/69737-5`` for the
GAD-7), LOINC's item ``linkId``s (its panel rows, e.g. ``14363`` for PHQ-9 item 1), the
item codes, the answer codes of each item's answer list and LOINC's total-score item.
LOINC lists one answer differently: GAD-7 item 2 (68509-9) answers 2 with LA18938-3
"More days than not", not LA6570-1. ``tests/data/loinc`` holds LOINC's Questionnaires
and a test compares every linkId, code and answer with them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from journal_app.core.checkins import ANSWER_OPTIONS, GAD7, PHQ9, get_instrument, result_for
from journal_app.core.journal import InvalidInput
from journal_app.core.records import CheckIn

if TYPE_CHECKING:
    from journal_app.core.sharing import SharePreview

LOINC = "http://loinc.org"
ANSWER_CODES = ("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9")  # 0..3, in ANSWER_OPTIONS order


@dataclass(frozen=True)
class LoincForm:
    """One form as LOINC's Questionnaire has it: what a response must use to match it."""

    panel: str  # the panel's LOINC code; the Questionnaire is http://loinc.org/q/<panel>
    title: str
    link_ids: tuple[str, ...]  # one per scored item, in the form's order
    item_codes: tuple[str, ...]
    total: tuple[str, str, str]  # linkId, LOINC code of the score, LOINC's item text
    answer_overrides: tuple[tuple[int, int, str, str], ...] = ()  # item, value, code, display

    @property
    def questionnaire(self) -> str:
        return f"{LOINC}/q/{self.panel}"

    def answer(self, item: int, value: int) -> tuple[str, str]:
        """The LOINC answer (code, display) for ``value`` on item ``item`` (0-based)."""
        for at, for_value, code, display in self.answer_overrides:
            if (at, for_value) == (item, value):
                return code, display
        return ANSWER_CODES[value], dict(ANSWER_OPTIONS)[value]


FORMS = {
    PHQ9: LoincForm(
        panel="44249-1",
        title="PHQ-9 quick depression assessment panel",
        link_ids=tuple(str(n) for n in range(14363, 14372)),
        item_codes=("44250-9", "44255-8", "44259-0", "44254-1", "44251-7",
                    "44258-2", "44252-5", "44253-3", "44260-8"),
        total=("14372", "44261-6", "Patient health questionnaire 9 item total score"),
    ),
    GAD7: LoincForm(
        panel="69737-5",
        title="Generalized anxiety disorder 7 item (GAD-7)",
        link_ids=tuple(str(n) for n in range(57541, 57548)),
        item_codes=("69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"),
        total=("58628", "70274-6", "Generalized anxiety disorder 7 item total score"),
        answer_overrides=((1, 2, "LA18938-3", "More days than not"),),
    ),
}  # fmt: skip
PANELS = {name: (form.panel, form.title) for name, form in FORMS.items()}
TOTALS = {name: form.total[1:] for name, form in FORMS.items()}
ITEM_CODES = {name: form.item_codes for name, form in FORMS.items()}


def _coding(code: str, display: str) -> dict[str, str]:
    return {"system": LOINC, "code": code, "display": display}


def _items(checkin: CheckIn, answers: Sequence[int]) -> list[dict[str, Any]]:
    inst = get_instrument(checkin.instrument)
    form = FORMS[inst.id]
    items = []
    for index, (link_id, code, text, value) in enumerate(
        zip(form.link_ids, form.item_codes, inst.items, answers, strict=True)
    ):
        items.append(
            {
                "linkId": link_id,
                "definition": f"{LOINC}/{code}",
                "text": text,
                "answer": [{"valueCoding": _coding(*form.answer(index, value))}],
            }
        )
    total_link, total_code, total_text = form.total
    items.append(
        {
            "linkId": total_link,
            "definition": f"{LOINC}/{total_code}",
            "text": total_text,
            "answer": [{"valueDecimal": sum(answers)}],
        }
    )
    return items


def questionnaire_response(checkin: CheckIn) -> dict[str, Any] | None:
    """One check-in as a QuestionnaireResponse, or None if it cannot be scored."""
    try:
        result = result_for(checkin)
    except InvalidInput:
        return None
    form = FORMS[result.instrument]
    return {
        "resourceType": "QuestionnaireResponse",
        "id": _uuidish(checkin.id),
        "questionnaire": form.questionnaire,
        "status": "completed",
        "authored": checkin.taken_at.isoformat(),
        "meta": {"tag": [_coding(form.panel, form.title)]},
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

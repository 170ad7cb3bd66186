"""`journal-app checkin`: GAD-7 and PHQ-9, scored with their published bands."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from journal_app.app.clock import local_text, local_zone, new_id, now_utc
from journal_app.app.crisis_files import ENV_COUNTRY, CrisisChoice, crisis_for_person
from journal_app.cli.journal_access import open_journal
from journal_app.cli.lookup import find_by_prefix, short
from journal_app.cli.terminal import print_json, say
from journal_app.core.checkins import (
    ATTRIBUTION,
    INSTRUMENTS,
    CheckinResult,
    correct_checkin,
    crisis_due_now,
    delete_checkin,
    parse_answers,
    record_checkin,
    result_for,
    score_answers,
    trends,
    validate_answers,
)
from journal_app.core.crisis import CRISIS_MESSAGE
from journal_app.core.journal import InvalidInput
from journal_app.core.records import CheckIn


def crisis_payload(choice: CrisisChoice) -> dict:
    resources = choice.resources
    return {
        "message": CRISIS_MESSAGE,
        "country": resources.code,
        "country_source": choice.place.source,
        "showing": choice.sentence,
        "emergency": resources.emergency_line(),
        "services": [service.line() for service in resources.services],
    }


def show_crisis(choice: CrisisChoice) -> None:
    """Shown at once whenever the self-harm item is answered above 0, saying which
    country's helplines these are and how to ask for another's."""
    say("")
    for line in choice.resources.lines():
        say(line)
    say(f"{choice.sentence} Another country: set {ENV_COUNTRY} (for example {ENV_COUNTRY}=GB).")
    say("")


def result_payload(checkin: CheckIn, result: CheckinResult) -> dict:
    return {
        "id": checkin.id,
        "instrument": result.instrument,
        "name": result.name,
        "taken_at": checkin.taken_at.isoformat(),
        "corrected_at": checkin.updated_at.isoformat() if checkin.updated_at else None,
        "answers": list(result.answers),
        "score": result.score,
        "max_score": result.max_score,
        "band": result.band,
        "band_label": result.band_label,
        "summary": result.summary,
        "note": result.note,
        "crisis_due": result.crisis_due,
    }


@contextmanager
def crisis_told_whatever_happens(choice: CrisisChoice | None, as_json: bool) -> Iterator[None]:
    """Crisis resources due from the answers reach a JSON reader even when saving fails
    (a wrong passphrase, a busy journal): the text form has shown them already."""
    try:
        yield
    except BaseException:
        if choice is not None and as_json:
            print_json({"crisis_resources": crisis_payload(choice)})
        raise


def print_result_json(checkin: CheckIn, result: CheckinResult, choice: CrisisChoice | None) -> None:
    payload = result_payload(checkin, result)
    if choice is not None:
        payload["crisis_resources"] = crisis_payload(choice)
    print_json(payload)


def cmd_checkin_take(args: argparse.Namespace) -> int:
    """Score and store one questionnaire.

    Crisis resources are shown before the journal is even unlocked: if the passphrase is
    wrong or the vault is damaged, the person must still see them.
    """
    answers = parse_answers(args.answers, args.instrument)
    preview = score_answers(args.instrument, answers)
    resources = crisis_for_person() if preview.crisis_due else None
    if resources is not None and not args.json:
        show_crisis(resources)
    with crisis_told_whatever_happens(resources, args.json), open_journal(args) as repo:
        checkin, result = record_checkin(
            repo, args.instrument, answers, record_id=new_id(), now=now_utc()
        )
    if args.json:
        print_result_json(checkin, result, resources)
        return 0
    say(result.summary)
    say(result.note)
    return 0


def cmd_checkin_list(args: argparse.Namespace) -> int:
    """Every check-in with its score and band, and how scores have moved."""
    with open_journal(args) as repo:
        checkins = sorted(repo.all(CheckIn), key=lambda c: c.taken_at)
    scored = [(c, result_for(c)) for c in checkins]
    if args.json:
        print_json([result_payload(c, r) for c, r in scored])
        return 0
    if not scored:
        say("No check-ins yet. Try 'journal-app checkin gad7 --answers ...'.")
        return 0
    zone = local_zone()
    for checkin, result in scored:
        when = local_text(checkin.taken_at, zone, "%Y-%m-%d")
        say(
            f"{short(checkin)}  {when}  {result.name:<6} {result.score:>2}/{result.max_score}"
            f"  {result.band_label}"
        )
    for trend in trends(checkins).values():
        if trend.points:
            say(trend.sentence())
    say(ATTRIBUTION)
    return 0


def _find(repo, raw_id: str) -> CheckIn:
    found = find_by_prefix(repo.all(CheckIn), raw_id, "check-in")
    if found is None:
        raise InvalidInput(f"No check-in with id '{raw_id}'; see 'checkin list'.")
    return found


def _crisis_preview(answers: list[int]) -> CrisisChoice | None:
    """Crisis resources due from corrected answers, known before the journal is unlocked.

    Only the PHQ-9 has nine answers, so nine answers with the last above 0 are a positive
    self-harm item whatever check-in they correct (the count is checked again once the
    check-in is found, and anything else refused). Answers out of range are refused
    first, without resources: nothing about them can be read as an answer."""
    for instrument in INSTRUMENTS.values():
        if instrument.crisis_item is None or len(answers) != len(instrument.items):
            continue
        validate_answers(instrument, answers)
        if crisis_due_now(instrument, answers):
            return crisis_for_person()
    return None


def _day(checkin: CheckIn) -> str:
    return local_text(checkin.taken_at, local_zone(), "%Y-%m-%d")


def cmd_checkin_edit(args: argparse.Namespace) -> int:
    """Correct a saved check-in's answers; every score, chart and new copy follows.

    Typos are refused before anything is asked; crisis resources are shown before the
    journal is unlocked when the corrected answers make them due, as for a new check-in.
    """
    answers = parse_answers(args.answers)
    resources = _crisis_preview(answers)
    if resources is not None and not args.json:
        show_crisis(resources)
    with crisis_told_whatever_happens(resources, args.json), open_journal(args) as repo:
        before = _find(repo, args.id)
        was = result_for(before) if before.instrument in INSTRUMENTS else None
        checkin, result = correct_checkin(repo, before.id, answers, now=now_utc())
    if args.json:
        print_result_json(checkin, result, resources)
        return 0
    if checkin == before:
        say(f"The {result.name} check-in of {_day(checkin)} already has these answers.")
        return 0
    say(f"Corrected the {result.name} check-in of {_day(checkin)} ({short(checkin)}).")
    say(result.summary)
    if was is not None and was.crisis_due and not result.crisis_due:
        say(
            "Item 9 is now 0: copies you share from now on will not flag it. "
            "Copies already shared stay as they were sent."
        )
    return 0


def cmd_checkin_delete(args: argparse.Namespace) -> int:
    """Remove a check-in; copies already shared stay as they were sent."""
    with open_journal(args) as repo:
        gone = delete_checkin(repo, _find(repo, args.id).id)
    name = INSTRUMENTS[gone.instrument].name if gone.instrument in INSTRUMENTS else "check-in"
    say(f"Deleted the {name} check-in of {_day(gone)}. Copies already shared are unchanged.")
    return 0

"""`journal-app checkin`: GAD-7 and PHQ-9, scored with their published bands."""

from __future__ import annotations

import argparse

from journal_app.app.clock import local_text, local_zone, new_id, now_utc
from journal_app.app.crisis_files import ENV_COUNTRY, CrisisChoice, crisis_for_person
from journal_app.cli.journal_access import open_journal
from journal_app.cli.terminal import print_json, say
from journal_app.core.checkins import (
    ATTRIBUTION,
    CheckinResult,
    parse_answers,
    record_checkin,
    result_for,
    score_answers,
    trends,
)
from journal_app.core.crisis import CRISIS_MESSAGE
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
        "answers": list(result.answers),
        "score": result.score,
        "max_score": result.max_score,
        "band": result.band,
        "band_label": result.band_label,
        "summary": result.summary,
        "note": result.note,
        "crisis_due": result.crisis_due,
    }


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
    try:
        with open_journal(args) as repo:
            checkin, result = record_checkin(
                repo, args.instrument, answers, record_id=new_id(), now=now_utc()
            )
    except BaseException:
        if resources is not None and args.json:
            print_json({"crisis_resources": crisis_payload(resources)})
        raise
    if args.json:
        payload = result_payload(checkin, result)
        if resources is not None:
            payload["crisis_resources"] = crisis_payload(resources)
        print_json(payload)
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
        say(f"{when}  {result.name:<6} {result.score:>2}/{result.max_score}  {result.band_label}")
    for trend in trends(checkins).values():
        if trend.points:
            say(trend.sentence())
    say(ATTRIBUTION)
    return 0

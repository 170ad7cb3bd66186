"""`journal-app follow-ups`: the small next steps where a search stalls, and acting on them."""

from __future__ import annotations

import argparse
from datetime import datetime, time

from journal_app.app.clock import at_local, local_to_utc, now_local, now_utc, today
from journal_app.cli.journal_access import open_journal
from journal_app.cli.journey_sync import celebrate, sync_journey
from journal_app.cli.lookup import find_by_prefix, short
from journal_app.cli.terminal import print_json, say
from journal_app.core import followups
from journal_app.core.journal import InvalidInput
from journal_app.core.records import Candidate, ReferralSource

# What 'done' means for each kind of nudge.
DONE = {followups.FOLLOW_UP: followups.FOLLOWED_UP, followups.TELL_REFERRER: followups.TOLD}


def _due(repo) -> list[followups.Nudge]:
    now = now_local()
    return followups.follow_ups(
        repo.all(Candidate), repo.all(ReferralSource), now.date(), now.tzinfo
    )


def cmd_followups_list(args: argparse.Namespace) -> int:
    with open_journal(args) as repo:
        nudges = _due(repo)
    if args.json:
        print_json(
            [
                {
                    "kind": n.kind,
                    "candidate_id": n.candidate_id,
                    "name": n.candidate_name,
                    "referrer": n.referrer,
                    "text": n.text,
                    "since": n.since.isoformat(),
                    "actions": [a for a, _ in n.actions],
                }
                for n in nudges
            ]
        )
        return 0
    if not nudges:
        say("Nothing to follow up today.")
        return 0
    for n in nudges:
        say(f"{n.candidate_id[:8]}  {n.text}")
    say("When it's done: 'follow-ups done ID'; to put one aside: 'follow-ups dismiss ID'.")
    return 0


def _nudge_for(repo, raw_id: str) -> followups.Nudge:
    candidate = find_by_prefix(repo.all(Candidate), raw_id, "therapist")
    if candidate is None:
        raise InvalidInput(f"No therapist with id '{raw_id}'; see 'follow-ups list'.")
    for nudge in _due(repo):
        if nudge.candidate_id == candidate.id:
            return nudge
    raise InvalidInput(f"Nothing to follow up with {candidate.name} ({short(candidate)}) today.")


def parse_at(raw: str | None) -> datetime | None:
    """When it happened, on the person's clock: "2026-11-23 14:30" (or with a T), or
    "14:30" for today. A date alone is refused: the point is the time as well."""
    if raw is None:
        return None
    text = raw.strip()
    try:
        if len(text) <= 5:  # HH:MM, today
            return at_local(today(), time.fromisoformat(text))
        moment = datetime.fromisoformat(text)
        if len(text) <= 10:  # a date with no time
            raise ValueError(text)
        return local_to_utc(moment)
    except (ValueError, OverflowError):
        raise InvalidInput(
            f"--at '{raw}' is not a date and time; use a form like 2026-11-23 14:30, "
            "or 14:30 for today."
        ) from None


def _act(args: argparse.Namespace, choose) -> int:
    at = parse_at(getattr(args, "at", None))
    with open_journal(args) as repo:
        nudge = _nudge_for(repo, args.id)
        said = followups.act(
            repo, nudge.kind, nudge.candidate_id, choose(nudge), now=now_utc(), at=at
        )
        celebrations = sync_journey(repo)
    say(said)
    celebrate(celebrations)
    return 0


def cmd_followups_done(args: argparse.Namespace) -> int:
    """Followed up (or let the referrer know): the nudge goes."""
    return _act(args, lambda n: DONE[n.kind])


def cmd_followups_booked(args: argparse.Namespace) -> int:
    """They replied and a consultation is booked: the status moves on."""

    def booked(nudge: followups.Nudge) -> str:
        if nudge.kind != followups.FOLLOW_UP:
            raise InvalidInput("That reminder is about letting someone know; use 'done'.")
        return followups.BOOKED

    return _act(args, booked)


def cmd_followups_dismiss(args: argparse.Namespace) -> int:
    """Not now: put the nudge aside (until the status changes)."""
    return _act(args, lambda n: followups.NOT_NOW)

"""`journal-app candidate`: the shortlist, with a fit that explains itself."""

from __future__ import annotations

import argparse

from journal_app.app.clock import new_id, now_utc
from journal_app.app.profile import current_profile
from journal_app.cli.journal_access import open_journal
from journal_app.cli.journey_sync import celebrate, sync_journey
from journal_app.cli.lookup import find_by_prefix, short
from journal_app.cli.terminal import print_json, say
from journal_app.core.compare import CELL_WORDS, Comparison, compare
from journal_app.core.journal import InvalidInput
from journal_app.core.profile import IMPORTANCE_LABELS
from journal_app.core.questions import add_questions
from journal_app.core.records import Candidate, Question, ReferralSource
from journal_app.core.shortlist import (
    STATUS_LABELS,
    add_candidate,
    add_referral_source,
    check_name,
    fit,
    link_referral,
    rank_candidates,
    remove_candidate,
    set_status,
    shortlist_nudge,
    update_candidate,
)
from journal_app.core.therapist_answers import answer_rows, record_answer


def _referral_id(repo, name: str | None) -> str | None:
    """Find a referrer by name, or remember a new one."""
    if not name:
        return None
    for source in repo.all(ReferralSource):
        if source.name.casefold() == name.strip().casefold():
            return source.id
    kind = "primary_care" if name.strip().lower().startswith(("dr", "gp")) else "other"
    return add_referral_source(repo, name, kind, record_id=new_id(), now=now_utc()).id


def cmd_candidate_add(args: argparse.Namespace) -> int:
    if args.referred_by:  # checked up front, so a refused name leaves the vault untouched
        check_name(args.referred_by, "referrer's name")
    with open_journal(args) as repo:
        now = now_utc()
        # The candidate is checked and stored before the referrer is remembered: a refused
        # candidate must not leave a stray referrer behind.
        candidate = add_candidate(
            repo,
            args.name,
            credentials=args.credentials or "",
            contact=args.contact or "",
            modalities=args.modality or [],
            specialties=args.specialty or [],
            formats=args.format or [],
            languages=args.language or [],
            fee=args.fee,
            insurance=args.insurance or [],
            sliding_scale=args.sliding_scale,
            availability=args.availability or [],
            notes=args.notes or "",
            record_id=new_id(),
            now=now,
        )
        source_id = _referral_id(repo, args.referred_by)
        if source_id is not None:
            candidate = link_referral(repo, candidate.id, source_id, now=now)
        celebrations = sync_journey(repo)
        nudge = shortlist_nudge(repo.all(Candidate))
    say(f"Added {candidate.name} ({short(candidate)}) to your shortlist.")
    celebrate(celebrations)
    if nudge:
        say(nudge)
    return 0


def cmd_candidate_status(args: argparse.Namespace) -> int:
    with open_journal(args) as repo:
        found = find_by_prefix(repo.all(Candidate), args.id, "therapist")
        if found is None:
            raise InvalidInput(f"No therapist with id '{args.id}'; see 'candidate list'.")
        updated = set_status(repo, found.id, args.status, now=now_utc())
        celebrations = sync_journey(repo)
    say(f"{updated.name}: {STATUS_LABELS.get(updated.status, updated.status)}.")
    celebrate(celebrations)
    return 0


def _report_payload(report, sources: dict[str, str]) -> dict:
    c = report.candidate
    return {
        **c.to_dict(),
        "referred_by": sources.get(c.referral_source_id or ""),
        "fit": {
            "sentence": report.sentence,
            "score": report.score,
            "must_met": [r.text for r in report.must_met],
            "must_missed": [r.text for r in report.must_missed],
            "nice_met": [r.text for r in report.nice_met],
            "unknown": [r.text for r in report.unknown],
            "questions": list(report.questions),
        },
    }


def cmd_candidate_list(args: argparse.Namespace) -> int:
    with open_journal(args) as repo:
        candidates = repo.all(Candidate)
        reports = rank_candidates(candidates, current_profile(repo))
        sources = {s.id: s.name for s in repo.all(ReferralSource)}
    if args.json:
        print_json([_report_payload(r, sources) for r in reports])
        return 0
    if not reports:
        say("Your shortlist is empty. Add someone with 'journal-app candidate add NAME'.")
    for report in reports:
        c = report.candidate
        status = STATUS_LABELS.get(c.status, c.status)
        say(f"{short(c)}  {c.name}  [{status}]")
        say(f"    {report.sentence}")
        if c.referral_source_id in sources:
            say(f"    Suggested by {sources[c.referral_source_id]}.")
    nudge = shortlist_nudge(candidates)
    if nudge:
        say(nudge)
    return 0


def _find(repo, raw_id: str) -> Candidate:
    found = find_by_prefix(repo.all(Candidate), raw_id, "therapist")
    if found is None:
        raise InvalidInput(f"No therapist with id '{raw_id}'; see 'candidate list'.")
    return found


def _answer_list(candidate: Candidate, profile, as_json: bool) -> int:
    rows = answer_rows(candidate, profile)
    if as_json:
        print_json([row.to_json() for row in rows])
        return 0
    if not rows:
        say("No must-haves or nice-to-haves yet: add them with 'journal-app prompts next'.")
    for row in rows:
        words = dict(row.values)
        said = ", ".join(words.get(v, v) for v in row.recorded) if row.recorded else "not asked"
        say(f"{row.dimension}  {row.label}: {said}")
        say(f"    answers: {', '.join(v for v, _ in row.values)}")
    return 0


def cmd_candidate_answer(args: argparse.Namespace) -> int:
    """Record what a therapist said on one criterion, or list what can be recorded."""
    if not args.list and (args.dimension is None or args.value is None):
        raise InvalidInput("Give DIMENSION and VALUE, or --list to see them.")
    if args.list and args.value is not None:
        raise InvalidInput("--list shows the answers; leave out DIMENSION and VALUE.")
    with open_journal(args) as repo:
        candidate = _find(repo, args.id)
        profile = current_profile(repo)
        if args.list:
            return _answer_list(candidate, profile, args.json)
        updated = record_answer(
            repo, candidate.id, profile, args.dimension, args.value, now=now_utc()
        )
        report = fit(updated, profile)
    if args.json:
        print_json({"answers": updated.answers, "sentence": report.sentence})
        return 0
    say(f"Noted for {updated.name}. {report.sentence}")
    return 0


def _table(comparison: Comparison) -> list[str]:
    """Plain columns: the criterion, then one column per therapist."""
    names = [r.candidate.name for r in comparison.reports]
    first = [f"{row.label} ({IMPORTANCE_LABELS[row.importance]})" for row in comparison.rows]
    left = max([len("Criterion"), *map(len, first)])
    widths = [max(len(name), len("not known")) for name in names]
    heads = (name.ljust(width) for name, width in zip(names, widths, strict=True))
    lines = ["  ".join(["Criterion".ljust(left), *heads]).rstrip()]
    for label, row in zip(first, comparison.rows, strict=True):
        cells = (CELL_WORDS[cell].ljust(w) for cell, w in zip(row.cells, widths, strict=True))
        lines.append("  ".join([label.ljust(left), *cells]).rstrip())
    return lines


def cmd_candidate_compare(args: argparse.Namespace) -> int:
    """Two to four therapists side by side, each criterion a row, must-haves first."""
    if not 2 <= len(args.ids) <= 4:
        raise InvalidInput(f"Compare 2 to 4 therapists at a time (got {len(args.ids)}).")
    with open_journal(args) as repo:
        candidates = [_find(repo, raw) for raw in args.ids]
        comparison = compare(candidates, current_profile(repo), repo.all(Question))
    if args.json:
        print_json(comparison.to_json())
        return 0
    if not comparison.rows:
        say("No must-haves or nice-to-haves yet: add them with 'journal-app prompts next'.")
        return 0
    for line in _table(comparison):
        say(line)
    return 0


def cmd_candidate_questions(args: argparse.Namespace) -> int:
    """What is worth asking this therapist; with --add, into the consultation questions."""
    with open_journal(args) as repo:
        candidate = _find(repo, args.id)
        report = fit(candidate, current_profile(repo))
        added = []
        if args.add:
            added = add_questions(
                repo, report.questions, candidate_id=candidate.id, new_id=new_id, now=now_utc()
            )
    if args.json:
        print_json({"questions": list(report.questions), "added": [q.text for q in added]})
        return 0
    if not report.questions:
        say(f"Nothing left to find out about {candidate.name} from your preferences.")
        return 0
    if not args.add:
        say(f"Worth asking {candidate.name}:")
        for text in report.questions:
            say(f"  - {text}")
        say(f"Add them to your consultation questions with 'candidate questions {args.id} --add'.")
        return 0
    skipped = len(report.questions) - len(added)
    noun = "question" if len(added) == 1 else "questions"
    line = f"Added {len(added)} {noun} for {candidate.name} to your consultation questions."
    if skipped:
        line += f" {skipped} you already had."
    say(line)
    return 0


# Flags of 'candidate add' / 'candidate edit' that hold a list, and the field each fills.
LIST_FLAGS = {
    "modality": "modalities",
    "specialty": "specialties",
    "format": "formats",
    "language": "languages",
    "insurance": "insurance",
    "availability": "availability",
}
TEXT_FLAGS = {"credentials": "credentials", "contact": "contact", "notes": "notes"}
CLEARABLE = (*LIST_FLAGS, *TEXT_FLAGS, "fee", "referred-by")


def _changes(args: argparse.Namespace) -> dict:
    """The fields 'candidate edit' was asked to change; a list flag replaces the whole list."""
    changes: dict = {}
    for flag in args.clear or []:
        key = flag.strip().lower().replace("_", "-")
        if key not in CLEARABLE:
            raise InvalidInput(f"--clear {flag!r}: use one of {', '.join(CLEARABLE)}.")
        if key in LIST_FLAGS:
            changes[LIST_FLAGS[key]] = []
        elif key in TEXT_FLAGS:
            changes[TEXT_FLAGS[key]] = ""
        elif key == "fee":
            changes["fee"] = None
        else:
            changes["referral_source_id"] = None
    if args.name is not None:
        changes["name"] = args.name
    for flag, field_name in LIST_FLAGS.items():
        values = getattr(args, flag)
        if values:
            changes[field_name] = values
    for flag, field_name in TEXT_FLAGS.items():
        value = getattr(args, flag)
        if value is not None:
            changes[field_name] = value
    if args.fee is not None:
        changes["fee"] = args.fee
    if args.sliding_scale is not None:
        changes["sliding_scale"] = args.sliding_scale
    if args.status is not None:
        changes["status"] = args.status
    return changes


def cmd_candidate_edit(args: argparse.Namespace) -> int:
    """Fill in or correct what is known about a therapist, the same checks as 'add'."""
    changes = _changes(args)
    if not changes and not args.referred_by:
        raise InvalidInput("Nothing to change; give an option such as --fee 120 or --clear fee.")
    if args.referred_by:
        check_name(args.referred_by, "referrer's name")
    with open_journal(args) as repo:
        candidate = _find(repo, args.id)
        now = now_utc()
        updated = update_candidate(repo, candidate.id, now=now, **changes)
        if args.referred_by:
            source_id = _referral_id(repo, args.referred_by)
            updated = link_referral(repo, candidate.id, source_id, now=now)
        celebrations = sync_journey(repo)
    say(f"Updated {updated.name} ({short(updated)}).")
    celebrate(celebrations)
    return 0


def cmd_candidate_remove(args: argparse.Namespace) -> int:
    """Take someone off the shortlist; their questions stay, in case they come back."""
    with open_journal(args) as repo:
        candidate = _find(repo, args.id)
        remove_candidate(repo, candidate.id)
    say(f"Took {candidate.name} off your shortlist.")
    return 0

"""Issue 13 on the command line: the fit's questions, editing and deleting what was saved,
and follow-up nudges, each as a separate process against a real vault."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import Cli, CliResult, snapshot


def ok(cli: Cli, *args: str) -> CliResult:
    result = cli(*args)
    assert result.code == 0, (args, result.code, result.err)
    return result


def as_json(cli: Cli, *args: str) -> Any:
    return json.loads(ok(cli, *args, "--json").out)


def refused(cli: Cli, data_dir: Path, *args: str, says: str) -> CliResult:
    """Exit 2, one plain line naming the problem, and not one byte of the vault changed."""
    before = snapshot(data_dir)
    result = cli(*args)
    assert result.code == 2, (args, result.code, result.out, result.err)
    assert says in result.err and len(result.err.strip().splitlines()) == 1, result.err
    assert snapshot(data_dir) == before
    return result


def only_candidate(cli: Cli) -> dict:
    (candidate,) = as_json(cli, "candidate", "list")
    return candidate


def test_worth_asking_goes_into_the_questions_once(ready_cli: Cli, data_dir: Path) -> None:
    cli = ready_cli
    ok(cli, "prompts", "answer", "modality", "cbt", "--importance", "must")
    ok(cli, "prompts", "answer", "style_tone", "direct", "--importance", "must")
    ok(cli, "prompts", "answer", "style_voice", "listens", "--importance", "must")
    ok(cli, "candidate", "add", "Dr Ruiz", "--modality", "cbt")
    candidate = only_candidate(cli)
    assert candidate["fit"]["sentence"].startswith("Meets 1 of 3 must-haves; 2 worth asking.")
    short_id = candidate["id"][:6]
    shown = ok(cli, "candidate", "questions", short_id).out
    assert "  - Do you tend to be direct and straightforward?" in shown
    added = ok(cli, "candidate", "questions", short_id, "--add").out
    assert "Added 2 questions for Dr Ruiz to your consultation questions." in added
    again = ok(cli, "candidate", "questions", short_id, "--add").out
    assert "Added 0 questions for Dr Ruiz" in again and "2 you already had." in again
    texts = [q["text"] for q in as_json(cli, "question", "list")]
    assert texts == [
        "Do you tend to be direct and straightforward?",
        "Do you talk a fair bit in sessions, or mostly listen?",
    ]
    refused(cli, data_dir, "candidate", "questions", "zzzz", "--add", says="No therapist")


def test_candidate_edit_round_trips_and_clears(ready_cli: Cli, data_dir: Path) -> None:
    cli = ready_cli
    ok(cli, "candidate", "add", "Dr Ruiz", "--fee", "$140", "--modality", "CBT")
    first = only_candidate(cli)
    assert (first["fee"], first["fee_text"]) == (140.0, "$140")  # the currency stays
    short_id = first["id"][:6]
    out = ok(cli, "candidate", "edit", short_id, "--fee", "sliding scale", "--language", "English")
    assert out.out.startswith("Updated Dr Ruiz")
    edited = only_candidate(cli)
    assert (edited["fee"], edited["fee_text"], edited["sliding_scale"]) == (
        None,
        "sliding scale",
        True,
    )
    assert edited["languages"] == ["English"] and edited["modalities"] == ["CBT"]
    ok(cli, "candidate", "edit", short_id, "--clear", "modality", "--name", "Dr Ana Ruiz")
    assert (only_candidate(cli)["name"], only_candidate(cli)["modalities"]) == ("Dr Ana Ruiz", [])
    refused(cli, data_dir, "candidate", "edit", short_id, says="Nothing to change")
    refused(cli, data_dir, "candidate", "edit", short_id, "--fee", "lots", says="not a number")
    refused(cli, data_dir, "candidate", "edit", short_id, "--clear", "colour", says="--clear")
    refused(cli, data_dir, "candidate", "edit", "zz", "--fee", "1", says="No therapist")
    assert ok(cli, "candidate", "remove", short_id).out.startswith("Took Dr Ana Ruiz off")
    assert as_json(cli, "candidate", "list") == []


def test_goal_edit_renames_moves_and_deletes(ready_cli: Cli, data_dir: Path) -> None:
    from datetime import date, timedelta

    cli = ready_cli
    ok(cli, "goal", "add", "Call clinics")
    (own,) = [g for g in as_json(cli, "goal", "list") if g["kind"] == "own"]
    short_id = own["id"][:6]
    soon = (date.today() + timedelta(days=10)).isoformat()
    out = ok(cli, "goal", "edit", short_id, "--title", "Call two clinics", "--due", soon).out
    assert out.strip() == f"Updated 'Call two clinics', due {soon}."
    (own,) = [g for g in as_json(cli, "goal", "list") if g["kind"] == "own"]
    assert (own["title"], own["due"]) == ("Call two clinics", soon)
    ok(cli, "goal", "edit", short_id, "--no-due")
    (own,) = [g for g in as_json(cli, "goal", "list") if g["kind"] == "own"]
    assert own["due"] is None
    refused(cli, data_dir, "goal", "edit", short_id, says="Nothing to change")
    refused(cli, data_dir, "goal", "edit", short_id, "--title", " ", says="goal")
    refused(cli, data_dir, "goal", "edit", short_id, "--due", "someday", says="not a date")
    journey = next(g for g in as_json(cli, "goal", "list") if g["kind"] == "journey")
    refused(cli, data_dir, "goal", "delete", journey["id"][:8], says="journey stays")
    assert ok(cli, "goal", "delete", short_id).out.strip() == "Deleted the goal 'Call two clinics'."
    assert [g["kind"] for g in as_json(cli, "goal", "list")] == ["journey"]


def test_question_edit_asked_and_delete(ready_cli: Cli, data_dir: Path) -> None:
    cli = ready_cli
    ok(cli, "question", "add", "Evenings?")
    (q,) = as_json(cli, "question", "list")
    short_id = q["id"][:6]
    ok(cli, "question", "edit", short_id, "Do you offer evening sessions?")
    ok(cli, "question", "asked", short_id)
    (q,) = as_json(cli, "question", "list")
    assert (q["text"], q["asked"]) == ("Do you offer evening sessions?", True)
    refused(cli, data_dir, "question", "edit", short_id, "  ", says="empty")
    refused(cli, data_dir, "question", "delete", "zzz", says="No question")
    out = ok(cli, "question", "delete", short_id).out
    assert out.strip() == "Deleted the question: Do you offer evening sessions?"
    assert as_json(cli, "question", "list") == []


def test_entry_edit_back_dates_and_changes_tags(ready_cli: Cli, data_dir: Path) -> None:
    cli = ready_cli
    ok(cli, "entry", "add", "Rang the clinic", "--tag", "search", "--anxiety", "6")
    (entry,) = as_json(cli, "entry", "list")
    short_id = entry["id"][:6]
    ok(cli, "entry", "edit", short_id, "--at", "2026-11-02T09:15", "--tag", "calls")
    (edited,) = as_json(cli, "entry", "list")
    assert edited["created_at"] != entry["created_at"]
    assert edited["tags"] == ["calls"] and edited["anxiety"] == 6
    assert edited["text"] == "Rang the clinic"
    ok(cli, "entry", "edit", short_id, "--text", "Rang **two** clinics", "--no-anxiety")
    (edited,) = as_json(cli, "entry", "list")
    assert (edited["text"], edited["anxiety"]) == ("Rang **two** clinics", None)
    refused(cli, data_dir, "entry", "edit", short_id, says="Nothing to change")
    refused(cli, data_dir, "entry", "edit", short_id, "--at", "3000-01-01", says="future")
    refused(cli, data_dir, "entry", "edit", short_id, "--at", "monday", says="not a date")
    ok(cli, "entry", "delete", short_id)
    assert as_json(cli, "entry", "list") == []


def _contacted_days_ago(data_dir: Path, days: int, *, referred: bool = False) -> str:
    """A therapist contacted ``days`` ago, written through the real repository (the CLI
    has no way to change its clock)."""
    from datetime import UTC, datetime, timedelta

    from journal_app.core.shortlist import (
        CONTACTED,
        add_candidate,
        add_referral_source,
        link_referral,
        set_status,
    )
    from journal_app.storage.repository import open_repository
    from tests.conftest import PASSPHRASE

    then = datetime.now(UTC) - timedelta(days=days)
    with open_repository(data_dir, PASSPHRASE) as repo:
        add_candidate(repo, "Dr Ruiz", record_id="ruiz0001abc", now=then)
        set_status(repo, "ruiz0001abc", CONTACTED, now=then)
        if referred:
            add_referral_source(repo, "Dr Patel", "primary_care", record_id="patel01", now=then)
            link_referral(repo, "ruiz0001abc", "patel01", now=then)
    return "ruiz0001abc"


def test_follow_ups_on_the_fourth_day_and_gone_when_done(ready_cli: Cli, data_dir: Path) -> None:
    cli = ready_cli
    _contacted_days_ago(data_dir, 3)
    assert ok(cli, "follow-ups", "list").out.strip() == "Nothing to follow up today."
    refused(cli, data_dir, "follow-ups", "done", "ruiz", says="Nothing to follow up with Dr Ruiz")


def test_follow_ups_listed_done_and_dismissed(ready_cli: Cli, data_dir: Path) -> None:
    cli = ready_cli
    _contacted_days_ago(data_dir, 4)
    (nudge,) = as_json(cli, "follow-ups", "list")
    assert nudge["kind"] == "follow_up" and nudge["name"] == "Dr Ruiz"
    assert nudge["text"].startswith("You got in touch with Dr Ruiz on ")
    assert "ruiz0001" in ok(cli, "follow-ups", "list").out
    assert "Well done" in ok(cli, "follow-ups", "done", "ruiz").out
    assert as_json(cli, "follow-ups", "list") == []
    refused(cli, data_dir, "follow-ups", "dismiss", "nobody", says="No therapist")


def test_follow_up_booked_moves_the_status_and_referrer_nudge_follows(
    ready_cli: Cli, data_dir: Path
) -> None:
    cli = ready_cli
    _contacted_days_ago(data_dir, 6, referred=True)
    out = ok(cli, "follow-ups", "booked", "ruiz").out
    assert "Consultation booked" in out or "consultation booked" in out
    assert as_json(cli, "follow-ups", "list") == []
    ok(cli, "candidate", "status", "ruiz", "consulted")
    (nudge,) = as_json(cli, "follow-ups", "list")
    assert nudge["kind"] == "tell_referrer" and nudge["referrer"] == "Dr Patel"
    ok(cli, "follow-ups", "dismiss", "ruiz")
    assert as_json(cli, "follow-ups", "list") == []


def test_entry_list_shows_plain_words(ready_cli: Cli) -> None:
    ok(ready_cli, "entry", "add", "Felt **hopeful** after [the call](https://x.org)\n- more")
    assert "    Felt hopeful after the call\n" in ok(ready_cli, "entry", "list").out

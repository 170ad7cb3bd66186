"""The search journey on the command line: check-ins, prompts, goals, the shortlist, questions,
the review and imports, each driven as a separate process against a real vault.

Every CLI call unlocks the vault (Argon2id), so each test walks one vault through a small
story rather than starting afresh for every assertion.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from journal_app.core.crisis import CRISIS_MESSAGE
from journal_app.core.goals import JOURNEY_KEYS, JOURNEY_STAGES, JOURNEY_TITLE
from tests.conftest import Cli, CliResult, snapshot

DATA = Path(__file__).resolve().parent.parent / "data"
JRNL_SAMPLE = DATA / "jrnl_sample.json"
DAYONE_SAMPLE = DATA / "dayone_sample.json"
STAGE = {stage.key: stage for stage in JOURNEY_STAGES}
SAMARITANS = "Samaritans: Call 116 123 free, from any phone."


def ok(cli: Cli, *args: str, **env: str) -> CliResult:
    result = cli(*args, **env)
    assert result.code == 0, (args, result.code, result.err)
    return result


def as_json(cli: Cli, *args: str, **env: str) -> Any:
    return json.loads(ok(cli, *args, "--json", **env).out)


def refused(cli: Cli, data_dir: Path, *args: str, says: str) -> CliResult:
    """Exit 2, one plain line naming the problem, and not one byte of the vault changed."""
    before = snapshot(data_dir)
    result = cli(*args)
    assert result.code == 2, (args, result.code, result.out, result.err)
    assert len(result.err.strip().splitlines()) == 1, result.err
    assert says in result.err, (args, result.err)
    assert snapshot(data_dir) == before, args
    return result


def prompt_shown(result: CliResult) -> str:
    """The id of the question `prompts next` is showing."""
    found = re.search(r"\(id: ([\w-]+); kind: \w+\)", result.out)
    assert found, result.out
    return found.group(1)


def question_number(result: CliResult) -> int:
    found = re.search(r"Question (\d+) of \d+", result.out)
    assert found, result.out
    return int(found.group(1))


def milestone_ids(goal: dict) -> dict[str, str]:
    return {m["key"]: m["id"] for m in goal["milestones"]}


def journey_done(cli: Cli) -> dict[str, bool]:
    (journey,) = [g for g in as_json(cli, "goal", "list") if g["kind"] == "journey"]
    return {m["key"]: m["done"] for m in journey["milestones"]}


# --- Check-ins -------------------------------------------------------------------------------


def test_checkins_are_scored_banded_and_listed(ready_cli: Cli) -> None:
    cli = ready_cli
    gad = as_json(cli, "checkin", "gad7", "--answers", "1,1,1,1,1,1,1")
    assert gad["instrument"] == "gad7" and gad["name"] == "GAD-7"
    assert gad["score"] == 7 and gad["max_score"] == 21
    assert gad["band"] == "mild" and gad["band_label"] == "Mild"
    assert gad["answers"] == [1] * 7
    assert gad["crisis_due"] is False and "crisis_resources" not in gad
    assert "not a diagnosis" in gad["note"]
    assert (
        gad["summary"] == "Your GAD-7 score is 7 out of 21, in the mild range for anxiety symptoms."
    )
    assert gad["id"] and gad["taken_at"]

    severe = ok(cli, "checkin", "gad7", "--answers", "3 3 3 3 3 3 3", JOURNAL_APP_COUNTRY="GB")
    assert "Your GAD-7 score is 21 out of 21, in the severe range" in severe.out
    assert "not a diagnosis" in severe.out
    assert CRISIS_MESSAGE not in severe.out

    # A high PHQ-9 total with 0 on the self-harm item: no crisis resources.
    phq = as_json(
        cli, "checkin", "phq9", "--answers", "3,3,3,3,3,3,3,3,0", JOURNAL_APP_COUNTRY="GB"
    )
    assert (phq["instrument"], phq["score"], phq["max_score"]) == ("phq9", 24, 27)
    assert phq["band"] == "severe" and phq["crisis_due"] is False
    assert "crisis_resources" not in phq
    calm = ok(cli, "checkin", "phq9", "--answers", "0,1,0,1,0,1,0,1,0", JOURNAL_APP_COUNTRY="GB")
    assert "PHQ-9 score is 4 out of 27, in the minimal range" in calm.out
    assert CRISIS_MESSAGE not in calm.out and "Samaritans" not in calm.out

    listed = as_json(cli, "checkin", "list")
    assert [(c["instrument"], c["score"], c["band"]) for c in listed] == [
        ("gad7", 7, "mild"),
        ("gad7", 21, "severe"),
        ("phq9", 24, "severe"),
        ("phq9", 4, "minimal"),
    ]
    assert listed[0]["id"] == gad["id"]
    text = ok(cli, "checkin", "list").out
    assert "GAD-7" in text and "PHQ-9" in text and "Severe" in text
    assert "Your latest GAD-7 score is 21 (severe), 14 higher than your first of 7" in text
    assert "Developed by Drs. Robert L. Spitzer" in text


def test_self_harm_answer_shows_crisis_resources_even_with_a_wrong_passphrase(
    ready_cli: Cli, data_dir: Path
) -> None:
    cli = ready_cli
    answers = "0,0,0,0,0,0,0,0,1"
    shown = as_json(cli, "checkin", "phq9", "--answers", answers, JOURNAL_APP_COUNTRY="GB")
    assert shown["score"] == 1 and shown["band"] == "minimal" and shown["crisis_due"] is True
    crisis = shown["crisis_resources"]
    assert crisis["country"] == "GB" and crisis["message"] == CRISIS_MESSAGE
    assert crisis["emergency"] == "If you are in immediate danger, call 999 now."
    assert any(s.startswith(SAMARITANS) for s in crisis["services"])

    text = ok(cli, "checkin", "phq9", "--answers", answers, JOURNAL_APP_COUNTRY="GB").out
    assert CRISIS_MESSAGE in text and SAMARITANS in text and "999" in text
    assert text.index(SAMARITANS) < text.index("Your PHQ-9 score is 1 out of 27")

    before = snapshot(data_dir)
    for extra in ([], ["--json"]):
        locked = cli(
            "checkin",
            "phq9",
            "--answers",
            "2,2,2,2,2,2,2,2,3",
            *extra,
            passphrase="not my passphrase",
            JOURNAL_APP_COUNTRY="GB",
        )
        assert locked.code == 3, locked.err
        assert "passphrase" in locked.err
        assert SAMARITANS in locked.out
        assert snapshot(data_dir) == before
    assert json.loads(locked.out)["crisis_resources"]["country"] == "GB"

    # Anywhere else: the international list, which always says to call emergency services.
    elsewhere = as_json(cli, "checkin", "phq9", "--answers", answers, JOURNAL_APP_COUNTRY="ZZ")
    assert elsewhere["crisis_resources"]["country"] == "default"
    assert "local emergency number" in elsewhere["crisis_resources"]["emergency"]

    assert [c["score"] for c in as_json(cli, "checkin", "list")] == [1, 1, 1]


def test_bad_checkin_answers_are_refused_and_nothing_is_written(
    ready_cli: Cli, data_dir: Path
) -> None:
    cases = [
        ("gad7", "1,1,1", "GAD-7 needs 7 answers, one for each question; got 3."),
        ("phq9", "0,0,0,0,0,0,0,0", "PHQ-9 needs 9 answers, one for each question; got 8."),
        ("phq9", "0,0,0,0,0,0,0,0,1,1", "PHQ-9 needs 9 answers"),
        ("gad7", "0,1,2,3,4,0,0", "GAD-7 answer 5 is 4, but each answer must be from 0 to 3"),
        ("gad7", "-1,0,0,0,0,0,0", "GAD-7 answer 1 is -1"),
        ("gad7", "1,1,x,1,1,1,1", "Answer 3 ('x') is not a number from 0 to 3."),
        ("gad7", "1,,1,1,1,1,1", "Answer 2 is empty"),
        ("gad7", " ", "No answers given"),
    ]
    for instrument, answers, message in cases:
        refused(ready_cli, data_dir, "checkin", instrument, f"--answers={answers}", says=message)
    assert as_json(ready_cli, "checkin", "list") == []


# --- Guided prompts and the profile ----------------------------------------------------------


def test_prompts_walk_branch_and_build_the_profile(ready_cli: Cli, data_dir: Path) -> None:
    cli = ready_cli
    first = ok(cli, "prompts", "next")
    assert prompt_shown(first) == "concerns" and question_number(first) == 1
    assert "ocd" in first.out and "--importance must | nice | dont_mind" in first.out

    saved = ok(cli, "prompts", "answer", "concerns", "ocd,anxiety", "--importance", "must")
    assert saved.out.startswith("Saved.") and "Next: " in saved.out
    follow_up = ok(cli, "prompts", "next")
    assert prompt_shown(follow_up) == "ocd_erp" and question_number(follow_up) == 2
    assert "Exposure and Response Prevention" in follow_up.out

    ok(cli, "prompts", "answer", "ocd_erp", "open")
    third = ok(cli, "prompts", "next")
    third_id = prompt_shown(third)
    assert third_id not in ("concerns", "ocd_erp") and question_number(third) == 3
    skipped = ok(cli, "prompts", "skip", third_id)
    assert skipped.out.startswith("Skipped.")
    fourth = ok(cli, "prompts", "next")
    assert prompt_shown(fourth) not in ("concerns", "ocd_erp", third_id)
    assert question_number(fourth) == 4

    ok(cli, "prompts", "answer", "format", "Telehealth", "--importance", "must")
    ok(cli, "prompts", "answer", "budget", "80")
    profile = as_json(cli, "prompts", "profile")
    prefs = {p["dimension"]: p for p in profile["preferences"]}
    assert prefs["concern"]["values"] == ["anxiety", "ocd"]  # the pack's order
    assert prefs["concern"]["importance"] == "must"
    assert prefs["concern"]["importance_label"] == "must-have"
    assert prefs["concern"]["prompt_id"] == "concerns"
    assert len(prefs["concern"]["labels"]) == 2 and "OCD" in prefs["concern"]["labels"][1]
    assert prefs["erp_interest"]["values"] == ["open"]
    assert prefs["erp_interest"]["importance"] == "nice"  # the default where none is given
    assert prefs["format"]["values"] == ["telehealth"] and prefs["format"]["importance"] == "must"
    assert prefs["budget"]["values"] == ["80"] and prefs["budget"]["importance"] == "nice"
    assert len(profile["summary"]) == 4
    assert sum(line.endswith("(must-have)") for line in profile["summary"]) == 2
    assert profile["summary"][0].endswith("(must-have)")

    # Changing an answer changes the profile: without OCD the ERP follow-up no longer applies.
    ok(cli, "prompts", "answer", "concerns", "anxiety", "--importance", "nice")
    changed = {p["dimension"]: p for p in as_json(cli, "prompts", "profile")["preferences"]}
    assert changed["concern"]["values"] == ["anxiety"]
    assert changed["concern"]["importance"] == "nice"
    assert "erp_interest" not in changed
    assert "ocd_erp" not in ok(cli, "prompts", "next").out

    refused(cli, data_dir, "prompts", "answer", "no_such_prompt", "x", says="no_such_prompt")
    refused(cli, data_dir, "prompts", "skip", "no_such_prompt", says="no_such_prompt")
    refused(cli, data_dir, "prompts", "answer", "format", "carrier_pigeon", says="not one of")
    refused(cli, data_dir, "prompts", "answer", "ocd_erp", "yes,open", says="just one option")
    refused(cli, data_dir, "prompts", "answer", "budget", "1000", says="from 0 to 300")
    refused(
        cli, data_dir, "prompts", "answer", "format", "telehealth", "--importance", "vital",
        says="invalid choice",
    )  # fmt: skip


def test_importance_of_feelings_history_and_hopes_is_ignored_with_a_note(ready_cli: Cli) -> None:
    """Issue 29: context is never asked how much it matters, and never reaches the fit."""
    cli = ready_cli
    ok(cli, "prompts", "answer", "therapy_before", "once")
    shown = ok(cli, "prompts", "next")
    assert prompt_shown(shown) == "concerns" and "--importance" in shown.out  # a criterion
    ok(cli, "prompts", "skip", "concerns")
    for prompt_id, value in [
        ("past_modalities", "cbt"),
        ("hopes", "calmer"),
        ("worries", "judged"),
    ]:
        result = ok(cli, "prompts", "answer", prompt_id, value, "--importance", "must")
        assert result.out.startswith("Saved.")
        assert len(result.err.strip().splitlines()) == 1, result.err
        assert "--importance ignored" in result.err and "is about you" in result.err
    criterion = ok(cli, "prompts", "answer", "modality_avoid", "cbt", "--importance", "must")
    assert criterion.err == ""
    profile = as_json(cli, "prompts", "profile")
    assert [p["dimension"] for p in profile["preferences"]] == ["modality_avoid"]
    assert {c["dimension"] for c in profile["context"]} == {"past_modalities", "hopes", "worries"}
    assert "importance" not in profile["context"][0]
    assert "Approaches I've tried: CBT" in profile["summary"]
    assert sum(line.endswith("(must-have)") for line in profile["summary"]) == 1
    while (shown := ok(cli, "prompts", "next")).out.startswith("Question"):
        prompt_id = prompt_shown(shown)
        if prompt_id in ("past_helped", "past_unhelpful", "hopes_six_months", "nerves"):
            assert "--importance" not in shown.out, prompt_id
        ok(cli, "prompts", "skip", prompt_id)


# --- Goals and the journey -------------------------------------------------------------------


def test_goals_journey_own_goal_and_each_celebration_once(ready_cli: Cli) -> None:
    cli = ready_cli
    title = "Call the GP 📞 — להתקשר לרופא"
    due = date.today() + timedelta(days=30)
    added = ok(
        cli, "goal", "add", title, "--due", due.isoformat(),
        "--step", "Find the number", "--step", "Write what to say 📝",
    )  # fmt: skip
    assert added.out.startswith("Added goal ") and title in added.out
    assert f"due {due.isoformat()}" in added.out

    journey, own = as_json(cli, "goal", "list")
    assert journey["title"] == JOURNEY_TITLE and journey["kind"] == "journey"
    assert [m["key"] for m in journey["milestones"]] == list(JOURNEY_KEYS)
    assert len(journey["milestones"]) == 7
    assert [m["title"] for m in journey["milestones"]] == [s.title for s in JOURNEY_STAGES]
    assert not any(m["done"] for m in journey["milestones"])
    assert (journey["done"], journey["percent"], journey["due"]) == (False, 0, None)
    assert journey["next_milestone"] == STAGE["clarify_preferences"].title
    assert own["title"] == title and own["kind"] == "own"
    assert own["due"] == due.isoformat() and own["overdue"] is False
    assert own["steps"] == [
        {"title": "Find the number", "done": False},
        {"title": "Write what to say 📝", "done": False},
    ]
    assert (own["done"], own["percent"], own["milestones"]) == (False, 0, [])

    contact = milestone_ids(journey)["contact"]
    first = ok(cli, "goal", "done", contact[:8])
    assert first.out.strip() == f"🎉 {STAGE['contact'].celebration}"
    again = ok(cli, "goal", "done", contact)
    assert again.out.strip() == f"'{STAGE['contact'].title}' was already done."
    assert "🎉" not in again.out

    finished = ok(cli, "goal", "done", own["id"][:8])
    assert finished.out.startswith("🎉 You did it") and title in finished.out
    assert "was already done" in ok(cli, "goal", "done", own["id"]).out

    journey, own = as_json(cli, "goal", "list")
    assert [m["key"] for m in journey["milestones"] if m["done"]] == ["contact"]
    assert journey["percent"] == 14  # 1 of 7, rounded down
    assert (own["done"], own["percent"]) == (True, 100)
    listing = ok(cli, "goal", "list").out
    assert f"[x] {contact[:8]}  {STAGE['contact'].title}" in listing
    assert f"{title}: done." in listing


def test_bad_goal_input_is_refused_before_anything_is_written(
    ready_cli: Cli, data_dir: Path
) -> None:
    cli = ready_cli  # a fresh vault: not even the journey exists yet, and none must be made
    far = date.today() + timedelta(days=366 * 11)
    for due, says in [
        ("2020-01-01", "2020-01-01 has already passed"),
        ("2026-02-30", "is not a date"),
        ("next week", "is not a date"),
        (far.isoformat(), "more than 10 years away"),
    ]:
        refused(cli, data_dir, "goal", "add", "Call the GP", "--due", due, says=says)
    refused(cli, data_dir, "goal", "add", "   ", says="The goal is empty")
    refused(cli, data_dir, "goal", "add", "x" * 201, says="at most 200 characters")
    refused(cli, data_dir, "goal", "add", "Ok", "--step", "s" * 201, says="The step can be")
    refused(cli, data_dir, "goal", "done", "ffffffff", says="No goal or milestone with id")
    refused(cli, data_dir, "goal", "done", " ", says="Give the id")
    assert [g["kind"] for g in as_json(cli, "goal", "list")] == ["journey"]
    refused(cli, data_dir, "goal", "done", "0000", says="No goal or milestone with id")


# --- The shortlist ---------------------------------------------------------------------------


def test_shortlist_fit_nudge_statuses_and_journey(ready_cli: Cli, data_dir: Path) -> None:
    cli = ready_cli
    # Refused candidates leave nothing behind, not even the referrer they named.
    refused(cli, data_dir, "candidate", "add", " ", "--referred-by", "Dr Patel", says="empty")
    refused(
        cli, data_dir, "candidate", "add", "Dr X", "--fee", "lots", "--referred-by", "Dr Patel",
        says="not a number",
    )  # fmt: skip

    ok(cli, "prompts", "answer", "format", "telehealth", "--importance", "must")
    ok(cli, "prompts", "answer", "language", "english", "--importance", "must")
    ok(cli, "prompts", "answer", "modality", "cbt", "--importance", "nice")

    amal = ok(
        cli, "candidate", "add", "Dr Amal Rivera", "--modality", "CBT", "--format", "telehealth",
        "--language", "English", "--fee", "120", "--insurance", "Aetna",
        "--referred-by", "Dr Patel",
    )  # fmt: skip
    assert amal.out.startswith("Added Dr Amal Rivera (")
    assert "You have 1 option so far" in amal.out
    bea = ok(
        cli, "candidate", "add", "Bea Clinic", "--format", "In person", "--language", "English"
    )
    assert "You have 2 options so far" in bea.out and "🎉" not in bea.out
    assert "You have 2 options so far" in ok(cli, "candidate", "list").out

    third = ok(cli, "candidate", "add", "Chris Ng")
    assert f"🎉 {STAGE['shortlist_three'].celebration}" in third.out
    assert "options so far" not in third.out

    listed = as_json(cli, "candidate", "list")
    assert [c["name"] for c in listed] == ["Dr Amal Rivera", "Chris Ng", "Bea Clinic"]
    best, unknown, misses = listed
    # Reasons name the format and language wanted; the exact words come from the packs.
    assert len(best["fit"]["must_met"]) == 2 and "English" in best["fit"]["must_met"]
    assert best["fit"]["must_missed"] == [] and best["fit"]["unknown"] == []
    (nice,) = best["fit"]["nice_met"]
    assert "CBT" in nice
    assert best["fit"]["sentence"].startswith("Meets 2 of 2 must-haves: ")
    assert best["referred_by"] == "Dr Patel"
    assert best["fee"] == 120.0 and best["insurance"] == ["Aetna"]
    assert best["status"] == "to_contact"
    assert unknown["fit"]["must_met"] == [] and unknown["fit"]["must_missed"] == []
    assert len(unknown["fit"]["unknown"]) == 3 and unknown["referred_by"] is None
    assert misses["formats"] == ["In person"]
    assert misses["fit"]["must_met"] == ["English"]
    (missed,) = misses["fit"]["must_missed"]
    assert f"Misses: {missed}." in misses["fit"]["sentence"]
    assert misses["fit"]["sentence"].startswith("Meets 1 of 2 must-haves: English.")
    assert best["fit"]["score"] > unknown["fit"]["score"] > misses["fit"]["score"]

    done = journey_done(cli)
    assert [key for key, is_done in done.items() if is_done] == ["shortlist_three"]

    booked = ok(cli, "candidate", "status", best["id"][:8], "consultation_booked")
    assert booked.out.splitlines() == [
        "Dr Amal Rivera: Consultation booked.",
        f"🎉 {STAGE['contact'].celebration}",
        f"🎉 {STAGE['book_consultation'].celebration}",
    ]
    declined = ok(cli, "candidate", "status", misses["id"], "declined")
    assert declined.out.strip() == "Bea Clinic: Not for me."
    done = journey_done(cli)
    assert [k for k, is_done in done.items() if is_done] == [
        "shortlist_three",
        "contact",
        "book_consultation",
    ]
    after = ok(cli, "candidate", "list").out
    assert "[Consultation booked]" in after and "[Not for me]" in after
    assert "Suggested by Dr Patel." in after
    assert "You have 2 options so far" in after  # the declined one no longer counts
    assert [c["status"] for c in as_json(cli, "candidate", "list")] == [
        "consultation_booked",
        "to_contact",
        "declined",
    ]

    refused(cli, data_dir, "candidate", "status", "ffffffff", "contacted", says="No therapist")
    refused(cli, data_dir, "candidate", "status", best["id"], "ghosted", says="not a status")


# --- Questions -------------------------------------------------------------------------------


def test_questions_round_trip_with_emoji_and_right_to_left_text(
    ready_cli: Cli, data_dir: Path
) -> None:
    cli = ready_cli
    texts = [
        "Do you offer evening sessions? 🌙",
        "האם יש לך ניסיון עם חרדה? هل تقدمين جلسات عبر الإنترنت؟ 🙏",
    ]
    for text in texts:
        assert ok(cli, "question", "add", text).out.startswith("Saved question ")
    listed = as_json(cli, "question", "list")
    assert [q["text"] for q in listed] == texts
    assert all(q["asked"] is False and q["candidate_id"] is None and q["id"] for q in listed)
    plain = ok(cli, "question", "list").out
    assert all(f"{q['id'][:8]}  {q['text']}" in plain for q in listed)

    refused(cli, data_dir, "question", "add", " \t ", says="The question is empty.")
    refused(cli, data_dir, "question", "add", "?" * 501, says="at most 500 characters")


# --- The review ------------------------------------------------------------------------------


def test_review_brings_everything_together(ready_cli: Cli) -> None:
    cli = ready_cli
    today = date.today()
    this_monday = today - timedelta(days=today.weekday())
    old_monday = this_monday - timedelta(weeks=3)
    old_tuesday, old_wednesday = old_monday + timedelta(days=1), old_monday + timedelta(days=2)
    for when, anxiety, text in [
        (old_tuesday, "8", "Hard week at work."),
        (old_wednesday, "6", "A little better."),
        (today - timedelta(weeks=20), "10", "Long ago: outside the window."),
    ]:
        ok(cli, "entry", "add", "--anxiety", anxiety, "--at", f"{when.isoformat()}T12:00", text)
    ok(cli, "entry", "add", "--anxiety", "3", "--tag", "win", "Booked a call 🎉")
    ok(cli, "checkin", "gad7", "--answers", "2,2,2,2,2,2,2")
    ok(cli, "checkin", "gad7", "--answers", "1,1,1,1,1,1,1")
    ok(cli, "prompts", "answer", "format", "telehealth", "--importance", "must")
    ok(cli, "candidate", "add", "Dr Amal Rivera", "--format", "telehealth")
    ok(cli, "question", "add", "Do you offer evening sessions?")
    ok(cli, "goal", "add", "Sleep before midnight")

    review = as_json(cli, "review")
    assert {
        "looking_for",
        "goals",
        "anxiety",
        "checkins",
        "shortlist",
        "questions",
        "highlights",
    } <= set(review)
    assert review["date"] == today.isoformat()
    assert len(review["looking_for"]) == 1
    assert review["looking_for"][0].endswith("(must-have)")
    assert [g["title"] for g in review["goals"]] == [JOURNEY_TITLE, "Sleep before midnight"]
    assert review["goals"][0]["total"] == 7
    assert review["anxiety"]["weeks"] == [
        {"week_start": old_monday.isoformat(), "average": 7, "entries": 2},
        {"week_start": this_monday.isoformat(), "average": 3, "entries": 1},
    ]
    assert "down from 7/10" in review["anxiety"]["summary"]
    assert [(p["score"], p["band"]) for p in review["checkins"]["gad7"]["points"]] == [
        (14, "moderate"),
        (7, "mild"),
    ]
    assert list(review["checkins"]) == ["gad7"]
    assert review["highlights"] == [
        {"date": today.isoformat(), "why": "marked as a highlight", "text": "Booked a call 🎉"},
        {"date": old_wednesday.isoformat(), "why": "recent", "text": "A little better."},
        {"date": old_tuesday.isoformat(), "why": "recent", "text": "Hard week at work."},
    ]
    (only,) = review["shortlist"]
    assert only["name"] == "Dr Amal Rivera" and only["status"] == "to_contact"
    assert only["fit"].startswith("Meets 1 of 1 must-have")
    assert "You have 1 option so far" in review["shortlist_nudge"]
    assert review["questions"] == ["Do you offer evening sessions?"]

    text = ok(cli, "review").out
    headings = [
        "## What I'm looking for",
        "## My questions",
        "## Goals",
        "## Anxiety",
        "## Check-ins",
        "## Shortlist",
        "## Recent highlights",
    ]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    for expected in (
        "- Do you offer evening sessions?",
        "- **Dr Amal Rivera** — Meets 1 of 1 must-have",
        "(marked as a highlight): Booked a call 🎉",
        "Sleep before midnight",
        review["anxiety"]["summary"],
    ):
        assert expected in text


# --- Importing another journal ---------------------------------------------------------------


def test_import_jrnl_and_day_one_samples(ready_cli: Cli) -> None:
    cli = ready_cli
    jrnl = ok(cli, "import", "jrnl-json", str(JRNL_SAMPLE))
    assert jrnl.out.splitlines() == [
        "Imported 5 entries from jrnl.",
        "Skipped 1 entry with no words (blank).",
    ]
    dayone = ok(cli, "import", "dayone-json", str(DAYONE_SAMPLE))
    assert dayone.out.splitlines() == [
        "Imported 5 entries from Day One.",
        "Skipped 1 entry with no words (blank, or only photos or other media).",
        "Left out 2 photos and 1 audio recording: the journal keeps words only, and each is"
        ' marked where it was (for example "[photo not imported]").',
    ]

    entries = as_json(cli, "entry", "list")
    assert [(e["created_at"], e["tags"]) for e in entries] == [
        ("2023-01-11T12:15:30+00:00", ["therapy search", "Progress", "starred"]),
        ("2023-01-10T07:45:00+00:00", ["walks"]),
        ("2023-01-09T21:30:00+00:00", ["قلق"]),
        ("2023-01-08T21:47:03+00:00", ["reflection"]),
        ("2023-01-08T19:05:12+00:00", ["משפחה"]),
        ("2023-01-07T18:02:00+00:00", ["anxiety", "starred"]),
        ("2023-01-06T17:12:45+00:00", ["walks", "starred"]),
        ("2023-01-05T14:30:00+00:00", ["therapy search", "anxiety"]),
        ("2023-01-05T09:15:00+00:00", []),
        ("2023-01-03T23:40:00+00:00", ["anxiety", "Work"]),
    ]
    text = {e["created_at"][:10] + e["created_at"][11:16]: e["text"] for e in entries}
    assert text["2023-01-0323:40"] == (
        "Couldn't sleep again.\nKept replaying the conversation with my manager at @Work.\n"
        "Tried the 4-7-8 breathing; it helped a little.\n\n"
        "Tomorrow: look up therapists who do CBT for @anxiety."
    )
    assert text["2023-01-0509:15"] == "Short check-in.\nSlept six hours. Feeling okay, a bit flat."
    assert text["2023-01-0921:30"] == ("يوم صعب في العمل\nلكنني تحدثت مع صديقتي وشعرت بتحسن. @قلق")
    assert text["2023-01-0514:30"].startswith(
        "Called three clinics today. Two have a 6-8 week waitlist, one can see me sooner "
        "(but it's a 40-minute bus ride)."
    )
    assert text["2023-01-0514:30"].endswith("#1 priority is someone I feel safe with!")
    assert text["2023-01-0617:12"] == (
        "[photo not imported]\n\nWalk by the river after the call. Felt lighter afterwards 🌿💚"
    )
    assert text["2023-01-0819:05"] == "היום דיברתי עם אמא על הטיפול. היא תומכת בי ❤️"
    assert all(e["anxiety"] is None and e["feelings"] == [] for e in entries)
    assert len(as_json(cli, "entry", "list", "--tag", "starred")) == 3


def test_files_that_are_not_the_right_export_change_nothing(
    ready_cli: Cli, data_dir: Path, tmp_path: Path
) -> None:
    cli = ready_cli
    ok(cli, "import", "jrnl-json", str(JRNL_SAMPLE))
    binary = tmp_path / "photo.json"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe")
    not_json = tmp_path / "notes.json"
    not_json.write_text("Dear diary, {not json", encoding="utf-8")
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    a_list = tmp_path / "list.json"
    a_list.write_text("[1, 2, 3]", encoding="utf-8")
    half_bad = tmp_path / "half_bad.json"
    good = {"title": "Fine.", "body": "", "date": "2023-02-01", "time": "10:00", "tags": []}
    bad = {**good, "date": "2023-02-30"}
    half_bad.write_text(json.dumps({"tags": {}, "entries": [good, good, bad]}), encoding="utf-8")

    cases = [
        ("jrnl-json", DAYONE_SAMPLE, "looks like a Day One export, not a jrnl one"),
        ("dayone-json", JRNL_SAMPLE, "looks like a jrnl export, not a Day One one"),
        ("jrnl-json", tmp_path / "missing.json", "There is no file"),
        ("dayone-json", tmp_path, "is a folder, not a file"),
        ("jrnl-json", binary, "not UTF-8"),
        ("dayone-json", not_json, "not valid JSON"),
        ("jrnl-json", empty, "The file is empty."),
        ("dayone-json", a_list, "holds a list"),
        ("jrnl-json", half_bad, "Entry 3 of 3 has a date or time that does not exist"),
    ]
    for fmt, path, says in cases:
        refused(cli, data_dir, "import", fmt, str(path), says=says)
    assert len(as_json(cli, "entry", "list")) == 5

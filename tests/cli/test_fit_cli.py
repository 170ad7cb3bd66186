"""Issue 29 on the command line: the fit judged against everything the card knows, and
`candidate answer` recording what a therapist said, each as a separate process on a real vault."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_edit_cli import as_json, ok, refused
from tests.conftest import Cli


def fit_of(cli: Cli, name: str) -> dict:
    for candidate in as_json(cli, "candidate", "list"):
        if candidate["name"] == name:
            return candidate
    raise AssertionError(name)


def test_the_card_decides_rather_not_and_moot_questions(ready_cli: Cli) -> None:
    cli = ready_cli
    ok(cli, "prompts", "answer", "modality_avoid", "cbt", "--importance", "must")
    ok(cli, "prompts", "answer", "format", "telehealth,in_person", "--importance", "nice")
    ok(cli, "prompts", "answer", "telehealth_kind", "video", "--importance", "must")
    ok(cli, "candidate", "add", "Dr Cole", "--modality", "cbt", "--format", "in_person")
    ok(cli, "candidate", "add", "Dr Diaz", "--modality", "act", "--format", "telehealth")
    cole, diaz = fit_of(cli, "Dr Cole"), fit_of(cli, "Dr Diaz")
    # Rather-not CBT: missed where the card lists it, met where it lists approaches without it.
    assert "Approaches I'd rather not try (cbt)" in cole["fit"]["must_missed"]
    assert "not CBT" in diaz["fit"]["must_met"]
    # In person only: the video question is answered (missed), never worth asking.
    assert "Online sessions by (in person only)" in cole["fit"]["must_missed"]
    assert not any("online" in q.lower() for q in cole["fit"]["questions"])
    assert any("online" in q.lower() for q in diaz["fit"]["questions"])


def test_answers_complete_the_fit(ready_cli: Cli, data_dir: Path) -> None:
    cli = ready_cli
    ok(cli, "prompts", "answer", "style_tone", "gentle", "--importance", "must")
    ok(cli, "prompts", "answer", "payment", "insurance", "--importance", "dont_mind")
    ok(cli, "prompts", "answer", "insurance", "Aetna", "--importance", "must")
    ok(cli, "prompts", "answer", "past_modalities", "cbt", "--importance", "must")
    ok(cli, "candidate", "add", "Dr Ruiz")
    short_id = fit_of(cli, "Dr Ruiz")["id"][:6]
    rows = as_json(cli, "candidate", "answer", short_id, "--list")
    assert [r["dimension"] for r in rows] == ["style_tone", "insurance"]  # history is context
    assert set(rows[0]) == {"dimension", "label", "values", "recorded"}
    assert "gentle" in rows[0]["values"] and "no" in rows[0]["values"]
    assert rows[1]["values"] == ["yes", "no"] and rows[1]["recorded"] is None
    assert fit_of(cli, "Dr Ruiz")["fit"]["sentence"].startswith("Meets 0 of 2 must-haves; 2 worth")

    said = ok(cli, "candidate", "answer", short_id, "style_tone", "gentle").out
    assert said.startswith("Noted for Dr Ruiz.") and "1 worth asking" in said
    ok(cli, "candidate", "answer", short_id, "insurance", "no")
    report = fit_of(cli, "Dr Ruiz")["fit"]
    assert report["questions"] == [] and report["unknown"] == []
    assert report["sentence"].startswith("Meets 1 of 2 must-haves:")
    assert report["sentence"].endswith("Nothing left worth asking.")
    rows = as_json(cli, "candidate", "answer", short_id, "--list")
    assert [r["recorded"] for r in rows] == [["gentle"], ["no"]]
    text = ok(cli, "candidate", "answer", short_id, "--list").out
    assert "style_tone  How I'd like to be spoken to:" in text

    # Forgetting an answer makes it worth asking again.
    ok(cli, "candidate", "answer", short_id, "insurance", "unknown")
    assert fit_of(cli, "Dr Ruiz")["fit"]["unknown"] == ["My insurance plan"]

    refused(cli, data_dir, "candidate", "answer", short_id, "style_tone", "loud", says="'loud'")
    refused(cli, data_dir, "candidate", "answer", short_id, "hopes", "yes", says="not one of")
    refused(cli, data_dir, "candidate", "answer", short_id, "past_modalities", "cbt", says="not")
    refused(cli, data_dir, "candidate", "answer", short_id, "style_tone", says="DIMENSION")
    refused(cli, data_dir, "candidate", "answer", "zzzz", "insurance", "yes", says="No therapist")
    refused(
        cli, data_dir, "candidate", "answer", short_id, "style_tone", "gentle,no", says="its own"
    )


def test_compare_two_to_four_side_by_side(ready_cli: Cli, data_dir: Path) -> None:
    cli = ready_cli
    ok(cli, "prompts", "answer", "language", "spanish", "--importance", "nice")
    ok(cli, "prompts", "answer", "modality", "cbt", "--importance", "must")
    ok(cli, "prompts", "answer", "style_tone", "gentle", "--importance", "must")
    ok(cli, "candidate", "add", "Dr Ames", "--modality", "cbt", "--language", "Spanish")
    ok(cli, "candidate", "add", "Dr Bose", "--modality", "dbt")
    ok(cli, "candidate", "add", "Dr Cruz")
    ids = {c["name"]: c["id"][:6] for c in as_json(cli, "candidate", "list")}
    ok(cli, "candidate", "questions", ids["Dr Bose"], "--add")
    ok(cli, "candidate", "answer", ids["Dr Ames"], "style_tone", "direct")
    table = as_json(cli, "candidate", "compare", ids["Dr Ames"], ids["Dr Bose"], ids["Dr Cruz"])
    assert [t["name"] for t in table["therapists"]] == ["Dr Ames", "Dr Bose", "Dr Cruz"]
    rows = {r["label"]: (r["importance"], r["cells"]) for r in table["rows"]}
    assert [r["importance"] for r in table["rows"]] == ["must-have", "must-have", "nice-to-have"]
    assert rows["Approaches I'm drawn to"] == ("must-have", ["met", "missed", "not_known"])
    assert rows["How I'd like to be spoken to"] == ("must-have", ["missed", "asked", "not_known"])
    assert rows["Languages for therapy"] == ("nice-to-have", ["met", "asked", "not_known"])
    text = ok(cli, "candidate", "compare", ids["Dr Ames"], ids["Dr Cruz"]).out.splitlines()
    assert text[0].split() == ["Criterion", "Dr", "Ames", "Dr", "Cruz"]
    assert text[1].startswith("Approaches I'm drawn to (must-have)")
    assert text[1].split()[-3:] == ["met", "not", "known"]

    refused(cli, data_dir, "candidate", "compare", ids["Dr Ames"], says="2 to 4")
    refused(cli, data_dir, "candidate", "compare", *[ids["Dr Ames"]] * 5, says="2 to 4")
    twice = (ids["Dr Ames"], ids["Dr Ames"])
    refused(cli, data_dir, "candidate", "compare", *twice, says="named twice")
    refused(cli, data_dir, "candidate", "compare", ids["Dr Ames"], "zzzz", says="No therapist")

"""`journal-app prompts`: the guided questions, one at a time, and the profile they build."""

from __future__ import annotations

import argparse

from journal_app.app.clock import new_id, now_utc
from journal_app.app.profile import current_profile, packs
from journal_app.cli.journal_access import open_journal
from journal_app.cli.journey_sync import celebrate, sync_journey
from journal_app.cli.terminal import print_json, say, warn
from journal_app.core.profile import IMPORTANCE_LABELS
from journal_app.core.prompt_engine import (
    answer_prompt,
    get_prompt,
    next_prompt,
    parse_answer_value,
    progress,
    skip_prompt,
    stored_answers,
)
from journal_app.core.prompt_packs import SCALE, Prompt

IMPORTANCE_HINT = "must | nice | dont_mind"


def describe_prompt(prompt: Prompt) -> list[str]:
    """The prompt as a person reads it in a terminal, with how to answer."""
    lines = [prompt.text]
    lines += [extra for extra in (prompt.note, prompt.help) if extra]
    if prompt.kind == SCALE:
        ends = f" ({prompt.min_label} … {prompt.max_label})" if prompt.min_label else ""
        unit = f" {prompt.unit}" if prompt.unit else ""
        lines.append(f"  a number from {prompt.min_value:g} to {prompt.max_value:g}{unit}{ends}")
    for choice in prompt.choices:
        about = f" — {choice.help}" if choice.help else ""
        lines.append(f"  {choice.id:<18} {choice.label}{about}")
    lines.append(f"(id: {prompt.id}; kind: {prompt.kind})")
    return lines


def cmd_prompts_next(args: argparse.Namespace) -> int:
    with open_journal(args) as repo:
        answers = stored_answers(repo)
    prompt = next_prompt(packs(), answers)
    done = progress(packs(), answers)
    if prompt is None:
        say("You've been through every question. See 'journal-app prompts profile'.")
        return 0
    say(f"Question {done.done + 1} of {done.total}")
    for line in describe_prompt(prompt):
        say(line)
    how = f"journal-app prompts answer {prompt.id} VALUE"
    if prompt.asks_importance:  # only criteria: never feelings, history or hopes
        how += f" [--importance {IMPORTANCE_HINT}]"
    say(f"Answer with: {how}   (or skip: journal-app prompts skip {prompt.id})")
    return 0


CONTEXT_NOTE = (
    "note: --importance ignored: '{label}' is about you, not something a therapist can meet "
    "or miss, so it has no importance"
)


def cmd_prompts_answer(args: argparse.Namespace) -> int:
    prompt = get_prompt(packs(), args.id)
    value = parse_answer_value(prompt, args.value)
    if args.importance is not None and not prompt.asks_importance:
        warn(CONTEXT_NOTE.format(label=prompt.label))  # the answer is still saved
    with open_journal(args) as repo:
        answer_prompt(
            repo, packs(), prompt.id, value, args.importance, record_id=new_id(), now=now_utc()
        )
        celebrations = sync_journey(repo)
        upcoming = next_prompt(packs(), stored_answers(repo))
    say("Saved.")
    celebrate(celebrations)
    if upcoming is not None:
        say(f"Next: {upcoming.text} ('journal-app prompts next' shows the options)")
    return 0


def cmd_prompts_skip(args: argparse.Namespace) -> int:
    prompt = get_prompt(packs(), args.id)
    with open_journal(args) as repo:
        skip_prompt(repo, packs(), prompt.id, record_id=new_id(), now=now_utc())
    say("Skipped. You can come back to it any time with 'prompts answer'.")
    return 0


def cmd_prompts_profile(args: argparse.Namespace) -> int:
    with open_journal(args) as repo:
        profile = current_profile(repo)
    if args.json:
        print_json(
            {
                "preferences": [
                    {
                        "dimension": p.dimension,
                        "label": p.label,
                        "values": list(p.values),
                        "labels": list(profile.labelled_values(p)),
                        "importance": p.importance,
                        "importance_label": p.importance
                        and IMPORTANCE_LABELS.get(p.importance, p.importance),
                        "prompt_id": p.prompt_id,
                    }
                    for p in profile.preferences
                ],
                "context": [
                    {
                        "dimension": p.dimension,
                        "label": p.label,
                        "values": list(p.values),
                        "labels": list(profile.labelled_values(p)),
                        "prompt_id": p.prompt_id,
                    }
                    for p in profile.context
                ],
                "notes": profile.notes,
                "summary": profile.summary_lines(),
            }
        )
        return 0
    lines = profile.summary_lines()
    if not lines and not profile.notes:
        say("Nothing yet. Start with 'journal-app prompts next'.")
    for line in lines:
        say(f"- {line}")
    for label, text in profile.notes.items():
        say(f"\n{label}:\n{text}")
    return 0

"""`journal-app question`: questions to ask at a consultation."""

from __future__ import annotations

import argparse

from journal_app.app.clock import new_id, now_utc
from journal_app.cli.journal_access import open_journal
from journal_app.cli.lookup import find_by_prefix, short
from journal_app.cli.terminal import print_json, say
from journal_app.core.journal import InvalidInput
from journal_app.core.questions import (
    add_question,
    delete_question,
    edit_question,
    mark_asked,
    questions_in_order,
)
from journal_app.core.records import Question


def cmd_question_add(args: argparse.Namespace) -> int:
    with open_journal(args) as repo:
        question = add_question(repo, args.text, record_id=new_id(), now=now_utc())
    say(f"Saved question {short(question)}. It will be in your consultation review.")
    return 0


def cmd_question_list(args: argparse.Namespace) -> int:
    with open_journal(args) as repo:
        questions = questions_in_order(repo.all(Question))
    if args.json:
        print_json([q.to_dict() for q in questions])
    elif not questions:
        say("No questions yet.")
    for q in questions if not args.json else []:
        say(f"{short(q)}  {'[asked] ' if q.asked else ''}{q.text}")
    return 0


def _find(repo, raw_id: str) -> Question:
    found = find_by_prefix(repo.all(Question), raw_id, "question")
    if found is None:
        raise InvalidInput(f"No question with id '{raw_id}'; see 'question list'.")
    return found


def cmd_question_edit(args: argparse.Namespace) -> int:
    with open_journal(args) as repo:
        question = edit_question(repo, _find(repo, args.id).id, args.text, now=now_utc())
    say(f"Changed question {short(question)}: {question.text}")
    return 0


def cmd_question_delete(args: argparse.Namespace) -> int:
    with open_journal(args) as repo:
        question = delete_question(repo, _find(repo, args.id).id)
    say(f"Deleted the question: {question.text}")
    return 0


def cmd_question_asked(args: argparse.Namespace) -> int:
    with open_journal(args) as repo:
        question = mark_asked(repo, _find(repo, args.id).id, now=now_utc(), asked=not args.undo)
    say(f"{'Ticked off' if question.asked else 'Back on your list'}: {question.text}")
    return 0

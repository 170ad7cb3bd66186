"""`journal-app goal`: the therapist-search journey and the person's own goals."""

from __future__ import annotations

import argparse
from datetime import date

from journal_app.app.clock import new_id, now_local, now_utc
from journal_app.cli.journal_access import open_journal
from journal_app.cli.journey_sync import celebrate, sync_journey
from journal_app.cli.lookup import find_by_prefix, short
from journal_app.cli.terminal import print_json, say
from journal_app.core.goals import (
    add_goal,
    add_step,
    complete_milestone,
    complete_step,
    edit_goal,
    goal_done,
    move_step,
    overview,
    rename_step,
    set_milestone_due,
    take_goal,
    take_step,
)
from journal_app.core.journal import InvalidInput
from journal_app.core.records import Goal, Milestone


def _today() -> date:
    return now_local().date()


def cmd_goal_add(args: argparse.Namespace) -> int:
    with open_journal(args) as repo:
        # The goal is checked (and stored) first: a refused goal must leave the vault as it was.
        goal = add_goal(
            repo, args.title, args.due, args.step or [], record_id=new_id(), now=now_local()
        )
        sync_journey(repo)
    due = f", due {goal.due.isoformat()}" if goal.due else ""
    say(f"Added goal {short(goal)}: {goal.title}{due}.")
    return 0


def _progress_payload(progress) -> dict:
    goal = progress.goal
    return {
        "id": goal.id,
        "title": goal.title,
        "kind": goal.kind,
        "due": goal.due.isoformat() if goal.due else None,
        "done": progress.is_done,
        "percent": progress.percent,
        "overdue": progress.overdue,
        "steps": [{"title": s.title, "done": s.done} for s in goal.steps],  # step N is [N-1]
        "milestones": [
            {
                "id": m.id,
                "key": m.key,
                "title": m.title,
                "done": m.done_at is not None,
                "due": m.due.isoformat() if m.due else None,
                "overdue": m in progress.overdue_milestones,
            }
            for m in progress.milestones
        ],
        "next_milestone": progress.next_milestone.title if progress.next_milestone else None,
        "summary": progress.sentence(),
    }


def cmd_goal_list(args: argparse.Namespace) -> int:
    with open_journal(args) as repo:
        celebrations = sync_journey(repo)
        goals = overview(repo, _today())
    if args.json:
        print_json([_progress_payload(p) for p in goals])
        return 0
    celebrate(celebrations)
    for item in goals:
        late = "  (overdue)" if item.overdue else ""
        say(f"{short(item.goal)}  {item.sentence()}{late}")
        for m in item.milestones:
            mark = "x" if m.done_at else " "
            late = "  (overdue)" if m in item.overdue_milestones else ""
            say(f"    [{mark}] {short(m)}  {m.title}{late}")
        for number, step in enumerate(item.goal.steps, start=1):
            say(f"    [{'x' if step.done else ' '}] step {number}  {step.title}")
    return 0


def cmd_goal_done(args: argparse.Namespace) -> int:
    """Tick a milestone or a whole goal, by the id the list shows."""
    with open_journal(args) as repo:
        now = now_utc()
        milestone = find_by_prefix(repo.all(Milestone), args.id, "milestone")
        goal = None if milestone else find_by_prefix(repo.all(Goal), args.id, "goal")
        if milestone is None and goal is None:  # refused before anything is written
            raise InvalidInput(f"No goal or milestone with id '{args.id}'; see 'goal list'.")
        sync_journey(repo)
        if milestone is not None:
            celebrations = complete_milestone(repo, milestone.id, now=now)
            title = milestone.title
        else:
            assert goal is not None  # one of the two was found, or we raised above
            single = goal_done(repo, goal.id, now=now)
            celebrations = [single] if single else []
            title = goal.title
    if celebrations:
        celebrate(celebrations)
    else:
        say(f"'{title}' was already done.")
    return 0


def _due_change(args: argparse.Namespace) -> dict:
    """--due DATE moves the date, --no-due (or --due '') clears it; neither leaves it."""
    if args.no_due:
        return {"due": None}
    if args.due is not None:
        return {"due": args.due.strip() or None}
    return {}


def cmd_goal_edit(args: argparse.Namespace) -> int:
    """Rename a goal or move its date; a milestone's date can be moved the same way."""
    due = _due_change(args)
    if args.title is None and not due:
        raise InvalidInput("Nothing to change; give --title TEXT, --due YYYY-MM-DD or --no-due.")
    with open_journal(args) as repo:
        now = now_utc()
        milestone = find_by_prefix(repo.all(Milestone), args.id, "milestone")
        if milestone is not None:
            if args.title is not None:
                raise InvalidInput("A milestone's title stays; you can move its date with --due.")
            updated: Goal | Milestone = set_milestone_due(repo, milestone.id, due["due"], now=now)
            title = updated.title
        else:
            goal = find_by_prefix(repo.all(Goal), args.id, "goal")
            if goal is None:
                raise InvalidInput(f"No goal or milestone with id '{args.id}'; see 'goal list'.")
            updated = edit_goal(repo, goal.id, title=args.title, now=now, **due)
            title = updated.title
    when = f", due {updated.due.isoformat()}" if updated.due else ", no target date"
    say(f"Updated '{title}'{when}.")
    return 0


def cmd_goal_delete(args: argparse.Namespace) -> int:
    """Delete a goal of your own with its steps; the search journey stays."""
    with open_journal(args) as repo:
        goal = find_by_prefix(repo.all(Goal), args.id, "goal")
        if goal is None:
            raise InvalidInput(f"No goal with id '{args.id}'; see 'goal list'.")
        take_goal(repo, goal.id)
    say(f"Deleted the goal '{goal.title}'.")
    return 0


# --- a goal's steps, after it is made ---------------------------------------------------------


def _step_goal(repo, goal_id: str) -> Goal:
    goal = find_by_prefix(repo.all(Goal), goal_id, "goal")
    if goal is None:
        raise InvalidInput(f"No goal with id '{goal_id}'; see 'goal list'.")
    return goal


def _step_index(goal: Goal, number: str) -> int:
    """The step numbered as `goal list` shows it (from 1), refused plainly otherwise."""
    try:
        index = int(number.strip()) - 1
    except ValueError:
        raise InvalidInput(f"'{number}' is not a step number; see 'goal list'.") from None
    if not 0 <= index < len(goal.steps):
        count = len(goal.steps)
        has = f"{count} step{'s' if count != 1 else ''}" if count else "no steps"
        raise InvalidInput(f"'{goal.title}' has {has}; there is no step {number}.")
    return index


def cmd_step_add(args: argparse.Namespace) -> int:
    with open_journal(args) as repo:
        goal = add_step(repo, _step_goal(repo, args.goal).id, args.title, now=now_utc())
    say(f"Added step {len(goal.steps)} to '{goal.title}': {goal.steps[-1].title}")
    return 0


def cmd_step_rename(args: argparse.Namespace) -> int:
    with open_journal(args) as repo:
        goal = _step_goal(repo, args.goal)
        index = _step_index(goal, args.number)
        goal = rename_step(repo, goal.id, index, args.title, now=now_utc())
    say(f"Step {index + 1} of '{goal.title}' is now: {goal.steps[index].title}")
    return 0


def cmd_step_move(args: argparse.Namespace) -> int:
    with open_journal(args) as repo:
        goal = _step_goal(repo, args.goal)
        index = _step_index(goal, args.number)
        offset = -1 if args.direction == "up" else 1
        goal = move_step(repo, goal.id, index, offset, now=now_utc())
    say(f"Moved '{goal.steps[index + offset].title}' to step {index + offset + 1}.")
    return 0


def _tick_step(args: argparse.Namespace, done: bool) -> int:
    with open_journal(args) as repo:
        goal = _step_goal(repo, args.goal)
        index = _step_index(goal, args.number)
        celebrations = complete_step(repo, goal.id, index, now=now_utc(), done=done)
        sync_journey(repo)
    title = goal.steps[index].title
    if goal.steps[index].done == done:
        say(f"'{title}' was already {'ticked' if done else 'open'}.")
    else:
        say(f"{'Ticked' if done else 'Unticked'} '{title}'.")
    celebrate(celebrations)
    return 0


def cmd_step_done(args: argparse.Namespace) -> int:
    return _tick_step(args, True)


def cmd_step_undone(args: argparse.Namespace) -> int:
    return _tick_step(args, False)


def cmd_step_remove(args: argparse.Namespace) -> int:
    with open_journal(args) as repo:
        goal = _step_goal(repo, args.goal)
        removed = take_step(repo, goal.id, _step_index(goal, args.number), now=now_utc())
    say(f"Removed the step '{removed.step.title}' from '{goal.title}'.")
    return 0

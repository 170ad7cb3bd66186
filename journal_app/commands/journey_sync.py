"""Keeping the therapist-search journey in step with what the person has done.

After a change (a candidate added, a status moved, prompts answered) the milestones that
the data now shows as reached are ticked, and each newly reached one is celebrated.
"""

from __future__ import annotations

from journal_app.cli_io import say
from journal_app.clock import new_id, now_utc
from journal_app.commands.profile_source import packs
from journal_app.core.goals import (
    Celebration,
    milestones_for,
    start_journey,
    suggest_journey_progress,
    tick_journey,
)
from journal_app.core.prompt_engine import progress, stored_answers
from journal_app.core.records import Candidate
from journal_app.storage.repository import Repository


def celebrate(celebrations: list[Celebration]) -> None:
    for item in celebrations:
        say(f"🎉 {item.message}")


def answered_when_complete(repo: Repository) -> int:
    """How many prompts are answered, counted only once every applicable one is dealt with.

    Preferences count as clarified when the person has been through the guided prompts,
    not after the first answer.
    """
    done = progress(packs(), stored_answers(repo))
    return done.answered if done.complete else 0


def sync_journey(repo: Repository) -> list[Celebration]:
    """Start the journey if needed, tick what is reached, return the celebrations."""
    now = now_utc()
    goal = start_journey(repo, ids=new_id, now=now)
    done = [m.key for m in milestones_for(repo, goal.id) if m.done_at and m.key]
    keys = suggest_journey_progress(
        repo.all(Candidate), answered_when_complete(repo), done_keys=done
    )
    return tick_journey(repo, keys, now=now) if keys else []

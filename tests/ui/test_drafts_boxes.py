"""The smaller boxes kept as sealed drafts too: a goal's new name, a new step, a target
date being typed, a Review question being reworded, and who a summary is for on Share.
Each comes back after a lock, open with its text and its banner on the right screen, and
goes when saved, cancelled or cleared; a draft whose record has gone (deleted here, or on
another device through sync) leaves no "Go to …" that leads nowhere. A passphrase is never
kept. The controllers on a real, encrypted journal; the screens built, with Flet's checks."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import flet as ft

from journal_app.app.session import AppSession
from journal_app.core.drafts import (
    JOURNAL_NEW,
    candidate_notes,
)
from journal_app.core.records import Candidate, Goal
from journal_app.core.shortlist import add_candidate
from journal_app.ui.controllers.drafts import DraftsController
from journal_app.ui.controllers.goals import GoalsController
from journal_app.ui.controllers.journal import controller_for
from tests.ui.screen_check import checked_tree, screen_context
from tests.ui.test_drafts_controllers import drafts_of, relock, words_in

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


def boxes_in(control: Any, found: dict[str, str] | None = None) -> dict[str, str]:
    """Every text box in a built tree: its label and what it shows."""
    found = {} if found is None else found
    if isinstance(control, ft.TextField):
        found[str(control.label)] = control.value or ""
    for name in ("content", "controls"):
        value = getattr(control, name, None)
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, ft.Control):
                boxes_in(child, found)
    return found


def build(module: Any, session: AppSession) -> tuple[list[str], dict[str, str]]:
    """Build a screen as the app does, run Flet's checks, give its words and its boxes."""
    ctx = screen_context(session, 1280)
    ctx.page = SimpleNamespace(width=1280, run_task=lambda *a, **k: None)  # type: ignore[assignment]
    tree = module.build(ctx)
    assert checked_tree(tree) > 0
    return words_in(tree), boxes_in(tree)


def own_goal(session: AppSession, title: str = "Call two clinics") -> Goal:
    ctrl = GoalsController.for_session(session)
    ctrl.open_form(True)
    ctrl.set_draft("title", title)
    return ctrl.add_goal()


# --- Goals: a new name, a new step, a target date ----------------------------------------------


# --- Review: rewording a question ----------------------------------------------------------------


# --- Share: who it is for; never a passphrase -----------------------------------------------


# --- a draft whose record has gone -------------------------------------------------------------


def test_a_therapist_taken_off_the_list_leaves_no_link_to_their_notes(
    clocked_session: AppSession,
) -> None:
    with clocked_session.work() as repo:
        candidate = add_candidate(repo, "Dr Ana Ruiz", record_id="c1", now=NOW)
    from journal_app.ui.controllers.shortlist import ShortlistController

    ShortlistController.for_session(clocked_session).set_notes_draft("c1", "Kind on the phone")
    controller_for(clocked_session).set_text("An entry")
    clocked_session.keep_drafts(due_only=False)
    assert candidate_notes("c1") in drafts_of(clocked_session)
    with clocked_session.work() as repo:
        repo.remove(Candidate, candidate.id)
    relock(clocked_session)
    assert DraftsController.for_session(clocked_session).others(JOURNAL_NEW) == []
    assert set(drafts_of(clocked_session)) == {JOURNAL_NEW}

"""Move a candidate's status history back in time, in a real journal on disk.

The app has no clock override, so a follow-up "four days after contacting" is reached by
opening the test's own data folder with the real repository (the app must not be running)
and moving the recorded moments back. Nothing but the dates changes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from journal_app.app.journal_access import opened_journal
from journal_app.core.records import Candidate
from journal_app.core.shortlist import CONTACTED, set_status


def backdate_status(data_dir: Path, passphrase: str, name: str, days: int) -> None:
    """Every status change of the candidate called ``name`` happened ``days`` earlier."""
    with opened_journal(data_dir, passphrase) as repo:
        found = [c for c in repo.all(Candidate) if c.name == name]
        assert found, f"no candidate named {name!r}"
        candidate = found[0]
        shift = timedelta(days=days)
        history = [replace(change, at=change.at - shift) for change in candidate.status_history]
        repo.update(replace(candidate, status_history=history))


def contacted_days_ago(data_dir: Path, passphrase: str, name: str, days: int) -> None:
    """Mark ``name`` contacted, as the Status menu does, ``days`` ago (the app must not be
    running). The status goes through the real use case; only the dates are then moved."""
    with opened_journal(data_dir, passphrase) as repo:
        found = [c for c in repo.all(Candidate) if c.name == name]
        assert found, f"no candidate named {name!r}"
        set_status(repo, found[0].id, CONTACTED, now=datetime.now(UTC))
    backdate_status(data_dir, passphrase, name, days)

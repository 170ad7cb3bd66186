"""Journey ticks for the CLI: the shared rule, plus printing the celebrations."""

from __future__ import annotations

from journal_app.cli_io import say
from journal_app.core.goals import Celebration
from journal_app.journey import sync_journey

__all__ = ["celebrate", "sync_journey"]


def celebrate(celebrations: list[Celebration]) -> None:
    for item in celebrations:
        say(f"🎉 {item.message}")

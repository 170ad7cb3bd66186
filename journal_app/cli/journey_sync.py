"""Journey ticks for the CLI: the shared rule, plus printing the celebrations."""

from __future__ import annotations

from journal_app.app.journey import sync_journey
from journal_app.cli.terminal import say
from journal_app.core.goals import Celebration

__all__ = ["celebrate", "sync_journey"]


def celebrate(celebrations: list[Celebration]) -> None:
    for item in celebrations:
        say(f"🎉 {item.message}")

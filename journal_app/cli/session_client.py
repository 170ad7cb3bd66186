"""The first thing a command does: if an unlocked session is running, let it run there.

Kept apart from ``cli.main`` and light on imports on purpose: in a session the command
runs inside the agent, already started and with every module loaded, so this process
needs only a socket. Without a session this costs one ``stat`` and the command runs here
as always.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from journal_app.app.unlocked_session import run_in_session


def run_in_session_if_unlocked(argv: Sequence[str]) -> int | None:
    """The command's exit code if a session ran it; None to run it here as always."""
    code, notice = run_in_session(argv)
    if notice:
        print(f"journal-app: {notice}", file=sys.stderr)
    return code

"""The unlocked session's agent program: ``python -m journal_app.cli.session_agent``.

``journal-app unlock`` starts it as a new program (not a fork of itself) in a clean
environment, with the data key on its standard input, so neither the passphrase nor the
key is ever in its environment or arguments (both readable in /proc). It runs each
command with the CLI's own ``run``, the way it runs without a session. Not for people to
start: without ``unlock``'s pipe it has nothing to serve and ends.
"""

from __future__ import annotations

import sys
from typing import NoReturn


def main() -> NoReturn:
    """Serve the session ``unlock`` handed over, until it ends; started any other way,
    say so in one line and end (exit 2)."""
    from journal_app.app.journal_access import serve_unlocked_session
    from journal_app.app.unlocked_session import SessionRefused
    from journal_app.cli.main import ready_for_session, run
    from journal_app.cli.terminal import warn

    try:
        serve_unlocked_session(run, ready=ready_for_session)
    except SessionRefused as refused:
        warn(str(refused))
        sys.exit(2)


if __name__ == "__main__":
    main()

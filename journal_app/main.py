"""The program: a command goes to the command line; no command opens the app.

This is the entry point for the `journal-app` script and `python -m journal_app.cli`.
The app itself (a window, a page served on this machine, a `flet build` app through the
top-level main.py) starts from here, through ``journal_app.launcher``: the command line
only reads ``ui``'s options and hands them back (``cli/app_request.py``).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from journal_app.cli.app_request import AppRequest


def main() -> NoReturn:
    """Run the command line (which asks for the app when no command is given) and exit.

    Crash dumps are switched off before anything is read: the process will hold the
    passphrase and entries in memory. In an unlocked session the command runs in the
    session's agent instead (see ``app/unlocked_session``).
    """
    from journal_app.app.process_guard import disable_core_dumps
    from journal_app.cli.session_client import run_in_session_if_unlocked

    disable_core_dumps()
    code = run_in_session_if_unlocked(sys.argv[1:])  # `journal-app unlock` was used
    if code is None:
        from journal_app.cli.main import run

        code = run(open_app=open_app)
    sys.exit(code)


def open_app(request: AppRequest) -> int:
    """Start the app the command line asked for; Flet and the screens load only now."""
    from journal_app.launcher import open_app as launch

    return launch(request)


if __name__ == "__main__":
    main()

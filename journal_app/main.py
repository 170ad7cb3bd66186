"""The program: a command goes to the command line; no command opens the app.

This is the one entry point, for the `journal-app` script, `python -m journal_app.cli`
and (later) the packaged phone app.
"""

from __future__ import annotations

import sys
from typing import NoReturn


def main() -> NoReturn:
    """Run the command line (which opens the app when no command is given) and exit.

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

        code = run()
    sys.exit(code)


if __name__ == "__main__":
    main()

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
    passphrase and entries in memory.
    """
    from journal_app.app.process_guard import disable_core_dumps
    from journal_app.cli.main import run

    disable_core_dumps()
    sys.exit(run())


if __name__ == "__main__":
    main()

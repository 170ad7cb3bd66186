"""The program: a command goes to the command line; no command opens the app.

This is the entry point for the `journal-app` script and `python -m journal_app.cli`;
`run_built_app` is what a `flet build` app starts (through the top-level main.py).
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


def run_built_app() -> None:
    """Open the app itself: a built phone or desktop app has no command line to read.

    The journal folder follows the usual order, which in a built app ends at its private
    storage (``FLET_APP_STORAGE_DATA``); the shipped assets are the app's Flet assets.
    """
    import flet as ft

    from journal_app.app.journal_access import data_folder
    from journal_app.app.process_guard import disable_core_dumps
    from journal_app.resources import assets_dir
    from journal_app.ui.app import make_main

    disable_core_dumps()
    ft.run(make_main(data_folder()), assets_dir=str(assets_dir()))


if __name__ == "__main__":
    main()

"""The Flet entry point: every window or browser session starts at the lock screen."""

from __future__ import annotations

import threading
from pathlib import Path

import flet as ft

from journal_app.app.journal_access import data_folder
from journal_app.app.process_guard import disable_core_dumps
from journal_app.app.profile import packs
from journal_app.app.session import AppSession
from journal_app.ui.preload import preload
from journal_app.ui.shell import Shell


def _warm_up() -> None:
    packs()
    preload()


def make_main(data_dir: Path | None = None):
    """A ``main(page)`` bound to a data folder (so tests can point it at a temp folder).

    Crash dumps are switched off first: the app holds the passphrase and entries in memory.
    """
    disable_core_dumps()
    folder = data_dir or data_folder()
    # While the lock screen waits for the passphrase, read the prompt packs (the home
    # screen's journey needs them) and import the screens' controls, so neither is part
    # of the wait after unlocking or of a screen's first visit.
    threading.Thread(target=_warm_up, name="warm-up", daemon=True).start()

    def main(page: ft.Page) -> None:
        Shell(page, AppSession(folder)).start()

    return main


def main(page: ft.Page) -> None:
    make_main()(page)

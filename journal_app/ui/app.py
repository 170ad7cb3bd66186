"""The Flet entry point: every window or browser session starts at the lock screen."""

from __future__ import annotations

import os
import threading
from datetime import timedelta
from pathlib import Path

import flet as ft

from journal_app.app.journal_access import data_folder
from journal_app.app.process_guard import disable_core_dumps
from journal_app.app.profile import packs
from journal_app.app.session import AppSession, throttle_for
from journal_app.ui.device_locale import start_learning
from journal_app.ui.preload import preload
from journal_app.ui.shell import Shell
from journal_app.ui.web_secret import current_browser

# For the browser tests only, never in Settings: a quiet spell shorter than the shortest
# choice (1 minute), in seconds, so a test sees auto-lock fire (and keep a draft) without
# waiting a minute or more. It can only make the journal lock sooner, never later, so
# setting it can never leave a journal open longer than the person chose.
AUTO_LOCK_SECONDS_ENV = "JOURNAL_APP_AUTO_LOCK_SECONDS"


def auto_lock_cap() -> timedelta | None:
    """The test's shorter quiet spell, if one is set (a whole number of seconds, 1-3600)."""
    raw = os.environ.get(AUTO_LOCK_SECONDS_ENV, "").strip()
    if not raw.isdigit() or not 1 <= int(raw) <= 3600:
        return None
    return timedelta(seconds=int(raw))


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

    cap = auto_lock_cap()

    def main(page: ft.Page) -> None:
        # Wrong passphrases count per browser session (the browser that swapped the
        # launch secret for its cookie): its tabs and reloads share one count, and no
        # other browser can add to it (see ui.web_secret).
        throttle = throttle_for(folder, current_browser())
        start_learning(page)
        Shell(page, AppSession(folder, auto_lock_cap=cap, throttle=throttle)).start()

    return main


def main(page: ft.Page) -> None:
    make_main()(page)

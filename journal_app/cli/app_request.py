"""`journal-app ui`: what the command line hands the program when the app is asked for.

The command line is a shell over ``app/``; it never starts the window or the web server
itself (nothing in ``cli/`` imports ``ui/``). It reads ``ui``'s options into an
``AppRequest`` and gives it to the opener the program passed in (``journal_app.main``,
which starts the app through ``journal_app.launcher``).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from journal_app.core.journal import InvalidInput


@dataclass(frozen=True)
class AppRequest:
    """The app, asked for: in a window, or served to a browser (``web``)."""

    data_dir: str | None
    web: bool
    host: str
    port: int


AppOpener = Callable[[AppRequest], int]

NO_OPENER = "The app can't be opened from here; run 'journal-app ui' in a terminal of its own."


def request_of(args: argparse.Namespace) -> AppRequest:
    """The ``ui`` command's options, as the launcher needs them."""
    return AppRequest(data_dir=args.data_dir, web=args.web, host=args.host, port=args.port)


def open_requested_app(args: argparse.Namespace, opener: AppOpener | None) -> int:
    """Hand the request to the program's opener; without one (a session's agent, a test
    calling the command line alone) say plainly that the app cannot start here."""
    if opener is None:
        raise InvalidInput(NO_OPENER)
    return opener(request_of(args))

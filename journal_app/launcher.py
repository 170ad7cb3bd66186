"""Starting the app itself: a window, a page served on this machine, or a built app.

This is the program's side of ``journal-app ui`` (and of no command at all): the command
line reads the options into an ``AppRequest`` and the program (``journal_app.main``)
passes them here, so the command-line shell never imports the UI. Flet and the screens
are imported only when the app really starts: a command like ``entry add`` never pays
for them.
"""

from __future__ import annotations

import os
import sys

from journal_app.cli.app_request import AppRequest


def open_app(request: AppRequest) -> int:
    """Start the Flet app; web mode binds 127.0.0.1 unless another host is asked for.

    Web mode prints the one address that opens the app (it carries this launch's secret:
    the only place the secret is ever shown) and opens the browser there.
    """
    import flet as ft

    from journal_app.app.journal_access import data_folder
    from journal_app.cli.terminal import say, warn
    from journal_app.resources import assets_dir
    from journal_app.ui.app import make_main
    from journal_app.ui.launch import (
        FLET_SOCKET_ENV,
        LOCALHOST,
        browser_available,
        plan_launch,
        private_socket,
    )

    main = make_main(data_folder(request.data_dir))

    plan = plan_launch(request.web, request.host, request.port)
    if not plan.web:
        # The window's address is a socket only this user can reach (see ui.launch).
        with private_socket() as path:
            os.environ[FLET_SOCKET_ENV] = str(path)
            ft.run(main, assets_dir=str(assets_dir()))
        return 0
    if plan.host != LOCALHOST:
        warn(f"Serving on {plan.host}: other machines on your network may reach this journal.")
    say(f"Therapy Journal is running at {plan.url} ({plan.reason}). Press Ctrl+C to stop.")
    sys.stdout.flush()  # the address is what the person (or a test) waits for
    from journal_app.ui.web_server import serve

    serve(
        main,
        plan.host,
        plan.port,
        str(assets_dir()),
        plan.secret,
        open_browser=browser_available(),
    )
    return 0


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

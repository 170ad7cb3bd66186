"""`journal-app ui`: open the app in a window, or serve it on this machine only."""

from __future__ import annotations

import argparse
import os
import sys

from journal_app.cli.terminal import say, warn
from journal_app.ui.launch import (
    FLET_SOCKET_ENV,
    LOCALHOST,
    browser_available,
    plan_launch,
    private_socket,
)


def cmd_ui(args: argparse.Namespace) -> int:
    """Start the Flet app; web mode binds 127.0.0.1 unless another host is asked for.

    Web mode prints the one address that opens the app (it carries this launch's secret:
    the only place the secret is ever shown) and opens the browser there.
    """
    import flet as ft

    from journal_app.app.journal_access import data_folder
    from journal_app.resources import assets_dir
    from journal_app.ui.app import make_main

    main = make_main(data_folder(args.data_dir))

    plan = plan_launch(args.web, args.host, args.port)
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

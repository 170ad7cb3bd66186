"""Share: choose what to share, see exactly what will leave, then make one encrypted file.

Three steps on one screen: choose → preview (nothing written yet) → done (the file is saved
and the passphrase is shown once). The share log sits underneath.
"""

from __future__ import annotations

import flet as ft

from journal_app.ui.context import ScreenContext, ScreenSpec
from journal_app.ui.controllers.share import DONE, PREVIEW, ShareController
from journal_app.ui.layout import READING_WIDTH
from journal_app.ui.screens.share_choose import choose_view
from journal_app.ui.screens.share_done import done_view, share_log_card
from journal_app.ui.screens.share_preview import preview_view
from journal_app.ui.widgets import (
    heading,
    screen_column,
)


def build(ctx: ScreenContext) -> ft.Control:
    ctl = ShareController.for_session(ctx.session)
    titles = {
        PREVIEW: "Check what will be shared",
        DONE: "Your file is ready",
    }
    parts: list[ft.Control] = [heading(titles.get(ctl.stage, "Share with my doctor"))]
    if ctl.stage == PREVIEW and ctl.preview is not None:
        parts += preview_view(ctx, ctl)
    elif ctl.stage == DONE and ctl.outcome is not None:
        parts += done_view(ctx, ctl)
    else:
        parts += choose_view(ctx, ctl)
    parts.append(share_log_card(ctl))
    return screen_column(parts)


SCREEN = ScreenSpec(
    key="share",
    title="Share",
    icon=ft.Icons.IOS_SHARE_OUTLINED,
    selected_icon=ft.Icons.IOS_SHARE,
    build=build,
    in_bottom_bar=False,
    max_width=READING_WIDTH,
)

"""Settings' cards for other devices: sync through a folder, and a full copy in one file.

The words avoid jargon: a folder "your sync app keeps in step", a "full copy" that
"opens with your passphrase". Slow work (sealing a whole journal, a first exchange) runs
off the UI thread behind the shell's busy dialog; the controller holds every rule.
"""

from __future__ import annotations

import flet as ft

from journal_app.ui.context import ScreenContext
from journal_app.ui.controllers.sync import COPY_EXTENSION, SyncController, SyncView
from journal_app.ui.files import pick_file_bytes
from journal_app.ui.screens.settings_parts import message_text, say, sized_row
from journal_app.ui.widgets import (
    body,
    fields_card,
    muted,
    primary,
    secondary,
    secret_field,
    subheading,
)

INTRO = (
    "Keep one journal on your phone and your computer. Choose a folder that a sync app you "
    "already use keeps in step (Syncthing, Dropbox, iCloud Drive, Nextcloud), or a USB "
    "stick. Everything put there is sealed with your passphrase; Therapy Journal has no "
    "server and no account."
)


def sync_card(ctx: ScreenContext) -> ft.Control:
    ctl = SyncController(ctx.session)
    view = ctl.view()
    message = message_text()

    def run(label: str, work, after_refresh: bool = True):  # noqa: ANN001, ANN202
        def done(words: str) -> None:
            if after_refresh:
                ctx.refresh()
            ctx.toast(words)

        ctx.run_busy(label, work, done)

    if not view.syncing:
        return _start_card(ctx, ctl, view, message, run)
    return _syncing_card(ctx, ctl, view, message, run)


def _start_card(ctx, ctl: SyncController, view: SyncView, message: ft.Text, run) -> ft.Control:  # noqa: ANN001
    folder = ft.TextField(label="Sync folder", hint_text="for example ~/Sync/journal")
    name = ft.TextField(label="Name for this device", value=view.suggested_name)
    picker = ft.FilePicker()

    async def choose(_: ft.ControlEvent) -> None:
        try:
            chosen = await picker.get_directory_path(dialog_title="Choose the sync folder")
        except Exception:  # no folder dialog here (a browser): type the folder instead
            say(message, "Type the folder's place instead.", error=True)
            return
        if chosen:
            folder.value = chosen
            folder.update()

    def start(_: ft.Event[ft.TextField]) -> None:
        say(message, "")
        run("Starting to sync…", lambda: ctl.start(folder.value or "", name.value or ""))

    folder.on_submit = start
    buttons: list[ft.Control] = [primary("Start syncing", start, icon=ft.Icons.SYNC)]
    if not ctx.page.web:
        buttons.insert(0, secondary("Choose a folder…", choose, icon=ft.Icons.FOLDER_OPEN))
    return fields_card(
        subheading("Your other devices"),
        body(INTRO),
        sized_row(ctx, folder),
        sized_row(ctx, name),
        muted(
            "On your other device, choose 'I already use Therapy Journal' when it starts, "
            "and pick the same folder."
        ),
        message,
        ft.Row(buttons, wrap=True),
    )


def _syncing_card(ctx, ctl: SyncController, view: SyncView, message: ft.Text, run) -> ft.Control:  # noqa: ANN001
    lines: list[ft.Control] = [
        subheading("Your other devices"),
        body(f"This journal syncs through {view.folder} as '{view.this_name}'."),
    ]
    if view.last_sync:
        lines.append(muted(f"Last exchange: {view.last_sync}."))
    if view.unsent:
        lines.append(
            muted(f"{view.unsent} change(s) of this device will go to the folder when it is back.")
        )
    lines.append(subheading("Devices", level=3, size=15))
    for row in view.devices:
        words = f"{row.name}: {row.seen}" + (f" ({row.note})" if row.note else "")
        lines.append(body(words))
    if view.problems:
        lines.append(subheading("Files that could not be used", level=3, size=15))
        lines.append(
            muted("Nothing was lost: these files were left alone, and everything else came across.")
        )
        lines.extend(muted(p) for p in view.problems[:10])
    if view.kept:
        lines.append(subheading("Versions kept after a change on two devices", level=3, size=15))
        lines.append(
            muted(
                "The same thing was changed on two devices at once. The journal shows the "
                "later change; the other version is kept here (an entry's other version is "
                "an entry of its own, tagged 'conflict')."
            )
        )
        lines.extend(body(words) for words in view.kept[:20])
    if view.key_changed:
        lines.extend(_new_passphrase_part(ctx, ctl, message, run))

    def now(_: ft.ControlEvent) -> None:
        run("Exchanging changes…", ctl.now)

    def stop(_: ft.ControlEvent) -> None:
        ctx.confirm(
            "Stop syncing on this device?",
            "This device's journal stays here and stops exchanging changes. Your other "
            "devices keep everything it wrote.",
            "Stop syncing",
            lambda: run("Stopping…", ctl.stop),
        )

    lines += [
        message,
        ft.Row(
            [
                primary("Sync now", now, icon=ft.Icons.SYNC),
                secondary("Stop syncing on this device", stop, icon=ft.Icons.SYNC_DISABLED),
            ],
            wrap=True,
        ),
    ]
    return fields_card(*lines)


def _new_passphrase_part(ctx, ctl: SyncController, message: ft.Text, run) -> list[ft.Control]:  # noqa: ANN001
    typed = secret_field("Passphrase chosen on your other device")

    def use(_: ft.Event[ft.TextField]) -> None:
        run("Taking the new passphrase…", lambda: ctl.take_new_passphrase(typed.value or ""))

    typed.on_submit = use
    return [
        body(
            "Your passphrase was changed on another device. Type the new one here to keep "
            "syncing; nothing on this device was lost."
        ),
        sized_row(ctx, typed),
        ft.Row([primary("Use the new passphrase", use, icon=ft.Icons.KEY)], wrap=True),
    ]


def full_copy_card(ctx: ScreenContext) -> ft.Control:
    from journal_app.ui.screens.share_parts import save_bytes

    ctl = SyncController(ctx.session)
    message = message_text()

    async def save(_: ft.ControlEvent) -> None:
        try:
            name, data, words = ctl.full_copy()
        except Exception as exc:
            ctx.show_error(exc)
            return
        where = await save_bytes(
            ctx,
            name,
            data,
            extension=COPY_EXTENSION,
            fallback=lambda: _to_exports(ctx, name, data),
            send=True,
            subject="My Therapy Journal (full copy, sealed)",
        )
        if where is None:
            return  # cancelled: nothing to say
        say(message, f"{words} It is in {where[0]}; it opens with your passphrase.")

    async def bring_back(_: ft.ControlEvent) -> None:
        try:
            picked = await pick_file_bytes(ctx.page, dialog_title="Choose a full copy")
        except Exception as exc:
            ctx.show_error(exc)
            return
        if picked is None:
            return

        def work() -> str:
            return ctl.bring_back(picked.data)

        def done(words: str) -> None:
            ctx.refresh()
            ctx.toast(words)

        ctx.run_busy("Bringing back the copy…", work, done)

    return fields_card(
        subheading("A full copy in one file"),
        body(
            "Save your whole journal (every entry, goal, check-in and draft) as one sealed "
            "file that opens with your passphrase, and keep it somewhere off this device. "
            "If this device is lost, bring the copy back on the new one. Bringing a copy "
            "back adds only what is missing: doing it twice changes nothing."
        ),
        message,
        ft.Row(
            [
                primary("Save a full copy", save, icon=ft.Icons.SAVE_ALT),
                secondary("Bring back a full copy", bring_back, icon=ft.Icons.UPLOAD_FILE),
            ],
            wrap=True,
        ),
    )


def _to_exports(ctx: ScreenContext, name: str, data: bytes):  # noqa: ANN202
    from journal_app.app.files import save_to_exports

    return save_to_exports(ctx.session.data_dir, name, data)

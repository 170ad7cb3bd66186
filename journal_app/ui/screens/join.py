"""First run on a second device: bring the journal here instead of starting a new one.

Two ways, both with the passphrase alone: from the folder the person's sync app keeps in
step (``sync join``), or from a full copy saved earlier (``backup import``), which is what
a person does when a phone was lost. Each opens a small dialog; the work runs off the UI
thread; a wrong passphrase is one plain line and writes nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import flet as ft

from journal_app.app.session import AppSession
from journal_app.app.sync_setup import default_device_name
from journal_app.ui.files import PickedFile, pick_file_bytes
from journal_app.ui.widgets import body, muted, primary, secondary, secret_field, subheading


def _secret(label: str) -> ft.TextField:
    return secret_field(label, what="passphrase", width=360)


def join_section(page: ft.Page, session: AppSession, on_open: Callable[[], None]) -> ft.Control:
    """ "Already use Therapy Journal on another device?" and its two ways in."""

    def from_folder(_: ft.ControlEvent) -> None:
        folder = ft.TextField(
            label="Sync folder", hint_text="the same folder as on your other device", width=360
        )
        passphrase = _secret("Your journal's passphrase")
        name = ft.TextField(label="Name for this device", value=default_device_name(), width=360)
        _dialog(
            page,
            "Bring your journal from a sync folder",
            [
                body("Pick the folder your sync app keeps in step with your other device."),
                folder,
                passphrase,
                name,
            ],
            "Bring my journal",
            lambda: session.join_sync(folder.value or "", passphrase.value or "", name.value or ""),
            on_open,
            focus=folder,
        )

    async def from_copy(_: ft.ControlEvent) -> None:
        try:
            picked = await pick_file_bytes(page, dialog_title="Choose your full copy")
        except Exception:  # noqa: BLE001 - no picker here: nothing to bring
            return
        if picked is None:
            return
        _copy_dialog(page, session, picked, on_open)

    return ft.Column(
        [
            subheading("Already use Therapy Journal on another device?"),
            muted("Bring your journal here with your passphrase, instead of starting a new one."),
            ft.Row(
                [
                    secondary("From a sync folder", from_folder, icon=ft.Icons.SYNC),
                    secondary("From a full copy", from_copy, icon=ft.Icons.UPLOAD_FILE),
                ],
                wrap=True,
            ),
        ],
        spacing=8,
    )


def _copy_dialog(
    page: ft.Page, session: AppSession, picked: PickedFile, on_open: Callable[[], None]
) -> None:
    passphrase = _secret("Your journal's passphrase")
    _dialog(
        page,
        "Bring back a full copy",
        [body(f"Type the passphrase {picked.name} was made with."), passphrase],
        "Bring it back",
        lambda: session.restore_full_copy(picked.data, passphrase.value or ""),
        on_open,
        focus=passphrase,
    )


def _dialog(
    page: ft.Page,
    title: str,
    fields: list[ft.Control],
    action: str,
    work: Callable[[], None],
    on_open: Callable[[], None],
    *,
    focus: ft.TextField,
) -> None:
    message = ft.Text("", color=ft.Colors.ERROR, size=14)
    status = ft.Text("", size=14)
    said = ft.Semantics(live_region=True, container=True, content=status)

    async def go(_: ft.Event[ft.TextField]) -> None:
        if button.disabled:
            return
        button.disabled = True
        message.value = ""
        status.value = "Bringing your journal here…"
        page.update()
        try:
            await asyncio.to_thread(work)
        except Exception as exc:  # one plain line; nothing was written
            button.disabled = False
            status.value = ""
            message.value = str(exc) or type(exc).__name__
            page.update()
            return
        page.pop_dialog()
        on_open()

    def cancel(_: ft.Event[ft.TextButton]) -> None:
        page.pop_dialog()

    button = primary(action, go, icon=ft.Icons.DOWNLOAD)
    for field in fields:
        if isinstance(field, ft.TextField):
            field.on_submit = go
    page.show_dialog(
        ft.AlertDialog(
            modal=True,
            title=ft.Text(title),
            content=ft.Column([*fields, said, message], tight=True, spacing=12, width=380),
            actions=[ft.TextButton(content="Cancel", on_click=cancel), button],
        )
    )
    focus.autofocus = True

"""What the Share screen's three steps have in common: the notes they show, a line
for a refusal, and saving a file the way the platform allows (Review saves with it too)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import flet as ft

from journal_app.app.files import save_file
from journal_app.ui.context import ScreenContext
from journal_app.ui.controllers.share import ShareController
from journal_app.ui.files import SHARE_SHEET_WHERE, native_mobile, send_with_share_sheet

PASSPHRASE_ADVICE = "Tell it to them by phone or in person; don't send it with the file."


PRINT_NOTE = (
    "They open the file in any web browser — no app or account needed — type the "
    "passphrase, and can read and print a clean summary. To print it yourself, open the "
    "file in your browser and print from there."
)


PDF_PRINT_NOTE = (
    "They open it in their PDF reader, type the passphrase, and can read and print it. "
    "It is tested with Poppler (behind Evince and Okular), qpdf and MuPDF."
)


PHONE_NOTE = (
    "On a phone you can send the file with the system share sheet (or from your Files or "
    "Downloads app). Send the passphrase a different way."
)


def error_text() -> ft.Text:
    return ft.Text("", color=ft.Colors.ERROR, size=14, visible=False)


def show_message(control: ft.Text, message: str) -> None:
    control.value = message
    control.visible = bool(message)
    control.update()


def full_width(control: ft.Control) -> ft.Control:
    control.expand = True
    return ft.Row([control])


SEND_SUBJECT = "My Therapy Journal summary (encrypted)"


async def save_bytes(
    ctx: ScreenContext,
    name: str,
    data: bytes,
    *,
    extension: str,
    fallback: Callable[[], Path],
    send: bool = False,
    subject: str = SEND_SUBJECT,
) -> tuple[str, Path | None] | None:
    """Save a file the way this platform allows; (where, path) or None if cancelled.

    - Web: the browser downloads it (FilePicker.save_file with the bytes).
    - Phone or tablet app: with ``send``, the system share sheet, given the bytes;
      otherwise the system's save dialog (Files, Drive…), given the bytes.
    - Desktop: a save dialog picks the path; the file is written atomically here.
    If no dialog can be used at all, ``fallback`` writes it to the data folder's exports/.
    """
    page = ctx.page
    picker = ft.FilePicker()
    try:
        if page.web:
            await picker.save_file(dialog_title="Save the file", file_name=name, src_bytes=data)
            return f"your browser's downloads, named {name}", None
        if native_mobile(page) and send:
            sent = await send_with_share_sheet(name, data, extension=extension, subject=subject)
            return (SHARE_SHEET_WHERE, None) if sent else None
        if native_mobile(page):
            chosen = await picker.save_file(
                dialog_title="Save the file", file_name=name, src_bytes=data
            )
            return (chosen, None) if chosen else None
        chosen = await picker.save_file(
            dialog_title="Save the file",
            file_name=name,
            file_type=ft.FilePickerFileType.CUSTOM,
            allowed_extensions=[extension],
        )
        if not chosen:
            return None
        target = Path(chosen)
        await asyncio.to_thread(save_file, target, data)
        return str(target), target
    except Exception:  # no dialog available here: use the app's own exports folder
        path = await asyncio.to_thread(fallback)
        return str(path), path


async def save_shared(
    ctx: ScreenContext, ctl: ShareController, data: bytes, file_format: str, *, send: bool
) -> tuple[str, Path | None] | None:
    """The sealed file saved, or sent with the share sheet, named as the controller
    names it; when no dialog works, into the data folder's exports/ (see ``save_bytes``)."""
    return await save_bytes(
        ctx,
        ctl.file_name(),
        data,
        extension=file_format,
        fallback=lambda: ctl.save_to_exports(data),
        send=send,
    )

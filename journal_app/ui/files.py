"""Files in and out on every platform: share sheet, save dialog, file picker.

A phone app cannot write to a path the person picks: Android and iOS hand back the bytes
of a file the person chose (``FilePicker.pick_files(with_data=True)``), and take bytes to
save (``FilePicker.save_file(src_bytes=…)``) or to send (the system share sheet,
``Share.share_files``). A browser is the same. A desktop app gets real paths. Screens use
these helpers and never ask which platform they are on.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

import flet as ft

MIME_TYPES = {
    "html": "text/html",
    "md": "text/markdown",
    "pdf": "application/pdf",
    "json": "application/json",
    "zip": "application/zip",
    "txt": "text/plain",
}
SHARE_SHEET_WHERE = "the place you chose in the share sheet"


def native_mobile(page: ft.Page) -> bool:
    """A phone or tablet app (not a browser on a phone): the system share sheet exists."""
    return not page.web and page.platform is not None and page.platform.is_mobile()


def needs_bytes(page: ft.Page) -> bool:
    """Whether picked files come as bytes only (a browser or a phone), never as a path."""
    return page.web or native_mobile(page)


def handed_over(status: ft.ShareResultStatus) -> bool:
    """Whether a share sheet's answer means the file may have left.

    Android often cannot tell (``UNAVAILABLE``): the file may have gone, so it counts as
    shared and goes in the share log. Only a clear "dismissed" means nothing left.
    """
    return status != ft.ShareResultStatus.DISMISSED


async def send_with_share_sheet(name: str, data: bytes, *, extension: str, subject: str) -> bool:
    """Give the file's bytes to the system share sheet; False if the person closed it."""
    result = await ft.Share().share_files(
        [ft.ShareFile.from_bytes(data, mime_type=MIME_TYPES.get(extension), name=name)],
        subject=subject,
    )
    return handed_over(result.status)


@dataclass(frozen=True)
class PickedFile:
    """A file the person chose: its name and its bytes (a phone gives no lasting path)."""

    name: str
    data: bytes


async def pick_file_bytes(
    page: ft.Page, *, dialog_title: str, extensions: list[str] | None = None
) -> PickedFile | None:
    """Let the person choose one file and read it; None if they cancelled.

    On phones and in a browser the picker reads the bytes itself (``with_data``); on a
    desktop it gives a path, read here off the UI thread.
    """
    picker = ft.FilePicker()
    files = await picker.pick_files(
        dialog_title=dialog_title,
        file_type=ft.FilePickerFileType.CUSTOM if extensions else ft.FilePickerFileType.ANY,
        allowed_extensions=extensions,
        allow_multiple=False,
        with_data=needs_bytes(page),
    )
    if not files:
        return None
    chosen = files[0]
    if chosen.bytes is not None:
        return PickedFile(name=chosen.name, data=bytes(chosen.bytes))
    if chosen.path:
        data = await asyncio.to_thread(Path(chosen.path).read_bytes)
        return PickedFile(name=chosen.name, data=data)
    return None

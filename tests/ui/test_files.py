"""Which way a file goes in and out on each platform (journal_app/ui/files.py).

Phones and browsers deal in bytes (a picked file has no lasting path; saving and sending
take the bytes); a desktop app deals in paths. The share sheet's "dismissed" is the only
answer that means nothing left; Android's "can't tell" counts as sent, so it is logged.
"""

from __future__ import annotations

from types import SimpleNamespace

import flet as ft
import pytest

from journal_app.ui.files import MIME_TYPES, handed_over, native_mobile, needs_bytes


def page(web: bool, platform: ft.PagePlatform | None):  # noqa: ANN201 (Flet's Page, in part)
    """The two facts of a Flet Page these helpers read."""
    return SimpleNamespace(web=web, platform=platform)


@pytest.mark.parametrize("platform", [ft.PagePlatform.ANDROID, ft.PagePlatform.IOS])
def test_a_phone_app_sends_and_picks_bytes(platform: ft.PagePlatform) -> None:
    assert native_mobile(page(False, platform))
    assert needs_bytes(page(False, platform))


@pytest.mark.parametrize("platform", [ft.PagePlatform.ANDROID, ft.PagePlatform.LINUX, None])
def test_a_browser_picks_bytes_but_has_no_share_sheet(platform: ft.PagePlatform | None) -> None:
    assert not native_mobile(page(True, platform))
    assert needs_bytes(page(True, platform))


@pytest.mark.parametrize(
    "platform", [ft.PagePlatform.LINUX, ft.PagePlatform.MACOS, ft.PagePlatform.WINDOWS]
)
def test_a_desktop_app_uses_paths(platform: ft.PagePlatform) -> None:
    assert not native_mobile(page(False, platform))
    assert not needs_bytes(page(False, platform))


def test_only_a_dismissed_share_sheet_means_nothing_left() -> None:
    assert not handed_over(ft.ShareResultStatus.DISMISSED)
    assert handed_over(ft.ShareResultStatus.SUCCESS)
    assert handed_over(ft.ShareResultStatus.UNAVAILABLE)


def test_the_files_we_hand_over_say_what_they_are() -> None:
    assert MIME_TYPES["html"] == "text/html" and MIME_TYPES["pdf"] == "application/pdf"

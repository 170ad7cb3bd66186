"""The order of the fonts a text falls back to: text fonts before the emoji font.

The emoji font also holds "*", "#" and the digits (the bases of keycaps). A style's
fallbacks are tried before the engine's own font, so with the emoji font ahead of every
text font "*" was drawn as a star (the Journal's hint, "Markdown works: *italic*")."""

from __future__ import annotations

import dataclasses

import flet as ft

from journal_app.ui.shell import app_theme

EMOJI = "Noto Color Emoji"
TEXT_FONTS = ("Roboto", "DejaVu Sans")  # the web engine's own, and the shipped Latin one


def test_every_text_style_tries_a_text_font_before_the_emoji_font() -> None:
    for dark in (False, True):
        styles = app_theme(dark=dark).text_theme
        for name in (f.name for f in dataclasses.fields(ft.TextTheme)):
            style = getattr(styles, name)
            order = list(style.font_family_fallback or [])
            assert EMOJI in order, name
            assert order[0] == "Roboto", (name, order)
            assert all(order.index(t) < order.index(EMOJI) for t in TEXT_FONTS), (name, order)

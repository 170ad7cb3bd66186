"""Every text colour against every background it is drawn on meets WCAG AA (4.5:1), in
the light and the dark theme, computed from the theme's own colours."""

from __future__ import annotations

import flet as ft
import pytest

from journal_app.ui import palette
from journal_app.ui.palette import BAND_INK, BAND_OTHER, BAND_PILLS, contrast
from journal_app.ui.shell import app_theme

AA = 4.5
THEMES = {"light": palette.LIGHT, "dark": palette.DARK}


def test_the_wcag_formula_matches_known_values() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)


@pytest.mark.parametrize("name", THEMES)
def test_text_on_every_surface_meets_aa(name: str) -> None:
    scheme = THEMES[name]
    low = [
        (text, bg, round(contrast(scheme[text], scheme[bg]), 2))
        for text in palette.TEXT_ON_SURFACES
        for bg in palette.SURFACES
        if contrast(scheme[text], scheme[bg]) < AA
    ]
    low += [
        (text, bg, round(contrast(scheme[text], scheme[bg]), 2))
        for text, bg in palette.PAIRS
        if contrast(scheme[text], scheme[bg]) < AA
    ]
    assert low == []


def test_severity_badges_are_readable_in_both_themes() -> None:
    """The pills are light tints in both themes, drawn with a dark ink (the dark theme's
    light on-surface text on them measured about 1.1:1)."""
    for key, pill in {**BAND_PILLS, "other": BAND_OTHER}.items():
        assert contrast(BAND_INK, pill) >= AA, key


@pytest.mark.parametrize("name", THEMES)
def test_the_app_theme_uses_these_colours(name: str) -> None:
    scheme = THEMES[name]
    theme = app_theme(dark=name == "dark")
    colours = theme.color_scheme
    assert isinstance(colours, ft.ColorScheme)
    for role in ("on_surface", "surface", "primary", "on_tertiary_container"):
        assert getattr(colours, role) == scheme[role], role


def test_a_days_anxiety_tints_are_readable_in_both_themes() -> None:
    """The month view's day tints carry the number in the dark ink, light theme or dark."""
    for band, tint in palette.DAY_BANDS.items():
        assert contrast(BAND_INK, tint) >= AA, band

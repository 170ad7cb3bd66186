"""The app's colours, written out so they can be checked.

Flutter derives a scheme from a seed colour at run time, out of reach of any test. The
roles that carry text are fixed here instead (Material 3's teal scheme), for light and
dark, and ``tests/ui/test_palette.py`` computes every text/background pair's WCAG
contrast from these very values. No Flet here: plain hex strings.
"""

from __future__ import annotations

LIGHT: dict[str, str] = {
    "primary": "#006A60",
    "on_primary": "#FFFFFF",
    "primary_container": "#9EF2E4",
    "on_primary_container": "#00201C",
    "secondary": "#4A635F",
    "on_secondary": "#FFFFFF",
    "secondary_container": "#CCE8E2",
    "on_secondary_container": "#05201C",
    "tertiary": "#456179",
    "on_tertiary": "#FFFFFF",
    "tertiary_container": "#CCE5FF",
    "on_tertiary_container": "#001E31",
    "error": "#BA1A1A",
    "on_error": "#FFFFFF",
    "error_container": "#FFDAD6",
    "on_error_container": "#410002",
    "surface": "#F4FBF8",
    "on_surface": "#171D1B",
    "on_surface_variant": "#3F4946",
    "outline": "#6F7976",
    "outline_variant": "#BEC9C5",
    "surface_container_lowest": "#FFFFFF",
    "surface_container_low": "#EEF5F2",
    "surface_container": "#E9EFEC",
    "surface_container_high": "#E3EAE7",
    "surface_container_highest": "#DDE4E1",
}

DARK: dict[str, str] = {
    "primary": "#82D5C8",
    "on_primary": "#003731",
    "primary_container": "#005048",
    "on_primary_container": "#9EF2E4",
    "secondary": "#B1CCC6",
    "on_secondary": "#1C3531",
    "secondary_container": "#334B47",
    "on_secondary_container": "#CCE8E2",
    "tertiary": "#ADCAE6",
    "on_tertiary": "#153349",
    "tertiary_container": "#2D4961",
    "on_tertiary_container": "#CCE5FF",
    "error": "#FFB4AB",
    "on_error": "#690005",
    "error_container": "#93000A",
    "on_error_container": "#FFDAD6",
    "surface": "#0E1513",
    "on_surface": "#DDE4E1",
    "on_surface_variant": "#BEC9C5",
    "outline": "#899390",
    "outline_variant": "#3F4946",
    "surface_container_lowest": "#090F0E",
    "surface_container_low": "#171D1B",
    "surface_container": "#1B211F",
    "surface_container_high": "#252B2A",
    "surface_container_highest": "#303634",
}

# Severity pills: light tints in both themes, so their text is always the dark ink.
BAND_PILLS: dict[str, str] = {
    "minimal": "#C8E6C9",
    "mild": "#F0F4C3",
    "moderate": "#FFECB3",
    "moderately_severe": "#FFE0B2",
    "severe": "#FFCCBC",
}
BAND_OTHER = "#F5F5F5"
BAND_INK = "#1F1F1F"

# A day's anxiety in the month view (core/month.py's bands): light tints in both themes,
# drawn with BAND_INK, so the number on them is readable whatever the theme.
DAY_BANDS: dict[str, str] = {
    "calm": "#C8E6C9",
    "moderate": "#FFE082",
    "high": "#FFB4A9",
}

# Text roles and the backgrounds they are drawn on, for the contrast check.
SURFACES = (
    "surface",
    "surface_container_lowest",
    "surface_container_low",
    "surface_container",
    "surface_container_high",
    "surface_container_highest",
)
TEXT_ON_SURFACES = ("on_surface", "on_surface_variant", "primary", "error")
PAIRS = (
    ("on_primary", "primary"),
    ("on_primary_container", "primary_container"),
    ("on_secondary_container", "secondary_container"),
    ("on_tertiary_container", "tertiary_container"),
    ("on_error_container", "error_container"),
    ("on_error", "error"),
)


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""
    value = hex_colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio, 1 to 21."""
    a, b = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)

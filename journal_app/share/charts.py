"""Small inline SVG charts the app draws itself: no script, no library, no network.

Only presentation attributes are used (no style attributes), so the bundle's strict
Content-Security-Policy lets them render. Every chart has a text title and description
for screen readers and for printing in black and white.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 34
BAND_COLOURS = ("#e8f3ee", "#f6f1dc", "#f9e6d3", "#f6dcd6", "#efd2d8")
LINE = "#2f6b5e"


@dataclass(frozen=True)
class Series:
    """Points to draw: (day, value) in time order."""

    points: Sequence[tuple[date, float]]
    y_max: float
    title: str
    description: str
    bands: Sequence[tuple[float, float, str]] = ()  # (low, high, label)


def _x(i: int, n: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span / 2 if n == 1 else span * i / (n - 1))


def _y(value: float, y_max: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / y_max)


def _bands(series: Series) -> list[str]:
    parts = []
    for i, (low, high, label) in enumerate(series.bands):
        top, bottom = (
            _y(min(high + 0.5, series.y_max), series.y_max),
            _y(max(low - 0.5, 0), series.y_max),
        )
        colour = BAND_COLOURS[i % len(BAND_COLOURS)]
        parts.append(
            f'<rect x="{LEFT}" y="{top:.1f}" width="{WIDTH - LEFT - RIGHT}" '
            f'height="{bottom - top:.1f}" fill="{colour}"/>'
            f'<text x="{WIDTH - RIGHT - 4}" y="{top + 12:.1f}" font-size="10" '
            f'text-anchor="end" fill="#51605b">{escape(label)}</text>'
        )
    return parts


def _axes(series: Series) -> list[str]:
    parts = [
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" '
        'stroke="#9aa8a3"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="#9aa8a3"/>',
    ]
    for tick in (0, series.y_max / 2, series.y_max):
        parts.append(
            f'<text x="{LEFT - 6}" y="{_y(tick, series.y_max) + 4:.1f}" font-size="11" '
            f'text-anchor="end" fill="#51605b">{tick:g}</text>'
        )
    n = len(series.points)
    for i in sorted({0, n - 1}):
        day = series.points[i][0]
        anchor = "middle" if n == 1 else ("start" if i == 0 else "end")
        parts.append(
            f'<text x="{_x(i, n):.1f}" y="{HEIGHT - 12}" font-size="11" text-anchor="{anchor}" '
            f'fill="#51605b">{day:%d %b %Y}</text>'
        )
    return parts


def line_chart(series: Series) -> str:
    """An SVG line chart, or an empty string when there is nothing to draw."""
    if not series.points:
        return ""
    n = len(series.points)
    coords = [(_x(i, n), _y(v, series.y_max)) for i, (_, v) in enumerate(series.points)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{LINE}"/>' for x, y in coords)
    body = "".join(
        [
            *_bands(series),
            *_axes(series),
            f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="2.5"/>',
            dots,
        ]
    )
    return (
        f'<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(series.title)}">'
        f"<title>{escape(series.title)}</title><desc>{escape(series.description)}</desc>"
        f"{body}</svg><figcaption>{escape(series.description)}</figcaption></figure>"
    )

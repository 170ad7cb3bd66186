"""How wide the window is, in the three sizes the screens lay themselves out for.

One place for the breakpoints, so the shell (rail or bottom bar) and every screen (one
column, or a list beside what is open) agree on what "wide" means. Widths are Flutter's
logical pixels: at 200% browser zoom a 1280 px window is 640 wide, and gets the phone
layout, which is what keeps everything in view without sideways scrolling.
"""

from __future__ import annotations

PHONE_BELOW = 700  # under this: one column, bottom navigation bar
PANES_FROM = 1000  # from this: two panes side by side (list and open item, charts in columns)
READING_WIDTH = 760  # a screen read as text: ~720 px of lines inside its margins
UNKNOWN_WIDTH = 1280  # before the page reports its size (a desktop window's usual width)


def is_phone(width: float | None) -> bool:
    """One column and a bottom bar: a phone, or a window as narrow as one."""
    return (width or UNKNOWN_WIDTH) < PHONE_BELOW


def has_panes(width: float | None) -> bool:
    """Room for two panes side by side (a list beside the open entry, charts in columns)."""
    return (width or UNKNOWN_WIDTH) >= PANES_FROM

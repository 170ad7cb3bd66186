"""A part of the window that Tab goes through as one unit: all of it, then what is next.

Flutter orders Tab by position on screen, line by line. Two parts side by side (the
navigation rail and the screen, the Journal's form and its entries) then share each
line, and Tab zigzags between them: the first field on the left, the search box on the
right, the slider on the left, an entry on the right... A focus traversal group makes a
part one unit in that order: Tab visits every control inside it (in reading order)
before the next part, and Shift+Tab comes back the same way.

Flet 1.0.5 has no control for a focus traversal group of its own (nothing in its Dart
source makes a ``FocusTraversalGroup`` or a ``FocusTraversalOrder``). A ``RadioGroup``
is the one control whose Flutter widget makes one, so a part is wrapped in a
``RadioGroup`` that holds no radio. What that also brings, checked in Chromium:

- The web engine gives the part the ``radiogroup`` role, with no name and no radio in
  it (``aria_snapshot()`` shows ``radiogroup:`` round the rail and round each pane, the
  heading, fields and buttons inside exactly as before; axe-core finds nothing critical
  or serious). A screen reader may say it enters a group (not checked with one here);
  nothing in it pretends to be a radio button. It also keeps each pane's words
  together in reading order, where the tree had interleaved the two panes line by line.
- Flutter's radio group binds the arrow keys and Space to choosing among its radios.
  A control that uses those keys itself (a text field, a slider, a checkbox, a button)
  handles them first, so they still type, move the caret, slide and press (see the
  keyboard tests in tests/e2e/test_app_a11y.py); with no radio in the group, the
  group's own binding finds nothing to choose and does nothing. By Flutter's source, it
  still takes the arrows from a plain button, so they no longer scroll the pane from
  there (not measured); Tab brings each control into view, as it did.
"""

from __future__ import annotations

import flet as ft


def focus_group(content: ft.Control) -> ft.RadioGroup:
    """``content`` as one unit in the Tab order (see this module's docstring for why a
    radio group, and what else it brings). Never put a ``Radio`` directly inside without
    a ``RadioGroup`` of its own: it would join this one."""
    return ft.RadioGroup(content=content)

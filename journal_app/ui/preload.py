"""Flet's control classes, imported while the lock screen waits rather than on a visit.

Flet imports each control's module the first time ``ft.Name`` is read, and building the
class (its dataclass fields and properties) takes a few milliseconds each. The first visit
to the Journal read eleven of them: 51 of its 76 ms in the server at thirty years went on
imports (cProfile, in process), paid again on every screen's first visit. The app's
start-up thread reads them all instead (``tests/ui/test_preload.py`` keeps the list
complete).
"""

from __future__ import annotations

import flet as ft

NAMES = (
    "AlertDialog", "Alignment", "Animation", "AnimationCurve", "Assertiveness", "Border",
    "BorderSide", "BoxShape", "Button", "ButtonStyle", "Card", "Checkbox", "Chip", "ChipTheme",
    "ColorScheme", "ColorValue", "Colors", "Column", "Container", "Control", "ControlEvent",
    "ControlState",
    "CopyToClipboard", "CrossAxisAlignment", "DatePicker", "Divider", "DragEndEvent", "Dropdown",
    "DropdownOption", "Duration", "Event", "FilePicker", "FilePickerFileType", "FilledButton",
    "FilledButtonTheme", "FontWeight", "GestureDetector", "Icon", "IconButton", "IconButtonTheme",
    "IconData", "Icons", "KeyboardEvent", "LayoutControl", "LinearGradient", "ListTile",
    "MainAxisAlignment",
    "Markdown", "MarkdownExtensionSet", "MergeSemantics", "NavigationBar",
    "NavigationBarDestination", "NavigationBarLabelBehavior", "NavigationRail",
    "NavigationRailDestination", "NavigationRailLabelType", "OutlinedButton",
    "OutlinedButtonTheme", "Padding", "Page", "ProgressBar", "ProgressRing", "Radio", "RadioGroup",
    "ResponsiveRow", "ResponsiveRowBreakpoint", "RoundedRectangleBorder", "Row", "SafeArea",
    "ScrollKey", "ScrollMode", "Semantics", "SemanticsService", "Share", "ShareFile",
    "ShareResultStatus", "Slider", "SnackBar", "Stack", "Switch", "Tab", "TabAlignment", "TabBar",
    "Tabs", "Text", "TextAlign", "TextButton", "TextButtonTheme", "TextField", "TextSpan",
    "TextStyle", "TextTheme", "Theme", "ThemeMode", "TimePicker", "Tooltip", "VerticalDivider",
    "VisualDensity",
)  # fmt: skip


def preload() -> None:
    """Import every control the screens use, and the charts of Check-ins."""
    for name in NAMES:
        getattr(ft, name)
    import flet_charts  # noqa: F401 - imported for its side effect: the classes exist

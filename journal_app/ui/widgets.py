"""Small building blocks shared by the screens, so they look and read alike."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from datetime import date, datetime

import flet as ft

from journal_app.core.markdown_text import html_shown_as_text


def heading(text: str) -> ft.Control:
    """A screen's one top heading: level 1 in the accessibility tree, so a screen reader
    can jump to it and says where the person is."""
    return ft.Semantics(
        container=True,
        header=True,
        heading_level=1,
        content=ft.Text(text, size=24, weight=ft.FontWeight.BOLD),
    )


def subheading(
    text: str, *, size: int = 17, level: int = 2, color: str | None = None
) -> ft.Semantics:
    """A section's heading (level 2, or ``level`` below a section)."""
    return ft.Semantics(
        container=True,
        header=True,
        heading_level=level,
        content=ft.Text(
            text,
            size=size,
            weight=ft.FontWeight.BOLD if size > 17 else ft.FontWeight.W_600,
            color=color,
        ),
    )


def body(text: str, *, italic: bool = False, selectable: bool = False) -> ft.Text:
    return ft.Text(text, size=15, italic=italic, selectable=selectable)


def muted(text: str) -> ft.Text:
    return ft.Text(text, size=13, color=ft.Colors.ON_SURFACE_VARIANT)


def card(*controls: ft.Control, padding: int = 16) -> ft.Card:
    return ft.Card(content=ft.Container(ft.Column(list(controls), spacing=8), padding=padding))


def fields_card(*controls: ft.Control) -> ft.Card:
    """A card holding text boxes, each part as wide as the card.

    Not one semantic container, unlike ``card``: Flutter folds a container's sentences
    into one accessible name, and in a card with a text box that name was the box's. A
    screen reader heard Review's box as "Tick a question once you've asked it. No
    questions yet. ... Add a question", before the card's heading. Here each sentence
    is its own line, where it is on the screen, and each box has its label alone."""
    return ft.Card(
        content=ft.Container(
            ft.Column(
                list(controls), spacing=10, horizontal_alignment=ft.CrossAxisAlignment.STRETCH
            ),
            padding=16,
        ),
        semantic_container=False,
    )


def icon_note(icon: ft.IconData, text: str, *, size: int = 14) -> ft.Container:
    """A tinted note with an icon (a tip, a "saved" notice): the one look screens share for
    words that help rather than warn, readable in both themes."""
    return ft.Container(
        ft.Row(
            [
                ft.Icon(icon, color=ft.Colors.ON_SECONDARY_CONTAINER),
                ft.Text(text, size=size, expand=True, color=ft.Colors.ON_SECONDARY_CONTAINER),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
        ),
        bgcolor=ft.Colors.SECONDARY_CONTAINER,
        border_radius=12,
        padding=12,
    )


def primary(
    label: str, on_click: Callable, *, icon: ft.IconData | None = None, **kw
) -> ft.FilledButton:
    """A main action. Its words are its accessible name; a tooltip would only repeat them
    and cover what is below."""
    return ft.FilledButton(content=label, icon=icon, on_click=on_click, **kw)


def secondary(
    label: str, on_click: Callable, *, icon: ft.IconData | None = None, **kw
) -> ft.OutlinedButton:
    return ft.OutlinedButton(content=label, icon=icon, on_click=on_click, **kw)


def typing_only(
    handler: Callable[[ft.Event[ft.TextField]], None],
) -> Callable[[ft.Event[ft.TextField]], None]:
    """For a field's ``on_change`` that only notes what was typed: no page update after it.

    Flet sends an update after every handler that sent none itself, and that update diffs
    the whole page: on the Journal screen ~300 controls, tens of milliseconds on every key,
    with the next keys (and a click on "Save") queued behind it. The field already shows
    what was typed, so there is nothing to send. Whatever the handler updates itself (an
    error line it clears) still goes.
    """

    def run(e: ft.Event[ft.TextField]) -> None:
        ft.context.disable_auto_update()
        handler(e)

    return run


def screen_column(controls: Sequence[ft.Control]) -> ft.Column:
    """A screen's body: scrolls, keeps a readable width on wide windows."""
    return ft.Column(
        list(controls),
        spacing=14,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )


def icon_button(icon: ft.IconData, label: str, on_click: Callable, **kw) -> ft.MergeSemantics:
    """An icon-only button with one name screen readers (and tests) can find.

    Flutter exposes an IconButton's tooltip only on hover, so the name comes from a
    Semantics label, merged (MergeSemantics) into the button's own node. The button's node
    must stay in the tree: with it excluded, Tab still moved Flutter's focus to the button
    but the browser's focus stayed on the node before it (a step's checkbox), so a screen
    reader said the step's words instead of "Move … up".

    No tooltip: Flutter's web engine ties a shown tooltip to its control with
    ``aria-owns`` and, once the tooltip has gone and the screen changed or scrolled, keeps
    pointing at the node it dropped (axe: a critical ``aria-valid-attr-value``; flet
    1.0.5). ``ft.Tooltip(exclude_from_semantics=True)`` only drops the tooltip's words;
    the ``aria-owns`` stays. The old wrapper hid it by excluding the button's semantics,
    which broke focus (above).
    """
    return ft.MergeSemantics(
        content=ft.Semantics(
            label=label,
            content=ft.IconButton(icon=icon, on_click=on_click, **kw),
        )
    )


def labelled(control: ft.Control, label: str) -> ft.MergeSemantics:
    """``control`` with ``label`` as its one accessible name, on its own node.

    For a dropdown, whose floating label screen readers don't hear. A tooltip named it
    before, but Flutter's web engine ties a shown tooltip to its control with ``aria-owns``
    and keeps it, pointing at a node that is gone, once the screen has scrolled (axe:
    critical ``aria-valid-attr-value``; flet 1.0.5). The control's ``expand`` is copied to
    the wrapper, which is what its Row sees; the control keeps it (a dropdown without it
    shrinks to its words).
    """
    wrapped = ft.Semantics(label=label, content=control)
    return ft.MergeSemantics(content=wrapped, expand=control.expand)


def rename_icon_button(button: ft.MergeSemantics, label: str, icon: ft.IconData) -> None:
    """Give an ``icon_button`` a new name and icon (the name is on its Semantics label)."""
    named = button.content
    if not (isinstance(named, ft.Semantics) and isinstance(named.content, ft.IconButton)):
        raise TypeError("not a button made by icon_button")
    named.label = label
    named.content.icon = icon


def own_markdown(text: str) -> ft.Markdown:
    """The person's Markdown as the app shows it. HTML in it is shown as the words they
    typed, as in every copy (Flutter's Markdown would drop a block of it, words and all)."""
    return ft.Markdown(
        html_shown_as_text(text), selectable=True, extension_set=ft.MarkdownExtensionSet.GITHUB_WEB
    )


def markdown_preview(text: str) -> ft.Container:
    """What Markdown the person wrote will look like, in a framed box."""
    return ft.Container(
        own_markdown(text or "*Nothing written yet.*"),
        border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
        border_radius=8,
        padding=12,
    )


def secret_field(label: str, *, what: str | None = None, **kw) -> ft.TextField:
    """A passphrase field with a named show/hide button.

    Flet's own ``can_reveal_password`` eye has no accessible name, so a screen reader
    announces a bare "button"; this one says "Show new passphrase" / "Hide new passphrase".
    """
    noun = what or label.lower()
    field = ft.TextField(label=label, password=True, **kw)

    def toggle(_: object) -> None:
        field.password = not field.password
        verb = "Show" if field.password else "Hide"
        rename_icon_button(
            eye,
            f"{verb} {noun}",
            ft.Icons.VISIBILITY if field.password else ft.Icons.VISIBILITY_OFF,
        )
        field.update()

    eye = icon_button(ft.Icons.VISIBILITY, f"Show {noun}", toggle)
    field.suffix_icon = eye
    return field


def progress_bar(fraction: float, label: str) -> ft.Control:
    """A progress bar that is its own node in the accessibility tree.

    Left to itself it merges into the card around it, which then becomes a "progressbar"
    holding buttons and checkboxes: nested controls a screen reader cannot reach.
    """
    return ft.Semantics(
        container=True,
        content=ft.ProgressBar(
            value=fraction,
            bar_height=8,
            border_radius=4,
            semantics_label=label,
            semantics_value=round(fraction * 100),
        ),
    )


async def announce(message: str, *, polite: bool = False) -> None:
    """Have a screen reader say ``message`` now (the web engine's assertive live region,
    or with ``polite`` the polite one, which waits for what is being read to finish).

    A panel that appears inside the page is not reliably announced by Flutter's live
    region alone, and the crisis resources must never appear in silence.
    """
    level = ft.Assertiveness.POLITE if polite else ft.Assertiveness.ASSERTIVE
    await ft.SemanticsService().announce_message(message, assertiveness=level)


def first_focusable(control: ft.Control | None) -> ft.Control | None:
    """The first visible, enabled control that can take keyboard focus, in reading order.

    Where focus lands on a screen that names no control of its own: its first field or
    button, so a keyboard user starts on the page, not back at the top of the window.
    """
    if control is None or not getattr(control, "visible", True):
        return None
    if getattr(control, "disabled", False):
        return None
    focus = getattr(type(control), "focus", None)
    if focus is not None and inspect.iscoroutinefunction(focus):
        return control
    children: list[ft.Control] = []
    for name in ("content", "controls"):
        value = getattr(control, name, None)
        if isinstance(value, ft.Control):
            children.append(value)
        elif isinstance(value, list):
            children.extend(c for c in value if isinstance(c, ft.Control))
    for child in children:
        found = first_focusable(child)
        if found is not None:
            return found
    return None


# How long Undo stays offered: time for a screen reader to read the message out and for
# someone slow or shaken to find the button (WCAG 2.2.1 asks for time enough; 8 s was not).
UNDO_SECONDS = 20


def undo_snackbar(page: ft.Page, message: str, on_undo: Callable[[], None]) -> None:
    """Say what was just deleted, with an Undo button (a snack bar is a live region, so
    a screen reader hears it). A cheap undo instead of an "Are you sure?" dialog."""
    page.show_dialog(
        ft.SnackBar(
            ft.Text(message),
            action="Undo",
            on_action=lambda _: on_undo(),
            duration=ft.Duration(seconds=UNDO_SECONDS),
            persist=False,
        )
    )


def pick_day(
    page: ft.Page,
    *,
    initial: date,
    first: date,
    last: date,
    help_text: str,
    on_pick: Callable[[date], None],
) -> None:
    """Open the calendar to pick one day, so nobody has to type YYYY-MM-DD."""

    def changed(e: ft.Event[ft.DatePicker]) -> None:
        value = e.control.value
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            on_pick(value)

    def moment(day: date) -> datetime:
        return datetime.combine(day, datetime.min.time())

    page.show_dialog(
        ft.DatePicker(
            value=moment(min(max(initial, first), last)),
            first_date=moment(first),
            last_date=moment(last),
            help_text=help_text,
            on_change=changed,
        )
    )

"""Share, step 1: choose what to share (sections, date range, entries) and for whom."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import flet as ft

from journal_app.core.drafts import SHARE
from journal_app.core.journal import InvalidInput
from journal_app.ui.context import ScreenContext
from journal_app.ui.controllers.share import MONTH_CHOICES, ShareController
from journal_app.ui.draft_banner import guarded_banner
from journal_app.ui.screens.share_parts import error_text, full_width, show_message
from journal_app.ui.widgets import (
    body,
    card,
    muted,
    pick_day,
    primary,
    secret_field,
    subheading,
    typing_only,
)


def day_choice(
    ctx: ScreenContext,
    label: str,
    day: date | None,
    setter: Callable[[date | None], None],
    help_text: str,
) -> ft.Control:
    """One end of the date range, picked from a calendar (no typing YYYY-MM-DD)."""
    words = ft.Text(size=15)

    def show(value: date | None) -> None:
        words.value = f"{label}: {value.day} {value:%B %Y}" if value else f"{label}: any day"

    def picked(value: date | None) -> None:
        setter(value)
        show(value)
        clear.visible = value is not None
        row.update()

    today = ctx.session.today()
    clear = ft.TextButton(
        content=f"Clear {label}", on_click=lambda _: picked(None), visible=day is not None
    )
    show(day)
    row = ft.Row(
        [
            words,
            ft.TextButton(
                content=f"Pick {label} day",
                icon=ft.Icons.CALENDAR_MONTH,
                on_click=lambda _: pick_day(
                    ctx.page,
                    initial=day or today,
                    first=date(1990, 1, 1),
                    last=today,
                    help_text=help_text,
                    on_pick=picked,
                ),
            ),
            clear,
        ],
        wrap=True,
        spacing=4,
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )
    return row


def month_choice(ctl: ShareController) -> ft.Control:
    """ "Include a month at a glance" (off by default) and, once ticked, how many months."""
    chosen = ctl.months or MONTH_CHOICES[0][0]
    radios = ft.RadioGroup(
        value=str(chosen),
        on_change=lambda e: ctl.set_months(int(e.control.value or chosen)),
        content=ft.Column(
            [ft.Radio(value=str(n), label=words) for n, words in MONTH_CHOICES], spacing=0
        ),
    )
    which = ft.Container(
        ft.Semantics(container=True, label="Which months", content=radios),
        padding=ft.Padding.only(left=40),
        visible=ctl.months > 0,
    )

    def ticked(e: ft.Event[ft.Checkbox]) -> None:
        ctl.set_months(int(radios.value or chosen) if e.control.value else 0)
        which.visible = bool(e.control.value)
        which.update()

    return ft.Column(
        [
            ft.Checkbox(
                label="Include a month at a glance", value=ctl.months > 0, on_change=ticked
            ),
            ft.Container(
                muted("A calendar of each day's anxiety and check-ins, as in Your month."),
                padding=ft.Padding.only(left=40),
            ),
            which,
        ],
        spacing=4,
    )


def choose_view(ctx: ScreenContext, ctl: ShareController) -> list[ft.Control]:
    """Step 1, top to bottom: what to include, which dates, for whom, then the preview.
    Each part is a function of its own below; the choices live in the controller."""
    error = error_text()
    kept = [share_draft_part(ctx, ctl)] if ctl.restored else []
    return [
        *kept,
        body(
            "Choose what to share. Before anything is made you'll see exactly what will "
            "leave your device, and you can change your mind."
        ),
        card(subheading("What to include"), *section_boxes(ctl), month_choice(ctl)),
        card(
            subheading("Dates (optional)"),
            muted("Only entries and check-ins from these dates. Leave empty for all of them."),
            date_range(ctx, ctl),
        ),
        card(subheading("Who it's for"), *who_fields(ctx, ctl)),
        error,
        ft.Row([preview_button(ctx, ctl, error)], wrap=True),
    ]


def section_boxes(ctl: ShareController) -> list[ft.Control]:
    """A box per section, each with its hint below it, so the person knows what a section
    would show before ticking it."""

    def toggled(key: str) -> Callable[[ft.Event[ft.Checkbox]], None]:
        def handler(e: ft.Event[ft.Checkbox]) -> None:
            ctl.set_section(key, bool(e.control.value))

        return handler

    boxes: list[ft.Control] = []
    for choice in ctl.choices():
        boxes.append(
            ft.Checkbox(label=choice.title, value=choice.chosen, on_change=toggled(choice.key))
        )
        if choice.hint:
            boxes.append(ft.Container(muted(choice.hint), padding=ft.Padding.only(left=40)))
    return boxes


def date_range(ctx: ScreenContext, ctl: ShareController) -> ft.Control:
    """From and To side by side on a wide window, one above the other on a phone."""
    since = day_choice(ctx, "From", ctl.since_day(), ctl.set_since, "The first day to include")
    until = day_choice(ctx, "To", ctl.until_day(), ctl.set_until, "The last day to include")
    return ft.ResponsiveRow(
        [ft.Container(since, col={"xs": 12, "sm": 6}), ft.Container(until, col={"xs": 12, "sm": 6})]
    )


def who_fields(ctx: ScreenContext, ctl: ShareController) -> list[ft.Control]:
    """Who it is for, the name on it and an optional passphrase of their own, each the
    card's full width. The recipient field takes the focus when its draft asks for it."""

    def field(label: str, value: str, setter: Callable[[str], None], **kw) -> ft.TextField:
        return ft.TextField(
            label=label,
            value=value,
            on_change=typing_only(lambda e: setter(e.control.value or "")),
            **kw,
        )

    def set_own(v: str) -> None:
        ctl.own_passphrase = v

    recipient = field(
        "Who is this for?",
        ctl.recipient,
        ctl.set_recipient,
        hint_text="e.g. Dr Patel, my GP",
        on_focus=ctx.active,
    )
    if ctl.take_focus_recipient():
        ctx.focus(recipient)
    name = field(
        "Your name on the copy (optional)",
        ctl.name,
        ctl.set_name,
        helper="Leave it empty to share without a name. It goes into the file only.",
        helper_max_lines=3,
        on_focus=ctx.active,
    )
    # A passphrase of the person's own is never kept, not even in the sealed draft.
    own = secret_field(
        "Use my own passphrase (optional)",
        what="my own passphrase",
        value=ctl.own_passphrase,
        on_change=typing_only(lambda e: set_own(e.control.value or "")),
        helper="Leave empty and the app will make a strong one for you.",
        helper_max_lines=3,
    )
    return [full_width(recipient), full_width(name), full_width(own)]


def preview_button(ctx: ScreenContext, ctl: ShareController, error: ft.Text) -> ft.Control:
    """On to step 2; a choice the controller refuses is one plain line in ``error``."""

    def go_preview(_: ft.ControlEvent) -> None:
        try:
            ctl.make_preview()
        except InvalidInput as exc:
            show_message(error, str(exc))
            return
        except Exception as exc:
            ctx.show_error(exc)
            return
        ctx.refresh()

    return primary("Preview what will be shared", go_preview, icon=ft.Icons.PREVIEW)


def share_draft_part(ctx: ScreenContext, ctl: ShareController) -> ft.Control:
    """ "You were writing this" on the choices kept from before the lock."""
    return guarded_banner(
        ctx, SHARE, keep=ctl.keep_going, discard=ctl.discard_draft, undo=ctl.undo_discard
    )

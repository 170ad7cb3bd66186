"""Share, step 2: exactly what will leave the device, before anything is written."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import flet as ft

from journal_app.core.sharing import ShareSelection
from journal_app.ui.context import ScreenContext
from journal_app.ui.controllers.share import Sealed, ShareController
from journal_app.ui.files import native_mobile
from journal_app.ui.screens.share_parts import save_shared
from journal_app.ui.widgets import (
    body,
    card,
    muted,
    own_markdown,
    primary,
    secondary,
    subheading,
)


def preview_view(ctx: ScreenContext, ctl: ShareController) -> list[ft.Control]:
    """Step 2, top to bottom: what the file is about, its kind, the document itself, then
    how it is protected and the buttons. Each part is a function of its own below."""
    preview = ctl.preview
    assert preview is not None
    facts = summary_facts(ctl, preview.selection)
    document, more_row = preview_document(ctx, ctl)
    return [
        body(
            "This is exactly what the file will contain. Nothing has been saved yet: the "
            "file is made only when you press “Create encrypted file”."
        ),
        card(subheading("Summary"), *facts),
        card(
            subheading("Kind of file"), format_choice(ctx, ctl), *pdf_note(ctl), *pdf_problem(ctl)
        ),
        subheading("What will be shared"),
        document,
        more_row,
        muted(protection_words(ctl)),
        ft.Row(
            create_buttons(ctx, creator(ctx, ctl)) + [change_button(ctx, ctl)],
            wrap=True,
            spacing=12,
            run_spacing=8,
        ),
    ]


def summary_facts(ctl: ShareController, selection: ShareSelection) -> list[ft.Control]:
    """For whom, from whom, which dates and how much: what the person checks before the
    file is made. A notice that must not be missed (item 9) comes first, in bold."""
    facts: list[ft.Control] = [body(f"For: {selection.recipient or 'no name given'}")]
    facts.append(body(f"From: {selection.name}" if selection.name else "Your name: not on it"))
    if selection.since or selection.until:
        since = selection.since.isoformat() if selection.since else "the beginning"
        until = selection.until.isoformat() if selection.until else "today"
        facts.append(body(f"Dates: {since} to {until}"))
    facts += [muted(line) for line in ctl.counts()]
    notice = ctl.item9_notice()
    if notice:
        facts.insert(0, ft.Text(notice, size=15, weight=ft.FontWeight.BOLD, selectable=True))
    return facts


def preview_document(ctx: ScreenContext, ctl: ShareController) -> tuple[ft.Control, ft.Control]:
    """The document as it will read, a part at a time (a long one would take the page a
    while to draw), and the row that shows the next part in place."""
    pages = ctl.pages()
    pieces = ft.Column([own_markdown(page) for page in pages[: ctl.pages_shown]], spacing=0)
    document = ft.Container(
        pieces,
        padding=16,
        border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
        border_radius=8,
    )

    def progress_words() -> str:
        return f"Showing part {ctl.pages_shown} of {len(pages)}. The file will hold all of it."

    progress = muted(progress_words())

    def more(_: ft.ControlEvent) -> None:
        """Add the next part in place (no rebuild, so the page stays where it was)."""
        ctl.show_more()
        pieces.controls.append(own_markdown(pages[ctl.pages_shown - 1]))
        progress.value = progress_words()
        more_row.visible = ctl.pages_shown < len(pages)
        ctx.page.update()

    more_row = ft.Row(
        [secondary("Show more of the preview", more, icon=ft.Icons.EXPAND_MORE), progress],
        wrap=True,
        visible=len(pages) > len(pieces.controls),
    )
    return document, more_row


def format_choice(ctx: ScreenContext, ctl: ShareController) -> ft.Control:
    """A web page or a PDF; redrawn at once, since their own passphrase may not suit a PDF."""

    def pick_format(e: ft.Event[ft.RadioGroup]) -> None:
        ctl.set_format(e.control.value or "html")
        ctx.refresh()  # says at once when their own passphrase cannot lock a PDF

    return ft.RadioGroup(
        value=ctl.file_format,
        on_change=pick_format,
        content=ft.Column(
            [
                ft.Radio(value="html", label="A web page that opens itself in any browser"),
                ft.Radio(value="pdf", label="A PDF (what many offices file), locked the same way"),
            ],
            spacing=2,
        ),
    )


def protection_words(ctl: ShareController) -> str:
    """Which passphrase will lock the file: theirs, or one the app makes and shows once."""
    if ctl.own_passphrase.strip():
        return "It will be protected with the passphrase you chose."
    return "It will be protected with a passphrase the app makes for you, shown once."


def creator(
    ctx: ScreenContext, ctl: ShareController
) -> Callable[[bool], Callable[[ft.ControlEvent], None]]:
    """The handler maker for the create buttons: seal off the UI thread, then save or send
    the file; nothing is written until the person presses one of them."""

    async def deliver(sealed: Sealed, send: bool) -> None:
        try:
            result = await save_shared(ctx, ctl, sealed.data, sealed.format, send=send)
            if result is None:
                ctx.toast("Nothing was saved. You can try again when you're ready.")
                return
            where, path = result
            await asyncio.to_thread(ctl.saved, sealed, where, path)
        except Exception as exc:
            ctx.show_error(exc)
            return
        ctx.refresh()

    def create(send: bool) -> Callable[[ft.ControlEvent], None]:
        def handler(_: ft.ControlEvent) -> None:
            ctx.run_busy(
                "Encrypting your summary…",
                ctl.seal,
                lambda sealed: ctx.page.run_task(deliver, sealed, send),
            )

        return handler

    return create


def change_button(ctx: ScreenContext, ctl: ShareController) -> ft.Control:
    """Back to step 1 with every choice kept."""

    def back(_: ft.ControlEvent) -> None:
        ctl.edit_choices()
        ctx.refresh()

    return secondary("Change my choices", back, icon=ft.Icons.ARROW_BACK)


def create_buttons(
    ctx: ScreenContext, create: Callable[[bool], Callable[[ft.ControlEvent], None]]
) -> list[ft.Control]:
    """On a phone: send with the share sheet, or save to Files. Elsewhere: save."""
    if native_mobile(ctx.page):
        return [
            primary("Create and send…", create(True), icon=ft.Icons.SHARE),
            secondary("Create and save to Files", create(False), icon=ft.Icons.SAVE_ALT),
        ]
    return [primary("Create encrypted file", create(False), icon=ft.Icons.LOCK)]


def pdf_note(ctl: ShareController) -> list[ft.Control]:
    note = ctl.pdf_note()
    return [body(note)] if note else []


def pdf_problem(ctl: ShareController) -> list[ft.Control]:
    problem = ctl.pdf_passphrase_problem()
    if not problem:
        return []
    return [ft.Text(problem, color=ft.Colors.ERROR, selectable=True)]

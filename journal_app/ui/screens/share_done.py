"""Share, step 3: the file made, the passphrase shown once, and the log of what went
to whom."""

from __future__ import annotations

import flet as ft

from journal_app.app.sharing import passphrase_groups, spoken
from journal_app.ui.context import ScreenContext
from journal_app.ui.controllers.share import Outcome, ShareController
from journal_app.ui.files import SHARE_SHEET_WHERE, native_mobile
from journal_app.ui.screens.share_parts import (
    PASSPHRASE_ADVICE,
    PDF_PRINT_NOTE,
    PHONE_NOTE,
    PRINT_NOTE,
    save_shared,
)
from journal_app.ui.widgets import (
    body,
    card,
    muted,
    primary,
    secondary,
    subheading,
)

MIME_TYPES = {"html": "text/html", "pdf": "application/pdf"}
# Plain words (a Text shows backticks as backticks): the command is named in quotes.


FINGERPRINT_NOTE = (
    "Read this out with the passphrase. A file that opens itself cannot prove it wasn't "
    "changed on the way, but the recipient can check: the command “journal-app open-bundle” "
    "prints the fingerprint of the file they got, and it should match this one. It is also "
    "in your share log below."
)


def passphrase_card(ctx: ScreenContext, passphrase: str, pdf: bool = False) -> ft.Control:
    """The generated passphrase, once, in the groups it is read out in. A PDF's is a code:
    spelled with the phonetic alphabet beside it, so 'b' is not heard as 'd', and read
    character by character by a screen reader."""
    groups = passphrase_groups(passphrase)
    words = ft.Row(
        [
            ft.Container(
                ft.Text(group, size=26, weight=ft.FontWeight.BOLD, font_family="monospace"),
                padding=ft.Padding.symmetric(horizontal=12, vertical=6),
                bgcolor=ft.Colors.SECONDARY_CONTAINER,
                border_radius=8,
            )
            for group in groups
        ],
        wrap=True,
        spacing=10,
        run_spacing=10,
    )
    said = spoken(passphrase)
    label = (
        "Passphrase: " + ", then ".join(" ".join(group) for group in groups)
        if said
        else f"Passphrase: {passphrase}"
    )
    extra: list[ft.Control] = []
    if said:
        extra.append(muted(f"Read it out as: {said}"))
    if pdf:
        extra.append(body("In the PDF reader it is typed as shown, with or without the spaces."))
    return card(
        subheading("The passphrase for this file"),
        muted("Shown only this once: the app does not keep it. Write it down now."),
        ft.Semantics(label=label, content=words),
        ft.Text(passphrase, selectable=True, size=14, color=ft.Colors.ON_SURFACE_VARIANT),
        *extra,
        ft.Row(
            [
                ft.FilledButton(
                    content="Copy passphrase",
                    icon=ft.Icons.COPY,
                    action=ft.CopyToClipboard(passphrase),
                    on_click=lambda _: ctx.toast(
                        "Copied. Keep it apart from the file when you pass it on."
                    ),
                )
            ],
            wrap=True,
        ),
        body(PASSPHRASE_ADVICE),
    )


def done_view(ctx: ScreenContext, ctl: ShareController) -> list[ft.Control]:
    """Step 3, top to bottom: where the file went, its passphrase, how to check and open
    it, then what to do next. Each card is a function of its own below."""
    outcome = ctl.outcome
    assert outcome is not None
    return [
        body("Two things go to them, separately: the file, and its passphrase."),
        saved_card(outcome),
        *passphrase_cards(ctx, outcome),
        card(
            subheading("File fingerprint"),
            ft.Text(outcome.fingerprint, selectable=True, size=20, font_family="monospace"),
            body(FINGERPRINT_NOTE),
        ),
        opening_card(outcome),
        ft.Row(done_actions(ctx, ctl, outcome), wrap=True, spacing=12, run_spacing=8),
    ]


def saved_card(outcome: Outcome) -> ft.Control:
    """Where the file went (saved, or handed to the share sheet), its size and contents:
    the person checks this before passing anything on."""
    sent = outcome.where == SHARE_SHEET_WHERE
    return card(
        subheading("Sent" if sent else "Saved"),
        ft.Text(
            "Handed to the share sheet, to go where you chose."
            if sent
            else f"Saved to {outcome.where}.",
            size=15,
            selectable=True,
        ),
        muted(f"{outcome.size / 1024:,.0f} KB, encrypted. It holds: " + "; ".join(outcome.counts)),
    )


def passphrase_cards(ctx: ScreenContext, outcome: Outcome) -> list[ft.Control]:
    """The passphrase the app made (shown once) or a reminder of their own, and, when a
    PDF reader needs it typed differently, exactly how."""
    parts: list[ft.Control] = []
    if outcome.passphrase:
        parts.append(passphrase_card(ctx, outcome.passphrase, pdf=outcome.file_format == "pdf"))
    else:
        parts.append(card(body("It opens with the passphrase you chose."), body(PASSPHRASE_ADVICE)))
    if outcome.pdf_password and outcome.pdf_password != outcome.passphrase:
        parts.append(
            card(
                subheading("Typing it into a PDF reader"),
                body("PDF readers need it exactly like this: small letters, single spaces."),
                ft.Text(outcome.pdf_password, selectable=True, size=16, font_family="monospace"),
            )
        )
    return parts


def opening_card(outcome: Outcome) -> ft.Control:
    """How the recipient opens and prints it: a web page and a PDF open differently."""
    opening = PDF_PRINT_NOTE if outcome.file_format == "pdf" else PRINT_NOTE
    return card(subheading("Opening and printing"), body(opening), muted(PHONE_NOTE))


def done_actions(ctx: ScreenContext, ctl: ShareController, outcome: Outcome) -> list[ft.Control]:
    """Done (asks first: the passphrase is gone after it), and a way to send or save the
    same file again where the platform has one."""

    def finish(_: ft.ControlEvent) -> None:
        """The passphrase is shown only here: ask before it is gone for good."""

        def leave() -> None:
            ctl.finish()
            ctx.refresh()

        ctx.confirm(
            "Have you written the passphrase down?",
            "After this the app can't show it again, and the file can't be opened "
            "without it. Copy it or write it down first if you haven't.",
            "Yes, I have it",
            leave,
        )

    async def again(send: bool) -> None:
        try:
            result = await save_shared(ctx, ctl, outcome.data, outcome.file_format, send=send)
        except Exception as exc:
            ctx.show_error(exc)
            return
        if result is not None:
            ctx.toast("Sent." if send else f"Saved again to {result[0]}.")

    async def save_again(_: ft.ControlEvent) -> None:
        await again(False)

    async def share_sheet(_: ft.ControlEvent) -> None:
        await again(True)

    actions: list[ft.Control] = [primary("Done", finish, icon=ft.Icons.CHECK)]
    if native_mobile(ctx.page):
        actions[:0] = [
            secondary("Send the file…", share_sheet, icon=ft.Icons.SHARE),
            secondary("Save a copy to Files", save_again, icon=ft.Icons.SAVE_ALT),
        ]
    elif ctx.page.web:
        actions.append(secondary("Download the file again", save_again, icon=ft.Icons.DOWNLOAD))
    return actions


def share_log_card(ctl: ShareController) -> ft.Control:
    rows = ctl.share_log()
    lines: list[ft.Control] = [subheading("Shared before")]
    if not rows:
        lines.append(muted("Nothing shared yet."))
    for row in rows:
        lines.append(
            ft.Column(
                [
                    body(f"{row.when} — to {row.to}"),
                    muted(
                        f"{row.sections}. Dates: {row.period}. File fingerprint {row.fingerprint}."
                    ),
                ],
                spacing=2,
            )
        )
    lines.append(muted("The log never holds a passphrase."))
    return card(*lines)

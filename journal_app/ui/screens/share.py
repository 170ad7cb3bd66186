"""Share: choose what to share, see exactly what will leave, then make one encrypted file.

Three steps on one screen: choose → preview (nothing written yet) → done (the file is saved
and the passphrase is shown once). The share log sits underneath.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date
from pathlib import Path

import flet as ft

from journal_app.app.files import save_file
from journal_app.app.sharing import passphrase_groups, spoken
from journal_app.core.drafts import SHARE
from journal_app.core.journal import InvalidInput
from journal_app.ui.context import ScreenContext, ScreenSpec
from journal_app.ui.controllers.share import DONE, PREVIEW, Sealed, ShareController
from journal_app.ui.draft_banner import guarded_banner
from journal_app.ui.files import SHARE_SHEET_WHERE, native_mobile, send_with_share_sheet
from journal_app.ui.layout import READING_WIDTH
from journal_app.ui.widgets import (
    body,
    card,
    heading,
    muted,
    own_markdown,
    pick_day,
    primary,
    screen_column,
    secondary,
    secret_field,
    subheading,
    typing_only,
)

PASSPHRASE_ADVICE = "Tell it to them by phone or in person; don't send it with the file."
PRINT_NOTE = (
    "They open the file in any web browser — no app or account needed — type the "
    "passphrase, and can read and print a clean summary. To print it yourself, open the "
    "file in your browser and print from there."
)
PDF_PRINT_NOTE = (
    "They open it in their PDF reader, type the passphrase, and can read and print it. "
    "It is tested with Poppler (behind Evince and Okular), qpdf and MuPDF."
)
PHONE_NOTE = (
    "On a phone you can send the file with the system share sheet (or from your Files or "
    "Downloads app). Send the passphrase a different way."
)


def error_text() -> ft.Text:
    return ft.Text("", color=ft.Colors.ERROR, size=14, visible=False)


def show_message(control: ft.Text, message: str) -> None:
    control.value = message
    control.visible = bool(message)
    control.update()


def full_width(control: ft.Control) -> ft.Control:
    control.expand = True
    return ft.Row([control])


SEND_SUBJECT = "My Therapy Journal summary (encrypted)"


async def save_bytes(
    ctx: ScreenContext,
    name: str,
    data: bytes,
    *,
    extension: str,
    fallback: Callable[[], Path],
    send: bool = False,
    subject: str = SEND_SUBJECT,
) -> tuple[str, Path | None] | None:
    """Save a file the way this platform allows; (where, path) or None if cancelled.

    - Web: the browser downloads it (FilePicker.save_file with the bytes).
    - Phone or tablet app: with ``send``, the system share sheet, given the bytes;
      otherwise the system's save dialog (Files, Drive…), given the bytes.
    - Desktop: a save dialog picks the path; the file is written atomically here.
    If no dialog can be used at all, ``fallback`` writes it to the data folder's exports/.
    """
    page = ctx.page
    picker = ft.FilePicker()
    try:
        if page.web:
            await picker.save_file(dialog_title="Save the file", file_name=name, src_bytes=data)
            return f"your browser's downloads, named {name}", None
        if native_mobile(page) and send:
            sent = await send_with_share_sheet(name, data, extension=extension, subject=subject)
            return (SHARE_SHEET_WHERE, None) if sent else None
        if native_mobile(page):
            chosen = await picker.save_file(
                dialog_title="Save the file", file_name=name, src_bytes=data
            )
            return (chosen, None) if chosen else None
        chosen = await picker.save_file(
            dialog_title="Save the file",
            file_name=name,
            file_type=ft.FilePickerFileType.CUSTOM,
            allowed_extensions=[extension],
        )
        if not chosen:
            return None
        target = Path(chosen)
        await asyncio.to_thread(save_file, target, data)
        return str(target), target
    except Exception:  # no dialog available here: use the app's own exports folder
        path = await asyncio.to_thread(fallback)
        return str(path), path


# --- step 1: choose ---------------------------------------------------------------------


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


def choose_view(ctx: ScreenContext, ctl: ShareController) -> list[ft.Control]:
    error = error_text()

    def toggled(key: str) -> Callable[[ft.ControlEvent], None]:
        def handler(e: ft.ControlEvent) -> None:
            ctl.set_section(key, bool(e.control.value))

        return handler

    boxes: list[ft.Control] = []
    for choice in ctl.choices():
        boxes.append(
            ft.Checkbox(label=choice.title, value=choice.chosen, on_change=toggled(choice.key))
        )
        if choice.hint:
            boxes.append(ft.Container(muted(choice.hint), padding=ft.Padding.only(left=40)))

    def field(label: str, value: str, setter: Callable[[str], None], **kw) -> ft.TextField:
        return ft.TextField(
            label=label,
            value=value,
            on_change=typing_only(lambda e: setter(e.control.value or "")),
            **kw,
        )

    def set_own(v: str) -> None:
        ctl.own_passphrase = v

    since = day_choice(ctx, "From", ctl.since_day(), ctl.set_since, "The first day to include")
    until = day_choice(ctx, "To", ctl.until_day(), ctl.set_until, "The last day to include")
    dates = ft.ResponsiveRow(
        [ft.Container(since, col={"xs": 12, "sm": 6}), ft.Container(until, col={"xs": 12, "sm": 6})]
    )
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

    kept = [share_draft_part(ctx, ctl)] if ctl.restored else []
    return [
        *kept,
        body(
            "Choose what to share. Before anything is made you'll see exactly what will "
            "leave your device, and you can change your mind."
        ),
        card(subheading("What to include"), *boxes),
        card(
            subheading("Dates (optional)"),
            muted("Only entries and check-ins from these dates. Leave empty for all of them."),
            dates,
        ),
        card(subheading("Who it's for"), full_width(recipient), full_width(name), full_width(own)),
        error,
        ft.Row(
            [primary("Preview what will be shared", go_preview, icon=ft.Icons.PREVIEW)],
            wrap=True,
        ),
    ]


def share_draft_part(ctx: ScreenContext, ctl: ShareController) -> ft.Control:
    """ "You were writing this" on the choices kept from before the lock."""
    return guarded_banner(
        ctx, SHARE, keep=ctl.keep_going, discard=ctl.discard_draft, undo=ctl.undo_discard
    )


# --- step 2: preview (consent) ----------------------------------------------------------


def preview_view(ctx: ScreenContext, ctl: ShareController) -> list[ft.Control]:
    preview = ctl.preview
    assert preview is not None
    selection = preview.selection
    pages = ctl.pages()
    shown = pages[: ctl.pages_shown]
    facts = [body(f"For: {selection.recipient or 'no name given'}")]
    facts.append(body(f"From: {selection.name}" if selection.name else "Your name: not on it"))
    if selection.since or selection.until:
        since = selection.since.isoformat() if selection.since else "the beginning"
        until = selection.until.isoformat() if selection.until else "today"
        facts.append(body(f"Dates: {since} to {until}"))
    facts += [muted(line) for line in ctl.counts()]

    def rendered(page: str) -> ft.Markdown:
        return own_markdown(page)

    pieces = ft.Column([rendered(page) for page in shown], spacing=0)
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
        pieces.controls.append(rendered(pages[ctl.pages_shown - 1]))
        progress.value = progress_words()
        more_row.visible = ctl.pages_shown < len(pages)
        ctx.page.update()

    def back(_: ft.ControlEvent) -> None:
        ctl.edit_choices()
        ctx.refresh()

    async def deliver(sealed: Sealed, send: bool) -> None:
        try:
            result = await save_bytes(
                ctx,
                ctl.file_name(),
                sealed.data,
                extension=sealed.format,
                fallback=lambda: ctl.save_to_exports(sealed.data),
                send=send,
            )
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

    protection = (
        "It will be protected with the passphrase you chose."
        if ctl.own_passphrase.strip()
        else "It will be protected with a passphrase the app makes for you, shown once."
    )
    notice = ctl.item9_notice()
    if notice:
        facts.insert(0, ft.Text(notice, size=15, weight=ft.FontWeight.BOLD, selectable=True))

    def pick_format(e: ft.ControlEvent) -> None:
        ctl.set_format(e.control.value or "html")
        ctx.refresh()  # says at once when their own passphrase cannot lock a PDF

    formats = ft.RadioGroup(
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
    parts: list[ft.Control] = [
        body(
            "This is exactly what the file will contain. Nothing has been saved yet: the "
            "file is made only when you press “Create encrypted file”."
        ),
        card(subheading("Summary"), *facts),
        card(subheading("Kind of file"), formats, *pdf_note(ctl), *pdf_problem(ctl)),
        subheading("What will be shared"),
        document,
    ]
    more_row = ft.Row(
        [secondary("Show more of the preview", more, icon=ft.Icons.EXPAND_MORE), progress],
        wrap=True,
        visible=len(pages) > len(shown),
    )
    parts.append(more_row)
    parts += [
        muted(protection),
        ft.Row(
            create_buttons(ctx, create)
            + [secondary("Change my choices", back, icon=ft.Icons.ARROW_BACK)],
            wrap=True,
            spacing=12,
            run_spacing=8,
        ),
    ]
    return parts


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


# --- step 3: done -------------------------------------------------------------------------


def pdf_note(ctl: ShareController) -> list[ft.Control]:
    note = ctl.pdf_note()
    return [body(note)] if note else []


def pdf_problem(ctl: ShareController) -> list[ft.Control]:
    problem = ctl.pdf_passphrase_problem()
    if not problem:
        return []
    return [ft.Text(problem, color=ft.Colors.ERROR, selectable=True)]


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
    outcome = ctl.outcome
    assert outcome is not None

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
            result = await save_bytes(
                ctx,
                ctl.file_name(),
                outcome.data,
                extension=outcome.file_format,
                fallback=lambda: ctl.save_to_exports(outcome.data),
                send=send,
            )
        except Exception as exc:
            ctx.show_error(exc)
            return
        if result is not None:
            ctx.toast("Sent." if send else f"Saved again to {result[0]}.")

    async def save_again(_: ft.ControlEvent) -> None:
        await again(False)

    async def share_sheet(_: ft.ControlEvent) -> None:
        await again(True)

    saved = card(
        subheading("Sent" if outcome.where == SHARE_SHEET_WHERE else "Saved"),
        ft.Text(
            "Handed to the share sheet, to go where you chose."
            if outcome.where == SHARE_SHEET_WHERE
            else f"Saved to {outcome.where}.",
            size=15,
            selectable=True,
        ),
        muted(f"{outcome.size / 1024:,.0f} KB, encrypted. It holds: " + "; ".join(outcome.counts)),
    )
    parts: list[ft.Control] = [
        body("Two things go to them, separately: the file, and its passphrase."),
        saved,
    ]
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
    parts.append(
        card(
            subheading("File fingerprint"),
            ft.Text(outcome.fingerprint, selectable=True, size=20, font_family="monospace"),
            body(FINGERPRINT_NOTE),
        )
    )
    opening = PDF_PRINT_NOTE if outcome.file_format == "pdf" else PRINT_NOTE
    parts.append(card(subheading("Opening and printing"), body(opening), muted(PHONE_NOTE)))
    actions: list[ft.Control] = [primary("Done", finish, icon=ft.Icons.CHECK)]
    if native_mobile(ctx.page):
        actions[:0] = [
            secondary("Send the file…", share_sheet, icon=ft.Icons.SHARE),
            secondary("Save a copy to Files", save_again, icon=ft.Icons.SAVE_ALT),
        ]
    elif ctx.page.web:
        actions.append(secondary("Download the file again", save_again, icon=ft.Icons.DOWNLOAD))
    parts.append(ft.Row(actions, wrap=True, spacing=12, run_spacing=8))
    return parts


# --- the share log ------------------------------------------------------------------------


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


def build(ctx: ScreenContext) -> ft.Control:
    ctl = ShareController.for_session(ctx.session)
    titles = {
        PREVIEW: "Check what will be shared",
        DONE: "Your file is ready",
    }
    parts: list[ft.Control] = [heading(titles.get(ctl.stage, "Share with my doctor"))]
    if ctl.stage == PREVIEW and ctl.preview is not None:
        parts += preview_view(ctx, ctl)
    elif ctl.stage == DONE and ctl.outcome is not None:
        parts += done_view(ctx, ctl)
    else:
        parts += choose_view(ctx, ctl)
    parts.append(share_log_card(ctl))
    return screen_column(parts)


SCREEN = ScreenSpec(
    key="share",
    title="Share",
    icon=ft.Icons.IOS_SHARE_OUTLINED,
    selected_icon=ft.Icons.IOS_SHARE,
    build=build,
    in_bottom_bar=False,
    max_width=READING_WIDTH,
)

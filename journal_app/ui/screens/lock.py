"""First run (create the journal) and the lock screen (open it).

The passphrase cannot be recovered, so creating says so plainly and shows how strong the
chosen one is while it is typed. Unlocking runs off the UI thread and says so in words at
once; a progress ring joins them only if it takes longer than a moment (a slow phone).
After a few wrong passphrases the session asks for a growing wait; the screen counts it
down and keeps the Unlock button off until it is over (also in a tab opened meanwhile).

While the key is derived the form is off the screen, leaving the heading and the words.
Left on it, Flutter animated the field losing focus and the button turning off, a frame
every ~15 ms for ~250 ms; on a machine without a GPU each frame is drawn in software, on
the same cores the derivation needs (10 years, 12 unlocks alternating: the server's answer
~320 -> ~260 ms, Home on screen ~470 -> ~390 ms). A wrong passphrase brings the form back
as it was, with the reason.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import flet as ft

from journal_app import APP_NAME
from journal_app.app.session import NO_VAULT, AppSession
from journal_app.core.errors import WrongPassphrase
from journal_app.core.passphrase import estimate
from journal_app.core.throttle import wait_message
from journal_app.ui.screens.join import join_section
from journal_app.ui.widgets import body, heading, icon_button, muted, primary, rename_icon_button

# A spinning ring redraws the whole page every frame, which on a machine without a GPU
# took a core from the key derivation it was waiting for (unlock at 10 years: 531 -> 462 ms,
# 8 unlocks each, alternating). Words say the same at once; the ring is for a long wait.
RING_AFTER_SECONDS = 1.0
FORGOTTEN_WARNING = (
    "Please keep your passphrase somewhere safe. Your journal is encrypted with it, and "
    "nobody — not even us — can recover it if it is lost."
)


def strength_words(passphrase: str) -> str:
    """Feedback while typing, in plain words."""
    if not passphrase:
        return "Use a few words, or 12 or more characters."
    found = estimate(passphrase)
    return f"Strength: {found.label}. {found.advice}"


def start_count_down(page: ft.Page, count_down: Callable[[str], Awaitable[None]]) -> None:
    """Show a wait still running when the lock screen is built (wrong passphrases in
    another tab of this browser, or before a reload).

    A reloaded tab takes over its old page, whose lock screen is built as the old tab
    goes, between connections: Flet then has no loop to run the countdown on (its
    ``run_task`` fails), and the failure left the reloaded tab blank. The countdown is
    skipped then; Unlock, pressed during the wait, is refused and shows it.
    """
    if page.session.connection is None:
        return
    page.run_task(count_down, "")


def build_lock(
    page: ft.Page,
    session: AppSession,
    on_open: Callable[[], None],
    show_error: Callable[[BaseException], None],
    focus: Callable[[ft.Control], None] = lambda _control: None,
    ring_after: float = RING_AFTER_SECONDS,
) -> ft.Control:
    """The first screen of every session: create or unlock."""
    creating = session.state == NO_VAULT
    passphrase = ft.TextField(label="Passphrase", password=True, autofocus=True, width=360)
    confirmation = ft.TextField(label="Type it again", password=True, width=360)
    fields = [passphrase, confirmation]

    def toggle_reveal(_: ft.ControlEvent) -> None:
        hidden = not passphrase.password
        for field in fields:
            field.password = hidden
        rename_icon_button(
            reveal,
            "Show passphrase" if hidden else "Hide passphrase",
            ft.Icons.VISIBILITY if hidden else ft.Icons.VISIBILITY_OFF,
        )
        page.update()

    reveal = icon_button(ft.Icons.VISIBILITY, "Show passphrase", toggle_reveal)
    strength = muted(strength_words(""))
    message = ft.Text("", color=ft.Colors.ERROR, size=14)
    ring = ft.ProgressRing(visible=False, width=24, height=24)
    opening = "Creating your journal…" if creating else "Opening your journal…"
    # Always on the page, empty when idle: Flutter refuses a Semantics whose content is
    # hidden (it draws an error in its place), and a live region that is already there is
    # the one a screen reader reads when its words change.
    status = ft.Text("", size=14, color=ft.Colors.ON_SURFACE_VARIANT)
    said = ft.Semantics(live_region=True, container=True, content=status)

    def show_working(working: bool) -> None:
        status.value = opening if working else ""
        ring.visible = False
        form.visible = not working

    async def ring_if_slow() -> None:
        await asyncio.sleep(ring_after)
        ring.visible = True
        page.update()

    def on_type(_: ft.Event[ft.TextField]) -> None:
        strength.value = strength_words(passphrase.value or "")
        strength.update()

    def work() -> None:
        if creating:
            session.create(passphrase.value or "", confirmation.value or "")
        else:
            session.unlock(passphrase.value or "")

    async def count_down(reason: str) -> None:
        """Show the wait (with ``reason`` before it) and keep Unlock off until it is over."""
        while (left := session.unlock_wait()) > 0:
            text = f"{reason} {wait_message(left)}".strip()
            if text != message.value or not button.disabled:
                message.value = text
                button.disabled = True
                page.update()
            await asyncio.sleep(min(left, 0.2))
        message.value = reason
        button.disabled = False
        page.update()

    async def submit(_: ft.Event[ft.TextField]) -> None:
        if button.disabled:  # Enter while unlocking or waiting: the button's state rules
            return
        message.value = ""
        button.disabled = True
        show_working(True)
        page.update()
        slow = asyncio.ensure_future(ring_if_slow())
        try:
            await asyncio.to_thread(work)
        except Exception as exc:  # shown as one plain line; the journal stays locked
            slow.cancel()
            show_working(False)
            button.disabled = False
            message.value = str(exc) or type(exc).__name__
            page.update()
            focus(field_at_fault(exc))
            if not creating and session.unlock_wait() > 0:
                await count_down(message.value if isinstance(exc, WrongPassphrase) else "")
            return
        finally:
            slow.cancel()  # also when this handler itself is cancelled (the tab closed)
        on_open()

    def field_at_fault(exc: BaseException) -> ft.Control:
        """The second field when the two passphrases differ, else the first."""
        differ = creating and (confirmation.value or "") != (passphrase.value or "")
        return confirmation if differ and not isinstance(exc, WrongPassphrase) else passphrase

    label = "Create my journal" if creating else "Unlock"
    button = primary(label, submit, icon=ft.Icons.LOCK_OPEN)
    passphrase.on_submit = submit if not creating else None
    confirmation.on_submit = submit
    if creating:
        passphrase.on_change = on_type
        intro = [
            heading(f"Welcome to {APP_NAME}"),
            body(
                "A private place to work out what you need from therapy, cope with the "
                "search, and keep track of how you're doing. Everything stays on this "
                "device, encrypted."
            ),
            body("Choose a passphrase to protect your journal."),
            ft.Row([passphrase, reveal], wrap=True),
            strength,
            confirmation,
            ft.Container(
                body(FORGOTTEN_WARNING),
                bgcolor=ft.Colors.SECONDARY_CONTAINER,
                padding=12,
                border_radius=8,
            ),
        ]
    else:
        intro = [
            heading("Welcome back"),
            body("Your journal is locked. Type your passphrase to open it."),
            ft.Row([passphrase, reveal], wrap=True),
        ]
    if not creating and session.unlock_wait() > 0:
        start_count_down(page, count_down)
    # The heading stays; the form goes while the key is derived (see the module's note).
    # The words and the ring sit outside the form: a live region already on the page is
    # the one a screen reader reads when its words change.
    form = ft.Column([*intro[1:], ft.Row([button], wrap=True), message], spacing=14)
    if creating:  # a second device brings the journal instead of starting a new one
        form.controls.append(join_section(page, session, on_open))
    return ft.Container(
        ft.Column(
            [intro[0], form, ft.Row([ring, said], wrap=True)],
            spacing=14,
            width=420,
            scroll=ft.ScrollMode.AUTO,
        ),
        alignment=ft.Alignment.TOP_CENTER,
        padding=24,
        expand=True,
    )

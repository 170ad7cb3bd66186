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

from collections.abc import Awaitable, Callable

import flet as ft

from journal_app import APP_NAME
from journal_app.app.session import AppSession
from journal_app.core.passphrase import estimate
from journal_app.ui.screens.join import join_section
from journal_app.ui.screens.lock_form import LockForm
from journal_app.ui.widgets import body, heading, muted

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
    """The first screen of every session: create or unlock.

    ``show_error`` is kept for the shell's call: every refusal here is shown on the
    screen itself, as one plain line under the button."""
    lock = LockForm(page, session, on_open, focus, ring_after)
    intro = first_run_intro(lock) if lock.creating else unlock_intro(lock)
    if not lock.creating and session.unlock_wait() > 0:
        start_count_down(page, lock.count_down)
    # The heading stays; the form goes while the key is derived (see the module's note).
    # The words and the ring sit outside the form: a live region already on the page is
    # the one a screen reader reads when its words change.
    lock.form.controls = [*intro[1:], ft.Row([lock.button], wrap=True), lock.message]
    if lock.creating:  # a second device brings the journal instead of starting a new one
        lock.form.controls.append(join_section(page, session, on_open))
    return ft.Container(
        ft.Column(
            [intro[0], lock.form, ft.Row([lock.ring, lock.said], wrap=True)],
            spacing=14,
            width=420,
            scroll=ft.ScrollMode.AUTO,
        ),
        alignment=ft.Alignment.TOP_CENTER,
        padding=24,
        expand=True,
    )


def first_run_intro(lock: LockForm) -> list[ft.Control]:
    """The heading, then what the app is, the passphrase twice with its strength shown as
    it is typed, and the plain warning that nobody can recover it."""
    strength = muted(strength_words(""))

    def on_type(_: ft.Event[ft.TextField]) -> None:
        strength.value = strength_words(lock.passphrase.value or "")
        strength.update()

    lock.passphrase.on_change = on_type
    return [
        heading(f"Welcome to {APP_NAME}"),
        body(
            "A private place to work out what you need from therapy, cope with the "
            "search, and keep track of how you're doing. Everything stays on this "
            "device, encrypted."
        ),
        body("Choose a passphrase to protect your journal."),
        ft.Row([lock.passphrase, lock.reveal], wrap=True),
        strength,
        lock.confirmation,
        ft.Container(
            body(FORGOTTEN_WARNING),
            bgcolor=ft.Colors.SECONDARY_CONTAINER,
            padding=12,
            border_radius=8,
        ),
    ]


def unlock_intro(lock: LockForm) -> list[ft.Control]:
    """The heading, one line of what to do, and the one field."""
    return [
        heading("Welcome back"),
        body("Your journal is locked. Type your passphrase to open it."),
        ft.Row([lock.passphrase, lock.reveal], wrap=True),
    ]

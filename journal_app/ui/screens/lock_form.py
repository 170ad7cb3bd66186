"""The lock screen's form at work: the passphrase fields, the button, and what pressing
it does (create or unlock off the UI thread, the words and the ring while it runs, the
reason and the wait after a wrong passphrase).

While the key is derived the form is off the screen, leaving the heading and the words
(see the note in lock.py for the figures); a wrong passphrase brings it back as it was.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import flet as ft

from journal_app.app.session import NO_VAULT, AppSession
from journal_app.core.errors import WrongPassphrase
from journal_app.core.throttle import wait_message
from journal_app.ui.widgets import icon_button, primary, rename_icon_button


class LockForm:
    """What the person types and presses on the lock screen, and what follows.

    The screen's layout (lock.py) places these controls; the rules (how long to wait,
    whether a passphrase opens the journal) are the session's.
    """

    def __init__(
        self,
        page: ft.Page,
        session: AppSession,
        on_open: Callable[[], None],
        focus: Callable[[ft.Control], None],
        ring_after: float,
    ) -> None:
        self.page, self.session, self.on_open = page, session, on_open
        self.focus, self.ring_after = focus, ring_after
        self.creating = session.state == NO_VAULT
        self.passphrase = ft.TextField(label="Passphrase", password=True, autofocus=True, width=360)
        self.confirmation = ft.TextField(label="Type it again", password=True, width=360)
        self.reveal = icon_button(ft.Icons.VISIBILITY, "Show passphrase", self.toggle_reveal)
        self.message = ft.Text("", color=ft.Colors.ERROR, size=14)
        self.ring = ft.ProgressRing(visible=False, width=24, height=24)
        self.opening = "Creating your journal…" if self.creating else "Opening your journal…"
        # Always on the page, empty when idle: Flutter refuses a Semantics whose content is
        # hidden (it draws an error in its place), and a live region that is already there
        # is the one a screen reader reads when its words change.
        self.status = ft.Text("", size=14, color=ft.Colors.ON_SURFACE_VARIANT)
        self.said = ft.Semantics(live_region=True, container=True, content=self.status)
        label = "Create my journal" if self.creating else "Unlock"
        self.button = primary(label, self.submit, icon=ft.Icons.LOCK_OPEN)
        self.passphrase.on_submit = self.submit if not self.creating else None
        self.confirmation.on_submit = self.submit
        # Filled by the screen's layout: what leaves the screen while the key is derived.
        self.form = ft.Column([], spacing=14)

    def toggle_reveal(self, _: ft.ControlEvent) -> None:
        """Show or hide both fields at once, and say which the button will do next."""
        hidden = not self.passphrase.password
        for field in (self.passphrase, self.confirmation):
            field.password = hidden
        rename_icon_button(
            self.reveal,
            "Show passphrase" if hidden else "Hide passphrase",
            ft.Icons.VISIBILITY if hidden else ft.Icons.VISIBILITY_OFF,
        )
        self.page.update()

    def show_working(self, working: bool) -> None:
        """The words while the key is derived, and the form off the screen meanwhile."""
        self.status.value = self.opening if working else ""
        self.ring.visible = False
        self.form.visible = not working

    async def ring_if_slow(self) -> None:
        """The ring, only once the wait is long enough to need it (a slow phone)."""
        await asyncio.sleep(self.ring_after)
        self.ring.visible = True
        self.page.update()

    def work(self) -> None:
        """Create or unlock: run off the UI thread, it derives the key."""
        if self.creating:
            self.session.create(self.passphrase.value or "", self.confirmation.value or "")
        else:
            self.session.unlock(self.passphrase.value or "")

    async def count_down(self, reason: str) -> None:
        """Show the wait (with ``reason`` before it) and keep Unlock off until it is over."""
        while (left := self.session.unlock_wait()) > 0:
            text = f"{reason} {wait_message(left)}".strip()
            if text != self.message.value or not self.button.disabled:
                self.message.value = text
                self.button.disabled = True
                self.page.update()
            await asyncio.sleep(min(left, 0.2))
        self.message.value = reason
        self.button.disabled = False
        self.page.update()

    async def submit(self, _: ft.Event[ft.TextField]) -> None:
        """Create or unlock; a refusal is one plain line, and the journal stays locked."""
        if self.button.disabled:  # Enter while unlocking or waiting: the button's state rules
            return
        self.message.value = ""
        self.button.disabled = True
        self.show_working(True)
        self.page.update()
        slow = asyncio.ensure_future(self.ring_if_slow())
        try:
            await asyncio.to_thread(self.work)
        except Exception as exc:  # shown as one plain line; the journal stays locked
            slow.cancel()
            await self.refused(exc)
            return
        finally:
            slow.cancel()  # also when this handler itself is cancelled (the tab closed)
        self.on_open()

    async def refused(self, exc: Exception) -> None:
        """The form back as it was, the reason under it, the focus on the field at fault,
        and the wait counted down when wrong passphrases asked for one."""
        self.show_working(False)
        self.button.disabled = False
        self.message.value = str(exc) or type(exc).__name__
        self.page.update()
        self.focus(self.field_at_fault(exc))
        if not self.creating and self.session.unlock_wait() > 0:
            await self.count_down(self.message.value if isinstance(exc, WrongPassphrase) else "")

    def field_at_fault(self, exc: BaseException) -> ft.Control:
        """The second field when the two passphrases differ, else the first."""
        differ = self.creating and (self.confirmation.value or "") != (self.passphrase.value or "")
        if differ and not isinstance(exc, WrongPassphrase):
            return self.confirmation
        return self.passphrase

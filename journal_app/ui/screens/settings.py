"""Settings: how the app looks and locks, the passphrase, backups, and deleting everything."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

import flet as ft

from journal_app.app.imports import ImportProgress
from journal_app.core.errors import VaultError
from journal_app.core.journal import InvalidInput
from journal_app.ui.context import ScreenContext, ScreenSpec
from journal_app.ui.controllers.settings import (
    CONFIRM_WORD,
    BackupRow,
    SettingsController,
    progress_words,
    size_label,
)
from journal_app.ui.layout import READING_WIDTH
from journal_app.ui.screens.lock import strength_words
from journal_app.ui.screens.settings_parts import message_text, say, sized, sized_row
from journal_app.ui.screens.sync_card import full_copy_card, sync_card
from journal_app.ui.widgets import (
    body,
    card,
    fields_card,
    heading,
    muted,
    primary,
    screen_column,
    secondary,
    secret_field,
    subheading,
)

THEME_MODES = {"light": ft.ThemeMode.LIGHT, "dark": ft.ThemeMode.DARK}

T = TypeVar("T")  # what a setting's control hands its action (a choice's key, a switch's state)


def apply_theme(page: ft.Page, theme: str) -> None:
    page.theme_mode = THEME_MODES.get(theme, ft.ThemeMode.SYSTEM)
    page.update()


def dropdown(
    ctx: ScreenContext,
    label: str,
    value: str,
    choices: list[tuple[str, str]],
    on_pick: Callable[[str], None],
) -> ft.Control:
    """A labelled choice. A Semantics label merged into the dropdown's own node carries
    the label and the current choice, since screen readers don't hear a dropdown's
    floating label.

    It was the dropdown's tooltip; but Flutter's web engine ties a shown tooltip to its
    control with ``aria-owns`` and keeps it once the tooltip has gone and the screen has
    scrolled, pointing at a node no longer there (flet 1.0.5)."""
    words = dict(choices)

    def spoken(key: str) -> str:
        return f"{label}: {words.get(key, '')}"

    def picked(e: ft.Event[ft.Dropdown]) -> None:
        key = e.control.value or ""
        named.label = spoken(key)
        on_pick(key)

    choice = ft.Dropdown(
        label=label,
        value=value,
        options=[ft.DropdownOption(key=k, text=t) for k, t in choices],
        on_select=picked,
    )
    # Sized inside: the semantics wrappers have no width of their own.
    named = ft.Semantics(label=spoken(value), content=sized(ctx, choice))
    return ft.MergeSemantics(content=named)


def preferences_card(ctx: ScreenContext, ctl: SettingsController) -> ft.Control:
    def guarded(
        action: Callable[[T], object], after: Callable[[], None] | None = None
    ) -> Callable[[T], None]:
        def handler(value: T) -> None:
            try:
                action(value)
            except Exception as exc:
                ctx.show_error(exc)
                return
            if after:
                after()
            ctx.toast("Saved.")

        return handler

    theme = dropdown(
        ctx,
        "Theme",
        ctl.prefs.theme,
        ctl.theme_choices(),
        guarded(ctl.set_theme, lambda: apply_theme(ctx.page, ctl.prefs.theme)),
    )
    lock_after = dropdown(
        ctx,
        "Lock after",
        str(ctl.prefs.auto_lock_minutes),
        ctl.auto_lock_choices(),
        guarded(ctl.set_auto_lock),
    )
    country = dropdown(
        ctx,
        "Country for crisis resources",
        ctl.prefs.country,
        ctl.country_choices(),
        guarded(ctl.set_country),
    )
    calm = ft.Switch(
        label="Calm motion: keep the breathing shape still",
        value=ctl.prefs.calm_motion,
        on_change=lambda e: guarded(ctl.set_calm_motion)(bool(e.control.value)),
    )
    return card(
        subheading("Look and privacy"),
        theme,
        calm,
        lock_after,
        muted("Your journal locks itself after this long without activity."),
        country,
        muted("Which helplines to show if you ever need urgent support."),
    )


def passphrase_card(ctx: ScreenContext, ctl: SettingsController) -> ft.Control:
    def secret(label: str, **kw) -> ft.TextField:
        return secret_field(label, **kw)

    current = secret("Current passphrase")
    new = secret("New passphrase")
    again = secret("Type the new one again", what="the repeated passphrase")
    strength = muted(strength_words(""))
    message = message_text()

    def typed(_: ft.Event[ft.TextField]) -> None:
        strength.value = strength_words(new.value or "")
        strength.update()

    new.on_change = typed

    def work() -> str | None:
        try:
            ctl.change_passphrase(current.value or "", new.value or "", again.value or "")
        except (InvalidInput, VaultError) as exc:
            return str(exc)
        return None

    def done(problem: str | None) -> None:
        if problem:
            say(message, problem, error=True)
            return
        for f in (current, new, again):
            f.value = ""
        strength.value = strength_words("")
        say(message, "Your passphrase has been changed. Use the new one next time you unlock.")
        ctx.page.update()

    def change(_: ft.Event[ft.TextField]) -> None:
        say(message, "")
        ctx.run_busy("Changing your passphrase…", work, done)

    again.on_submit = change
    return card(
        subheading("Change passphrase"),
        muted(
            "Your entries stay exactly as they are; only the lock changes. A passphrase "
            "cannot be recovered if it's lost, so keep the new one somewhere safe."
        ),
        sized(ctx, current),
        sized(ctx, new),
        strength,
        sized(ctx, again),
        message,
        ft.Row([primary("Change passphrase", change, icon=ft.Icons.KEY)], wrap=True),
    )


def backups_card(ctx: ScreenContext, ctl: SettingsController) -> ft.Control:
    rows = ctl.backups()

    def restore(row: BackupRow) -> Callable[[ft.ControlEvent], None]:
        def do_restore() -> None:
            try:
                ctl.restore(row.number)
            except Exception as exc:
                ctx.show_error(exc)
                return
            ctx.refresh()  # the journal is locked now: the lock screen shows
            ctx.toast("Backup restored. Unlock your journal to see it.")

        def ask(_: ft.ControlEvent) -> None:
            ctx.confirm(
                f"Restore the backup from {row.when}?",
                "Your journal will go back to how it was then. How it is now is kept as "
                "another backup, so nothing is lost. Your journal will then lock, and you "
                "unlock it again with your passphrase.",
                "Restore",
                do_restore,
            )

        return ask

    lines: list[ft.Control] = [
        subheading("Backups"),
        muted(
            "An encrypted copy is kept automatically before the first change of each day "
            "(the newest 10)."
        ),
    ]
    if not rows:
        lines.append(muted("No backups yet. One is made before your first change each day."))
    for row in rows:
        lines.append(
            ft.ResponsiveRow(
                [
                    ft.Column(
                        [body(row.when), muted(f"Backup {row.number} · {row.size}")],
                        spacing=0,
                        col={"xs": 12, "sm": 8},
                    ),
                    ft.Container(
                        secondary(
                            f"Restore backup {row.number}", restore(row), icon=ft.Icons.RESTORE
                        ),
                        col={"xs": 12, "sm": 4},
                        alignment=ft.Alignment.CENTER_LEFT,
                    ),
                ],
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            )
        )
    return card(*lines)


class ImportProgressDialog:
    """A modal dialog with a real progress bar while an export is read, checked and saved.

    Ten years of jrnl take a few seconds; "Read 1,200 of 3,650 entries" says that something
    is happening and how much is left. A screen reader hears it politely, once a quarter,
    rather than at every step. ``show`` runs on the event loop, never the worker thread.
    """

    def __init__(self, page: ft.Page, title: str) -> None:
        self.page = page
        self.bar = ft.ProgressBar(
            value=None,
            bar_height=8,
            border_radius=4,
            semantics_label="Import progress, per cent",
        )
        self.words = ft.Text("Opening the file…", size=14)
        self.said = -1  # the last quarter announced
        self.closed = False
        self.dialog = ft.AlertDialog(
            modal=True,
            title=ft.Text(title, size=18),
            content=ft.Column(
                [ft.Semantics(container=True, content=self.bar), self.words],
                tight=True,
                spacing=12,
                width=360,
            ),
        )

    def close(self) -> None:
        self.closed = True
        self.page.pop_dialog()

    def fill(self, step: ImportProgress) -> None:
        """Set the bar and the words for ``step`` (``show`` then sends them)."""
        # The one write has no steps of its own: the bar runs on until it is done.
        self.bar.value = None if step.saving else step.fraction
        self.bar.semantics_value = None if step.saving else round(step.fraction * 100)
        self.words.value = progress_words(step)

    def show(self, step: ImportProgress) -> None:
        if self.closed:  # a late report after a refusal: nothing left to show it on
            return
        self.fill(step)
        self.dialog.update()
        quarter = 4 if step.saving else int(step.fraction * 4)
        if quarter > self.said:
            self.said = quarter
            self.page.run_task(_announce_politely, self.words.value)


async def _announce_politely(message: str) -> None:
    await ft.SemanticsService().announce_message(message, assertiveness=ft.Assertiveness.POLITE)


def import_card(ctx: ScreenContext, ctl: SettingsController) -> ft.Control:
    """Bring in a jrnl JSON export or a Day One export (its .zip or JSON), picked as a file.

    The picker hands over the file's bytes (``with_data``), so this works the same in a
    browser, on a phone and on a desktop; the checking and writing run off the UI thread
    behind a progress bar (``ImportProgressDialog``), which big exports need.
    """
    result = message_text()
    picker = ft.FilePicker()

    def done(sentence: str) -> None:
        say(result, sentence)
        ctx.toast(sentence)

    async def bring_in(data: bytes, name: str, size: int) -> None:
        view = ImportProgressDialog(ctx.page, f"Bringing in {name} ({size_label(size)})")
        ctx.page.show_dialog(view.dialog)
        loop = asyncio.get_running_loop()

        def heard(step: ImportProgress) -> None:  # on the worker thread
            loop.call_soon_threadsafe(view.show, step)

        try:
            sentence = await asyncio.to_thread(ctl.import_journal, data, name, heard)
        except Exception as exc:
            view.close()
            ctx.show_error(exc)
            return
        view.close()
        done(sentence)

    async def pick(_: ft.ControlEvent) -> None:
        try:
            files = await picker.pick_files(
                dialog_title="Choose a jrnl or Day One export",
                file_type=ft.FilePickerFileType.CUSTOM,
                allowed_extensions=["json", "zip"],
                with_data=True,
            )
        except Exception as exc:
            ctx.show_error(exc)
            return
        if not files:
            return  # cancelled: nothing to say
        chosen = files[0]
        data = chosen.bytes or b""
        say(result, "")
        await bring_in(data, chosen.name, chosen.size or len(data))

    return card(
        subheading("Bring in a journal"),
        muted(
            "Already keep a journal in jrnl or Day One? Export it (jrnl as JSON; Day One's "
            "zip as it comes) and bring it in here. Entries already in your journal are "
            "left out, so trying twice is safe."
        ),
        ft.Row([primary("Choose a file to bring in", pick, icon=ft.Icons.UPLOAD_FILE)], wrap=True),
        result,
    )


def erase_card(ctx: ScreenContext, ctl: SettingsController) -> ft.Control:
    typed = ft.TextField(label=f"Type {CONFIRM_WORD} to confirm")
    message = message_text()

    def erase(_: ft.Event[ft.Button]) -> None:
        if not ctl.erase_confirmed(typed.value or ""):
            say(
                message, f"To delete everything, type {CONFIRM_WORD} in capitals first.", error=True
            )
            return
        try:
            ctl.erase_everything(typed.value or "")
        except Exception as exc:
            say(message, str(exc), error=True)
            return
        apply_theme(ctx.page, "system")
        ctx.go("home")  # no journal now: the first-run screen shows
        ctx.toast("Everything has been deleted from this device.")

    return fields_card(
        subheading("Delete all my data"),
        body(
            "This permanently deletes your journal, its backups, files saved in the app's "
            "exports folder and your settings from this device. It cannot be undone. "
            "Files you've already shared or saved elsewhere, your other devices and a "
            "sync folder are not affected."
        ),
        sized_row(ctx, typed),
        message,
        ft.Row(
            [
                ft.FilledButton(
                    content="Delete all my data",
                    icon=ft.Icons.DELETE_FOREVER,
                    on_click=erase,
                    style=ft.ButtonStyle(bgcolor=ft.Colors.ERROR, color=ft.Colors.ON_ERROR),
                )
            ],
            wrap=True,
        ),
    )


def build(ctx: ScreenContext) -> ft.Control:
    ctl = SettingsController(ctx.session)
    return screen_column(
        [
            heading("Settings"),
            preferences_card(ctx, ctl),
            passphrase_card(ctx, ctl),
            sync_card(ctx),
            backups_card(ctx, ctl),
            full_copy_card(ctx),
            import_card(ctx, ctl),
            erase_card(ctx, ctl),
        ]
    )


SCREEN = ScreenSpec(
    key="settings",
    title="Settings",
    icon=ft.Icons.SETTINGS_OUTLINED,
    selected_icon=ft.Icons.SETTINGS,
    build=build,
    in_bottom_bar=False,
    max_width=READING_WIDTH,
)

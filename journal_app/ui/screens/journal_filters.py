"""Finding past entries: words to search for, a tag, a feeling, a range of days.

Every change goes to the controller (which searches) and then to ``shown``, which redraws
the list; "Clear search and filters" appears only while something narrows it.

The search box is always there; the tag and feeling menus and the days wait behind "More
filters" until asked for (or in use). A menu is the costliest control the browser draws:
Flutter lays out every one of its choices to size it, and the two took the Journal tab
from ~150 to ~250 ms at ten years (median of 12 visits each, alternating).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import flet as ft

from journal_app.core.journal import InvalidInput
from journal_app.ui.context import ScreenContext
from journal_app.ui.controllers.journal import JournalController
from journal_app.ui.widgets import labelled, pick_day

ANY = "__any__"
RANGE_FIRST_DAY = date(1990, 1, 1)  # the calendar's first day, as for an entry's date


class Filters:
    """The search box, the tag and feeling menus, the two ends of the date range."""

    def __init__(
        self,
        ctx: ScreenContext,
        ctrl: JournalController,
        shown: Callable[[], None],
        *,
        narrow: bool,
    ) -> None:
        self.ctx = ctx
        self.ctrl = ctrl
        self.shown = shown
        self.search = ft.TextField(
            label="Search entries",
            value=ctrl.words,
            prefix_icon=ft.Icons.SEARCH,
            on_change=self.searched,
            dense=True,
        )
        self.tag = self.menu("Tag", ctrl.tag, ctrl.set_tag)
        self.feeling = self.menu("Feeling", ctrl.feeling, ctrl.set_feeling)
        self.fill_options()
        self.since = self.day_button("since")
        self.until = self.day_button("until")
        self.clear = ft.TextButton(
            content="Clear search and filters",
            icon=ft.Icons.CLEAR,
            on_click=lambda _: self.cleared(),
            visible=ctrl.filtering,
        )
        self.narrow = narrow
        self.toggle = ft.TextButton(icon=ft.Icons.TUNE, on_click=lambda _: self.toggled())
        self.fold = ft.Column(spacing=10, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
        self.fill_fold()

    def controls(self) -> list[ft.Control]:
        """The search, "More filters", and (when shown) the menus and the days."""
        return [self.search, ft.Row([self.toggle]), self.fold]

    def fill_fold(self) -> None:
        """The menus and the days if shown; the toggle's words, hidden while one is in use
        (a filter at work stays in sight until cleared)."""
        ctrl = self.ctrl
        shown = ctrl.filters_shown
        self.fold.controls = [self.menus(), self.dates()] if shown else []
        self.toggle.content = "Fewer filters" if shown else "More filters"
        self.toggle.visible = not (ctrl.filters_shown and not ctrl.filters_open)

    def toggled(self) -> None:
        self.ctrl.toggle_filters()
        self.fill_fold()
        self.fold.update()
        self.toggle.update()

    def changed(self) -> None:
        """The list again, and "Clear" shown only while something narrows it."""
        self.shown()
        self.clear.visible = self.ctrl.filtering
        self.clear.update()
        self.toggle.visible = not (self.ctrl.filters_shown and not self.ctrl.filters_open)
        self.toggle.update()

    def searched(self, e: ft.Event[ft.TextField]) -> None:
        self.ctrl.set_search(e.control.value or "")
        self.changed()

    # --- tag and feeling -------------------------------------------------------------------

    def menu(
        self, label: str, value: str | None, choose: Callable[[str | None], None]
    ) -> ft.Dropdown:
        def picked(e: ft.Event[ft.Dropdown]) -> None:
            choose(None if e.control.value == ANY else e.control.value)
            self.changed()

        return ft.Dropdown(
            label=label, value=value or ANY, on_select=picked, expand=True, dense=True
        )

    def fill_options(self) -> bool:
        """The tags and feelings written so far (a save may add one); False when the same."""
        changed = False
        for menu, anything, words in (
            (self.tag, "Any tag", self.ctrl.tag_options()),
            (self.feeling, "Any feeling", self.ctrl.feeling_options()),
        ):
            if [o.key for o in menu.options or []] != [ANY, *words]:
                menu.options = [ft.DropdownOption(key=ANY, text=anything)]
                menu.options += [ft.DropdownOption(key=w, text=w) for w in words]
                changed = True
        return changed

    def menus(self) -> ft.Control:
        """The two menus: side by side, or one per line on a phone (each screen-wide)."""
        tag = labelled(self.tag, "Filter by tag")
        feeling = labelled(self.feeling, "Filter by feeling")
        if self.narrow:
            return ft.Column([ft.Row([tag]), ft.Row([feeling])])
        return ft.Row([tag, feeling], spacing=10)

    # --- the date range --------------------------------------------------------------------

    def day_button(self, end: str) -> ft.OutlinedButton:
        return ft.OutlinedButton(
            content=self.ctrl.range_words(end),
            icon=ft.Icons.CALENDAR_MONTH,
            on_click=self.choose_day(end),
        )

    def show_range(self) -> None:
        self.since.content = self.ctrl.range_words("since")
        self.until.content = self.ctrl.range_words("until")

    def choose_day(self, end: str) -> Callable[[Any], None]:
        """A calendar for one end of the date range: nobody types YYYY-MM-DD."""
        ctx, ctrl = self.ctx, self.ctrl

        def picked(day: date) -> None:
            problem = (ctrl.set_since if end == "since" else ctrl.set_until)(day)
            if problem:
                ctx.show_error(InvalidInput(problem))
                return
            self.show_range()
            self.since.update()
            self.until.update()
            self.changed()

        def opened(_: Any) -> None:
            today = ctx.session.today()
            chosen = ctrl.since if end == "since" else ctrl.until
            pick_day(
                ctx.page,
                initial=chosen or today,
                first=RANGE_FIRST_DAY,
                last=today,
                help_text="Show entries from" if end == "since" else "Show entries up to",
                on_pick=picked,
            )

        return opened

    def dates(self) -> ft.Control:
        return ft.Row([self.since, self.until], wrap=True, spacing=10, run_spacing=6)

    def cleared(self) -> None:
        self.ctrl.clear_filters()
        self.search.value, self.tag.value, self.feeling.value = "", ANY, ANY
        self.show_range()
        self.search.update()
        self.fill_fold()  # the filters go out of sight unless asked for
        self.fold.update()
        self.changed()

    def options_changed(self) -> None:
        """After a save: a new tag or feeling joins the menus (if they are on screen)."""
        if self.fill_options() and self.ctrl.filters_shown:
            self.fold.update()

"""Journal: write how the search is going, try a coping exercise, and find past entries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import flet as ft

from journal_app.app.clock import local_time
from journal_app.core.journal import InvalidInput
from journal_app.core.records import Entry
from journal_app.ui.breathing_start import breathing_button
from journal_app.ui.context import ScreenContext, ScreenSpec
from journal_app.ui.controllers.journal import (
    JournalController,
    controller_for,
    coping_line,
    entry_date,
    entry_meta,
    first_lines,
)
from journal_app.ui.draft_banner import draft_banner, offer_undo
from journal_app.ui.widgets import (
    body,
    fields_card,
    heading,
    icon_button,
    icon_note,
    labelled,
    markdown_preview,
    muted,
    own_markdown,
    pick_day,
    primary,
    screen_column,
    secondary,
    subheading,
    typing_only,
    undo_snackbar,
)

ANY = "__any__"
RANGE_FIRST_DAY = date(1990, 1, 1)  # the calendar's first day, as for an entry's date
NO_EXERCISE = "__none__"


def error_text(message: str | None) -> ft.Text:
    return ft.Text(message or "", color=ft.Colors.ERROR, size=14, visible=bool(message))


def rating_slider(
    label: str,
    value: int | None,
    on_change: Callable[[int | None], None],
    *,
    clearable: bool = False,
) -> ft.Control:
    """A 0-10 slider with one accessible name and its value in words.

    Flutter's own slider reads its position as a percentage ("50") whatever the rating,
    and the web engine leaves its range input unnamed, so the slider's semantics are
    replaced by one node: "Anxiety: 7 of 10", valued "7 of 10" or "not rated", that arrow
    keys and a screen reader's swipe raise and lower. The meaning is in the name too: the
    web engine's range input holds a stand-in number as its value (the words go to
    aria-valuetext, and only once the value changes while no pointer is in use), so the
    name is what every reader of the tree is sure to get. With ``clearable``, a "Clear
    rating" button puts it back to not rated.
    """
    current: list[int | None] = [value]
    shown = ft.Text(rating_words(label, value), size=15, weight=ft.FontWeight.W_600)
    slider = ft.Slider(value=value if value is not None else 0, min=0, max=10, divisions=10)
    named = ft.Semantics(
        container=True,
        slider=True,
        label=rating_words(label, value),
        exclude_semantics=True,
        content=slider,
    )

    def show(number: int | None) -> None:
        current[0] = number
        on_change(number)
        shown.value = rating_words(label, number)
        named.label = rating_words(label, number)
        named.value = rating_value(number)
        named.increased_value = rating_value(min(10, (number or 0) + 1))
        named.decreased_value = rating_value(max(0, (number if number is not None else 1) - 1))
        slider.value = number if number is not None else 0

    def changed(e: ft.Event[ft.Slider]) -> None:
        show(int(round(e.control.value or 0)))
        named.update()
        shown.update()

    def step(by: int) -> Callable[[Any], None]:
        def handler(_: Any) -> None:
            start = current[0] if current[0] is not None else (0 if by > 0 else 1)
            show(max(0, min(10, start + by)))
            named.update()
            shown.update()

        return handler

    def cleared(_: Any) -> None:
        show(None)
        named.update()
        shown.update()

    slider.on_change = changed
    named.on_increase = step(1)
    named.on_decrease = step(-1)
    named.value = rating_value(value)
    named.increased_value = rating_value(min(10, (value or 0) + 1))
    named.decreased_value = rating_value(max(0, (value if value is not None else 1) - 1))
    # The words above repeat the slider's own name and value: shown, not read twice.
    top: list[ft.Control] = [
        ft.Container(ft.Semantics(exclude_semantics=True, content=shown), expand=True)
    ]
    if clearable:
        top.append(ft.TextButton(content=f"Clear {label.lower()}", on_click=cleared))
    ends = ft.Semantics(
        exclude_semantics=True,
        content=ft.Row(
            [muted("0 calm"), muted("10 very anxious")],
            alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
        ),
    )
    return ft.Column(
        [ft.Row(top, vertical_alignment=ft.CrossAxisAlignment.CENTER), named, ends],
        spacing=2,
    )


def rating_value(value: int | None) -> str:
    """What a screen reader says the slider is at: "7 of 10", or "not rated"."""
    return "not rated" if value is None else f"{value} of 10"


def rating_words(label: str, value: int | None) -> str:
    """The words shown above the slider: "Anxiety: 7 of 10" or "Anxiety: not rated"."""
    return f"{label}: {rating_value(value)}"


# --- the form --------------------------------------------------------------------------------


def _form(
    ctx: ScreenContext,
    ctrl: JournalController,
    focus: str | None,
    after_save: Callable[[], None],
    redraw: Callable[[], None] = lambda: None,
) -> ft.Control:
    """The entry form; ``redraw`` draws it again in place (after the draft banner's buttons)."""
    form = ctrl.form
    error = error_text(ctrl.error)
    fields: dict[str, ft.Control] = {}  # the parts focus can be sent to, by ctrl.focus name

    def focus_fault() -> None:
        """After a refusal: focus on the field it is about (the controller names it)."""
        target = fields.get(ctrl.take_focus() or "")
        if target is not None:
            ctx.focus(target)

    def show_error(message: str | None) -> None:
        error.value = message or ""
        error.visible = bool(message)
        error.update()

    # writing, with a preview of the Markdown
    writing = ft.Column(spacing=6, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)

    def typed(e: ft.Event[ft.TextField]) -> None:
        had_error = bool(ctrl.error)
        ctrl.set_text(e.control.value or "")
        if had_error and not ctrl.error:
            show_error(None)

    def fill_writing() -> None:
        if ctrl.preview:
            shown: ft.Control = markdown_preview(form.text)
        else:
            shown = ft.TextField(
                label="What's on your mind?",
                value=form.text,
                hint_text="Write freely. Markdown works: *italic*, **bold**, - lists.",
                multiline=True,
                min_lines=5,
                max_lines=16,
                on_change=typing_only(typed),
                on_focus=ctx.active,
            )
            fields["writing"] = shown
        toggle = ft.Switch(label="Preview", value=ctrl.preview, on_change=toggled)
        writing.controls = [shown, toggle]

    def toggled(_: Any) -> None:
        ctrl.toggle_preview()
        fill_writing()
        writing.update()

    fill_writing()

    # how anxious
    anxiety_part = rating_slider("Anxiety", form.anxiety, ctrl.set_anxiety, clearable=True)

    # feelings
    chips = ft.Row(wrap=True, spacing=6, run_spacing=6)

    def chip_handler(name: str) -> Callable[[ft.Event[ft.Chip]], None]:
        def picked(e: ft.Event[ft.Chip]) -> None:
            e.control.selected = ctrl.toggle_feeling(name)
            e.control.update()

        return picked

    def fill_chips() -> None:
        chips.controls = [
            ft.Chip(
                label=name,  # a plain string: one control a chip, not two
                selected=ctrl.is_feeling_chosen(name),
                on_select=chip_handler(name),
            )
            for name in ctrl.feeling_choices()
        ]

    fill_chips()
    new_feeling = ft.TextField(
        label="Add a feeling",
        value=form.new_feeling,
        on_change=typing_only(lambda e: ctrl.set_new_feeling(e.control.value or "")),
        on_focus=ctx.active,
        on_submit=lambda _: add_feeling(),
        expand=True,
        dense=True,
    )

    def add_feeling() -> None:
        if ctrl.add_feeling():
            new_feeling.value = ""
            fill_chips()
            chips.update()
            new_feeling.update()
            show_error(None)
        else:
            show_error(ctrl.error)
            ctx.focus(new_feeling)

    feelings_part = ft.Column(
        [
            body("How are you feeling? Choose any that fit."),
            chips,
            ft.Row(
                [
                    new_feeling,
                    icon_button(ft.Icons.ADD, "Add feeling", lambda _: add_feeling()),
                ],
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            ),
        ],
        spacing=8,
    )

    tags = ft.TextField(
        label="Tags",
        value=form.tags_text,
        helper="Separate tags with commas",
        on_change=typing_only(lambda e: ctrl.set_tags(e.control.value or "")),
        on_focus=ctx.active,
        dense=True,
    )

    # an optional coping exercise, right here
    coping = ft.Column(spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)

    def coping_chosen(e: ft.Event[ft.Dropdown]) -> None:
        key = e.control.value
        ctrl.choose_coping(None if key in (None, NO_EXERCISE) else key)
        fill_coping()
        coping.update()

    def fill_coping() -> None:
        options = [ft.DropdownOption(key=NO_EXERCISE, text="No exercise this time")]
        options += [ft.DropdownOption(key=k, text=t) for k, t in ctrl.coping_options()]
        parts: list[ft.Control] = [
            ft.Row(
                [
                    labelled(
                        ft.Dropdown(
                            label="Coping exercise (optional)",
                            value=form.coping_id or NO_EXERCISE,
                            options=options,
                            on_select=coping_chosen,
                            expand=True,
                        ),
                        "Coping exercise (optional)",
                    )
                ]
            )
        ]
        parts.append(ft.Row([breathing_button(ctx, "journal")]))
        exercise = ctrl.exercise()
        if exercise is not None:
            minutes = f" · about {exercise.minutes} minutes" if exercise.minutes else ""
            parts.append(
                ft.Container(
                    ft.Column(
                        [
                            subheading(exercise.title, size=16),
                            muted(exercise.why + minutes),
                            *[body(step) for step in exercise.numbered_steps()],
                        ],
                        spacing=6,
                    ),
                    bgcolor=ft.Colors.SECONDARY_CONTAINER,
                    border_radius=12,
                    padding=14,
                )
            )
        if form.coping_id is not None:
            after = rating_slider(
                "Anxiety now",
                form.anxiety_after,
                ctrl.set_anxiety_after,
                clearable=True,
            )
            parts.append(after)
        coping.controls = parts

    fill_coping()

    when_part = _when_row(ctx, ctrl, show_error)

    # actions
    def save(_: Any) -> None:
        try:
            saved = ctrl.save()
        except Exception as exc:  # noqa: BLE001 - told plainly, the draft kept
            ctx.show_error(exc)
            return
        if saved is None:
            show_error(ctrl.error)
            focus_fault()
            return
        after_save()
        notice = ctrl.take_notice()
        if notice:
            ctx.toast(notice)

    def cancel(_: Any) -> None:
        ctrl.cancel_edit()
        ctx.refresh()

    fields["tags"] = tags
    fields["new_feeling"] = new_feeling
    if focus in fields:
        ctx.focus(fields[focus])
    editing = ctrl.editing_id is not None
    buttons: list[ft.Control] = [
        primary("Save changes" if editing else "Save entry", save, icon=ft.Icons.SAVE)
    ]
    if editing:
        buttons.append(secondary("Cancel editing", cancel))
    top: list[ft.Control] = [subheading("Edit entry" if editing else "New entry")]
    if ctrl.notice:  # just saved: say so here, where the person is looking
        top.insert(0, _saved_banner(ctrl.notice))
    if ctrl.showing_draft():  # kept from before the lock: say so, above the form
        top.insert(0, _draft_part(ctx, ctrl, redraw))
    return fields_card(
        *top,
        writing,  # first, so a new entry starts where the person types
        anxiety_part,
        feelings_part,
        tags,
        coping,
        when_part,  # back-dating is the rare case: after the entry itself
        error,
        ft.Row(buttons, wrap=True, spacing=10, run_spacing=10),
    )


def _draft_part(
    ctx: ScreenContext, ctrl: JournalController, redraw: Callable[[], None]
) -> ft.Control:
    """ "You were writing this": keep going (focus to the writing) or discard (undoable)."""

    def keep() -> None:
        ctrl.keep_going()
        redraw()

    def undo() -> None:
        try:
            ctrl.undo_discard()
        except Exception as exc:  # noqa: BLE001 - told plainly
            ctx.show_error(exc)
            return
        redraw()

    def discard() -> None:
        try:
            ctrl.discard_draft()
        except Exception as exc:  # noqa: BLE001 - told plainly, the draft kept
            ctx.show_error(exc)
            return
        redraw()
        offer_undo(ctx, undo)

    return draft_banner(ctx, ctrl.form_key, on_keep=keep, on_discard=discard)


def _saved_banner(notice: str) -> ft.Control:
    """The confirmation of a save, at the top of the form rather than below the fold; a
    live region, so a screen reader says it too."""
    return ft.Semantics(
        live_region=True,
        container=True,
        content=icon_note(ft.Icons.CHECK_CIRCLE, f"{notice} It's in Your entries below.", size=15),
    )


def _when_row(
    ctx: ScreenContext, ctrl: JournalController, show_error: Callable[[str | None], None]
) -> ft.Control:
    """When it happened: now, or a day picked from a calendar (writing about yesterday)."""
    words = ft.Text(size=14)

    back_to_now = ft.TextButton(content="Back to now", icon=ft.Icons.UNDO, visible=False)

    def show() -> None:
        """The words say when; "Back to now" is offered only once a day was picked."""
        at = ctrl.form.at
        words.value = "When: now" if at is None else f"When: {entry_date_words(local_time(at))}"
        back_to_now.visible = at is not None

    def picked(e: Any) -> None:
        value = e.control.value
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date) and ctrl.set_when(value):
            show_error(None)
        else:
            show_error(ctrl.error)
        show()
        row.update()

    def choose(_: Any) -> None:
        today = ctx.session.today()
        ctx.page.show_dialog(
            ft.DatePicker(
                value=datetime.combine(ctrl.when_day(), datetime.min.time()),
                first_date=datetime(1990, 1, 1),
                last_date=datetime.combine(today, datetime.min.time()),
                help_text="When did this happen?",
                on_change=picked,
            )
        )

    def now(_: Any) -> None:
        ctrl.set_when(None)
        show()
        row.update()

    back_to_now.on_click = now
    show()
    row = ft.Row(
        [
            words,
            ft.TextButton(content="Change the day", icon=ft.Icons.CALENDAR_MONTH, on_click=choose),
            back_to_now,
        ],
        wrap=True,
        spacing=4,
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )
    return row


def entry_date_words(moment: datetime) -> str:
    """ "Sunday 29 November 2026, 21:30", the way the entry list shows days."""
    return f"{moment:%A} {moment.day} {moment:%B %Y, %H:%M}"


# --- the list --------------------------------------------------------------------------------


def _entry_tile(
    ctx: ScreenContext,
    ctrl: JournalController,
    entry: Entry,
    redraw: Callable[[], None],
    *,
    just_saved: bool = False,
) -> ft.Control:
    expanded = ctrl.expanded_id == entry.id

    def toggle(_: Any) -> None:
        ctrl.toggle_expanded(entry.id)
        redraw()

    tile = ft.ListTile(
        title=ft.Text(entry_date(entry), weight=ft.FontWeight.W_600),
        subtitle=_tile_subtitle(entry, expanded),
        trailing=ft.Icons.EXPAND_LESS if expanded else ft.Icons.EXPAND_MORE,  # no Icon control
        on_click=toggle,
        content_padding=ft.Padding.only(left=8, right=8),
    )
    if not expanded:
        return ft.Container(tile, border=ft.Border.only(bottom=_hairline()))

    def edit(_: Any) -> None:
        ctrl.start_edit(entry.id)
        ctx.refresh()

    def undo() -> None:
        try:
            ctrl.undo_delete()
        except Exception as exc:  # noqa: BLE001 - told plainly
            ctx.show_error(exc)
            return
        ctrl.take_notice()
        redraw()
        ctx.toast("The entry is back.")

    def delete(_: Any) -> None:
        """Delete at once and offer Undo, rather than asking first."""
        was_editing = ctrl.editing_id == entry.id
        try:
            ctrl.delete(entry.id)
        except Exception as exc:  # noqa: BLE001 - told plainly
            ctx.show_error(exc)
            return
        ctrl.take_notice()
        if was_editing:
            ctx.refresh()  # the form held this entry: start it afresh
        else:
            redraw()  # stay where the person was in the list
        undo_snackbar(ctx.page, f"Deleted the entry from {entry_date(entry)}.", undo)

    details: list[ft.Control] = [own_markdown(entry.text)]
    tried = coping_line(entry)
    if tried:
        details.append(muted(tried))
    edit_button = secondary("Edit entry", edit, icon=ft.Icons.EDIT_OUTLINED)
    if just_saved:  # focus on the entry just saved: the new content, after the toast
        ctx.focus(edit_button)
    details.append(
        ft.Row(
            [
                edit_button,
                ft.TextButton(
                    content="Delete entry",
                    icon=ft.Icons.DELETE_OUTLINE,
                    on_click=delete,
                    style=ft.ButtonStyle(color=ft.Colors.ERROR),
                ),
            ],
            wrap=True,
            spacing=8,
        )
    )
    return ft.Container(
        ft.Column(
            [tile, ft.Container(ft.Column(details, spacing=8), padding=ft.Padding.all(12))],
            spacing=0,
        ),
        bgcolor=ft.Colors.SURFACE_CONTAINER_LOW,
        border_radius=8,
    )


def _tile_subtitle(entry: Entry, expanded: bool) -> ft.Text | None:
    """The tile's second line: its tags and feelings, then (folded) its first lines.

    One Text with a span rather than a Column of two Texts: every control sent costs
    Flet's diff and Flutter's rebuild, and the list has a row per entry shown.
    """
    meta = entry_meta(entry)
    preview = "" if expanded else first_lines(entry.text)
    if not meta and not preview:
        return None
    if not meta:
        return ft.Text(preview, size=14, max_lines=2)
    if not preview:
        return ft.Text(meta, size=13, color=ft.Colors.PRIMARY)
    return ft.Text(
        meta,
        size=13,
        color=ft.Colors.PRIMARY,
        max_lines=3,  # the meta line and two lines of the entry
        spans=[
            ft.TextSpan(
                "\n" + preview,
                style=ft.TextStyle(size=14, color=ft.Colors.ON_SURFACE_VARIANT, height=1.35),
            )
        ],
    )


def _hairline() -> ft.BorderSide:
    return ft.BorderSide(1, ft.Colors.OUTLINE_VARIANT)


def _entries(
    ctx: ScreenContext, ctrl: JournalController, focus: str | None
) -> tuple[ft.Control, Callable[[str | None], None]]:
    """The search, the filters and the list; and how to show the list again after a
    save (focusing on the entry saved when ``focus`` is "saved")."""
    listing = ft.Column(spacing=4)
    count = muted("")
    clear = ft.TextButton(
        content="Clear search and filters",
        icon=ft.Icons.CLEAR,
        on_click=lambda _: cleared(),
    )

    drawn: list[Any] = [None]  # what the listing shows now, to skip needless redraws
    focus_saved = [focus == "saved"]  # the next fill focuses on the entry just saved

    def redraw() -> None:
        if fill():
            listing.update()
        count.update()
        clear.update()

    def more(_: Any) -> None:
        ctrl.show_more()
        redraw()

    def fill() -> bool:
        """Set the count and the rows; False when the rows would be the same as shown."""
        count.value = ctrl.count_text()
        clear.visible = ctrl.filtering
        visible = ctrl.visible()
        shown = (tuple((e.id, e.updated_at) for e in visible), ctrl.expanded_id, ctrl.has_more)
        if shown == drawn[0]:
            return False  # typing that finds the same entries: nothing to send
        saved = ctrl.expanded_id if focus_saved[0] else None
        focus_saved[0] = False
        drawn[0] = shown
        rows: list[ft.Control] = [
            _entry_tile(ctx, ctrl, e, redraw, just_saved=e.id == saved) for e in visible
        ]
        if ctrl.has_more:
            rows.append(
                ft.Container(
                    secondary("Show more", more, icon=ft.Icons.EXPAND_MORE),
                    alignment=ft.Alignment.CENTER,
                    padding=8,
                )
            )
        listing.controls = rows
        return True

    fill()

    def searched(e: ft.Event[ft.TextField]) -> None:
        ctrl.set_search(e.control.value or "")
        redraw()

    def picked_tag(e: ft.Event[ft.Dropdown]) -> None:
        ctrl.set_tag(None if e.control.value == ANY else e.control.value)
        redraw()

    def picked_feeling(e: ft.Event[ft.Dropdown]) -> None:
        ctrl.set_feeling(None if e.control.value == ANY else e.control.value)
        redraw()

    search = ft.TextField(
        label="Search entries",
        value=ctrl.words,
        prefix_icon=ft.Icons.SEARCH,
        on_change=searched,
        dense=True,
    )
    tag_filter = ft.Dropdown(
        label="Tag",
        value=ctrl.tag or ANY,
        on_select=picked_tag,
        expand=True,
        dense=True,
    )
    feeling_filter = ft.Dropdown(
        label="Feeling",
        value=ctrl.feeling or ANY,
        on_select=picked_feeling,
        expand=True,
        dense=True,
    )

    def fill_options() -> bool:
        """The tags and feelings written so far (a save may add one); False when the same."""
        changed = False
        for menu, anything, words in (
            (tag_filter, "Any tag", ctrl.tag_options()),
            (feeling_filter, "Any feeling", ctrl.feeling_options()),
        ):
            if [o.key for o in menu.options or []] != [ANY, *words]:
                menu.options = [ft.DropdownOption(key=ANY, text=anything)]
                menu.options += [ft.DropdownOption(key=w, text=w) for w in words]
                changed = True
        return changed

    fill_options()
    since_button, until_button = (
        ft.OutlinedButton(content=ctrl.range_words(end), icon=ft.Icons.CALENDAR_MONTH)
        for end in ("since", "until")
    )

    def show_range() -> None:
        since_button.content = ctrl.range_words("since")
        until_button.content = ctrl.range_words("until")

    def choose_day(end: str) -> Callable[[Any], None]:
        """A calendar for one end of the date range: nobody types YYYY-MM-DD."""

        def picked(day: date) -> None:
            problem = (ctrl.set_since if end == "since" else ctrl.set_until)(day)
            if problem:
                ctx.show_error(InvalidInput(problem))
                return
            show_range()
            since_button.update()
            until_button.update()
            redraw()

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

    since_button.on_click = choose_day("since")
    until_button.on_click = choose_day("until")
    month = secondary("Month at a glance", lambda _: ctx.go("month"), icon=ft.Icons.CALENDAR_MONTH)
    dates = ft.Row([since_button, until_button, month], wrap=True, spacing=10, run_spacing=6)

    def cleared() -> None:
        ctrl.clear_filters()
        search.value, tag_filter.value, feeling_filter.value = "", ANY, ANY
        show_range()
        for control in (search, tag_filter, feeling_filter, since_button, until_button):
            control.update()
        redraw()

    tag_named = labelled(tag_filter, "Filter by tag")
    feeling_named = labelled(feeling_filter, "Filter by feeling")
    if ctx.narrow:  # one filter per line on a phone, each as wide as the screen
        filters: ft.Control = ft.Column([ft.Row([tag_named]), ft.Row([feeling_named])])
        status: ft.Control = ft.Column(
            [count, clear], spacing=0, horizontal_alignment=ft.CrossAxisAlignment.START
        )
    else:
        filters = ft.Row([tag_named, feeling_named], spacing=10)
        status = ft.Row(
            [ft.Container(count, expand=True), clear],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        )

    def after_save(focus: str | None) -> None:
        focus_saved[0] = focus == "saved"
        redraw()
        if fill_options():
            filters.update()

    card = fields_card(subheading("Your entries"), search, filters, dates, status, listing)
    return card, after_save


def build(ctx: ScreenContext) -> ft.Control:
    ctrl = controller_for(ctx.session)
    ctrl.reload()  # another screen (an import, say) may have added entries
    focus = ctrl.take_focus()
    entries, list_saved = _entries(ctx, ctrl, focus)
    form = ft.Container()

    def saved() -> None:
        """A save redraws the form and the list in place, not the whole screen: the
        filters and the search stay as they were, and Flutter rebuilds less (the save
        took 300-370 ms at ten years when the screen was sent again)."""
        focus = ctrl.take_focus()
        form.content = _form(ctx, ctrl, focus, saved, redraw)
        form.update()
        list_saved(focus)
        ctx.changed()

    def redraw() -> None:
        """The form alone, drawn again (the draft banner's Keep going, Discard, Undo)."""
        form.content = _form(ctx, ctrl, ctrl.take_focus(), saved, redraw)
        form.update()

    form.content = _form(ctx, ctrl, focus, saved, redraw)
    return screen_column(
        [
            heading("Journal"),
            muted("A private place to put the search into words. Only you can read it."),
            form,
            entries,
        ]
    )


SCREEN = ScreenSpec(
    key="journal",
    title="Journal",
    icon=ft.Icons.EDIT_NOTE_OUTLINED,
    selected_icon=ft.Icons.EDIT_NOTE,
    build=build,
    prepare=lambda session: controller_for(session).prepare(),
    in_bottom_bar=True,
)

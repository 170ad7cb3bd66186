"""Shortlist: therapists to consider, best fit first, each fit explained in words.

The screen draws ``ShortlistController`` state and forwards events; after an action the
column is refilled in place (the scroll position stays) and reached milestones are
celebrated.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import flet as ft

from journal_app.core.drafts import CANDIDATE_NEW, candidate_edit, candidate_notes
from journal_app.core.shortlist import MET, MISSED, mid_sentence
from journal_app.ui.context import ScreenContext, ScreenSpec
from journal_app.ui.controllers.shortlist import (
    REFERRAL_KIND_LABELS,
    CandidateCard,
    CandidateDraft,
    ComparisonView,
    ReasonRow,
    ShortlistController,
    ShortlistState,
)
from journal_app.ui.draft_banner import draft_banner, offer_undo
from journal_app.ui.in_place import InPlaceView
from journal_app.ui.widgets import (
    body,
    heading,
    icon_button,
    icon_note,
    muted,
    primary,
    screen_column,
    secondary,
    subheading,
    typing_only,
    undo_snackbar,
)

REASON_ICONS = {
    MET: (ft.Icons.CHECK_CIRCLE_OUTLINE, ft.Colors.PRIMARY),
    MISSED: (ft.Icons.REMOVE_CIRCLE_OUTLINE, ft.Colors.ERROR),
}
UNKNOWN_ICON = (ft.Icons.HELP_OUTLINE, ft.Colors.ON_SURFACE_VARIANT)
CELL_ICONS = {
    "met": REASON_ICONS[MET],
    "missed": REASON_ICONS[MISSED],
    "asked": (ft.Icons.QUESTION_ANSWER_OUTLINED, ft.Colors.ON_SURFACE_VARIANT),
    "not known": UNKNOWN_ICON,
}


def compare_hint(ticked: int) -> str:
    """What the Compare boxes do, and how many more to tick."""
    if ticked >= 2:
        return f"Comparing {ticked} side by side below (up to 4)."
    more = "two" if ticked == 0 else "one more"
    return f"Tick “Compare” on {more} to see them side by side (up to 4)."


def reason_line(reason: ReasonRow) -> ft.Control:
    """An icon and the words; the words alone say met, missed or not known."""
    icon, color = REASON_ICONS.get(reason.outcome, UNKNOWN_ICON)
    return ft.Row(
        [ft.Icon(icon, size=18, color=color), ft.Text(reason.text, size=14, expand=True)],
        vertical_alignment=ft.CrossAxisAlignment.START,
        spacing=8,
    )


def headline(sentence: str) -> str:
    """The fit's first clause ("Meets 1 of 6 must-haves; 5 worth asking."): the reasons
    are listed one per line below it, so the rest of the sentence would only repeat them."""
    cut = min((i for i in (sentence.find(":"), sentence.find(". ")) if i >= 0), default=-1)
    head = sentence if cut < 0 else sentence[:cut].rstrip(".") + "."
    done = "Nothing left worth asking."  # the fit is complete: that is news, say it
    return f"{head} {done}" if sentence.endswith(done) and not head.endswith(done) else head


def stretch_card(controls: list[ft.Control]) -> ft.Card:
    """A card whose fields use the full width (narrow fields look cramped on a phone)."""
    return ft.Card(
        content=ft.Container(
            ft.Column(controls, spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
            padding=16,
        )
    )


class ShortlistView(InPlaceView):
    def __init__(self, ctx: ScreenContext) -> None:
        self.ctx = ctx
        self.ctrl = ShortlistController.for_session(ctx.session)
        self.column = screen_column([])
        self.top_parts = 0  # how many of the column's parts come before the people

    def fill(self, update: bool = True) -> None:
        self.column.controls = self.parts(self.ctrl.state())
        if update:
            self.column.update()

    def act(
        self, action: Callable[[], Any], *, inline: bool = False, said: str | None = None
    ) -> Callable[[Any], None]:
        """Do it, redraw in place, celebrate anything reached (``said``: a short toast)."""

        def handler(_: Any) -> None:
            done, result = self.attempt(action, inline=inline)
            if not done:
                return
            if said:
                self.ctx.toast(said)
            if isinstance(result, tuple):  # (candidate, celebrations) from add
                self.ctx.toast(f"{result[0].name} is on your shortlist.")
                result = result[1]
            if isinstance(result, list) and result:
                self.ctx.celebrate(result)

        return handler

    # --- the screen -------------------------------------------------------------------------

    def parts(self, state: ShortlistState) -> list[ft.Control]:
        out: list[ft.Control] = [heading("Shortlist")]
        if state.cards:
            out.append(
                muted(
                    "Best fit first, measured against what you said matters to you. "
                    "It's a starting point for thinking, not a verdict."
                )
            )
        else:
            out.append(body("Nobody on your shortlist yet. Add anyone you've heard of."))
        if state.nudge:
            out.append(icon_note(ft.Icons.LIGHTBULB_OUTLINE, state.nudge))
        if state.cards and not state.has_profile:
            out.append(
                ft.Row(
                    [
                        muted("Tell the app what matters to you and each fit will explain itself."),
                        ft.TextButton(
                            content="My preferences",
                            on_click=lambda _: self.ctx.go("preferences"),
                        ),
                    ],
                    wrap=True,
                )
            )
        out.append(self.add_form(state))
        if len(state.cards) >= 2:
            out.append(muted(compare_hint(len(state.compared))))
        if state.comparison is not None:
            out.append(self.comparison(state.comparison))
        self.top_parts = len(out)  # the people on the list follow (below_fold)
        out.extend(self.candidate(c, state) for c in state.cards)
        return out

    def remove(self, c: CandidateCard) -> Callable[[Any], None]:
        def undo() -> None:
            done, back = self.attempt(self.ctrl.undo_remove)
            if done and back is not None:
                self.ctx.toast(f"{back.name} is back on your shortlist.")

        def handler(_: Any) -> None:
            done, _result = self.attempt(lambda: self.ctrl.remove(c.id))
            if done:
                undo_snackbar(self.ctx.page, f"{c.name} was taken off your shortlist.", undo)

        return handler

    def fit_parts(
        self, c: CandidateCard, answering: frozenset[tuple[str, str]] = frozenset()
    ) -> list[ft.Control]:
        """The headline, then every must-have and preference: met, missed or worth asking
        (with the question to ask), and a button to put those questions on the list."""
        parts: list[ft.Control] = [
            subheading("How they fit", size=15, level=3),
            body(headline(c.sentence) if c.reasons else c.sentence),
        ]
        for r in c.reasons:
            parts.append(reason_line(r))
            if r.question:
                parts.append(ft.Container(muted(r.question), padding=ft.Padding.only(left=26)))
            if r.answers and (c.id, r.dimension) in answering:
                parts.append(self.answer_controls(c, r))
            elif r.answers:
                parts.append(self.open_answers_control(c, r))
            elif r.said:
                parts.append(self.forget_control(c, r))
        if c.questions:
            parts.append(
                ft.Row(
                    [
                        secondary(
                            "Add these to my questions",
                            self.add_questions(c),
                            icon=ft.Icons.PLAYLIST_ADD,
                        )
                    ],
                    wrap=True,
                )
            )
        return parts

    def open_answers_control(self, c: CandidateCard, r: ReasonRow) -> ft.Control:
        """Beside a "worth asking" line: one tap opens its answers."""
        show = self.act(lambda: self.ctrl.open_answers(c.id, r.dimension))
        return self.indented_button(
            f"Record what {c.name} said on {mid_sentence(r.label)}", "They answered…", show
        )

    def indented_button(self, name: str, words: str, handler: Callable) -> ft.Control:
        """A text button under its line, named in full for a screen reader."""
        button = ft.Semantics(
            label=name,
            button=True,
            exclude_semantics=True,
            on_tap=handler,
            content=ft.TextButton(content=words, on_click=handler),
        )
        return ft.Container(
            button, padding=ft.Padding.only(left=26), alignment=ft.Alignment.CENTER_LEFT
        )

    def answer_controls(self, c: CandidateCard, r: ReasonRow) -> ft.Control:
        """Beside a "worth asking" line: one button per answer, to record what they said.
        Each button's name says whose answer to what, so it is never ambiguous when heard."""
        buttons: list[ft.Control] = [muted("They said:")]
        for value, words in r.answers:
            said = self.act(
                functools.partial(self.ctrl.record_answer, c.id, r.dimension, value),
                said=f"Noted what {c.name} said.",
            )
            buttons.append(
                ft.Semantics(
                    label=f"{words}: {c.name} on {mid_sentence(r.label)}",
                    button=True,
                    exclude_semantics=True,
                    on_tap=said,
                    content=ft.OutlinedButton(content=words, on_click=said),
                )
            )
        close = self.act(lambda: self.ctrl.open_answers(c.id, r.dimension, False))
        buttons.append(ft.TextButton(content="Not now", on_click=close))
        return ft.Container(
            ft.Row(buttons, wrap=True, spacing=6, run_spacing=6),
            padding=ft.Padding.only(left=26),
        )

    def forget_control(self, c: CandidateCard, r: ReasonRow) -> ft.Control:
        """An answer recorded by mistake can be taken back: it is worth asking again."""
        forget = self.act(
            lambda: self.ctrl.forget_answer(c.id, r.dimension),
            said="Forgotten: worth asking again.",
        )
        return self.indented_button(
            f"Forget what {c.name} said on {mid_sentence(r.label)}", "Forget what they said", forget
        )

    def comparison(self, view: ComparisonView) -> ft.Control:
        """The ticked therapists side by side: a row per criterion, must-haves first, each
        cell naming the therapist and met / missed / asked / not known in words."""
        n = len(view.names)
        parts: list[ft.Control] = [
            subheading("Side by side", level=2),
            muted("Must-haves first. “Asked” means the question is on your list for them."),
        ]
        if not view.rows:
            parts.append(body("Add what matters to you in your preferences to compare."))
        for label, importance, cells in view.rows:
            row: list[ft.Control] = [
                ft.Text(f"{label} ({importance})", weight=ft.FontWeight.BOLD, col={"md": 4})
            ]
            for name, cell in zip(view.names, cells, strict=True):
                icon, color = CELL_ICONS[cell]
                row.append(
                    ft.Row(
                        [
                            ft.Icon(icon, size=16, color=color),
                            ft.Text(f"{name}: {cell}", size=14, expand=True),
                        ],
                        spacing=4,
                        col={"xs": 6, "md": max(2, 8 // n)},
                    )
                )
            parts.append(ft.ResponsiveRow(row, run_spacing=4))
            parts.append(ft.Divider(height=4))
        return ft.Semantics(container=True, label="Side by side", content=stretch_card(parts))

    def add_questions(self, c: CandidateCard) -> Callable[[Any], None]:
        def handler(_: Any) -> None:
            done, added = self.attempt(lambda: self.ctrl.add_questions_from_fit(c.id))
            if not done:
                return
            if added:
                n = len(added)
                self.ctx.toast(
                    f"Added {n} question{'s' if n != 1 else ''} to ask {c.name}; they're in Review."
                )
            else:
                self.ctx.toast("Those questions are already on your list.")

        return handler

    def candidate(self, c: CandidateCard, state: ShortlistState) -> ft.Control:
        ctrl = self.ctrl
        editing = ctrl.edit_draft(c.id)
        title: list[ft.Control] = [subheading(c.name, size=18)]
        if c.credentials:
            title.append(muted(c.credentials))
        parts: list[ft.Control] = [
            ft.Row(
                [
                    ft.Column(title, spacing=2, expand=True),
                    icon_button(ft.Icons.DELETE_OUTLINE, f"Remove {c.name}", self.remove(c)),
                ],
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
        ]
        if editing is not None:
            parts.append(
                self.candidate_form(
                    editing,
                    state,
                    form=candidate_edit(c.id),
                    title=f"Edit {c.name}",
                    save_label="Save changes",
                    on_save=self.act(lambda: ctrl.save_edit(c.id), inline=True, said="Saved."),
                    on_cancel=self.act(lambda: ctrl.cancel_edit(c.id)),
                    set_field=lambda name, value: ctrl.set_edit_field(c.id, name, value),
                    toggle=lambda which, cid, on: ctrl.toggle_edit_choice(c.id, which, cid, on),
                    set_sliding=lambda on: ctrl.set_edit_sliding_scale(c.id, on),
                )
            )
            return ft.Semantics(container=True, label=c.name, content=stretch_card(parts))
        status = ft.Dropdown(
            label="Status",
            value=c.status,
            options=[ft.DropdownOption(key=k, text=label) for k, label in state.statuses],
            on_select=lambda e: self.act(lambda: ctrl.set_status(c.id, e.control.value))(e),
            width=260,
            dense=True,
        )
        parts.append(
            ft.Row(
                [
                    # The name carries the current status: a screen reader does not hear
                    # the dropdown's own text, only this name.
                    ft.Semantics(
                        label=f"Status: {dict(state.statuses).get(c.status, c.status)}",
                        content=status,
                    ),
                    secondary(
                        "Edit details",
                        self.act(lambda: ctrl.begin_edit(c.id)),
                        icon=ft.Icons.EDIT_OUTLINED,
                    ),
                    ft.Checkbox(
                        label=f"Compare {c.name}",
                        value=c.id in state.compared,
                        on_change=lambda e: self.act(
                            lambda: ctrl.toggle_compare(c.id, bool(e.control.value))
                        )(e),
                    ),
                ],
                wrap=True,
            )
        )
        if c.contact:
            parts.append(body(f"Contact: {c.contact}", selectable=True))
        parts.extend(ft.Text(line, size=14) for line in c.details)
        if c.referred_by:
            parts.append(
                ft.Row(
                    [
                        ft.Icon(ft.Icons.VOLUNTEER_ACTIVISM, size=18),
                        ft.Text(f"Suggested by {c.referred_by}", size=14, expand=True),
                    ],
                    spacing=8,
                )
            )
        parts.append(ft.Divider(height=8))
        parts.extend(self.fit_parts(c, state.answering))
        notes_form = candidate_notes(c.id)
        if notes_form in state.restored:  # notes kept from before the lock
            parts.append(self.draft_part(notes_form))
        notes = ft.TextField(
            label="Notes",
            value=ctrl.notes_draft(c),
            multiline=True,
            min_lines=1,
            max_lines=6,
            on_change=typing_only(lambda e: ctrl.set_notes_draft(c.id, e.control.value)),
            on_focus=self.ctx.active,
        )
        if ctrl.take_focus_form(notes_form):
            self.ctx.focus(notes)
        parts.append(notes)
        parts.append(
            ft.Row(
                [
                    secondary(
                        "Save notes",
                        self.act(lambda: ctrl.save_notes(c.id), said="Notes saved."),
                        icon=ft.Icons.SAVE_OUTLINED,
                    )
                ]
            )
        )
        return ft.Semantics(container=True, label=c.name, content=stretch_card(parts))

    def add_form(self, state: ShortlistState) -> ft.Control:
        ctrl = self.ctrl
        if not state.form_open:
            return ft.Row(
                [
                    primary(
                        "Add a therapist",
                        self.act(lambda: ctrl.open_form(True)),
                        icon=ft.Icons.PERSON_ADD,
                    )
                ]
            )
        return stretch_card(
            [
                self.candidate_form(
                    state.draft,
                    state,
                    form=CANDIDATE_NEW,
                    title="Add a therapist",
                    intro="Only the name is needed; you can fill in the rest as you find out.",
                    save_label="Add to my shortlist",
                    on_save=self.act(ctrl.add, inline=True),
                    on_cancel=self.act(lambda: ctrl.open_form(False)),
                    set_field=ctrl.set_draft,
                    toggle=ctrl.toggle_choice,
                    set_sliding=ctrl.set_sliding_scale,
                )
            ]
        )

    def draft_part(self, form: str) -> ft.Control:
        """ "You were writing this" on a therapist form kept from before the lock."""
        ctrl = self.ctrl

        def undo() -> None:
            self.attempt(ctrl.undo_discard)

        def discard() -> None:
            done, _ = self.attempt(lambda: ctrl.discard_draft(form))
            if done:
                offer_undo(self.ctx, undo)

        return draft_banner(
            self.ctx,
            form,
            on_keep=lambda: self.attempt(lambda: ctrl.keep_going(form)),
            on_discard=discard,
        )

    def candidate_form(
        self,
        d: CandidateDraft,
        state: ShortlistState,
        *,
        form: str,
        title: str,
        save_label: str,
        on_save: Callable[[Any], None],
        on_cancel: Callable[[Any], None],
        set_field: Callable[[str, str], None],
        toggle: Callable[[str, str, bool], None],
        set_sliding: Callable[[bool], None],
        intro: str | None = None,
    ) -> ft.Control:
        """The one form for adding and editing a therapist: the same fields either way.

        A refusal is shown at the field it is about, and that field takes the focus, so the
        person need not hunt for the reason at the bottom of a long form.
        """
        at_fault = d.error_field if d.error else None
        first_box = self.ctrl.take_focus_form(form)  # "Keep going" on its draft banner

        def text(name: str, label: str, **kw: Any) -> ft.TextField:
            fault = at_fault == name
            box = ft.TextField(
                label=label,
                value=getattr(d, name),
                on_change=typing_only(lambda e: set_field(name, e.control.value)),
                on_focus=self.ctx.active,
                error=d.error if fault else None,
                autofocus=fault,
                error_max_lines=3,
                **kw,
            )
            if first_box and name == "name":
                self.ctx.focus(box)
            return box

        def chips(which: str, choices: tuple[tuple[str, str], ...]) -> ft.Control:
            chosen = getattr(d, which)
            return ft.Row(
                [
                    ft.Chip(
                        label=ft.Text(label),
                        selected=choice_id in chosen,
                        on_select=lambda e, cid=choice_id: toggle(
                            which, cid, bool(e.control.selected)
                        ),
                    )
                    for choice_id, label in choices
                ],
                wrap=True,
                spacing=6,
                run_spacing=6,
            )

        two: dict[str | ft.ResponsiveRowBreakpoint, int | float] = {"xs": 12, "sm": 6}
        controls: list[ft.Control] = [subheading(title, level=3 if intro is None else 2)]
        if form in state.restored:  # kept from before the lock: say so, above the form
            controls.insert(0, self.draft_part(form))
        if intro:
            controls.append(muted(intro))
        controls += [
            ft.ResponsiveRow(
                [
                    text("name", "Name", col=two),
                    text("credentials", "Credentials", col=two, hint_text="e.g. PsyD, LCSW"),
                    text("contact", "Contact", col=12, hint_text="Phone, email or website"),
                    text(
                        "modalities",
                        "Approaches (comma-separated)",
                        col=two,
                        hint_text="e.g. CBT, ACT",
                    ),
                    text(
                        "specialties",
                        "Helps with (comma-separated)",
                        col=two,
                        hint_text="e.g. anxiety, sleep",
                    ),
                    text(
                        "languages",
                        "Languages (comma-separated)",
                        col=two,
                        hint_text="e.g. English, Spanish",
                    ),
                    text("fee", "Fee per session", col=two, hint_text="e.g. $140 or sliding scale"),
                    text(
                        "insurance",
                        "Insurance (comma-separated)",
                        col=two,
                        hint_text="Plans they accept",
                    ),
                ],
                run_spacing=10,
            ),
            ft.Switch(
                label="Offers a sliding scale (reduced fees)",
                value=d.sliding_scale,
                on_change=lambda e: set_sliding(bool(e.control.value)),
            ),
            muted("How you'd meet"),
            chips("formats", state.format_choices),
            muted("When they have times"),
            chips("availability", state.availability_choices),
            ft.ResponsiveRow(
                [
                    text("referred_by", "Who suggested them?", col=two, hint_text="Optional"),
                    ft.Semantics(
                        label="How you know them",
                        col=two,
                        content=ft.Dropdown(
                            label="How you know them",
                            value=d.referral_kind or None,
                            options=[
                                ft.DropdownOption(key=k, text=v)
                                for k, v in REFERRAL_KIND_LABELS.items()
                            ],
                            on_select=lambda e: set_field("referral_kind", e.control.value),
                            expand=True,
                        ),
                    ),
                ],
                run_spacing=10,
            ),
        ]
        if state.referrers:
            controls.append(
                ft.Row(
                    [
                        muted("Used before:"),
                        *(
                            ft.TextButton(
                                content=name,
                                on_click=self.act(
                                    functools.partial(set_field, "referred_by", name)
                                ),
                            )
                            for name in state.referrers
                        ),
                    ],
                    wrap=True,
                    spacing=4,
                )
            )
        controls.append(text("notes", "Notes", multiline=True, min_lines=1, max_lines=5))
        if d.error and at_fault is None:  # a reason not about one field: beside the buttons
            controls.append(ft.Text(d.error, color=ft.Colors.ERROR))
        controls.append(
            ft.Row(
                [
                    primary(save_label, on_save, icon=ft.Icons.CHECK),
                    secondary("Cancel", on_cancel),
                ],
                wrap=True,
            )
        )
        return ft.Column(controls, spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)


def build(ctx: ScreenContext) -> ft.Control:
    view = ShortlistView(ctx)
    view.fill(update=False)
    ctx.below_fold(view.column, view.top_parts)
    return view.column


SCREEN = ScreenSpec(
    key="shortlist",
    title="Shortlist",
    icon=ft.Icons.PEOPLE_OUTLINED,
    selected_icon=ft.Icons.PEOPLE,
    build=build,
    in_bottom_bar=True,  # on a phone the shortlist is one tap away, not under "More"
)

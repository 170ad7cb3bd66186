"""A long screen's top first and the rest just after, only when arriving at it."""

from __future__ import annotations

import flet as ft

from journal_app.app.session import AppSession
from journal_app.ui.below_fold import BelowFold
from journal_app.ui.controllers.shortlist import ShortlistController
from journal_app.ui.screens import checkins, review, shortlist
from tests.ui.screen_check import screen_context


def parts(n: int) -> list[ft.Control]:
    return [ft.Text(f"part {i}") for i in range(n)]


def words(column: ft.Column) -> list[str]:
    return [str(c.value) for c in column.controls]


def test_arriving_sends_the_top_and_holds_the_rest_in_order() -> None:
    below = BelowFold()
    below.arriving = True
    column = ft.Column(parts(6))
    below.hold(column, 2)
    assert words(column) == ["part 0", "part 1"]
    held = below.take()
    assert held is not None and below.take() is None  # handed over once
    assert held.still_shown(column)
    held.release()
    assert words(column) == [f"part {i}" for i in range(6)]


def test_a_screen_rebuilt_in_place_is_sent_whole() -> None:
    """Not arriving (a ticked question, a resized window): shortening the page for a
    moment would pull a page scrolled down back up."""
    below = BelowFold()
    column = ft.Column(parts(6))
    below.hold(column, 2)
    assert len(column.controls) == 6 and below.take() is None


def test_a_short_screen_holds_nothing() -> None:
    below = BelowFold()
    below.arriving = True
    for keep, n in ((3, 3), (5, 2), (0, 4)):
        column = ft.Column(parts(n))
        below.hold(column, keep)
        assert len(column.controls) == n and below.take() is None


def test_the_rest_is_dropped_once_the_screen_is_left_or_refilled() -> None:
    below = BelowFold()
    below.arriving = True
    column = ft.Column(parts(5))
    below.hold(column, 1)
    held = below.take()
    assert held is not None
    assert not held.still_shown(ft.Column())  # another screen is on the page now
    column.controls = parts(5)  # a tap in the top refilled the whole column
    assert not held.still_shown(column)


def test_long_screens_keep_their_first_screenful(clocked_session: AppSession) -> None:
    """Review, Check-ins and the Shortlist hold back what is below their first screenful;
    built outside the shell (no holding), each is whole, as before. (One column, as on a
    phone; the wide layouts follow.)"""
    ctx = screen_context(clocked_session, 390)
    people = ShortlistController.for_session(clocked_session)
    people.set_draft("name", "Dr Ana Ruiz")
    people.add()
    below = BelowFold()
    ctx.below_fold = below.hold
    kept = {}
    for screen in (review, checkins, shortlist):
        whole = len(screen.SCREEN.build(ctx).controls)
        below.arriving = True
        column = screen.SCREEN.build(ctx)
        below.arriving = False
        held = below.take()
        kept[screen.SCREEN.key] = (len(column.controls), whole, held)
    top, whole, held = kept["review"]
    assert held is not None and top == review.FIRST_SCREENFUL < whole
    top, whole, held = kept["checkins"]
    assert held is not None and 0 < top < whole  # the form first, past results after
    assert any(isinstance(c, ft.Card) for c in held.top)
    top, whole, held = kept["shortlist"]
    assert held is not None and len(held.rest) == 1 == whole - top  # the one person


def test_picking_the_other_check_in_does_not_send_the_charts_again(
    clocked_session: AppSession,
) -> None:
    """The form is redrawn in place; the charts and past results below it are the same
    controls (Flet sends nothing for them) until a check-in is saved."""
    from journal_app.ui.controllers.checkins import GAD7, PHQ9

    view = checkins.CheckinsView(screen_context(clocked_session, 1280))
    for i in range(7):
        view.ctrl.answer(i, 1)
    view.ctrl.save()
    view.ctrl.select(GAD7)
    view.fill(update=False)
    below = view.column.controls[view.top_parts : -1]  # the help line last is redrawn
    assert below
    view.ctrl.select(PHQ9)
    view.fill(update=False)
    assert all(a is b for a, b in zip(below, view.column.controls[view.top_parts :], strict=False))
    for i in range(9):
        view.ctrl.answer(i, 0)
    view.ctrl.save()
    view.fill(update=False)
    assert not any(c is b for c in view.column.controls for b in below)


def test_wide_review_keeps_its_first_row(clocked_session: AppSession) -> None:
    """On a wide window Review's cards go two to a row: the heading, the date and the
    first row (what I'm looking for, my questions) come first, the rows below after."""
    ctx = screen_context(clocked_session, 1280)
    below = BelowFold()
    ctx.below_fold = below.hold
    below.arriving = True
    column = review.SCREEN.build(ctx)
    below.arriving = False
    held = below.take()
    assert held is not None and len(column.controls) == 3 and len(held.rest) == 3
    assert isinstance(held.top[2], ft.ResponsiveRow)

"""The breathing exercise: a circle that grows on the in-breath, stays full on the hold and
shrinks on the out-breath; with calm motion, a still circle and a counted phase.

Not in the navigation: Home and the journal entry's coping part open it (``breathing_start``)
and "Back" returns there. The view only shows what the controller says: a loop tells the
controller how many seconds have passed and draws the moment it returns. Each phase is
announced once, politely, through the web engine's polite live region. Esc stops the
breathing as Stop does, and on the choices goes back as "Back" does.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import weakref
from collections.abc import Callable
from typing import Any

import flet as ft

from journal_app.app.session import UNLOCKED
from journal_app.core.breathing import (
    HOLD_SECONDS,
    IN_SECONDS,
    MINUTE_CHOICES,
    OUT_SECONDS,
    Moment,
    Pace,
    scale_after,
    scale_before,
)
from journal_app.ui.breathing_start import BREATHING
from journal_app.ui.context import ScreenContext, ScreenSpec
from journal_app.ui.controllers.breathing import BreathingController, Escape, Stage, Tick
from journal_app.ui.keys import ESCAPE, KeyPress
from journal_app.ui.rating_slider import rating_slider
from journal_app.ui.widgets import (
    announce,
    body,
    first_focusable,
    heading,
    icon_button,
    muted,
    primary,
    screen_column,
    secondary,
    subheading,
)

TICK_SECONDS = 0.25  # how often the loop looks: a phase starts within a quarter second
SHAPE_SIZE = 240  # px at full size; small enough for a 390 px phone with its margins
CALM_SCALE = 0.75  # the still circle's size with calm motion
FEATURES_WAIT_SECONDS = 1.0  # asking the browser about reduced motion: no longer than this

# The view each controller's loop draws on: the one built last (a resize rebuilds it).
_VIEWS: weakref.WeakKeyDictionary[BreathingController, _View] = weakref.WeakKeyDictionary()
# Which run of the loop is the live one, so a Pause then Resume never leaves two.
_RUNS: weakref.WeakKeyDictionary[BreathingController, int] = weakref.WeakKeyDictionary()


def _shown(control: ft.Control) -> bool:
    """Is ``control`` still the screen on the page (not replaced by another screen)?"""
    parent = control.parent
    if parent is None:
        return False
    return getattr(parent, "content", None) is control or control in (
        getattr(parent, "controls", None) or []
    )


async def _platform_calm(page: ft.Page) -> bool:
    """Does the device ask for less motion (the browser's prefers-reduced-motion, the
    phone's "remove animations")? Flutter reports it as ``disable_animations``."""
    try:
        features = await asyncio.wait_for(
            ft.SemanticsService().get_accessibility_features(), FEATURES_WAIT_SECONDS
        )
    except Exception:  # noqa: BLE001 - not told: the person's own setting still applies
        return False
    return bool(features.disable_animations or features.reduce_motion)


class _View:
    """The controls of one build of the screen, redrawn from the controller."""

    def __init__(self, ctx: ScreenContext, ctrl: BreathingController) -> None:
        self.ctx = ctx
        self.ctrl = ctrl
        self.calm = ctx.session.prefs.calm_motion or bool(ctrl.platform_calm)
        self.steppers: dict[str, tuple[ft.Control, ft.Control]] = {}
        self.stage_part = ft.Column(spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
        back = ft.TextButton(content="Back", icon=ft.Icons.ARROW_BACK, on_click=self.back)
        self.root = screen_column([ft.Row([back]), heading("Breathing exercise"), self.stage_part])
        self.phase = ft.Text(size=24, weight=ft.FontWeight.W_600, text_align=ft.TextAlign.CENTER)
        self.progress = muted("")
        self.shape = ft.Container(
            width=SHAPE_SIZE,
            height=SHAPE_SIZE,
            shape=ft.BoxShape.CIRCLE,
            bgcolor=ft.Colors.PRIMARY_CONTAINER,
            border=ft.Border.all(3, ft.Colors.PRIMARY),
            scale=CALM_SCALE,
        )
        self.fill()

    # --- the parts ----------------------------------------------------------------------------

    def fill(self) -> None:
        """The part for the controller's stage: choosing, breathing, or rating."""
        stage = self.ctrl.stage
        if stage is Stage.SETUP:
            self.stage_part.controls = self._setup()
        elif stage is Stage.RATING:
            self.stage_part.controls = self._rating()
        else:
            self.stage_part.controls = self._breathing()

    def _setup(self) -> list[ft.Control]:
        ctrl = self.ctrl
        pace = ctrl.pace
        parts: list[ft.Control] = [
            body(
                "Breathe along with the circle: it grows as you breathe in, stays full "
                "while you hold, and shrinks as you breathe out."
            ),
            muted("A longer out-breath tells your body it's safe to settle."),
        ]
        if self.calm:
            parts.append(
                muted("Calm motion is on: the circle stays still and the words count for you.")
            )
        parts += [
            subheading("Your pace"),
            self._stepper("Breathe in", "in-breath", pace.breathe_in, IN_SECONDS, 0),
            self._stepper("Hold", "hold", pace.hold, HOLD_SECONDS, 1),
            self._stepper("Breathe out", "out-breath", pace.breathe_out, OUT_SECONDS, 2),
            subheading("How long"),
            self._minutes(),
        ]
        if ctrl.error:
            parts.append(ft.Text(ctrl.error, color=ft.Colors.ERROR))
        parts.append(ft.Row([primary("Start", self.start, icon=ft.Icons.PLAY_ARROW)]))
        return parts

    def _stepper(
        self, label: str, noun: str, value: int, bounds: tuple[int, int], index: int
    ) -> ft.Control:
        """ "Breathe in: 4 seconds" with a Shorter and a Longer button."""
        low, high = bounds

        def moved(by: int) -> Callable[[Any], None]:
            def handler(_: Any) -> None:
                numbers = list(_pace_numbers(self.ctrl.pace))
                numbers[index] += by
                self.ctrl.set_pace(*numbers)
                self.redraw()
                # Focus stays on the button pressed (or, at a bound, its pair).
                shorter, longer = self.steppers[noun]
                now = _pace_numbers(self.ctrl.pace)[index]
                kept = longer if by > 0 and now < high else shorter
                if by < 0 and now <= low:
                    kept = longer
                target = first_focusable(kept)
                if target is not None:
                    self.ctx.focus(target)

            return handler

        unit = "second" if value == 1 else "seconds"
        shorter = icon_button(ft.Icons.REMOVE, f"Shorter {noun}", moved(-1), disabled=value <= low)
        longer = icon_button(ft.Icons.ADD, f"Longer {noun}", moved(1), disabled=value >= high)
        self.steppers[noun] = (shorter, longer)
        return ft.Row(
            [ft.Text(f"{label}: {value} {unit}", size=15, expand=True), shorter, longer],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        )

    def _minutes(self) -> ft.Control:
        def picked(e: ft.Event[ft.RadioGroup]) -> None:
            self.ctrl.set_minutes(int(e.control.value or self.ctrl.minutes))

        radios: list[ft.Control] = [
            ft.Radio(value=str(m), label=f"{m} minute" + ("" if m == 1 else "s"))
            for m in MINUTE_CHOICES
        ]
        return ft.RadioGroup(
            content=ft.Row(radios, wrap=True), value=str(self.ctrl.minutes), on_change=picked
        )

    def _breathing(self) -> list[ft.Control]:
        paused = self.ctrl.stage is Stage.PAUSED
        self._draw(self.ctrl.now(), moving=False)
        # The shape in a box of its full size, so the words below it never move.
        circle = ft.Container(self.shape, width=SHAPE_SIZE, height=SHAPE_SIZE)
        toggle = (
            primary("Resume", self.resume, icon=ft.Icons.PLAY_ARROW)
            if paused
            else secondary("Pause", self.pause, icon=ft.Icons.PAUSE)
        )
        self.toggle = toggle
        stop = secondary("Stop", self.stop, icon=ft.Icons.STOP)
        words = [muted("Paused. Take your time.")] if paused else []
        return [
            ft.Row([circle], alignment=ft.MainAxisAlignment.CENTER),
            ft.Row([self.phase], alignment=ft.MainAxisAlignment.CENTER),
            ft.Row([self.progress], alignment=ft.MainAxisAlignment.CENTER),
            *words,
            ft.Row([toggle, stop], alignment=ft.MainAxisAlignment.CENTER, wrap=True),
        ]

    def _rating(self) -> list[ft.Control]:
        chosen: list[int | None] = [None]

        def rated(value: int | None) -> None:
            chosen[0] = value

        where = (
            "Your rating goes into the entry you are writing."
            if self.ctrl.back_to() == "journal"
            else "This practice is already in your journal; your rating is added to it."
        )
        slider = rating_slider("Anxiety now", None, rated)
        return [
            subheading("Well done"),
            body(self.ctrl.practised()),
            body("How anxious do you feel now, from 0 (calm) to 10?"),
            slider,
            muted(where),
            ft.Row(
                [
                    primary("Save", lambda _: self.finish(chosen[0])),
                    secondary("Skip", lambda _: self.finish(None)),
                ],
                wrap=True,
            ),
        ]

    # --- drawing the breath ---------------------------------------------------------------------

    def _draw(self, moment: Moment, *, moving: bool) -> None:
        """Show ``moment``: the phase in words (counted with calm motion) and the circle
        moving towards the phase's end size over the phase's seconds (or, drawn afresh
        after a resize or a pause, standing at the phase's start)."""
        self.phase.value = moment.countdown() if self.calm else moment.phase.value
        self.progress.value = f"Breath {moment.breath} of {self.ctrl.breaths()}"
        if self.calm:
            self.shape.scale = CALM_SCALE
            self.shape.animate_scale = None
            return
        # Always animated (a shape drawn afresh simply appears): set only with its first
        # move, Flutter would swap in an animated shape already at its end size.
        self.shape.animate_scale = ft.Animation(
            moment.phase_seconds * 1000, ft.AnimationCurve.EASE_IN_OUT
        )
        self.shape.scale = scale_after(moment.phase) if moving else scale_before(moment.phase)

    async def show(self, tick: Tick) -> None:
        """One step of the loop: a new phase moves the circle and is announced; otherwise
        only the calm count changes, and nothing is said."""
        if tick.finished:
            self.redraw()
            await announce("Well done. How anxious do you feel now?", polite=True)
            target = first_focusable(self.stage_part)  # "Save" (a slider takes no focus)
            if target is not None:
                self.ctx.focus(target)
            return
        if tick.announce is not None:
            self._draw(tick.moment, moving=True)
            self.shape.update()
            self.progress.update()
            self.phase.update()
            await announce(tick.announce, polite=True)
        elif self.calm and self.phase.value != tick.moment.countdown():
            self.phase.value = tick.moment.countdown()  # only the words change in the phase
            self.phase.update()

    def redraw(self) -> None:
        self.fill()
        self.stage_part.update()

    # --- the buttons ------------------------------------------------------------------------------

    def start(self, _: Any) -> None:
        opening = self.ctrl.start()
        self.redraw()
        self.ctx.focus(self.toggle)
        self.ctx.page.run_task(_run, self.ctrl, opening)

    def pause(self, _: Any) -> None:
        self.ctrl.pause()
        self.redraw()
        self.ctx.focus(self.toggle)

    def resume(self, _: Any) -> None:
        self.ctrl.resume()
        self.redraw()
        self.ctx.focus(self.toggle)
        self.ctx.page.run_task(_run, self.ctrl, None)

    def stop(self, _: Any) -> None:
        try:
            self.ctrl.stop()
        except Exception as exc:  # noqa: BLE001 - locked meanwhile, a full disk: said plainly
            self.ctx.show_error(exc)
            return
        self._stage_changed()

    def _stage_changed(self) -> None:
        """The stage the exercise moved to, with focus on its first control."""
        self.redraw()
        target = first_focusable(self.stage_part)
        if target is not None:
            self.ctx.focus(target)

    def key(self, key: KeyPress) -> bool:
        """Esc, as the controller decides (``BreathingController.escape``): stop the
        breathing as Stop does, or leave the choices as Back does."""
        if key.key != ESCAPE or not key.plain:
            return False
        try:
            done = self.ctrl.escape()
        except Exception as exc:  # noqa: BLE001 - as Stop: said plainly, the practice kept
            self.ctx.show_error(exc)
            return True
        if done is Escape.LEAVE:
            self.ctx.go(self.ctrl.back_to())
        elif done is Escape.STOPPED:
            self._stage_changed()
        return done is not Escape.NOTHING

    def finish(self, rating: int | None) -> None:
        try:
            words = self.ctrl.save_rating(rating)
        except Exception as exc:  # noqa: BLE001 - said plainly; the practice is kept
            self.ctx.show_error(exc)
            return
        self.ctx.changed()
        self.ctx.go(self.ctrl.back_to())
        self.ctx.toast(words)

    def back(self, _: Any) -> None:
        self.ctrl.pause()
        self.ctx.go(self.ctrl.back_to())


def _pace_numbers(pace: Pace) -> tuple[int, int, int]:
    return pace.breathe_in, pace.hold, pace.breathe_out


async def _run(ctrl: BreathingController, opening: Tick | None) -> None:
    """Tell the controller the seconds passing, while it runs and its screen is shown.
    Leaving the screen pauses the exercise; a lock ends it (the controller goes too).
    ``opening`` is the first in-breath of a new start, to show and announce."""
    run = _RUNS.get(ctrl, 0) + 1
    _RUNS[ctrl] = run
    view = _VIEWS.get(ctrl)
    if opening is not None and view is not None:
        # The small circle is drawn first: sent together with its growing, Flutter would
        # draw it full at once (nothing to grow from).
        await asyncio.sleep(TICK_SECONDS)
        await view.show(opening)
    last = time.monotonic()
    while _RUNS.get(ctrl) == run:
        await asyncio.sleep(TICK_SECONDS)
        view = _VIEWS.get(ctrl)
        if ctrl.session.state != UNLOCKED or ctrl.stage is not Stage.RUNNING or view is None:
            return
        if not _shown(view.root):
            ctrl.pause()
            return
        now = time.monotonic()
        try:
            tick = ctrl.tick(now - last)
        except Exception as exc:  # noqa: BLE001 - writing the practice failed: said plainly
            view.ctx.show_error(exc)
            return
        last = now
        with contextlib.suppress(Exception):  # the page went away meanwhile
            await view.show(tick)
        if tick.finished:
            return


async def _ask_platform(view: _View) -> None:
    """Ask the browser (or phone) once whether it wants reduced motion, while the choices
    show: the answer is in before Start, so nothing is redrawn under the keyboard focus
    (focus asked for a control a redraw replaced breaks Flet's connection)."""
    calm = await _platform_calm(view.ctx.page)
    view.ctrl.platform_calm = calm
    if calm and not view.calm and view.ctrl.stage is Stage.SETUP and _shown(view.root):
        view.calm = True
        view.redraw()


def build(ctx: ScreenContext) -> ft.Control:
    ctrl = BreathingController.for_session(ctx.session)
    view = _View(ctx, ctrl)
    _VIEWS[ctrl] = view
    ctx.keys(view.key)
    run_task = getattr(ctx.page, "run_task", None)  # none outside a served page (tests)
    if ctrl.platform_calm is None and run_task is not None:
        run_task(_ask_platform, view)
    return view.root


SCREEN = ScreenSpec(
    key=BREATHING,
    title="Breathing exercise",
    icon=ft.Icons.AIR,
    selected_icon=ft.Icons.AIR,
    build=build,
)

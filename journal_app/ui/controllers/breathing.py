"""The breathing exercise's state: the pace chosen, where the exercise is, and its end.

The phases and timings are the core's (``core.breathing``); this controller only counts
the seconds it is told have passed (``tick``), so a test drives it second by second with
no clock and no browser. What the exercise leaves is written as the app writes any
coping exercise: from a journal entry, into that entry's form (kept as a draft, saved
with the entry); from Home, as an entry of its own through the journal's ``add_entry``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from journal_app.app.session import AppSession
from journal_app.core.breathing import (
    DEFAULT_MINUTES,
    Moment,
    Pace,
    breath_count,
    check_minutes,
    make_pace,
    moment_at,
    practice_words,
    total_seconds,
)
from journal_app.core.journal import EntryDraft, InvalidInput, add_entry, draft_of, edit_entry
from journal_app.core.records import Entry
from journal_app.ui.controllers.journal import controller_for as journal_controller

PACED_BREATHING = "paced_breathing"  # the exercise's id in prompts/coping.toml
COPING_TITLE = "Paced breathing"
FROM_HOME = "home"
FROM_JOURNAL = "journal"
# Stopped sooner than this, nothing is written: a tap on Start then Stop is not practice.
MIN_KEPT_SECONDS = 5


class Stage(Enum):
    SETUP = "setup"
    RUNNING = "running"
    PAUSED = "paused"
    RATING = "rating"


class Escape(Enum):
    """What Esc did to the exercise (see ``BreathingController.escape``)."""

    STOPPED = "stopped"  # the breathing stopped, as Stop does: show the stage it left
    LEAVE = "leave"  # on the choices: go back to where the exercise was opened from
    NOTHING = "nothing"  # on the rating: the rating waits, nothing changes


@dataclass(frozen=True)
class Tick:
    """What changed in one tick: the moment now, and the words to announce (only when
    the phase changed, so a screen reader hears each phase once, not every second)."""

    moment: Moment
    announce: str | None
    finished: bool


class BreathingController:
    """One exercise at a time, kept per open journal (it survives a resize or a rebuild
    of the screen, not a lock)."""

    def __init__(self, session: AppSession) -> None:
        self.session = session
        self.origin = FROM_HOME
        self.pace = Pace()
        self.minutes = DEFAULT_MINUTES
        self.stage = Stage.SETUP
        self.elapsed = 0.0
        self.error: str | None = None
        self.entry_id: str | None = None  # the entry written for an exercise from Home
        self._said: tuple[int, str] | None = None  # (breath, phase) last announced
        # Whether the device asks for reduced motion (None: not asked yet); the screen
        # asks the browser once and keeps the answer here.
        self.platform_calm: bool | None = None

    @classmethod
    def for_session(cls, session: AppSession) -> BreathingController:
        return session.kept(cls, lambda: cls(session))

    # --- choosing ---------------------------------------------------------------------------

    def open(self, origin: str) -> None:
        """Arrive from ``origin`` ("home" or "journal"): a fresh exercise, with the pace
        and minutes chosen last time. An exercise still running is left as it is."""
        if self.stage in (Stage.RUNNING, Stage.PAUSED):
            return
        self.origin = origin if origin in (FROM_HOME, FROM_JOURNAL) else FROM_HOME
        self.stage = Stage.SETUP
        self.elapsed = 0.0
        self.entry_id = None
        self.error = None

    def set_pace(self, breathe_in: object, hold: object, breathe_out: object) -> bool:
        """Change the pace; False, with ``error``, when a number is out of bounds."""
        try:
            self.pace = make_pace(breathe_in, hold, breathe_out)
        except InvalidInput as exc:
            self.error = str(exc)
            return False
        self.error = None
        return True

    def set_minutes(self, minutes: object) -> bool:
        try:
            self.minutes = check_minutes(minutes)
        except InvalidInput as exc:
            self.error = str(exc)
            return False
        self.error = None
        return True

    # --- running ----------------------------------------------------------------------------

    def start(self) -> Tick:
        """Begin at the first in-breath (announced)."""
        self.stage = Stage.RUNNING
        self.elapsed = 0.0
        self._said = None
        self.error = None
        return self.tick(0.0)

    def pause(self) -> None:
        if self.stage is Stage.RUNNING:
            self.stage = Stage.PAUSED

    def resume(self) -> None:
        if self.stage is Stage.PAUSED:
            self.stage = Stage.RUNNING

    def now(self) -> Moment:
        return moment_at(self.pace, self.minutes, self.elapsed)

    def tick(self, seconds: float) -> Tick:
        """``seconds`` have passed. Time counts only while running; the last out-breath
        ending moves on to the rating (the practice is written then)."""
        if self.stage is Stage.RUNNING:
            self.elapsed = min(self.elapsed + max(0.0, seconds), self.total())
        moment = self.now()
        announce = None
        key = (moment.breath, moment.phase.value)
        if self.stage is Stage.RUNNING and not moment.finished and key != self._said:
            self._said = key
            announce = moment.phase.value
        if moment.finished and self.stage is Stage.RUNNING:
            self._end()
        return Tick(moment, announce, moment.finished)

    def total(self) -> int:
        return total_seconds(self.pace, self.minutes)

    def breaths(self) -> int:
        return breath_count(self.pace, self.minutes)

    def stop(self) -> None:
        """Stop early: what was practised is kept, and the rating is asked for. Stopped
        within the first seconds, nothing is written and the choices come back."""
        if self.stage not in (Stage.RUNNING, Stage.PAUSED):
            return
        if self.elapsed < MIN_KEPT_SECONDS:
            self.stage = Stage.SETUP
            self.elapsed = 0.0
            return
        self._end()

    def escape(self) -> Escape:
        """Esc, by stage. While breathing (or paused) it stops calmly, as Stop does: what
        was practised is kept and the rating comes next (stopped in the first seconds,
        the choices come back). On the choices it leaves, as Back does. On the rating it
        does nothing: the practice is already kept, and a key pressed in a hurry must not
        skip the person's own rating or throw the slider's position away."""
        if self.stage in (Stage.RUNNING, Stage.PAUSED):
            self.stop()
            return Escape.STOPPED
        if self.stage is Stage.SETUP:
            return Escape.LEAVE
        return Escape.NOTHING

    def _end(self) -> None:
        """The exercise is over: from Home it is written at once (so a lock on the rating
        step loses nothing); from an entry it becomes that entry's coping exercise."""
        self.stage = Stage.RATING
        if self.origin == FROM_JOURNAL:
            form = journal_controller(self.session)
            form.choose_coping(PACED_BREATHING)
            return
        draft = EntryDraft(
            text=practice_words(self.pace, self.elapsed), coping_strategy=COPING_TITLE
        )
        with self.session.work() as repo:
            entry = add_entry(repo, draft, record_id=self.session.new_id(), now=self.session.now())
        self.entry_id = entry.id

    # --- the end ------------------------------------------------------------------------------

    def practised(self) -> str:
        return practice_words(self.pace, self.elapsed)

    def save_rating(self, rating: int | None) -> str:
        """Keep how anxious the person feels now (None: they chose not to say). Returns
        the sentence that tells them where it went."""
        if self.origin == FROM_JOURNAL:
            if rating is not None:
                journal_controller(self.session).set_anxiety_after(rating)
            self.stage = Stage.SETUP
            return "Added to your entry as paced breathing. Save the entry when you are ready."
        if rating is not None and self.entry_id is not None:
            with self.session.work() as repo:
                entry = repo.get(Entry, self.entry_id)
                if entry is None:
                    raise InvalidInput("That practice is no longer in your journal.")
                changed = replace(draft_of(entry), anxiety_after=rating)
                edit_entry(repo, entry.id, changed, now=self.session.now())
        self.stage = Stage.SETUP
        return "Saved in your journal. Well done for taking this time."

    def back_to(self) -> str:
        """The screen "Back" returns to: where the exercise was opened from."""
        return self.origin

"""The drafts waiting after unlocking: where to take the person, and what else is waiting.

Each screen's controller reads back its own forms' drafts and says which of its forms
shows one (``restored``); this one looks across screens: the newest draft decides the
screen the person is taken to after unlocking, and a form's banner lists the drafts
waiting on other screens, so none is left unfound; a draft whose record has gone is
settled first, so no link leads to nothing. No Flet here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from journal_app.app.drafts import Fields, pending_drafts, put_back, settle_drafts
from journal_app.app.session import AppSession
from journal_app.core.drafts import as_json, describe, form_area
from journal_app.core.records import Draft

# Which screen holds the forms of each part of the app.
SCREEN_OF_AREA = {
    "journal": "journal",
    "prompt": "preferences",
    "goal": "goals",
    "candidate": "shortlist",
    "review": "review",
    "checkin": "checkins",
    "share": "share",
}
SCREEN_TITLES = {
    "journal": "Journal",
    "preferences": "Preferences",
    "goals": "Goals",
    "shortlist": "Shortlist",
    "review": "Review",
    "checkins": "Check-ins",
    "share": "Share",
}

BANNER_TITLE = "You were writing this \u2014 keep going, or discard"
BANNER_TITLE_CHECKIN = "You were in the middle of this check-in \u2014 keep going, or discard"
BANNER_TEXT = "It was kept safe, sealed in your journal, while it was locked."
BANNER_TEXT_CHECKIN = "Your answers so far were kept safe, sealed in your journal."


def banner_words(form: str) -> tuple[str, str]:
    """The banner's heading and sentence for a form ("You were writing this", ...)."""
    if form_area(form) == "checkin":
        return BANNER_TITLE_CHECKIN, BANNER_TEXT_CHECKIN
    return BANNER_TITLE, BANNER_TEXT


@dataclass(frozen=True)
class WaitingDraft:
    """A draft on another screen, as the banner lists it."""

    form: str
    words: str  # "a new goal"
    screen: str  # the screen's key, "goals"
    screen_title: str  # "Goals"

    @property
    def link(self) -> str:
        """The button's one name: "Go to Goals: a new goal"."""
        return f"Go to {self.screen_title}: {self.words}"


def screen_of(form: str) -> str | None:
    return SCREEN_OF_AREA.get(form_area(form))


@dataclass
class Discarded:
    """A draft the person discarded, until Undo (or the next discard)."""

    form: str
    record: Draft | None  # what was removed from the journal (None: it was never written)
    fields: Fields  # what the form showed


def put_back_discarded(session: AppSession, gone: Discarded | None) -> Discarded | None:
    """Undo's first half, the same on every screen: the discarded draft is back in the
    journal (when it had been written), and handed back for the form to show it again."""
    if gone is not None and gone.record is not None:
        with session.work() as repo:
            put_back(repo, gone.record)
    return gone


def reader(fields: Callable[[], Fields], baseline: Fields | None = None):
    """A form reader for ``AppSession.form_changed``: the fields as they will be then, and
    the baseline as it is now (what the form showed when it was opened)."""
    kept = None if baseline is None else as_json(baseline)

    def read() -> tuple[Fields, Fields | None]:
        return fields(), kept

    return read


class DraftsController:
    """Across screens: the newest draft after unlocking, and the others waiting."""

    def __init__(self, session: AppSession) -> None:
        self.session = session
        self._arrival: str | None = None  # the form whose banner takes focus, once

    @classmethod
    def for_session(cls, session: AppSession) -> DraftsController:
        return session.kept(cls, lambda: cls(session))

    def waiting(self) -> list[Draft]:
        """The drafts waiting, newest first, each one a screen can open: a draft whose
        record is gone (deleted on another device, say) was moved to a form its words
        still fit or dropped first (``settle_drafts``), so no "Go to …" leads nowhere."""
        with self.session.work() as repo:
            settle_drafts(repo)
            return pending_drafts(repo)

    def arrive(self) -> str | None:
        """Just unlocked: the screen of the newest draft (None when nothing is waiting).
        Its banner takes the keyboard focus when it is first shown."""
        for draft in self.waiting():
            screen = screen_of(draft.form)
            if screen is not None:
                self._arrival = draft.form
                return screen
        return None

    def take_arrival(self, form: str) -> bool:
        """Is this the banner to focus (the newest draft, just after unlocking)? Once."""
        if self._arrival is not None and self._arrival == form:
            self._arrival = None
            return True
        return False

    def others(self, form: str) -> list[WaitingDraft]:
        """The drafts waiting on other screens than ``form``'s, newest first."""
        here = screen_of(form)
        out: list[WaitingDraft] = []
        for draft in self.waiting():
            screen = screen_of(draft.form)
            if screen is None or screen == here:
                continue
            out.append(WaitingDraft(draft.form, describe(draft), screen, SCREEN_TITLES[screen]))
        return out


def fields_of(value: Any) -> Fields:
    """A stored draft's fields, or an empty form's when they are not an object."""
    return dict(value) if isinstance(value, dict) else {}

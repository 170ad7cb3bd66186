"""Keeping, finding and discarding drafts: a form's unsaved state, sealed in the journal.

What the person types lives in a screen's controller until they press Save. Each change
is noted here (``PendingDrafts``) and written a moment later as the form's one ``Draft``
record, through the repository like every other record: sealed with the journal's key,
never a plain file, never a log line. Locking writes any change not yet kept before the
key is forgotten (``AppSession.lock``), so auto-lock, "Lock now" and a closed tab lose
nothing, and a killed process loses at most the last ``DRAFT_DELAY_SECONDS``.

The rules (which forms, what is worth keeping, which draft is newest) are the core's
(``core.drafts``); this module applies them to a store.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from journal_app.app.journal_access import Journal
from journal_app.core.drafts import (
    as_json,
    form_subject,
    newest_per_form,
    same_draft,
    subject_types,
    when_gone,
    worth_keeping,
)
from journal_app.core.ports import RecordStore
from journal_app.core.records import SAVED_RECORD_TYPES, Draft

# A changed form is kept this long after its last change, and never later than
# DRAFT_MAX_WAIT_SECONDS after its first change not yet kept (someone typing without a
# pause still has a draft every second and a half). The issue allows 2 s after the last
# keystroke, and a killed process may lose no more: the shell looks for due drafts every
# DRAFT_POLL_SECONDS (0.25 s) and a write takes milliseconds.
DRAFT_DELAY_SECONDS = 1.0
DRAFT_MAX_WAIT_SECONDS = 1.5

Fields = dict[str, Any]
# Reads a form's state when its draft is written: (fields, baseline). The baseline is
# what a form changing a saved record showed when opened (None for a new record).
FormReader = Callable[[], tuple[Fields, Fields | None]]


# --- the use cases ----------------------------------------------------------------------------


def pending_drafts(store: RecordStore) -> list[Draft]:
    """Every form with a draft, one draft each, the newest first."""
    return newest_per_form(store.all(Draft))


def find_draft(store: RecordStore, form: str) -> Draft | None:
    """The form's draft, if it has one."""
    return next((d for d in pending_drafts(store) if d.form == form), None)


def load_draft(store: RecordStore, form: str) -> Fields | None:
    """A copy of the fields the form's draft holds (the stored record stays untouched)."""
    draft = find_draft(store, form)
    return None if draft is None else as_json(draft.fields)


def keep_draft(
    store: RecordStore,
    form: str,
    fields: Fields,
    *,
    baseline: Fields | None = None,
    now: datetime,
    new_id: Callable[[], str],
) -> bool:
    """Make ``fields`` the form's one draft. True when something was written.

    The draft is replaced in place (one record per form, never a new one per change);
    the same state again writes nothing; a form with nothing worth keeping (emptied, or
    an edit put back as it was) has its draft removed, and so has a form whose record is
    gone (a goal deleted while its new name was still being typed).
    """
    plain = as_json(fields)
    if not worth_keeping(plain, baseline) or subject_gone(store, form):
        return discard_draft(store, form) is not None
    stored = find_draft(store, form)
    if same_draft(stored, form, plain):
        return False
    if stored is None:
        store.add(Draft(id=new_id(), created_at=now, updated_at=now, form=form, fields=plain))
    else:
        store.update(dataclasses.replace(stored, fields=plain, updated_at=now))
    return True


def discard_draft(store: RecordStore, form: str) -> Draft | None:
    """Remove the form's draft (every copy, should there be two); the newest is returned,
    so an Undo can put it back."""
    found = [d for d in store.all(Draft) if d.form == form]
    for draft in found:
        store.remove(Draft, draft.id)
    return newest_per_form(found)[0] if found else None


def subject_gone(store: RecordStore, form: str) -> bool:
    """The form changes a record the journal no longer holds (deleted here, or on another
    device and brought by sync): nothing is left to open it on."""
    kinds, subject = subject_types(form), form_subject(form)
    if not kinds or subject is None:
        return False
    return all(store.get(kind, subject) is None for kind in kinds)


def settle_drafts(store: RecordStore) -> list[str]:
    """Leave no draft that could not be opened: one whose record is gone is moved to the
    form its writing still fits (changes to a deleted entry become a new entry, a deleted
    question's words a new question), when that form has no draft of its own, and is
    dropped otherwise. The forms so settled are returned; nothing is written when every
    draft's record is there."""
    settled: list[str] = []
    drafts = pending_drafts(store)
    taken = {d.form for d in drafts}
    for draft in drafts:  # the newest first: it is the one moved, should two fit one form
        if not subject_gone(store, draft.form):
            continue
        target = when_gone(draft.form)
        if target is not None and target not in taken:
            store.update(dataclasses.replace(draft, form=target))
            taken.add(target)
        discard_draft(store, draft.form)  # every copy still under the old form
        settled.append(draft.form)
    return settled


def put_back(store: RecordStore, draft: Draft) -> None:
    """Undo ``discard_draft``: the draft is the form's draft again, as it was."""
    discard_draft(store, draft.form)
    store.add(dataclasses.replace(draft, fields=as_json(draft.fields)))


def saved_revision(journal: Journal) -> tuple[int, ...]:
    """Like ``Journal.revision``, blind to drafts: it moves when anything the person saved
    changes, and not when a draft is kept while they type. A screen's summary of ten
    years of entries stays valid through a draft written every second or two."""
    return journal.revision_of(*SAVED_RECORD_TYPES)


# --- changes not kept yet ------------------------------------------------------------------


class PendingDrafts:
    """Forms changed since their draft was last kept, and when each falls due.

    A keystroke only notes the form and moves its time on (no write, no page update);
    the shell writes what is due (``AppSession.keep_drafts``), and locking writes all of
    it. Each form has its own time, so typing in one never holds back another's draft.
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        delay: float = DRAFT_DELAY_SECONDS,
        max_wait: float = DRAFT_MAX_WAIT_SECONDS,
    ) -> None:
        self.clock = clock
        self.delay = delay
        self.max_wait = max_wait
        # form -> (its reader, when it falls due, its first change not yet kept)
        self._forms: dict[str, tuple[FormReader, float, float]] = {}
        self._lock = threading.Lock()

    def changed(self, form: str, read: FormReader) -> None:
        """The form changed: keep it ``delay`` seconds from now if it rests, and at the
        latest ``max_wait`` seconds after its first change not yet kept."""
        with self._lock:
            now = self.clock()
            held = self._forms.get(form)
            first = held[2] if held is not None else now
            self._forms[form] = (read, min(now + self.delay, first + self.max_wait), first)

    def drop(self, form: str) -> None:
        """The form was saved or cleared: nothing of it is pending any more."""
        with self._lock:
            self._forms.pop(form, None)

    def clear(self) -> None:
        """Forget every pending form (the journal is locked: no readers of its forms kept)."""
        with self._lock:
            self._forms.clear()

    def due_in(self) -> float | None:
        """Seconds until the next form falls due (0 when one is due), or None when none is."""
        with self._lock:
            if not self._forms:
                return None
            return max(0.0, min(at for _, at, _ in self._forms.values()) - self.clock())

    def take(self, *, due_only: bool = False) -> list[tuple[str, FormReader]]:
        """The forms to keep now (all of them, or those due), no longer pending."""
        with self._lock:
            now = self.clock()
            taken = [
                (form, read)
                for form, (read, at, _) in self._forms.items()
                if not due_only or at <= now
            ]
            for form, _ in taken:
                del self._forms[form]
        return taken

    def __contains__(self, form: str) -> bool:
        with self._lock:
            return form in self._forms

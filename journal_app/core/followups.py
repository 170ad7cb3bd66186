"""Follow-ups: the small next steps where a therapist search usually stalls.

Two nudges, shown in the app and the command line, never sent anywhere:

- A therapist was contacted and nothing has moved for a few days: "You got in touch with
  Dr Ruiz on Monday. No reply yet? ..." Following up is normal, and it is the step people
  most often skip.
- Someone (a GP, a friend) suggested a therapist and a consultation has happened: a gentle
  "let them know how it went", which keeps the referral going if this one isn't right.

Each nudge goes away when it is acted on (followed up, status moved, referrer told) or put
aside with "not now". After a follow-up the clock starts again, so a second, quieter nudge
may come a few days later; "not now" holds until the status changes.

Pure: takes ``today`` (the person's local date), a time zone and the records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo

from journal_app.core.journal import InvalidInput
from journal_app.core.ports import RecordStore
from journal_app.core.records import (
    Candidate,
    ReferralSource,
    StatusChange,
    ensure_utc,
    local_day,
)
from journal_app.core.shortlist import (
    CHOSEN,
    CONSULTATION_BOOKED,
    CONSULTED,
    CONTACTED,
    STATUS_LABELS,
    set_status,
)

FOLLOW_UP_AFTER_DAYS = 4

FOLLOW_UP = "follow_up"
TELL_REFERRER = "tell_referrer"

# What a person can do about each kind of nudge: (action id, words on the button).
FOLLOWED_UP = "followed_up"
BOOKED = "booked"
TOLD = "told"
NOT_NOW = "not_now"
ACTIONS = {
    FOLLOW_UP: (
        (FOLLOWED_UP, "I followed up"),
        (BOOKED, "We booked a consultation"),
        (NOT_NOW, "Not now"),
    ),
    TELL_REFERRER: ((TOLD, "I let them know"), (NOT_NOW, "Not now")),
}


@dataclass(frozen=True)
class Nudge:
    """One small next step about one therapist, with the words and the choices."""

    kind: str  # FOLLOW_UP or TELL_REFERRER
    candidate_id: str
    candidate_name: str
    text: str
    since: date  # the day the thing it is about happened
    actions: tuple[tuple[str, str], ...]
    referrer: str | None = None

    @property
    def key(self) -> str:
        """A stable name for the nudge: its kind and the therapist."""
        return f"{self.kind}:{self.candidate_id}"


def _local(moment: datetime, tz: tzinfo | None) -> date:
    """The person's day of ``moment``; the shell gives ``tz`` (None means UTC, never the
    machine's own zone, which the pure core does not read)."""
    return local_day(moment, tz)


def status_since(candidate: Candidate) -> datetime:
    """When the current status was set: from the history, else (older vaults) the last
    change to the record, the nearest thing known."""
    for change in reversed(candidate.status_history):
        if change.status == candidate.status:
            return change.at
    return candidate.updated_at or candidate.created_at


def had_consultation(candidate: Candidate) -> bool:
    """A consultation happened: the status says so now, or did at some point."""
    if candidate.status in (CONSULTED, CHOSEN):
        return True
    return any(c.status == CONSULTED for c in candidate.status_history)


def day_words(day: date, today: date) -> str:
    """ "today", "yesterday", "on Monday" within the week, else "on 3 November"."""
    days = (today - day).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 7:
        return f"on {day:%A}"
    return f"on {day.day} {day:%B}"


def _follow_up(c: Candidate, today: date, tz: tzinfo | None) -> Nudge | None:
    if c.status != CONTACTED:
        return None
    since = status_since(c)
    if c.follow_up_dismissed_at is not None and c.follow_up_dismissed_at >= since:
        return None
    followed = c.followed_up_at if c.followed_up_at and c.followed_up_at >= since else None
    last = _local(followed or since, tz)
    if (today - last).days < FOLLOW_UP_AFTER_DAYS:
        return None
    when = day_words(last, today)
    if followed:
        text = (
            f"You followed up with {c.name} {when} and haven't heard back. It's okay to try "
            "once more, or to contact someone else on your list: it says nothing about you."
        )
    else:
        text = (
            f"You got in touch with {c.name} {when}. No reply yet? A short follow-up is "
            "normal, and often welcome. Follow up?"
        )
    return Nudge(FOLLOW_UP, c.id, c.name, text, last, ACTIONS[FOLLOW_UP])


def _tell_referrer(
    c: Candidate, sources: dict[str, ReferralSource], today: date, tz: tzinfo | None
) -> Nudge | None:
    source = sources.get(c.referral_source_id or "")
    if source is None or c.referrer_told_at is not None or not had_consultation(c):
        return None
    if c.referrer_nudge_dismissed_at is not None:
        return None
    consulted = next(
        (ch.at for ch in reversed(c.status_history) if ch.status == CONSULTED), status_since(c)
    )
    day = _local(consulted, tz)
    text = (
        f"{source.name} suggested {c.name}, and you've had a consultation. When it suits you, "
        f"you could let {source.name} know how it went: it helps them help you, whatever "
        "you decide."
    )
    return Nudge(TELL_REFERRER, c.id, c.name, text, day, ACTIONS[TELL_REFERRER], source.name)


def follow_ups(
    candidates: Iterable[Candidate],
    sources: Iterable[ReferralSource],
    today: date,
    tz: tzinfo | None = None,
) -> list[Nudge]:
    """The nudges due today, oldest first (the one waiting longest leads)."""
    by_id = {s.id: s for s in sources}
    nudges: list[Nudge] = []
    for c in candidates:
        for nudge in (_follow_up(c, today, tz), _tell_referrer(c, by_id, today, tz)):
            if nudge is not None:
                nudges.append(nudge)
    nudges.sort(key=lambda n: (n.since, n.candidate_name.casefold(), n.kind))
    return nudges


# --- Acting on a nudge -----------------------------------------------------------------------


def _candidate(store: RecordStore, candidate_id: str) -> Candidate:
    found = store.get(Candidate, candidate_id)
    if found is None:
        raise InvalidInput("That therapist is no longer on your shortlist.")
    return found


def _when_done(c: Candidate, kind: str, at: datetime | None, now: datetime) -> datetime:
    """When the person says it happened (a date and a time they picked), else now.

    Never in the future, and a follow-up never before the contact it follows: either would
    put the next nudge on the wrong day, so both are refused with the reason.
    """
    if at is None:
        return now
    at = ensure_utc(at)
    if at > now:
        raise InvalidInput("That time is still to come; pick when it happened.")
    if kind == FOLLOW_UP and at < status_since(c):
        raise InvalidInput(f"That is before you got in touch with {c.name}.")
    return at


def act(
    store: RecordStore,
    kind: str,
    candidate_id: str,
    action: str,
    *,
    now: datetime,
    at: datetime | None = None,
) -> str:
    """Do what the person chose on a nudge; returns a short, kind line to show after.

    ``at`` is when it happened (a date and a time picked by the person: "I followed up on
    Tuesday at 16:00"); None means now. "Not now" always means now.
    """
    c = _candidate(store, candidate_id)
    allowed = {a for a, _ in ACTIONS.get(kind, ())}
    if action not in allowed:
        raise InvalidInput(f"{action!r} is not something to do with this reminder.")
    if action == NOT_NOW:
        if kind == FOLLOW_UP:
            store.update(replace(c, follow_up_dismissed_at=now, updated_at=now))
        else:
            store.update(replace(c, referrer_nudge_dismissed_at=now, updated_at=now))
        return "Okay, put aside for now."
    when = _when_done(c, kind, at, now)
    if action == FOLLOWED_UP:
        store.update(replace(c, followed_up_at=when, updated_at=now))
        return f"Well done for following up with {c.name}. That's the step most people skip."
    if action == BOOKED:
        booked = set_status(store, c.id, CONSULTATION_BOOKED, now=now)
        if when != now:  # the history says when it was booked; updated_at stays now
            history = [*booked.status_history[:-1], StatusChange(CONSULTATION_BOOKED, when)]
            store.update(replace(booked, status_history=history))
        label = STATUS_LABELS[CONSULTATION_BOOKED].lower()
        return f"Good news. {c.name} is now marked '{label}'."
    store.update(replace(c, referrer_told_at=when, updated_at=now))
    return "Thank you for closing the loop. Referrers are glad to hear back."

"""Check-ins: the GAD-7 and PHQ-9 forms, their results, and how scores have moved.

Answers being given live here until saved, so a rebuild of the screen never loses them,
and are kept as a sealed draft per questionnaire (``app.drafts``), so a lock or a closed
tab does not either: the next unlock opens the check-in where the person left it.
A saved check-in can be corrected (its answers open in the form, saved over it) or deleted
(with Undo); scores, bands, charts and trends are derived from the answers, so they follow.
Crisis resources are due the moment the PHQ-9's self-harm item is answered above 0, before
anything is saved, and stay on screen for the rest of that check-in and with its result:
nothing the person does on the form hides them again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from journal_app.app.clock import local_time
from journal_app.app.crisis_files import CrisisChoice, crisis_for_person
from journal_app.app.drafts import Fields, pending_drafts
from journal_app.app.session import AppSession
from journal_app.core.checkins import (
    ANSWER_OPTIONS,
    ATTRIBUTION,
    GAD7,
    INSTRUMENTS,
    PHQ9,
    SCREENING_NOTE,
    Band,
    CheckinResult,
    Instrument,
    Trend,
    correct_checkin,
    crisis_due_now,
    delete_checkin,
    record_checkin,
    restore_checkin,
    scored,
    trends,
)
from journal_app.core.crisis import CRISIS_MESSAGE, CrisisResources, CrisisService
from journal_app.core.drafts import checkin, form_area, form_kind
from journal_app.core.records import CheckIn
from journal_app.ui.controllers.crisis_country import country_choices, save_country
from journal_app.ui.controllers.drafts import Discarded, put_back_discarded, reader

CHART_POINTS = 26  # the most recent check-ins drawn on a chart
HISTORY_ROWS = 12  # past results listed before "Show all"

CHOICE_TITLES = {
    GAD7: "Anxiety check-in (GAD-7)",
    PHQ9: "Mood check-in (PHQ-9)",
}


@dataclass(frozen=True)
class ServiceLink:
    """One way to reach a service at a touch: a call, a text, its website."""

    label: str  # the button's one name, e.g. "Call Samaritans on 116 123"
    url: str  # tel:, sms: or https:


@dataclass(frozen=True)
class CrisisView:
    """What to show, in order: the message, the emergency line, each service."""

    message: str
    emergency: str
    services: tuple[str, ...]
    country: str
    lines: tuple[str, ...]  # the same, as CrisisResources.lines() gives it
    links: tuple[tuple[ServiceLink, ...], ...] = ()  # per service, in the same order
    showing: str = ""  # "Showing help for the United States, from your time zone."
    code: str = ""  # the ISO code shown, or "default"

    @classmethod
    def of(cls, resources: CrisisResources, showing: str = "") -> CrisisView:
        return cls(
            message=CRISIS_MESSAGE,
            emergency=resources.emergency_line(),
            services=tuple(s.line() for s in resources.services),
            country=resources.name,
            lines=tuple(resources.lines()),
            links=tuple(service_links(s) for s in resources.services),
            showing=showing,
            code=resources.code,
        )

    @classmethod
    def chosen(cls, choice: CrisisChoice) -> CrisisView:
        """The resources for where the person is, saying which country and why."""
        return cls.of(choice.resources, choice.sentence)


def service_links(service: CrisisService) -> tuple[ServiceLink, ...]:
    """Call, text and website links for a service, from what its data gives.

    The numbers are dialled as digits only ("116 123" -> tel:116123); the words keep the
    spacing people read aloud. The app opens nothing itself: the device does, if it can.
    """
    links: list[ServiceLink] = []
    if service.phone:
        links.append(
            ServiceLink(f"Call {service.name} on {service.phone}", f"tel:{_digits(service.phone)}")
        )
    if service.sms:
        links.append(
            ServiceLink(f"Text {service.name} on {service.sms}", f"sms:{_digits(service.sms)}")
        )
    if service.website:
        site = service.website.removeprefix("https://").removeprefix("http://")
        links.append(ServiceLink(f"Open {site}", f"https://{site}"))
    return tuple(links)


def _digits(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit() or ch == "+")


@dataclass(frozen=True)
class FormState:
    instrument: Instrument
    stem: str
    items: tuple[str, ...]
    options: tuple[tuple[int, str], ...]
    answers: tuple[int | None, ...]
    answered: int
    can_save: bool
    attribution: str


@dataclass(frozen=True)
class PastResult:
    checkin_id: str
    taken_at: datetime
    date_text: str
    name: str
    score: int
    max_score: int
    band_label: str
    corrected: bool = False  # its answers were put right after it was saved


@dataclass(frozen=True)
class ChartPoint:
    x: int
    score: int
    date_text: str


@dataclass(frozen=True)
class TrendView:
    instrument: str
    name: str
    max_score: int
    sentence: str
    bands: tuple[Band, ...]
    points: tuple[ChartPoint, ...]  # the most recent CHART_POINTS, oldest first
    shown_from: int  # how many earlier check-ins are not drawn


@dataclass(frozen=True)
class CheckinsState:
    selected: str
    choices: tuple[tuple[str, str], ...]  # (instrument id, title)
    form: FormState
    crisis: CrisisView | None  # shown whenever not None; never behind a click
    result: CheckinResult | None  # the check-in just saved
    note: str
    trends: tuple[TrendView, ...]
    history: tuple[PastResult, ...]
    history_total: int
    show_all_history: bool
    show_help: bool
    draft_restored: bool = False  # the form shows answers kept from before the lock
    correcting: str | None = None  # "your PHQ-9 of 3 Dec 2025": the form corrects it
    corrected: bool = False  # the result shown is of a correction


def answers_from(fields: Fields, instrument: str) -> list[int | None]:
    """A kept draft's answers for a questionnaire: one per item, each a published answer
    or None (a value that is not one, or a list of the wrong length, is left out)."""
    size = len(INSTRUMENTS[instrument].items)
    allowed = {v for v, _ in ANSWER_OPTIONS}
    raw = fields.get("answers")
    if not isinstance(raw, list) or len(raw) != size:
        return [None] * size
    return [a if isinstance(a, int) and not isinstance(a, bool) and a in allowed else None
            for a in raw]  # fmt: skip


def _day(moment: datetime) -> str:
    local = local_time(moment)
    return f"{local.day} {local:%b %Y}"


def trend_view(trend: Trend) -> TrendView:
    inst = INSTRUMENTS[trend.instrument]
    recent = trend.points[-CHART_POINTS:]
    return TrendView(
        instrument=trend.instrument,
        name=trend.name,
        max_score=trend.max_score,
        sentence=trend.sentence(),
        bands=inst.bands,
        points=tuple(ChartPoint(i, p.score, _day(p.taken_at)) for i, p in enumerate(recent)),
        shown_from=len(trend.points) - len(recent),
    )


_Summary = tuple[tuple[int, ...], list[tuple[CheckIn, CheckinResult]], tuple[TrendView, ...]]


@dataclass
class CheckinsController:
    session: AppSession
    selected: str = GAD7
    answers: dict[str, list[int | None]] = field(
        default_factory=lambda: {k: [None] * len(i.items) for k, i in INSTRUMENTS.items()}
    )
    crisis_seen: bool = False  # item 9 was above 0 at some point in this check-in
    result: CheckinResult | None = None
    show_all_history: bool = False
    show_help: bool = False
    # (check-ins' revision, scored check-ins newest first, trends): see ``_summary``.
    _kept: _Summary | None = field(default=None, repr=False, compare=False)
    restored: set[str] = field(default_factory=set)  # check-ins whose draft banner is up
    discarded: Discarded | None = None  # the draft last discarded, until Undo
    focus_form: bool = False  # keyboard focus to the first question left, at the next build
    correcting: CheckIn | None = None  # the saved check-in the form is correcting
    # The answers being given on that questionnaire before the correction began: they
    # come back afterwards, and are kept out of the correction's way meanwhile.
    _put_aside: list[int | None] | None = field(default=None, repr=False)
    corrected: bool = False  # the result shown is of a correction
    deleted: CheckIn | None = None  # the check-in last deleted, until Undo

    def __post_init__(self) -> None:
        """On opening the journal: a check-in left half-answered is open again where the
        person left it (the newest, should both questionnaires have been started)."""
        with self.session.work() as repo:
            kept = [d for d in pending_drafts(repo) if form_area(d.form) == "checkin"]
        for draft in reversed(kept):  # oldest first, so the newest is the one selected
            instrument = form_kind(draft.form).partition(".")[2]
            if instrument not in INSTRUMENTS:
                continue
            self.answers[instrument] = answers_from(draft.fields, instrument)
            self.restored.add(draft.form)
            self.selected = instrument

    @classmethod
    def for_session(cls, session: AppSession) -> CheckinsController:
        """One controller per open journal: answers survive a rebuild, but not a lock."""
        return session.kept(cls, lambda: cls(session))

    # --- the form ---------------------------------------------------------------------------

    def select(self, instrument: str) -> None:
        if instrument not in INSTRUMENTS:
            raise ValueError(f"no questionnaire {instrument!r}")
        if instrument != self.selected:
            self.cancel_correction()
            self.selected = instrument
            self._close_result()

    def answer(self, index: int, value: int) -> bool:
        """Record one answer of the selected form; True when crisis resources are now due."""
        answers = self.answers[self.selected]
        if not 0 <= index < len(answers):
            raise ValueError(f"no question {index}")
        if value not in {v for v, _ in ANSWER_OPTIONS}:
            raise ValueError(f"no answer {value!r}")
        self._close_result()
        answers[index] = value
        if self.correcting is None:  # a correction is of a saved check-in: no draft of it
            self.session.form_changed(
                checkin(self.selected), reader(lambda: {"answers": list(answers)})
            )
        if crisis_due_now(self.selected, answers):
            self.crisis_seen = True
        return self.crisis_due

    def _close_result(self) -> None:
        """A new check-in begins once the person moves on from a saved result."""
        if self.result is not None:
            self.result = None
            self.corrected = False
            self.crisis_seen = False

    @property
    def crisis_due(self) -> bool:
        """Show crisis resources: item 9 answered above 0 now, earlier in this check-in,
        or in the result just saved."""
        if self.result is not None and self.result.crisis_due:
            return True
        return self.crisis_seen or crisis_due_now(PHQ9, self.answers[PHQ9])

    def can_save(self) -> bool:
        return all(a is not None for a in self.answers[self.selected])

    def country_choices(self) -> list[tuple[str, str]]:
        """Where the crisis resources can be for ('' works it out from the device)."""
        return country_choices()

    @property
    def chosen_country(self) -> str:
        return self.session.prefs.country

    def set_country(self, code: str) -> None:
        """The person picked a country beside the helplines: kept, as in Settings."""
        save_country(self.session, code)

    def crisis(self) -> CrisisView:
        return CrisisView.chosen(crisis_for_person(self.session.prefs.country or None))

    def form(self) -> FormState:
        inst = INSTRUMENTS[self.selected]
        answers = tuple(self.answers[self.selected])
        return FormState(
            instrument=inst,
            stem=inst.stem,
            items=inst.items,
            options=ANSWER_OPTIONS,
            answers=answers,
            answered=sum(a is not None for a in answers),
            can_save=self.can_save(),
            attribution=ATTRIBUTION,
        )

    def save(self) -> CheckinResult:
        """Score and keep the selected check-in; the form starts afresh, the result shows."""
        if self.correcting is not None:
            return self._save_correction()
        instrument = self.selected
        with self.session.work() as repo:
            _, result = record_checkin(
                repo,
                instrument,
                list(self.answers[instrument]),
                record_id=self.session.new_id(),
                now=self.session.now(),
            )
            self.session.form_done(checkin(instrument))
        self.answers[instrument] = [None] * len(INSTRUMENTS[instrument].items)
        self.restored.discard(checkin(instrument))
        self.result = result
        return result

    # --- correcting and deleting saved check-ins --------------------------------------------

    def _stored(self, checkin_id: str) -> CheckIn:
        with self.session.work() as repo:
            found = repo.get(CheckIn, checkin_id)
        if found is None or found.instrument not in INSTRUMENTS:
            raise ValueError("That check-in is no longer in your journal.")
        return found

    def start_correction(self, checkin_id: str) -> None:
        """Open a saved check-in's answers in the form, to put a mis-tapped one right.

        Answers already being given on that questionnaire are put aside and come back
        afterwards. Crisis resources follow the form as ever: a self-harm answer above 0
        shows them, and one changed to above 0 shows them at once."""
        stored = self._stored(checkin_id)
        self.cancel_correction()
        self._close_result()
        instrument = stored.instrument
        self.selected = instrument
        self._put_aside = self.answers[instrument]
        self.answers[instrument] = answers_from({"answers": list(stored.answers)}, instrument)
        self.correcting = stored
        self.focus_form = True

    def cancel_correction(self) -> None:
        """Leave the saved check-in as it was; the form shows what it showed before."""
        if self.correcting is None:
            return
        instrument = self.correcting.instrument
        self.correcting = None
        if self._put_aside is not None:
            self.answers[instrument] = self._put_aside
        self._put_aside = None

    def _save_correction(self) -> CheckinResult:
        stored = self.correcting
        assert stored is not None
        with self.session.work() as repo:
            _, result = correct_checkin(
                repo, stored.id, list(self.answers[stored.instrument]), now=self.session.now()
            )
        self.cancel_correction()
        self.result = result
        self.corrected = True
        return result

    def delete(self, checkin_id: str) -> CheckIn:
        """Take a check-in out of the journal (Undo puts it back). Copies already shared
        are not touched; copies made from now on leave it out."""
        if self.correcting is not None and self.correcting.id == checkin_id:
            self.cancel_correction()
        with self.session.work() as repo:
            gone = delete_checkin(repo, checkin_id)
        self.deleted = gone
        return gone

    def undo_delete(self) -> bool:
        """Put the check-in last deleted back exactly as it was."""
        gone, self.deleted = self.deleted, None
        if gone is None:
            return False
        with self.session.work() as repo:
            restore_checkin(repo, gone)
        return True

    def correcting_text(self) -> str | None:
        if self.correcting is None:
            return None
        name = INSTRUMENTS[self.correcting.instrument].name
        return f"your {name} of {_day(self.correcting.taken_at)}"

    # --- the draft banner -------------------------------------------------------------------

    def showing_draft(self) -> bool:
        """The form shows answers kept from before the lock (its banner is up)."""
        if self.correcting is not None:
            return False
        return self.result is None and checkin(self.selected) in self.restored

    def keep_going(self) -> None:
        self.restored.discard(checkin(self.selected))
        self.focus_form = True

    def take_focus_form(self) -> bool:
        focus, self.focus_form = self.focus_form, False
        return focus

    def discard_draft(self) -> None:
        """The answers' draft leaves the journal and the form starts afresh (undoable).
        Crisis resources already due stay on screen: nothing on the form hides them."""
        instrument = self.selected
        form = checkin(instrument)
        record = self.session.form_done(form)
        self.discarded = Discarded(form, record, {"answers": list(self.answers[instrument])})
        self.answers[instrument] = [None] * len(INSTRUMENTS[instrument].items)
        self.restored.discard(form)

    def undo_discard(self) -> bool:
        gone, self.discarded = put_back_discarded(self.session, self.discarded), None
        if gone is None:
            return False
        instrument = form_kind(gone.form).partition(".")[2]
        if instrument in INSTRUMENTS:
            self._close_result()
            self.selected = instrument
            self.answers[instrument] = answers_from(gone.fields, instrument)
            self.focus_form = True
        return True

    def start_again(self) -> None:
        self._close_result()

    # --- history ----------------------------------------------------------------------------

    def toggle_history(self) -> None:
        self.show_all_history = not self.show_all_history

    def toggle_help(self) -> None:
        self.show_help = not self.show_help

    def _summary(self) -> tuple[list[tuple[CheckIn, CheckinResult]], tuple[TrendView, ...]]:
        """Every check-in scored, newest first, and the trends: worked out again only when
        a check-in has changed since (ten years are ~1,000 check-ins to score, most of
        this screen's time), not on every visit."""
        with self.session.work() as repo:
            revision = repo.revision_of(CheckIn)
            if self._kept is None or self._kept[0] != revision:
                checkins = repo.all(CheckIn)
                results = scored(checkins)  # once, for the history and the trends alike
                # Those from a newer app, or damaged, are left out (``scored`` skips them).
                newest_first = sorted(results, key=lambda p: (p[0].taken_at, p[0].id), reverse=True)
                views = tuple(trend_view(t) for t in trends(checkins, results=results).values())
                self._kept = (revision, newest_first, views)
        return self._kept[1], self._kept[2]

    def prepare(self) -> None:
        """Score the check-ins ahead of the first visit (the shell calls it after unlock)."""
        self._summary()

    def state(self) -> CheckinsState:
        newest_first, trend_views = self._summary()
        listed = newest_first if self.show_all_history else newest_first[:HISTORY_ROWS]
        shown = [  # dates are worked out for the rows shown, not for thirty years of them
            PastResult(
                checkin_id=checkin.id,
                taken_at=checkin.taken_at,
                date_text=_day(checkin.taken_at),
                name=r.name,
                score=r.score,
                max_score=r.max_score,
                band_label=r.band_label,
                corrected=checkin.updated_at is not None,
            )
            for checkin, r in listed
        ]
        return CheckinsState(
            selected=self.selected,
            choices=tuple((k, CHOICE_TITLES[k]) for k in INSTRUMENTS),
            form=self.form(),
            crisis=self.crisis() if self.crisis_due else None,
            result=self.result,
            note=SCREENING_NOTE,
            trends=trend_views,
            history=tuple(shown),
            history_total=len(newest_first),
            show_all_history=self.show_all_history,
            show_help=self.show_help,
            draft_restored=self.showing_draft(),
            correcting=self.correcting_text(),
            corrected=self.corrected,
        )

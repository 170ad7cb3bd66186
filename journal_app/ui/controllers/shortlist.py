"""Shortlist: therapists ranked by how they fit the person's profile, with the reasons.

The ranking and the fit sentence come from ``core.shortlist``; this turns them into rows
the screen can draw (every reason spelled out in words, never colour alone) and keeps what
is typed into "Add a therapist" so a rebuild of the screen never loses it. After adding
someone or moving a status the journey is synced, and its celebrations handed back.
Every form (adding, a card's "Edit details", a card's notes) is also kept as a sealed
draft (``app.drafts``): a lock or a closed tab loses nothing, the next unlock reopens it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from journal_app.app.drafts import Fields, pending_drafts
from journal_app.app.profile import current_profile, packs
from journal_app.app.session import AppSession
from journal_app.core import shortlist as core
from journal_app.core.compare import (
    CELL_WORDS,
    MAX_COMPARED,
    MIN_COMPARED,
    Comparison,
    compare,
)
from journal_app.core.drafts import (
    CANDIDATE_EDIT,
    CANDIDATE_NEW,
    CANDIDATE_NOTES,
    candidate_edit,
    candidate_notes,
    form_area,
    form_kind,
    form_subject,
)
from journal_app.core.goals import Celebration
from journal_app.core.journal import InvalidInput
from journal_app.core.profile import IMPORTANCE_LABELS, MUST, NICE, Profile
from journal_app.core.questions import add_questions
from journal_app.core.records import Candidate, Question, ReferralSource
from journal_app.core.shortlist import (
    MET,
    MISSED,
    STATUS_LABELS,
    STATUSES,
    FitReason,
    FitReport,
    criteria_of,
    norm_id,
)
from journal_app.core.therapist_answers import FORGET, answer_choices, record_answer
from journal_app.ui.controllers.drafts import Discarded, put_back_discarded, reader

# Dimensions whose typed words are matched to the prompt packs' choices ("CBT" -> "cbt").
TEXT_DIMENSIONS = {
    "modalities": "modality",
    "specialties": "concern",
    "languages": "language",
}
# Small, fixed sets offered as chips rather than typed.
CHIP_DIMENSIONS = {"formats": "format", "availability": "availability"}
DRAFT_FIELDS = (
    "name",
    "credentials",
    "contact",
    "modalities",
    "specialties",
    "languages",
    "fee",
    "insurance",
    "referred_by",
    "notes",
)
REFERRAL_KIND_LABELS = {
    "primary_care": "My doctor or GP",
    "friend": "A friend or family member",
    "school": "School, college or work",
    "faith": "A faith community",
    "other": "Someone else",
}

OUTCOME_WORDS = {
    (MUST, MET): "Meets a must-have",
    (MUST, MISSED): "Misses a must-have",
    (NICE, MET): "Matches a nice-to-have",
    (NICE, MISSED): "Doesn't match a nice-to-have",
}
UNKNOWN_WORDS = "Not known yet — worth asking"


def choices_for(dimension: str) -> list[tuple[str, str]]:
    """(id, label) of the prompt packs' options for one profile dimension."""
    out: list[tuple[str, str]] = []
    for pack in packs():
        for prompt in pack.prompts:
            if prompt.dimension == dimension:
                out.extend((c.id, c.label) for c in prompt.choices if not c.neutral)
    return out


def split_list(text: str) -> list[str]:
    """Comma- or semicolon-separated words, trimmed."""
    return [part.strip() for part in (text or "").replace(";", ",").split(",") if part.strip()]


def to_ids(text: str, dimension: str) -> list[str]:
    """Typed words as the profile's ids where they name a known option, else as typed.

    "CBT", "cbt" and "CBT (cognitive behavioural therapy)" all become "cbt", so the fit
    can compare them with what the person asked for.
    """
    known: dict[str, str] = {}
    for choice_id, label in choices_for(dimension):
        for spelling in (choice_id, label, label.split(" (")[0]):
            known.setdefault(norm_id(spelling), choice_id)
    parts = split_list(text)
    out: list[str] = []
    start = 0
    while start < len(parts):
        # Some options' own words hold a comma ("Anxiety, worry or panic"), and the form
        # shows a saved option by those words: the longest run of parts that spells one
        # is that one option, not two (else "Helps with" changed on every save).
        for end in range(len(parts), start, -1):
            found = known.get(norm_id(", ".join(parts[start:end])))
            if found is not None or end == start + 1:
                out.append(found if found is not None else parts[start])
                start = end
                break
    return out


def words_for(values: list[str], dimension: str) -> list[str]:
    """Stored ids back in plain words ("in_person" -> "In person")."""
    labels = {choice_id: label.split(" (")[0] for choice_id, label in choices_for(dimension)}
    return [labels.get(v, labels.get(norm_id(v), v)) for v in values]


@dataclass(frozen=True)
class ReasonRow:
    """One line of the fit, with its outcome spelled out: met, missed or unknown."""

    outcome: str  # MET, MISSED or UNKNOWN
    importance: str
    text: str  # e.g. "Meets a must-have: CBT"
    question: str = ""  # for what's not known yet: "Ask: do you tend to be direct?"
    dimension: str = ""
    label: str = ""  # the criterion in words, to name its answer buttons
    answers: tuple[tuple[str, str], ...] = ()  # (id, words) to record what they said
    said: bool = False  # settled by what the therapist said: it can be forgotten


def reason_row(
    reason: FitReason,
    answers: tuple[tuple[str, str], ...] = (),
    said: bool = False,
) -> ReasonRow:
    """One reason in words; a not-known one carries the answers that would settle it."""
    if reason.outcome in (MET, MISSED):
        lead = OUTCOME_WORDS[(MUST if reason.importance == MUST else NICE, reason.outcome)]
        text = f"{lead}: {reason.text}"
        return ReasonRow(
            reason.outcome,
            reason.importance,
            text,
            dimension=reason.dimension,
            label=reason.label,
            said=said,
        )
    ask = f"Ask: {core.mid_sentence(reason.question)}" if reason.question else ""
    text = f"{UNKNOWN_WORDS}: {reason.text}"
    return ReasonRow(
        reason.outcome,
        reason.importance,
        text,
        ask,
        answers=answers,
        dimension=reason.dimension,
        label=reason.label,
        said=said,
    )


def _reason_order(reason: FitReason) -> tuple[int, int]:
    """Must-haves first (met, then missed), then nice-to-haves, then what's not known yet."""
    if reason.outcome not in (MET, MISSED):
        return (2, 0)
    return (0 if reason.importance == MUST else 1, 0 if reason.outcome == MET else 1)


@dataclass(frozen=True)
class CandidateCard:
    id: str
    name: str
    credentials: str
    contact: str
    status: str
    status_label: str
    sentence: str
    reasons: tuple[ReasonRow, ...]
    details: tuple[str, ...]  # "Approaches: CBT, ACT", "Fee: 110 per session"...
    referred_by: str | None
    notes: str
    questions: tuple[str, ...] = ()  # worth asking, must-haves first; see add_questions_from_fit


def candidate_card(
    report: FitReport, sources: dict[str, str], profile: Profile | None = None
) -> CandidateCard:
    c = report.candidate
    choices = {p.dimension: answer_choices(p) for p in criteria_of(profile or Profile())}
    details: list[str] = []
    for title, values in (
        ("Approaches", words_for(c.modalities, "modality")),
        ("Helps with", words_for(c.specialties, "concern")),
        ("How you'd meet", words_for(c.formats, "format")),
        ("Languages", words_for(c.languages, "language")),
        ("When", words_for(c.availability, "availability")),
        ("Insurance", list(c.insurance)),
    ):
        if values:
            details.append(f"{title}: {', '.join(values)}")
    fee = core.fee_words(c)
    if fee is not None:
        per = "" if c.fee is None or not fee[-1:].isdigit() else " per session"
        details.append(f"Fee: {fee}{per}")
    if c.sliding_scale:
        details.append("Offers a sliding scale")
    return CandidateCard(
        id=c.id,
        name=c.name,
        credentials=c.credentials,
        contact=c.contact,
        status=c.status,
        status_label=STATUS_LABELS.get(c.status, c.status),
        sentence=report.sentence,
        reasons=tuple(
            reason_row(r, choices.get(r.dimension, ()), r.dimension in c.answers)
            for r in sorted(report.reasons, key=_reason_order)
        ),
        details=tuple(details),
        referred_by=sources.get(c.referral_source_id or ""),
        notes=c.notes,
        questions=report.questions,
    )


@dataclass
class CandidateDraft:
    """What is typed into "Add a therapist" but not saved yet."""

    name: str = ""
    credentials: str = ""
    contact: str = ""
    modalities: str = ""
    specialties: str = ""
    languages: str = ""
    fee: str = ""
    insurance: str = ""
    referred_by: str = ""
    referral_kind: str = ""
    notes: str = ""
    sliding_scale: bool = False
    formats: set[str] = field(default_factory=set)
    availability: set[str] = field(default_factory=set)
    error: str | None = None
    error_field: str | None = None  # which field the error is about, to show it there

    def fields(self) -> dict[str, Any]:
        """The candidate fields this draft holds, as ``core.update_candidate`` takes them.
        An emptied box means "forget it", so an edit can remove what was filled in."""
        return {
            "name": self.name,
            "credentials": self.credentials,
            "contact": self.contact,
            "modalities": to_ids(self.modalities, "modality"),
            "specialties": to_ids(self.specialties, "concern"),
            "formats": sorted(self.formats),
            "languages": to_ids(self.languages, "language"),
            "fee": self.fee,
            "insurance": split_list(self.insurance),
            "sliding_scale": self.sliding_scale,
            "availability": sorted(self.availability),
            "notes": self.notes,
        }

    def precheck(self) -> None:
        """Check the fields a person most often gets wrong one by one, so the reason can be
        shown beside the field it is about (``error_field``) rather than under the form."""
        for name, check in (
            ("name", lambda: core.check_name(self.name)),
            ("fee", lambda: core.parse_fee(self.fee)),
            (
                "referred_by",
                lambda: (
                    self.referred_by.strip()
                    and core.check_name(self.referred_by, "referrer's name")
                ),
            ),
        ):
            try:
                check()
            except InvalidInput as exc:
                self.error, self.error_field = str(exc), name
                raise


def draft_from(candidate: Candidate, referred_by: str = "") -> CandidateDraft:
    """A draft holding what is saved about a candidate, in the words the form shows."""
    return CandidateDraft(
        name=candidate.name,
        credentials=candidate.credentials,
        contact=candidate.contact,
        modalities=", ".join(words_for(candidate.modalities, "modality")),
        specialties=", ".join(words_for(candidate.specialties, "concern")),
        languages=", ".join(words_for(candidate.languages, "language")),
        fee=core.fee_words(candidate) or "",
        insurance=", ".join(candidate.insurance),
        referred_by=referred_by,
        notes=candidate.notes,
        sliding_scale=candidate.sliding_scale,
        formats=set(candidate.formats),
        availability=set(candidate.availability),
    )


FORM_TEXT = (*DRAFT_FIELDS, "referral_kind")


def candidate_fields(draft: CandidateDraft) -> Fields:
    """A therapist form as its draft keeps it: its words, switch and chips (the refusal
    shown beside a field is not kept)."""
    fields: Fields = {name: getattr(draft, name) for name in FORM_TEXT}
    fields["sliding_scale"] = draft.sliding_scale
    fields["formats"] = sorted(draft.formats)
    fields["availability"] = sorted(draft.availability)
    return fields


def candidate_draft_from(fields: Fields) -> CandidateDraft:
    """A kept draft back in the form; a value of the wrong kind is left out."""

    def chosen(name: str) -> set[str]:
        value = fields.get(name)
        return {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()

    words = {n: fields[n] for n in FORM_TEXT if isinstance(fields.get(n), str)}
    return CandidateDraft(
        **words,
        sliding_scale=fields.get("sliding_scale") is True,
        formats=chosen("formats"),
        availability=chosen("availability"),
    )


@dataclass(frozen=True)
class ShortlistState:
    cards: tuple[CandidateCard, ...]
    nudge: str | None
    statuses: tuple[tuple[str, str], ...]  # (id, label) for the Status dropdown
    draft: CandidateDraft
    form_open: bool
    referrers: tuple[str, ...]  # names used before, to pick again
    format_choices: tuple[tuple[str, str], ...]
    availability_choices: tuple[tuple[str, str], ...]
    has_profile: bool
    restored: frozenset[str] = frozenset()  # forms showing a draft kept from before the lock
    compared: tuple[str, ...] = ()  # ids ticked for "Compare", in the order ticked
    answering: frozenset[tuple[str, str]] = frozenset()  # (id, dimension) with answers open
    comparison: ComparisonView | None = None  # shown when 2 to 4 are ticked
    # On a wide window, what shows beside the list: a therapist's id, or COMPARISON.
    # None only with nobody on the list.
    opened: str | None = None


COMPARISON = "comparison"  # opened beside the list like a therapist (see ShortlistState.opened)


@dataclass(frozen=True)
class ComparisonView:
    """Therapists side by side: a header of names, then a row per criterion, in words."""

    names: tuple[str, ...]
    rows: tuple[tuple[str, str, tuple[str, ...]], ...]  # (criterion, importance, cell words)


def comparison_view(comparison: Comparison) -> ComparisonView:
    return ComparisonView(
        names=tuple(r.candidate.name for r in comparison.reports),
        rows=tuple(
            (
                row.label,
                IMPORTANCE_LABELS.get(row.importance, row.importance),
                tuple(CELL_WORDS[cell] for cell in row.cells),
            )
            for row in comparison.rows
        ),
    )


@dataclass
class ShortlistController:
    session: AppSession
    draft: CandidateDraft = field(default_factory=CandidateDraft)
    form_open: bool = False
    notes_drafts: dict[str, str] = field(default_factory=dict)
    edits: dict[str, CandidateDraft] = field(default_factory=dict)  # open "Edit details" forms
    removed: Candidate | None = None  # the last one taken off, until undone or replaced
    compared: list[str] = field(default_factory=list)  # ticked for "Compare", at most four
    # "Worth asking" lines whose answer buttons are open. Closed by default: a line's
    # buttons are built only on demand (eleven criteria on three cards would otherwise
    # add some 480 controls to the screen, measured: 295 -> 775).
    answering: set[tuple[str, str]] = field(default_factory=set)
    restored: set[str] = field(default_factory=set)  # forms whose draft banner is up
    discarded: Discarded | None = None  # the draft last discarded, until Undo
    focus_form: str | None = None  # the form whose first box takes focus at the next build
    open_key: str | None = None  # chosen to show beside the list on a wide window
    # What each open edit or notes form showed when it was opened: a draft is kept only
    # when the form differs from it.
    _baselines: dict[str, Fields] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        """On opening the journal: every therapist form with a draft is open again."""
        with self.session.work() as repo:
            kept = [d for d in pending_drafts(repo) if form_area(d.form) == "candidate"]
            for draft in reversed(kept):  # oldest first: the newest wins, should two clash
                kind, subject = form_kind(draft.form), form_subject(draft.form) or ""
                if draft.form == CANDIDATE_NEW:
                    self.draft = candidate_draft_from(draft.fields)
                    self.form_open = True
                elif kind in (CANDIDATE_EDIT, CANDIDATE_NOTES):
                    candidate = repo.get(Candidate, subject)
                    if candidate is None:  # taken off the shortlist since: nothing to show it on
                        continue
                    self.open_key = subject  # on a wide window, beside the list
                    if kind == CANDIDATE_EDIT:
                        self._baselines[draft.form] = candidate_fields(
                            draft_from(candidate, self._referrer_name(repo, candidate))
                        )
                        self.edits[subject] = candidate_draft_from(draft.fields)
                    else:
                        notes = draft.fields.get("notes")
                        self._baselines[draft.form] = {"notes": candidate.notes}
                        self.notes_drafts[subject] = notes if isinstance(notes, str) else ""
                else:
                    continue
                self.restored.add(draft.form)

    @staticmethod
    def _referrer_name(repo, candidate: Candidate) -> str:
        source_id = candidate.referral_source_id
        source = repo.get(ReferralSource, source_id) if source_id else None
        return source.name if source else ""

    @classmethod
    def for_session(cls, session: AppSession) -> ShortlistController:
        """One controller per open journal: drafts survive a rebuild, but not a lock."""
        return session.kept(cls, lambda: cls(session))

    # --- reading ----------------------------------------------------------------------------

    def state(self) -> ShortlistState:
        with self.session.work() as repo:
            candidates = repo.all(Candidate)
            profile = current_profile(repo)
            sources = {s.id: s.name for s in repo.all(ReferralSource)}
            questions = repo.all(Question)
        reports = core.rank_candidates(candidates, profile)
        present = {c.id: c for c in candidates}
        self.compared = [cid for cid in self.compared if cid in present]  # removed ones go
        comparison = None
        if MIN_COMPARED <= len(self.compared) <= MAX_COMPARED:
            picked = [present[cid] for cid in self.compared]
            comparison = comparison_view(compare(picked, profile, questions))
        return ShortlistState(
            opened=self._opened(reports, comparison is not None),
            compared=tuple(self.compared),
            answering=frozenset(self.answering),
            comparison=comparison,
            cards=tuple(candidate_card(r, sources, profile) for r in reports),
            nudge=core.shortlist_nudge(candidates),
            statuses=tuple((s, STATUS_LABELS[s]) for s in STATUSES),
            draft=self.draft,
            form_open=self.form_open,
            referrers=tuple(sorted(set(sources.values()), key=str.casefold)),
            format_choices=tuple(choices_for("format")),
            availability_choices=tuple(choices_for("availability")),
            has_profile=any(p.importance in (MUST, NICE) for p in profile.preferences),
            restored=frozenset(f for f in self.restored if self._is_open(f)),
        )

    def _opened(self, reports: list[FitReport], comparing: bool) -> str | None:
        """What shows beside the list: the one chosen while it is still there, else the
        best fit (the list's first), so a wide window never shows an empty pane."""
        present = {r.candidate.id for r in reports}
        if comparing:
            present.add(COMPARISON)
        if self.open_key in present:
            return self.open_key
        return reports[0].candidate.id if reports else None

    def open(self, key: str) -> None:
        """Show this therapist (an id), or the comparison (COMPARISON), beside the list."""
        self.open_key = key

    # --- the form ---------------------------------------------------------------------------

    def open_form(self, is_open: bool = True) -> None:
        self.form_open = is_open
        self.draft.error = None

    def set_draft(self, name: str, value: str) -> None:
        if name not in DRAFT_FIELDS and name != "referral_kind":
            raise ValueError(f"no candidate field {name!r}")
        setattr(self.draft, name, value or "")
        self._new_changed()

    def set_sliding_scale(self, value: bool) -> None:
        self.draft.sliding_scale = bool(value)
        self._new_changed()

    def toggle_choice(self, which: str, choice_id: str, selected: bool) -> None:
        """Select or clear one chip of "formats" or "availability"."""
        if which not in CHIP_DIMENSIONS:
            raise ValueError(f"no chip field {which!r}")
        chosen: set[str] = getattr(self.draft, which)
        if selected:
            chosen.add(choice_id)
        else:
            chosen.discard(choice_id)
        self._new_changed()

    def _referral_id(self, repo, name: str, kind: str) -> str | None:
        """The referrer with this name (any case), or a new one remembered now."""
        name = name.strip()
        if not name:
            return None
        for source in repo.all(ReferralSource):
            if source.name.casefold() == name.casefold():
                return source.id
        if not kind:
            kind = "primary_care" if name.lower().startswith(("dr", "gp")) else "other"
        source = core.add_referral_source(
            repo, name, kind, record_id=self.session.new_id(), now=self.session.now()
        )
        return source.id

    def add(self) -> tuple[Candidate, list[Celebration]]:
        """Save the draft; on a problem the draft stays, with the reason beside it."""
        d = self.draft
        d.error = d.error_field = None
        try:
            d.precheck()  # a refused referrer's name must not half-save
            with self.session.work() as repo:
                now = self.session.now()
                candidate = core.add_candidate(
                    repo, record_id=self.session.new_id(), now=now, **d.fields()
                )
                source_id = self._referral_id(repo, d.referred_by, d.referral_kind)
                if source_id is not None:
                    candidate = core.link_referral(repo, candidate.id, source_id, now=now)
                self.session.form_done(CANDIDATE_NEW)
        except InvalidInput as exc:
            d.error = str(exc)
            raise
        self.draft = CandidateDraft()
        self.form_open = False
        self.restored.discard(CANDIDATE_NEW)
        self.open_key = candidate.id  # the person just added is the one to look at
        return candidate, self.session.sync_journey()

    # --- editing a saved candidate ------------------------------------------------------------

    def begin_edit(self, candidate_id: str) -> CandidateDraft:
        """Open a card's "Edit details" form, filled with what is saved (kept across rebuilds)."""
        if candidate_id in self.edits:
            return self.edits[candidate_id]
        with self.session.work() as repo:
            candidate = repo.get(Candidate, candidate_id)
            if candidate is None:
                raise InvalidInput("That therapist is no longer on your shortlist.")
            source = (
                repo.get(ReferralSource, candidate.referral_source_id)
                if candidate.referral_source_id
                else None
            )
        draft = draft_from(candidate, source.name if source else "")
        self.edits[candidate_id] = draft
        self._baselines[candidate_edit(candidate_id)] = candidate_fields(draft)
        return draft

    def edit_draft(self, candidate_id: str) -> CandidateDraft | None:
        """The open edit form for a card, or None when it is closed."""
        return self.edits.get(candidate_id)

    def set_edit_field(self, candidate_id: str, name: str, value: str) -> None:
        if name not in DRAFT_FIELDS and name != "referral_kind":
            raise ValueError(f"no candidate field {name!r}")
        setattr(self.begin_edit(candidate_id), name, value or "")
        self._edit_changed(candidate_id)

    def set_edit_sliding_scale(self, candidate_id: str, value: bool) -> None:
        self.begin_edit(candidate_id).sliding_scale = bool(value)
        self._edit_changed(candidate_id)

    def toggle_edit_choice(
        self, candidate_id: str, which: str, choice_id: str, selected: bool
    ) -> None:
        if which not in CHIP_DIMENSIONS:
            raise ValueError(f"no chip field {which!r}")
        chosen: set[str] = getattr(self.begin_edit(candidate_id), which)
        (chosen.add if selected else chosen.discard)(choice_id)
        self._edit_changed(candidate_id)

    def cancel_edit(self, candidate_id: str) -> None:
        """Close the edit form: the changes (and their draft) go."""
        self.edits.pop(candidate_id, None)
        self._form_closed(candidate_edit(candidate_id))

    def save_edit(self, candidate_id: str) -> list[Celebration]:
        """Save the edit form; on a problem it stays open with the reason at its field."""
        d = self.begin_edit(candidate_id)
        d.error = d.error_field = None
        try:
            d.precheck()
            with self.session.work() as repo:
                now = self.session.now()
                core.update_candidate(
                    repo, candidate_id, now=now, **self._changed(repo, candidate_id, d)
                )
                source_id = self._referral_id(repo, d.referred_by, d.referral_kind)
                core.link_referral(repo, candidate_id, source_id, now=now)
                self._form_closed(candidate_edit(candidate_id))
        except InvalidInput as exc:
            d.error = str(exc)
            raise
        self.edits.pop(candidate_id, None)
        return self.session.sync_journey()

    @staticmethod
    def _changed(repo, candidate_id: str, draft: CandidateDraft) -> dict[str, Any]:
        """Only the fields whose box now differs from what it showed of the saved card.

        A box left alone keeps what is saved, exactly: its words read back need not give
        the same value (a "Helps with" typed on the command line as "Anxiety" or
        "grief, loss" would come back as "anxiety", or as two), and an edit of the notes
        must not rewrite the fee.
        """
        fields = draft.fields()
        saved = repo.get(Candidate, candidate_id)
        if saved is None:
            return fields
        shown = draft_from(saved).fields()
        return {name: value for name, value in fields.items() if value != shown[name]}

    # --- each card --------------------------------------------------------------------------

    def set_status(self, candidate_id: str, status: str) -> list[Celebration]:
        with self.session.work() as repo:
            core.set_status(repo, candidate_id, status, now=self.session.now())
        return self.session.sync_journey()

    def set_notes_draft(self, candidate_id: str, text: str) -> None:
        self.notes_drafts[candidate_id] = text or ""
        form = candidate_notes(candidate_id)
        if form not in self._baselines:  # the notes as saved: a draft only when different
            with self.session.work() as repo:
                candidate = repo.get(Candidate, candidate_id)
            self._baselines[form] = {"notes": candidate.notes if candidate else ""}
        notes = self.notes_drafts
        self.session.form_changed(
            form,
            reader(lambda: {"notes": notes.get(candidate_id, "")}, self._baselines[form]),
        )

    def notes_draft(self, card: CandidateCard) -> str:
        return self.notes_drafts.get(card.id, card.notes)

    def save_notes(self, candidate_id: str) -> None:
        text = self.notes_drafts.get(candidate_id)
        if text is None:
            return
        with self.session.work() as repo:
            core.update_candidate(repo, candidate_id, notes=text, now=self.session.now())
            self._form_closed(candidate_notes(candidate_id))
        self.notes_drafts.pop(candidate_id, None)

    def add_questions_from_fit(self, candidate_id: str) -> list[Question]:
        """Put this therapist's "worth asking" list into the consultation questions, in one
        step; questions already there are not added again. Returns the ones added."""
        with self.session.work() as repo:
            candidate = repo.get(Candidate, candidate_id)
            if candidate is None:
                raise InvalidInput("That therapist is no longer on your shortlist.")
            report = core.fit(candidate, current_profile(repo))
            return add_questions(
                repo,
                report.questions,
                candidate_id=candidate_id,
                new_id=self.session.new_id,
                now=self.session.now(),
            )

    def open_answers(self, candidate_id: str, dimension: str, is_open: bool = True) -> None:
        """Show (or hide) the answer buttons beside one "worth asking" line."""
        (self.answering.add if is_open else self.answering.discard)((candidate_id, dimension))

    def record_answer(self, candidate_id: str, dimension: str, value: str) -> Candidate:
        """What the therapist said on one criterion; the fit follows at once."""
        with self.session.work() as repo:
            updated = record_answer(
                repo, candidate_id, current_profile(repo), dimension, value, now=self.session.now()
            )
        self.answering.discard((candidate_id, dimension))
        return updated

    def forget_answer(self, candidate_id: str, dimension: str) -> Candidate:
        """Back to "not known yet": for an answer recorded by mistake."""
        return self.record_answer(candidate_id, dimension, FORGET)

    def toggle_compare(self, candidate_id: str, selected: bool) -> None:
        """Tick a therapist for the side-by-side view; a fifth is refused with the reason."""
        if not selected:
            self.compared = [cid for cid in self.compared if cid != candidate_id]
            return
        if candidate_id in self.compared:
            return
        if len(self.compared) >= MAX_COMPARED:
            raise InvalidInput(f"Up to {MAX_COMPARED} at a time can be compared; untick one first.")
        self.compared.append(candidate_id)

    def remove(self, candidate_id: str) -> bool:
        """Take someone off the shortlist; ``undo_remove`` puts them back as they were."""
        with self.session.work() as repo:
            self.removed = repo.get(Candidate, candidate_id) or self.removed
            removed = core.remove_candidate(repo, candidate_id)
            self._form_closed(candidate_edit(candidate_id))
            self._form_closed(candidate_notes(candidate_id))
        self.notes_drafts.pop(candidate_id, None)
        self.edits.pop(candidate_id, None)
        return removed

    def undo_remove(self) -> Candidate | None:
        """Put back the therapist just removed (their questions never left)."""
        candidate, self.removed = self.removed, None
        if candidate is None:
            return None
        with self.session.work() as repo:
            if repo.get(Candidate, candidate.id) is None:
                repo.add(candidate)
        return candidate

    # --- drafts -----------------------------------------------------------------------------

    def _new_changed(self) -> None:
        draft = self.draft  # this form, not whichever is open when the draft is written
        self.session.form_changed(CANDIDATE_NEW, reader(lambda: candidate_fields(draft)))

    def _edit_changed(self, candidate_id: str) -> None:
        form = candidate_edit(candidate_id)
        draft = self.edits[candidate_id]
        self.session.form_changed(
            form, reader(lambda: candidate_fields(draft), self._baselines.get(form))
        )

    def _form_closed(self, form: str) -> None:
        """A form was saved or closed: its draft goes, its banner and baseline too."""
        self.session.form_done(form)
        self.restored.discard(form)
        self._baselines.pop(form, None)

    def _is_open(self, form: str) -> bool:
        subject = form_subject(form) or ""
        if form == CANDIDATE_NEW:
            return self.form_open
        if form_kind(form) == CANDIDATE_EDIT:
            return subject in self.edits
        return subject in self.notes_drafts

    def showing_draft(self, form: str) -> bool:
        """The form is open and shows a draft kept from before the lock (banner up)."""
        return form in self.restored and self._is_open(form)

    def keep_going(self, form: str) -> None:
        """The banner goes; focus goes to the form's first box."""
        self.restored.discard(form)
        self.focus_form = form

    def take_focus_form(self, form: str) -> bool:
        if self.focus_form == form:
            self.focus_form = None
            return True
        return False

    def discard_draft(self, form: str) -> None:
        """The draft leaves the journal and its form closes (a card's notes go back to
        what was saved); ``undo_discard`` brings both back."""
        record = self.session.form_done(form)
        subject = form_subject(form) or ""
        if form == CANDIDATE_NEW:
            fields = candidate_fields(self.draft)
            self.draft = CandidateDraft()
            self.form_open = False
        elif form_kind(form) == CANDIDATE_EDIT:
            fields = candidate_fields(self.edits.pop(subject, CandidateDraft()))
        else:
            fields = {"notes": self.notes_drafts.pop(subject, "")}
        self.discarded = Discarded(form, record, fields)
        self.restored.discard(form)
        self._baselines.pop(form, None)

    def undo_discard(self) -> bool:
        """Put the discarded draft back, in the journal and in its form."""
        gone, self.discarded = put_back_discarded(self.session, self.discarded), None
        if gone is None:
            return False
        subject = form_subject(gone.form) or ""
        if gone.form == CANDIDATE_NEW:
            self.draft = candidate_draft_from(gone.fields)
            self.form_open = True
        elif form_kind(gone.form) == CANDIDATE_EDIT:
            self.begin_edit(subject)  # its baseline: the therapist as saved
            self.edits[subject] = candidate_draft_from(gone.fields)
        else:
            notes = gone.fields.get("notes")
            self.set_notes_draft(subject, notes if isinstance(notes, str) else "")
        self.focus_form = gone.form
        return True

"""What leaves the device when the person shares: chosen sections, nothing more.

Consent comes first, so the preview *is* the content: the same ``SharePreview`` the UI
shows before anything is written is what the bundle encrypts. Nothing outside the chosen
sections and date range is ever read into it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo

from journal_app.core.checkins import (
    ANSWER_OPTIONS,
    ATTRIBUTION,
    PHQ9_INSTRUMENT,
    SCREENING_NOTE,
    Trend,
    result_for,
    trends,
)
from journal_app.core.goals import GoalProgress, overview
from journal_app.core.journal import InvalidInput
from journal_app.core.markdown_text import literal
from journal_app.core.month import MonthAtAGlance, month_markdown
from journal_app.core.ports import RecordStore
from journal_app.core.profile import Profile
from journal_app.core.records import Candidate, CheckIn, Entry, local_day
from journal_app.core.review import (
    AnxietyWeek,
    Review,
    anxiety_weeks,
    build_review,
    describe_anxiety,
    highlights,
)
from journal_app.core.shortlist import STATUS_LABELS, FitReport, active_candidates, rank_candidates

PROFILE = "profile"
REVIEW = "review"
ENTRIES = "entries"
GOALS = "goals"
CHECKINS = "checkins"
SHORTLIST = "shortlist"
SECTIONS: dict[str, str] = {
    PROFILE: "What I'm looking for",
    REVIEW: "Before my consultation",
    GOALS: "Goals and milestones",
    CHECKINS: "Check-in history",
    SHORTLIST: "Shortlist",
    ENTRIES: "Journal entries",
}
DEFAULT_SECTIONS = (PROFILE, REVIEW, GOALS, CHECKINS)
# Not a section to tick but a choice of its own (``ShareSelection.months``): the last one
# to three months as calendars, placed before the journal's entries.
MONTH = "month"
MONTH_TITLE = "A month at a glance"
MONTHS_TITLE = "Months at a glance"
MAX_SHARED_MONTHS = 3
MAX_RECIPIENT_CHARS = 80
ITEM9_HEADING = "**Please note first: PHQ-9 item 9 was answered above 0**"
# What the check-in section says instead of a second copy of the summary's notice.
ITEM9_POINTER = "PHQ-9 item 9 was answered above 0: see the notice at the top of the first page."


@dataclass(frozen=True)
class ShareSelection:
    """The person's choices: which sections, which dates, for whom."""

    sections: tuple[str, ...] = DEFAULT_SECTIONS
    recipient: str = ""
    since: date | None = None
    until: date | None = None
    entry_ids: tuple[str, ...] | None = None  # None: every entry in the date range
    # The person's own name on the copy, if they choose to give it (never required). It
    # goes into the copy only: not the share log, not the share's draft.
    name: str = ""
    # The last N months (up to today's) as calendars of daily anxiety; 0: none (the default).
    months: int = 0


def parse_sections(raw: str) -> tuple[str, ...]:
    """ "profile,checkins" -> ("profile", "checkins"), checked, in display order."""
    wanted = [part.strip().lower() for part in raw.split(",") if part.strip()]
    unknown = [w for w in wanted if w not in SECTIONS]
    if unknown:
        known = ", ".join(SECTIONS)
        raise InvalidInput(f"Unknown section '{unknown[0]}'; choose from: {known}.")
    if not wanted:
        raise InvalidInput("Choose at least one section to share.")
    return tuple(s for s in SECTIONS if s in wanted)


def check_selection(selection: ShareSelection) -> ShareSelection:
    """Refuse an empty or contradictory selection with a plain reason."""
    if not selection.sections:
        raise InvalidInput("Choose at least one section to share.")
    parse_sections(",".join(selection.sections))
    if selection.since and selection.until and selection.since > selection.until:
        raise InvalidInput("The start date is after the end date.")
    months = selection.months
    if isinstance(months, bool) or not isinstance(months, int):
        raise InvalidInput(f"Months at a glance: choose 0 to {MAX_SHARED_MONTHS}.")
    if not 0 <= months <= MAX_SHARED_MONTHS:
        raise InvalidInput(f"Months at a glance: choose 0 to {MAX_SHARED_MONTHS}, not {months}.")
    return ShareSelection(
        sections=parse_sections(",".join(selection.sections)),
        recipient=_label(selection.recipient, "The recipient label"),
        since=selection.since,
        until=selection.until,
        entry_ids=selection.entry_ids,
        name=_label(selection.name, "Your name"),
        months=months,
    )


def _label(raw: str, what: str) -> str:
    """A short label (who it is for, the person's name): one line, at most 80 characters."""
    text = unicodedata.normalize("NFC", raw).strip()
    if len(text) > MAX_RECIPIENT_CHARS:
        raise InvalidInput(f"{what} can be at most {MAX_RECIPIENT_CHARS} characters.")
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise InvalidInput(f"{what} cannot contain control characters.")
    return text


@dataclass(frozen=True)
class PreviewSection:
    """One chosen section, as Markdown, with how many items it holds.

    The Markdown comes in chunks (the heading, then one per entry) so a renderer can
    treat each on its own: plain prose needs no Markdown engine, and ten years of
    entries are mostly plain prose.
    """

    key: str
    title: str
    chunks: Sequence[str]  # a tuple, or the journal's ``EntryChunks`` (made when read)
    items: int
    entries: tuple[Entry, ...] = ()  # the journal section's entries, for structured rendering
    own_words: tuple[tuple[str, str], ...] = ()  # (label, text) the person wrote, e.g. notes

    @property
    def markdown(self) -> str:
        return "\n\n".join(self.chunks)


@dataclass(frozen=True)
class Item9Flag:
    """A PHQ-9 with its last item (thoughts of being better off dead or of self-harm)
    answered above 0: the one line a clinician must not miss, whatever the total."""

    taken_at: datetime
    answer: int
    answer_label: str
    score: int

    def sentence(self, tz: tzinfo | None = None) -> str:
        return (
            f"PHQ-9 item 9 (thoughts that you would be better off dead, or of hurting "
            f'yourself): answered "{self.answer_label}" on '
            f"{local_day(self.taken_at, tz):%d %b %Y} (total {self.score}/27)."
        )


ITEM9_SHOWN = 3  # the latest few; the check-in table has every one


def item9_lines(flags: tuple[Item9Flag, ...], tz: tzinfo | None) -> list[str]:
    """The item 9 notice's lines: the latest few, then how many earlier ones there were."""
    lines = [f.sentence(tz) for f in flags[:ITEM9_SHOWN]]
    earlier = flags[ITEM9_SHOWN:]
    if earlier:
        first = local_day(earlier[-1].taken_at, tz)
        plural = "s" if len(earlier) > 1 else ""
        lines.append(
            f"Also above 0 in {len(earlier)} earlier PHQ-9 check-in{plural}, from "
            f"{first:%d %b %Y} (see the check-in history)."
        )
    return lines


def item9_markdown(flags: tuple[Item9Flag, ...], tz: tzinfo | None) -> str:
    """The item 9 notice as Markdown (the summary, the check-in section, the download)."""
    if not flags:
        return ""
    return "\n".join([ITEM9_HEADING, ""] + [f"- {line}" for line in item9_lines(flags, tz)]) + "\n"


def item9_flags(checkins: list[CheckIn]) -> tuple[Item9Flag, ...]:
    """Every shared PHQ-9 whose item 9 is above 0, newest first."""
    labels = dict(ANSWER_OPTIONS)
    flags = []
    for c in checkins:
        try:
            result = result_for(c)
        except InvalidInput:  # from a newer app, or damaged: not scored anywhere
            continue
        index = PHQ9_INSTRUMENT.crisis_item
        if result.instrument != PHQ9_INSTRUMENT.id or index is None:
            continue
        answer = result.answers[index]
        if answer > 0:
            flags.append(Item9Flag(c.taken_at, answer, labels[answer], result.score))
    return tuple(sorted(flags, key=lambda f: f.taken_at, reverse=True))


@dataclass(frozen=True)
class SharePreview:
    """Exactly what will leave the device, and the numbers the charts are drawn from."""

    selection: ShareSelection
    today: date
    summary: str  # the one-page summary, Markdown
    sections: tuple[PreviewSection, ...]
    anxiety: tuple[AnxietyWeek, ...] = ()
    checkin_trends: dict[str, Trend] = field(default_factory=dict)
    tz: tzinfo | None = None  # the person's zone: which day each moment is shown on
    checkins: tuple[CheckIn, ...] = ()  # the shared check-ins, oldest first (for FHIR)
    item9: tuple[Item9Flag, ...] = ()  # positive PHQ-9 item 9 answers, newest first
    months: tuple[MonthAtAGlance, ...] = ()  # the month calendars chosen, oldest first

    @property
    def markdown(self) -> str:
        """The whole shared document as Markdown (also the recipient's download)."""
        parts = [self.summary] + [s.markdown for s in self.sections]
        return "\n\n".join(p.strip() for p in parts if p.strip()) + "\n"

    def counts(self) -> dict[str, int]:
        return {s.key: s.items for s in self.sections}


def _in_range(day: date, selection: ShareSelection) -> bool:
    return (selection.since is None or day >= selection.since) and (
        selection.until is None or day <= selection.until
    )


def _period(selection: ShareSelection) -> str:
    if selection.since and selection.until:
        return f"from {selection.since:%d %b %Y} to {selection.until:%d %b %Y}"
    if selection.since:
        return f"since {selection.since:%d %b %Y}"
    if selection.until:
        return f"up to {selection.until:%d %b %Y}"
    return ""


# --- Section writers: each returns Markdown and a count -----------------------------------


# Each line of a copy appears once. The summary page ("at a glance") gives the must-haves,
# the questions, how anxiety has been, item 9 and each goal's progress; the sections that
# follow give the rest and say where those are, instead of printing them a second time.
ON_FIRST_PAGE = "on the first page"


def glance_lines(profile: Profile) -> list[str]:
    """The preferences the summary page shows: the must-haves, else the first six."""
    lines = profile.summary_lines()
    return [p for p in lines if p.endswith("(must-have)")] or lines[:6]


def _profile_md(profile: Profile) -> tuple[list[str], int]:
    """The preferences not already on the summary page, then one chunk per note (the
    person's own words, framed as such)."""
    lines = [f"## {SECTIONS[PROFILE]}", ""]
    summary = profile.summary_lines()
    glance = glance_lines(profile)
    rest = [line for line in summary if line not in glance]
    if glance:
        musts = glance[0].endswith("(must-have)")
        lines += [f"*{'The must-haves are' if musts else 'These are'} {ON_FIRST_PAGE}.*", ""]
    lines += [f"- {literal(line)}" for line in rest] or ([] if glance else ["Nothing said yet."])
    notes = [f"**{literal(label)}**\n\n{text}" for label, text in profile.notes.items()]
    return ["\n".join(lines).rstrip(), *notes], len(summary) + len(profile.notes)


def _review_md(review: Review) -> tuple[str, int]:
    """Recent highlights; the questions and the anxiety sentence are on the summary page."""
    said = "How my anxiety has been" + (" and my questions are" if review.questions else " is")
    lines = [f"## {SECTIONS[REVIEW]}", "", f"*{said} {ON_FIRST_PAGE}.*", ""]
    if review.highlights:
        lines += ["**Recent highlights**", ""]
        lines += [
            f"- {local_day(h.entry.created_at, review.tz):%d %b %Y} ({h.reason}): "
            + literal(h.excerpt)
            for h in review.highlights
        ]
    return "\n".join(lines).rstrip(), len(review.questions) + len(review.highlights)


def _ticked(title: str, done: bool) -> str:
    """A milestone or step as words ("[x]" is no Markdown any copy renders as a box)."""
    return f"{literal(title)} (done)" if done else literal(title)


def _goals_md(goals: list[GoalProgress]) -> tuple[str, int]:
    lines = [f"## {SECTIONS[GOALS]}", ""]
    if goals:
        lines += [f"*How far each has come is {ON_FIRST_PAGE}.*", ""]
    for g in goals:
        late = " *(overdue)*" if g.overdue or g.overdue_milestones else ""
        lines.append(f"- **{literal(g.goal.title)}**{late}")
        for m in g.milestones:
            lines.append(f"    - {_ticked(m.title, m.done_at is not None)}")
        for s in g.goal.steps:
            lines.append(f"    - {_ticked(s.title, s.done)}")
    if not goals:
        lines.append("No goals yet.")
    return "\n".join(lines), len(goals)


def _checkins_md(
    trend_map: dict[str, Trend], tz: tzinfo | None, flags: tuple[Item9Flag, ...] = ()
) -> tuple[str, int]:
    lines = [f"## {SECTIONS[CHECKINS]}", ""]
    if flags:
        lines += [f"**{ITEM9_POINTER}**", ""]
    lines += [f"*{SCREENING_NOTE}*", ""]
    count = 0
    for trend in trend_map.values():
        if not trend.points:
            continue
        lines += [
            f"### {trend.name}",
            "",
            trend.sentence(),
            "",
            "| Date | Score | Range |",
            "| --- | --- | --- |",
        ]
        for p in trend.points:
            lines.append(
                f"| {local_day(p.taken_at, tz):%d %b %Y} | {p.score}/{trend.max_score} "
                f"| {p.band_label} |"
            )
            count += 1
        lines.append("")
    if not count:
        lines.append("No check-ins in this period.")
    lines += ["", f"*{ATTRIBUTION}*"]
    return "\n".join(lines), count


def _shortlist_md(reports: list[FitReport]) -> tuple[str, int]:
    lines = [f"## {SECTIONS[SHORTLIST]}", ""]
    for r in reports:
        c = r.candidate
        status = STATUS_LABELS.get(c.status, c.status)
        extra = f", {literal(c.credentials)}" if c.credentials else ""
        lines.append(f"- **{literal(c.name)}**{extra} — {status}. {literal(r.sentence)}")
    if not reports:
        lines.append("No therapists on the shortlist yet.")
    return "\n".join(lines), len(reports)


def entry_meta(e: Entry, tz: tzinfo | None = None) -> str:
    """The line above an entry: its local date, anxiety, what was tried, feelings."""
    meta = [f"{local_day(e.created_at, tz):%A %d %B %Y}"]
    if e.anxiety is not None:
        meta.append(f"anxiety {e.anxiety}/10")
    if e.coping_strategy:
        after = f", anxiety afterwards {e.anxiety_after}/10" if e.anxiety_after is not None else ""
        meta.append(f"tried {e.coping_strategy}{after}")
    if e.feelings:
        meta.append("feeling " + ", ".join(e.feelings))
    return " · ".join(meta)


def _entry_md(e: Entry, tz: tzinfo | None) -> str:
    parts = [f"### {literal(entry_meta(e, tz))}"]
    if e.tags:
        parts.append(" ".join(f"`#{t}`" for t in e.tags))
    parts += [e.text.strip(), "---"]
    return "\n\n".join(parts)


class EntryChunks(Sequence[str]):
    """The journal section's Markdown chunks (the heading, then one per entry), each made
    when it is read instead of all held in the preview: thirty years of entries is ~19 MB
    of Markdown, and a bundle or a PDF reads each chunk once, as it writes it out. The
    entries are the records already in memory, so this costs nothing to keep."""

    __slots__ = ("head", "entries", "tz")
    __hash__ = None  # type: ignore[assignment]  # compared by content, like a tuple

    def __init__(self, head: str, entries: Sequence[Entry], tz: tzinfo | None) -> None:
        self.head, self.entries, self.tz = head, tuple(entries), tz

    def __len__(self) -> int:
        return 1 + len(self.entries)

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("chunk index out of range")
        return self.head if index == 0 else _entry_md(self.entries[index - 1], self.tz)

    def __iter__(self) -> Iterator[str]:
        yield self.head
        for e in self.entries:
            yield _entry_md(e, self.tz)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __repr__(self) -> str:
        return f"EntryChunks({len(self.entries)} entries)"


def _entries_md(entries: list[Entry], period: str, tz: tzinfo | None) -> tuple[Sequence[str], int]:
    head = f"## {SECTIONS[ENTRIES]}"
    if period:
        head += f"\n\n*{len(entries)} entries {period}.*"
    if not entries:
        return (head, "No entries in this period."), 0
    return EntryChunks(head, entries, tz), len(entries)


# --- The summary page ------------------------------------------------------------------------


def _summary_md(
    selection: ShareSelection,
    today: date,
    profile: Profile,
    review: Review,
    trend_map: dict[str, Trend],
    flags: tuple[Item9Flag, ...] = (),
) -> str:
    """The one page a busy reader sees first, built only from the chosen sections.

    A positive PHQ-9 item 9 comes straight after the title, before anything else."""
    chosen = set(selection.sections)
    who = f" for {literal(selection.recipient)}" if selection.recipient else ""
    by = f" by {literal(selection.name)}" if selection.name else ""
    lines = ["# Summary from my Therapy Journal", "", f"*Shared{by}{who} on {today:%d %B %Y}.*", ""]
    if CHECKINS in chosen and flags:
        lines += [item9_markdown(flags, review.tz)]
    if PROFILE in chosen:
        lines += ["**What I'm looking for in a therapist**", ""]
        lines += [f"- {literal(line)}" for line in glance_lines(profile)] or ["- Not said yet."]
        lines.append("")
    if CHECKINS in chosen:
        latest = [(t, t.latest) for t in trend_map.values() if t.latest is not None]
        if latest:
            lines += ["**Latest check-ins** (screening scores, not a diagnosis)", ""]
            for t, p in latest:
                lines.append(
                    f"- {t.name}: {p.score}/{t.max_score}, {p.band_label.lower()} "
                    f"({local_day(p.taken_at, review.tz):%d %b %Y})"
                )
            lines.append("")
    if GOALS in chosen and review.goals:
        lines += ["**Where I am**", ""] + [f"- {literal(g.sentence())}" for g in review.goals]
        lines.append("")
    if REVIEW in chosen:
        lines += [f"**Anxiety:** {review.anxiety_summary}", ""]
        if review.questions:
            lines += ["**My questions**", ""]
            lines += [f"- {literal(q.text)}" for q in review.questions] + [""]
    return "\n".join(lines)


def _review_within(review: Review, entries: list[Entry], today: date) -> Review:
    """The review, with anxiety and highlights drawn only from the entries being shared."""
    weeks = anxiety_weeks(entries, today, tz=review.tz)
    return replace(
        review,
        anxiety_weeks=weeks,
        anxiety_summary=describe_anxiety(weeks),
        highlights=highlights(entries, today, tz=review.tz),
    )


def build_preview(
    store: RecordStore,
    profile: Profile,
    selection: ShareSelection,
    *,
    today: date,
    tz: tzinfo | None = None,
    months: Sequence[MonthAtAGlance] = (),
) -> SharePreview:
    """Assemble exactly what will be shared. Reads only what the selection allows.

    ``today`` and the selection's dates are days on the person's calendar; ``tz`` is their
    zone (None: UTC), so each entry and check-in is counted on the day they lived it.
    ``months`` are the calendars gathered by the app when ``selection.months`` asks for
    them (the last N months, whatever the date range: a calendar is read by its month).
    """
    selection = check_selection(selection)
    chosen = set(selection.sections)
    checkins = [c for c in store.all(CheckIn) if _in_range(local_day(c.taken_at, tz), selection)]
    checkins.sort(key=lambda c: (c.taken_at, c.id))
    trend_map = trends(checkins) if CHECKINS in chosen else {}
    shared_checkins = tuple(checkins) if CHECKINS in chosen else ()
    flags = item9_flags(list(shared_checkins))
    entries: list[Entry] = []
    if ENTRIES in chosen or REVIEW in chosen:
        entries = [e for e in store.all(Entry) if _in_range(local_day(e.created_at, tz), selection)]
        if selection.entry_ids is not None:
            wanted = set(selection.entry_ids)
            entries = [e for e in entries if e.id in wanted]
        entries.sort(key=lambda e: e.created_at)
    review = _review_within(build_review(store, profile, today=today, tz=tz), entries, today)
    writers: dict[str, Callable[[], tuple[str | Sequence[str], int]]] = {
        PROFILE: lambda: _profile_md(profile),
        REVIEW: lambda: _review_md(review),
        GOALS: lambda: _goals_md(overview(store, today)),
        CHECKINS: lambda: _checkins_md(trend_map, tz, flags),
        SHORTLIST: lambda: _shortlist_md(
            rank_candidates(active_candidates(store.all(Candidate)), profile)
        ),
        ENTRIES: lambda: _entries_md(entries, _period(selection), tz),
    }
    sections = []
    for key in selection.sections:
        markdown, items = writers[key]()
        chunks = (
            (markdown,)
            if isinstance(markdown, str)
            else markdown
            if isinstance(markdown, EntryChunks)
            else tuple(markdown)
        )
        shown = tuple(entries) if key == ENTRIES else ()
        own = tuple(profile.notes.items()) if key == PROFILE else ()
        sections.append(
            PreviewSection(
                key=key,
                title=SECTIONS[key],
                chunks=chunks,
                items=items,
                entries=shown,
                own_words=own,
            )
        )
    shown_months = tuple(months) if selection.months else ()
    if shown_months:
        _add_months(sections, shown_months)
    weeks = review.anxiety_weeks if REVIEW in chosen else []
    return SharePreview(
        selection=selection,
        today=today,
        summary=_summary_md(selection, today, profile, review, trend_map, flags),
        sections=tuple(sections),
        anxiety=tuple(weeks),
        checkin_trends=trend_map,
        tz=tz,
        checkins=shared_checkins,
        item9=flags,
        months=shown_months,
    )


def _add_months(sections: list[PreviewSection], months: tuple[MonthAtAGlance, ...]) -> None:
    """The calendars as one section, before the journal's entries (which run long) or last.
    Its count is the days that hold something."""
    title = MONTH_TITLE if len(months) == 1 else MONTHS_TITLE
    days = sum(1 for m in months for d in m.days if not d.empty)
    section = PreviewSection(
        key=MONTH, title=title, chunks=(f"## {title}\n\n{month_markdown(months)}",), items=days
    )
    at = next((i for i, s in enumerate(sections) if s.key == ENTRIES), len(sections))
    sections.insert(at, section)

"""Share: choose, preview exactly what leaves the device, then make the encrypted file.

Consent comes first. ``make_preview`` only reads; nothing is written (no file, no share-log
entry) until the person confirms on the preview, and the file holds that very preview.
The generated passphrase lives only in this controller's memory, shown once, never stored.

Who the summary is for is the person's own words: once typed, it is kept as a sealed
draft (form "share", with the dates and sections chosen riding along), so a lock loses
none of the choosing. A passphrase of their own never is: not in the draft, not anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from journal_app.app.clock import local_text
from journal_app.app.drafts import Fields, load_draft
from journal_app.app.files import save_to_exports
from journal_app.app.session import AppSession
from journal_app.app.sharing import (
    HTML,
    PDF,
    SealedShare,
    own_passphrase,
    pdf_entries_note,
    preview_share,
    record_share,
    seal_share,
    share_history,
    short_fingerprint,
)
from journal_app.core.drafts import SHARE
from journal_app.core.journal import InvalidInput
from journal_app.core.sharing import DEFAULT_SECTIONS, SECTIONS, SharePreview, ShareSelection
from journal_app.ui.controllers.drafts import Discarded, put_back_discarded, reader

CHOOSE = "choose"
PREVIEW = "preview"
DONE = "done"
STATE_KEY = "share"
PAGE_CHARS = 20_000  # how much of a long preview is rendered at once
# How many months at a glance, and how each choice reads (0, the default: none).
MONTH_CHOICES = ((1, "This month"), (2, "This month and last"), (3, "The last 3 months"))
SECTION_HINTS = {
    "entries": "Your own words. Only include them if you're comfortable; a date range helps.",
    "shortlist": "The therapists you're considering and how each fits what you want.",
}


def parse_day(raw: str | date | None, what: str) -> date | None:
    """An optional day: a ``date`` from a date picker, or YYYY-MM-DD typed by the person."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = (raw or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"'{what}' should be a date like 2026-03-01 (or left empty).") from None


def _day_text(value: date | str | None) -> str:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return value or ""


def _day_or_none(text: str) -> date | None:
    try:
        return parse_day(text, "")
    except InvalidInput:
        return None


def preview_pages(markdown: str, limit: int = PAGE_CHARS) -> list[str]:
    """Split a long preview into pieces at headings, so it can be shown a piece at a time.

    Joined back together the pieces are exactly ``markdown``: paging changes how much is
    on screen, never what is shared.
    """
    pages: list[str] = []
    current: list[str] = []
    size = 0
    for line in markdown.splitlines(keepends=True):
        if size >= limit and line.startswith("#"):
            pages.append("".join(current))
            current, size = [], 0
        current.append(line)
        size += len(line)
    if current:
        pages.append("".join(current))
    return pages or [""]


def share_fields(
    recipient: str, since: str, until: str, sections: list[str], months: int = 0
) -> Fields:
    """The choices as the share's draft keeps them: nothing until a name is typed in
    "Who is this for?" (ticks and dates alone are not writing); then the name, with the
    dates, sections and months at a glance. Never a passphrase."""
    if not recipient.strip():
        return {}
    fields: Fields = {"recipient": recipient, "since": since, "until": until}
    fields["sections"] = list(sections)
    if months:
        fields["months"] = months
    return fields


@dataclass(frozen=True)
class SectionChoice:
    key: str
    title: str
    chosen: bool
    hint: str | None


Sealed = SealedShare  # the screen's name for the file made after consent


@dataclass(frozen=True)
class Outcome:
    """A saved share: where it went and, when the app made it, the passphrase (shown once)."""

    where: str
    path: Path | None
    passphrase: str | None
    size: int
    counts: list[str]
    data: bytes = field(repr=False, default=b"")  # kept so the file can be saved again
    fingerprint: str = ""  # short form, read out with the passphrase
    file_format: str = HTML
    pdf_password: str | None = None  # the exact form a PDF reader needs (a PDF only)


@dataclass(frozen=True)
class ShareLogRow:
    when: str
    to: str
    sections: str
    period: str
    fingerprint: str


class ShareController:
    """One share in progress. Keep it in ``session.screen_state`` (see ``for_session``)."""

    def __init__(self, session: AppSession) -> None:
        self.session = session
        self.stage = CHOOSE
        self.sections: list[str] = list(DEFAULT_SECTIONS)
        self.months = 0  # the months at a glance to include (0: none, the default)
        self.since_text = ""
        self.until_text = ""
        self.recipient = ""
        # The person's name on the copy: asked here, optional, and like a passphrase of
        # their own never kept (not in the draft, not in the share log).
        self.name = ""
        self.own_passphrase = ""
        self.preview: SharePreview | None = None
        self.pages_shown = 1
        self.outcome: Outcome | None = None
        self.file_format = HTML  # HTML (opens itself in a browser) or PDF
        self.restored = False  # the choices came back from a draft (banner up)
        self.focus_recipient = False
        self.discarded: Discarded | None = None
        with session.work() as repo:
            kept = load_draft(repo, SHARE)
        if kept:
            self._take(kept)
            self.restored = True

    def _take(self, fields: Fields) -> None:
        """Choices kept in a draft back on the form (a value of the wrong kind is left out)."""

        def text(name: str) -> str:
            value = fields.get(name)
            return value if isinstance(value, str) else ""

        self.recipient = text("recipient")
        self.since_text, self.until_text = text("since"), text("until")
        sections = fields.get("sections")
        if isinstance(sections, list):
            self.sections = [k for k in SECTIONS if k in sections]
        months = fields.get("months")
        self.months = months if months in dict(MONTH_CHOICES) else 0

    @classmethod
    def for_session(cls, session: AppSession) -> ShareController:
        """The share in progress for this session (re-renders keep it; locking forgets it)."""
        found = session.screen_state.get(STATE_KEY)
        if not isinstance(found, cls):
            found = cls(session)
            session.screen_state[STATE_KEY] = found
        return found

    # --- the draft ---------------------------------------------------------------------

    def fields(self) -> Fields:
        return share_fields(
            self.recipient, self.since_text, self.until_text, self.sections, self.months
        )

    def _changed(self) -> None:
        """The choices changed: their draft is due a moment from now (if a name is typed)."""
        self.session.form_changed(SHARE, reader(self.fields))

    def keep_going(self) -> None:
        self.restored = False
        self.focus_recipient = True

    def take_focus_recipient(self) -> bool:
        focus, self.focus_recipient = self.focus_recipient, False
        return focus

    def discard_draft(self) -> None:
        """The draft leaves the journal and the choices start afresh (undoable)."""
        fields = self.fields()
        record = self.session.form_done(SHARE)
        self.discarded = Discarded(SHARE, record, fields)
        self.restored = False
        self.recipient, self.since_text, self.until_text = "", "", ""
        self.sections = list(DEFAULT_SECTIONS)
        self.months = 0

    def undo_discard(self) -> bool:
        gone, self.discarded = put_back_discarded(self.session, self.discarded), None
        if gone is None:
            return False
        self._take(gone.fields)
        self.focus_recipient = True
        return True

    # --- choosing ----------------------------------------------------------------------

    def set_recipient(self, text: str) -> None:
        """Who the summary is for, as typed: kept as a draft a moment later."""
        self.recipient = text or ""
        self._changed()

    def set_name(self, text: str) -> None:
        """The person's name for the copy, as typed (never kept as a draft)."""
        self.name = text or ""

    def choices(self) -> list[SectionChoice]:
        return [
            SectionChoice(key, title, key in self.sections, SECTION_HINTS.get(key))
            for key, title in SECTIONS.items()
        ]

    def set_section(self, key: str, chosen: bool) -> None:
        if key not in SECTIONS:
            raise InvalidInput(f"Unknown section {key}.")
        wanted = set(self.sections)
        if chosen:
            wanted.add(key)
        else:
            wanted.discard(key)
        self.sections = [k for k in SECTIONS if k in wanted]
        self._changed()

    def set_months(self, count: int) -> None:
        """Include the last ``count`` months at a glance (0: none). Only the offered counts."""
        if count and count not in dict(MONTH_CHOICES):
            raise InvalidInput(f"Months at a glance: choose 1 to {len(MONTH_CHOICES)}.")
        self.months = count
        self._changed()

    def set_since(self, value: date | str | None) -> None:
        """The first day to include: a ``date`` from a picker, typed text, or None for
        no limit. Typed text is kept as typed and checked when the preview is made."""
        self.since_text = _day_text(value)
        self._changed()

    def set_until(self, value: date | str | None) -> None:
        """The last day to include (see ``set_since``)."""
        self.until_text = _day_text(value)
        self._changed()

    def since_day(self) -> date | None:
        """The "From" day for a date picker's value; None when empty or not a date."""
        return _day_or_none(self.since_text)

    def until_day(self) -> date | None:
        return _day_or_none(self.until_text)

    def selection(self) -> ShareSelection:
        """The person's choices, checked; InvalidInput says plainly what to fix."""
        if not self.sections:
            raise InvalidInput("Choose at least one thing to share.")
        since = parse_day(self.since_text, "From")
        until = parse_day(self.until_text, "To")
        return ShareSelection(
            sections=tuple(self.sections),
            recipient=self.recipient,
            since=since,
            until=until,
            name=self.name,
            months=self.months,
        )

    def _own_passphrase(self) -> str | None:
        return own_passphrase(self.own_passphrase)

    # --- previewing (reads only) ---------------------------------------------------------

    def make_preview(self) -> SharePreview:
        selection = self.selection()
        self._own_passphrase()  # say now, before the preview, if it is too weak
        with self.session.work() as repo:
            preview = preview_share(repo, selection, today=self.session.today(), tz=self.session.tz)
        self.preview = preview
        self.pages_shown = 1
        self.stage = PREVIEW
        return preview

    def pages(self) -> list[str]:
        return preview_pages(self.preview.markdown) if self.preview else []

    def show_more(self) -> None:
        self.pages_shown = min(self.pages_shown + 1, max(len(self.pages()), 1))

    def counts(self) -> list[str]:
        """'Goals and milestones: 2 items', per chosen section."""
        if self.preview is None:
            return []
        return [
            f"{s.title}: {s.items} {'item' if s.items == 1 else 'items'}"
            for s in self.preview.sections
        ]

    def edit_choices(self) -> None:
        self.stage = CHOOSE
        self.preview = None

    # --- after consent -------------------------------------------------------------------

    def file_name(self) -> str:
        suffix = "pdf" if self.file_format == PDF else "html"
        return f"summary-{self.session.today().isoformat()}.{suffix}"

    def set_format(self, file_format: str) -> None:
        self.file_format = PDF if file_format == PDF else HTML

    def item9_notice(self) -> str | None:
        """Shown on the preview: the person sees that item 9 will be stated first."""
        if self.preview is None or not self.preview.item9:
            return None
        return (
            "Your answer to PHQ-9 question 9 (thoughts of being better off dead or of hurting "
            "yourself) will be stated first, so the person reading it does not miss it."
        )

    def pdf_passphrase_problem(self) -> str | None:
        """Why the person's own passphrase cannot lock a PDF (it must work in every reader
        and be strong in the 32 bytes Poppler keeps), said as soon as PDF is picked."""
        if self.file_format != PDF or not self.own_passphrase.strip():
            return None
        try:
            own_passphrase(self.own_passphrase, PDF)
        except InvalidInput as refused:
            return str(refused)
        return None

    def pdf_note(self) -> str | None:
        """Said beside the choice of file: a long journal's PDF holds only its newest
        entries, so the person learns it before choosing, not from the PDF."""
        return pdf_entries_note(self.preview) if self.preview is not None else None

    def seal(self) -> Sealed:
        """Encrypt the previewed content (slow: PBKDF2). Writes nothing anywhere."""
        if self.preview is None or self.stage != PREVIEW:
            raise InvalidInput("Preview what will be shared first.")
        return seal_share(self.preview, self.own_passphrase, self.session.now(), self.file_format)

    def save_to_exports(self, data: bytes) -> Path:
        """The fallback when no save dialog can be used: data folder / exports / summary-...html."""
        return save_to_exports(self.session.data_dir, self.file_name(), data)

    def saved(self, sealed: Sealed, where: str, path: Path | None = None) -> Outcome:
        """The file is out: log the share (never the passphrase) and show the result."""
        with self.session.work() as repo:
            record_share(repo, sealed, record_id=self.session.new_id())
            self.session.form_done(SHARE)  # made and logged: nothing left to keep
        self.restored = False
        self.outcome = Outcome(
            where=where,
            path=path,
            passphrase=sealed.passphrase_to_show,
            size=len(sealed.data),
            counts=self.counts(),
            data=sealed.data,
            fingerprint=sealed.short_fingerprint,
            file_format=sealed.format,
            pdf_password=sealed.pdf_password if sealed.format == PDF else None,
        )
        self.own_passphrase = ""
        self.name = ""
        self.stage = DONE
        return self.outcome

    def create_in_exports(self) -> Outcome:
        """Seal and save to the exports folder in one go (the fallback path, and for tests)."""
        sealed = self.seal()
        path = self.save_to_exports(sealed.data)
        return self.saved(sealed, str(path), path)

    def finish(self) -> None:
        """Forget the passphrase and the file; start a fresh share next time."""
        self.outcome = None
        self.preview = None
        self.stage = CHOOSE
        self.session.form_done(SHARE)
        self.session.screen_state.pop(STATE_KEY, None)

    # --- the share log -------------------------------------------------------------------

    def share_log(self) -> list[ShareLogRow]:
        with self.session.work() as repo:
            shares = share_history(repo)
        zone = self.session.tz
        rows = []
        for s in shares:
            if s.since and s.until:
                period = f"{s.since:%d %b %Y} to {s.until:%d %b %Y}"
            elif s.since:
                period = f"since {s.since:%d %b %Y}"
            elif s.until:
                period = f"up to {s.until:%d %b %Y}"
            else:
                period = "all dates"
            rows.append(
                ShareLogRow(
                    when=local_text(s.created_at, zone, "%d %b %Y, %H:%M"),
                    to=s.recipient or "no name given",
                    sections=", ".join(SECTIONS.get(k, k) for k in s.sections),
                    period=period,
                    fingerprint=short_fingerprint(s.fingerprint),
                )
            )
        return rows

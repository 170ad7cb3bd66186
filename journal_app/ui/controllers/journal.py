"""Journal: write an entry (with an optional coping exercise), and find past entries.

The rules (what an entry may hold, how a search matches) are the core's
(``journal_app.core.journal``); this controller keeps the draft the person is writing, so a
refusal or a screen rebuild never loses a word, and the list's search, filters and paging.
Every change to the form is also kept as a sealed draft in the journal (``app.drafts``),
so a lock, a closed tab or a killed process loses nothing: the next unlock brings it back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from journal_app.app.clock import at_local, local_time, local_to_utc
from journal_app.app.drafts import Fields, load_draft, pending_drafts, saved_revision
from journal_app.app.prompt_files import load_coping
from journal_app.app.session import AppSession
from journal_app.core.coping import Exercise, find_exercise
from journal_app.core.drafts import (
    JOURNAL_EDIT,
    JOURNAL_NEW,
    as_json,
    form_area,
    form_kind,
    form_subject,
    journal_edit,
)
from journal_app.core.journal import (
    EntryDraft,
    EntryQuery,
    InvalidInput,
    add_entry,
    clean_labels,
    delete_entry,
    edit_entry,
    prepare_search,
    restore_entry,
    search_entries,
)
from journal_app.core.plain_text import excerpt
from journal_app.core.records import Entry
from journal_app.ui.controllers.drafts import Discarded, put_back_discarded, reader

FEELINGS = (
    "anxious",
    "worried",
    "hopeful",
    "calm",
    "tired",
    "overwhelmed",
    "sad",
    "proud",
    "relieved",
    "angry",
    "lonely",
)
# The first rows: about what fits below the form. Each row costs Flutter ~15 ms to build
# on a first visit (10 rows took the Journal tab from ~130 to ~280 ms at ten years).
PAGE_SIZE = 5
MORE_SIZE = 10  # each "Show more": the person asked for more, so a screenful
KEPT_COPING = "__kept__"  # a coping strategy stored earlier that is not in the toolkit
PREVIEW_LINES = 2
PREVIEW_CHARS = 180


@dataclass
class EntryForm:
    """What the person is writing, exactly as they left it."""

    text: str = ""
    anxiety: int | None = None
    feelings: list[str] = field(default_factory=list)
    new_feeling: str = ""
    tags_text: str = ""
    coping_id: str | None = None  # an exercise id, KEPT_COPING, or None
    kept_coping: str | None = None  # the words of a strategy not in the toolkit
    anxiety_after: int | None = None
    at: datetime | None = None  # when it happened, if not now (UTC); kept when editing


def form_fields(form: EntryForm) -> Fields:
    """The form as a draft keeps it: plain JSON."""
    return as_json(asdict(form))


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _rating(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return max(0, min(10, int(round(value))))


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def form_from(fields: Fields) -> EntryForm:
    """A kept draft back in the form. A value of the wrong kind (a damaged or a newer
    draft) is left out rather than refused: the rest of the writing still comes back."""
    feelings = fields.get("feelings")
    return EntryForm(
        text=_text(fields.get("text")),
        anxiety=_rating(fields.get("anxiety")),
        feelings=[f for f in feelings if isinstance(f, str)] if isinstance(feelings, list) else [],
        new_feeling=_text(fields.get("new_feeling")),
        tags_text=_text(fields.get("tags_text")),
        coping_id=fields.get("coping_id") if isinstance(fields.get("coping_id"), str) else None,
        kept_coping=(
            fields.get("kept_coping") if isinstance(fields.get("kept_coping"), str) else None
        ),
        anxiety_after=_rating(fields.get("anxiety_after")),
        at=_moment(fields.get("at")),
    )


def tags_from_text(text: str) -> list[str]:
    """ "search, sleep ,  calls" -> ["search", "sleep", "calls"] (the core tidies further)."""
    return [part for part in (p.strip() for p in text.split(",")) if part]


def first_lines(text: str, lines: int = PREVIEW_LINES, limit: int = PREVIEW_CHARS) -> str:
    """The opening of an entry for the list: its first lines as plain words, Markdown off
    ("**hopeful**" reads "hopeful"; list items stay apart)."""
    return excerpt(text, lines=lines, limit=limit)


def entry_date(entry: Entry) -> str:
    """When it was written, in the person's local time: "Mon 20 Nov 2026, 20:05"."""
    local = local_time(entry.created_at)
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M}"


def entry_meta(entry: Entry) -> str:
    """Anxiety, feelings and tags in one short line."""
    bits = []
    if entry.anxiety is not None:
        bits.append(f"Anxiety {entry.anxiety}/10")
    if entry.feelings:
        bits.append(", ".join(entry.feelings))
    if entry.tags:
        bits.append(" ".join(f"#{t}" for t in entry.tags))
    return " · ".join(bits)


def coping_line(entry: Entry) -> str:
    """ "Tried Paced breathing: anxiety 7 before, 4 after", or "" when none was noted.

    (Words, not an arrow: the app's bundled font has no arrow glyph.)"""
    if not entry.coping_strategy:
        return ""
    line = f"Tried {entry.coping_strategy}"
    if entry.anxiety_after is not None:
        before = f"{entry.anxiety} before, " if entry.anxiety is not None else ""
        line += f": anxiety {before}{entry.anxiety_after} after"
    return line


def _distinct(values: Sequence[str]) -> list[str]:
    """One of each label (case-insensitively), sorted as a person would look for them."""
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(value.casefold(), value)
    return sorted(seen.values(), key=str.casefold)


class JournalController:
    """The state of the Journal screen, kept while the journal stays open."""

    def __init__(self, session: AppSession, exercises: Sequence[Exercise] | None = None) -> None:
        self.session = session
        self._exercises = None if exercises is None else tuple(exercises)
        self.form = EntryForm()
        self.editing_id: str | None = None
        self.deleted: Entry | None = None  # the last entry deleted, until undone
        self.error: str | None = None
        # Which control keyboard focus goes to when the screen is next built: "writing"
        # (the field at fault after a refused save), "saved" (the entry just saved), or
        # None (the shell's choice). Taken once, by take_focus.
        self.focus: str | None = None
        self.notice: str | None = None
        self.preview = False
        # On a phone the form and the entries take turns: True while the form is open.
        # (Wide windows show both; see ``open_writing``.)
        self.writing = False
        self.words = ""
        self.tag: str | None = None
        self.feeling: str | None = None
        # The date range, days on the person's calendar (either end may be open).
        self.since: date | None = None
        self.until: date | None = None
        self.filters_open = False  # the tag, feeling and day filters, asked for
        self.shown = PAGE_SIZE
        self.expanded_id: str | None = None
        self._entries: list[Entry] | None = None
        self._revision: tuple[int, ...] | None = None  # the journal's, when _entries was read
        self._options: tuple[list[str], list[str]] | None = None  # (tags, feelings) of them
        self._found: tuple[tuple[Any, ...], list[Entry]] | None = None
        # Drafts: the forms showing one kept from before the lock (their banner is up),
        # the last one discarded (until Undo), what the entry being edited said when it
        # was opened, and the new entry put aside while another is edited.
        self.restored: set[str] = set()
        self.discarded: Discarded | None = None
        self._baseline: Fields | None = None
        self._waiting_new: EntryForm | None = None
        self._restore_drafts()

    # --- the toolkit -----------------------------------------------------------------------

    @property
    def exercises(self) -> tuple[Exercise, ...]:
        if self._exercises is None:
            self._exercises = load_coping()
        return self._exercises

    def exercise(self) -> Exercise | None:
        """The coping exercise chosen in the form, if any."""
        if self.form.coping_id in (None, KEPT_COPING):
            return None
        return find_exercise(self.exercises, self.form.coping_id or "")

    def coping_options(self) -> list[tuple[str, str]]:
        """(key, words) for the coping dropdown."""
        options = [(e.id, e.title) for e in self.exercises]
        if self.form.kept_coping:
            options.append((KEPT_COPING, self.form.kept_coping))
        return options

    # --- the form --------------------------------------------------------------------------

    def feeling_choices(self) -> list[str]:
        """The usual feelings, then the person's own: ones used in earlier entries ("dread")
        and any added to this one, each once."""
        seen = {f.casefold() for f in FEELINGS}
        own: list[str] = []
        for name in [*self.feeling_options(), *self.form.feelings]:
            if name.casefold() not in seen:
                seen.add(name.casefold())
                own.append(name)
        return list(FEELINGS) + own

    def is_feeling_chosen(self, name: str) -> bool:
        return name.casefold() in {f.casefold() for f in self.form.feelings}

    def toggle_feeling(self, name: str) -> bool:
        """Select or unselect a feeling; returns whether it is now selected."""
        self._changed()
        if self.is_feeling_chosen(name):
            self.form.feelings = [f for f in self.form.feelings if f.casefold() != name.casefold()]
            return False
        self.form.feelings.append(name)
        return True

    def add_feeling(self, words: str | None = None) -> bool:
        """Add the "Add a feeling" words as a selected feeling. False (with ``error``) if
        they can't be a feeling; nothing typed is lost."""
        words = self.form.new_feeling if words is None else words
        try:
            cleaned = clean_labels([words], "feeling")
        except InvalidInput as exc:
            self.error = str(exc)
            return False
        if not cleaned:
            return False
        name = cleaned[0]
        if not self.is_feeling_chosen(name):
            self.form.feelings.append(name)
        self.form.new_feeling = ""
        self.error = None
        self._changed()
        return True

    def set_text(self, text: str) -> None:
        self.form.text = text
        self._changed()
        if self.error and text.strip():
            self.error = None

    def set_anxiety(self, value: float | None) -> None:
        self.form.anxiety = None if value is None else int(round(value))
        self._changed()

    def set_anxiety_after(self, value: float | None) -> None:
        self.form.anxiety_after = None if value is None else int(round(value))
        self._changed()

    def set_tags(self, text: str) -> None:
        self.form.tags_text = text
        self._changed()

    def set_new_feeling(self, text: str) -> None:
        self.form.new_feeling = text
        self._changed()

    def choose_coping(self, key: str | None) -> None:
        """Pick an exercise (or None for none); "How anxious now?" starts unrated."""
        key = key or None
        if key != self.form.coping_id:
            self.form.anxiety_after = None
        self.form.coping_id = key
        self._changed()

    def set_when(self, value: date | datetime | str | None) -> bool:
        """When the entry happened: a day from a date picker (a ``date``), a ``datetime``,
        typed text ("2026-11-20" or "2026-11-20 21:30"), or None for "now". A day alone
        keeps the entry's time of day (or the current time, for a new entry). False, with
        ``error``, when typed text is not a date; the form is unchanged then."""
        if isinstance(value, str):
            if not value.strip():
                value = None
            else:
                try:
                    value = datetime.fromisoformat(value.strip())
                except ValueError:
                    self.error = f"'{value}' is not a date; use a form like 2026-11-20."
                    return False
        if value is None:
            self.form.at = None
        elif isinstance(value, datetime):
            self.form.at = local_to_utc(value, self.session.tz)
        else:
            # The picked day in the person's zone as it is on that day (summer or not),
            # at the time of day the entry already had.
            base = local_time(self.form.at or self.session.now(), self.session.tz)
            self.form.at = at_local(value, time(base.hour, base.minute), self.session.tz)
        self.error = None
        self._changed()
        return True

    def when_day(self) -> date:
        """The day to show in the form's date picker (today for a new entry)."""
        return local_time(self.form.at or self.session.now(), self.session.tz).date()

    def toggle_preview(self) -> None:
        self.preview = not self.preview

    def draft(self) -> EntryDraft:
        """The form as the core's draft (the core checks and tidies it)."""
        form = self.form
        pending = [form.new_feeling] if form.new_feeling.strip() else []
        if form.coping_id == KEPT_COPING:
            coping = form.kept_coping
        else:
            exercise = self.exercise()
            coping = exercise.title if exercise else None
        return EntryDraft(
            text=form.text,
            anxiety=form.anxiety,
            feelings=[*form.feelings, *pending],
            tags=tags_from_text(form.tags_text),
            coping_strategy=coping,
            anxiety_after=form.anxiety_after if coping else None,
            at=form.at,
        )

    def take_focus(self) -> str | None:
        """Where focus should go now, once: a later rebuild leaves it where it is."""
        focus, self.focus = self.focus, None
        return focus

    def open_writing(self) -> None:
        """ "New entry" on a phone: the form, with focus in the writing. What was being
        written before "Back to entries" is still there."""
        self.writing = True
        self.focus = "writing"

    def back_to_entries(self) -> None:
        """ "Back to entries" on a phone: the list again; the form keeps every word (and its
        draft), so writing can carry on later."""
        self.writing = False
        self.error = None

    @property
    def has_writing(self) -> bool:
        """Something is in the form: words written, or an entry opened to change."""
        return self.editing_id is not None or self.form != EntryForm()

    def save(self) -> Entry | None:
        """Write the entry (or the changes to the one being edited), and remove the form's
        draft in the same unit of work. None, with ``error`` set and the form untouched
        (its draft too), if the core refused it."""
        draft = self.draft()
        carried = None
        key = self.form_key
        try:
            with self.session.work() as repo:
                if self.editing_id is None:
                    read_before = self._options is not None and self._revision == saved_revision(
                        repo
                    )
                    entry = add_entry(
                        repo, draft, record_id=self.session.new_id(), now=self.session.now()
                    )
                    if read_before:
                        carried = self._options_with(entry)
                    self.notice = "Saved. Well done for writing it down."
                else:
                    entry = edit_entry(repo, self.editing_id, draft, now=self.session.now())
                    self.notice = "Your changes are saved."
                self.session.form_done(key)
        except InvalidInput as exc:
            self.error = str(exc)
            self.notice = None
            self.focus = fault_of(self.error)
            return None
        self.focus = "saved"
        self.writing = False  # on a phone: back to the entries, the new one opened
        self.restored.discard(key)
        if self.editing_id is None:
            self.form = EntryForm()
        self._back_to_new()
        self.expanded_id = entry.id
        self.reload()
        if carried is not None:
            self._options = carried
        return entry

    def _options_with(self, entry: Entry) -> tuple[list[str], list[str]]:
        """The filter options once ``entry`` is added after the entries they were worked
        out from: what working them out again would give (a new entry comes last, so the
        first spelling of each label stays), without reading every entry's tags again
        (at thirty years that was 28 ms of each save)."""
        tags, feelings = self._filter_options()
        return _distinct([*tags, *entry.tags]), _distinct([*feelings, *entry.feelings])

    def start_edit(self, entry_id: str) -> bool:
        """Put a stored entry in the form to change it: the changes kept as a draft, if
        there are any (with their banner), else the entry as saved. A new entry being
        written is put aside until the edit is saved or cancelled."""
        with self.session.work() as repo:
            entry = repo.get(Entry, entry_id)
            changes = load_draft(repo, journal_edit(entry_id)) if entry is not None else None
        if entry is None:
            self.error = "That entry is no longer in your journal."
            return False
        coping_id, kept = None, None
        if entry.coping_strategy:
            wanted = entry.coping_strategy.strip().casefold()
            match = next(
                (
                    e
                    for e in self.exercises
                    if wanted in (e.title.casefold(), e.id.casefold(), e.id.replace("_", " "))
                ),
                None,
            )
            coping_id, kept = (match.id, None) if match else (KEPT_COPING, entry.coping_strategy)
        saved = EntryForm(
            text=entry.text,
            anxiety=entry.anxiety,
            feelings=list(entry.feelings),
            tags_text=", ".join(entry.tags),
            coping_id=coping_id,
            kept_coping=kept,
            anxiety_after=entry.anxiety_after,
            at=entry.created_at,
        )
        if self.editing_id is None:
            self._waiting_new = self.form
        self._baseline = form_fields(saved)
        self.form = form_from(changes) if changes is not None else saved
        self.editing_id = entry.id
        self.writing = True
        if changes is not None:
            self.restored.add(self.form_key)
        self.error = None
        self.notice = None
        self.preview = False
        return True

    def take_notice(self) -> str | None:
        """The gentle message from the last save or delete, given once."""
        notice, self.notice = self.notice, None
        return notice

    def cancel_edit(self) -> None:
        """Leave the entry as it was saved: the changes (and their draft) go, and the new
        entry put aside comes back."""
        if self.editing_id is not None:
            key = self.form_key
            self.session.form_done(key)
            self.restored.discard(key)
        self._back_to_new()
        self.writing = False

    def _back_to_new(self) -> None:
        """Show the new entry again: the one put aside while editing, or an empty form."""
        if self.editing_id is not None:
            self.form = self._waiting_new or EntryForm()
        self._waiting_new = None
        self._baseline = None
        self.editing_id = None
        self.error = None
        self.preview = False

    # --- drafts ----------------------------------------------------------------------------

    @property
    def form_key(self) -> str:
        """The draft key of the form on screen: the new entry, or the entry being edited."""
        return JOURNAL_NEW if self.editing_id is None else journal_edit(self.editing_id)

    def _changed(self) -> None:
        """The form changed: its draft is due in a moment (the session keeps it). The
        reader holds this form, not whichever is on screen when it runs."""
        form = self.form
        self.session.form_changed(self.form_key, reader(lambda: form_fields(form), self._baseline))

    def _restore_drafts(self) -> None:
        """On opening the journal: the new entry's draft back in the form, and the newest
        draft opened (an entry's unsaved changes put that entry in the form)."""
        with self.session.work() as repo:
            kept = [d for d in pending_drafts(repo) if form_area(d.form) == "journal"]
        for draft in kept:
            if draft.form == JOURNAL_NEW:
                self.form = form_from(draft.fields)
                self.restored.add(JOURNAL_NEW)
                self.writing = True  # a phone opens on the form, its banner up
                break
        newest = kept[0] if kept else None
        if newest is not None and form_kind(newest.form) == JOURNAL_EDIT:
            entry_id = form_subject(newest.form) or ""
            if not self.start_edit(entry_id) and JOURNAL_NEW not in self.restored:
                # The entry was deleted since (on another device, say): the writing comes
                # back as a new entry rather than being lost.
                self.error = None
                self.form = form_from(newest.fields)
                self.restored.add(JOURNAL_NEW)
                self.writing = True
                self._changed()
                self.session.drafts.drop(newest.form)
                self.session.form_done(newest.form)

    def showing_draft(self) -> bool:
        """The form on screen shows a draft kept from before the lock (banner up)."""
        return self.form_key in self.restored

    def keep_going(self) -> None:
        """The banner's "Keep going": it goes, and focus goes to the writing."""
        self.restored.discard(self.form_key)
        self.focus = "writing"

    def discard_draft(self) -> None:
        """The banner's "Discard": the draft leaves the journal and the form is cleared (an
        edit goes back to the entry as saved). ``undo_discard`` brings both back."""
        key = self.form_key
        record = self.session.form_done(key)
        self.discarded = Discarded(key, record, form_fields(self.form))
        self.restored.discard(key)
        if self.editing_id is None:
            self.form = EntryForm()
        self._back_to_new()

    def undo_discard(self) -> bool:
        """Put the discarded draft back, in the journal and in the form."""
        gone, self.discarded = put_back_discarded(self.session, self.discarded), None
        if gone is None:
            return False
        form = form_from(gone.fields)
        if gone.form == JOURNAL_NEW:
            if self.editing_id is None:
                self.form = form
            else:
                self._waiting_new = form
        else:
            if not self.start_edit(form_subject(gone.form) or ""):
                return False
            self.form = form
        self.restored.discard(gone.form)
        self.focus = "writing"
        if gone.form == self.form_key:
            self._changed()  # what the form held may be newer than the draft put back
        return True

    def delete(self, entry_id: str) -> bool:
        """Remove an entry (the screen asks first, or offers ``undo_delete``)."""
        with self.session.work() as repo:
            entry = repo.get(Entry, entry_id)
            gone = delete_entry(repo, entry_id)
        if gone:
            self.deleted = entry
        if self.editing_id == entry_id:
            self.cancel_edit()
        if self.expanded_id == entry_id:
            self.expanded_id = None
        self.notice = "The entry was deleted." if gone else None
        self.reload()
        return gone

    def undo_delete(self) -> Entry | None:
        """Put back the entry just deleted, exactly as it was."""
        entry, self.deleted = self.deleted, None
        if entry is None:
            return None
        with self.session.work() as repo:
            restore_entry(repo, entry)
        self.notice = "The entry is back."
        self.reload()
        return entry

    # --- the list --------------------------------------------------------------------------

    def reload(self) -> None:
        """Forget the cached entries if the journal changed since they were read.

        Every saved change moves the journal's revision (drafts aside: ``saved_revision``);
        while it stands still (a tab visited and left, a draft kept while typing), the
        entries, their filter options and the last search's matches stay, so coming back
        to the Journal does not read and filter ten years again.
        """
        if self._entries is not None and self._revision == self._current_revision():
            return
        self._entries = None
        self._options = None
        self._found = None

    def prepare(self) -> None:
        """Read the entries, their filter options and the search's word index ahead of the
        visit (the background warm-up calls it, off the UI thread). Held inside one unit of
        work, so a lock meanwhile either waits for it or stops it: no folded writing is left
        in memory after locking."""
        with self.session.work():
            self.reload()
            self._filter_options()
            prepare_search(self.entries)

    def _current_revision(self) -> tuple[int, ...]:
        with self.session.work() as repo:
            return saved_revision(repo)  # a draft kept while typing changes no entry

    @property
    def entries(self) -> list[Entry]:
        if self._entries is None:
            with self.session.work() as repo:
                self._revision = saved_revision(repo)
                self._entries = repo.all(Entry)
        return self._entries

    def get(self, entry_id: str) -> Entry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    def _filter_options(self) -> tuple[list[str], list[str]]:
        """The tags and feelings used, worked out once per list of entries read."""
        entries = self.entries
        if self._options is None:
            self._options = (
                _distinct([t for e in entries for t in e.tags]),
                _distinct([f for e in entries for f in e.feelings]),
            )
        return self._options

    def tag_options(self) -> list[str]:
        return list(self._filter_options()[0])

    def feeling_options(self) -> list[str]:
        return list(self._filter_options()[1])

    def set_search(self, words: str) -> None:
        self.words = words
        self.shown = PAGE_SIZE

    def set_tag(self, tag: str | None) -> None:
        self.tag = tag or None
        self.shown = PAGE_SIZE

    def set_feeling(self, feeling: str | None) -> None:
        self.feeling = feeling or None
        self.shown = PAGE_SIZE

    def set_since(self, day: date | None) -> str | None:
        """The first day to show (None: from the first entry). A day after the range's end
        is refused with the reason, and the range stays as it was."""
        if day is not None and self.until is not None and day > self.until:
            return "The start date is after the end date."
        self.since = day
        self.shown = PAGE_SIZE
        return None

    def set_until(self, day: date | None) -> str | None:
        """The last day to show, itself included (None: up to today)."""
        if day is not None and self.since is not None and day < self.since:
            return "The end date is before the start date."
        self.until = day
        self.shown = PAGE_SIZE
        return None

    def range_words(self, end: str) -> str:
        """ "From 3 Nov 2026" / "From any day", "To 9 Nov 2026" / "To today": a button's words."""
        day = self.since if end == "since" else self.until
        if day is None:
            return "From the first entry" if end == "since" else "To today"
        return f"{'From' if end == 'since' else 'To'} {day.day} {day:%b %Y}"

    def clear_filters(self) -> None:
        self.words, self.tag, self.feeling = "", None, None
        self.since = self.until = None
        self.shown = PAGE_SIZE

    @property
    def filters_shown(self) -> bool:
        """The tag, feeling and day filters are on screen: asked for, or one is in use
        (a filter narrowing the list is never out of sight)."""
        return self.filters_open or bool(self.tag or self.feeling or self.since or self.until)

    def toggle_filters(self) -> None:
        self.filters_open = not self.filters_shown

    @property
    def filtering(self) -> bool:
        return bool(self.words.strip() or self.tag or self.feeling or self.since or self.until)

    def results(self) -> list[Entry]:
        """Every entry that matches, newest first (worked out once per search)."""
        key = (self.words, self.tag, self.feeling, self.since, self.until)
        if self._found is None or self._found[0] != key:
            query = EntryQuery(
                words=self.words,
                tag=self.tag,
                feeling=self.feeling,
                since=self.since,
                until=self.until,
                tz=self.session.tz,
            )
            self._found = (key, search_entries(self.entries, query))
        return self._found[1]

    def visible(self) -> list[Entry]:
        return self.results()[: self.shown]

    @property
    def has_more(self) -> bool:
        return len(self.results()) > self.shown

    def show_more(self) -> None:
        self.shown += MORE_SIZE

    def count_text(self) -> str:
        """ "Showing 50 of 3,650 entries" and the like."""
        found = len(self.results())
        total = len(self.entries)
        if total == 0:
            return "No entries yet. Whatever you write stays on this device, encrypted."
        if found == 0:
            return "No entries match. Try fewer words, or clear the filters."
        noun = "entry" if found == 1 else "entries"
        shown = min(found, self.shown)
        if not self.filtering:
            return f"{found:,} {noun}" if shown == found else f"Newest {shown} of {found:,}"
        return (
            f"{found:,} matching {noun}"
            if shown == found
            else f"Showing {shown} of {found:,} matching {noun}"
        )

    def toggle_expanded(self, entry_id: str) -> None:
        self.expanded_id = None if self.expanded_id == entry_id else entry_id


def controller_for(session: AppSession) -> JournalController:
    """One controller per opened journal: drafts survive screen rebuilds, not a lock."""
    return session.kept(JournalController, lambda: JournalController(session))


def fault_of(message: str) -> str:
    """The form part a refusal is about, from the words the core used for it ("tag",
    "feeling", else the entry's text), so focus can go to the field at fault."""
    lowered = message.lower()
    if "tag" in lowered:
        return "tags"
    if "feeling" in lowered:
        return "new_feeling"
    return "writing"

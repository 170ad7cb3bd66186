"""The app's session: whether the journal is open, and the one way in to its records.

Used by the UI shell; no Flet here, so tests drive it directly. Every screen's controller
reaches the journal through ``work()``, which serialises access (Flet may run handlers
on threads) and counts as activity for auto-lock.
"""

from __future__ import annotations

import contextlib
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TypeVar

from journal_app.app import collector
from journal_app.app.clock import local_zone, new_id, now_utc
from journal_app.app.drafts import FormReader, PendingDrafts, discard_draft, keep_draft
from journal_app.app.journal_access import (
    Journal,
    create_journal,
    journal_exists,
    unlock_journal,
)
from journal_app.app.preferences import UiPrefs, load_prefs, save_prefs
from journal_app.core.errors import WrongPassphrase
from journal_app.core.goals import Celebration
from journal_app.core.journal import InvalidInput
from journal_app.core.records import Draft
from journal_app.core.throttle import TryAgainLater, seconds_left

T = TypeVar("T")

NO_VAULT = "no_vault"
LOCKED = "locked"
UNLOCKED = "unlocked"


AUTO_LOCK_WARNING_SECONDS = 60  # the notice comes this long before auto-lock


class SessionLocked(RuntimeError):
    """A screen asked for records while the journal was locked."""


class UnlockThrottle:
    """Wrong passphrases so far for one data folder and one browser session, and when
    the last one was.

    One per data folder and browser session per process (see ``throttle_for``), shared
    by every tab of that browser, so opening a new tab or reloading does not start the
    count again. Attempts are taken one at a time: tabs trying in parallel queue up
    rather than guessing side by side.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.failures = 0
        self.last_failure_at: float | None = None
        self._turn = threading.Lock()

    def seconds_left(self) -> float:
        """How long until another try is allowed (0: now)."""
        return seconds_left(self.failures, self.last_failure_at, self.clock())

    @contextmanager
    def attempt(self) -> Iterator[None]:
        """One try: refused with TryAgainLater during a wait, before any key is derived;
        a WrongPassphrase inside counts as a failure; getting through clears the count."""
        with self._turn:
            left = self.seconds_left()
            if left > 0:
                raise TryAgainLater(left)
            try:
                yield
            except WrongPassphrase:
                self.failures += 1
                self.last_failure_at = self.clock()
                raise
            self.failures = 0
            self.last_failure_at = None


_THROTTLES: dict[tuple[Path, str | None], UnlockThrottle] = {}
_THROTTLES_GUARD = threading.Lock()


def throttle_for(data_dir: Path, browser: str | None = None) -> UnlockThrottle:
    """The one throttle for this data folder and browser session in this process.

    ``browser`` names the browser session a served page belongs to (an opaque id the
    shell gets from the browser's cookie; None for the desktop window). Counting per
    browser means nobody else's wrong guesses can make the person wait; one shared count
    let any local program that reached the lock screen lock the person out.
    """
    key = (data_dir.expanduser().resolve(), browser)
    with _THROTTLES_GUARD:
        return _THROTTLES.setdefault(key, UnlockThrottle())


_SESSIONS: dict[Path, weakref.WeakSet[AppSession]] = {}
_SESSIONS_GUARD = threading.Lock()


def _sessions_for(data_dir: Path) -> weakref.WeakSet[AppSession]:
    """Every session of this data folder in this process (windows and browser tabs)."""
    key = data_dir.expanduser().resolve()
    with _SESSIONS_GUARD:
        return _SESSIONS.setdefault(key, weakref.WeakSet())


class AppSession:
    """One person's session with their journal, in one window or browser tab."""

    def __init__(
        self,
        data_dir: Path,
        clock: Callable[[], datetime] = now_utc,
        throttle: UnlockThrottle | None = None,
        *,
        auto_lock_cap: timedelta | None = None,
        drafts: PendingDrafts | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.clock = clock
        # The shortest quiet spell before auto-lock, whatever Settings say: only ever
        # sooner, never later (the browser tests set it through ui.app; see there).
        self.auto_lock_cap = auto_lock_cap
        # Forms changed since their draft was last kept (see ``keep_drafts`` and ``lock``).
        self.drafts = drafts or PendingDrafts()
        self.throttle = throttle or throttle_for(data_dir)
        self.prefs: UiPrefs = load_prefs(data_dir)
        self._repo: Journal | None = None
        self._guard = threading.RLock()
        self.last_activity = clock()
        # Screens' unsaved, in-progress state (a half-made share, say): kept across
        # re-renders of the page, forgotten the moment the journal locks.
        self.screen_state: dict[object, object] = {}
        # Called (from another tab's thread) when another tab of this process opened the
        # journal and this one was locked for it: the UI shows its lock screen and says why.
        self.on_taken_over: Callable[[], None] | None = None
        self._peers = _sessions_for(data_dir)
        with _SESSIONS_GUARD:
            self._peers.add(self)

    # --- state ---------------------------------------------------------------------------

    @property
    def state(self) -> str:
        if self._repo is not None:
            return UNLOCKED
        return LOCKED if journal_exists(self.data_dir) else NO_VAULT

    def now(self) -> datetime:
        return self.clock()

    @property
    def tz(self) -> tzinfo:
        """The person's time zone, handed to the core for every person-facing day."""
        return local_zone()

    def local_now(self) -> datetime:
        """Now on the person's clock: its ``.date()`` is their today, not UTC's."""
        return self.clock().astimezone(self.tz)

    def today(self) -> date:
        return self.local_now().date()

    def new_id(self) -> str:
        return new_id()

    # --- opening and closing -------------------------------------------------------------

    def create(self, passphrase: str, confirmation: str) -> None:
        """Make the vault, refusing a mismatch or a weak passphrase before writing anything."""
        if passphrase != confirmation:
            raise InvalidInput("The two passphrases don't match.")
        self._open(create_journal(self.data_dir, passphrase, clock=self.clock))

    def unlock(self, passphrase: str) -> None:
        """Open the journal; WrongPassphrase / VaultDamaged / VaultBusy leave it locked,
        and so does TryAgainLater, raised without trying the passphrase at all while the
        wait after several wrong ones is not over."""
        if not passphrase:
            raise InvalidInput("Type your passphrase to open your journal.")
        # Everything is decrypted now, so damage shows at the lock screen.
        with self.throttle.attempt():
            self._take_over(passphrase)
            repo = unlock_journal(self.data_dir, passphrase, clock=self.clock, check_all=True)
        self._open(repo)

    def _take_over(self, passphrase: str) -> None:
        """Lock this folder's other open tabs in this process, once ``passphrase`` is shown
        to open the journal (a wrong one leaves them as they are).

        The folder lock keeps one opener at a time, so a second tab was told "open in
        another window" and could not get in. Worse, a tab whose closing the server never
        heard of (Flet drops the disconnect when a send fails as the tab goes) kept the
        journal locked away until the app was restarted, with no window left to close.
        Whoever knows the passphrase is the person; the newest tab is the one they use.
        """
        with _SESSIONS_GUARD:
            others = [s for s in self._peers if s is not self and s._repo is not None]
        for other in others:
            with other._guard:
                if other._repo is None:
                    continue
                other._repo.vault.check_passphrase(passphrase)
                other.lock()
            if other.on_taken_over is not None:
                other.on_taken_over()

    def join_sync(self, folder: str, passphrase: str, name: str = "") -> None:
        """A new device: bring the journal that syncs through ``folder`` here with the
        passphrase alone (wrong ones count, as at the lock screen)."""
        from pathlib import Path

        from journal_app.app.sync_setup import join

        if not (folder or "").strip():
            raise InvalidInput("Choose or type the folder your sync app keeps in step.")
        if not passphrase:
            raise InvalidInput("Type the passphrase you use on your other device.")
        with self.throttle.attempt():
            journal, _ = join(self.data_dir, Path(folder.strip()), passphrase, name.strip() or None)
        self._open(journal)

    def restore_full_copy(self, data: bytes, passphrase: str) -> None:
        """A new device: make the journal from a full copy (``backup export``)."""
        from journal_app.app.full_copy import import_to_new_device

        if not data:
            raise InvalidInput("That file is empty; choose the full copy you saved.")
        if not passphrase:
            raise InvalidInput("Type the passphrase the copy was made with.")
        with self.throttle.attempt():
            journal, _ = import_to_new_device(self.data_dir, data, passphrase)
        self._open(journal)

    def unlock_wait(self) -> float:
        """Seconds before the lock screen may try a passphrase again (0: now)."""
        return self.throttle.seconds_left()

    def _open(self, repo: Journal) -> None:
        with self._guard:
            self._repo = repo
            self.last_activity = self.clock()

    def lock(self, *, collect_now: bool = True) -> None:
        """Close the vault and forget the key. Safe to call at any time, more than once.

        Every form changed since its draft was kept is kept first, under the same guard
        as the closing, so no draft write can fall between (auto-lock, "Lock now", a
        closed tab and another tab taking over all come here). Then the screens' state,
        with whatever was typed in it, is forgotten.

        What the journal held is collected at once, unless ``collect_now`` is False: then
        the caller shows the lock screen first (at thirty years the collection takes
        ~100 ms, and "Lock now" waited for it) and calls ``collect_freed`` right after,
        which also frees the old screen's controls, gone from the page by then.
        """
        with self._guard:
            if self._repo is not None:
                # Each form is tried; a full disk (or a command holding the journal a
                # moment too long) must not keep the journal open.
                with contextlib.suppress(Exception), self._repo.holding():
                    self._keep_drafts(self._repo, due_only=False, lock=True)
            self.drafts.clear()
            self.screen_state.clear()
            if self._repo is not None:
                self._repo.close()
                self._repo = None
                collector.release(collect_now=collect_now)

    def collect_freed(self) -> None:
        """Free what locking let go of, cycles included (after ``lock(collect_now=False)``)."""
        collector.collect()

    # --- activity and auto-lock -----------------------------------------------------------

    def touch(self) -> None:
        """The person did something (a key, a tap, a scroll): the quiet spell starts again.
        Called on every keystroke, so it only notes the time."""
        self.last_activity = self.clock()

    def idle_for(self) -> timedelta:
        return self.clock() - self.last_activity

    def auto_lock_after(self) -> timedelta:
        """How long a quiet spell locks the journal: Settings' choice, or the cap if sooner."""
        limit = timedelta(minutes=self.prefs.auto_lock_minutes)
        return min(limit, self.auto_lock_cap) if self.auto_lock_cap else limit

    def should_auto_lock(self) -> bool:
        return self.state == UNLOCKED and self.idle_for() >= self.auto_lock_after()

    def seconds_until_auto_lock(self) -> int | None:
        """Whole seconds before the journal locks itself, or None when it is not open.

        The shell warns a minute ahead (AUTO_LOCK_WARNING_SECONDS), so nobody loses the
        page they were reading to a lock that came without notice.
        """
        if self.state != UNLOCKED:
            return None
        left = self.auto_lock_after() - self.idle_for()
        return max(0, int(left.total_seconds()))

    def auto_lock_warning_due(self) -> bool:
        """Time to say "Still there? Locking in 60 s": a minute ahead, or half the quiet
        spell when that is shorter. With a one-minute spell the notice used to be due the
        moment the person stopped (and stayed up while they typed on); now it comes at
        30 s, and typing takes it away."""
        left = self.seconds_until_auto_lock()
        ahead = min(AUTO_LOCK_WARNING_SECONDS, self.auto_lock_after().total_seconds() / 2)
        return left is not None and 0 < left <= ahead

    # --- records -------------------------------------------------------------------------

    @contextmanager
    def work(self, *, activity: bool = True) -> Iterator[Journal]:
        """The repository, for one unit of work, while the journal is open. It counts as
        the person's activity for auto-lock unless ``activity`` is False (the app's own
        background work: taking in another device's changes must not keep it unlocked)."""
        with self._guard:
            if self._repo is None:
                raise SessionLocked("Your journal is locked.")
            if activity:
                self.touch()
            with self._repo.holding():  # the command line may write between two units
                yield self._repo

    @contextmanager
    def unattended(self) -> Iterator[None]:
        """Work the app does on its own (redrawing a screen after another device's
        change) leaves the time of the person's last activity as it was."""
        before = self.last_activity
        try:
            yield
        finally:
            self.last_activity = before

    def changed_elsewhere(self) -> bool:
        """Whether a command (or another window) changed the journal since this session
        last read it: the shell polls this and refreshes the screen. No lock is taken."""
        repo = self._repo
        return repo is not None and repo.changed_elsewhere()

    def warm_up(self) -> None:
        """Read every record kind once, right after unlocking, off the UI thread.

        The first screen decodes only what it shows (the last weeks); this readies the
        rest (ten years of entries take a few hundred milliseconds) while the person
        reads it, so the Journal's first visit does not wait for them. A failure here is
        left for the screen that needs the records to report plainly.
        """
        from journal_app.core.records import ALL_RECORD_TYPES

        for cls in ALL_RECORD_TYPES:  # one kind at a time: a screen may go in between
            try:
                with self.work() as repo:
                    repo.ready(cls)
            except Exception:  # noqa: BLE001 - locked meanwhile, or damage a screen reports
                return

    def settle(self) -> None:
        """Everything a visit needs has been read: keep the cycle collector off it until
        the journal locks (see ``collector``)."""
        with self._guard:
            if self._repo is not None:
                collector.settle()

    def kept(self, key: object, make: Callable[[], T]) -> T:
        """One object per open journal, e.g. a screen's controller with its drafts: it
        survives the screen being rebuilt (resize, navigation) but not a lock."""
        with self.work():
            found = self.screen_state.get(key)
            if found is None:
                found = self.screen_state[key] = make()
            return found  # type: ignore[return-value]

    # --- drafts ---------------------------------------------------------------------------

    def form_changed(self, form: str, read: FormReader) -> None:
        """A form's state changed (a key typed, an answer picked): that is activity, and
        the form's draft is due a moment from now. Cheap: nothing is written here."""
        self.touch()
        self.drafts.changed(form, read)

    def keep_drafts(self, *, due_only: bool = True) -> int:
        """Write the drafts of changed forms (those due, or all); how many were written.
        A form whose draft could not be written stays pending and the error is raised."""
        with self._guard:
            if self._repo is None:
                self.drafts.clear()
                return 0
            with self._repo.holding():  # one unit: the command line writes before or after
                return self._keep_drafts(self._repo, due_only=due_only)

    def _keep_drafts(self, repo: Journal, *, due_only: bool, lock: bool = False) -> int:
        """Write what is pending. A failure puts the forms not written back to be tried
        again and is raised; while locking (``lock``), every form is tried and nothing
        is raised: the journal locks whatever the disk says."""
        written = 0
        taken = self.drafts.take(due_only=due_only)
        for at, (form, read) in enumerate(taken):
            try:
                fields, baseline = read()
                written += keep_draft(
                    repo, form, fields, baseline=baseline, now=self.clock(), new_id=new_id
                )
            except Exception:
                if lock:
                    continue
                for again, reader in taken[at:]:  # tried again at the next chance
                    self.drafts.changed(again, reader)
                raise
        return written

    def form_done(self, form: str) -> Draft | None:
        """The form was saved or cleared: its draft goes (returned, for an Undo), and
        nothing of it is pending."""
        with self.work() as repo:
            self.drafts.drop(form)
            return discard_draft(repo, form)

    def save_prefs(self, prefs: UiPrefs) -> None:
        self.prefs = prefs.checked()
        save_prefs(self.data_dir, self.prefs)

    def sync_journey(self) -> list[Celebration]:
        """Tick journey milestones the data shows as reached (the CLI does the same)."""
        from journal_app.app.journey import sync_journey

        with self.work() as repo:
            return sync_journey(repo)

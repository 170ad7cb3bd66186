"""Drafts on a real, encrypted journal in a temp folder: kept in place, written only when
changed, kept by every kind of lock, never shown where saved records are, and never in
plain text on disk (issue 27)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from journal_app.app.drafts import (
    PendingDrafts,
    discard_draft,
    find_draft,
    keep_draft,
    load_draft,
    pending_drafts,
    put_back,
    saved_revision,
    settle_drafts,
    subject_gone,
)
from journal_app.app.profile import current_profile
from journal_app.app.session import LOCKED, AppSession
from journal_app.app.sharing import preview_share
from journal_app.core.drafts import GOAL_NEW, JOURNAL_NEW, goal_due, goal_rename, journal_edit
from journal_app.core.goals import add_goal, take_goal
from journal_app.core.journal import EntryDraft, EntryQuery, add_entry, search_entries
from journal_app.core.records import Draft, Entry
from journal_app.core.review import build_review
from journal_app.core.review_text import review_markdown
from journal_app.core.sharing import SECTIONS, ShareSelection
from tests.conftest import all_bytes, snapshot

PASS = "quiet harbour maple 7"
SECRET = "Zebra-lantern 4417: I am scared to call the clinic"


class Clocks:
    """The session's clock (UTC moments) and the drafts' (monotonic seconds), moved by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
        self.seconds = 1000.0

    def moment(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return self.seconds

    def wait(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
        self.seconds += seconds


@pytest.fixture
def clocks() -> Clocks:
    return Clocks()


@pytest.fixture
def session(tmp_path: Path, clocks: Clocks):
    s = AppSession(
        tmp_path / "journal", clock=clocks.moment, drafts=PendingDrafts(clock=clocks.monotonic)
    )
    s.create(PASS, PASS)
    yield s
    s.lock()


def ids() -> object:
    counter = iter(range(1, 1000))
    return lambda: f"d{next(counter)}"


def test_one_draft_per_form_replaced_in_place(session: AppSession, clocks: Clocks) -> None:
    new_id = ids()
    with session.work() as repo:
        assert keep_draft(repo, JOURNAL_NEW, {"text": "I"}, now=clocks.now, new_id=new_id)
        clocks.wait(2)
        assert keep_draft(repo, JOURNAL_NEW, {"text": "I called"}, now=clocks.now, new_id=new_id)
        kept = repo.all(Draft)
    assert len(kept) == 1
    assert (kept[0].id, kept[0].fields, kept[0].form) == ("d1", {"text": "I called"}, JOURNAL_NEW)
    assert kept[0].updated_at == clocks.now and kept[0].created_at < clocks.now


def test_the_same_state_again_writes_nothing(session: AppSession, clocks: Clocks) -> None:
    with session.work() as repo:
        keep_draft(repo, GOAL_NEW, {"title": "Call", "steps": ["a"]}, now=clocks.now, new_id=ids())
    before = snapshot(session.data_dir)
    with session.work() as repo:
        revision = repo.revision
        assert not keep_draft(repo, GOAL_NEW, {"title": "Call", "steps": ("a",)}, now=clocks.now,
                              new_id=ids())  # fmt: skip
        assert repo.revision == revision
    assert snapshot(session.data_dir) == before  # not a byte written


def test_an_emptied_form_or_an_edit_put_back_leaves_no_draft(
    session: AppSession, clocks: Clocks
) -> None:
    saved = {"text": "As written", "anxiety": 4}
    with session.work() as repo:
        keep_draft(repo, JOURNAL_NEW, {"text": "x"}, now=clocks.now, new_id=ids())
        assert keep_draft(repo, JOURNAL_NEW, {"text": "  "}, now=clocks.now, new_id=ids())
        assert find_draft(repo, JOURNAL_NEW) is None
        add_entry(repo, EntryDraft(text="As written"), record_id="e1", now=clocks.now)
        form = journal_edit("e1")
        assert not keep_draft(repo, form, dict(saved), baseline=saved, now=clocks.now,
                              new_id=ids())  # fmt: skip
        assert keep_draft(repo, form, {**saved, "anxiety": 6}, baseline=saved, now=clocks.now,
                          new_id=ids())  # fmt: skip
        assert load_draft(repo, form) == {"text": "As written", "anxiety": 6}
        assert keep_draft(repo, form, dict(saved), baseline=saved, now=clocks.now, new_id=ids())
        assert pending_drafts(repo) == []


def test_a_draft_whose_record_is_gone_is_moved_or_dropped(
    session: AppSession, clocks: Clocks
) -> None:
    new_id = ids()
    with session.work() as repo:
        add_entry(repo, EntryDraft(text="Called"), record_id="e1", now=clocks.now)
        add_goal(repo, "Call two clinics", record_id="g1", now=clocks.now)
        keep_draft(repo, journal_edit("e1"), {"text": SECRET}, baseline={"text": "Called"},
                   now=clocks.now, new_id=new_id)  # fmt: skip
        keep_draft(repo, goal_rename("g1"), {"title": "Call three"}, now=clocks.now, new_id=new_id)
        keep_draft(repo, goal_due("g1"), {"due": "2027-01-05"}, now=clocks.now, new_id=new_id)
        before = snapshot(session.data_dir)
        assert settle_drafts(repo) == []  # every record there: not a byte written
        assert snapshot(session.data_dir) == before
        take_goal(repo, "g1")
        repo.remove(Entry, "e1")
        assert subject_gone(repo, goal_rename("g1")) and not subject_gone(repo, JOURNAL_NEW)
        edit = find_draft(repo, journal_edit("e1"))
        assert sorted(settle_drafts(repo)) == [
            goal_due("g1"),
            goal_rename("g1"),
            journal_edit("e1"),
        ]
        moved = find_draft(repo, JOURNAL_NEW)
        assert moved is not None and edit is not None
        assert (moved.id, moved.fields, moved.updated_at) == (edit.id, {"text": SECRET},
                                                             edit.updated_at)  # fmt: skip
        assert [d.form for d in pending_drafts(repo)] == [JOURNAL_NEW]
        # A box about a gone record writes nothing more.
        assert not keep_draft(repo, goal_rename("g1"), {"title": "x"}, now=clocks.now,
                              new_id=new_id)  # fmt: skip
        assert [d.form for d in pending_drafts(repo)] == [JOURNAL_NEW]


def test_discard_and_undo(session: AppSession, clocks: Clocks) -> None:
    with session.work() as repo:
        keep_draft(repo, JOURNAL_NEW, {"text": SECRET}, now=clocks.now, new_id=ids())
        gone = discard_draft(repo, JOURNAL_NEW)
        assert gone is not None and pending_drafts(repo) == []
        assert discard_draft(repo, JOURNAL_NEW) is None
        put_back(repo, gone)
        assert load_draft(repo, JOURNAL_NEW) == {"text": SECRET}


def test_the_newest_draft_comes_first(session: AppSession, clocks: Clocks) -> None:
    new_id = ids()
    with session.work() as repo:
        keep_draft(repo, JOURNAL_NEW, {"text": "entry"}, now=clocks.now, new_id=new_id)
        clocks.wait(5)
        keep_draft(repo, GOAL_NEW, {"title": "goal"}, now=clocks.now, new_id=new_id)
        assert [d.form for d in pending_drafts(repo)] == [GOAL_NEW, JOURNAL_NEW]
        clocks.wait(5)
        keep_draft(repo, JOURNAL_NEW, {"text": "entry, more"}, now=clocks.now, new_id=new_id)
        assert [d.form for d in pending_drafts(repo)] == [JOURNAL_NEW, GOAL_NEW]


def test_a_draft_moves_no_summary_of_saved_records(session: AppSession, clocks: Clocks) -> None:
    """Summaries worked out from ten years of entries (the Journal's filters, Review) are
    kept per revision: a draft written every second while typing must not spoil them."""
    with session.work() as repo:
        saved = saved_revision(repo)
        keep_draft(repo, JOURNAL_NEW, {"text": "typing"}, now=clocks.now, new_id=ids())
        assert saved_revision(repo) == saved
        add_entry(repo, EntryDraft(text="saved"), record_id="e1", now=clocks.now)
        assert saved_revision(repo) != saved


def test_pending_forms_fall_due_each_on_its_own_time(clocks: Clocks) -> None:
    pending = PendingDrafts(clock=clocks.monotonic, delay=1.0)
    assert pending.due_in() is None and pending.take(due_only=True) == []

    def read() -> tuple[dict, None]:
        return {"text": "x"}, None

    pending.changed(JOURNAL_NEW, read)
    clocks.wait(0.6)
    pending.changed(GOAL_NEW, read)
    assert pending.due_in() == pytest.approx(0.4)
    clocks.wait(0.3)
    pending.changed(GOAL_NEW, read)  # typing in the goal does not hold the entry back
    clocks.wait(0.2)
    assert [f for f, _ in pending.take(due_only=True)] == [JOURNAL_NEW]
    assert JOURNAL_NEW not in pending and GOAL_NEW in pending
    assert pending.due_in() == pytest.approx(0.8)
    assert [f for f, _ in pending.take()] == [GOAL_NEW]  # all of them, due or not (a lock)


def test_typing_without_a_pause_still_keeps_a_draft_every_second_and_a_half(
    clocks: Clocks,
) -> None:
    """A killed process may lose at most the last 2 s: someone who never pauses for a
    second still has their draft written, from their first unkept key on."""
    pending = PendingDrafts(clock=clocks.monotonic, delay=1.0, max_wait=1.5)

    def read() -> tuple[dict, None]:
        return {"text": "x"}, None

    written_at = []
    for _ in range(20):  # a key every 0.4 s for 8 s
        pending.changed(JOURNAL_NEW, read)
        clocks.wait(0.4)
        if pending.take(due_only=True):
            written_at.append(round(clocks.seconds - 1000, 1))
    gaps = [b - a for a, b in zip([0.0, *written_at], written_at, strict=False)]
    assert written_at and max(gaps) < 1.7, written_at  # every ~1.5 s, never 8 s late


def test_typing_is_activity_and_the_draft_follows_a_moment_later(
    session: AppSession, clocks: Clocks
) -> None:
    form = {"text": ""}
    clocks.wait(240)
    assert session.idle_for() == timedelta(seconds=240)
    form["text"] = SECRET
    session.form_changed(JOURNAL_NEW, lambda: (dict(form), None))
    assert session.idle_for() == timedelta(0)  # a keystroke counts for auto-lock
    assert session.keep_drafts() == 0  # not due yet
    clocks.wait(1)
    assert session.keep_drafts() == 1
    assert session.keep_drafts() == 0  # nothing pending any more
    with session.work() as repo:
        assert load_draft(repo, JOURNAL_NEW) == {"text": SECRET}


def test_locking_keeps_what_was_not_kept_yet_and_forgets_the_rest(
    session: AppSession, clocks: Clocks
) -> None:
    form = {"text": SECRET}
    session.screen_state["controller"] = form
    session.form_changed(JOURNAL_NEW, lambda: (dict(form), None))  # due in a second
    session.lock()  # auto-lock, "Lock now" and a closed tab all come here
    assert session.state == LOCKED
    assert session.screen_state == {} and session.drafts.due_in() is None
    session.unlock(PASS)
    with session.work() as repo:
        assert load_draft(repo, JOURNAL_NEW) == {"text": SECRET}


def test_locking_keeps_every_form_it_can_even_when_one_fails(
    session: AppSession, clocks: Clocks
) -> None:
    def broken() -> tuple[dict, None]:
        raise OSError("not this one")

    session.form_changed(GOAL_NEW, broken)
    session.form_changed(JOURNAL_NEW, lambda: ({"text": SECRET}, None))
    session.lock()
    session.unlock(PASS)
    with session.work() as repo:
        assert load_draft(repo, JOURNAL_NEW) == {"text": SECRET}


def test_a_draft_that_cannot_be_written_never_keeps_the_journal_open(
    session: AppSession, clocks: Clocks
) -> None:
    def broken() -> tuple[dict, None]:
        raise OSError("There isn't enough space to save this.")

    session.form_changed(GOAL_NEW, broken)
    clocks.wait(2)
    with pytest.raises(OSError):
        session.keep_drafts()
    assert GOAL_NEW in session.drafts  # tried again at the next chance
    session.lock()
    assert session.state == LOCKED


def test_another_tab_taking_over_keeps_this_tabs_draft(session: AppSession, clocks: Clocks) -> None:
    session.form_changed(JOURNAL_NEW, lambda: ({"text": SECRET}, None))
    other = AppSession(session.data_dir, clock=clocks.moment)
    other.unlock(PASS)
    assert session.state == LOCKED
    with other.work() as repo:
        assert load_draft(repo, JOURNAL_NEW) == {"text": SECRET}
    other.lock()


def test_drafts_never_reach_review_the_shared_summary_or_a_search(
    session: AppSession, clocks: Clocks
) -> None:
    with session.work() as repo:
        add_entry(repo, EntryDraft(text="A saved entry", anxiety=3), record_id="e1",
                  now=clocks.now)  # fmt: skip
        new_id = ids()
        for form in (JOURNAL_NEW, journal_edit("e1"), GOAL_NEW, "review.question"):
            keep_draft(repo, form, {"text": SECRET, "title": SECRET}, now=clocks.now, new_id=new_id)
        today = date(2026, 12, 1)
        review = build_review(repo, current_profile(repo), today=today)
        preview = preview_share(repo, ShareSelection(sections=tuple(SECTIONS)), today)
        found = search_entries(repo.all(Entry), EntryQuery(words="Zebra"))
    assert SECRET not in review_markdown(review)
    assert "Zebra" not in preview.markdown
    assert found == []
    assert [q.text for q in review.questions] == []


def test_the_journal_files_hold_no_draft_in_plain_text(session: AppSession, clocks: Clocks) -> None:
    session.form_changed(JOURNAL_NEW, lambda: ({"text": SECRET}, None))
    clocks.wait(2)
    assert session.keep_drafts() == 1
    session.lock()
    session.unlock(PASS)
    with session.work() as repo:  # it is there, sealed
        assert load_draft(repo, JOURNAL_NEW) == {"text": SECRET}
    session.lock()
    on_disk = all_bytes(session.data_dir)
    assert on_disk  # the journal, its log, its key and backups
    for needle in (SECRET, "Zebra-lantern", "journal.new", '"drafts"'):
        assert needle.encode() not in on_disk
        assert needle.encode("utf-16-le") not in on_disk

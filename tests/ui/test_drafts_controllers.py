"""Every form with unsaved text kept as a sealed draft, brought back after a lock with its
banner, and gone once saved or cleared: the screens' controllers on a real, encrypted
journal in a temp folder (issue 27). The screens are built too, and Flet's own checks run
on every control, with the banner on them."""

from __future__ import annotations

from datetime import timedelta

from journal_app.app.drafts import pending_drafts
from journal_app.app.session import AppSession
from journal_app.core.drafts import (
    CANDIDATE_NEW,
    GOAL_NEW,
    JOURNAL_NEW,
    REVIEW_QUESTION,
    candidate_edit,
    candidate_notes,
    journal_edit,
)
from journal_app.core.records import Candidate, Entry, Goal, Question
from journal_app.ui.controllers.checkins import CheckinsController
from journal_app.ui.controllers.drafts import BANNER_TITLE, DraftsController
from journal_app.ui.controllers.goals import GoalsController
from journal_app.ui.controllers.journal import JournalController, controller_for
from journal_app.ui.controllers.review import ReviewController
from journal_app.ui.controllers.shortlist import ShortlistController
from journal_app.ui.draft_banner import DISCARD, KEEP_GOING
from journal_app.ui.screens import checkins as checkins_screen
from journal_app.ui.screens import goals as goals_screen
from journal_app.ui.screens import journal as journal_screen
from journal_app.ui.screens import review as review_screen
from journal_app.ui.screens import shortlist as shortlist_screen
from tests.ui.conftest import UI_PASSPHRASE, ManualClock
from tests.ui.screen_check import built

SECRET = "Zebra-lantern: scared of the first call"


def relock(session: AppSession, clock: ManualClock | None = None) -> None:
    """Lock (keeping what is pending, as auto-lock, Lock now and a closed tab do) and open
    the journal again, a minute later."""
    session.lock()
    assert session.screen_state == {}  # nothing of the forms is left in memory
    if clock is not None:
        clock.now += timedelta(minutes=1)
    session.unlock(UI_PASSPHRASE)


def drafts_of(session: AppSession) -> dict[str, dict]:
    with session.work() as repo:
        return {d.form: d.fields for d in pending_drafts(repo)}


# --- the Journal --------------------------------------------------------------------------


def test_an_entry_being_written_comes_back_after_a_lock_with_its_banner(
    clocked_session: AppSession,
) -> None:
    ctrl = controller_for(clocked_session)
    ctrl.set_text(SECRET)
    ctrl.set_anxiety(6)
    ctrl.toggle_feeling("anxious")
    ctrl.set_tags("calls")
    relock(clocked_session)
    again = controller_for(clocked_session)
    assert (again.form.text, again.form.anxiety, again.form.feelings, again.form.tags_text) == (
        SECRET, 6, ["anxious"], "calls",
    )  # fmt: skip
    assert again.showing_draft()
    words = built(journal_screen, clocked_session)
    assert BANNER_TITLE in words and KEEP_GOING in words and DISCARD in words
    assert not any(SECRET in w for w in words if w != SECRET)  # not repeated in the banner
    again.keep_going()
    assert not again.showing_draft() and again.take_focus() == "writing"
    assert BANNER_TITLE not in built(journal_screen, clocked_session)
    # The draft stays until the entry is saved: then it goes, in the same unit of work.
    assert drafts_of(clocked_session)[JOURNAL_NEW]["text"] == SECRET
    assert again.save() is not None
    assert drafts_of(clocked_session) == {}


def test_nothing_is_written_for_a_form_left_as_it_was(clocked_session: AppSession) -> None:
    ctrl = controller_for(clocked_session)
    ctrl.set_text(SECRET)
    assert clocked_session.keep_drafts(due_only=False) == 1
    ctrl.set_text(SECRET)  # the same again (a key typed and deleted)
    assert clocked_session.keep_drafts(due_only=False) == 0
    ctrl.set_text("")  # emptied: no draft to keep
    assert clocked_session.keep_drafts(due_only=False) == 1
    assert drafts_of(clocked_session) == {}


def test_discarding_a_draft_can_be_undone(clocked_session: AppSession) -> None:
    controller_for(clocked_session).set_text(SECRET)
    relock(clocked_session)
    ctrl = controller_for(clocked_session)
    ctrl.discard_draft()
    assert ctrl.form.text == "" and not ctrl.showing_draft()
    assert drafts_of(clocked_session) == {}
    assert ctrl.undo_discard()
    assert ctrl.form.text == SECRET and drafts_of(clocked_session)[JOURNAL_NEW]["text"] == SECRET
    assert not ctrl.undo_discard()  # once


def test_changes_to_an_entry_come_back_and_the_new_entry_waits_beside_them(
    clocked_session: AppSession, clock: ManualClock
) -> None:
    ctrl = controller_for(clocked_session)
    ctrl.set_text("The day I called")
    entry = ctrl.save()
    assert entry is not None
    ctrl.set_text("A new entry, half written")
    clock.now += timedelta(seconds=30)
    assert clocked_session.keep_drafts(due_only=False) == 1
    ctrl.start_edit(entry.id)
    clock.now += timedelta(seconds=30)
    ctrl.set_text("The day I called, and they called back")
    relock(clocked_session, clock)

    again = controller_for(clocked_session)
    assert again.editing_id == entry.id  # the newest draft is the one opened
    assert again.form.text == "The day I called, and they called back" and again.showing_draft()
    again.cancel_edit()  # the changes go, with their draft; the new entry comes back
    assert again.form.text == "A new entry, half written" and again.showing_draft()
    assert set(drafts_of(clocked_session)) == {JOURNAL_NEW}
    with clocked_session.work() as repo:
        assert repo.get(Entry, entry.id).text == "The day I called"  # type: ignore[union-attr]


def test_an_edit_put_back_as_it_was_keeps_no_draft(clocked_session: AppSession) -> None:
    ctrl = controller_for(clocked_session)
    ctrl.set_text("Written once")
    entry = ctrl.save()
    assert entry is not None
    ctrl.start_edit(entry.id)
    ctrl.set_text("Written once, changed")
    assert clocked_session.keep_drafts(due_only=False) == 1
    assert journal_edit(entry.id) in drafts_of(clocked_session)
    ctrl.set_text("Written once")
    clocked_session.keep_drafts(due_only=False)
    assert drafts_of(clocked_session) == {}


def test_a_draft_is_not_an_entry(clocked_session: AppSession) -> None:
    ctrl = controller_for(clocked_session)
    ctrl.set_text(SECRET)
    clocked_session.keep_drafts(due_only=False)
    fresh = JournalController(clocked_session)
    assert fresh.entries == [] and fresh.count_text().startswith("No entries yet")
    fresh.set_search("Zebra")
    assert fresh.results() == []


# --- Goals, Shortlist, Review, Check-ins -----------------------------------------------------


def test_a_goal_being_written_comes_back(clocked_session: AppSession) -> None:
    ctrl = GoalsController.for_session(clocked_session)
    ctrl.open_form(True)
    ctrl.set_draft("title", "Call two clinics")
    ctrl.set_draft("steps", "Find numbers\nCall")
    relock(clocked_session)
    again = GoalsController.for_session(clocked_session)
    state = again.state()
    assert state.form_open and state.draft_restored
    assert (state.draft.title, state.draft.steps) == ("Call two clinics", "Find numbers\nCall")
    assert BANNER_TITLE in built(goals_screen, clocked_session)
    again.discard_draft()
    assert not again.state().form_open and drafts_of(clocked_session) == {}
    again.undo_discard()
    assert again.draft.title == "Call two clinics" and GOAL_NEW in drafts_of(clocked_session)
    goal = again.add_goal()
    assert drafts_of(clocked_session) == {}
    with clocked_session.work() as repo:
        assert repo.get(Goal, goal.id) is not None


def test_every_therapist_form_comes_back(clocked_session: AppSession) -> None:
    ctrl = ShortlistController.for_session(clocked_session)
    ctrl.open_form(True)
    ctrl.set_draft("name", "Dr Ana Ruiz")
    candidate, _ = ctrl.add()
    ctrl.open_form(True)
    ctrl.set_draft("name", "Sam Lee")
    ctrl.toggle_choice("formats", "telehealth", True)
    ctrl.set_edit_field(candidate.id, "fee", "$140")
    ctrl.set_notes_draft(candidate.id, "Sounded kind on the phone")
    relock(clocked_session)

    again = ShortlistController.for_session(clocked_session)
    state = again.state()
    assert state.restored == {CANDIDATE_NEW, candidate_edit(candidate.id),
                              candidate_notes(candidate.id)}  # fmt: skip
    assert state.form_open and state.draft.name == "Sam Lee"
    assert state.draft.formats == {"telehealth"}
    assert again.edit_draft(candidate.id).fee == "$140"  # type: ignore[union-attr]
    assert again.notes_drafts[candidate.id] == "Sounded kind on the phone"
    # The card shows its edit form (with its banner) in place of its notes, for now.
    assert built(shortlist_screen, clocked_session).count(KEEP_GOING) == 2
    again.save_edit(candidate.id)
    assert built(shortlist_screen, clocked_session).count(KEEP_GOING) == 2  # notes' now
    again.save_notes(candidate.id)
    again.discard_draft(CANDIDATE_NEW)
    assert drafts_of(clocked_session) == {}
    with clocked_session.work() as repo:
        saved = repo.get(Candidate, candidate.id)
    assert saved is not None and saved.notes == "Sounded kind on the phone"
    assert saved.fee_text == "$140"


def test_a_question_being_written_comes_back(clocked_session: AppSession) -> None:
    ReviewController(clocked_session).set_question_text("Do you offer evening sessions?")
    relock(clocked_session)
    ctl = ReviewController(clocked_session)
    assert ctl.question_text() == "Do you offer evening sessions?" and ctl.showing_draft()
    assert BANNER_TITLE in built(review_screen, clocked_session)
    ctl.add_question(ctl.question_text())
    assert ctl.question_text() == "" and drafts_of(clocked_session) == {}
    with clocked_session.work() as repo:
        assert [q.text for q in repo.all(Question)] == ["Do you offer evening sessions?"]
    # Typing, then discarding, then undoing.
    ReviewController(clocked_session).set_question_text("How long is a session?")
    relock(clocked_session)
    ctl = ReviewController(clocked_session)
    ctl.discard_draft()
    assert ReviewController(clocked_session).question_text() == ""
    assert ReviewController(clocked_session).undo_discard()
    assert ReviewController(clocked_session).question_text() == "How long is a session?"
    assert drafts_of(clocked_session) == {REVIEW_QUESTION: {"text": "How long is a session?"}}


def test_a_check_in_in_progress_comes_back_with_its_crisis_resources(
    clocked_session: AppSession,
) -> None:
    ctrl = CheckinsController.for_session(clocked_session)
    ctrl.select("phq9")
    ctrl.answer(0, 1)
    assert not ctrl.crisis_due
    ctrl.answer(8, 2)  # item 9 above 0
    relock(clocked_session)
    again = CheckinsController.for_session(clocked_session)
    state = again.state()
    assert state.selected == "phq9" and state.draft_restored
    assert state.form.answers[0] == 1 and state.form.answers[8] == 2
    assert state.crisis is not None  # shown again at once, before anything is saved
    words = built(checkins_screen, clocked_session)
    assert "You were in the middle of this check-in \u2014 keep going, or discard" in words
    for i in range(1, 8):
        again.answer(i, 0)
    again.save()
    assert drafts_of(clocked_session) == {}


def test_a_written_answer_in_preferences_comes_back(clocked_session: AppSession) -> None:
    from journal_app.core.drafts import prompt_answer
    from journal_app.ui.controllers.preferences import controller_for as preferences_for
    from journal_app.ui.screens import preferences as preferences_screen

    ctrl = preferences_for(clocked_session)
    ctrl.open("modality_why")
    ctrl.set_text("CBT helped my sister; I want someone who gives homework")
    relock(clocked_session)
    again = preferences_for(clocked_session)
    assert again.current is not None and again.current.id == "modality_why"
    assert again.value == "CBT helped my sister; I want someone who gives homework"
    assert again.showing_draft()
    assert BANNER_TITLE in built(preferences_screen, clocked_session)
    again.discard_draft()
    assert again.value == "" and drafts_of(clocked_session) == {}
    again.undo_discard()
    assert prompt_answer("modality_why") in drafts_of(clocked_session)
    assert again.save() is not None
    assert drafts_of(clocked_session) == {}


# --- across screens ---------------------------------------------------------------------------


def test_unlocking_goes_to_the_newest_draft_and_lists_the_others(
    clocked_session: AppSession, clock: ManualClock
) -> None:
    GoalsController.for_session(clocked_session).set_draft("title", "Call two clinics")
    clocked_session.keep_drafts(due_only=False)
    clock.now += timedelta(seconds=10)
    CheckinsController.for_session(clocked_session).answer(0, 2)
    clocked_session.keep_drafts(due_only=False)
    clock.now += timedelta(seconds=10)
    controller_for(clocked_session).set_text(SECRET)
    relock(clocked_session, clock)

    drafts = DraftsController.for_session(clocked_session)
    assert drafts.arrive() == "journal"
    others = drafts.others(JOURNAL_NEW)
    assert [(o.screen, o.link) for o in others] == [
        ("checkins", "Go to Check-ins: an anxiety check-in (GAD-7)"),
        ("goals", "Go to Goals: a new goal"),
    ]
    words = built(journal_screen, clocked_session)
    assert "Go to Goals: a new goal" in words
    assert "Also kept for you: 2 more drafts, on other screens." in words
    assert drafts.take_arrival(JOURNAL_NEW) is False  # the banner took it while built
    assert [o.screen for o in drafts.others(GOAL_NEW)] == ["journal", "checkins"]


def test_nothing_waiting_leaves_the_person_where_they_were(clocked_session: AppSession) -> None:
    assert DraftsController.for_session(clocked_session).arrive() is None


def test_a_draft_gives_the_screens_nothing_to_work_out_again(clocked_session: AppSession) -> None:
    """Drafts are written every second or two while typing: the screens' summaries of ten
    years of records (Review, the entries' filters) and the background warm-up must not be
    spoiled by them, only by a saved change."""
    from journal_app.ui.shell import SCREENS
    from journal_app.ui.warming import ScreenWarmer

    warmer = ScreenWarmer(clocked_session, SCREENS, 0)
    warmer.prepare_all()
    warmer.warmed = warmer._revision()
    review = ReviewController(clocked_session).review()
    journal = controller_for(clocked_session)
    entries = journal.entries
    journal.set_text(SECRET)
    assert clocked_session.keep_drafts(due_only=False) == 1
    assert not warmer.due()
    assert ReviewController(clocked_session).review() is review
    journal.reload()
    assert journal.entries is entries
    assert journal.save() is not None
    assert warmer.due() and ReviewController(clocked_session).review() is not review

"""The Journal screen's controller over a real, encrypted journal: write, find, edit and
delete entries, the inline coping exercise, and a refusal never loses the draft."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from journal_app.app.session import AppSession
from journal_app.core.records import Entry
from journal_app.ui.controllers.journal import (
    FEELINGS,
    KEPT_COPING,
    MORE_SIZE,
    PAGE_SIZE,
    JournalController,
    controller_for,
    coping_line,
    entry_meta,
    first_lines,
    tags_from_text,
)
from journal_app.ui.screens import journal as journal_screen
from tests.ui.screen_check import checked_tree, screen_context

PASSPHRASE = "quiet harbour maple 7"


@pytest.fixture
def session(tmp_path: Path):
    s = AppSession(tmp_path / "j")
    s.create(PASSPHRASE, PASSPHRASE)
    yield s
    s.lock()


def stored(session: AppSession) -> list[Entry]:
    with session.work() as repo:
        return repo.all(Entry)


def test_write_an_entry_with_everything(session: AppSession) -> None:
    ctrl = JournalController(session)
    assert ctrl.feeling_choices() == list(FEELINGS)
    ctrl.set_text("# Called the clinic\n\nLeft a **voicemail**. Hands shaking.")
    ctrl.set_anxiety(7.0)
    assert ctrl.toggle_feeling("anxious") and ctrl.toggle_feeling("proud")
    assert not ctrl.toggle_feeling("proud")  # tapped again: unselected
    ctrl.set_new_feeling("  brave  ")
    assert ctrl.add_feeling()
    assert ctrl.form.new_feeling == "" and ctrl.feeling_choices()[-1] == "brave"
    ctrl.set_tags("search, calls ,, Calls")
    ctrl.choose_coping("paced_breathing")
    exercise = ctrl.exercise()
    assert exercise is not None and exercise.numbered_steps()[0].startswith("1. ")
    ctrl.set_anxiety_after(4)

    entry = ctrl.save()
    assert entry is not None and ctrl.error is None
    assert ctrl.take_notice() and ctrl.take_notice() is None
    (kept,) = stored(session)
    assert kept.text.startswith("# Called the clinic")
    assert kept.anxiety == 7 and kept.anxiety_after == 4
    assert kept.feelings == ["anxious", "brave"]
    assert kept.tags == ["search", "calls"]
    assert kept.coping_strategy == "Paced breathing"
    assert coping_line(kept) == "Tried Paced breathing: anxiety 7 before, 4 after"
    # the form is fresh for the next entry, and the new entry is open in the list
    assert ctrl.form.text == "" and ctrl.form.feelings == [] and ctrl.form.coping_id is None
    assert ctrl.expanded_id == entry.id
    assert [e.id for e in ctrl.visible()] == [entry.id]


def test_empty_text_is_refused_gently_and_the_draft_kept(session: AppSession) -> None:
    ctrl = JournalController(session)
    ctrl.set_text("   \n ")
    ctrl.set_anxiety(8)
    ctrl.toggle_feeling("overwhelmed")
    ctrl.set_tags("search")
    ctrl.choose_coping("grounding")
    assert ctrl.save() is None
    assert ctrl.error == "The entry is empty; write a few words first."
    assert stored(session) == []
    assert ctrl.form.anxiety == 8 and ctrl.form.feelings == ["overwhelmed"]
    assert ctrl.form.tags_text == "search" and ctrl.form.coping_id == "grounding"
    ctrl.set_text("Too tired to write much.")
    assert ctrl.error is None
    assert ctrl.save() is not None


def test_a_too_long_feeling_is_refused_and_kept(session: AppSession) -> None:
    ctrl = JournalController(session)
    ctrl.set_new_feeling("x" * 61)
    assert not ctrl.add_feeling()
    assert "at most" in (ctrl.error or "") and ctrl.form.new_feeling == "x" * 61
    assert not ctrl.add_feeling("   ")  # nothing to add is not an error


def test_a_typed_but_unadded_feeling_is_still_saved(session: AppSession) -> None:
    ctrl = JournalController(session)
    ctrl.set_text("Short one.")
    ctrl.set_new_feeling("jittery")
    ctrl.save()
    assert stored(session)[0].feelings == ["jittery"]


def test_anxiety_after_needs_an_exercise(session: AppSession) -> None:
    ctrl = JournalController(session)
    ctrl.set_text("No exercise today.")
    ctrl.choose_coping("grounding")
    ctrl.set_anxiety_after(3)
    ctrl.choose_coping(None)  # changed their mind
    assert ctrl.form.anxiety_after is None
    ctrl.save()
    (kept,) = stored(session)
    assert kept.coping_strategy is None and kept.anxiety_after is None


def add(ctrl: JournalController, text: str, **fields) -> Entry:
    ctrl.set_text(text)
    for name in fields.get("feelings", []):
        ctrl.toggle_feeling(name)
    ctrl.set_tags(fields.get("tags", ""))
    entry = ctrl.save()
    assert entry is not None, ctrl.error
    return entry


def test_search_and_filters(session: AppSession) -> None:
    ctrl = JournalController(session)
    t0 = datetime(2026, 1, 1, 9, tzinfo=UTC)
    ticks = iter(range(100))
    session.clock = lambda: t0 + timedelta(hours=next(ticks))
    add(ctrl, "Rang the clinic about fees", feelings=["anxious"], tags="calls, money")
    add(ctrl, "Slept badly again", feelings=["tired"], tags="sleep")
    add(ctrl, "The clinic rang back!", feelings=["relieved", "hopeful"], tags="calls")
    assert ctrl.tag_options() == ["calls", "money", "sleep"]
    assert ctrl.feeling_options() == ["anxious", "hopeful", "relieved", "tired"]
    assert [e.text for e in ctrl.visible()][0] == "The clinic rang back!"  # newest first

    ctrl.set_search("CLINIC")
    assert [e.text for e in ctrl.results()] == [
        "The clinic rang back!",
        "Rang the clinic about fees",
    ]
    assert ctrl.count_text() == "2 matching entries"
    ctrl.set_tag("money")
    assert [e.text for e in ctrl.results()] == ["Rang the clinic about fees"]
    ctrl.set_tag(None)
    ctrl.set_feeling("hopeful")
    assert [e.text for e in ctrl.results()] == ["The clinic rang back!"]
    ctrl.set_search("nothing like this")
    assert ctrl.results() == [] and "No entries match" in ctrl.count_text()
    ctrl.clear_filters()
    assert len(ctrl.results()) == 3 and ctrl.count_text() == "3 entries"


def test_newest_fifty_then_show_more(session: AppSession) -> None:
    start = datetime(2020, 1, 1, 20, tzinfo=UTC)
    with session.work() as repo:
        repo.add_many(
            Entry(
                id=f"e{day:04d}",
                created_at=start + timedelta(days=day),
                text=f"Day {day}\nsecond line\nthird line",
                anxiety=day % 11,
                tags=["search"] if day % 2 else ["sleep"],
                feelings=["calm"],
            )
            for day in range(3650)
        )
    ctrl = JournalController(session)
    visible = ctrl.visible()
    assert len(visible) == PAGE_SIZE and visible[0].id == "e3649"
    assert ctrl.has_more and ctrl.count_text() == f"Newest {PAGE_SIZE} of 3,650"
    ctrl.show_more()
    assert len(ctrl.visible()) == PAGE_SIZE + MORE_SIZE
    ctrl.set_tag("sleep")  # a new search starts at the newest again
    assert len(ctrl.visible()) == PAGE_SIZE and ctrl.visible()[0].id == "e3648"
    assert ctrl.count_text() == f"Showing {PAGE_SIZE} of 1,825 matching entries"
    assert first_lines(visible[0].text) == "Day 3649 second line"
    assert entry_meta(visible[0]) == "Anxiety 8/10 · calm · #search"  # 3649 % 11


def test_expand_edit_and_delete(session: AppSession) -> None:
    ctrl = JournalController(session)
    entry = add(ctrl, "First *draft* of my questions", feelings=["worried"], tags="questions")
    ctrl.toggle_expanded(entry.id)
    assert ctrl.expanded_id is None
    ctrl.toggle_expanded(entry.id)
    assert ctrl.expanded_id == entry.id

    assert ctrl.start_edit(entry.id)
    assert ctrl.editing_id == entry.id
    assert ctrl.form.text == "First *draft* of my questions"
    assert ctrl.form.feelings == ["worried"] and ctrl.form.tags_text == "questions"
    ctrl.set_text("")
    assert ctrl.save() is None and ctrl.editing_id == entry.id  # refused, still editing
    ctrl.set_text("Final questions")
    ctrl.toggle_feeling("calm")
    saved = ctrl.save()
    assert saved is not None and saved.id == entry.id and ctrl.editing_id is None
    (kept,) = stored(session)
    assert kept.text == "Final questions" and kept.feelings == ["worried", "calm"]
    assert kept.created_at == entry.created_at and kept.updated_at is not None

    ctrl.start_edit(entry.id)
    ctrl.cancel_edit()
    assert ctrl.editing_id is None and ctrl.form.text == ""

    ctrl.start_edit(entry.id)
    assert ctrl.delete(entry.id)
    assert stored(session) == [] and ctrl.editing_id is None and ctrl.expanded_id is None
    assert ctrl.visible() == [] and ctrl.count_text().startswith("No entries yet")
    assert not ctrl.start_edit(entry.id) and ctrl.error


def test_editing_an_entry_keeps_an_unknown_coping_strategy(session: AppSession) -> None:
    with session.work() as repo:
        repo.add(
            Entry(
                id="imported",
                created_at=datetime(2025, 5, 1, tzinfo=UTC),
                text="From another app",
                coping_strategy="a walk by the river",
                anxiety=6,
                anxiety_after=3,
            )
        )
        repo.add(
            Entry(
                id="synthetic",
                created_at=datetime(2025, 5, 2, tzinfo=UTC),
                text="Breathing",
                coping_strategy="paced breathing",
            )
        )
    ctrl = JournalController(session)
    ctrl.start_edit("synthetic")
    assert ctrl.form.coping_id == "paced_breathing"  # matched by its words
    ctrl.start_edit("imported")
    assert ctrl.form.coping_id == KEPT_COPING
    assert (KEPT_COPING, "a walk by the river") in ctrl.coping_options()
    ctrl.set_text("From another app, tidied")
    ctrl.save()
    kept = next(e for e in stored(session) if e.id == "imported")
    assert kept.coping_strategy == "a walk by the river" and kept.anxiety_after == 3


def test_controller_survives_rebuilds_but_not_a_lock(session: AppSession) -> None:
    """The controller (and what it holds in memory) goes with the lock; the writing comes
    back from the sealed draft the lock kept (issue 27: it used to be thrown away)."""
    ctrl = controller_for(session)
    ctrl.set_text("half a thought")
    assert controller_for(session) is ctrl
    session.lock()
    assert session.screen_state == {}
    session.unlock(PASSPHRASE)
    again = controller_for(session)
    assert again is not ctrl
    assert again.form.text == "half a thought" and again.showing_draft()


def test_small_helpers() -> None:
    assert tags_from_text(" a, b ,,c ") == ["a", "b", "c"]
    assert first_lines("\n## Title\n\n- item one\n- item two\n") == "Title: item one"
    # Inline marks and run-together lists read as words in the list (issue 13).
    assert first_lines("Felt **hopeful**\n- slept\n- rested") == "Felt hopeful; slept"
    assert first_lines("word " * 100).endswith("…")


# --- the view, built from controller state (no browser) -------------------------------------
# Flet checks a control's values only when it is sent to the client, where a mistake takes
# the whole app down; building the screen here and running the same checks catches that.


@pytest.mark.parametrize("width", [390, 1280])
def test_the_screen_renders_in_every_state(session: AppSession, width: int) -> None:
    ctx = screen_context(session, width)
    ctrl = controller_for(session)
    ctrl.open_writing()  # a phone opens on the entries: the form, too, is checked here
    assert checked_tree(journal_screen.build(ctx)) > 20  # empty journal
    ctrl.set_text("")
    ctrl.save()  # refused: the message shows inline
    assert checked_tree(journal_screen.build(ctx)) > 20
    entry = add(ctrl, "A *first* entry", feelings=["calm"], tags="search")
    ctrl.set_new_feeling("jittery")
    ctrl.add_feeling()
    ctrl.choose_coping("grounding")
    ctrl.set_anxiety_after(2)
    ctrl.toggle_preview()
    assert checked_tree(journal_screen.build(ctx)) > 30  # expanded entry, coping steps
    ctrl.start_edit(entry.id)
    ctrl.set_search("first")
    ctrl.set_tag("search")
    assert checked_tree(journal_screen.build(ctx)) > 30


def test_a_feeling_of_your_own_is_offered_next_time(session: AppSession) -> None:
    ctrl = JournalController(session)
    ctrl.set_text("Woke up early.")
    ctrl.add_feeling("dread")
    assert ctrl.save() is not None
    fresh = JournalController(session)  # the next time the screen opens
    assert fresh.feeling_choices() == [*FEELINGS, "dread"]
    fresh.add_feeling("Dread")  # chosen again, any case: still one
    assert fresh.feeling_choices().count("dread") == 1


def test_an_entry_can_be_back_dated_with_a_picked_day(session: AppSession) -> None:
    from datetime import date

    ctrl = JournalController(session)
    ctrl.set_text("Forgot to write this on Monday.")
    monday = session.now().astimezone().date() - timedelta(days=3)
    assert ctrl.set_when(monday)
    assert ctrl.when_day() == monday
    entry = ctrl.save()
    assert entry is not None and entry.created_at.astimezone().date() == monday
    # Editing moves it again, and keeps the time of day.
    ctrl.start_edit(entry.id)
    assert ctrl.when_day() == monday
    ctrl.set_when(monday - timedelta(days=1))
    edited = ctrl.save()
    assert edited.created_at == entry.created_at - timedelta(days=1)
    assert stored(session)[0].created_at == edited.created_at
    assert not ctrl.set_when("last monday") and "not a date" in ctrl.error
    ctrl.set_text("Tomorrow?")
    ctrl.set_when(date.today() + timedelta(days=5))
    assert ctrl.save() is None and "future" in ctrl.error


def test_a_deleted_entry_comes_back_with_undo(session: AppSession) -> None:
    ctrl = JournalController(session)
    ctrl.set_text("Keep me")
    ctrl.set_tags("search")
    entry = ctrl.save()
    assert ctrl.delete(entry.id) and stored(session) == []
    assert ctrl.undo_delete() == entry
    assert stored(session) == [entry]
    assert ctrl.undo_delete() is None


def test_revisiting_keeps_the_entries_until_the_journal_changes(session: AppSession) -> None:
    """A tab visited and left changes nothing: the entries, their filter options and the
    last search stay (no ten years read again); an entry added elsewhere (an import on
    Settings, say) moves the journal's revision, and the next visit shows it."""
    ctrl = JournalController(session)
    add(ctrl, "Rang the clinic", feelings=["anxious"], tags="calls")
    ctrl.set_search("clinic")
    before, found = ctrl.entries, ctrl.results()
    ctrl.reload()  # the screen built again, nothing changed
    assert ctrl.entries is before and ctrl.results() is found
    assert ctrl.tag_options() == ["calls"]

    with session.work() as repo:  # not through this controller
        repo.add_many(
            [
                Entry(
                    id="imported",
                    created_at=datetime(2026, 2, 1, 9, tzinfo=UTC),
                    text="Imported: the clinic wrote back",
                    tags=["mail"],
                    feelings=["hopeful"],
                )
            ]
        )
    ctrl.reload()
    assert "imported" in [e.id for e in ctrl.results()] and len(ctrl.results()) == 2
    assert ctrl.tag_options() == ["calls", "mail"]
    assert ctrl.feeling_options() == ["anxious", "hopeful"]


def fresh_options(session: AppSession) -> tuple[list[str], list[str]]:
    """The filter options as a controller that has read nothing works them out."""
    fresh = JournalController(session)
    return fresh.tag_options(), fresh.feeling_options()


def test_a_save_adds_its_labels_to_the_filters_as_reading_everything_would(
    session: AppSession,
) -> None:
    """A save extends the filter options it had instead of reading every entry's tags
    again; they must be exactly what a full read gives: new labels in, the first spelling
    of a known one kept, and a change made elsewhere in between not missed."""
    ctrl = JournalController(session)
    add(ctrl, "First", feelings=["anxious"], tags="Calls, money")
    assert (ctrl.tag_options(), ctrl.feeling_options()) == fresh_options(session)
    add(ctrl, "Second", feelings=["Anxious", "dread"], tags="calls, sleep")
    assert (ctrl.tag_options(), ctrl.feeling_options()) == fresh_options(session)
    assert ctrl.tag_options() == ["Calls", "money", "sleep"]
    assert ctrl.feeling_options() == ["anxious", "dread"]

    with session.work() as repo:  # elsewhere (an import), after the options were read
        repo.add(
            Entry(id="elsewhere", created_at=datetime(2026, 3, 1, tzinfo=UTC), text="x",
                  tags=["mail"], feelings=["hopeful"])
        )  # fmt: skip
    add(ctrl, "Third", tags="zoo")
    assert (ctrl.tag_options(), ctrl.feeling_options()) == fresh_options(session)
    assert "mail" in ctrl.tag_options() and "hopeful" in ctrl.feeling_options()

    saved = stored(session)[0]
    assert ctrl.start_edit(saved.id)
    ctrl.set_tags("")  # an edit can take a label away: worked out again from every entry
    assert ctrl.save() is not None
    assert (ctrl.tag_options(), ctrl.feeling_options()) == fresh_options(session)
    assert "money" not in ctrl.tag_options()


def test_a_day_picked_across_summer_time_keeps_the_time_of_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Picked in December, a July day keeps 10:00 on the person's clock (EDT, not EST)."""
    import time as time_module
    from datetime import UTC, date, datetime

    monkeypatch.setenv("TZ", "America/New_York")
    time_module.tzset()
    december = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)  # 10:00 in New York (EST)
    s = AppSession(tmp_path / "j", clock=lambda: december)
    s.create(PASSPHRASE, PASSPHRASE)
    try:
        ctrl = JournalController(s)
        ctrl.set_text("A summer day, written down in winter.")
        assert ctrl.set_when(date(2026, 7, 1))
        assert ctrl.when_day() == date(2026, 7, 1)
        entry = ctrl.save()
        assert entry is not None
        assert entry.created_at == datetime(2026, 7, 1, 14, 0, tzinfo=UTC)  # 10:00 EDT
    finally:
        s.lock()
        monkeypatch.undo()
        time_module.tzset()

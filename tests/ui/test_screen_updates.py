"""What a screen sends to the browser: small updates, not the whole page again.

Screens are built as the app builds them (a real session on a real vault) and their
handlers run under Flet's own per-event context, as Flet runs them.
"""

from __future__ import annotations

import contextvars
from types import SimpleNamespace
from typing import Any

import flet as ft
import pytest

from journal_app.app.session import UNLOCKED, AppSession
from journal_app.ui.screens import journal as journal_screen
from tests.ui.screen_check import screen_context


def text_fields(control: Any, found: dict[str, ft.TextField] | None = None) -> dict:
    """Every text field in the tree, by its label."""
    found = {} if found is None else found
    if isinstance(control, ft.TextField) and isinstance(control.label, str):
        found[control.label] = control
    for name in ("content", "controls"):
        value = getattr(control, name, None)
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, ft.Control):
                text_fields(child, found)
    return found


def sends_page_update_after(handler: Any, field: ft.TextField, typed: str) -> bool:
    """Run ``handler`` as Flet runs an event (a fresh update state in its own context) and
    say whether Flet would then diff and send the whole page (its "auto-update")."""

    def event() -> bool:
        ft.context.reset_auto_update()
        field.value = typed
        handler(SimpleNamespace(control=field, data=typed))
        return ft.context.auto_update_enabled() and not ft.context.was_update_called()

    return contextvars.copy_context().run(event)


@pytest.mark.parametrize("label", ["What's on your mind?", "Tags", "Add a feeling"])
def test_typing_in_the_journal_form_sends_no_page_update(
    clocked_session: AppSession, label: str
) -> None:
    """Each key typed was followed by a diff of the whole Journal screen (~300 controls,
    40-70 ms under a profiler) that found nothing to send, and keys queued behind it."""
    fields = text_fields(journal_screen.build(screen_context(clocked_session, 1280)))
    field = fields[label]
    assert not sends_page_update_after(field.on_change, field, "a few words")
    ctrl = journal_screen.controller_for(clocked_session)
    kept = {
        "What's on your mind?": ctrl.form.text,
        "Tags": ctrl.form.tags_text,
        "Add a feeling": ctrl.form.new_feeling,
    }
    assert kept[label] == "a few words"  # what was typed is kept all the same


def test_screens_prepare_their_summaries_ahead_of_the_first_visit(
    clocked_session: AppSession,
) -> None:
    """After unlocking, the shell reads every record and has the screens with summaries
    work them out off the UI thread; the first visit then finds them ready."""
    from journal_app.ui.controllers.checkins import CheckinsController
    from journal_app.ui.shell import SCREENS

    checkins = CheckinsController.for_session(clocked_session)
    for i in range(7):
        checkins.answer(i, 2)
    checkins.save()
    clocked_session.warm_up()
    prepared = [s.key for s in SCREENS if s.prepare is not None]
    assert {"checkins", "review"} <= set(prepared)
    for spec in SCREENS:
        if spec.prepare is not None:
            spec.prepare(clocked_session)  # no Flet, no page: safe on a worker thread
    ready = checkins._kept
    assert ready is not None
    state = checkins.state()
    assert checkins._kept is ready  # the visit used what was prepared
    assert state.history_total == 1
    # And with the journal locked meanwhile, preparing says nothing and breaks nothing.
    clocked_session.lock()
    clocked_session.warm_up()


def test_saving_an_entry_keeps_the_scored_check_ins(clocked_session: AppSession) -> None:
    """The check-in summary is kept per check-in revision: a saved entry does not make the
    next Check-ins visit score every result again (only a check-in does)."""
    from journal_app.ui.controllers.checkins import CheckinsController

    checkins = CheckinsController.for_session(clocked_session)
    for i in range(7):
        checkins.answer(i, 2)
    checkins.save()
    checkins.state()
    kept = checkins._kept
    journal = journal_screen.controller_for(clocked_session)
    journal.form.text = "A calmer day."
    assert journal.save() is not None
    checkins.state()
    assert checkins._kept is kept
    for i in range(7):
        checkins.answer(i, 1)
    checkins.save()
    assert checkins.state().history_total == 2 and checkins._kept is not kept


def test_after_a_change_the_screens_are_prepared_again_in_the_background(
    clocked_session: AppSession,
) -> None:
    """After unlocking, and after every change, the shell's warmer works the summaries
    out again, so a visit to Review after saving an entry does not wait for ten years."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from journal_app.ui.controllers.review import ReviewController
    from journal_app.ui.shell import SCREENS
    from journal_app.ui.warming import ScreenWarmer

    warmer = ScreenWarmer(clocked_session, SCREENS, 0)

    def run(coroutine: object) -> None:
        """On a thread of its own: an earlier test may leave this thread's loop running."""
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, coroutine).result()  # type: ignore[arg-type]

    assert warmer.due()  # just unlocked: nothing prepared yet
    run(warmer.run())
    assert not warmer.due()
    review = clocked_session.kept((ReviewController, "review"), dict)
    first = review["review"]
    journal = journal_screen.controller_for(clocked_session)
    journal.form.text = "Rang two practices today."
    assert journal.save() is not None
    assert warmer.due()
    run(warmer.run())
    assert review["review"] is not first  # worked out again, before any visit
    assert ReviewController(clocked_session).review() is review["review"]  # the visit's
    clocked_session.lock()
    assert not warmer.due()  # locked: nothing to prepare, and nothing breaks
    run(warmer.run())


def test_the_warm_up_folds_the_entries_so_the_first_search_does_not(
    clocked_session: AppSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At thirty years the first word searched after unlocking waited 30-110 ms for every
    entry to be folded; the background warm-up now does it, and a lock lets it go."""
    from journal_app.core import search_index
    from journal_app.ui.shell import SCREENS
    from journal_app.ui.warming import ScreenWarmer

    journal = journal_screen.controller_for(clocked_session)
    for text in ("Called the clinic about insurance.", "A quiet walk.", "Insurance again 🙂"):
        journal.form.text = text
        assert journal.save() is not None
    ScreenWarmer(clocked_session, SCREENS, 0).prepare_all()
    folded: list[object] = []
    real = search_index.haystack
    monkeypatch.setattr(search_index, "haystack", lambda e: folded.append(e) or real(e))
    journal.set_search("insurance")
    assert journal.count_text() == "2 matching entries"
    assert folded == []  # every entry was folded ahead of the search
    clocked_session.lock()
    assert search_index.SHARED._index.entries == []  # no writing kept after locking
    ScreenWarmer(clocked_session, SCREENS, 0).prepare_all()  # locked: nothing is read
    assert search_index.SHARED._index.entries == []


def test_the_read_journal_is_kept_off_the_collector_until_it_locks(
    clocked_session: AppSession,
) -> None:
    """After the warm-up the objects alive are frozen out of Python's full collections
    (30-80 ms each at thirty years); locking hands them back, and no decrypted entry
    outlives the lock."""
    import gc

    from journal_app.core.records import Entry
    from journal_app.ui.shell import SCREENS
    from journal_app.ui.warming import ScreenWarmer

    secret = "A sentence only this test writes ✨ שלום"
    journal = journal_screen.controller_for(clocked_session)
    journal.form.text = secret
    assert journal.save() is not None
    gc.unfreeze()  # whatever an earlier test left
    ScreenWarmer(clocked_session, SCREENS, 0).prepare_all()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    ScreenWarmer(clocked_session, SCREENS, 0).prepare_all()  # again: once per unlock
    assert gc.get_freeze_count() == frozen
    # The screen's controls hold the entry in their handlers: reference cycles, which
    # only a full collection frees.
    journal_screen.build(screen_context(clocked_session, 1280))
    del journal
    clocked_session.lock()
    assert gc.get_freeze_count() == 0
    alive = [o for o in gc.get_objects() if isinstance(o, Entry) and o.text == secret]
    assert alive == []


def test_lock_now_shows_the_lock_screen_then_frees_the_old_screen_s_entries(
    clocked_session: AppSession,
) -> None:
    """ "Lock now" locks without collecting (the lock screen goes out first), and the
    collection just after frees the entries the old screen's handlers held in cycles,
    once that screen is off the page."""
    import gc

    from journal_app.core.records import Entry

    secret = "Only this test writes this, after which it locks 🌙"
    journal = journal_screen.controller_for(clocked_session)
    journal.form.text = secret
    assert journal.save() is not None
    on_page = [journal_screen.build(screen_context(clocked_session, 1280))]
    del journal
    gc.collect()
    gc.disable()  # no collection but the one asked for
    try:
        clocked_session.lock(collect_now=False)
        assert clocked_session.state != UNLOCKED and gc.get_freeze_count() == 0
        on_page.clear()  # the lock screen replaced the screen
        alive = [o for o in gc.get_objects() if isinstance(o, Entry) and o.text == secret]
        assert alive, "the old screen's cycles still hold it: only a collection frees it"
        del alive
        clocked_session.collect_freed()
        alive = [o for o in gc.get_objects() if isinstance(o, Entry) and o.text == secret]
        assert alive == []
    finally:
        gc.enable()

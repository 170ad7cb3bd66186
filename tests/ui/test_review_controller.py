"""The review screen's controller on a real vault: questions, charts, Markdown export."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from journal_app.app.session import AppSession
from journal_app.core.checkins import record_checkin
from journal_app.core.journal import EntryDraft, InvalidInput, add_entry
from journal_app.core.review_text import review_markdown
from journal_app.core.shortlist import add_candidate
from journal_app.ui.controllers.review import ReviewController

PASSPHRASE = "quiet harbour maple 7"
NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@pytest.fixture
def session(tmp_path: Path) -> AppSession:
    s = AppSession(tmp_path / "j", clock=lambda: NOW)
    s.create(PASSPHRASE, PASSPHRASE)
    yield s
    s.lock()


def fill(session: AppSession) -> None:
    with session.work() as repo:
        for day in range(20):
            at = NOW - timedelta(days=day)
            add_entry(
                repo,
                EntryDraft(text=f"Day {day}: called a clinic", anxiety=3 + day % 5),
                record_id=f"e{day}",
                now=at,
            )
        for n, answers in enumerate(([2] * 7, [1] * 7)):
            record_checkin(
                repo, "gad7", answers, record_id=f"c{n}", now=NOW - timedelta(days=14 - 7 * n)
            )
        add_candidate(repo, name="Dr. Ana Ruiz", record_id="cand1", now=NOW)


def test_questions_are_added_ticked_and_unticked(session: AppSession) -> None:
    ctl = ReviewController(session)
    first = ctl.add_question("  What does a first session look like? ")
    ctl.add_question("Do you offer evening sessions?")
    state = ctl.state()
    assert [q.text for q in state.open_questions] == [
        "What does a first session look like?",
        "Do you offer evening sessions?",
    ]
    ctl.set_asked(first.id, True)
    state = ctl.state()
    assert [q.text for q in state.open_questions] == ["Do you offer evening sessions?"]
    assert [q.text for q in state.asked_questions] == ["What does a first session look like?"]
    assert "What does a first session" not in ctl.markdown()  # asked ones leave the review
    ctl.set_asked(first.id, False)
    assert len(ctl.state().open_questions) == 2


def test_an_empty_question_is_refused_plainly(session: AppSession) -> None:
    ctl = ReviewController(session)
    with pytest.raises(InvalidInput, match="empty"):
        ctl.add_question("   ")
    assert ctl.state().open_questions == []


def test_state_gathers_charts_shortlist_and_highlights(session: AppSession) -> None:
    fill(session)
    state = ReviewController(session).state()
    assert state.anxiety.bars and state.anxiety.max_value == 10
    assert all(0 <= b.value <= 10 for b in state.anxiety.bars)
    assert "out of 10" in state.anxiety.spoken
    [gad] = state.checkins
    assert [b.value for b in gad.bars] == [14, 7]
    assert gad.max_value == 21 and "GAD-7" in gad.title
    assert "7 lower than" in gad.summary
    assert [r.name for r in state.shortlist] == ["Dr. Ana Ruiz"]
    assert state.shortlist_nudge  # fewer than three: a gentle nudge
    assert state.highlights and state.highlights[0].text.startswith("Day 0")
    assert "GAD-7" in ReviewController(session).markdown()


def test_export_is_the_core_markdown_and_never_overwrites(session: AppSession) -> None:
    fill(session)
    ctl = ReviewController(session)
    ctl.add_question("How long is each session?")
    with session.work() as repo:
        from journal_app.app.profile import current_profile
        from journal_app.core.review import build_review

        expected = review_markdown(
            build_review(repo, current_profile(repo), today=session.today(), tz=ctl.tz)
        )
    first = ctl.save_to_exports()
    second = ctl.save_to_exports()
    assert first.parent == session.data_dir / "exports"
    assert first.name == f"before-my-consultation-{session.today().isoformat()}.md"
    assert first.read_text(encoding="utf-8") == expected
    assert "How long is each session?" in expected
    assert second != first and second.exists()


def test_questions_can_be_reworded_deleted_and_brought_back(session: AppSession) -> None:
    ctrl = ReviewController(session)
    q = ctrl.add_question("Evenings?")
    ctrl.edit_question(q.id, "Do you offer evening sessions?")
    with pytest.raises(InvalidInput):
        ctrl.edit_question(q.id, "   ")
    assert [r.text for r in ctrl.state().open_questions] == ["Do you offer evening sessions?"]
    ctrl.delete_question(q.id)
    assert ctrl.state().open_questions == []
    again = ReviewController(session)  # the screen was rebuilt in between
    assert again.undo_delete_question().text == "Do you offer evening sessions?"
    assert [r.id for r in again.state().open_questions] == [q.id]
    assert again.undo_delete_question() is None


def test_an_undone_delete_puts_a_fit_question_back_in_its_place(session: AppSession) -> None:
    """Questions from a fit's "worth asking" list are added together, in one moment."""
    from journal_app.core.questions import add_questions

    with session.work() as repo:
        add_questions(
            repo,
            ["Do you tend to be direct?", "Do you give homework?", "Evenings?"],
            new_id=session.new_id,
            now=session.now(),
        )
    ctrl = ReviewController(session)
    before = [r.text for r in ctrl.state().open_questions]
    assert before == ["Do you tend to be direct?", "Do you give homework?", "Evenings?"]
    ctrl.delete_question(ctrl.state().open_questions[1].id)
    ctrl.undo_delete_question()
    assert [r.text for r in ReviewController(session).state().open_questions] == before
    assert [q.text for q in ctrl.review().questions] == before


def test_highlights_show_entries_as_plain_words(session: AppSession) -> None:
    with session.work() as repo:
        add_entry(
            repo, EntryDraft(text="Felt **hopeful**\n- called\n- rested"), record_id="e", now=NOW
        )
    (row,) = ReviewController(session).state().highlights
    assert row.text == "Felt hopeful; called; rested"


def test_the_edit_box_stays_open_with_its_reason_across_rebuilds(session: AppSession) -> None:
    ctrl = ReviewController(session)
    q = ctrl.add_question("Do you work with panic?")
    ctrl.start_editing(q.id)
    with pytest.raises(InvalidInput):
        ctrl.save_edit(q.id, "  ")
    rebuilt = ReviewController(session)  # the screen makes a new controller each build
    editing, error = rebuilt.editing()
    assert editing == q.id and error
    assert [r.text for r in rebuilt.state().open_questions] == ["Do you work with panic?"]
    rebuilt.save_edit(q.id, "Do you work with panic attacks?")
    assert rebuilt.editing() == (None, None)
    assert [r.text for r in rebuilt.state().open_questions] == ["Do you work with panic attacks?"]


def test_the_review_is_kept_until_the_journal_changes(session: AppSession) -> None:
    """Worked out once per change of the journal (ten years of entries are read for it),
    and a new entry shows on the next visit."""
    fill(session)
    ctl = ReviewController(session)
    first = ctl.state()
    assert ReviewController(session).state().review is first.review  # kept between visits
    with session.work() as repo:
        add_entry(
            repo,
            EntryDraft(text="A calmer day, **proud** I called", anxiety=1),
            record_id="new",
            now=NOW,
        )
    after = ReviewController(session).state()
    assert after.review is not first.review
    assert after.anxiety.bars[-1].value < first.anxiety.bars[-1].value

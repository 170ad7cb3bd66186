"""The Shortlist screen's controller on a real vault: ranking with reasons in words, the
gentle nudge toward three, referral sources, statuses and celebrations shown once."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal_app.app.profile import packs
from journal_app.app.session import AppSession
from journal_app.core.journal import InvalidInput
from journal_app.core.prompt_engine import answer_prompt
from journal_app.core.records import Candidate, ReferralSource
from journal_app.core.shortlist import CONTACTED, MET, MISSED, STATUS_LABELS, UNKNOWN
from journal_app.ui.controllers.shortlist import ShortlistController, to_ids, words_for

PASSPHRASE = "quiet harbour maple 7"


@pytest.fixture
def session(tmp_path: Path) -> AppSession:
    s = AppSession(tmp_path / "j")
    s.create(PASSPHRASE, PASSPHRASE)
    yield s
    s.lock()


def add(ctrl: ShortlistController, name: str, **fields) -> list:
    ctrl.open_form()
    ctrl.set_draft("name", name)
    for key, value in fields.items():
        if key in ("formats", "availability"):
            for choice in value:
                ctrl.toggle_choice(key, choice, True)
        elif key == "sliding_scale":
            ctrl.set_sliding_scale(value)
        else:
            ctrl.set_draft(key, value)
    _, celebrations = ctrl.add()
    return celebrations


def test_typed_words_become_the_profiles_ids() -> None:
    assert to_ids("CBT, act; Couples or family therapy", "modality")[:2] == ["cbt", "act"]
    assert to_ids("English, Klingon", "language") == ["english", "Klingon"]
    assert words_for(["in_person", "telehealth"], "format") == ["In person", "Online"]


def test_empty_shortlist_nudges_gently(session: AppSession) -> None:
    state = ShortlistController.for_session(session).state()
    assert state.cards == ()
    assert state.nudge and "adding just one name is a good start" in state.nudge
    assert [label for _, label in state.statuses] == list(STATUS_LABELS.values())


def test_fit_reasons_are_spelled_out_and_ranked(session: AppSession) -> None:
    with session.work() as repo:
        now = session.now()
        answer_prompt(repo, packs(), "modality", ["cbt"], "must", record_id="p1", now=now)
        answer_prompt(repo, packs(), "format", ["telehealth"], "must", record_id="p2", now=now)
        answer_prompt(repo, packs(), "language", ["english"], "nice", record_id="p3", now=now)
    ctrl = ShortlistController.for_session(session)
    add(ctrl, "Sam Lee", modalities="CBT, ACT", formats=["in_person"])
    add(ctrl, "Dr. Ana Ruiz", modalities="cbt", formats=["telehealth"], languages="English")
    state = ctrl.state()
    assert state.has_profile
    best, other = state.cards
    assert best.name == "Dr. Ana Ruiz"  # best fit first
    assert best.sentence.startswith("Meets 2 of 2 must-haves")
    assert {(r.outcome, r.text) for r in best.reasons} >= {
        (MET, "Meets a must-have: CBT"),
        (MET, "Matches a nice-to-have: English"),
    }
    texts = {r.outcome: r.text for r in other.reasons}
    assert texts[MET] == "Meets a must-have: CBT"
    assert texts[MISSED].startswith("Misses a must-have: How we meet")
    assert texts[UNKNOWN].startswith("Not known yet — worth asking: Languages")
    assert "Approaches: CBT, ACT" in other.details
    assert "How you'd meet: In person" in other.details


def test_nudge_celebration_and_status(session: AppSession) -> None:
    ctrl = ShortlistController.for_session(session)
    session.sync_journey()
    assert add(ctrl, "One", referred_by="Dr Patel", fee="120", sliding_scale=True) == []
    state = ctrl.state()
    assert state.nudge and state.nudge.startswith("You have 1 option so far")
    (card,) = state.cards
    assert card.referred_by == "Dr Patel"
    assert "Fee: 120 per session" in card.details and "Offers a sliding scale" in card.details
    assert state.referrers == ("Dr Patel",)
    with session.work() as repo:
        (source,) = repo.all(ReferralSource)
    assert source.kind == "primary_care"
    add(ctrl, "Two", referred_by="dr patel")  # the same referrer, found by name
    third = add(ctrl, "Three")
    assert [c.key for c in third] == ["shortlist_three"]
    assert ctrl.state().nudge is None
    with session.work() as repo:
        assert len(repo.all(ReferralSource)) == 1
    celebrations = ctrl.set_status(card.id, CONTACTED)
    assert [c.key for c in celebrations] == ["contact"]
    assert ctrl.set_status(card.id, CONTACTED) == []  # once only
    assert next(c for c in ctrl.state().cards if c.id == card.id).status_label == "Contacted"
    assert add(ctrl, "Four") == []  # no second shortlist celebration


def test_a_refused_therapist_keeps_what_was_typed(session: AppSession) -> None:
    ctrl = ShortlistController.for_session(session)
    ctrl.open_form()
    ctrl.set_draft("name", "Harbour Counselling")
    ctrl.set_draft("fee", "about ninety")
    ctrl.set_draft("referred_by", "Aunt May")
    with pytest.raises(InvalidInput, match="not a number"):
        ctrl.add()
    state = ctrl.state()
    assert state.form_open and state.draft.name == "Harbour Counselling"
    assert "not a number" in (state.draft.error or "")
    with session.work() as repo:
        assert repo.all(Candidate) == [] and repo.all(ReferralSource) == []


def test_notes_and_remove(session: AppSession) -> None:
    ctrl = ShortlistController.for_session(session)
    add(ctrl, "Priya Nair", notes="Warm voice on the phone")
    (card,) = ctrl.state().cards
    assert ctrl.notes_draft(card) == "Warm voice on the phone"
    ctrl.set_notes_draft(card.id, "Warm voice. Evening slots on Thursdays.")
    ctrl.save_notes(card.id)
    (card,) = ctrl.state().cards
    assert card.notes == "Warm voice. Evening slots on Thursdays."
    assert ctrl.remove(card.id) is True
    assert ctrl.state().cards == ()


def _six_must_haves(session: AppSession) -> None:
    """Six must-haves, only one of which a candidate record has a field for."""
    with session.work() as repo:
        now = session.now()
        for n, (prompt_id, value) in enumerate(
            [
                ("modality", ["cbt"]),
                ("style_tone", "direct"),
                ("style_homework", "yes"),
                ("style_voice", "listens"),
                ("style_structure", "structured"),
                ("style_humour", "yes"),
            ]
        ):
            answer_prompt(repo, packs(), prompt_id, value, "must", record_id=f"p{n}", now=now)


def test_every_must_have_is_counted_with_the_question_to_ask(session: AppSession) -> None:
    _six_must_haves(session)
    ctrl = ShortlistController.for_session(session)
    add(ctrl, "Dr Ruiz", modalities="CBT")
    (card,) = ctrl.state().cards
    assert card.sentence.startswith("Meets 1 of 6 must-haves; 5 worth asking.")
    unknown = [r for r in card.reasons if r.outcome == UNKNOWN]
    assert len(unknown) == 5
    tone = next(r for r in unknown if "spoken to" in r.text)
    assert tone.text == "Not known yet — worth asking: How I'd like to be spoken to"
    assert tone.question == "Ask: do you tend to be direct and straightforward?"
    assert card.questions[0] == "Do you tend to be direct and straightforward?"


def test_worth_asking_fills_the_consultation_questions_once(session: AppSession) -> None:
    from journal_app.core.records import Question

    _six_must_haves(session)
    ctrl = ShortlistController.for_session(session)
    add(ctrl, "Dr Ruiz", modalities="CBT")
    (card,) = ctrl.state().cards
    added = ctrl.add_questions_from_fit(card.id)
    assert [q.text for q in added] == list(card.questions)
    assert len(added) == 5
    assert ctrl.add_questions_from_fit(card.id) == []  # no duplicates the second time
    with session.work() as repo:
        stored = repo.all(Question)
    assert len(stored) == 5 and {q.candidate_id for q in stored} == {card.id}


def test_edit_details_round_trip_and_empty_boxes_forget(session: AppSession) -> None:
    ctrl = ShortlistController.for_session(session)
    add(ctrl, "Dr Ruiz", fee="$140", modalities="CBT", referred_by="Dr Patel")
    (card,) = ctrl.state().cards
    draft = ctrl.begin_edit(card.id)
    assert (draft.fee, draft.modalities, draft.referred_by) == ("$140", "CBT", "Dr Patel")
    ctrl.set_edit_field(card.id, "fee", "sliding scale")
    ctrl.set_edit_field(card.id, "modalities", "")
    ctrl.set_edit_field(card.id, "languages", "English, Spanish")
    ctrl.toggle_edit_choice(card.id, "formats", "telehealth", True)
    ctrl.save_edit(card.id)
    assert ctrl.edit_draft(card.id) is None
    with session.work() as repo:
        saved = repo.get(Candidate, card.id)
    assert saved.modalities == [] and saved.languages == ["english", "spanish"]
    assert (saved.fee, saved.fee_text, saved.sliding_scale) == (None, "sliding scale", True)
    assert saved.formats == ["telehealth"]
    (card,) = ctrl.state().cards
    assert "Fee: sliding scale" in card.details


def test_a_refused_edit_keeps_the_form_and_names_the_field(session: AppSession) -> None:
    ctrl = ShortlistController.for_session(session)
    add(ctrl, "Dr Ruiz", fee="$140")
    (card,) = ctrl.state().cards
    ctrl.set_edit_field(card.id, "fee", "a lot")
    with pytest.raises(InvalidInput):
        ctrl.save_edit(card.id)
    draft = ctrl.edit_draft(card.id)
    assert draft is not None and draft.error_field == "fee" and "not a number" in draft.error
    with session.work() as repo:
        assert repo.get(Candidate, card.id).fee_text == "$140"


def test_removing_a_therapist_can_be_undone(session: AppSession) -> None:
    ctrl = ShortlistController.for_session(session)
    add(ctrl, "Dr Ruiz", fee="$140", notes="Warm on the phone")
    (card,) = ctrl.state().cards
    assert ctrl.remove(card.id)
    assert ctrl.state().cards == ()
    back = ctrl.undo_remove()
    assert back is not None and back.name == "Dr Ruiz"
    (again,) = ctrl.state().cards
    assert (again.id, again.notes) == (card.id, "Warm on the phone")
    assert ctrl.undo_remove() is None  # nothing more to undo


def test_the_status_menu_is_named_with_the_status_it_holds(session: AppSession) -> None:
    """A screen reader hears the menu's name, not its drawn text: "Status" alone left
    the person guessing where they were with each therapist."""
    import flet as ft

    from journal_app.ui.screens import shortlist as shortlist_screen
    from tests.ui.screen_check import checked_tree, screen_context
    from tests.ui.test_small_screen_fixes import controls

    ctrl = ShortlistController.for_session(session)
    ctrl.set_draft("name", "Dr Ana Ruiz")
    candidate, _ = ctrl.add()

    def status_names() -> list[str]:
        screen = shortlist_screen.build(screen_context(session, 390))
        checked_tree(screen)
        return [
            c.label
            for c in controls(screen)
            if isinstance(c, ft.Semantics) and isinstance(c.content, ft.Dropdown)
        ]

    assert status_names() == [f"Status: {STATUS_LABELS['to_contact']}"]
    ctrl.set_status(candidate.id, CONTACTED)
    assert status_names() == [f"Status: {STATUS_LABELS[CONTACTED]}"]


def test_worth_asking_lines_carry_their_answers_and_complete_the_fit(
    session: AppSession,
) -> None:
    """Issue 29: each "worth asking" line has its answers; recording them all leaves
    nothing worth asking, and an answer can be forgotten again."""
    with session.work() as repo:
        now = session.now()
        answer_prompt(repo, packs(), "style_tone", "gentle", "must", record_id="p1", now=now)
        answer_prompt(repo, packs(), "modality", ["cbt"], "must", record_id="p2", now=now)
    ctrl = ShortlistController.for_session(session)
    add(ctrl, "Dr Ruiz")
    (card,) = ctrl.state().cards
    asking = {r.dimension: r for r in card.reasons if r.outcome == UNKNOWN}
    assert set(asking) == {"style_tone", "modality"}
    assert ("gentle", "Gentle and soft") in asking["style_tone"].answers
    assert asking["style_tone"].answers[-1] == ("no", "None of these")
    ctrl.record_answer(card.id, "style_tone", "gentle")
    ctrl.record_answer(card.id, "modality", "no")
    (card,) = ctrl.state().cards
    assert not [r for r in card.reasons if r.outcome == UNKNOWN] and card.questions == ()
    assert card.sentence.endswith("Nothing left worth asking.")
    assert all(r.said and not r.answers for r in card.reasons)
    ctrl.forget_answer(card.id, "modality")
    (card,) = ctrl.state().cards
    assert [r.dimension for r in card.reasons if r.outcome == UNKNOWN] == ["modality"]
    with pytest.raises(InvalidInput):
        ctrl.record_answer(card.id, "style_tone", "shouting")


def test_ticking_two_to_four_shows_them_side_by_side(session: AppSession) -> None:
    with session.work() as repo:
        now = session.now()
        answer_prompt(repo, packs(), "language", ["spanish"], "nice", record_id="p1", now=now)
        answer_prompt(repo, packs(), "modality", ["cbt"], "must", record_id="p2", now=now)
    ctrl = ShortlistController.for_session(session)
    for name, approach in (
        ("Ames", "CBT"),
        ("Bose", "DBT"),
        ("Cruz", ""),
        ("Diaz", ""),
        ("Eko", ""),
    ):
        add(ctrl, name, modalities=approach)
    ids = {c.name: c.id for c in ctrl.state().cards}
    ctrl.toggle_compare(ids["Bose"], True)
    assert ctrl.state().comparison is None  # one is not a comparison
    ctrl.toggle_compare(ids["Ames"], True)
    view = ctrl.state().comparison
    assert view is not None and view.names == ("Bose", "Ames")
    assert view.rows == (
        ("Approaches I'm drawn to", "must-have", ("missed", "met")),
        ("Languages for therapy", "nice-to-have", ("not known", "not known")),
    )
    for name in ("Cruz", "Diaz"):
        ctrl.toggle_compare(ids[name], True)
    with pytest.raises(InvalidInput, match="Up to 4"):
        ctrl.toggle_compare(ids["Eko"], True)
    ctrl.remove(ids["Diaz"])  # someone taken off the list leaves the comparison too
    assert ctrl.state().comparison.names == ("Bose", "Ames", "Cruz")


def test_the_screen_builds_with_answer_buttons_and_the_comparison(session: AppSession) -> None:
    """Flet's own checks on every control of the screen, answers and comparison showing."""
    from journal_app.ui.screens import shortlist as screen
    from tests.ui.screen_check import checked_tree, screen_context

    with session.work() as repo:
        now = session.now()
        answer_prompt(repo, packs(), "style_tone", "gentle", "must", record_id="p1", now=now)
    ctrl = ShortlistController.for_session(session)
    add(ctrl, "Ames")
    add(ctrl, "Bose")
    ids = [c.id for c in ctrl.state().cards]
    ctrl.record_answer(ids[0], "style_tone", "gentle")
    for cid in ids:
        ctrl.toggle_compare(cid, True)
    column = screen.build(screen_context(session, 390))
    assert checked_tree(column) > 50
    view = screen.ShortlistView(screen_context(session, 390))
    texts = str(view.parts(ctrl.state()))
    assert "Side by side" in texts and "Forget what they said" in texts
    # A line's answers are built when asked for: one button until then.
    assert "Record what Bose said on how I'd like to be spoken to" in texts
    assert "Gentle and soft: Bose on" not in texts
    ctrl.open_answers(ids[1], "style_tone")
    texts = str(view.parts(ctrl.state()))
    assert "Gentle and soft: Bose on how I'd like to be spoken to" in texts
    assert checked_tree(screen.build(screen_context(session, 1280))) > 50
    ctrl.record_answer(ids[1], "style_tone", "no")  # recording closes them
    assert ctrl.state().answering == frozenset()

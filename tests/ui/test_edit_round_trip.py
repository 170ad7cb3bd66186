"""Opening any record's edit form and saving it without a change leaves the record exactly
as it was: every field, ``updated_at`` included (a needless new version would also travel
to the person's other devices and could win over a real change made there).

Each record is made and edited through the controller its screen uses, on a real vault.
Check-ins are left out here: their edit form is being built in parallel ("checkfix").
Follow-ups have no edit form of their own yet (they are acted on, not edited).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal_app.app.session import AppSession
from journal_app.core import shortlist
from journal_app.core.prompt_engine import stored_answers
from journal_app.core.records import Candidate, Entry, Goal, Milestone, Question
from journal_app.ui.controllers.goals import GoalsController
from journal_app.ui.controllers.journal import JournalController
from journal_app.ui.controllers.preferences import PreferencesController
from journal_app.ui.controllers.review import ReviewController
from journal_app.ui.controllers.shortlist import ShortlistController, choices_for
from tests.ui.conftest import UI_PASSPHRASE, ManualClock

START = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
RUNS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppSession, ManualClock]]:
    """One real journal for every example (Argon2id once); each example adds its own records."""
    clock = ManualClock(START)
    session = AppSession(Path(tmp_path_factory.mktemp("rt")) / "j", clock=clock)
    session.create(UI_PASSPHRASE, UI_PASSPHRASE)
    yield session, clock
    session.lock()


def later(clock: ManualClock) -> None:
    """The edit happens a while after the record was made, so a rewrite would show."""
    clock.now += timedelta(hours=1)


def stored(session: AppSession, cls, record_id: str):
    with session.work() as repo:
        return repo.get(cls, record_id)


# Words a person types into one box: no control characters, no separators of a list.
word = (
    st.text(
        st.characters(
            whitelist_categories=("L", "N", "Zs", "P", "S"),
            blacklist_characters=",;\n\r\t\u2028\u2029\x85",
        ),
        min_size=1,
        max_size=24,
    )
    .map(str.strip)
    .filter(bool)
)
line = word
paragraph = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"),
    min_size=1,
    max_size=200,
).filter(lambda t: t.strip())


def labels(dimension: str) -> st.SearchStrategy[list[str]]:
    """Some of the packs' options for a dimension, as their labels (as the form shows them)."""
    return st.lists(st.sampled_from([label for _, label in choices_for(dimension)]), max_size=4)


@given(
    name=word,
    modalities=labels("modality"),
    specialties=labels("concern"),
    languages=labels("language"),
    free=st.lists(word, max_size=2),
    insurance=st.lists(word, max_size=2),
    fee=st.one_of(st.just(""), st.integers(0, 400).map(str)),
    notes=st.one_of(st.just(""), paragraph),
    formats=st.sets(st.sampled_from([i for i, _ in choices_for("format")])),
    availability=st.sets(st.sampled_from([i for i, _ in choices_for("availability")])),
    sliding=st.booleans(),
    referred_by=st.sampled_from(["", "Dr Okafor", "A friend"]),
)
@RUNS
def test_a_therapist_card_saved_unchanged_is_unchanged(
    vault, name, modalities, specialties, languages, free, insurance, fee, notes, formats,
    availability, sliding, referred_by,
) -> None:  # fmt: skip
    session, clock = vault
    ctrl = ShortlistController(session)
    ctrl.open_form()
    for field, value in (
        ("name", name),
        ("modalities", ", ".join(modalities)),
        ("specialties", ", ".join([*specialties, *free])),  # "Helps with"
        ("languages", ", ".join(languages)),
        ("insurance", ", ".join(insurance)),
        ("fee", fee),
        ("notes", notes),
        ("referred_by", referred_by),
    ):
        ctrl.set_draft(field, value)
    ctrl.set_sliding_scale(sliding)
    for chip in formats:
        ctrl.toggle_choice("formats", chip, True)
    for chip in availability:
        ctrl.toggle_choice("availability", chip, True)
    candidate, _ = ctrl.add()
    before = stored(session, Candidate, candidate.id)
    later(clock)
    ctrl.begin_edit(candidate.id)
    ctrl.save_edit(candidate.id)
    assert stored(session, Candidate, candidate.id) == before


# What the command line stores as typed (`candidate add --specialty "grief, loss"`): labels
# in any case, ids, words with commas; fees in the forms people write them.
raw_values = st.lists(
    st.one_of(
        word,
        st.sampled_from(["Anxiety", "CBT", "grief, loss", "in person", "ERP", "Spanish"]),
        st.builds(lambda a, b: f"{a}, {b}", word, word),
    ),
    max_size=3,
)
fees = st.sampled_from(["", "120", "$90", "120.50", "£60 per session", "sliding scale", "0"])


@given(
    specialties=raw_values,
    modalities=raw_values,
    languages=raw_values,
    insurance=raw_values,
    fee=fees,
    notes=st.one_of(st.just(""), paragraph),
)
@RUNS
def test_a_card_made_on_the_command_line_saved_unchanged_in_the_app_is_unchanged(
    vault, specialties, modalities, languages, insurance, fee, notes
) -> None:
    session, clock = vault
    with session.work() as repo:
        candidate = shortlist.add_candidate(
            repo,
            record_id=session.new_id(),
            now=clock.now,
            name="Dr Ana Ruiz",
            specialties=specialties,
            modalities=modalities,
            languages=languages,
            insurance=insurance,
            fee=fee,
            notes=notes,
        )
    before = stored(session, Candidate, candidate.id)
    later(clock)
    ctrl = ShortlistController(session)
    ctrl.begin_edit(candidate.id)
    ctrl.save_edit(candidate.id)
    assert stored(session, Candidate, candidate.id) == before


@given(
    text=paragraph,
    anxiety=st.one_of(st.none(), st.integers(0, 10)),
    tags=st.lists(word, max_size=3),
    feeling=st.booleans(),
)
@RUNS
def test_a_journal_entry_saved_unchanged_is_unchanged(vault, text, anxiety, tags, feeling) -> None:
    session, clock = vault
    ctrl = JournalController(session)
    ctrl.set_text(text)
    ctrl.set_anxiety(anxiety)
    ctrl.set_tags(", ".join(tags))
    if feeling:
        ctrl.toggle_feeling(ctrl.feeling_choices()[0])
    entry = ctrl.save()
    assert entry is not None, ctrl.error
    before = stored(session, Entry, entry.id)
    later(clock)
    assert ctrl.start_edit(entry.id)
    assert ctrl.save() is not None, ctrl.error
    assert stored(session, Entry, entry.id) == before


@given(
    title=line,
    days=st.one_of(st.none(), st.integers(0, 400)),
    steps=st.lists(line, max_size=4),
    ticked=st.integers(0, 3),
)
@RUNS
def test_a_goal_and_its_steps_saved_unchanged_are_unchanged(
    vault, title, days, steps, ticked
) -> None:
    session, clock = vault
    ctrl = GoalsController(session)
    ctrl.open_form()
    ctrl.set_draft("title", title)
    ctrl.set_draft("due", (clock.now.date() + timedelta(days=days)).isoformat() if days else "")
    ctrl.set_draft("steps", "\n".join(steps))
    goal = ctrl.add_goal()
    if goal.steps:
        ctrl.set_step(goal.id, min(ticked, len(goal.steps) - 1), True)
    before = stored(session, Goal, goal.id)
    made = clock.now
    clock.now += timedelta(days=500)  # its date has passed by now: saving it again is no change
    try:
        ctrl.start_renaming(goal.id)
        ctrl.rename(goal.id)
        ctrl.start_moving(goal.id)
        ctrl.move_date(goal.id, before.due.isoformat() if before.due else None)  # as the box has it
        for index in range(len(before.steps)):
            ctrl.start_renaming_step(goal.id, index)
            ctrl.rename_step(goal.id, index)
    finally:
        clock.now = made + timedelta(hours=1)  # the next example starts near today again
    assert stored(session, Goal, goal.id) == before


@given(days=st.integers(0, 60), which=st.integers(0, 6))
@RUNS
def test_a_milestone_date_saved_unchanged_is_unchanged(vault, days, which) -> None:
    session, clock = vault
    ctrl = GoalsController(session)
    milestone = ctrl.state().journey.milestones[which]
    ctrl.start_moving(milestone.id)
    ctrl.move_date(milestone.id, (clock.now.date() + timedelta(days=days)).isoformat())
    before = stored(session, Milestone, milestone.id)
    later(clock)
    ctrl.start_moving(milestone.id)
    ctrl.move_date(milestone.id, before.due.isoformat())
    assert stored(session, Milestone, milestone.id) == before


@given(text=paragraph.filter(lambda t: len(t.strip()) <= 200))
@RUNS
def test_a_review_question_saved_unchanged_is_unchanged(vault, text) -> None:
    session, clock = vault
    ctrl = ReviewController(session)
    question = ctrl.add_question(text)
    before = stored(session, Question, question.id)
    later(clock)
    ctrl.start_editing(question.id)
    ctrl.save_edit(question.id, ctrl.edit_text(question.id, before.text))
    assert stored(session, Question, question.id) == before


@given(data=st.data())
@RUNS
def test_a_preferences_answer_saved_unchanged_is_unchanged(vault, data) -> None:
    session, clock = vault
    ctrl = PreferencesController(session)
    prompts = [p for pack in ctrl.packs for p in pack.prompts]
    prompt = data.draw(st.sampled_from(prompts), label="prompt")
    ctrl.open(prompt.id)
    if prompt.kind == "text":
        ctrl.set_text(data.draw(paragraph.filter(lambda t: len(t) <= 150), label="text"))
    elif prompt.kind == "single":
        ctrl.choose(data.draw(st.sampled_from(prompt.choice_ids), label="choice"))
    elif prompt.kind == "multi":
        for choice in data.draw(st.lists(st.sampled_from(prompt.choice_ids), max_size=2)):
            ctrl.toggle(choice, True)
    if prompt.asks_importance:
        ctrl.set_importance(data.draw(st.sampled_from(["must", "nice", "dont_mind"])))
    if ctrl.save() is None:  # refused (say an empty multi-choice): nothing to edit
        return
    with session.work() as repo:
        before = stored_answers(repo)[prompt.id]
    later(clock)
    ctrl.open(prompt.id)
    assert ctrl.save() is not None, ctrl.error
    with session.work() as repo:
        assert stored_answers(repo)[prompt.id] == before


def test_the_check_helps_with_a_label_that_has_a_comma(vault) -> None:
    """The case the property found first: "Anxiety, worry or panic" came back as two
    things the therapist helps with, "anxiety" and "worry or panic"."""
    session, clock = vault
    ctrl = ShortlistController(session)
    ctrl.open_form()
    ctrl.set_draft("name", "Dr Rivera")
    ctrl.set_draft("specialties", "Anxiety, worry or panic, Grief or loss, hoarding")
    candidate, _ = ctrl.add()
    assert candidate.specialties == ["anxiety", "grief", "hoarding"]
    later(clock)
    ctrl.begin_edit(candidate.id)
    ctrl.save_edit(candidate.id)
    assert stored(session, Candidate, candidate.id).specialties == ["anxiety", "grief", "hoarding"]

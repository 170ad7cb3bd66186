"""The prompt engine over the shipped packs: order, branching, skips, resume, revisit,
answer checking, and the profile the answers add up to."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from journal_app.app.prompt_files import load_packs
from journal_app.core.journal import InvalidInput
from journal_app.core.profile import DONT_MIND, MUST, NICE, Profile
from journal_app.core.prompt_engine import (
    Answer,
    LabelledProfile,
    answer_prompt,
    applicable_prompts,
    derive_profile,
    format_value,
    get_prompt,
    is_applicable,
    next_prompt,
    parse_answer_value,
    progress,
    revisit,
    scale_words,
    skip_prompt,
    skipped_prompts,
    stored_answers,
    validate_answer,
)
from journal_app.core.prompt_packs import MULTI, RANKING, SCALE, SINGLE, TEXT, iter_prompts
from journal_app.core.records import PreferenceAnswer
from tests.core.memory_store import MemoryStore

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def packs():
    return load_packs()


@pytest.fixture
def store():
    return MemoryStore()


class Person:
    """Answers prompts through the real use case, with fresh ids and a ticking clock."""

    def __init__(self, store, packs):
        self.store, self.packs, self.count = store, packs, 0

    def answer(self, prompt_id, value, importance=None):
        self.count += 1
        return answer_prompt(
            self.store,
            self.packs,
            prompt_id,
            value,
            importance,
            record_id=f"pa{self.count}",
            now=T0 + timedelta(minutes=self.count),
        )

    def skip(self, prompt_id):
        self.count += 1
        return skip_prompt(
            self.store,
            self.packs,
            prompt_id,
            record_id=f"pa{self.count}",
            now=T0 + timedelta(minutes=self.count),
        )

    @property
    def answers(self):
        return stored_answers(self.store)


@pytest.fixture
def person(store, packs):
    return Person(store, packs)


def simple_answer(prompt):
    """Some valid answer for any prompt: the first real choice, the middle of a scale..."""
    if prompt.kind == SINGLE:
        return prompt.choice_ids[0]
    if prompt.kind == MULTI:
        return [prompt.choice_ids[0]]
    if prompt.kind == RANKING:
        return list(reversed(prompt.choice_ids))
    if prompt.kind == SCALE:
        return prompt.min_value
    return f"Some words for {prompt.id}."


# --- Order, branching, progress ------------------------------------------------------------


def test_first_prompt_is_what_brings_me(packs):
    assert next_prompt(packs, {}).id == "concerns"


def test_next_prompt_walks_in_pack_order_skipping_unapplicable(packs):
    answers = {"concerns": Answer(["anxiety"])}
    assert next_prompt(packs, answers).id == "concerns_words"  # no OCD, trauma, eating...
    answers["concerns_words"] = Answer("Mostly worry.")
    assert next_prompt(packs, answers).id == "modality"


def test_choosing_ocd_brings_the_erp_follow_up(packs):
    without = {"concerns": Answer(["anxiety"])}
    with_ocd = {"concerns": Answer(["anxiety", "ocd"])}
    assert not is_applicable(packs, without, "ocd_erp")
    assert is_applicable(packs, with_ocd, "ocd_erp")
    erp = next_prompt(packs, with_ocd)
    assert erp.id == "ocd_erp" and "ERP" in erp.note


def test_progress_counts_only_what_applies(packs):
    before = progress(packs, {})
    after = progress(packs, {"concerns": Answer(["ocd", "trauma"])})
    assert before.answered == 0 and before.total == len(applicable_prompts(packs, {}))
    assert after.answered == 1
    assert after.total == before.total + 2  # the OCD and trauma follow-ups
    assert 0 < after.fraction < 1 and not after.complete


def test_whole_walk_through_ends_and_is_complete(packs, person):
    seen = []
    while (prompt := next_prompt(packs, person.answers)) is not None:
        assert prompt.id not in seen, "a prompt came back after being answered"
        seen.append(prompt.id)
        person.answer(prompt.id, simple_answer(prompt), MUST if prompt.asks_importance else None)
    done = progress(packs, person.answers)
    assert done.complete and done.remaining == 0 and done.fraction == 1.0
    assert len(seen) >= 40
    profile = derive_profile(packs, person.answers)
    assert profile.preferences and profile.notes


def test_past_therapy_branches(packs):
    first_time = {"therapy_before": Answer("never")}
    returning = {"therapy_before": Answer("several")}
    assert is_applicable(packs, first_time, "first_time")
    assert not is_applicable(packs, first_time, "past_helped")
    assert is_applicable(packs, returning, "past_helped")
    assert is_applicable(packs, returning, "past_unhelpful")
    assert not is_applicable(packs, returning, "first_time")
    assert not is_applicable(packs, {}, "past_helped")  # `not` alone is not enough


def test_scale_rules_open_follow_ups(packs):
    assert is_applicable(packs, {"budget": Answer(40)}, "low_cost_options")
    assert not is_applicable(packs, {"budget": Answer(45)}, "low_cost_options")
    assert is_applicable(packs, {"nerves": Answer(7)}, "calm_offer")
    assert not is_applicable(packs, {"nerves": Answer(6)}, "calm_offer")


def test_follow_ups_chain(packs):
    answers = {"format": Answer(["telehealth"]), "private_space": Answer("no")}
    assert is_applicable(packs, answers, "private_space_ideas")
    answers["format"] = Answer(["in_person"])  # no longer online: the whole chain closes
    assert not is_applicable(packs, answers, "private_space")
    assert not is_applicable(packs, answers, "private_space_ideas")
    assert is_applicable(packs, answers, "travel_time")


# --- Skips, resume, revisit ----------------------------------------------------------------


def test_skip_moves_on_and_is_remembered(packs, person):
    person.skip("concerns")
    assert next_prompt(packs, person.answers).id == "concerns_words"
    assert [p.id for p in skipped_prompts(packs, person.answers)] == ["concerns"]
    assert progress(packs, person.answers).skipped == 1
    stored = person.answers["concerns"]
    assert stored.value is None and stored.importance is None
    assert derive_profile(packs, person.answers).preferences == ()


def test_resume_from_stored_answers(packs, store, person):
    person.answer("concerns", ["grief"], MUST)
    person.answer("grief_words", "My grandmother.")
    # A new session: nothing but what the store holds.
    fresh = stored_answers(store)
    assert next_prompt(packs, fresh).id == "concerns_words"
    assert progress(packs, fresh).answered == 2


def test_revisit_returns_the_answer_and_answering_again_replaces_it(packs, store, person):
    first = person.answer("budget", 80, MUST)
    prompt, current = revisit(packs, person.answers, "budget")
    assert prompt.id == "budget" and current == Answer(80, MUST)
    again = person.answer("budget", 120, NICE)
    records = store.all(PreferenceAnswer)
    assert len(records) == 1
    assert again.id == first.id and again.created_at == first.created_at
    assert again.updated_at is not None and again.updated_at > first.created_at
    assert revisit(packs, person.answers, "budget")[1] == Answer(120, NICE)


def test_revisit_unanswered_and_unknown(packs):
    prompt, current = revisit(packs, {}, "faith")
    assert prompt.id == "faith" and current is None
    with pytest.raises(InvalidInput, match="no question called 'nope'"):
        revisit(packs, {}, "nope")


# --- The profile ---------------------------------------------------------------------------


def test_profile_has_dimensions_values_and_importance(packs, person):
    person.answer("concerns", ["anxiety", "ocd"], MUST)
    person.answer("modality", ["act", "cbt"], MUST)
    person.answer("format", ["telehealth"], NICE)
    person.answer("budget", 90, MUST)
    person.answer("language", ["spanish", "english"], MUST)
    person.answer("payment", ["insurance"])
    person.answer("insurance", "  Acme Health  ", MUST)
    profile = derive_profile(packs, person.answers)
    assert isinstance(profile, Profile)
    prefs = {p.dimension: p for p in profile.preferences}
    assert prefs["modality"].values == ("cbt", "act")  # stable pack order
    assert prefs["modality"].importance == MUST and prefs["modality"].prompt_id == "modality"
    assert prefs["format"].values == ("telehealth",) and prefs["format"].importance == NICE
    assert prefs["budget"].values == ("90",)
    assert prefs["language"].values == ("english", "spanish")
    assert prefs["insurance"].values == ("Acme Health",)
    assert prefs["payment"].importance == NICE  # the default when none is given


def test_summary_reads_in_plain_words(packs, person):
    person.answer("modality", ["cbt", "act"], MUST)
    person.answer("format", ["telehealth", "in_person"], NICE)
    person.answer("budget", 120, MUST)
    person.answer("travel_time", 30)
    order = ["warmth", "feeling_heard", "practical_tools", "understanding_why", "experience"]
    person.answer("style_priorities", order)
    lines = derive_profile(packs, person.answers).summary_lines()
    assert lines[0] == (
        "Approaches I'm drawn to: CBT (cognitive behavioural therapy); "
        "ACT (acceptance and commitment therapy) (must-have)"
    )
    assert "Most I can pay per session: up to 120 (must-have)" in lines
    assert "How we meet: Online (video or phone); In person (nice-to-have)" in lines
    assert "Longest I'd travel: up to 30 minutes each way (nice-to-have)" in lines
    ranked = "What matters most in a therapist, in order: 1. Warmth and kindness; 2. Feeling"
    assert any(line.startswith(ranked) for line in lines)
    assert not any("_" in line for line in lines)  # no raw ids like in_person


def test_neutral_choices_mean_dont_mind(packs):
    answers = {
        "therapist_gender": Answer(["no_preference"], MUST),
        "modality": Answer(["cbt", "not_sure"], MUST),
    }
    prefs = {p.dimension: p for p in derive_profile(packs, answers).preferences}
    assert prefs["therapist_gender"].importance == DONT_MIND
    assert prefs["therapist_gender"].values == ("no_preference",)
    assert prefs["modality"].values == ("cbt",) and prefs["modality"].importance == MUST
    assert not any("gender" in line for line in derive_profile(packs, answers).summary_lines())


def test_free_text_goes_to_notes(packs):
    answers = {
        "concerns_words": Answer("Work has been a lot."),
        "kind_words": Answer("You're doing fine."),
        "budget": Answer(None),  # a skip
    }
    profile = derive_profile(packs, answers)
    assert profile.notes == {
        "What's been happening, in my words": "Work has been a lot.",
        "A kind word to myself": "You're doing fine.",
    }
    assert profile.preferences == ()


def test_unchoosing_ocd_hides_the_erp_answer_without_deleting_it(packs, store, person):
    person.answer("concerns", ["ocd", "anxiety"], MUST)
    person.answer("ocd_erp", "yes", MUST)
    dims = {p.dimension for p in derive_profile(packs, person.answers).preferences}
    assert "erp_interest" in dims

    person.answer("concerns", ["anxiety"], MUST)
    profile = derive_profile(packs, person.answers)
    assert "erp_interest" not in {p.dimension for p in profile.preferences}
    assert not any("ERP" in line for line in profile.summary_lines())
    assert "ocd_erp" in stored_answers(store)  # kept, just ignored
    assert progress(packs, person.answers).answered == 1

    person.answer("concerns", ["anxiety", "ocd"], MUST)  # and it comes back
    assert "erp_interest" in {
        p.dimension for p in derive_profile(packs, person.answers).preferences
    }


def test_stale_stored_answer_is_asked_again(packs):
    """An answer naming a choice a newer pack no longer has counts as unanswered."""
    old = PreferenceAnswer(id="x", created_at=T0, prompt_id="concerns", value=["gone"])
    assert next_prompt(packs, {"concerns": old}).id == "concerns"
    assert derive_profile(packs, {"concerns": old}).preferences == ()


def test_profile_is_a_profile_with_labels(packs):
    profile = derive_profile(packs, {"format": Answer(["in_person"])})
    assert isinstance(profile, LabelledProfile)
    assert profile.labelled_values(profile.preferences[0]) == ("In person",)
    assert profile.by_importance(NICE) == list(profile.preferences)


# --- Checking answers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prompt_id", "value", "importance", "message"),
    [
        ("frequency", "daily", None, "'daily' is not one of the options"),
        ("frequency", ["weekly"], None, "just one option"),
        ("frequency", 3, None, "choose one of"),
        ("modality", ["cbt", "yoga"], None, "'yoga' is not one of the options"),
        ("modality", "cbt", None, "as a list"),
        ("modality", [], None, "at least one"),
        ("budget", 301, None, "from 0 to 300"),
        ("budget", -5, None, "from 0 to 300"),
        ("budget", 82, None, "steps of 5"),
        ("budget", "80", None, "a number"),
        ("budget", True, None, "a number"),
        ("style_priorities", ["warmth"], None, "every option"),
        ("style_priorities", ["warmth"] * 5, None, "every option"),
        ("style_priorities", "warmth", None, "in order, as a list"),
        ("concerns_words", 42, None, "must be text"),
        ("concerns_words", "   \n", None, "empty"),
        ("insurance", "x" * 121, None, "too long (121 characters; the limit is 120)"),
        ("modality", ["cbt"], "very", "must, nice, dont_mind"),
    ],
)
def test_invalid_answers_are_refused_plainly(packs, store, prompt_id, value, importance, message):
    prompt = get_prompt(packs, prompt_id)
    with pytest.raises(InvalidInput) as caught:
        validate_answer(prompt, value, importance)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    with pytest.raises(InvalidInput):
        answer_prompt(store, packs, prompt_id, value, importance, record_id="r", now=T0)
    assert store.all(PreferenceAnswer) == []


def test_text_over_the_default_limit_is_refused(packs):
    prompt = get_prompt(packs, "concerns_words")
    with pytest.raises(InvalidInput, match="too long"):
        validate_answer(prompt, "a" * (prompt.max_chars + 1))
    assert validate_answer(prompt, "a" * prompt.max_chars).value == "a" * prompt.max_chars


def test_unknown_prompt_is_refused(packs, store):
    with pytest.raises(InvalidInput, match="no question called"):
        answer_prompt(store, packs, "nope", "x", record_id="r", now=T0)


def test_free_notes_carry_no_importance(packs):
    assert validate_answer(get_prompt(packs, "kind_words"), "Be gentle", MUST).importance is None
    assert validate_answer(get_prompt(packs, "insurance"), "Acme", MUST).importance == MUST


def test_emoji_and_right_to_left_text_survive(packs, store, person):
    words = "أشعر بالقلق 😟 but hopeful 🌱 — שלום\u200f\nline two\tand a tab"
    person.answer("concerns_words", words)
    record = store.all(PreferenceAnswer)[0]
    again = PreferenceAnswer.from_dict(record.to_dict())  # as the vault would store it
    assert again.value == words
    profile = derive_profile(packs, {"concerns_words": again})
    assert profile.notes["What's been happening, in my words"] == words


# --- Parsing what was typed ----------------------------------------------------------------


def test_parse_answer_value_for_each_kind(packs):
    assert parse_answer_value(get_prompt(packs, "frequency"), " weekly ") == "weekly"
    assert parse_answer_value(get_prompt(packs, "frequency"), "Every week") == "weekly"
    assert parse_answer_value(get_prompt(packs, "modality"), "cbt,act") == ["cbt", "act"]
    assert parse_answer_value(get_prompt(packs, "modality"), "ACT, CBT, act") == ["cbt", "act"]
    assert parse_answer_value(get_prompt(packs, "budget"), "80") == 80
    assert isinstance(parse_answer_value(get_prompt(packs, "budget"), "80.0"), int)
    ranking = get_prompt(packs, "style_priorities")
    order = ["warmth", "feeling_heard", "practical_tools", "understanding_why", "experience"]
    assert parse_answer_value(ranking, ">".join(order)) == order
    assert parse_answer_value(ranking, " , ".join(order)) == order
    assert parse_answer_value(get_prompt(packs, "kind_words"), "  Hi 👋  ") == "  Hi 👋  "


@pytest.mark.parametrize(
    ("prompt_id", "raw", "message"),
    [
        ("frequency", "daily", "not one of the options"),
        ("frequency", "weekly,monthly", "just one option"),
        ("frequency", "", "just one option"),
        ("modality", "", "at least one"),
        ("budget", "eighty", "a number from 0 to 300"),
        ("budget", "nan", "a number from 0 to 300"),
        ("budget", "400", "from 0 to 300"),
        ("style_priorities", "warmth>feeling_heard", "every option"),
        ("concerns_words", "", "empty"),
    ],
)
def test_parse_answer_value_refuses_plainly(packs, prompt_id, raw, message):
    with pytest.raises(InvalidInput, match=message):
        parse_answer_value(get_prompt(packs, prompt_id), raw)


def test_format_value_shows_words(packs):
    assert format_value(get_prompt(packs, "format"), ["telehealth"]) == "Online (video or phone)"
    assert format_value(get_prompt(packs, "travel_time"), 30) == "up to 30 minutes each way"
    assert format_value(get_prompt(packs, "frequency"), None) == "(skipped)"
    ranking = get_prompt(packs, "style_priorities")
    assert format_value(ranking, list(ranking.choice_ids)).startswith("1. Feeling heard")


def test_every_shipped_prompt_accepts_a_simple_answer(packs):
    for prompt in iter_prompts(packs):
        answer = validate_answer(prompt, simple_answer(prompt), NICE)
        assert answer.importance == (NICE if prompt.asks_importance else None)
        if prompt.kind == TEXT:
            assert parse_answer_value(prompt, answer.value) == answer.value


# --- Criteria and context (issue 29) -------------------------------------------------------


def test_context_is_never_given_an_importance(packs, person):
    """Feelings, history and hopes: an importance handed in is not stored."""
    person.answer("therapy_before", "several", MUST)
    stored = person.answer("past_modalities", ["cbt"], MUST)
    assert stored.importance is None
    assert person.answer("worries", ["judged"], MUST).importance is None
    assert person.answer("hopes", ["calmer"], DONT_MIND).importance is None
    assert person.answer("therapy_before", "several", MUST).importance is None  # gating
    assert person.answer("modality_avoid", ["cbt"], MUST).importance == MUST  # a criterion


def test_context_never_reaches_the_fit_but_stays_in_the_summary(packs, person):
    person.answer("therapy_before", "once")
    person.answer("past_modalities", ["cbt"], MUST)
    person.answer("past_helped", ["felt_heard"], MUST)
    person.answer("hopes", ["calmer"])
    person.answer("worries", ["phone_calls"])
    person.answer("format", ["telehealth"], MUST)
    profile = derive_profile(packs, person.answers)
    assert [p.dimension for p in profile.criteria()] == ["format"]
    assert profile.preferences == profile.criteria()
    context = {p.dimension: p for p in profile.context}
    assert set(context) == {"past_modalities", "past_helped", "hopes", "worries"}
    assert all(p.importance is None for p in profile.context)
    lines = profile.summary_lines()
    assert lines[0] == "How we meet: Online (video or phone) (must-have)"
    assert "Approaches I've tried: CBT" in lines
    assert not [line for line in lines if "tried" in line and "must-have" in line]


def test_an_older_journal_with_importance_on_context_is_read_without_it(packs, store):
    """Journals written before this change hold "must" on history and hopes; they are
    read as context, and a past approach marked "must" does not become a criterion."""
    for n, (prompt_id, value) in enumerate(
        [("therapy_before", "once"), ("past_modalities", ["cbt", "emdr"]), ("hopes", ["sleep"])]
    ):
        store.add(
            PreferenceAnswer(
                id=f"old{n}", created_at=T0, prompt_id=prompt_id, value=value, importance=MUST
            )
        )
    profile = derive_profile(packs, stored_answers(store))
    assert profile.preferences == () and profile.by_importance(MUST) == []
    assert {p.dimension for p in profile.context} == {"past_modalities", "hopes"}
    assert not any("(must-have)" in line for line in profile.summary_lines())
    # What is stored is left as it was: reading changes nothing.
    assert stored_answers(store)["past_modalities"].importance == MUST


def test_a_scale_says_what_its_position_means(packs):
    """Issue 29: sliders announce meaning, not a number; the words come from the pack."""
    travel, nerves, budget = (get_prompt(packs, p) for p in ("travel_time", "nerves", "budget"))
    assert scale_words(travel, 45) == "up to 45 minutes each way"
    assert scale_words(travel, 0) == "Somewhere very close"
    assert scale_words(travel, 90) == "90 minutes or more"
    assert scale_words(nerves, 7) == "7 of 10"
    assert scale_words(budget, 120) == "up to 120"
    assert scale_words(budget, 300) == "300 or more"
    assert format_value(nerves, 7) == "7 of 10"

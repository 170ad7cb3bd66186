"""The shortlist: adding candidates, statuses, referrals, explained fit, ordering, the nudge."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from journal_app.core.journal import InvalidInput
from journal_app.core.profile import DONT_MIND, MUST, NICE, Preference, Profile
from journal_app.core.records import Candidate, ReferralSource
from journal_app.core.shortlist import (
    MET,
    MISSED,
    STATUSES,
    UNKNOWN,
    active_candidates,
    add_candidate,
    add_referral_source,
    fit,
    judge,
    link_referral,
    rank_candidates,
    referred_by,
    remove_candidate,
    set_status,
    shortlist_nudge,
    update_candidate,
)
from tests.core.memory_store import MemoryStore

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
LATER = datetime(2025, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


def cand(name: str = "Dr Rivera", **fields) -> Candidate:
    return Candidate(id=fields.pop("id", name), created_at=NOW, name=name, **fields)


def pref(dimension: str, *values: str, importance: str = MUST, label: str | None = None):
    return Preference(
        dimension, label or dimension.replace("_", " ").capitalize(), values, importance
    )


# --- Adding and editing ----------------------------------------------------------------------


def test_add_candidate_cleans_and_stores(store: MemoryStore) -> None:
    c = add_candidate(
        store,
        "  Dr Amal Rivera ",
        modalities=["CBT", "cbt ", "", "ERP"],
        formats="telehealth",
        fee="$120",
        attributes={"Faith": "Muslim"},
        record_id="c1",
        now=NOW,
    )
    assert c.name == "Dr Amal Rivera"
    assert c.modalities == ["CBT", "ERP"]
    assert c.formats == ["telehealth"]
    assert c.fee == 120.0
    assert c.attributes == {"faith": "Muslim"}
    assert c.status == "to_contact"
    assert store.get(Candidate, "c1") == c


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "name is empty"),
        ({"name": "   "}, "name is empty"),
        ({"name": "x" * 121}, "at most 120"),
        ({"name": "Dr\x07"}, "control characters"),
        ({"fee": -5}, "cannot be negative"),
        ({"fee": "lots"}, "not a number"),
        ({"fee": True}, "must be a number"),
        ({"fee": float("nan")}, "must be a number"),
        ({"fee": 1_000_000}, "looks like a typo"),
        ({"status": "ghosted"}, "not a status we know"),
        ({"referral_source_id": "nobody"}, "No referral source"),
        ({"modalities": ["x" * 61]}, "at most 60"),
        ({"sliding_scale": "sometimes"}, "yes or no"),
    ],
)
def test_add_candidate_refuses_bad_input(store: MemoryStore, fields: dict, message: str) -> None:
    name = fields.pop("name", "Dr Rivera")
    with pytest.raises(InvalidInput, match=message):
        add_candidate(store, name, **fields, record_id="c1", now=NOW)
    assert store.all(Candidate) == []


@pytest.mark.parametrize(
    ("given", "stored"), [(True, True), ("Yes", True), ("no", False), (None, False)]
)
def test_sliding_scale_takes_yes_or_no(store: MemoryStore, given, stored: bool) -> None:
    assert (
        add_candidate(store, "A", sliding_scale=given, record_id="a", now=NOW).sliding_scale
        is stored
    )


def test_update_candidate_validates_like_add(store: MemoryStore) -> None:
    add_candidate(store, "Dr Rivera", record_id="c1", now=NOW)
    updated = update_candidate(store, "c1", languages=["English", "Spanish"], fee=95, now=LATER)
    assert updated.languages == ["English", "Spanish"] and updated.fee == 95.0
    assert updated.updated_at == LATER
    with pytest.raises(InvalidInput, match="no field called 'colour'"):
        update_candidate(store, "c1", colour="blue", now=LATER)
    with pytest.raises(InvalidInput, match="No candidate with id nope"):
        update_candidate(store, "nope", fee=1, now=LATER)


def test_remove_candidate(store: MemoryStore) -> None:
    add_candidate(store, "Dr Rivera", record_id="c1", now=NOW)
    assert remove_candidate(store, "c1") is True
    assert remove_candidate(store, "c1") is False


# --- Statuses --------------------------------------------------------------------------------


def test_status_path_forwards_and_backwards(store: MemoryStore) -> None:
    add_candidate(store, "Dr Rivera", record_id="c1", now=NOW)
    for status in STATUSES:
        assert set_status(store, "c1", status, now=LATER).status == status
    # Declined is a label, not a lock: reconsidering is allowed.
    assert set_status(store, "c1", "contacted", now=LATER).status == "contacted"


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("Consultation booked", "consultation_booked"),
        ("consultation-booked", "consultation_booked"),
        ("CHOSEN", "chosen"),
        ("Not for me", "declined"),
    ],
)
def test_status_spellings(store: MemoryStore, given: str, stored: str) -> None:
    add_candidate(store, "Dr Rivera", record_id="c1", now=NOW)
    assert set_status(store, "c1", given, now=LATER).status == stored


def test_unknown_status_lists_the_allowed_ones(store: MemoryStore) -> None:
    add_candidate(store, "Dr Rivera", record_id="c1", now=NOW)
    with pytest.raises(InvalidInput, match="to_contact, contacted, consultation_booked"):
        set_status(store, "c1", "maybe", now=LATER)
    assert store.get(Candidate, "c1").status == "to_contact"


# --- Referral sources ------------------------------------------------------------------------


def test_referral_sources_link_and_unlink(store: MemoryStore) -> None:
    gp = add_referral_source(store, "Dr Okafor (GP)", "primary care", record_id="r1", now=NOW)
    assert gp.kind == "primary_care"
    add_candidate(store, "A", referral_source_id="r1", record_id="a", now=NOW)
    add_candidate(store, "B", record_id="b", now=NOW)
    link_referral(store, "b", "r1", now=LATER)
    assert [c.id for c in referred_by(store.all(Candidate), "r1")] == ["a", "b"]
    assert link_referral(store, "a", None, now=LATER).referral_source_id is None
    with pytest.raises(InvalidInput, match="No referral source"):
        link_referral(store, "a", "r9", now=LATER)


def test_referral_source_validation(store: MemoryStore) -> None:
    with pytest.raises(InvalidInput, match="not a kind we know"):
        add_referral_source(store, "Bob", "cousin", record_id="r", now=NOW)
    with pytest.raises(InvalidInput, match="empty"):
        add_referral_source(store, " ", record_id="r", now=NOW)
    assert store.all(ReferralSource) == []


# --- Fit, one dimension kind at a time -------------------------------------------------------


@pytest.mark.parametrize(
    ("dimension", "field", "offered", "wanted", "outcome"),
    [
        ("modality", "modalities", ["CBT", "ACT"], ("cbt",), MET),
        ("modality", "modalities", ["Psychodynamic"], ("cbt", "dbt"), MISSED),
        ("modality", "modalities", [], ("cbt",), UNKNOWN),
        ("concern", "specialties", ["OCD", "anxiety"], ("Anxiety",), MET),
        ("format", "formats", ["In person"], ("in_person",), MET),
        ("format", "formats", ["in-person"], ("telehealth",), MISSED),
        ("language", "languages", ["English", "Spanish"], ("spanish",), MET),
        ("language", "languages", ["English"], ("Arabic",), MISSED),
        ("availability", "availability", ["evenings"], ("Evenings", "weekends"), MET),
        ("insurance", "insurance", ["Aetna", "Cigna"], ("cigna",), MET),
        ("insurance", "insurance", ["Aetna"], ("Kaiser",), MISSED),
        ("insurance", "insurance", [], ("Kaiser",), UNKNOWN),
    ],
)
def test_list_dimensions(dimension, field, offered, wanted, outcome) -> None:
    reason = judge(pref(dimension, *wanted), cand(**{field: offered}))
    assert reason is not None
    assert reason.outcome == outcome
    if outcome == MET:
        assert reason.found and all(f in offered for f in reason.found)


@pytest.mark.parametrize(
    ("fee", "sliding", "outcome", "text"),
    [
        (100.0, False, MET, "fee 100 within budget"),
        (120.0, False, MET, "fee 120 within budget"),  # exactly the budget
        (120.5, False, MISSED, "Budget (fee 120.50, more than 120)"),
        (200.0, True, MET, "sliding scale"),
        (None, True, MET, "sliding scale"),
        (None, False, UNKNOWN, "Budget"),
    ],
)
def test_budget(fee, sliding: bool, outcome: str, text: str) -> None:
    reason = judge(pref("budget", "120"), cand(fee=fee, sliding_scale=sliding))
    assert reason is not None
    assert (reason.outcome, reason.text) == (outcome, text)


def test_budget_reads_money_leniently_and_ignores_words() -> None:
    assert judge(pref("budget", "$150 a session"), cand(fee=150.0)).outcome == MET
    # No number to compare with: the fee is still worth asking about, never dropped.
    words = judge(pref("budget", "whatever it takes"), cand(fee=150.0))
    assert words is not None and words.outcome == UNKNOWN


def test_sliding_scale_dimension() -> None:
    wanted = pref("sliding_scale", "yes")
    assert judge(wanted, cand(sliding_scale=True)).outcome == MET
    # The record cannot tell "no" from "not asked yet", so this is worth asking, not a miss.
    assert judge(wanted, cand(sliding_scale=False)).outcome == UNKNOWN
    assert judge(pref("sliding_scale", "no"), cand(sliding_scale=True)) is None


@pytest.mark.parametrize(
    ("dimension", "attributes", "wanted", "outcome"),
    [
        ("therapist_gender", {"therapist_gender": "Woman"}, ("woman",), MET),
        ("therapist_gender", {"therapist_gender": "man"}, ("woman", "non_binary"), MISSED),
        ("therapist_gender", {}, ("woman",), UNKNOWN),
        ("therapist_gender", {"therapist_gender": ""}, ("woman",), UNKNOWN),
        ("lgbtq_affirming", {"lgbtq_affirming": True}, ("yes",), MET),
        ("lgbtq_affirming", {"lgbtq_affirming": "Yes"}, ("true",), MET),
        ("lgbtq_affirming", {"lgbtq_affirming": False}, ("yes",), MISSED),
        (
            "cultural_background",
            {"cultural_background": ["South Asian", "British"]},
            ("south asian",),
            MET,
        ),
        ("faith", {"faith": "Christian"}, ("Muslim",), MISSED),
    ],
)
def test_attribute_dimensions(dimension, attributes, wanted, outcome) -> None:
    reason = judge(pref(dimension, *wanted), cand(attributes=attributes))
    assert reason is not None and reason.outcome == outcome


@pytest.mark.parametrize(
    "preference",
    [
        pref("modality", "not_sure"),
        pref("modality", "Not sure"),
        pref("format", "telehealth", importance=DONT_MIND),
        pref("language"),  # nothing said
    ],
)
def test_preferences_that_never_count(preference: Preference) -> None:
    assert judge(preference, cand(modalities=["CBT"], formats=["in_person"])) is None


def test_not_sure_is_dropped_but_real_values_still_count() -> None:
    reason = judge(pref("modality", "not_sure", "EMDR"), cand(modalities=["EMDR"]))
    assert reason is not None and reason.outcome == MET and reason.wanted == ("EMDR",)


# --- The report and its sentence -------------------------------------------------------------

PROFILE = Profile(
    preferences=(
        pref("format", "telehealth", label="How we meet"),
        pref("modality", "cbt", "not_sure", label="Approach"),
        pref("availability", "evenings", label="When"),
        pref("language", "english", label="Language"),
        pref("insurance", "Aetna", label="Accepts my insurance"),
        pref("faith", "muslim", label="Faith", importance=NICE),
        pref("therapist_gender", "woman", label="Therapist's gender", importance=NICE),
        pref("concern", "panic", label="Experience with", importance=NICE),
        pref("budget", "150", label="Budget", importance=DONT_MIND),
    )
)


def test_fit_report_explains_itself() -> None:
    c = cand(
        "Dr Rivera",
        formats=["telehealth"],
        modalities=["CBT"],
        availability=["evenings"],
        languages=["English"],
        insurance=["Cigna"],
        attributes={"faith": "Muslim", "therapist_gender": "woman"},
    )
    report = fit(c, PROFILE)
    assert [r.label for r in report.must_met] == ["How we meet", "Approach", "When", "Language"]
    assert [r.label for r in report.must_missed] == ["Accepts my insurance"]
    assert [r.label for r in report.nice_met] == ["Faith", "Therapist's gender"]
    assert [r.label for r in report.unknown] == ["Experience with"]
    assert report.must_total == 5
    assert report.sentence == (
        "Meets 4 of 5 must-haves: telehealth; CBT; evenings; English. "
        "Misses: Accepts my insurance (Aetna). "
        "Also matches 2 nice-to-haves: Muslim; woman. "
        "Not known yet — worth asking: Experience with."
    )
    assert report.candidate is c


def test_unknowns_are_reported_separately_not_as_misses() -> None:
    report = fit(cand("Blank slate"), PROFILE)
    assert report.must_met == () and report.must_missed == ()
    assert len(report.unknown) == 8
    assert report.score == 0
    assert report.sentence.startswith(
        "Meets 0 of 5 must-haves; 5 worth asking. Not known yet — worth asking:"
    )


def test_empty_profile_or_only_nice_to_haves() -> None:
    assert fit(cand(), Profile()).sentence.startswith("Nothing to compare yet")
    nice_only = Profile(preferences=(pref("language", "Spanish", importance=NICE),))
    assert fit(cand(languages=["Spanish"]), nice_only).sentence == (
        "Matches 1 nice-to-have: Spanish."
    )
    assert fit(cand(languages=["French"]), nice_only).sentence == (
        "None of your nice-to-haves match so far."
    )


def test_single_must_have_reads_in_the_singular() -> None:
    one = Profile(preferences=(pref("format", "telehealth", label="How we meet"),))
    assert fit(cand(formats=["telehealth"]), one).sentence == "Meets 1 of 1 must-have: telehealth."


# --- Ordering --------------------------------------------------------------------------------


def test_rank_orders_by_score_then_name() -> None:
    profile = Profile(
        preferences=(
            pref("format", "telehealth"),
            pref("language", "english"),
            pref("modality", "dbt", importance=NICE),
        )
    )
    pool = [
        cand("Zed", formats=["telehealth"], languages=["English"]),  # 2 musts
        cand("amy", formats=["telehealth"], languages=["English"]),  # 2 musts, same score
        cand("Bo", formats=["telehealth"], languages=["English"], modalities=["DBT"]),  # + nice
        cand("Cy", formats=["telehealth"]),  # 1 must, 1 unknown
        cand("Di", formats=["in_person"], modalities=["DBT"]),  # a missed must-have
        cand("Ed"),  # all unknown
    ]
    ranked = rank_candidates(pool, profile)
    assert [r.candidate.name for r in ranked] == ["Bo", "amy", "Zed", "Cy", "Ed", "Di"]
    scores = [r.score for r in ranked]
    assert scores == sorted(scores, reverse=True)


def test_a_missed_must_have_outweighs_a_met_nice_to_have() -> None:
    profile = Profile(
        preferences=(pref("format", "telehealth"), pref("language", "Spanish", importance=NICE))
    )
    missing_must = fit(cand(formats=["in_person"], languages=["Spanish"]), profile)
    unknown_must = fit(cand(), profile)
    assert missing_must.score < unknown_must.score


# --- The nudge -------------------------------------------------------------------------------


def test_nudge_toward_three_active_options() -> None:
    assert "adding just one name" in shortlist_nudge([])
    one = shortlist_nudge([cand("a")])
    assert one.startswith("You have 1 option so far.") and "about three" in one
    two = [cand("a"), cand("b"), cand("c", status="declined")]
    assert shortlist_nudge(two).startswith("You have 2 options so far.")
    assert shortlist_nudge([cand("a"), cand("b"), cand("c", status="chosen")]) is None
    assert [c.name for c in active_candidates(two)] == ["a", "b"]


# --- Every must-have counts (issue 13) -------------------------------------------------------


def _style(dimension: str, value: str, label: str, ask: str, words: str) -> Preference:
    return Preference(dimension, label, (value,), MUST, value_labels=((value, words),), ask=ask)


SIX_MUSTS = Profile(
    preferences=(
        pref("modality", "cbt", label="Approach"),
        _style(
            "style_tone",
            "direct",
            "How I'd like to be spoken to",
            "Do you tend to be {wanted}?",
            "Direct and straightforward",
        ),
        _style(
            "style_homework",
            "yes",
            "Practice between sessions",
            "Do you suggest things to try between sessions, and how much?",
            "I'd like that",
        ),
        _style(
            "style_voice",
            "listens",
            "How much the therapist talks",
            "Do you talk a fair bit in sessions, or mostly listen?",
            "Someone who mostly listens",
        ),
        pref("language", "English", label="Language"),
    ),
    # Hopes are context (the packs say so): the profile keeps them apart from criteria.
    context=(pref("hopes", "feel calmer", label="What I hope therapy helps with"),),
)


def test_every_must_have_appears_even_without_a_candidate_field() -> None:
    # Hopes are context, not a criterion (issue 29), whatever importance they carry.
    report = fit(cand(modalities=["cbt"]), SIX_MUSTS)
    assert report.must_total == 5
    assert [r.label for r in report.must_met] == ["Approach"]
    assert len(report.must_unknown) == 4
    assert "hope" not in report.sentence
    assert report.sentence.startswith("Meets 1 of 5 must-haves; 4 worth asking. Met so far: cbt.")
    assert "Not known yet — worth asking: How I'd like to be spoken to;" in report.sentence


def test_each_not_known_must_have_comes_with_its_question() -> None:
    report = fit(cand(modalities=["cbt"]), SIX_MUSTS)
    assert report.questions[:3] == (
        "Do you tend to be direct and straightforward?",
        "Do you suggest things to try between sessions, and how much?",
        "Do you talk a fair bit in sessions, or mostly listen?",
    )
    # Without an ``ask`` in the pack there is still a question, never a blank.
    assert report.questions[3] == "Could we talk about language? I'm looking for English."
    assert len(report.questions) == 4  # met ones are not asked again; hopes are context


def test_once_known_a_must_have_is_no_longer_worth_asking() -> None:
    report = fit(cand(modalities=["cbt"], languages=["English"]), SIX_MUSTS)
    assert report.sentence.startswith("Meets 2 of 5 must-haves; 3 worth asking.")
    assert not any("language" in q.lower() for q in report.questions)


def test_all_must_haves_known_keeps_the_short_sentence() -> None:
    only = Profile(preferences=(pref("language", "English", label="Language"),))
    assert fit(cand(languages=["English"]), only).sentence == "Meets 1 of 1 must-have: English."


@pytest.mark.parametrize(
    ("typed", "amount", "text", "sliding"),
    [
        ("$140", 140.0, "$140", False),
        ("£60 per session", 60.0, "£60 per session", False),
        ("1,200", 1200.0, "1,200", False),
        ("sliding scale", None, "sliding scale", True),
        ("Sliding scale from $60", 60.0, "Sliding scale from $60", True),
        (95, 95.0, "", False),
    ],
)
def test_fee_keeps_the_words_and_accepts_a_sliding_scale(typed, amount, text, sliding) -> None:
    from journal_app.core.shortlist import parse_fee

    assert parse_fee(typed) == (amount, text, sliding)


def test_fee_written_as_sliding_scale_sets_the_flag_and_old_records_load() -> None:
    from journal_app.core.shortlist import fee_words

    store = MemoryStore()
    c = add_candidate(store, "Dr Ruiz", fee="sliding scale", record_id="c1", now=NOW)
    assert (c.fee, c.fee_text, c.sliding_scale, fee_words(c)) == (
        None,
        "sliding scale",
        True,
        "sliding scale",
    )
    old = Candidate.from_dict({"id": "o", "created_at": NOW.isoformat(), "name": "Bo", "fee": 80})
    assert (old.fee_text, fee_words(old)) == ("", "80")


def test_budget_reasons_quote_the_fee_as_written() -> None:
    store = MemoryStore()
    c = add_candidate(store, "Dr Ruiz", fee="$140", record_id="c1", now=NOW)
    assert judge(pref("budget", "150"), c).text == "fee $140 within budget"
    assert judge(pref("budget", "100"), c).text == "Budget (fee $140, more than 100)"

"""Issue 29: the fit tells the truth. It never calls unknown what the card decides, never
asks what the card makes moot, and puts every criterion in exactly one of met, missed or
unknown, checked for random profiles and cards (hypothesis) and on the issue's own cases."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from journal_app.app.prompt_files import load_packs
from journal_app.core.profile import DONT_MIND, MUST, NICE, Preference, Profile
from journal_app.core.prompt_engine import derive_profile
from journal_app.core.records import Candidate, PreferenceAnswer
from journal_app.core.shortlist import MET, MISSED, UNKNOWN, criteria_of, fit
from journal_app.core.therapist_answers import answer_choices, answer_rows

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

APPROACHES = ("cbt", "dbt", "act", "erp", "ifs")
CHOICES = {
    "modality": APPROACHES,
    "modality_avoid": APPROACHES,
    "erp_interest": ("yes", "open", "not_now"),
    "concern": ("anxiety", "grief", "ocd"),
    "format": ("telehealth", "in_person"),
    "telehealth_kind": ("video", "phone"),
    "language": ("english", "spanish"),
    "availability": ("evenings", "weekends"),
    "therapist_gender": ("woman", "man"),
    "lgbtq_affirming": ("yes",),
    "style_tone": ("direct", "gentle"),
    "sliding_scale": ("yes", "no"),
}
TYPED = {"insurance": ("Aetna", "Cigna"), "budget": ("80", "150"), "travel_time": ("30", "60")}
LIST_FIELDS = {
    "modality": "modalities",
    "concern": "specialties",
    "format": "formats",
    "language": "languages",
    "availability": "availability",
    "insurance": "insurance",
}


def _pref(dimension: str, values: tuple[str, ...], importance: str) -> Preference:
    labels = tuple((v, v.upper()) for v in CHOICES.get(dimension, values))
    if dimension in TYPED:
        labels = ((values[0], values[0]),) if dimension != "insurance" else ()
    return Preference(
        dimension,
        dimension.replace("_", " "),
        values,
        importance,
        None,
        labels,
        f"Ask about {dimension}: {{wanted}}?",
    )


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    dims = draw(st.lists(st.sampled_from(sorted({*CHOICES, *TYPED, "hopes"})), unique=True))
    prefs = []
    for dim in dims:
        pool = CHOICES.get(dim) or TYPED.get(dim) or ("calmer",)
        size = 1 if dim in TYPED else len(pool)
        values = tuple(
            draw(st.lists(st.sampled_from(pool), min_size=1, max_size=size, unique=True))
        )
        prefs.append(_pref(dim, values, draw(st.sampled_from((MUST, NICE, DONT_MIND)))))
    # Hopes are context: the profile keeps them apart (the packs say so), and the fit
    # must never weigh them whatever an older journal gave them as importance.
    return Profile(
        preferences=tuple(p for p in prefs if p.dimension != "hopes"),
        context=tuple(p for p in prefs if p.dimension == "hopes"),
    )


@st.composite
def cards(draw: st.DrawFn, profile: Profile) -> Candidate:
    some = lambda pool: draw(st.lists(st.sampled_from(pool), unique=True, max_size=3))  # noqa: E731
    answers = {}
    for pref in criteria_of(profile):
        if draw(st.booleans()):
            answers[pref.dimension] = [draw(st.sampled_from(answer_choices(pref)))[0]]
    return Candidate(
        id="c",
        created_at=NOW,
        name="Dr Test",
        modalities=some(APPROACHES),
        specialties=some(CHOICES["concern"]),
        formats=some(CHOICES["format"]),
        languages=some(CHOICES["language"]),
        availability=some(CHOICES["availability"]),
        insurance=some(TYPED["insurance"]),
        fee=draw(st.one_of(st.none(), st.integers(0, 300).map(float))),
        sliding_scale=draw(st.booleans()),
        attributes={"therapist_gender": g} if (g := draw(st.sampled_from(("", "woman")))) else {},
        answers=answers,
    )


def _moot(dim: str, c: Candidate) -> bool:
    """Questions the card's format answers: no online sessions, or no travel."""
    if not c.formats:
        return False
    return (dim == "telehealth_kind" and "telehealth" not in c.formats) or (
        dim == "travel_time" and "in_person" not in c.formats
    )


def _card_decides(dim: str, wanted: tuple[str, ...], c: Candidate) -> bool:
    """An independent reading of what a card settles on its own."""
    if dim in c.answers or _moot(dim, c):
        return True
    if dim in LIST_FIELDS:
        return bool(getattr(c, LIST_FIELDS[dim]))
    if dim in ("modality_avoid", "erp_interest"):
        return bool(c.modalities)
    if dim == "therapist_gender":
        return "therapist_gender" in c.attributes
    if dim == "budget":
        return c.fee is not None or c.sliding_scale
    if dim == "sliding_scale":
        return c.sliding_scale
    return False


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_the_fit_never_calls_unknown_what_the_card_decides(data: st.DataObject) -> None:
    profile = data.draw(profiles())
    card = data.draw(cards(profile))
    report = fit(card, profile)
    criteria = criteria_of(profile)
    # Every criterion lands in exactly one of met, missed, unknown; nothing else appears.
    assert [r.dimension for r in report.reasons] == [p.dimension for p in criteria]
    assert all(r.outcome in (MET, MISSED, UNKNOWN) for r in report.reasons)
    assert all(p.dimension != "hopes" for p in criteria)  # context is never a criterion
    for reason in report.reasons:
        if _card_decides(reason.dimension, reason.wanted, card):
            assert reason.outcome != UNKNOWN, (reason, card)
        if _moot(reason.dimension, card):
            assert reason.question not in report.questions
    # What is asked is exactly what is not known.
    assert set(report.questions) == {r.question for r in report.unknown}


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_answering_every_open_question_leaves_nothing_worth_asking(data: st.DataObject) -> None:
    profile = data.draw(profiles())
    card = data.draw(cards(profile))
    rows = answer_rows(card, profile)
    answers = {row.dimension: [data.draw(st.sampled_from(row.values))[0]] for row in rows}
    report = fit(Candidate(**{**card.__dict__, "answers": answers}), profile)
    assert report.unknown == () and report.questions == ()
    if answers:
        assert report.sentence.endswith("Nothing left worth asking.")


# --- The issue's own cases -------------------------------------------------------------------


def _card(**fields) -> Candidate:
    return Candidate(id="c", created_at=NOW, name="Dr Test", **fields)


def _one(dim: str, *values: str, importance: str = MUST) -> Profile:
    return Profile(preferences=(_pref(dim, values, importance),))


def test_rather_not_cbt_is_missed_when_the_card_lists_cbt() -> None:
    report = fit(_card(modalities=["CBT", "ACT"]), _one("modality_avoid", "cbt"))
    assert [r.outcome for r in report.reasons] == [MISSED]
    assert report.must_missed[0].found == ("CBT",)
    met = fit(_card(modalities=["ACT"]), _one("modality_avoid", "cbt"))
    assert [r.outcome for r in met.reasons] == [MET] and met.questions == ()
    unknown = fit(_card(), _one("modality_avoid", "cbt"))
    assert [r.outcome for r in unknown.reasons] == [UNKNOWN]


def test_an_in_person_only_therapist_is_not_asked_about_video() -> None:
    report = fit(_card(formats=["in_person"]), _one("telehealth_kind", "video"))
    assert [r.outcome for r in report.reasons] == [MISSED] and report.questions == ()
    online = fit(_card(formats=["telehealth"]), _one("travel_time", "45"))
    assert [r.outcome for r in online.reasons] == [MET] and online.questions == ()


def test_history_and_hopes_are_context_never_criteria() -> None:
    """A journal written before importance was kept to criteria holds "must" on the
    approaches tried before and on hopes: read through the real packs, they are context,
    and a card listing the approach tried before is not measured on it."""
    stored = {
        prompt_id: PreferenceAnswer(
            id=f"old{n}", created_at=NOW, prompt_id=prompt_id, value=value, importance=MUST
        )
        for n, (prompt_id, value) in enumerate(
            [("therapy_before", "once"), ("past_modalities", ["cbt"]), ("hopes", ["sleep"])]
        )
    }
    profile = derive_profile(load_packs(), stored)
    assert {p.dimension for p in profile.context} == {"past_modalities", "hopes"}
    assert criteria_of(profile) == ()
    assert fit(_card(modalities=["cbt"]), profile).reasons == ()


def test_what_the_therapist_said_beats_an_empty_card() -> None:
    profile = _one("style_tone", "gentle")
    assert fit(_card(answers={"style_tone": ["gentle"]}), profile).must_met
    assert fit(_card(answers={"style_tone": ["no"]}), profile).must_missed
    rows = answer_rows(_card(answers={"style_tone": ["gentle"]}), profile)
    assert [r.to_json() for r in rows] == [
        {
            "dimension": "style_tone",
            "label": "style tone",
            "values": ["direct", "gentle", "no"],
            "recorded": ["gentle"],
        }
    ]


def test_the_packs_hedges_are_never_offered_as_a_therapists_answer() -> None:
    """Every neutral choice in the shipped packs ("I'm flexible", "Not sure"...) is left out
    of the answers; "no" (none of these) is always there."""
    from journal_app.app.profile import packs
    from journal_app.core.therapist_answers import NOT_AN_ANSWER

    for pack in packs():
        for prompt in pack.prompts:
            neutral = {c.id for c in prompt.choices if c.neutral}
            assert neutral <= NOT_AN_ANSWER, (prompt.id, neutral - NOT_AN_ANSWER)


def test_a_yes_criterion_takes_yes_or_no() -> None:
    pref = Preference(
        "lgbtq_affirming",
        "LGBTQ+-affirming",
        ("yes",),
        MUST,
        value_labels=(("yes", "Yes, I'd like that"), ("no_preference", "I don't mind")),
    )
    assert answer_choices(pref) == (("yes", "Yes"), ("no", "No"))
    said_no = fit(_card(answers={"lgbtq_affirming": ["no"]}), Profile(preferences=(pref,)))
    assert [r.outcome for r in said_no.reasons] == [MISSED]

"""GAD-7 and PHQ-9: exact wording, every published band boundary, the crisis item, trends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from journal_app.core.checkins import (
    ANSWER_OPTIONS,
    ATTRIBUTION,
    GAD7,
    GAD7_INSTRUMENT,
    PHQ9,
    PHQ9_INSTRUMENT,
    SCREENING_NOTE,
    get_instrument,
    parse_answers,
    record_checkin,
    result_for,
    score_answers,
    trend_for,
    trends,
)
from journal_app.core.journal import InvalidInput
from journal_app.core.records import CheckIn
from tests.core.memory_store import MemoryStore

NOW = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def answers_totalling(total: int, count: int) -> list[int]:
    """Answers that add up to ``total``, filling from the front with 3s.

    The last item stays 0 whenever possible, so PHQ-9 band tests do not trip the crisis flag.
    """
    assert 0 <= total <= 3 * count
    out = [0] * count
    remaining = total
    for i in range(count):
        out[i] = min(3, remaining)
        remaining -= out[i]
    return out


# --- Wording ---------------------------------------------------------------------------------


def test_item_counts() -> None:
    assert len(GAD7_INSTRUMENT.items) == 7
    assert len(PHQ9_INSTRUMENT.items) == 9
    assert GAD7_INSTRUMENT.max_score == 21
    assert PHQ9_INSTRUMENT.max_score == 27


def test_gad7_wording_is_exactly_as_published() -> None:
    assert GAD7_INSTRUMENT.stem == (
        "Over the last 2 weeks, how often have you been bothered by the following problems?"
    )
    assert GAD7_INSTRUMENT.items == (
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid, as if something awful might happen",
    )


def test_phq9_wording_spot_checks() -> None:
    items = PHQ9_INSTRUMENT.items
    assert items[0] == "Little interest or pleasure in doing things"
    assert items[1] == "Feeling down, depressed, or hopeless"
    assert items[4] == "Poor appetite or overeating"
    assert items[6].startswith("Trouble concentrating on things, such as reading the newspaper")
    assert items[8] == (
        "Thoughts that you would be better off dead, or of hurting yourself in some way"
    )
    assert "any of the following problems" in PHQ9_INSTRUMENT.stem


def test_answer_options_and_attribution() -> None:
    assert ANSWER_OPTIONS == (
        (0, "Not at all"),
        (1, "Several days"),
        (2, "More than half the days"),
        (3, "Nearly every day"),
    )
    assert ATTRIBUTION == (
        "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, "
        "with an educational grant from Pfizer Inc. No permission required to reproduce, "
        "translate, display or distribute."
    )
    assert GAD7_INSTRUMENT.attribution == PHQ9_INSTRUMENT.attribution == ATTRIBUTION


@pytest.mark.parametrize("name", ["gad7", "GAD-7", "gad_7", " Gad 7 "])
def test_instrument_names_are_forgiving(name: str) -> None:
    assert get_instrument(name) is GAD7_INSTRUMENT


def test_unknown_instrument_is_refused() -> None:
    with pytest.raises(InvalidInput, match="GAD-7 or PHQ-9"):
        get_instrument("beck")


# --- Bands -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ],
)
def test_gad7_band_boundaries(total: int, band: str) -> None:
    result = score_answers(GAD7, answers_totalling(total, 7))
    assert result.score == total
    assert result.band == band
    assert result.max_score == 21
    assert result.crisis_due is False


@pytest.mark.parametrize(
    ("total", "band", "label"),
    [
        (0, "minimal", "Minimal"),
        (4, "minimal", "Minimal"),
        (5, "mild", "Mild"),
        (9, "mild", "Mild"),
        (10, "moderate", "Moderate"),
        (14, "moderate", "Moderate"),
        (15, "moderately_severe", "Moderately severe"),
        (19, "moderately_severe", "Moderately severe"),
        (20, "severe", "Severe"),
        (27, "severe", "Severe"),
    ],
)
def test_phq9_band_boundaries(total: int, band: str, label: str) -> None:
    result = score_answers(PHQ9, answers_totalling(total, 9))
    assert result.score == total
    assert result.band == band
    assert result.band_label == label
    assert result.max_score == 27


def test_bands_cover_every_possible_score_without_gaps() -> None:
    for inst in (GAD7_INSTRUMENT, PHQ9_INSTRUMENT):
        covered = [s for b in inst.bands for s in range(b.low, b.high + 1)]
        assert covered == list(range(inst.max_score + 1))


def test_every_result_says_it_is_not_a_diagnosis() -> None:
    for inst, count in ((GAD7, 7), (PHQ9, 9)):
        result = score_answers(inst, [0] * count)
        assert result.note == SCREENING_NOTE
        assert "not a diagnosis" in result.note
        assert "diagnos" not in result.summary.casefold()


def test_summary_is_plain() -> None:
    result = score_answers(GAD7, [1, 1, 1, 1, 1, 1, 1])
    assert result.summary == (
        "Your GAD-7 score is 7 out of 21, in the mild range for anxiety symptoms."
    )


# --- Crisis item -----------------------------------------------------------------------------


def test_phq9_item9_at_zero_does_not_trigger_crisis() -> None:
    assert score_answers(PHQ9, [3, 3, 3, 3, 3, 3, 3, 3, 0]).crisis_due is False


@pytest.mark.parametrize("value", [1, 2, 3])
def test_phq9_item9_above_zero_triggers_crisis_whatever_the_total(value: int) -> None:
    result = score_answers(PHQ9, [0, 0, 0, 0, 0, 0, 0, 0, value])
    assert result.crisis_due is True
    assert result.band == "minimal"


def test_gad7_has_no_crisis_item() -> None:
    assert score_answers(GAD7, [3] * 7).crisis_due is False


# --- Validation ------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [0, 6, 8])
def test_gad7_wrong_number_of_answers(count: int) -> None:
    with pytest.raises(InvalidInput, match=rf"GAD-7 needs 7 answers.*got {count}\."):
        score_answers(GAD7, [0] * count)


@pytest.mark.parametrize("count", [8, 10])
def test_phq9_wrong_number_of_answers(count: int) -> None:
    with pytest.raises(InvalidInput, match=rf"PHQ-9 needs 9 answers.*got {count}\."):
        score_answers(PHQ9, [0] * count)


@pytest.mark.parametrize("bad", [4, -1, 10])
def test_value_out_of_range_names_the_item(bad: int) -> None:
    answers = [0] * 7
    answers[2] = bad
    expected = rf"answer 3 is {bad}, but each answer must be from 0 to 3"
    with pytest.raises(InvalidInput, match=expected):
        score_answers(GAD7, answers)


@pytest.mark.parametrize("bad", ["2", 1.5, None, True])
def test_non_integer_answer_names_the_item(bad: object) -> None:
    answers: list[object] = [0] * 9
    answers[8] = bad
    with pytest.raises(InvalidInput, match="PHQ-9 answer 9 must be a whole number from 0 to 3"):
        score_answers(PHQ9, answers)


def test_a_string_is_not_a_list_of_answers() -> None:
    with pytest.raises(InvalidInput, match="list of numbers"):
        score_answers(GAD7, "0000000")  # type: ignore[arg-type]


def test_messages_are_one_line() -> None:
    with pytest.raises(InvalidInput) as caught:
        score_answers(GAD7, [9] * 7)
    assert "\n" not in str(caught.value)


# --- Parsing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["1,2,0,3,1,0,2", "1, 2, 0, 3, 1, 0, 2", " 1 ,2 , 0,3,1,0,2 ", "1 2 0 3 1 0 2"]
)
def test_parse_answers_tolerates_spaces(text: str) -> None:
    assert parse_answers(text) == [1, 2, 0, 3, 1, 0, 2]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "No answers given"),
        ("   ", "No answers given"),
        ("1,two,3", r"Answer 2 \('two'\) is not a number"),
        ("1,,3", "Answer 2 is empty"),
        ("1,2.5,3", r"Answer 2 \('2.5'\) is not a number"),
    ],
)
def test_parse_answers_refuses_non_numbers(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_answers(text)


def test_parse_answers_with_instrument_checks_count_and_range() -> None:
    assert parse_answers("0,0,0,0,0,0,0", GAD7) == [0] * 7
    with pytest.raises(InvalidInput, match="needs 7 answers"):
        parse_answers("0,0,0", GAD7)
    with pytest.raises(InvalidInput, match="answer 1 is 5"):
        parse_answers("5,0,0,0,0,0,0", GAD7)


# --- Use case and trends ---------------------------------------------------------------------


def test_record_checkin_stores_canonical_instrument_and_answers() -> None:
    store = MemoryStore()
    checkin, result = record_checkin(store, "PHQ-9", [1] * 9, record_id="c1", now=NOW)
    assert checkin.instrument == PHQ9
    assert checkin.answers == [1] * 9
    assert checkin.taken_at == NOW
    assert result.score == 9 and result.band == "mild"
    assert result.crisis_due is True
    assert store.all(CheckIn) == [checkin]
    assert result_for(store.get(CheckIn, "c1")) == result


def test_record_checkin_refuses_bad_answers_and_stores_nothing() -> None:
    store = MemoryStore()
    with pytest.raises(InvalidInput):
        record_checkin(store, GAD7, [0] * 6, record_id="c1", now=NOW)
    assert store.all(CheckIn) == []


def _checkin(cid: str, instrument: str, answers: list[int], days: int) -> CheckIn:
    at = NOW + timedelta(days=days)
    return CheckIn(id=cid, created_at=at, instrument=instrument, answers=answers, taken_at=at)


def test_trend_is_chronological_with_changes() -> None:
    checkins = [
        _checkin("b", GAD7, answers_totalling(8, 7), days=14),
        _checkin("a", GAD7, answers_totalling(12, 7), days=0),
        _checkin("p", PHQ9, answers_totalling(6, 9), days=3),
        _checkin("c", GAD7, answers_totalling(4, 7), days=28),
    ]
    trend = trend_for(checkins, GAD7)
    assert [p.checkin_id for p in trend.points] == ["a", "b", "c"]
    assert [(p.score, p.band) for p in trend.points] == [
        (12, "moderate"),
        (8, "mild"),
        (4, "minimal"),
    ]
    assert [p.change_from_previous for p in trend.points] == [None, -4, -4]
    assert [p.change_from_first for p in trend.points] == [None, -4, -8]
    assert trend.change_from_first == -8
    assert trend.change_from_previous == -4
    assert trend.latest is not None and trend.latest.taken_at == NOW + timedelta(days=28)
    assert "4 (minimal), 8 lower than your first of 12" in trend.sentence()


def test_trends_groups_per_instrument_and_skips_unscorable() -> None:
    checkins = [
        _checkin("p1", PHQ9, answers_totalling(10, 9), days=0),
        _checkin("p2", PHQ9, answers_totalling(13, 9), days=7),
        _checkin("odd", "mood-99", [1, 2], days=1),
        _checkin("broken", GAD7, [7, 7], days=2),
    ]
    grouped = trends(checkins)
    assert list(grouped) == [PHQ9]
    phq = grouped[PHQ9]
    assert [p.score for p in phq.points] == [10, 13]
    assert phq.change_from_first == 3
    assert "3 higher than" in phq.sentence()


def test_empty_and_single_trends_read_kindly() -> None:
    assert trend_for([], GAD7).sentence() == "No GAD-7 check-ins yet."
    assert trend_for([], GAD7).latest is None
    one = trend_for([_checkin("a", GAD7, [0] * 7, days=0)], GAD7)
    assert one.sentence() == "One GAD-7 check-in so far: 0 (minimal)."
    assert one.change_from_first is None


def test_a_stored_check_in_scores_the_same_remembered_or_not_and_bad_answers_never_do() -> None:
    """Scores are remembered by answers (a bundle scores each check-in four times): the
    remembered result equals a fresh scoring, a damaged check-in is refused every time,
    and ``forget_scores`` (called when the journal closes) keeps none."""
    from journal_app.core import checkins as module

    module.forget_scores()
    at = datetime(2026, 1, 5, tzinfo=UTC)
    good = CheckIn(
        id="c1", created_at=at, taken_at=at, instrument="phq9", answers=[1, 2, 0, 3, 1, 0, 2, 1, 1]
    )
    assert module.result_for(good) == module.score_answers("phq9", list(good.answers))
    assert module.result_for(good) is module.result_for(good)  # remembered
    assert module.result_for(good).crisis_due
    for answers in ([1, 2, 0, 3, 1, 0, 2, 1, 4], [1, 2, 0, 3, 1, 0, 2, 1, True], [1, 2]):
        bad = CheckIn(id="c2", created_at=at, taken_at=at, instrument="phq9", answers=answers)
        for _ in range(2):
            with pytest.raises(InvalidInput):
                module.result_for(bad)
    unknown = CheckIn(id="c3", created_at=at, taken_at=at, instrument="nope", answers=[0, 0])
    with pytest.raises(InvalidInput):
        module.result_for(unknown)
    assert module._scored.cache_info().currsize == 1
    module.forget_scores()
    assert module._scored.cache_info().currsize == 0

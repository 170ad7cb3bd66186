"""Passphrase strength: the estimator refuses what people really guess first."""

from __future__ import annotations

import pytest

from journal_app.core.journal import InvalidInput
from journal_app.core.passphrase import check_bundle_passphrase, check_new_passphrase, estimate
from journal_app.share import passphrases


@pytest.mark.parametrize("weak", ["password1", "letmein123", "iloveyou123", "Password123!"])
def test_common_passwords_are_refused_with_a_reason(weak: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_new_passphrase(weak)
    message = str(refused.value)
    assert message.startswith("That passphrase is too easy to guess.")
    assert "common" in message  # zxcvbn says what made it guessable, not just "weak"


def test_a_long_diceware_phrase_passes() -> None:
    phrase = "copper meadow lantern quietly orbit violet"
    assert check_new_passphrase(phrase) == phrase
    assert estimate(phrase).label == "strong"


def test_a_very_long_passphrase_is_estimated_quickly_and_passes() -> None:
    phrase = "granite otter sings beneath the willow " * 20  # past zxcvbn's own limit
    assert check_new_passphrase(phrase[:1000]) == phrase[:1000]


def test_generated_bundle_passphrases_still_pass() -> None:
    for _ in range(20):
        check_bundle_passphrase(passphrases.generate())


def test_text_that_is_not_text_is_refused() -> None:
    with pytest.raises(InvalidInput, match="not valid text"):
        check_new_passphrase("tidy lantern \udcff orbit 42")


def test_strength_feedback_for_the_empty_field() -> None:
    assert estimate("").label == "too weak"

"""Crisis resources: the real shipped file, country fallback, and never failing to show help."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal_app.app.crisis_files import (
    crisis_resources_for,
    crisis_resources_path,
    load_crisis_resources,
)
from journal_app.core.crisis import (
    CRISIS_MESSAGE,
    DEFAULT,
    FALLBACK,
    CrisisDataError,
    normalise_country,
    parse_crisis_resources,
    resources_for,
)

REQUIRED = ("US", "GB", "CA", "AU", "IE", "NZ", "IN", "DE", "FR", "ES")


@pytest.fixture(scope="module")
def table():
    path = crisis_resources_path()
    assert path.is_file(), path
    return parse_crisis_resources(path.read_text(encoding="utf-8"))


def test_real_file_has_every_required_country_and_a_default(table) -> None:
    for code in (*REQUIRED, DEFAULT):
        assert code in table, code
        assert table[code].services, code
        assert table[code].emergency, code


@pytest.mark.parametrize(
    ("code", "emergency", "must_mention"),
    [
        ("US", "911", ["988", "741741", "HOME"]),
        ("GB", "999", ["116 123"]),
        ("IE", "112 or 999", ["116 123"]),
        ("CA", "911", ["9-8-8"]),
        ("AU", "000", ["13 11 14"]),
        ("NZ", "111", ["1737"]),
        ("IN", "112", ["14416"]),
        ("DE", "112", ["0800 111 0 111"]),
        ("FR", "112 (or 15 for medical help)", ["3114"]),
        ("ES", "112", ["024"]),
    ],
)
def test_well_known_services(table, code: str, emergency: str, must_mention: list[str]) -> None:
    res = table[code]
    assert res.emergency == emergency
    text = " ".join(res.lines())
    for needle in must_mention:
        assert needle in text, needle
    assert f"call {emergency} now" in res.emergency_line()


def test_default_points_to_local_emergency_number_and_findahelpline_as_text(table) -> None:
    res = table[DEFAULT]
    lines = res.lines()
    assert "call your local emergency number" in res.emergency_line()
    assert any("findahelpline.com" in line for line in lines)
    # Listed as text to type, never as a link the app would open.
    assert not any("http" in line for line in lines)


def test_no_entry_uses_links(table) -> None:
    for res in table.values():
        for service in res.services:
            assert not service.website.startswith("http"), service


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("us", "US"),
        ("GB", "GB"),
        ("uk", "GB"),
        ("en_GB.UTF-8", "GB"),
        ("fr-FR", "FR"),
        ("en_IE", "IE"),
    ],
)
def test_country_lookup_is_forgiving(table, given: str, code: str) -> None:
    assert resources_for(table, given).code == code


@pytest.mark.parametrize("given", [None, "", "ZZ", "Narnia", "C", "xx_YY"])
def test_unknown_country_falls_back_to_default(table, given) -> None:
    assert resources_for(table, given).code == DEFAULT


def test_resources_for_never_raises_even_without_a_table() -> None:
    assert resources_for(None, "US") is FALLBACK
    assert resources_for({}, None) is FALLBACK


def test_normalise_country() -> None:
    assert normalise_country("de") == "DE"
    assert normalise_country("  nz ") == "NZ"
    assert normalise_country("C.UTF-8") is None
    assert normalise_country(None) is None


def test_message_is_warm_and_leads_the_lines(table) -> None:
    lines = table["US"].lines()
    assert lines[0] == CRISIS_MESSAGE
    assert "You don't have to carry this on your own" in CRISIS_MESSAGE
    assert lines[1] == "If you are in immediate danger, call 911 now."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("this is = = not toml", "not valid TOML"),
        (
            '[US]\nname = "United States"\nemergency = "911"\n[[US.services]]\nname="x"\nhow="y"\n',
            "default",
        ),
        ('[default]\nname = "Anywhere"\nemergency = "112"\n', "at least one service"),
        (
            '[USA]\nname = "x"\nemergency = "911"\n[[USA.services]]\nname="a"\nhow="b"\n',
            "two-letter",
        ),
        (
            '[default]\nname = "A"\nemergency = "112"\n[[default.services]]\nname = "x"\n',
            "how is missing",
        ),
    ],
)
def test_damaged_data_is_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(CrisisDataError, match=message):
        parse_crisis_resources(text)


def test_loader_falls_back_when_the_file_is_missing_or_damaged(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    assert load_crisis_resources(missing) == {DEFAULT: FALLBACK}
    damaged = tmp_path / "bad.toml"
    damaged.write_text("[[[", encoding="utf-8")
    assert crisis_resources_for("US", damaged) is FALLBACK
    assert "local emergency number" in FALLBACK.emergency_line()


def test_loader_reads_the_shipped_file() -> None:
    assert crisis_resources_for("AU").emergency == "000"
    assert set(REQUIRED) <= set(load_crisis_resources())

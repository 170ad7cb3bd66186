"""Time zones work where the system has no zone files (Android, Windows).

Each command runs as its own process with ``PYTHONTZPATH`` pointing at an empty folder,
so Python's zoneinfo finds none of the system's zone files, as on a phone. The rules
must then come from the ``tzdata`` package: a July moment typed in winter is placed with
summer time's offset, and a Day One date with no offset is read in its own ``timeZone``.
Before tzdata and tzlocal, the first fell back to today's fixed offset (an hour off) and
the second was refused.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Cli

NEW_YORK = "America/New_York"


@pytest.fixture
def no_zone_files(tmp_path: Path) -> dict[str, str]:
    empty = tmp_path / "no-zoneinfo"
    empty.mkdir()
    return {"PYTHONTZPATH": str(empty), "TZ": NEW_YORK}


def stored(cli: Cli, env: dict[str, str]) -> dict[str, str]:
    """Each entry's text and its stored UTC moment."""
    result = cli("entry", "list", "--json", **env)
    assert result.code == 0, result.err
    return {e["text"]: e["created_at"] for e in json.loads(result.out)}


def test_the_system_zone_files_really_are_hidden(no_zone_files: dict[str, str]) -> None:
    """The setting these tests rely on: zoneinfo itself searches no folder of the system's."""
    probe = "import zoneinfo; print(zoneinfo.TZPATH)"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, env=no_zone_files, text=True
    )
    assert out.stdout.strip() == repr((no_zone_files["PYTHONTZPATH"],))


def test_local_days_follow_summer_time_without_system_zone_files(
    ready_cli: Cli, no_zone_files: dict[str, str]
) -> None:
    cli = ready_cli
    for day, text in (("2026-01-15", "winter"), ("2026-07-15", "summer")):
        added = cli("entry", "add", "--at", f"{day}T12:00", text, **no_zone_files)
        assert added.code == 0, added.err
    moments = stored(cli, no_zone_files)
    # Noon in New York is 17:00 UTC in January (EST) and 16:00 UTC in July (EDT),
    # whichever season the test runs in.
    assert moments["winter"] == "2026-01-15T17:00:00+00:00"
    assert moments["summer"] == "2026-07-15T16:00:00+00:00"
    listed = cli("entry", "list", **no_zone_files)
    assert "2026-01-15 12:00" in listed.out
    assert "2026-07-15 12:00" in listed.out
    only_july = cli(
        "entry", "list", "--since", "2026-07-15", "--until", "2026-07-15", **no_zone_files
    )
    assert "summer" in only_july.out and "winter" not in only_july.out


def test_a_day_one_date_without_offset_imports_without_system_zone_files(
    ready_cli: Cli, no_zone_files: dict[str, str], tmp_path: Path
) -> None:
    export = {
        "metadata": {"version": "1.0"},
        "entries": [
            {
                "uuid": "A1B2C3D4E5F60718293A4B5C6D7E8F90",
                "creationDate": "2026-07-01T12:00:00",
                "timeZone": "Europe/London",
                "text": "Written at noon in London.",
            }
        ],
    }
    path = tmp_path / "Journal.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    result = ready_cli("import", "dayone-json", str(path), **no_zone_files)
    assert result.code == 0, result.err
    assert stored(ready_cli, no_zone_files) == {
        "Written at noon in London.": "2026-07-01T11:00:00+00:00"
    }


def test_the_zone_comes_from_tzlocal_and_tzdata(no_zone_files: dict[str, str]) -> None:
    """The clock module names the zone (not a fixed offset) with no system zone files."""
    probe = "from journal_app.app.clock import local_zone; print(local_zone())"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=no_zone_files
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == NEW_YORK


def test_a_zone_nobody_can_name_falls_back_to_this_moments_offset() -> None:
    """A POSIX TZ string names no zone: the last fallback is the C library's offset."""
    probe = (
        "from datetime import datetime, UTC;"
        "from journal_app.app.clock import local_zone;"
        "print(datetime(2026, 7, 1, tzinfo=UTC).astimezone(local_zone()).utcoffset())"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env={"TZ": "XYZ-3"}
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "3:00:00"


@pytest.mark.parametrize("system", ["Android", "iOS", "Windows"])
def test_tzdata_and_tzlocal_go_everywhere_as_pure_python(system: str) -> None:
    """Both are installed by a phone build (and on Windows) and carry no compiled code."""
    from importlib import metadata

    from tests.helpers.phone_pins import closure, is_compiled

    found = closure(system)
    for name in ("tzdata", "tzlocal"):
        assert name in found.asked, f"{name} is not installed on {system}"
        assert not is_compiled(metadata.distribution(name))

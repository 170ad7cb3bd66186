"""`follow-ups done ID --at WHEN`: the date and time it happened, on the person's clock."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.cli.test_edit_cli import _contacted_days_ago, refused
from tests.conftest import Cli

ZONE = "America/New_York"


def listed(cli: Cli) -> list[dict]:
    result = cli("follow-ups", "list", "--json", TZ=ZONE)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_followed_up_five_days_ago_at_a_time_brings_the_next_nudge(
    ready_cli: Cli, data_dir: Path
) -> None:
    cli = ready_cli
    _contacted_days_ago(data_dir, 8)
    when = datetime.now(ZoneInfo(ZONE)) - timedelta(days=5)
    typed = f"{when:%Y-%m-%d} 16:05"
    done = cli("follow-ups", "done", "ruiz", "--at", typed, TZ=ZONE)
    assert done.code == 0 and "Well done" in done.out, done.err
    # Counted from five days ago, so the second, quieter nudge is already due.
    (again,) = listed(cli)
    assert again["text"].startswith("You followed up with Dr Ruiz on ")
    assert again["since"] == f"{when:%Y-%m-%d}"


def test_a_bad_or_future_time_is_refused_with_one_line(ready_cli: Cli, data_dir: Path) -> None:
    cli = ready_cli
    _contacted_days_ago(data_dir, 6)
    for typed, says in (
        ("tuesday", "not a date and time"),
        ("2026-11-23", "not a date and time"),  # a date alone: the time is the point
        ("25:00", "not a date and time"),
        ("3000-01-01 10:00", "still to come"),
    ):
        result = refused(cli, data_dir, "follow-ups", "done", "ruiz", "--at", typed, says=says)
        assert len(result.err.strip().splitlines()) == 1
    assert len(listed(cli)) == 1  # still due: nothing was recorded

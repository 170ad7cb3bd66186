"""Days and times on the command line follow the person's own clock (the TZ they run in)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli

DATA = Path(__file__).resolve().parents[1] / "data"
FAR_EAST = "Pacific/Kiritimati"  # UTC+14: local days start 14 hours before UTC's
NEW_YORK = "America/New_York"  # UTC-5 in winter


def texts(cli: Cli, *args: str, tz: str) -> list[str]:
    result = cli("entry", "list", "--json", *args, TZ=tz)
    assert result.code == 0, result.err
    return [e["text"] for e in json.loads(result.out)]


def test_since_and_until_use_the_local_day_east_of_utc(ready_cli: Cli) -> None:
    cli = ready_cli
    # 08:00 on 30 Nov in Kiritimati is 18:00 on 29 Nov in UTC.
    assert cli("entry", "add", "--at", "2026-11-30T08:00", "early", TZ=FAR_EAST).code == 0
    assert texts(cli, "--since", "2026-11-30", tz=FAR_EAST) == ["early"]
    assert texts(cli, "--until", "2026-11-30", tz=FAR_EAST) == ["early"]
    assert texts(cli, "--until", "2026-11-29", tz=FAR_EAST) == []
    listed = cli("entry", "list", TZ=FAR_EAST)
    assert "2026-11-30 08:00" in listed.out


def test_since_and_until_use_the_local_day_west_of_utc(ready_cli: Cli) -> None:
    cli = ready_cli
    # 21:30 on 10 Mar in New York is 01:30 on 11 Mar in UTC.
    assert cli("entry", "add", "--at", "2026-03-10T21:30", "late", TZ=NEW_YORK).code == 0
    assert texts(cli, "--until", "2026-03-10", tz=NEW_YORK) == ["late"]
    assert texts(cli, "--since", "2026-03-11", tz=NEW_YORK) == []


def test_jrnl_times_are_the_local_wall_clock(ready_cli: Cli) -> None:
    cli = ready_cli
    assert cli("import", "jrnl-json", str(DATA / "jrnl_sample.json"), TZ=NEW_YORK).code == 0
    listed = cli("entry", "list", TZ=NEW_YORK)
    # "date": "2023-01-05", "time": "09:15" in the file reads 09:15, not 04:15.
    assert "2023-01-05 09:15" in listed.out
    assert "2023-01-03 23:40" in listed.out
    stored = json.loads(cli("entry", "list", "--json", TZ=NEW_YORK).out)
    assert "2023-01-05T14:15:00+00:00" in {e["created_at"] for e in stored}
    assert texts(cli, "--since", "2023-01-03", "--until", "2023-01-03", tz=NEW_YORK) == [
        next(e["text"] for e in stored if e["created_at"].startswith("2023-01-04T04:40"))
    ]


def test_export_bundle_dates_follow_the_local_day(ready_cli: Cli, tmp_path: Path) -> None:
    cli = ready_cli
    assert cli("entry", "add", "--at", "2026-11-30T08:00", "early", TZ=FAR_EAST).code == 0
    secret = tmp_path / "pass.txt"
    secret.write_text("correct horse battery staple orbit", encoding="utf-8")
    out = tmp_path / "summary.html"
    made = cli(
        "export-bundle",
        "--out",
        str(out),
        "--include",
        "entries",
        "--since",
        "2026-11-30",
        "--passphrase-file",
        str(secret),
        TZ=FAR_EAST,
    )
    assert made.code == 0, made.err
    opened = cli("open-bundle", str(out), "--passphrase-file", str(secret), "--format", "markdown")
    assert opened.code == 0, opened.err
    assert "early" in opened.out

"""Import summaries read right in the singular and the plural and name what was skipped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from journal_app.core.import_summary import Imported, summary_lines
from journal_app.core.importers import MovedTime

DAY = datetime(2023, 1, 5, 14, 30, tzinfo=UTC)


def days(n: int) -> tuple[datetime, ...]:
    return tuple(DAY + timedelta(days=i) for i in range(n))


@pytest.mark.parametrize(
    ("done", "lines"),
    [
        (Imported("jrnl", 1, 0, 0), ["Imported 1 entry from jrnl."]),
        (Imported("jrnl", 2, 0, 0), ["Imported 2 entries from jrnl."]),
        (Imported("jrnl", 0, 1, 0), ["Nothing new: its 1 entry was already in your journal."]),
        (
            Imported("jrnl", 0, 1200, 0),
            ["Nothing new: all 1,200 entries were already in your journal."],
        ),
        (Imported("jrnl", 0, 0, 1), ["Nothing was imported: its 1 entry has no words."]),
        (
            Imported("jrnl", 0, 0, 3),
            ["Nothing was imported: none of its 3 entries has any words."],
        ),
        (Imported("jrnl", 0, 0, 0), ["Nothing was imported: the file holds no entries."]),
        (
            Imported("jrnl", 3, 1, 1),
            [
                "Imported 3 entries from jrnl.",
                "Skipped 1 entry already in your journal.",
                "Skipped 1 entry with no words (blank).",
            ],
        ),
        (
            Imported("Day One", 1, 2, 2),
            [
                "Imported 1 entry from Day One.",
                "Skipped 2 entries already in your journal.",
                "Skipped 2 entries with no words (blank, or only photos or other media).",
            ],
        ),
    ],
)
def test_counts_read_right(done: Imported, lines: list[str]) -> None:
    assert summary_lines(done) == lines


def test_edits_kept_and_differing_entries_are_named_by_day() -> None:
    one = Imported("Day One", 0, 3, 0, edited=days(1), earlier_kept=1)
    assert summary_lines(one) == [
        "Imported 0 entries from Day One.",
        "Brought in the changes made in Day One to 1 entry since it was last imported "
        "(2023-01-05); the words it had before are kept as an entry tagged earlier-version.",
        "Skipped 3 entries already in your journal.",
    ]
    seven = Imported("Day One", 0, 0, 0, edited=days(7), earlier_kept=7)
    assert summary_lines(seven)[1] == (
        "Brought in the changes made in Day One to 7 entries since they were last imported "
        "(2023-01-05, 2023-01-06, 2023-01-07, 2023-01-08, 2023-01-09 and 2 more); "
        "the words they had before are kept as entries tagged earlier-version."
    )
    tags_only = Imported("Day One", 0, 0, 0, edited=days(1))
    assert summary_lines(tags_only)[1].endswith("since it was last imported (2023-01-05).")
    left = Imported("Day One", 0, 0, 0, kept_here=days(2), differ=days(1))
    assert summary_lines(left) == [
        "Imported nothing new from Day One.",
        "Left 2 entries as you changed them here (2023-01-05, 2023-01-06): "
        "the export's words are older.",
        "1 entry differs from the export and was left as it is (2023-01-05): "
        "the export does not say which words are newer.",
    ]
    two = Imported("Day One", 0, 0, 0, differ=days(2))
    assert summary_lines(two)[1].startswith("2 entries differ from the export and were left")


def test_days_are_the_persons_own() -> None:
    from zoneinfo import ZoneInfo

    late = Imported("Day One", 0, 0, 0, differ=(datetime(2023, 1, 6, 2, 0, tzinfo=UTC),))
    assert "(2023-01-05)" in summary_lines(late, ZoneInfo("America/New_York"))[1]


def test_moved_times_beside_entries_and_media_are_named() -> None:
    moved = MovedTime(
        0, datetime(2026, 3, 8, 2, 30), datetime(2026, 3, 8, 3, 30), "America/New_York"
    )
    other = MovedTime(1, datetime(2026, 3, 29, 1, 5), datetime(2026, 3, 29, 2, 5), "Europe/London")
    done = Imported(
        "jrnl",
        2,
        0,
        0,
        beside=(DAY,),
        moved=(moved, other),
        media_left_out={"audio": 1, "photo": 3, "video": 1},
    )
    assert summary_lines(done) == [
        "Imported 2 entries from jrnl.",
        "1 entry has the date and time of one already in your journal but other words, "
        "so it was added beside it (2023-01-05 14:30).",
        "2 entries have times that the clock skipped when summer time began, so they were "
        "placed at the next real time: 2026-03-08 02:30 (America/New_York) became 03:30, "
        "2026-03-29 01:05 (Europe/London) became 02:05.",
        "Left out 3 photos, 1 video and 1 audio recording: the journal keeps words only, and "
        'each is marked where it was (for example "[photo not imported]").',
    ]
    single = Imported("jrnl", 1, 0, 0, moved=(moved,), media_left_out={"photo": 1})
    assert summary_lines(single)[1:] == [
        "1 entry has a time that the clock skipped when summer time began in "
        "America/New_York, so it was placed at the next real time: "
        "2026-03-08 02:30 became 03:30.",
        "Left out 1 photo: the journal keeps words only, and each is marked where it was "
        '(for example "[photo not imported]").',
    ]

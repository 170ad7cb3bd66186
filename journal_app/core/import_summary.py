"""What an import did, in plain sentences both shells show: nothing vanishes silently.

Every number reads right in the singular and the plural ("1 entry", "2 entries"), and
whatever was not brought in is named with the reason: already in the journal, no words,
changed here since, different with nothing to say which is newer, photos, or a time the
clock skipped. Entries are named by their local date (never by their words: summaries end
up in screenshots and terminals' scroll-back).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo

from journal_app.core.import_plan import EARLIER_VERSION_TAG
from journal_app.core.importers import DAY_ONE, MovedTime

NAMED_AT_MOST = 5  # dates listed in one sentence before "and 3 more"
# What each kind of media an export holds is called, in the order they are named.
MEDIA_NOUNS = {"photo": "photo", "video": "video", "audio": "audio recording", "PDF": "PDF"}


@dataclass(frozen=True)
class Imported:
    """What an import did. Moments are stored (UTC) ones; the summary shows local days."""

    source_name: str
    added: int
    already: int
    empty: int
    edited: tuple[datetime, ...] = ()  # brought in again: changed in the other app since
    earlier_kept: int = 0  # of those, how many had words that are now kept as a copy
    kept_here: tuple[datetime, ...] = ()  # left: changed here after the export's version
    differ: tuple[datetime, ...] = ()  # left: different, and no sign which is newer
    beside: tuple[datetime, ...] = ()  # added beside one at the same minute with other words
    moved: tuple[MovedTime, ...] = ()  # of the added ones: times moved out of a DST gap
    media_left_out: dict[str, int] = field(default_factory=dict)


def count(n: int, one: str, many: str | None = None) -> str:
    """ "1 entry", "2 entries", "1,200 photos"."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def entries(n: int) -> str:
    return count(n, "entry", "entries")


def _days(moments: Sequence[datetime], tz: tzinfo | None, fmt: str = "%Y-%m-%d") -> str:
    shown = [m.astimezone(tz or UTC).strftime(fmt) for m in sorted(moments)[:NAMED_AT_MOST]]
    more = len(moments) - len(shown)
    return ", ".join(shown) + (f" and {more:,} more" if more > 0 else "")


def _first_line(done: Imported) -> str:
    if done.added or done.edited:
        return f"Imported {entries(done.added)} from {done.source_name}."
    if done.kept_here or done.differ:
        return f"Imported nothing new from {done.source_name}."
    if done.already:
        if done.already == 1:
            return "Nothing new: its 1 entry was already in your journal."
        return f"Nothing new: all {done.already:,} entries were already in your journal."
    if done.empty:
        return (
            "Nothing was imported: its 1 entry has no words."
            if done.empty == 1
            else f"Nothing was imported: none of its {done.empty:,} entries has any words."
        )
    return "Nothing was imported: the file holds no entries."


def _edited_line(done: Imported, tz: tzinfo | None) -> str:
    n = len(done.edited)
    line = (
        f"Brought in the changes made in {done.source_name} to {entries(n)} since "
        f"{'it was' if n == 1 else 'they were'} last imported ({_days(done.edited, tz)})"
    )
    if done.earlier_kept:
        line += (
            f"; the words {'it' if n == 1 else 'they'} had before are kept as "
            f"{'an entry' if done.earlier_kept == 1 else 'entries'} tagged {EARLIER_VERSION_TAG}"
        )
    return line + "."


def _skipped_lines(done: Imported, tz: tzinfo | None) -> list[str]:
    lines = []
    if done.already and (done.added or done.edited or done.kept_here or done.differ):
        lines.append(f"Skipped {entries(done.already)} already in your journal.")
    if done.empty and (done.added or done.already or done.edited):
        why = "blank, or only photos or other media" if done.source_name == DAY_ONE else "blank"
        lines.append(f"Skipped {entries(done.empty)} with no words ({why}).")
    if done.kept_here:
        n = len(done.kept_here)
        lines.append(
            f"Left {entries(n)} as you changed {'it' if n == 1 else 'them'} here "
            f"({_days(done.kept_here, tz)}): the export's words are older."
        )
    if done.differ:
        n = len(done.differ)
        lines.append(
            f"{entries(n).capitalize()} {'differs' if n == 1 else 'differ'} from the export "
            f"and {'was left as it is' if n == 1 else 'were left as they are'} "
            f"({_days(done.differ, tz)}): the export does not say which words are newer."
        )
    return lines


def _beside_line(done: Imported, tz: tzinfo | None) -> str:
    n = len(done.beside)
    return (
        f"{entries(n).capitalize()} {'has' if n == 1 else 'have'} the date and time of one "
        f"already in your journal but other words, so {'it was' if n == 1 else 'they were'} "
        f"added beside it ({_days(done.beside, tz, '%Y-%m-%d %H:%M')})."
    )


def _moved_line(moved: Sequence[MovedTime]) -> str:
    n = len(moved)
    zones = {m.zone for m in moved}
    where = f" in {next(iter(zones))}" if len(zones) == 1 else ""
    shown = [
        f"{m.written:%Y-%m-%d %H:%M}"
        + ("" if where else f" ({m.zone})")
        + f" became {m.placed:%H:%M}"
        for m in moved[:NAMED_AT_MOST]
    ]
    more = n - len(shown)
    listed = ", ".join(shown) + (f" and {more:,} more" if more > 0 else "")
    return (
        f"{entries(n).capitalize()} {'has a time' if n == 1 else 'have times'} that the "
        f"clock skipped when summer time began{where}, so {'it was' if n == 1 else 'they were'}"
        f" placed at the next real time: {listed}."
    )


def _media_line(media: dict[str, int]) -> str:
    order = [*MEDIA_NOUNS, *sorted(set(media) - set(MEDIA_NOUNS))]
    kinds = [count(media[k], MEDIA_NOUNS.get(k, k)) for k in order if media.get(k)]
    listed = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " and " + kinds[-1]
    return (
        f"Left out {listed}: the journal keeps words only, and each is marked where it was "
        '(for example "[photo not imported]").'
    )


def summary_lines(done: Imported, tz: tzinfo | None = None) -> list[str]:
    """The sentences to show after an import, most important first; ``tz`` names days."""
    lines = [_first_line(done)]
    if done.edited:
        lines.append(_edited_line(done, tz))
    lines += _skipped_lines(done, tz)
    if done.beside:
        lines.append(_beside_line(done, tz))
    if done.moved:
        lines.append(_moved_line(done.moved))
    if any(done.media_left_out.values()):
        lines.append(_media_line(done.media_left_out))
    return lines

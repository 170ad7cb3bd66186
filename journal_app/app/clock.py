"""The one source of time for both shells: now, the person's zone, their today and days.

The core never reads the clock; the shells never work out local time themselves (no bare
``.astimezone()``, ``datetime.now()`` or ``date.today()`` in ``ui/`` or ``cli/``, which
tests/test_local_time_source.py checks). Everything person-facing goes through here, so a
phone, a Windows laptop and a Linux desktop agree on what "today" and "10:15" mean.

Where the zone comes from, in order:

1. ``tzlocal`` names the device's zone (TZ, /etc/localtime, Windows' registry, Android's
   ``persist.sys.timezone``); its rules come from the system's zone files or, where there
   are none (Android, Windows), from the ``tzdata`` package.
2. The lookup the app used before tzlocal: TZ or /etc/localtime's link, read with zoneinfo.
3. Last of all, the fixed offset the C library reports for this moment. It is right today
   but an hour off across a daylight-saving change, which is why it is only the fallback.
"""

from __future__ import annotations

import logging
import os
import threading
import time as _time
import warnings
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ZONEINFO_DIR_MARK = "zoneinfo/"
# How long a looked-up zone is trusted before asking the system again (a changed TZ is
# noticed at once): a laptop carried across a border shows the new zone within a minute.
ZONE_REFRESH_SECONDS = 60.0

# tzlocal speaks through logging about configurations it distrusts; with no logging set
# up that would land on a command's stderr, where every message is one line of ours.
logging.getLogger("tzlocal").setLevel(logging.ERROR)

_cache_guard = threading.Lock()
_cached: tuple[str, float, tzinfo] | None = None  # (TZ as set, when looked up, the zone)


def now_utc() -> datetime:
    """The current moment, in UTC."""
    return datetime.now(UTC)


def new_id() -> str:
    """A fresh random record id: a version-4 UUID as 32 hex digits, as ``uuid.uuid4().hex``
    gives, made here because importing ``uuid`` (and ``platform`` with it) was a few
    milliseconds of every cold command."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # the RFC 4122 variant
    return raw.hex()


def _named_zone(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _tzlocal_zone() -> tzinfo | None:
    """The device's zone as tzlocal finds it, or None when it finds no configuration.

    tzlocal answers "UTC" with a warning when a device names no zone at all; that guess is
    worse than the C library's offset for this moment, so it is not taken.
    """
    try:
        import tzlocal
    except ImportError:  # pragma: no cover - a dependency; kept as a fallback only
        return None
    with warnings.catch_warnings(record=True) as heard:
        warnings.simplefilter("always")
        try:
            zone = tzlocal.reload_localzone()
        except (ZoneInfoNotFoundError, ValueError, LookupError, OSError):
            return None
    if any("defaulting to UTC" in str(w.message) for w in heard):
        return None
    return zone


def _system_zone() -> tzinfo | None:
    """The lookup used before tzlocal: TZ's name, else /etc/localtime's link target."""
    name = os.environ.get("TZ", "").removeprefix(":")
    if name:
        return _named_zone(name)
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        return None
    if ZONEINFO_DIR_MARK in target:
        return _named_zone(target.split(ZONEINFO_DIR_MARK, 1)[1])
    return None


def _fixed_offset_now() -> tzinfo:
    """This moment's offset from the C library: right now, an hour off across DST."""
    return datetime.now().astimezone().tzinfo or UTC


def find_local_zone() -> tzinfo:
    """Look the zone up afresh (tzlocal, then the old lookup, then today's offset)."""
    return _tzlocal_zone() or _system_zone() or _fixed_offset_now()


def local_zone() -> tzinfo:
    """The person's time zone, with its summer-time rules, for placing moments on their calendar.

    The core is given this rather than reading the system itself. A named zone places a
    July entry on the right day in January too. Looked up at most once a minute (and at
    once when TZ changes), since lists format hundreds of moments.
    """
    global _cached
    tz_env = os.environ.get("TZ", "")
    now = _time.monotonic()
    with _cache_guard:
        if _cached is not None and _cached[0] == tz_env and now - _cached[1] < ZONE_REFRESH_SECONDS:
            return _cached[2]
    zone = find_local_zone()
    with _cache_guard:
        _cached = (tz_env, now, zone)
    return zone


def now_local() -> datetime:
    """The current moment on the person's clock (an aware date-time in their zone)."""
    return datetime.now(local_zone())


def today() -> date:
    """The person's today: their calendar's date, not UTC's."""
    return now_local().date()


def local_time(moment: datetime, tz: tzinfo | None = None) -> datetime:
    """A stored moment on the person's clock (``tz`` saves looking the zone up again).

    A naive moment is a stored one that lost its zone, which is always UTC here.
    """
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(tz or local_zone())


def local_text(moment: datetime, tz: tzinfo | None = None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored moment as the person's own clock shows it (``tz`` saves looking the zone up)."""
    return local_time(moment, tz).strftime(fmt)


def local_to_utc(moment: datetime, tz: tzinfo | None = None) -> datetime:
    """A date-time the person typed without a zone means their local time.

    A time in the hour skipped when summer time begins is read with the offset before the
    change (02:30 becomes 03:30), as calendars do (RFC 5545), rather than refused.
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz or local_zone())  # interpret as local
    return moment.astimezone(UTC)


def at_local(day: date, clock: time, tz: tzinfo | None = None) -> datetime:
    """``clock`` on ``day`` in the person's zone, as a UTC moment (a date picked in a form)."""
    return local_to_utc(datetime.combine(day, clock), tz)


def day_start(day: date, tz: tzinfo | None = None) -> datetime:
    """The first moment of a local day, in UTC: the boundary "since" and "today" count from.

    Days are 23 or 25 hours long where summer time changes, so the next day's start is
    worked out on the calendar, never as 24 hours later.
    """
    return at_local(day, time(0, 0), tz)


def day_end(day: date, tz: tzinfo | None = None) -> datetime:
    """The first moment after a local day, in UTC (exclusive end)."""
    return day_start(day + timedelta(days=1), tz)

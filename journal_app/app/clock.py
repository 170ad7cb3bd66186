"""The shells' source of time and fresh ids, handed to the pure core as plain values."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ZONEINFO_DIR_MARK = "zoneinfo/"


def now_utc() -> datetime:
    """The current moment, in UTC."""
    return datetime.now(UTC)


def new_id() -> str:
    """A fresh random record id."""
    return uuid.uuid4().hex


def _named_zone(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_zone() -> tzinfo:
    """The person's time zone, with its summer-time rules, for placing moments on their calendar.

    The core is given this rather than reading the system itself. A named zone (from TZ or
    /etc/localtime) places a July entry on the right day in January too; the fixed offset
    of this moment is only the fallback when the system names no zone we can find.
    """
    name = os.environ.get("TZ", "").removeprefix(":")
    if name and (zone := _named_zone(name)) is not None:
        return zone
    if not name:
        try:
            target = os.path.realpath("/etc/localtime")
        except OSError:
            target = ""
        if ZONEINFO_DIR_MARK in target:
            key = target.split(ZONEINFO_DIR_MARK, 1)[1]
            if (zone := _named_zone(key)) is not None:
                return zone
    return datetime.now().astimezone().tzinfo or UTC


def now_local() -> datetime:
    """The current moment on the person's clock (an aware date-time in their zone)."""
    return datetime.now(local_zone())


def local_to_utc(moment: datetime) -> datetime:
    """A date-time the person typed without a zone means their local time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=local_zone())  # interpret as local
    return moment.astimezone(UTC)


def local_text(moment: datetime, tz: tzinfo | None = None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored moment as the person's own clock shows it (``tz`` saves looking the zone up)."""
    return moment.astimezone(tz or local_zone()).strftime(fmt)

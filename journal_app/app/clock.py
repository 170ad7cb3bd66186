"""The shells' source of time and fresh ids, handed to the pure core as plain values."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime


def now_utc() -> datetime:
    """The current moment, in UTC."""
    return datetime.now(UTC)


def new_id() -> str:
    """A fresh random record id."""
    return uuid.uuid4().hex


def local_to_utc(moment: datetime) -> datetime:
    """A date-time the person typed without a zone means their local time."""
    if moment.tzinfo is None:
        moment = moment.astimezone()  # interpret as local
    return moment.astimezone(UTC)

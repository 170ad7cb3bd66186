"""The share log: what went to whom and when, with the file's fingerprint. Never the passphrase."""

from __future__ import annotations

from datetime import datetime

from journal_app.core.ports import RecordStore
from journal_app.core.records import ReferralSource, ShareLogEntry
from journal_app.core.sharing import SharePreview


def record_share(
    store: RecordStore, preview: SharePreview, fingerprint: str, *, record_id: str, now: datetime
) -> ShareLogEntry:
    """Remember a share, linking it to a known referrer when the label names one."""
    label = preview.selection.recipient
    source = next(
        (s for s in store.all(ReferralSource) if label and s.name.casefold() == label.casefold()),
        None,
    )
    entry = ShareLogEntry(
        id=record_id,
        created_at=now,
        recipient=label,
        sections=list(preview.selection.sections),
        fingerprint=fingerprint,
        since=preview.selection.since,
        until=preview.selection.until,
        referral_source_id=source.id if source else None,
    )
    store.add(entry)
    return entry

"""Sharing with a referrer, written once for both shells: preview, seal, save, log, open.

Consent comes first: ``preview_share`` only reads. Nothing is written (no file, no share-log
entry) until the person confirms, and the file holds that very preview. The passphrase is
returned to the shell to show once; it is never stored, and the share log keeps only the
file's fingerprint.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from journal_app.app.files import save_file_once
from journal_app.app.journal_access import Journal
from journal_app.app.month import last_months
from journal_app.app.profile import current_profile
from journal_app.core.passphrase import check_bundle_passphrase
from journal_app.core.pdf_password import check_pdf_passphrase, pdf_text
from journal_app.core.ports import RecordStore
from journal_app.core.records import ReferralSource, ShareLogEntry
from journal_app.core.sharing import SharePreview, ShareSelection, build_preview, check_selection
from journal_app.resources import assets_dir
from journal_app.share import passphrases
from journal_app.share.bundle import build_bundle
from journal_app.share.bundle import short_fingerprint as short_fingerprint  # for the shells
from journal_app.share.pdf import build_pdf, entries_note
from journal_app.share.reader import read_bundle

HTML = "html"
PDF = "pdf"
FORMATS = (HTML, PDF)


@dataclass(frozen=True)
class SealedShare:
    """The encrypted file, made after consent but not yet saved anywhere."""

    preview: SharePreview
    data: bytes = field(repr=False)
    fingerprint: str
    passphrase: str = field(repr=False)
    generated: bool
    created: datetime
    format: str = HTML

    @property
    def short_fingerprint(self) -> str:
        """What the person reads out with the passphrase, so the recipient can check the file."""
        return short_fingerprint(self.fingerprint)

    @property
    def pdf_password(self) -> str:
        """A PDF reader takes the passphrase exactly: small letters, single spaces. A
        generated PDF passphrase is already in that form (and opens without its spaces too)."""
        return pdf_text(self.passphrase)

    @property
    def passphrase_to_show(self) -> str | None:
        """The passphrase when the app made it (shown once); None when the person chose it."""
        return self.passphrase if self.generated else None


def preview_share(
    store: Journal, selection: ShareSelection, today: date, tz: tzinfo | None = None
) -> SharePreview:
    """Exactly what would leave the device, with days on the person's calendar (``tz``).

    Reads only. The months at a glance, when chosen, are gathered by the month view's own
    use case, so the copy shows each day as the app does."""
    selection = check_selection(selection)  # before reading months for a count out of range
    months = last_months(store, today, selection.months, tz) if selection.months else []
    profile = current_profile(store)
    return build_preview(store, profile, selection, today=today, tz=tz, months=months)


def own_passphrase(typed: str | None, file_format: str = HTML) -> str | None:
    """The person's own bundle passphrase, checked; None means "make one for me".

    For a PDF it must also work in every reader and be strong in the first 32 bytes,
    all that Poppler keeps (core/pdf_password.py)."""
    if typed is None or not typed.strip():
        return None
    if file_format == PDF:
        return check_pdf_passphrase(typed)
    return check_bundle_passphrase(typed)


def passphrase_groups(passphrase: str) -> list[str]:
    """The groups a generated passphrase is shown in: word pairs, or a code's fours."""
    parts = passphrase.split(" - ") if " - " in passphrase else passphrase.split(" ")
    return [p.strip() for p in parts if p.strip()]


_NATO_WORDS = (
    "alfa bravo charlie delta echo foxtrot golf hotel juliett kilo mike november papa "
    "quebec romeo sierra tango victor whiskey x-ray yankee zulu"
)
_NATO = {word[0]: word for word in _NATO_WORDS.split()}


def spoken(passphrase: str) -> str | None:
    """How a generated code is read out so a listener cannot mishear a letter ('b' and
    'd' sound alike; 'bravo' and 'delta' don't): 'kilo 7 mike 2 / x-ray 9 papa quebec …'.
    None for word passphrases, which are read as they are."""
    if " - " in passphrase or not passphrase.replace(" ", "").isascii():
        return None
    groups = passphrase_groups(passphrase)
    if not all(ch.isdigit() or ch in _NATO for g in groups for ch in g):
        return None
    return " / ".join(" ".join(_NATO.get(ch, ch) for ch in g) for g in groups)


def seal_share(
    preview: SharePreview, typed_passphrase: str | None, now: datetime, file_format: str = HTML
) -> SealedShare:
    """Encrypt the previewed content as a self-opening HTML file (slow: PBKDF2) or as an
    AES-256 PDF. Writes nothing anywhere."""
    own = own_passphrase(typed_passphrase, file_format)
    if own is not None:
        passphrase = own
    else:
        passphrase = passphrases.generate_code() if file_format == PDF else passphrases.generate()
    if file_format == PDF:
        data = build_pdf(preview, passphrase, now)
    else:
        data = build_bundle(preview, passphrase, now).data
    return SealedShare(
        preview=preview,
        data=data,
        fingerprint=hashlib.sha256(data).hexdigest(),
        passphrase=passphrase,
        generated=own is None,
        created=now,
        format=PDF if file_format == PDF else HTML,
    )


def pdf_entries_note(preview: SharePreview) -> str | None:
    """When a PDF of this preview would hold only the newest entries, the sentence saying
    so (the HTML copy holds them all); None when it holds every one."""
    return entries_note(preview)


def record_share(store: RecordStore, sealed: SealedShare, *, record_id: str) -> ShareLogEntry:
    """Remember a share (never the passphrase), linked to a known referrer by name."""
    selection = sealed.preview.selection
    label = selection.recipient
    source = next(
        (s for s in store.all(ReferralSource) if label and s.name.casefold() == label.casefold()),
        None,
    )
    entry = ShareLogEntry(
        id=record_id,
        created_at=sealed.created,
        recipient=label,
        sections=list(selection.sections),
        fingerprint=sealed.fingerprint,
        since=selection.since,
        until=selection.until,
        referral_source_id=source.id if source else None,
    )
    store.add(entry)
    return entry


def export_to_file(
    store: RecordStore,
    sealed: SealedShare,
    out: Path,
    *,
    record_id: str,
) -> None:
    """Save a sealed share at ``out`` and log it: the file appears only once the share is
    in the log, so no bundle is left behind whose share was never recorded or shown."""
    save_file_once(out, sealed.data, lambda: record_share(store, sealed, record_id=record_id))


def share_history(store: RecordStore) -> list[ShareLogEntry]:
    """Every share, newest first."""
    return sorted(store.all(ShareLogEntry), key=lambda s: s.created_at, reverse=True)


def open_bundle(data: bytes, passphrase: str) -> dict[str, Any]:
    """Decrypt a bundle (no journal needed): its payload with ``html`` and ``markdown``."""
    return read_bundle(data, passphrase)


def fingerprint_of(data: bytes) -> str:
    """The short fingerprint of a file's bytes, as the sender's share log shows it."""
    return short_fingerprint(hashlib.sha256(data).hexdigest())


def standalone_html(payload: dict[str, Any]) -> str:
    """A decrypted bundle as one plain HTML page (no scripts, nothing fetched)."""
    css = (assets_dir() / "bundle" / "content.css").read_text(encoding="utf-8")
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
        f"<title>Shared summary</title><style>{css}</style></head>"
        f"<body>{payload['html']}</body></html>\n"
    )

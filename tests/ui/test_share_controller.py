"""The share screen's controller on a real vault: consent first, the file is the preview."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import flet as ft
import pytest

from journal_app.app.session import AppSession
from journal_app.core.journal import EntryDraft, InvalidInput, add_entry
from journal_app.core.records import ShareLogEntry
from journal_app.core.sharing import DEFAULT_SECTIONS, ENTRIES, SECTIONS
from journal_app.share.reader import read_bundle
from journal_app.ui.controllers.share import (
    CHOOSE,
    DONE,
    PREVIEW,
    ShareController,
    preview_pages,
)
from tests.conftest import snapshot

PASSPHRASE = "quiet harbour maple 7"
NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
SECRET = "I rang the clinic and my hands shook"


@pytest.fixture
def session(tmp_path: Path) -> AppSession:
    s = AppSession(tmp_path / "j", clock=lambda: NOW)
    s.create(PASSPHRASE, PASSPHRASE)
    with s.work() as repo:
        for day in range(10):
            add_entry(
                repo,
                EntryDraft(text=f"{SECRET} (day {day})", anxiety=4 + day % 3),
                record_id=f"e{day}",
                now=NOW - timedelta(days=day),
            )
    yield s
    s.lock()


def test_choices_start_from_the_defaults_with_the_core_titles(session: AppSession) -> None:
    ctl = ShareController(session)
    choices = ctl.choices()
    assert [c.title for c in choices] == list(SECTIONS.values())
    assert [c.key for c in choices if c.chosen] == list(DEFAULT_SECTIONS)
    ctl.set_section(ENTRIES, True)
    ctl.set_section("profile", False)
    assert "entries" in ctl.sections and "profile" not in ctl.sections


def test_preview_writes_nothing_and_the_file_holds_exactly_the_preview(
    session: AppSession,
) -> None:
    ctl = ShareController(session)
    ctl.set_section(ENTRIES, True)
    ctl.recipient = "Dr Patel (GP)"
    ctl.since_text = (NOW - timedelta(days=4)).date().isoformat()
    before = snapshot(session.data_dir)
    preview = ctl.make_preview()
    assert ctl.stage == PREVIEW
    assert snapshot(session.data_dir) == before  # consent first: not a byte written
    assert not (session.data_dir / "exports").exists()
    with session.work() as repo:
        assert repo.all(ShareLogEntry) == []
    assert SECRET in preview.markdown and "(day 4)" in preview.markdown
    assert "(day 5)" not in preview.markdown  # outside the date range
    assert any(c.startswith("Journal entries: 5 items") for c in ctl.counts())
    assert "".join(ctl.pages()) == preview.markdown

    outcome = ctl.create_in_exports()
    assert ctl.stage == DONE
    assert outcome.path is not None and outcome.path.parent == session.data_dir / "exports"
    assert outcome.path.name == "summary-2026-11-20.html"
    payload = read_bundle(outcome.path.read_bytes(), outcome.passphrase)
    assert payload["markdown"] == preview.markdown
    assert payload["recipient"] == "Dr Patel (GP)"


def test_the_passphrase_is_never_kept_in_the_share_log(session: AppSession) -> None:
    ctl = ShareController(session)
    ctl.recipient = "Dr Patel"
    ctl.make_preview()
    outcome = ctl.create_in_exports()
    passphrase = outcome.passphrase
    assert passphrase and len(passphrase.split()) >= 8
    with session.work() as repo:
        [logged] = repo.all(ShareLogEntry)
        stored = repo.vault.read().decode("utf-8")
    assert logged.recipient == "Dr Patel"
    assert logged.sections == list(DEFAULT_SECTIONS)
    assert passphrase not in json.dumps(logged.to_dict(), default=str)
    assert passphrase not in stored  # nowhere in the whole journal
    [row] = ctl.share_log()
    assert row.to == "Dr Patel" and row.fingerprint == outcome.fingerprint
    assert len(row.fingerprint) == 19  # "ABCD EF01 2345 6789": read out with the passphrase
    assert row.sections.startswith("What I'm looking for")
    ctl.finish()
    assert "share" not in session.screen_state


def test_own_passphrase_is_checked_before_the_preview_and_not_shown_again(
    session: AppSession,
) -> None:
    ctl = ShareController(session)
    ctl.own_passphrase = "hello"
    with pytest.raises(InvalidInput, match="too easy to guess"):
        ctl.make_preview()
    assert ctl.stage == CHOOSE
    mine = "lantern orbit velvet cactus morning river"
    ctl.own_passphrase = mine
    preview = ctl.make_preview()
    outcome = ctl.create_in_exports()
    assert outcome.passphrase is None  # the person knows it; the app doesn't repeat it
    assert ctl.own_passphrase == ""
    assert read_bundle(outcome.path.read_bytes(), mine.upper())["markdown"] == preview.markdown


def test_bad_choices_are_refused_in_plain_words(session: AppSession) -> None:
    ctl = ShareController(session)
    for key in list(ctl.sections):
        ctl.set_section(key, False)
    with pytest.raises(InvalidInput, match="at least one"):
        ctl.make_preview()
    ctl.set_section("goals", True)
    ctl.since_text = "last tuesday"
    with pytest.raises(InvalidInput, match="From"):
        ctl.make_preview()
    ctl.since_text, ctl.until_text = "2026-11-10", "2026-11-01"
    with pytest.raises(InvalidInput, match="after the end"):
        ctl.make_preview()
    with pytest.raises(InvalidInput, match="Preview"):
        ctl.seal()  # no consent without a preview


def test_going_back_keeps_the_choices(session: AppSession) -> None:
    ctl = ShareController.for_session(session)
    ctl.recipient = "Dr Lee"
    ctl.make_preview()
    ctl.edit_choices()
    again = ShareController.for_session(session)
    assert again is ctl and again.stage == CHOOSE and again.recipient == "Dr Lee"
    session.lock()  # locking forgets an unfinished share (and any passphrase)
    assert "share" not in session.screen_state


def test_long_previews_are_paged_without_changing_a_character() -> None:
    text = "# Title\n\n" + "".join(f"### Entry {n}\n\n{'word ' * 400}\n\n" for n in range(40))
    pages = preview_pages(text, limit=5_000)
    assert len(pages) > 5
    assert "".join(pages) == text
    assert all(p.startswith("#") for p in pages)


def test_saved_elsewhere_is_logged_with_where_it_went(session: AppSession) -> None:
    ctl = ShareController(session)
    ctl.make_preview()
    sealed = ctl.seal()
    before = snapshot(session.data_dir)
    assert not (session.data_dir / "exports").exists()
    assert snapshot(session.data_dir) == before
    outcome = ctl.saved(sealed, "your Downloads folder, as summary-2026-11-20.html")
    assert outcome.path is None and outcome.data == sealed.data
    assert read_bundle(sealed.data, outcome.passphrase)["markdown"] == sealed.preview.markdown
    assert date.fromisoformat(read_bundle(sealed.data, outcome.passphrase)["created"][:10])


def test_dates_come_from_a_picker_as_date_objects(session: AppSession) -> None:
    ctl = ShareController(session)
    ctl.set_since(date(2026, 11, 1))
    ctl.set_until(datetime(2026, 11, 30, 18, 0, tzinfo=UTC))
    assert (ctl.since_day(), ctl.until_day()) == (date(2026, 11, 1), date(2026, 11, 30))
    selection = ctl.selection()
    assert (selection.since, selection.until) == (date(2026, 11, 1), date(2026, 11, 30))
    ctl.set_until(None)
    assert ctl.until_day() is None and ctl.selection().until is None
    ctl.set_since("last tuesday")  # typed text is still checked, plainly
    assert ctl.since_day() is None
    with pytest.raises(InvalidInput, match="From"):
        ctl.selection()
    ctl.set_since(date(2026, 12, 5))
    ctl.set_until(date(2026, 12, 1))
    with pytest.raises(InvalidInput, match="after the end"):
        ctl.make_preview()


def test_a_pdf_copy_and_the_item9_notice(session: AppSession) -> None:
    """The Share screen's PDF choice makes an encrypted PDF of the same preview, and a
    positive PHQ-9 item 9 is announced on the preview before anything is made."""
    import io

    from pypdf import PdfReader

    from journal_app.core.checkins import record_checkin

    with session.work() as repo:
        record_checkin(repo, "phq9", [0, 0, 0, 0, 0, 0, 0, 0, 1], record_id="c-i9",
                       now=session.now())  # fmt: skip
    ctl = ShareController(session)
    ctl.make_preview()
    assert "question 9" in (ctl.item9_notice() or "")
    ctl.set_format("pdf")
    assert ctl.file_name().endswith(".pdf")
    outcome = ctl.create_in_exports()
    assert outcome.path is not None and outcome.path.suffix == ".pdf"
    assert outcome.pdf_password and outcome.file_format == "pdf"
    reader = PdfReader(io.BytesIO(outcome.path.read_bytes()))
    assert reader.decrypt(outcome.pdf_password) != 0
    assert "item 9" in reader.pages[0].extract_text()


def test_the_pdf_choice_says_beforehand_when_it_holds_only_the_newest_entries(
    session: AppSession,
) -> None:
    """A long journal's PDF holds its newest entries only; the person reads that beside
    the choice of file, before making it, not only inside the PDF afterwards."""
    from journal_app.share.pdf import MAX_PDF_ENTRIES
    from journal_app.ui.screens import share as share_screen
    from tests.ui.screen_check import checked_tree, screen_context
    from tests.ui.test_small_screen_fixes import controls

    def words_on(screen: object) -> list[str]:
        return [c.value for c in controls(screen) if isinstance(c, ft.Text) and c.value]

    ctl = ShareController.for_session(session)
    ctl.set_section(ENTRIES, True)
    ctl.make_preview()
    assert ctl.pdf_note() is None  # ten entries: the PDF holds every one
    # The served app's page: the Share screen asks whether it runs in a browser.
    ctx = dataclasses.replace(
        screen_context(session, 1280), page=SimpleNamespace(width=1280, web=True, platform=None)
    )
    assert not [w for w in words_on(share_screen.build(ctx)) if "HTML copy" in w]

    with session.work() as repo:
        for day in range(10, MAX_PDF_ENTRIES + 5):
            add_entry(repo, EntryDraft(text=f"day {day}"), record_id=f"e{day}",
                      now=NOW - timedelta(days=day))  # fmt: skip
    ctl.edit_choices()
    ctl.make_preview()
    note = ctl.pdf_note() or ""
    assert f"newest {MAX_PDF_ENTRIES} of the {MAX_PDF_ENTRIES + 5} journal entries" in note
    screen = share_screen.build(ctx)
    checked_tree(screen)
    assert note in words_on(screen)


def test_the_name_on_the_copy_is_asked_never_kept(session: AppSession) -> None:
    """Typed on the Share screen: in the copy, not in the draft, the log or the journal."""
    ctl = ShareController(session)
    ctl.set_recipient("Dr Patel")
    ctl.set_name("Sam O_Neil")
    assert "Sam" not in json.dumps(ctl.fields())  # the share's draft keeps no name
    preview = ctl.make_preview()
    assert "Shared by Sam O\\_Neil for Dr Patel" in preview.markdown
    outcome = ctl.create_in_exports()
    payload = read_bundle(outcome.path.read_bytes(), outcome.passphrase)
    assert "Shared by Sam O_Neil for Dr Patel" in payload["html"]
    with session.work() as repo:
        stored = repo.vault.read().decode("utf-8")
    assert "O_Neil" not in stored and "Dr Patel" in stored
    assert ctl.name == ""  # gone from the screen once the file is made


def test_months_at_a_glance_are_off_until_chosen_and_ride_in_the_draft(
    session: AppSession,
) -> None:
    """Off by default; once chosen, the preview holds the calendars and the draft keeps the
    count (a lock loses none of the choosing); an offered count only; Discard clears it."""
    from journal_app.ui.screens import share as share_screen
    from tests.ui.screen_check import checked_tree, screen_context

    ctl = ShareController(session)
    assert ctl.months == 0 and ctl.make_preview().months == ()
    ctl.edit_choices()
    ctl.set_recipient("Dr Patel")
    ctl.set_months(2)
    shown = ctl.make_preview()
    assert [m.title for m in shown.months] == ["October 2026", "November 2026"]
    assert "Friday 20 November: anxiety 4 of 10, 1 entry" in shown.markdown
    assert "Months at a glance: 10 items" in ctl.counts()  # the 10 days written
    assert ctl.fields()["months"] == 2
    with pytest.raises(InvalidInput):
        ctl.set_months(7)
    assert ctl.months == 2
    ctl.edit_choices()
    assert checked_tree(share_screen.build(screen_context(session, 390))) > 20
    ctl.discard_draft()
    assert ctl.months == 0

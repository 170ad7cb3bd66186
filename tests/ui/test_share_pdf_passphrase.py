"""The Share screen's PDF passphrase: what the screen shows (and reads out) opens the PDF
in Poppler, qpdf and MuPDF; a passphrase of the person's own that cannot lock a PDF is
named as soon as PDF is picked, and nothing is made."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import flet as ft
import pytest

from journal_app.app.session import AppSession
from journal_app.app.sharing import passphrase_groups, spoken
from journal_app.core.journal import EntryDraft, InvalidInput, add_entry
from journal_app.ui.controllers.share import ShareController
from journal_app.ui.screens import share as share_screen
from tests.conftest import snapshot
from tests.share.pdf_readers import opens, require_readers
from tests.ui.screen_check import checked_tree, screen_context
from tests.ui.test_small_screen_fixes import controls

require_readers()

PASSPHRASE = "quiet harbour maple 7"
NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
READERS = ("poppler", "qpdf", "mupdf")


@pytest.fixture
def session(tmp_path: Path) -> AppSession:
    s = AppSession(tmp_path / "j", clock=lambda: NOW)
    s.create(PASSPHRASE, PASSPHRASE)
    with s.work() as repo:
        add_entry(repo, EntryDraft(text="Rang the clinic", anxiety=5), record_id="e1", now=NOW)
    yield s
    s.lock()


def screen_of(session: AppSession) -> object:
    ctx = dataclasses.replace(
        screen_context(session, 1280), page=SimpleNamespace(width=1280, web=True, platform=None)
    )
    screen = share_screen.build(ctx)
    checked_tree(screen)
    return screen


def texts(screen: object) -> list[str]:
    return [c.value for c in controls(screen) if isinstance(c, ft.Text) and c.value]


def test_the_generated_pdf_passphrase_opens_as_shown_and_as_read_out(
    session: AppSession,
) -> None:
    """The done view (checked in Chromium by tests/e2e/test_share_pdf_browser.py) shows
    these groups, this spelling and the passphrase itself; each opens the PDF."""
    ctl = ShareController.for_session(session)
    ctl.make_preview()
    ctl.set_format("pdf")
    outcome = ctl.create_in_exports()
    assert outcome.path is not None and outcome.passphrase
    assert outcome.pdf_password == outcome.passphrase  # no second form to learn
    groups = passphrase_groups(outcome.passphrase)
    assert [len(g) for g in groups] == [4, 4, 4, 4]
    aloud = spoken(outcome.passphrase) or ""
    heard = "".join(w if w.isdigit() else w[0] for w in aloud.replace(" / ", " ").split())
    assert heard == "".join(groups)  # the phonetic spelling spells exactly the code
    for reader in READERS:
        assert opens(reader, outcome.path, " ".join(groups)), reader
        assert opens(reader, outcome.path, "".join(groups)), reader


def test_an_own_passphrase_weak_in_its_first_32_bytes_is_named_when_pdf_is_picked(
    session: AppSession,
) -> None:
    ctl = ShareController.for_session(session)
    ctl.own_passphrase = "password password password password copper meadow lantern orbit violet"
    ctl.make_preview()  # strong enough for the HTML copy, which uses every byte
    assert ctl.pdf_passphrase_problem() is None
    ctl.set_format("pdf")
    problem = ctl.pdf_passphrase_problem() or ""
    assert problem.startswith("PDF readers use only the first 32 bytes")
    assert problem in texts(screen_of(session))
    before = snapshot(session.data_dir)
    with pytest.raises(InvalidInput, match="first 32 bytes"):
        ctl.create_in_exports()
    assert snapshot(session.data_dir) == before


def test_an_own_pdf_passphrase_is_shown_in_the_form_readers_take(session: AppSession) -> None:
    ctl = ShareController.for_session(session)
    ctl.own_passphrase = "Quartz-Fjord Nimbus KELP vortx שלום"
    ctl.make_preview()
    ctl.set_format("pdf")
    assert ctl.pdf_passphrase_problem() is None
    outcome = ctl.create_in_exports()
    assert outcome.path is not None and outcome.passphrase is None
    assert outcome.pdf_password == "quartz fjord nimbus kelp vortx שלום"  # on the done view
    for reader in READERS:
        assert opens(reader, outcome.path, "quartz fjord nimbus kelp vortx שלום"), reader

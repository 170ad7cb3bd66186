"""Settings' "Bring in a journal" on a real vault, with the real jrnl and Day One samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal_app.app.session import AppSession
from journal_app.core.importers import ImportFormatError
from journal_app.core.journal import InvalidInput
from journal_app.core.records import Entry
from journal_app.ui.controllers.settings import SettingsController, import_sentence
from tests.conftest import snapshot

DATA = Path(__file__).resolve().parents[1] / "data"
JRNL = DATA / "jrnl_sample.json"
DAYONE = DATA / "dayone_sample.json"


def entry_texts(session: AppSession) -> list[str]:
    with session.work() as repo:
        return sorted(e.text for e in repo.all(Entry))


def test_a_jrnl_export_comes_in_and_again_changes_nothing(clocked_session: AppSession) -> None:
    ctl = SettingsController(clocked_session)
    said = ctl.import_journal(JRNL.read_bytes(), JRNL.name)
    assert said == "Imported 5 entries; 1 empty one was left out."
    texts = entry_texts(clocked_session)
    assert len(texts) == 5
    assert any("Couldn't sleep again." in t for t in texts)
    again = ctl.import_journal(JRNL.read_bytes(), JRNL.name)
    assert again == "Imported 0 entries; 5 were already in your journal; 1 empty one was left out."
    assert entry_texts(clocked_session) == texts


def test_a_day_one_export_is_recognised_without_being_told(clocked_session: AppSession) -> None:
    ctl = SettingsController(clocked_session)
    said = ctl.import_journal(DAYONE.read_bytes())
    assert said == "Imported 5 entries; 1 empty one was left out."
    assert any("Called three clinics today" in t for t in entry_texts(clocked_session))
    assert ctl.import_journal(DAYONE.read_bytes()) == (
        "Imported 0 entries; 5 were already in your journal; 1 empty one was left out."
    )


def test_both_kinds_together_and_a_broken_file_stores_nothing(
    clocked_session: AppSession,
) -> None:
    ctl = SettingsController(clocked_session)
    ctl.import_journal(JRNL.read_bytes())
    ctl.import_journal(DAYONE.read_bytes())
    assert len(entry_texts(clocked_session)) == 10
    before = snapshot(clocked_session.data_dir)
    with pytest.raises(ImportFormatError, match="not valid JSON"):
        ctl.import_journal(b'{"entries": [', "broken.json")
    with pytest.raises(InvalidInput, match="empty"):
        ctl.import_journal(b"", "nothing.json")
    assert snapshot(clocked_session.data_dir) == before


def test_the_sentence_counts_in_plain_words() -> None:
    assert import_sentence(1, 0) == "Imported 1 entry."
    assert import_sentence(3, 1) == "Imported 3 entries; 1 was already in your journal."

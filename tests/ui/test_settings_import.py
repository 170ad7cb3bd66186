"""Settings' "Bring in a journal" on a real vault, with the real jrnl and Day One samples."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from journal_app.app.imports import ImportProgress
from journal_app.app.session import AppSession
from journal_app.core.import_summary import Imported
from journal_app.core.importers import ImportFormatError
from journal_app.core.journal import InvalidInput
from journal_app.core.records import Entry
from journal_app.ui.controllers.settings import (
    SettingsController,
    import_sentence,
    progress_words,
)
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
    assert said == "Imported 5 entries from jrnl. Skipped 1 entry with no words (blank)."
    texts = entry_texts(clocked_session)
    assert len(texts) == 5
    assert any("Couldn't sleep again." in t for t in texts)
    again = ctl.import_journal(JRNL.read_bytes(), JRNL.name)
    assert again == (
        "Nothing new: all 5 entries were already in your journal. "
        "Skipped 1 entry with no words (blank)."
    )
    assert entry_texts(clocked_session) == texts


MEDIA = (
    "Left out 2 photos and 1 audio recording: the journal keeps w"
    'ords only, and each is marked where it was (for example "[photo not imported]").'
)


def test_a_day_one_export_is_recognised_without_being_told(clocked_session: AppSession) -> None:
    ctl = SettingsController(clocked_session)
    said = ctl.import_journal(DAYONE.read_bytes())
    assert said == (
        "Imported 5 entries from Day One. Skipped 1 entry with no words "
        f"(blank, or only photos or other media). {MEDIA}"
    )
    assert any("Called three clinics today" in t for t in entry_texts(clocked_session))
    assert ctl.import_journal(DAYONE.read_bytes()) == (
        "Nothing new: all 5 entries were already in your journal. Skipped 1 entry with no "
        f"words (blank, or only photos or other media). {MEDIA}"
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
    assert import_sentence(Imported("jrnl", 1, 0, 0)) == "Imported 1 entry from jrnl."
    assert import_sentence(Imported("jrnl", 3, 1, 1)) == (
        "Imported 3 entries from jrnl. Skipped 1 entry already in your journal. "
        "Skipped 1 entry with no words (blank)."
    )
    assert import_sentence(Imported("jrnl", 0, 1, 0)) == (
        "Nothing new: its 1 entry was already in your journal."
    )


def big_jrnl_export(count: int, *, broken_at: int | None = None) -> bytes:
    """A jrnl export as ``jrnl --export json`` writes it, ``count`` entries long, one a day.

    Built from the real sample's first entry; ``broken_at`` (0-based) gets a time jrnl
    never writes, so the file must be refused whole.
    """
    doc = json.loads(JRNL.read_text(encoding="utf-8"))
    model = doc["entries"][0]
    start = date(2014, 1, 1)
    doc["entries"] = [
        {**model, "date": (start + timedelta(days=n)).isoformat(), "title": f"Day {n + 1}."}
        for n in range(count)
    ]
    if broken_at is not None:
        doc["entries"][broken_at]["time"] = "9 pm"
    return json.dumps(doc, indent=2).encode()


def test_a_big_import_tells_how_far_it_has_got(clocked_session: AppSession) -> None:
    ctl = SettingsController(clocked_session)
    heard: list[ImportProgress] = []
    said = ctl.import_journal(big_jrnl_export(3650), "ten-years.json", heard.append)
    assert said == "Imported 3,650 entries from jrnl."
    assert len(entry_texts(clocked_session)) == 3650
    reading = [p for p in heard if not p.saving]
    assert reading[0] == ImportProgress(0, 3650) and reading[-1] == ImportProgress(3650, 3650)
    assert [p.read for p in reading] == sorted({p.read for p in reading})  # only forwards
    assert 10 <= len(reading) <= 60  # enough to move a bar, not a flood of redraws
    assert heard[-1] == ImportProgress(3650, 3650, saving=True)  # last: the one write
    words = [progress_words(p) for p in heard]
    assert "Read 1,241 of 3,650 entries" in words  # every 73rd (3,650 / 50, rounded up)
    assert words[-1] == "Saving 3,650 new entries…"
    assert [p.fraction for p in heard] == sorted(p.fraction for p in heard)

    heard.clear()  # the same file again: read through, nothing new to save
    again = ctl.import_journal(big_jrnl_export(3650), "ten-years.json", heard.append)
    assert again == "Nothing new: all 3,650 entries were already in your journal."
    assert heard[-1] == ImportProgress(3650, 3650) and not any(p.saving for p in heard)


def test_progress_never_means_half_imported(clocked_session: AppSession) -> None:
    """A fault near the end of a big file is found after most of it was read: still nothing
    is stored, and the reason names the entry."""
    ctl = SettingsController(clocked_session)
    before = snapshot(clocked_session.data_dir)
    heard: list[ImportProgress] = []
    with pytest.raises(ImportFormatError, match="Entry 1900 of 2000 has a time"):
        ctl.import_journal(big_jrnl_export(2000, broken_at=1899), "broken.json", heard.append)
    assert heard[-1].read >= 1800 and not any(p.saving for p in heard)
    assert snapshot(clocked_session.data_dir) == before
    assert entry_texts(clocked_session) == []


def test_progress_in_plain_words() -> None:
    assert progress_words(ImportProgress(1200, 3650)) == "Read 1,200 of 3,650 entries"
    assert progress_words(ImportProgress(1, 1)) == "Read 1 of 1 entry"
    assert progress_words(ImportProgress(1, 1, saving=True)) == "Saving 1 new entry…"


def test_the_progress_dialog_is_a_valid_tree_at_every_step() -> None:
    """Flet's own checks on the dialog while reading, while saving, and before either."""
    from types import SimpleNamespace

    from journal_app.ui.screens.settings import ImportProgressDialog
    from tests.ui.screen_check import checked_tree

    view = ImportProgressDialog(SimpleNamespace(), "Bringing in ten-years.json (3,609 KB)")
    assert checked_tree(view.dialog) >= 4
    view.fill(ImportProgress(1200, 3650))
    assert (view.words.value, view.bar.semantics_value) == ("Read 1,200 of 3,650 entries", 33)
    assert checked_tree(view.dialog) >= 4
    view.fill(ImportProgress(3650, 3650, saving=True))
    assert view.bar.value is None and view.words.value == "Saving 3,650 new entries…"
    assert checked_tree(view.dialog) >= 4


def test_an_entry_dated_after_today_is_named_and_nothing_comes_in(
    clocked_session: AppSession,
) -> None:
    """The parser has no clock, so a date after today is found at saving: still whole-file."""
    doc = json.loads(JRNL.read_text(encoding="utf-8"))
    doc["entries"][1]["date"] = "2031-02-03"  # the session's clock says 2025
    before = snapshot(clocked_session.data_dir)
    ctl = SettingsController(clocked_session)
    with pytest.raises(ImportFormatError, match="The entry dated 2031-02-03 can't be brought in"):
        ctl.import_journal(json.dumps(doc).encode(), "future.json")
    assert snapshot(clocked_session.data_dir) == before

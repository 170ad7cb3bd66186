"""The command line beside the open app: both use one journal at once, and neither loses
a change. Real sessions and the real CLI, as its own process, on a real vault.

Before, the app held the folder lock for as long as the journal was open, so every
command was refused ("open in another window") until the person locked the app.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from journal_app.app.session import UNLOCKED, AppSession
from journal_app.core.journal import EntryDraft, add_entry
from journal_app.core.records import Entry
from tests.conftest import PASSPHRASE, Cli


@pytest.fixture
def app(tmp_path: Path) -> AppSession:
    session = AppSession(tmp_path / "journal")
    session.create(PASSPHRASE, PASSPHRASE)
    yield session
    session.lock()


def _texts(session: AppSession) -> set[str]:
    with session.work() as repo:
        return {e.text for e in repo.all(Entry)}


def _add_in_app(session: AppSession, text: str) -> None:
    with session.work() as repo:
        add_entry(repo, EntryDraft(text=text), record_id=session.new_id(), now=datetime.now(UTC))


def test_a_command_works_while_the_app_is_open_and_each_sees_the_other(app: AppSession) -> None:
    cli = Cli(app.data_dir)
    _add_in_app(app, "written in the app")  # the app has read and cached the journal
    assert _texts(app) == {"written in the app"}

    added = cli("entry", "add", "written on the command line")
    assert added.code == 0, added.err
    assert app.state == UNLOCKED
    assert _texts(app) == {"written in the app", "written on the command line"}

    _add_in_app(app, "written in the app again")
    listed = cli("entry", "list", "--json")
    assert listed.code == 0, listed.err
    assert {e["text"] for e in json.loads(listed.out)} == {
        "written in the app",
        "written on the command line",
        "written in the app again",
    }


def test_the_app_hears_of_a_change_without_being_used(app: AppSession) -> None:
    """A screen polls this to refresh itself within seconds of a command's change."""
    assert _texts(app) == set()
    assert not app.changed_elsewhere()
    assert Cli(app.data_dir)("entry", "add", "from a script").code == 0
    assert app.changed_elsewhere()
    assert _texts(app) == {"from a script"}
    assert not app.changed_elsewhere()


def test_both_writing_at_once_lose_nothing(app: AppSession) -> None:
    """Twenty commands in a row while the app saves twenty entries of its own, across
    log compactions: every acknowledged entry is there, once, on both sides."""
    cli = Cli(app.data_dir)
    app_done: list[str] = []

    def app_writes() -> None:
        for i in range(20):
            text = f"app {i} " + "x" * 4000  # large enough to compact now and then
            _add_in_app(app, text)
            app_done.append(text)

    writer = threading.Thread(target=app_writes)
    writer.start()
    cli_done = []
    for i in range(20):
        text = f"cli {i}"
        result = cli("entry", "add", text)
        assert result.code == 0, result.err
        cli_done.append(text)
    writer.join()
    expected = set(app_done) | set(cli_done)
    assert _texts(app) == expected
    listed = json.loads(cli("entry", "list", "--json").out)
    assert sorted(e["text"] for e in listed) == sorted(expected)  # none twice

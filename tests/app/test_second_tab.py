"""A second tab of the same app process opening the journal: with the passphrase it gets
in and the first tab locks; without it, nothing changes. Real sessions on a real vault.

Before, the second tab waited five seconds and was told the journal was "open in another
window", and a tab whose closing the server never heard of kept the journal shut to every
new tab until the app restarted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from journal_app.app.session import LOCKED, UNLOCKED, AppSession, SessionLocked
from journal_app.core.errors import WrongPassphrase

PASS = "quiet harbour maple 7"


@pytest.fixture
def first(tmp_path: Path) -> AppSession:
    """A tab with the journal open."""
    tab = AppSession(tmp_path / "journal")
    tab.create(PASS, PASS)
    return tab


def test_the_right_passphrase_in_a_second_tab_opens_it_and_locks_the_first(
    first: AppSession,
) -> None:
    told: list[str] = []
    first.on_taken_over = lambda: told.append("locked here")
    second = AppSession(first.data_dir)
    assert second.state == LOCKED
    second.unlock(PASS)  # VaultBusy after a five-second wait, before
    assert second.state == UNLOCKED
    assert first.state == LOCKED
    assert told == ["locked here"]
    with pytest.raises(SessionLocked), first.work():
        pass
    with second.work() as repo:  # the second tab really holds the journal
        assert repo.revision is not None
    # and the first can take it back the same way
    first.unlock(PASS)
    assert (first.state, second.state) == (UNLOCKED, LOCKED)
    first.lock()


def test_a_wrong_passphrase_in_a_second_tab_changes_nothing(first: AppSession) -> None:
    told: list[str] = []
    first.on_taken_over = lambda: told.append("locked here")
    second = AppSession(first.data_dir)
    for wrong in ("not my passphrase", "", PASS + " ", "😀 ماء"):
        with pytest.raises((WrongPassphrase, ValueError)):
            second.unlock(wrong)
    assert first.state == UNLOCKED and second.state == LOCKED
    assert told == []
    assert second.unlock_wait() > 0  # the wrong tries count, as any others do
    first.lock()

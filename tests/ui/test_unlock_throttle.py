"""Wrong passphrases at the lock screen: a growing wait, held across the tabs of one
browser session (the desktop window is one), never across browsers."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal_app.app.session import LOCKED, UNLOCKED, AppSession, UnlockThrottle, throttle_for
from journal_app.core.errors import WrongPassphrase
from journal_app.core.throttle import TryAgainLater
from journal_app.storage.vault import Vault
from tests.ui.conftest import UI_PASSPHRASE


class Steady:
    """A monotonic clock in seconds that the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data_dir = tmp_path / "j"
    Vault.create(data_dir, UI_PASSPHRASE).close()
    return data_dir


def wrong(session: AppSession, times: int) -> None:
    for _ in range(times):
        with pytest.raises(WrongPassphrase):
            session.unlock("not my passphrase")


def test_after_three_free_tries_even_the_right_passphrase_waits(folder: Path) -> None:
    steady = Steady()
    session = AppSession(folder, throttle=UnlockThrottle(steady))
    wrong(session, 3)
    assert session.unlock_wait() == 1
    key_file = (folder / "key.tjk").read_bytes()
    with pytest.raises(TryAgainLater, match="Please wait 1 second before trying again."):
        session.unlock(UI_PASSPHRASE)  # refused before the key is even derived
    assert session.state == LOCKED
    assert (folder / "key.tjk").read_bytes() == key_file
    steady.now += 1
    session.unlock(UI_PASSPHRASE)
    assert session.state == UNLOCKED
    session.lock()


def test_each_wrong_try_doubles_the_wait_and_success_clears_it(folder: Path) -> None:
    steady = Steady()
    session = AppSession(folder, throttle=UnlockThrottle(steady))
    wrong(session, 3)
    for failures, expected in ((4, 2), (5, 4), (6, 8)):
        steady.now += session.unlock_wait()
        wrong(session, 1)
        assert session.unlock_wait() == expected
        steady.now += expected - 0.5
        with pytest.raises(TryAgainLater, match="Please wait 1 second"):
            session.unlock("not my passphrase")
        assert session.throttle.failures == failures  # a refused try is not counted
    steady.now += session.unlock_wait()
    session.unlock(UI_PASSPHRASE)
    session.lock()
    assert session.unlock_wait() == 0
    wrong(session, 2)  # free tries again
    assert session.unlock_wait() == 0


def test_a_new_tab_on_the_same_folder_does_not_reset_the_wait(folder: Path) -> None:
    """Each tab (or reload) makes its own AppSession; the throttle is the folder's and
    the browser's: the shell passes the same browser id for every tab of one browser."""
    first = AppSession(folder, throttle=throttle_for(folder, "browser-a"))
    assert first.throttle is throttle_for(folder.parent / "j", "browser-a")
    wrong(first, 3)
    second = AppSession(folder, throttle=throttle_for(folder, "browser-a"))
    assert second.unlock_wait() > 0
    with pytest.raises(TryAgainLater):
        second.unlock(UI_PASSPHRASE)
    assert AppSession(folder.parent / "other").unlock_wait() == 0


def test_another_browsers_wrong_guesses_never_make_this_one_wait(folder: Path) -> None:
    """A stranger's storm fills its own count; the person's browser and the desktop
    window (no browser id) are not slowed at all."""
    stranger = AppSession(folder, throttle=throttle_for(folder, "stranger"))
    for _ in range(6):
        stranger.throttle.last_failure_at = None  # as if each wait were over
        wrong(stranger, 1)
    assert stranger.unlock_wait() > 7  # 8 s, less the time since
    person = AppSession(folder, throttle=throttle_for(folder, "person"))
    assert person.unlock_wait() == 0
    person.unlock(UI_PASSPHRASE)
    assert person.state == UNLOCKED
    person.lock()
    assert AppSession(folder).unlock_wait() == 0  # the desktop window: its own count

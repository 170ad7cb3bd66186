"""Creating, opening and finding the journal: the one way either shell gets at the records.

The CLI opens it for one command; the app keeps it open in an ``AppSession``. Both go
through here, so a rule about opening (tidy stale temp files, refuse a weak passphrase,
never create over an existing journal) is written once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import NoReturn

from journal_app.app.clock import now_utc
from journal_app.app.unlocked_session import (
    MAX_MINUTES,
    NOT_SUPPORTED,
    Runner,
    SessionInfo,
    SessionRefused,
    read_start,
    refuse_unless_folder_is_ours,
    serve_from_pipe,
    start_session,
    supported,
)
from journal_app.core.errors import WrongPassphrase
from journal_app.core.journal import InvalidInput
from journal_app.core.passphrase import check_new_passphrase
from journal_app.core.ports import RecordStore
from journal_app.storage.keyfile import UnlockedKey
from journal_app.storage.paths import resolve_data_dir
from journal_app.storage.repository import Repository
from journal_app.storage.vault import (
    KeyChanged,
    Vault,
    current_key_fingerprint,
    refuse_if_present,
    unwrap_data_key,
    vault_exists,
)

Clock = Callable[[], datetime]

# The open journal, as the shells see it: the core's record port plus ``close``. The
# concrete type stays in storage/; shells never name it.
Journal = Repository


def data_folder(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir``, else ``JOURNAL_APP_DATA_DIR``, else the platform's data folder."""
    return resolve_data_dir(explicit)


def journal_exists(data_dir: Path) -> bool:
    """Whether ``data_dir`` already holds a journal."""
    return vault_exists(data_dir)


def refuse_existing(data_dir: Path) -> None:
    """Say at once, before a passphrase is asked for, that a journal (or any file left of
    one, such as a snapshot whose key file was lost) is already here."""
    refuse_if_present(data_dir)


def create_journal(data_dir: Path, passphrase: str, clock: Clock = now_utc) -> Journal:
    """A new, empty journal, open. Weak passphrases and existing journals are refused first."""
    refuse_existing(data_dir)
    check_new_passphrase(passphrase)
    return Repository(Vault.create(data_dir, passphrase, clock=clock))


def unlock_journal(
    data_dir: Path, passphrase: str, clock: Clock = now_utc, *, check_all: bool = False
) -> Journal:
    """Open the journal. WrongPassphrase / VaultDamaged / VaultBusy change nothing.

    ``check_all`` decrypts every record now, so damage shows at once (the lock screen
    wants that; a one-off command reads what it needs anyway).
    """
    try:
        repo = Repository(Vault.unlock(data_dir, passphrase, clock=clock))
    except WrongPassphrase:
        # The passphrase may have been changed on another device this journal syncs with.
        from journal_app.app.sync_keys import unlock_through_folder

        found = unlock_through_folder(data_dir, passphrase, Repository)
        if found is None:
            raise
        repo = found
    try:
        repo.vault.tidy()
        if check_all:
            repo.count_all()
        _sync_each_save(repo)
    except BaseException:
        repo.close()
        raise
    return repo


def _sync_each_save(repo: Journal) -> None:
    """A journal that syncs writes every save to its sync folder, whoever saves it.

    The exchange (and what it brings: the journey, the prompt packs) is imported only
    for a journal that syncs: a one-off ``entry add`` elsewhere never pays for it."""
    from journal_app.app.sync_settings import load_settings

    if load_settings(repo) is None:
        return
    from journal_app.app.sync_exchange import attach

    attach(repo)


# Set only inside a command an unlocked session runs (see ``unlocked_session``): the
# journal folder, the data key the agent holds, and the key file it came from.
_held: tuple[Path, UnlockedKey, str] | None = None


def refuse_unless_sessions_work() -> None:
    """InvalidInput where this system cannot hold an unlocked session, or where its
    folder is not this user's own (another user made it first): asked before the
    passphrase is typed, so nobody types it for nothing."""
    if not supported():
        raise InvalidInput(NOT_SUPPORTED)
    try:
        refuse_unless_folder_is_ours()
    except SessionRefused as refused:
        raise InvalidInput(str(refused)) from None


def unlock_session(
    data_dir: Path,
    passphrase: str,
    minutes: float,
    agent: Sequence[str],
) -> SessionInfo:
    """``journal-app unlock``: check the passphrase once and start ``agent`` (the shell's
    agent program, which calls ``serve_unlocked_session``) holding the data key, running
    commands for this journal until it ends.

    The journal itself is not opened (the app may be using it); a wrong passphrase or a
    damaged key file is told exactly as a command would tell it, and starts nothing. The
    agent gets the data key through a pipe, never the passphrase.
    """
    if not 0 < minutes <= MAX_MINUTES:
        raise InvalidInput(f"--minutes must be from 1 to {MAX_MINUTES}.")
    refuse_unless_sessions_work()
    folder = data_dir.resolve()
    try:
        key, fingerprint = unwrap_data_key(folder, passphrase)
    except WrongPassphrase:
        # A passphrase changed on another device this journal syncs with: bring it home.
        from journal_app.app.sync_keys import unlock_through_folder

        brought = unlock_through_folder(folder, passphrase, Repository)
        if brought is None:
            raise
        brought.close()
        key, fingerprint = unwrap_data_key(folder, passphrase)
    settings = {"folder": str(folder), "fingerprint": fingerprint, "key_id": key.key_id}
    return start_session(folder, agent, settings, key.data_key, minutes)


def serve_unlocked_session(runner: Runner, *, ready: Callable[[], None] | None = None) -> NoReturn:
    """The agent program's whole life (see ``unlocked_session``): no core dumps, the key
    from the pipe, memory locked where the platform allows, then each command run by
    ``runner`` in a child that opens the journal with the held key. Never returns."""
    from journal_app.app.process_guard import disable_core_dumps, lock_memory

    disable_core_dumps()  # before the key is read: nothing may dump it
    start = read_start()
    lock_memory(start.secret)
    folder = Path(start.settings["folder"])
    key = UnlockedKey(data_key=start.secret, key_id=str(start.settings["key_id"]))
    fingerprint = str(start.settings["fingerprint"])

    def hold() -> None:
        global _held
        _held = (folder, key, fingerprint)

    serve_from_pipe(start, hold, lambda: current_key_fingerprint(folder), runner, ready=ready)


def _journal_from_session(data_dir: Path, on_notice: Callable[[str], None]) -> Journal | None:
    """Inside a session's command: the journal opened with the held key, if it is this one."""
    if _held is None or _held[0] != data_dir.resolve():
        return None
    folder, key, fingerprint = _held
    try:
        repo = Repository(Vault.open_with_key(folder, key, fingerprint))
    except KeyChanged:
        on_notice("The unlocked session ended because the key file changed.")
        return None
    try:
        repo.vault.tidy()
        _sync_each_save(repo)
    except BaseException:
        repo.close()
        raise
    return repo


@contextmanager
def opened_journal(
    data_dir: Path, passphrase: str | Callable[[], str], *, on_notice: Callable[[str], None] = print
) -> Iterator[Journal]:
    """The journal, open for the length of a ``with`` block.

    ``passphrase`` may be a function asking for it: then an unlocked session, if one is
    running, is used first and the function is called only without one.
    """
    repo = None
    if callable(passphrase):
        repo = _journal_from_session(data_dir, on_notice)
        if repo is None:
            repo = unlock_journal(data_dir, passphrase())
    else:
        repo = unlock_journal(data_dir, passphrase)
    try:
        with repo.holding():  # one command is one unit: no other process writes meanwhile
            yield repo
    finally:
        repo.close()


__all__ = [
    "Journal",
    "RecordStore",
    "create_journal",
    "data_folder",
    "journal_exists",
    "serve_unlocked_session",
    "unlock_session",
    "opened_journal",
    "refuse_existing",
    "unlock_journal",
]

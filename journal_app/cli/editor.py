"""Writing an entry in the person's own editor, on a private file that never outlives us.

The clear text exists only while the editor is open, in a file only the person can read
(0600, in a 0700 folder, in memory where possible). The folder goes as soon as the text
is read, and also when the command is stopped meanwhile: Ctrl-C (SIGINT), a closed
terminal or ssh connection (SIGHUP) and a polite kill or a shutdown (SIGTERM) all remove
it before the process ends. (SIGKILL cannot be caught; that is why the file lives in
/dev/shm, which a reboot empties.)
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import tempfile
from types import FrameType

from journal_app.core.journal import InvalidInput

# The signals that end a command while the editor is open, and so must not skip the
# clean-up. SIGINT already raises KeyboardInterrupt; the other two end Python at once.
# (Windows has no SIGHUP and no signal masks: there only what it has is caught.)
STOPPING = tuple(
    getattr(signal, name) for name in ("SIGHUP", "SIGTERM", "SIGINT") if hasattr(signal, name)
)
_EDITOR_GRACE_SECONDS = 2.0  # for the editor to leave after SIGTERM before SIGKILL


class Stopped(BaseException):
    """A stopping signal arrived while the private file existed (not an Exception: no
    ``except Exception`` on the way out may swallow it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _private_folder() -> str:
    """A folder only this user can enter (mkdtemp makes it 0700), in memory where possible.

    /dev/shm keeps the clear text off the disk on Linux; elsewhere the system's temp folder.
    """
    shm = "/dev/shm"
    base = shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None
    return tempfile.mkdtemp(prefix="journal-app-", dir=base)


def _raise_stopped(signum: int, _frame: FrameType | None) -> None:
    raise Stopped(signum)


def _hold_signals(hold: bool) -> None:
    """Hold the stopping signals back (they wait, pending) or let them in again: around
    making the folder, so none lands between its making and its being known, and around
    its removal, so a second signal cannot cut the removal short."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK if hold else signal.SIG_UNBLOCK, STOPPING)


def _end_like(signum: int) -> None:
    """After the clean-up, end as the signal would have ended us (the caller and the shell
    see "killed by SIGTERM", not a made-up exit code); Ctrl-C stays the CLI's "Stopped."."""
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
    raise SystemExit(128 + signum)  # only where the signal could not end us


def _editor_command(editor: str) -> list[str]:
    try:
        command = shlex.split(editor)
    except ValueError:
        raise InvalidInput(f"The editor setting '{editor}' cannot be understood.") from None
    if not command:
        raise InvalidInput("The editor setting is empty; set EDITOR, or give the text.")
    return command


def _run_editor(command: list[str], path: str) -> None:
    """The editor on ``path``, waited for; if we are stopped meanwhile, it is stopped too
    (asked first, then killed), so it cannot write the file again after it is removed."""
    try:
        editor = subprocess.Popen([*command, path])
    except OSError:
        raise InvalidInput(f"The editor '{command[0]}' could not be started.") from None
    try:
        code = editor.wait()
    except BaseException:
        _hold_signals(True)  # a second signal must not cut this short
        with contextlib.suppress(OSError):
            editor.terminate()
        try:
            editor.wait(timeout=_EDITOR_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            editor.kill()
            editor.wait()
        raise
    if code != 0:
        raise InvalidInput("The editor stopped without finishing; nothing was saved.")


def _read_private_file(command: list[str]) -> bytes:
    """Make the private file, let the editor fill it, read it; remove it whatever happens
    (with the folder, and any swap or backup files the editor made)."""
    folder = None
    try:
        _hold_signals(True)
        folder = _private_folder()
        _hold_signals(False)
        path = os.path.join(folder, "entry.md")
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        _run_editor(command, path)
        with open(path, "rb") as handle:
            return handle.read()
    finally:
        _hold_signals(True)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def write_in_editor(editor: str) -> bytes:
    """What the person wrote in ``editor`` (the raw bytes of the file), with the private
    file gone, whatever happened: a failure, or a stopping signal (SIGHUP, SIGTERM,
    SIGINT), after which the process ends as that signal ends it."""
    command = _editor_command(editor)
    previous = {}
    for signum in STOPPING:
        with contextlib.suppress(ValueError, OSError):  # not the main thread
            previous[signum] = signal.signal(signum, _raise_stopped)
    try:
        return _read_private_file(command)
    except Stopped as stopped:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        previous = {}
        _hold_signals(False)
        _end_like(stopped.signum)
        raise  # not reached
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        _hold_signals(False)  # a signal that came during the removal is felt now

"""An opt-in unlocked session for the command line: the passphrase once, then N minutes
of commands without it.

``journal-app unlock`` derives the key once (the slow Argon2id step) and leaves a small
background process, the *agent*, holding the data key in memory. It listens on a Unix
socket in a folder only this user can enter (0700, owned by them), and answers only a
peer whose uid (``SO_PEERCRED``) is this user's. A command asks it for the data key and
opens the journal with ``Vault.open_with_key``; without an agent every command asks for
the passphrase exactly as before.

Why the agent hands over the key rather than doing the work itself: every command then
runs exactly the code it runs without a session (same checks, same writes, same folder
lock, so the app can stay open beside it), and the agent stays about a hundred lines with
one job. The price, as with ssh-agent's forwarding or gpg-agent's cached passphrase: while
a session runs, any program running as this same user can ask for the data key. Such a
program could already read the key file and watch the keyboard, so the session adds
exposure in time, not in kind; it is off unless asked for, ends on its own after N idle
minutes, and ends at once on ``lock`` or when the key file changes (a new passphrase or a
rotated key ends every session unlocked with the old one).

The agent never writes the key anywhere: no file, no log, no environment; it cannot be
core-dumped or attached to (``process_guard``). The passphrase itself never leaves the
``unlock`` process.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import signal
import socket
import stat
import struct
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from journal_app.app.process_guard import disable_core_dumps
from journal_app.core.errors import VaultError

ENV_RUNTIME_DIR = "JOURNAL_APP_RUNTIME_DIR"
DEFAULT_MINUTES = 15
MAX_MINUTES = 24 * 60
_POLL_SECONDS = 1.0  # how often the agent looks at the clock and the key file
_MAX_MESSAGE = 4096
_CRED = struct.Struct("3i")  # struct ucred: pid, uid, gid


class SessionRefused(VaultError):
    """A session was found but not trusted (its folder or its process is not this user's)."""


@dataclass(frozen=True)
class SessionInfo:
    """A running session, as ``status`` tells it."""

    until: datetime  # UTC: when it ends if nothing uses it before then
    minutes: int  # its idle timeout
    pid: int


@dataclass(frozen=True)
class SessionKey:
    """What a command gets from the agent: the data key and the key file it came from.

    Opaque to the shells; only ``journal_access`` opens a journal with it.
    """

    data_key: bytes
    key_id: str
    fingerprint: str

    def __repr__(self) -> str:  # never print a key, even by accident in a debug line
        return f"SessionKey(key_id={self.key_id!r})"


# --- the private folder and the peer's uid ------------------------------------------------


def runtime_folder() -> Path:
    """Where session sockets live: ``$JOURNAL_APP_RUNTIME_DIR``, else the per-user runtime
    folder (``$XDG_RUNTIME_DIR``, in memory and private on Linux), else the temp folder."""
    explicit = os.environ.get(ENV_RUNTIME_DIR)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    return Path(base) / f"journal-app-{os.getuid()}"


def check_private_folder(folder: Path, uid: int) -> None:
    """SessionRefused unless ``folder`` is a real folder (no symlink), owned by ``uid``,
    that nobody else may enter, read or write (no group or other bits at all)."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        raise SessionRefused(f"The session folder {folder} is not there.") from None
    if not stat.S_ISDIR(info.st_mode):
        raise SessionRefused(f"The session folder {folder} is not a folder, so it was not used.")
    if info.st_uid != uid:
        raise SessionRefused(
            f"The session folder {folder} belongs to someone else, so it was not used."
        )
    if info.st_mode & 0o077:
        raise SessionRefused(f"Others can open the session folder {folder}, so it was not used.")


def private_folder(uid: int | None = None) -> Path:
    """The runtime folder, made (0700) if needed and checked either way."""
    folder = runtime_folder()
    uid = os.getuid() if uid is None else uid
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700, parents=True)
    check_private_folder(folder, uid)
    return folder


def peer_uid(sock: socket.socket) -> int:
    """The uid of the process at the other end of a Unix socket, from the kernel."""
    raw = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, _CRED.size)
    return _CRED.unpack(raw)[1]


def peer_is(sock: socket.socket, uid: int) -> bool:
    """Whether the peer is ``uid``: the only check between a same-user peer and another user."""
    try:
        return peer_uid(sock) == uid
    except OSError:
        return False


def socket_path(data_dir: Path) -> Path:
    """One session per journal, named by a hash of its folder (nothing personal in the name)."""
    name = hashlib.sha256(str(Path(data_dir).resolve()).encode("utf-8")).hexdigest()[:16]
    return runtime_folder() / f"{name}.sock"


# --- talking to an agent ------------------------------------------------------------------


def _ask(path: Path, request: dict, timeout: float = 5.0) -> dict | None:
    """One request, one answer; None if no agent is listening there (none, or a stale socket)."""
    check_private_folder(path.parent, os.getuid())
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        try:
            sock.connect(str(path))
        except (FileNotFoundError, ConnectionRefusedError):
            return None
        if not peer_is(sock, os.getuid()):
            raise SessionRefused("The session's process belongs to someone else; it was not used.")
        sock.sendall(json.dumps(request).encode("utf-8") + b"\n")
        return _read_message(sock)
    except (OSError, ValueError):
        return None
    finally:
        sock.close()


def _read_message(sock: socket.socket) -> dict | None:
    data = b""
    while not data.endswith(b"\n") and len(data) < _MAX_MESSAGE:
        chunk = sock.recv(_MAX_MESSAGE)
        if not chunk:
            break
        data += chunk
    if not data:
        return None
    message = json.loads(data)
    return message if isinstance(message, dict) else None


def _info(answer: dict) -> SessionInfo:
    return SessionInfo(
        until=datetime.fromtimestamp(float(answer["until"]), UTC),
        minutes=int(answer["minutes"]),
        pid=int(answer["pid"]),
    )


def session_status(data_dir: Path) -> SessionInfo | None:
    """The running session for this journal, or None. SessionRefused if one is not trusted."""
    path = socket_path(data_dir)
    if not path.exists():
        return None
    answer = _ask(path, {"op": "status"})
    return _info(answer) if answer and answer.get("ok") else None


def end_session(data_dir: Path) -> bool:
    """Lock now. True if a session was running."""
    path = socket_path(data_dir)
    if not path.exists():
        return False
    answer = _ask(path, {"op": "lock"})
    return bool(answer and answer.get("ok"))


def session_key(data_dir: Path) -> tuple[SessionKey | None, str | None]:
    """The session's key for this journal, and a line to tell the person if there is one.

    (None, None): no session, ask for the passphrase as always. (None, reason): a session
    was there but is not used (not trusted, or it ended because the key file changed).
    """
    path = socket_path(data_dir)
    if not path.exists():  # the common case without a session: one stat, nothing else
        return None, None
    try:
        answer = _ask(path, {"op": "key"})
    except SessionRefused as refused:
        return None, str(refused)
    if answer is None:
        return None, None
    if not answer.get("ok"):
        return None, str(answer.get("reason") or "The unlocked session ended.")
    try:
        key = SessionKey(
            data_key=base64.b64decode(answer["key"], validate=True),
            key_id=str(answer["key_id"]),
            fingerprint=str(answer["fingerprint"]),
        )
    except (KeyError, TypeError, ValueError):
        return None, "The unlocked session sent something unexpected; it was not used."
    return key, None


# --- starting an agent ----------------------------------------------------------------------


def start_session(
    data_dir: Path, data_key: bytes, key_id: str, fingerprint: str, minutes: int
) -> SessionInfo:
    """Replace any session for this journal with a new agent holding ``data_key``.

    The socket is bound here (so a problem is told by the ``unlock`` command itself), then
    the agent is forked off into its own session with no terminal and no open files but
    the socket. Nothing is written but the socket itself.
    """
    end_session(data_dir)
    folder = private_folder()
    path = socket_path(data_dir)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()  # a stale socket of an agent that was killed
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_umask = os.umask(0o177)
    try:
        listener.bind(str(path))
    finally:
        os.umask(old_umask)
    listener.listen(8)
    check_private_folder(folder, os.getuid())
    agent = _Agent(listener, path, Path(data_dir), data_key, key_id, fingerprint, minutes)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the agent
        _become_agent(agent)
    listener.close()
    return SessionInfo(until=agent.until(), minutes=minutes, pid=pid)


def _become_agent(agent: _Agent) -> None:
    """In the forked child: detach, then serve until the session ends. Never returns."""
    code = 0
    try:
        os.setsid()
        disable_core_dumps()
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        os.close(devnull)
        signal.signal(signal.SIGTERM, lambda *_: agent.stop())
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        agent.serve()
    except BaseException:
        code = 1
    finally:
        agent.close()
        os._exit(code)


class _Agent:
    """The background process's whole job: hand the key to this user's commands, then end."""

    def __init__(
        self,
        listener: socket.socket,
        path: Path,
        data_dir: Path,
        data_key: bytes,
        key_id: str,
        fingerprint: str,
        minutes: int,
    ) -> None:
        self._listener = listener
        self._path = path
        self._inode = os.stat(path).st_ino
        self._data_dir = data_dir
        self._key = data_key
        self._key_id = key_id
        self._fingerprint = fingerprint
        self._minutes = minutes
        self._idle_seconds = minutes * 60.0
        self._deadline = time.monotonic() + self._idle_seconds
        self._running = True

    def until(self) -> datetime:
        return datetime.fromtimestamp(time.time() + self._deadline - time.monotonic(), UTC)

    def stop(self) -> None:
        self._running = False

    def _key_file_same(self) -> bool:
        from journal_app.storage.vault import current_key_fingerprint

        return current_key_fingerprint(self._data_dir) == self._fingerprint

    def serve(self) -> None:
        self._listener.settimeout(_POLL_SECONDS)
        while self._running and time.monotonic() < self._deadline and self._key_file_same():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except InterruptedError:
                continue
            with conn:
                self._answer(conn)

    def _answer(self, conn: socket.socket) -> None:
        """One request. A peer of another uid gets nothing at all, not even a refusal."""
        if not peer_is(conn, os.getuid()):
            return
        conn.settimeout(2.0)
        try:
            request = _read_message(conn) or {}
        except (OSError, ValueError):
            return
        reply = self._reply(str(request.get("op")))
        with contextlib.suppress(OSError):
            conn.sendall(json.dumps(reply).encode("utf-8") + b"\n")

    def _reply(self, op: str) -> dict:
        if not self._key_file_same():
            self.stop()
            return {
                "ok": False,
                "reason": "The unlocked session ended because the passphrase or key changed; "
                "the passphrase is needed again.",
            }
        if op == "lock":
            self.stop()
            return {"ok": True}
        if op == "key":
            self._deadline = time.monotonic() + self._idle_seconds  # in use: not idle
            return {
                "ok": True,
                "key": base64.b64encode(self._key).decode("ascii"),
                "key_id": self._key_id,
                "fingerprint": self._fingerprint,
                **self._status(),
            }
        if op == "status":
            return {"ok": True, **self._status()}
        return {"ok": False, "reason": "The unlocked session did not understand the request."}

    def _status(self) -> dict:
        return {"until": self.until().timestamp(), "minutes": self._minutes, "pid": os.getpid()}

    def close(self) -> None:
        """Forget the key and take the socket away (only our own, not a newer agent's)."""
        self._key = b""
        with contextlib.suppress(OSError):
            self._listener.close()
        with contextlib.suppress(OSError):
            if os.stat(self._path).st_ino == self._inode:
                self._path.unlink()

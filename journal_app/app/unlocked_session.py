"""An opt-in unlocked session for the command line: the passphrase once, then N minutes
of commands without it.

``journal-app unlock`` derives the key once (the slow Argon2id step) and leaves a small
background process, the *agent*, holding the data key in memory. It listens on a Unix
socket in a folder only this user can enter (0700, owned by them), and answers only a
peer whose uid (``SO_PEERCRED``) is this user's.

A command run while a session is on does not ask for the key: it hands the agent its own
standard input, output and error (the file descriptors themselves, over the socket), the
agent forks a child, and the command tells that child its arguments, environment and
working folder (the agent itself never reads them); the child runs that very command,
with the same code as always, on those descriptors, and reports its exit code. So:

- the data key never leaves the agent (nothing to steal from the socket but the use of
  the journal while the session lasts, as with gpg-agent doing decryption for its
  clients rather than handing out keys);
- the command pays neither the key derivation nor Python's start-up and imports, which
  are most of a command's time;
- every command behaves as without a session: same checks, same writes, same folder lock
  taken for the command only (the app can stay open beside it), same exit codes.

The price, as with ssh-agent or gpg-agent: while a session runs, any program running as
this same user can use the journal through it. Such a program could already read the key
file and watch the keyboard, so the session adds exposure in time, not in kind; it is off
unless asked for, ends by itself after N minutes without use, and ends at once on
``lock`` or when the key file changes (a new passphrase or a rotated key ends every
session unlocked with the old one).

The agent is a new program (``python -m journal_app.cli.session_agent``), not a fork of
``unlock``: it starts with a clean environment (only where the package is) and gets the
data key and its socket through a pipe and an inherited descriptor, so neither the
passphrase nor the key is ever in its environment or arguments (readable in /proc), and
the passphrase never reaches it at all. It never writes the key anywhere (no file, no
log); it cannot be core-dumped or attached to, and its memory is locked out of swap
where the platform allows (``process_guard``).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import signal
import socket
import stat
import struct
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

from journal_app.core.errors import VaultError

if TYPE_CHECKING:
    import subprocess

ENV_RUNTIME_DIR = "JOURNAL_APP_RUNTIME_DIR"
DEFAULT_MINUTES = 15
MAX_MINUTES = 24 * 60
_POLL_SECONDS = 1.0  # how often the agent looks at the clock and the key file
_MAX_MESSAGE = 1024 * 1024  # arguments and environment; far more than any real command
_CRED = struct.Struct("3i")  # struct ucred: pid, uid, gid

# Commands that work on the journal, and so may run in a session. The others (init,
# unlock, lock, status, the app, and the passphrase and backup commands, which ask for
# the passphrase on purpose) always run on their own.
SESSION_COMMANDS = frozenset(
    {"entry", "prompts", "goal", "candidate", "checkin", "question", "review", "import",
     "export-bundle", "shares", "sync"}
)  # fmt: skip

Runner = Callable[[list[str]], int]


class SessionRefused(VaultError):
    """A session was found but not trusted (its folder or its process is not this user's)."""


class SessionInfo(NamedTuple):
    """A running session, as ``status`` tells it. (A named tuple, not a dataclass: every
    command imports this module first, and ``dataclasses`` with ``inspect`` was a third
    of its import time.)"""

    until: datetime  # UTC: when it ends if nothing uses it before then
    minutes: int  # its idle timeout
    pid: int


# --- where a session can run ----------------------------------------------------------------


def supported() -> bool:
    """Whether this system can hold a session safely: Unix sockets, ``fork``, and a kernel
    that says which user is at the other end of a socket (``SO_PEERCRED``: Linux). Where
    it cannot (macOS, Windows) there is never a session, and every command asks for the
    passphrase as it always has; ``unlock`` says why."""
    return (
        hasattr(socket, "AF_UNIX")
        and hasattr(socket, "SO_PEERCRED")
        and hasattr(socket, "send_fds")
        and hasattr(os, "fork")
        and hasattr(os, "getuid")
    )


NOT_SUPPORTED = (
    "Unlocked sessions need Linux: this system cannot tell the app which user is at the "
    "other end of its socket. Commands ask for the passphrase as usual."
)


# --- the private folder and the peer's uid ------------------------------------------------


def runtime_folder() -> Path:
    """Where session sockets live: ``$JOURNAL_APP_RUNTIME_DIR``, else the per-user runtime
    folder (``$XDG_RUNTIME_DIR``, in memory and private on Linux), else the temp folder."""
    explicit = os.environ.get(ENV_RUNTIME_DIR)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_RUNTIME_DIR")
    if not base:
        import tempfile  # only here: most commands never need it

        base = tempfile.gettempdir()
    return Path(base) / f"journal-app-{os.getuid()}"


def check_private_folder(folder: Path, uid: int) -> None:
    """SessionRefused unless ``folder`` is a real folder (no symlink), owned by ``uid``,
    that nobody else may enter, read or write (no group or other bits at all)."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        raise SessionRefused(f"The session folder {folder} is not there.") from None
    except OSError as exc:  # a parent folder we may not enter, a name too long...
        raise SessionRefused(
            f"The session folder {folder} cannot be looked at ({exc.strerror}), so it was not used."
        ) from None
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
    try:
        folder.mkdir(mode=0o700, parents=True)
    except FileExistsError:
        pass  # checked below, whoever made it
    except OSError as exc:
        raise SessionRefused(
            f"The session folder {folder} could not be made ({exc.strerror})."
        ) from None
    check_private_folder(folder, uid)
    return folder


CANNOT_START = (
    "No unlocked session can start: {reason} Set XDG_RUNTIME_DIR (or "
    f"{ENV_RUNTIME_DIR}) to a folder of your own, or go on typing the passphrase."
)


def refuse_unless_folder_is_ours() -> None:
    """SessionRefused, with what to do, unless the session folder is (or can be made) this
    user's own private folder. Without ``$XDG_RUNTIME_DIR`` the folder is a fixed name in
    the shared temp folder, and another user may have made it first: then no session is
    started there (its socket would sit where they can replace or watch it), and the
    person is told so before typing the passphrase."""
    try:
        private_folder()
    except SessionRefused as refused:
        raise SessionRefused(CANNOT_START.format(reason=refused)) from None


def folder_problem() -> str | None:
    """Why no session could start in the session folder now, or None if one could (the
    folder is ours and private, or not made yet, or sessions cannot run here at all).
    Looks only; makes nothing."""
    if not supported():
        return None
    folder = runtime_folder()
    if not _exists(folder, follow=False):
        return None
    try:
        check_private_folder(folder, os.getuid())
    except SessionRefused as refused:
        return CANNOT_START.format(reason=refused)
    return None


def _folder_is_ours(folder: Path) -> bool:
    """Whether ``folder`` is a real folder of this user's (open to others or not). A
    socket in a folder of someone else's (or behind a link) is never ours, whatever its
    name: no session of ours can be there (``unlock`` refuses such a folder), so it is
    passed over in silence, and a stranger cannot make every command complain. A folder
    of ours left open is told about (``check_private_folder``): our session may be there.
    """
    try:
        info = os.lstat(folder)
    except (OSError, ValueError):
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()


def _exists(path: Path, *, follow: bool = True) -> bool:
    """Whether ``path`` is there, as far as this user can tell: a folder of another user
    that we may not enter holds nothing of ours (and must not become a traceback)."""
    try:
        (os.stat if follow else os.lstat)(path)
    except (OSError, ValueError):
        return False
    return True


def peer_uid(sock: socket.socket) -> int:
    """The uid of the process at the other end of a Unix socket, from the kernel."""
    raw = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, _CRED.size)
    uid: int = _CRED.unpack(raw)[1]  # struct ucred: pid, uid, gid
    return uid


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


def _send(sock: socket.socket, message: dict[str, Any], fds: Sequence[int] = ()) -> None:
    data = json.dumps(message).encode("utf-8") + b"\n"
    if fds:
        socket.send_fds(sock, [data], list(fds))
    else:
        sock.sendall(data)


class _Lines:
    """Newline-ended JSON messages from a socket, the first possibly carrying descriptors."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._buffer = b""
        self.fds: list[int] = []

    def next(self, with_fds: bool = False) -> dict[str, Any] | None:
        while b"\n" not in self._buffer:
            if len(self._buffer) > _MAX_MESSAGE:
                return None
            if with_fds and not self.fds:
                chunk, fds, _flags, _addr = socket.recv_fds(self._sock, 65536, 3)
                self.fds.extend(fds)
            else:
                chunk = self._sock.recv(65536)
            if not chunk:
                return None
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        message = json.loads(line)
        return message if isinstance(message, dict) else None


def _connect(path: Path, timeout: float | None = 5.0) -> socket.socket | None:
    """A connection to the agent at ``path``; None if none listens there (none, or stale).

    SessionRefused if the folder is not private or the listener is not this user's.
    """
    check_private_folder(path.parent, os.getuid())
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(str(path))
    except OSError:
        sock.close()
        return None
    if not peer_is(sock, os.getuid()):
        sock.close()
        raise SessionRefused("The session's process belongs to someone else; it was not used.")
    return sock


def _ask(path: Path, request: dict[str, Any]) -> dict[str, Any] | None:
    """One request, one answer; None if no agent answers."""
    sock = _connect(path)
    if sock is None:
        return None
    with sock:
        try:
            _send(sock, request)
            return _Lines(sock).next()
        except (OSError, ValueError):
            return None


def session_status(data_dir: Path) -> SessionInfo | None:
    """The running session for this journal, or None. SessionRefused if one is not trusted."""
    if not supported():
        return None
    path = socket_path(data_dir)
    if not _exists(path) or not _folder_is_ours(path.parent):
        return None
    answer = _ask(path, {"op": "status"})
    if not answer or not answer.get("ok"):
        return None
    return SessionInfo(
        until=datetime.fromtimestamp(float(answer["until"]), UTC),
        minutes=int(answer["minutes"]),
        pid=int(answer["pid"]),
    )


def end_session(data_dir: Path) -> bool:
    """Lock now. True if a session was running."""
    if not supported():
        return False
    path = socket_path(data_dir)
    if not _exists(path) or not _folder_is_ours(path.parent):
        return False
    answer = _ask(path, {"op": "lock"})
    return bool(answer and answer.get("ok"))


def _command_of(argv: Sequence[str]) -> tuple[str | None, str | None]:
    """(the command word, ``--data-dir``'s value) read from the front of ``argv``."""
    data_dir = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--data-dir" and i + 1 < len(argv):
            data_dir, i = argv[i + 1], i + 2
            continue
        if arg.startswith("--data-dir="):
            data_dir, i = arg.split("=", 1)[1], i + 1
            continue
        return (None if arg.startswith("-") else arg), data_dir
    return None, data_dir


def _writes_in_a_terminal(argv: Sequence[str]) -> bool:
    """``entry add`` with no text, at a terminal: it opens an editor, which needs this
    process's own terminal (the agent has none), so it runs on its own."""
    words = [a for a in argv if not a.startswith("-")]
    return "add" in words and "entry" in words and sys.stdin is not None and sys.stdin.isatty()


def run_in_session(argv: Sequence[str]) -> tuple[int | None, str | None]:
    """Run a command in this journal's unlocked session, if one is running.

    Returns (exit code, None) when the session ran it; (None, None) when there is no
    session (the caller runs the command as always); (None, reason) when a session was
    there but not used, with the line to tell the person.
    """
    command, explicit = _command_of(argv)
    if command not in SESSION_COMMANDS or "-h" in argv or "--help" in argv or not supported():
        return None, None
    from journal_app.storage.paths import resolve_data_dir

    path = socket_path(resolve_data_dir(explicit))
    if not _exists(path):  # the common case without a session: one stat, nothing else
        return None, None
    if not _folder_is_ours(path.parent) or _writes_in_a_terminal(argv):
        return None, None
    try:
        sock = _connect(path, timeout=None)
    except SessionRefused as refused:
        return None, str(refused)
    if sock is None:
        return None, None
    with sock:
        return _relay(sock, argv)


def _relay(sock: socket.socket, argv: Sequence[str]) -> tuple[int | None, str | None]:
    """Hand the command and our descriptors over, pass Ctrl-C on, and wait for its end."""
    umask = os.umask(0)
    os.umask(umask)
    command = {"argv": list(argv), "env": dict(os.environ), "cwd": os.getcwd(), "umask": umask}
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    try:
        _send(sock, {"op": "run"}, fds=[0, 1, 2])
        lines = _Lines(sock)
        started = lines.next()
        if not started or not started.get("ok"):
            return None, (started or {}).get("reason")
        # Only now, to the child the agent forked for this command: the agent itself
        # never receives our words, environment (a passphrase may be in it) or folder.
        _send(sock, command)
        child = int(started["pid"])
        forward = lambda signum, _frame: _signal_child(child, signum)  # noqa: E731
        previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            ended = lines.next()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
    except (OSError, ValueError):
        ended = None
    if not ended or "exit" not in ended:
        return 1, "The unlocked session stopped before the command finished."
    return int(ended["exit"]), None


def _signal_child(pid: int, signum: int) -> None:
    with contextlib.suppress(OSError):
        os.kill(pid, signum)


# --- starting an agent ----------------------------------------------------------------------


def start_session(
    data_dir: Path,
    agent: Sequence[str],
    settings: dict[str, Any],
    secret: bytes,
    minutes: float,
) -> SessionInfo:
    """Replace any session for this journal with a new agent.

    ``agent`` is the command line of the agent program (a fresh Python running
    ``serve_from_pipe`` with the shell's runner); ``settings`` (plain JSON: nothing
    secret) and ``secret`` (the data key) reach it through a pipe on its standard input,
    never through its arguments or environment, which other programs can read in /proc.

    The socket is bound here (so a problem is told by the ``unlock`` command itself) and
    handed to the agent as an open descriptor. The agent starts in its own session with
    no terminal, in a clean environment holding nothing of the person's: it is a new
    program, not a fork of this one, so it holds no copy of the passphrase either. This
    returns once the agent says it holds the key and is listening; nothing is written but
    the socket itself.
    """
    if not supported():
        raise SessionRefused(NOT_SUPPORTED)
    end_session(data_dir)
    refuse_unless_folder_is_ours()
    folder = runtime_folder()
    path = socket_path(data_dir)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()  # a stale socket of an agent that was killed
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_umask = os.umask(0o177)
    try:
        listener.bind(str(path))
    finally:
        os.umask(old_umask)
    with listener:
        listener.listen(16)
        check_private_folder(folder, os.getuid())
        start = {"listener": listener.fileno(), "socket": str(path), "minutes": minutes,
                 "settings": settings, "secret_bytes": len(secret)}  # fmt: skip
        pid = _launch_agent(agent, listener.fileno(), start, secret, path)
    until = datetime.fromtimestamp(time.time() + minutes * 60.0, UTC)
    return SessionInfo(until=until, minutes=round(minutes), pid=pid)


_AGENTS: list[
    subprocess.Popen[bytes]
] = []  # agents this process started (an in-process caller may start several)
AGENT_DID_NOT_START = "The unlocked session could not start; commands ask for the passphrase."
AGENT_BY_HAND = "This program is started by 'journal-app unlock', not by hand."
_AGENT_START_SECONDS = 60.0  # a cold start of Python and the app's modules on a slow phone


def clean_environment() -> dict[str, str]:
    """All the agent is started with: where this package is (for a checkout that is not
    installed). Nothing of the person's: no passphrase, no paths, no terminal."""
    package_root = str(Path(__file__).resolve().parents[2])
    return {"PYTHONPATH": package_root}


def _launch_agent(
    agent: Sequence[str], listener_fd: int, start: dict[str, Any], secret: bytes, path: Path
) -> int:
    """Start the agent program, hand it the start message and the key through its
    standard input, and wait for its "ready"; its pid. SessionRefused if it did not
    start (it is stopped, and its socket taken away)."""
    import select
    import subprocess  # only here: most commands never start an agent

    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    try:
        proc = subprocess.Popen(  # noqa: S603 - our own program, no shell
            list(agent),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            pass_fds=(listener_fd,),
            env=clean_environment(),
            cwd="/",
            start_new_session=True,
        )
    except OSError:
        path.unlink(missing_ok=True)
        raise SessionRefused(AGENT_DID_NOT_START) from None
    assert proc.stdin is not None and proc.stdout is not None
    said = b""
    try:
        proc.stdin.write(json.dumps(start).encode("utf-8") + b"\n" + secret)
        proc.stdin.close()
        ready, _, _ = select.select([proc.stdout], [], [], _AGENT_START_SECONDS)
        said = os.read(proc.stdout.fileno(), 64) if ready else b""
    except OSError:
        pass
    finally:
        proc.stdout.close()
    if said != b"ready\n":
        with contextlib.suppress(OSError):
            proc.kill()
        proc.wait()
        path.unlink(missing_ok=True)
        raise SessionRefused(AGENT_DID_NOT_START)
    _AGENTS.append(proc)  # it outlives this command: kept so nothing waits for it or warns
    return proc.pid


# --- the agent program --------------------------------------------------------------------


class AgentStart(NamedTuple):
    """What ``start_session`` handed the agent: its socket, idle minutes, the caller's
    settings and the secret."""

    listener: socket.socket
    path: Path
    minutes: float
    settings: dict[str, Any]
    secret: bytes


def read_start(stdin_fd: int = 0) -> AgentStart:
    """In the agent: the start message and the secret from ``unlock``'s pipe on
    ``stdin_fd``. SessionRefused if there is no such message (someone started the agent
    program by hand, or ``unlock`` died half way)."""
    try:
        if os.isatty(stdin_fd):
            raise ValueError("a terminal, not unlock's pipe")
        with os.fdopen(os.dup(stdin_fd), "rb") as pipe:
            start = json.loads(pipe.readline(_MAX_MESSAGE))
            size = int(start["secret_bytes"])
            secret = pipe.read(size)
        if len(secret) != size or not size:
            raise ValueError("short secret")
        listener = socket.socket(fileno=int(start["listener"]))
        return AgentStart(listener, Path(start["socket"]), float(start["minutes"]),
                          dict(start["settings"]), secret)  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError):
        raise SessionRefused(AGENT_BY_HAND) from None


def serve_from_pipe(
    start: AgentStart,
    opener: Callable[[], object],
    fingerprint: Callable[[], str | None],
    runner: Runner,
    *,
    ready: Callable[[], None] | None = None,
) -> NoReturn:
    """In the agent, once it holds the key: say "ready" to ``unlock``, then serve until
    the session ends. Never returns.

    ``opener`` is called in each command's child before ``runner`` (it makes the held key
    the way that child opens the journal); ``fingerprint`` says what the key file is now,
    so the agent ends when it changes. ``ready`` runs once before the first command is
    answered (the socket already listens, so a first command just waits for it); if it
    fails, commands do that work themselves as without it.
    """
    code = 0
    agent = None
    try:
        agent = _Agent(start.listener, start.path, opener, fingerprint, runner, start.minutes)
        signal.signal(signal.SIGTERM, lambda *_: agent.stop())
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # commands' children reap themselves
        os.write(1, b"ready\n")
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        os.close(devnull)
        if ready is not None:
            with contextlib.suppress(Exception):
                ready()
        agent.serve()
    except BaseException:
        code = 1
    finally:
        if agent is not None:
            agent.close()
        os._exit(code)


class _Agent:
    """The background process: run this user's commands with the key it holds, then end."""

    def __init__(
        self,
        listener: socket.socket,
        path: Path,
        opener: Callable[[], object],
        fingerprint: Callable[[], str | None],
        runner: Runner,
        minutes: float,
    ) -> None:
        self._listener = listener
        self._path = path
        self._inode = os.stat(path).st_ino
        self._opener = opener
        self._fingerprint = fingerprint
        self._first_fingerprint = fingerprint()
        self._runner = runner
        self._minutes = minutes
        self._idle_seconds = minutes * 60.0
        self._deadline = time.monotonic() + self._idle_seconds
        self._running = True

    def until(self) -> datetime:
        return datetime.fromtimestamp(time.time() + self._deadline - time.monotonic(), UTC)

    def stop(self) -> None:
        self._running = False

    def _key_file_same(self) -> bool:
        return self._fingerprint() == self._first_fingerprint

    def serve(self) -> None:
        self._listener.settimeout(_POLL_SECONDS)
        while self._running and time.monotonic() < self._deadline and self._key_file_same():
            try:
                conn, _ = self._listener.accept()
            except (TimeoutError, InterruptedError):
                continue
            with conn:
                self._answer(conn)

    def _answer(self, conn: socket.socket) -> None:
        """One request. A peer of another uid gets nothing at all, not even a refusal."""
        if not peer_is(conn, os.getuid()):
            return
        conn.settimeout(5.0)
        lines = _Lines(conn)
        try:
            request = lines.next(with_fds=True) or {}
        except (OSError, ValueError):
            request = {}
        try:
            op = str(request.get("op"))
            if not self._key_file_same():
                self.stop()
                reply = {"ok": False, "reason": "The unlocked session ended because the "
                         "passphrase or key changed; the passphrase is needed again."}  # fmt: skip
            elif op == "run" and len(lines.fds) == 3:
                self._deadline = time.monotonic() + self._idle_seconds  # in use: not idle
                self._fork_command(conn, lines.fds)
                return
            elif op == "lock":
                self.stop()
                reply = {"ok": True}
            elif op == "status":
                reply = {"ok": True, "until": self.until().timestamp(),
                         "minutes": self._minutes, "pid": os.getpid()}  # fmt: skip
            else:
                reply = {"ok": False, "reason": "The unlocked session did not understand that."}
            with contextlib.suppress(OSError):
                _send(conn, reply)
        finally:
            for fd in lines.fds:
                with contextlib.suppress(OSError):
                    os.close(fd)

    def _fork_command(self, conn: socket.socket, fds: list[int]) -> None:
        """The command runs in a child of ours, on the caller's own descriptors. The
        child, not this long-lived process, reads what the command is (its arguments,
        environment and folder), so nothing of it stays behind in the agent's memory."""
        pid = os.fork()
        if pid != 0:
            return  # the child reports to the caller itself; we go back to listening
        code = 1
        try:
            self._listener.close()
            conn.settimeout(5.0)
            _send(conn, {"ok": True, "pid": os.getpid()})
            request = _Lines(conn).next() or {}
            conn.settimeout(None)
            _take_over(request, fds)
            self._opener()
            code = self._runner(list(request.get("argv") or []))
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        except BaseException:
            code = 1
        finally:
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(Exception):
                    stream.flush()
            with contextlib.suppress(Exception):
                _send(conn, {"exit": code})
            os._exit(code)

    def close(self) -> None:
        """Take the socket away (only our own, not a newer agent's); the key goes with us."""
        with contextlib.suppress(OSError):
            self._listener.close()
        with contextlib.suppress(OSError):
            if os.stat(self._path).st_ino == self._inode:
                self._path.unlink()


def _take_over(request: dict[str, Any], fds: list[int]) -> None:
    """Become the caller's process in all that a command can tell: its standard streams,
    environment, working folder, umask, time zone and Ctrl-C."""
    for target, fd in zip((0, 1, 2), fds, strict=True):
        os.dup2(fd, target)
        os.close(fd)
    os.environ.clear()
    os.environ.update({str(k): str(v) for k, v in dict(request.get("env") or {}).items()})
    time.tzset()
    os.chdir(str(request.get("cwd") or "/"))
    os.umask(int(request.get("umask", 0o077)))
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGCHLD):
        signal.signal(sig, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    encoding, _, errors = (os.environ.get("PYTHONIOENCODING") or "utf-8").partition(":")
    encoding = encoding or "utf-8"
    sys.stdin = open(0, encoding=encoding, closefd=False)  # noqa: SIM115 - for the process
    sys.stdout = _text_out(1, encoding, errors or "strict")
    sys.stderr = _text_out(2, encoding, "backslashreplace")


def _text_out(fd: int, encoding: str, errors: str) -> io.TextIOWrapper:
    """A standard stream on ``fd`` as Python would have made it for the caller."""
    return open(  # noqa: SIM115 - lives as long as the process
        fd,
        "w",
        encoding=encoding,
        errors=errors,
        closefd=False,
        buffering=1 if os.isatty(fd) else -1,
    )

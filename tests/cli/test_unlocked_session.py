"""The opt-in unlocked session: real agents, real sockets, real CLI processes.

Each test's sessions live in its own runtime folder (JOURNAL_APP_RUNTIME_DIR), and every
agent a test starts is locked again when it ends.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from journal_app.app.journal_access import unlock_session
from journal_app.app.unlocked_session import (
    SessionRefused,
    check_private_folder,
    peer_is,
    peer_uid,
    private_folder,
    run_in_session,
    session_status,
    socket_path,
)
from journal_app.cli.main import run
from journal_app.cli.unlocked import AGENT
from journal_app.storage.vault import KeyChanged, Vault, unwrap_data_key
from tests.conftest import NEW_PASSPHRASE, PASSPHRASE, Cli, CliResult

NO_PASSPHRASE = "No passphrase given"


class SessionCli(Cli):
    """The real CLI, with this test's own folder for session sockets."""

    def __init__(self, data_dir: Path, runtime: Path) -> None:
        super().__init__(data_dir)
        self.runtime = runtime

    def env(self, passphrase: str | None = PASSPHRASE, **extra: str) -> dict[str, str]:
        return super().env(passphrase, JOURNAL_APP_RUNTIME_DIR=str(self.runtime), **extra)


@pytest.fixture
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "run"
    monkeypatch.setenv("JOURNAL_APP_RUNTIME_DIR", str(folder))  # for in-process calls
    return folder


@pytest.fixture
def scli(data_dir: Path, runtime: Path):
    cli = SessionCli(data_dir, runtime)
    assert cli("init").code == 0
    yield cli
    cli("lock", passphrase=None)


def listed(result: CliResult) -> str:
    assert result.code == 0, result.err
    return result.out


def test_a_command_uses_the_session_and_lock_ends_it(scli: SessionCli) -> None:
    unlocked = scli("unlock")
    assert unlocked.code == 0, unlocked.err
    assert "Unlocked until" in unlocked.out
    assert "Unlocked until" in scli("status", passphrase=None).out

    added = scli("entry", "add", "--tag", "calls", "Rang the clinic", passphrase=None)
    assert added.code == 0, added.err
    assert "Rang the clinic" in listed(scli("entry", "list", passphrase=None))

    locked = scli("lock", passphrase=None)
    assert (locked.code, locked.out.strip()) == (
        0,
        "Locked. Commands will ask for the passphrase again.",
    )
    after = scli("entry", "list", passphrase=None)
    assert after.code == 2 and NO_PASSPHRASE in after.err
    assert scli("status", passphrase=None).out.startswith("Locked")
    assert "Rang the clinic" in listed(scli("entry", "list"))  # the passphrase still works


def test_sync_runs_in_the_session_too(scli: SessionCli, tmp_path: Path) -> None:
    """A script exchanging often pays no key derivation (`sync` was run outside the
    session, with the passphrase: ~300 ms at ten years instead of ~100)."""
    folder = tmp_path / "sync-folder"
    assert scli("sync", "setup", str(folder)).code == 0
    assert scli("unlock").code == 0
    assert scli("entry", "add", "written in the session", passphrase=None).code == 0
    exchanged = scli("sync", "now", passphrase=None)
    assert exchanged.code == 0, exchanged.err
    status = scli("sync", "status", "--json", passphrase=None)
    assert status.code == 0 and '"unsent_changes": 0' in status.out


def test_a_day_long_session_says_it_ends_tomorrow(scli: SessionCli) -> None:
    """24 hours from now is tomorrow: "until 11:48" alone would read as already over."""
    unlocked = scli("unlock", "--minutes", "1440")
    assert unlocked.code == 0 and "Unlocked until tomorrow at " in unlocked.out, unlocked
    assert "Unlocked until tomorrow at " in scli("status", passphrase=None).out


def test_without_a_session_everything_asks_as_before(scli: SessionCli) -> None:
    status = scli("status", passphrase=None)
    assert status.code == 0 and status.out.startswith("Locked")
    for args in (("entry", "list"), ("entry", "add", "x"), ("goal", "list"), ("review",)):
        result = scli(*args, passphrase=None)
        assert result.code == 2 and NO_PASSPHRASE in result.err, args
    nothing = scli("lock", passphrase=None)
    assert nothing.code == 0 and "No unlocked session" in nothing.out
    assert scli("entry", "add", "with passphrase").code == 0


def test_unlock_with_a_wrong_passphrase_starts_nothing(scli: SessionCli, runtime: Path) -> None:
    wrong = scli("unlock", passphrase="not the right one at all")
    assert wrong.code == 3
    assert scli("status", passphrase=None).out.startswith("Locked")
    assert scli("unlock", "--minutes", "0").code == 2


def test_a_changed_key_file_ends_the_session(scli: SessionCli) -> None:
    assert scli("unlock").code == 0
    changed = scli("change-passphrase", JOURNAL_APP_NEW_PASSPHRASE=NEW_PASSPHRASE)
    assert changed.code == 0, changed.err
    refused = scli("entry", "list", passphrase=None)
    assert refused.code == 2 and NO_PASSPHRASE in refused.err  # the agent is gone, or says so
    assert scli("status", passphrase=None).out.startswith("Locked")
    assert scli("entry", "list", passphrase=NEW_PASSPHRASE).code == 0


def test_a_key_from_before_the_key_file_changed_is_refused(scli: SessionCli, data_dir) -> None:
    """Between a change and the agent noticing it, the key it hands out is refused anyway."""
    key, fingerprint = unwrap_data_key(data_dir, PASSPHRASE)
    assert scli("change-passphrase", JOURNAL_APP_NEW_PASSPHRASE=NEW_PASSPHRASE).code == 0
    with pytest.raises(KeyChanged):
        Vault.open_with_key(data_dir, key, fingerprint)
    _, new_fingerprint = unwrap_data_key(data_dir, NEW_PASSPHRASE)
    Vault.open_with_key(data_dir, key, new_fingerprint).close()  # same data key, new file


def test_an_expired_session_is_refused(scli: SessionCli, data_dir: Path) -> None:
    unlock_session(data_dir, PASSPHRASE, 1 / 60, AGENT)  # ends after one idle second
    assert session_status(data_dir) is not None
    time.sleep(3)
    assert session_status(data_dir) is None
    after = scli("entry", "list", passphrase=None)
    assert after.code == 2 and NO_PASSPHRASE in after.err


def test_the_key_is_never_written_and_the_agent_cannot_dump(
    scli: SessionCli, data_dir: Path, tmp_path: Path
) -> None:
    assert scli("unlock").code == 0
    assert scli("entry", "add", "kept in memory only", passphrase=None).code == 0
    key, _ = unwrap_data_key(data_dir, PASSPHRASE)
    raw, b64 = key.data_key, base64.b64encode(key.data_key)
    for path in tmp_path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert raw not in data and b64 not in data, path
    info = session_status(data_dir)
    assert info is not None
    limits = Path(f"/proc/{info.pid}/limits").read_text()
    core = next(line for line in limits.splitlines() if line.startswith("Max core file size"))
    assert core.split()[4:6] == ["0", "0"], core


def _agent_memory(pid: int) -> bytes | None:
    """The agent's writable memory, read through /proc (root may; else None)."""
    chunks = []
    try:
        maps = Path(f"/proc/{pid}/maps").read_text().splitlines()
        with open(f"/proc/{pid}/mem", "rb", buffering=0) as mem:
            for line in maps:
                span, perms = line.split()[:2]
                if not perms.startswith("rw"):
                    continue
                start, end = (int(x, 16) for x in span.split("-"))
                with contextlib.suppress(OSError, ValueError, OverflowError):
                    mem.seek(start)
                    chunks.append(mem.read(end - start))
    except OSError:
        return None
    return b"".join(chunks)


def test_the_agent_is_a_fresh_program_with_no_passphrase_or_key_in_sight(
    scli: SessionCli, data_dir: Path
) -> None:
    """The agent's environment and arguments (readable in /proc, by the same user through
    ps, and before this by anyone on some systems) hold neither the passphrase nor the
    key in any form: it is a new program with a clean environment, not a fork of
    ``unlock`` (whose environment had JOURNAL_APP_PASSPHRASE), and it got the key through
    a pipe. Its memory is locked, and it still serves commands."""
    unlocked = scli("unlock", PERSONAL_SETTING="nothing for the agent")
    assert unlocked.code == 0, unlocked.err
    info = session_status(data_dir)
    assert info is not None
    key, _ = unwrap_data_key(data_dir, PASSPHRASE)
    secrets = {
        "passphrase": PASSPHRASE.encode(),
        "key": key.data_key,
        "key, hex": key.data_key.hex().encode(),
        "key, HEX": key.data_key.hex().upper().encode(),
        "key, base64": base64.b64encode(key.data_key),
        "key, base64url": base64.urlsafe_b64encode(key.data_key),
        "key, base32": base64.b32encode(key.data_key),
    }
    environ = Path(f"/proc/{info.pid}/environ").read_bytes()
    cmdline = Path(f"/proc/{info.pid}/cmdline").read_bytes()
    for name, secret in secrets.items():
        assert secret not in environ, f"{name} in the agent's environment"
        assert secret not in cmdline, f"{name} in the agent's arguments"
    names = {entry.split(b"=", 1)[0] for entry in environ.split(b"\0") if entry}
    assert names <= {b"PYTHONPATH"}, names  # nothing of the person's, no JOURNAL_APP_*
    arguments = cmdline.split(b"\0")
    assert b"journal_app.cli.session_agent" in arguments and b"unlock" not in arguments

    status = Path(f"/proc/{info.pid}/status").read_text()
    locked_kb = int(next(x for x in status.splitlines() if x.startswith("VmLck:")).split()[1])
    assert locked_kb > 0, "no memory of the agent is locked"

    # A script that keeps JOURNAL_APP_PASSPHRASE set still runs in the session, and the
    # agent's child, not the agent, reads that environment and the entry's words.
    words = "Served by the fresh agent, words of mine"
    added = scli("entry", "add", words, PERSONAL_SETTING="nothing for the agent")
    assert added.code == 0, added.err
    assert words in listed(scli("entry", "list", passphrase=None))
    assert session_status(data_dir).pid == info.pid
    memory = _agent_memory(info.pid)
    if memory is not None:  # root may read it: the passphrase never reached the agent
        assert len(memory) > 1_000_000
        for secret in (PASSPHRASE, words, "nothing for the agent"):
            assert secret.encode() not in memory, secret


def test_an_agent_that_does_not_start_leaves_no_session(
    scli: SessionCli, data_dir: Path, runtime: Path
) -> None:
    """``unlock`` waits for the agent's "ready": a program that ends without it is told
    as one line, and leaves no socket a command would then wait on."""
    for agent in ([sys.executable, "-c", "pass"], ["/nonexistent/python"]):
        with pytest.raises(SessionRefused, match="could not start"):
            unlock_session(data_dir, PASSPHRASE, 5, agent)
        assert not socket_path(data_dir).exists()
        assert session_status(data_dir) is None
    assert scli("entry", "list", passphrase=None).code == 2  # asks for the passphrase
    for given in (b"", b'{"secret_bytes": 32}\n' + b"x" * 5):  # by hand, or unlock cut short
        by_hand = subprocess.run(
            AGENT, input=given, capture_output=True, env=scli.env(passphrase=None), timeout=60
        )
        assert by_hand.returncode == 2 and by_hand.stdout == b""
        assert by_hand.stderr.decode().strip() == (
            "journal-app: This program is started by 'journal-app unlock', not by hand."
        )


def test_a_session_folder_others_can_open_is_refused(scli: SessionCli, runtime: Path) -> None:
    assert scli("unlock").code == 0
    os.chmod(runtime, 0o755)
    result = scli("entry", "list", passphrase=None)
    assert result.code == 2
    assert "Others can open the session folder" in result.err and NO_PASSPHRASE in result.err
    os.chmod(runtime, 0o700)


def test_private_folder_checks(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir(mode=0o700)
    check_private_folder(folder, os.getuid())
    with pytest.raises(SessionRefused, match="belongs to someone else"):
        check_private_folder(folder, os.getuid() + 1)
    os.chown(folder, 4242, 4242)  # root in the tests: really owned by another user
    with pytest.raises(SessionRefused, match="belongs to someone else"):
        check_private_folder(folder, os.getuid())
    os.chown(folder, os.getuid(), os.getgid())
    for mode in (0o750, 0o701, 0o770):
        os.chmod(folder, mode)
        with pytest.raises(SessionRefused, match="Others can open"):
            check_private_folder(folder, os.getuid())
    os.chmod(folder, 0o700)
    link = tmp_path / "link"
    link.symlink_to(folder)
    with pytest.raises(SessionRefused, match="not a folder"):
        check_private_folder(link, os.getuid())


def test_peer_uid_is_the_kernel_s_and_another_uid_is_refused() -> None:
    left, right = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    with left, right:
        assert peer_uid(left) == os.getuid()
        assert peer_is(left, os.getuid())
        assert not peer_is(left, os.getuid() + 1)


def test_in_a_session_input_output_and_exit_codes_are_as_without(scli: SessionCli) -> None:
    assert scli("entry", "add", "-", stdin="From standard input, é ✓\n").code == 0
    plain = [scli("entry", "list", "--json"), scli("entry", "add", "--anxiety", "11", "x")]
    assert scli("unlock").code == 0
    added = scli("entry", "add", "-", stdin="Second, through the session\n", passphrase=None)
    assert added.code == 0 and added.out.startswith("Saved entry"), added.err
    assert scli("entry", "list", "--json", passphrase=None).out.count('"id"') == 2
    assert scli("lock", passphrase=None).code == 0
    assert scli("entry", "remove-me", passphrase=None).code == 2  # usage: never sent anywhere
    assert scli("unlock").code == 0
    scli("entry", "list", "--json", passphrase=None)
    in_session = scli("entry", "add", "--anxiety", "11", "x", passphrase=None)
    assert (in_session.code, in_session.err) == (plain[1].code, plain[1].err)
    assert "From standard input, é ✓" in scli("entry", "list", passphrase=None).out


def test_a_session_serves_only_its_own_journal(scli: SessionCli, tmp_path: Path) -> None:
    other = SessionCli(tmp_path / "other", scli.runtime)
    assert other("init").code == 0
    assert scli("unlock").code == 0
    refused = other("entry", "list", passphrase=None)
    assert refused.code == 2 and NO_PASSPHRASE in refused.err
    asked = scli("--data-dir", str(other.data_dir), "entry", "list", passphrase=None)
    assert asked.code == 2 and NO_PASSPHRASE in asked.err
    assert scli("entry", "list", passphrase=None).code == 0


def test_the_agent_s_one_command_tree_keeps_nothing_between_commands(scli: SessionCli) -> None:
    """The agent parses every command with one tree built ahead (``ready_for_session``):
    options given to one command (repeatable ones included) must not reach the next."""
    assert scli("unlock").code == 0
    first = scli("entry", "add", "--tag", "calls", "--feeling", "tense", "First", passphrase=None)
    assert first.code == 0, first.err
    second = scli("entry", "add", "Second, nothing given", passphrase=None)
    assert second.code == 0, second.err
    entries = {
        e["text"]: e for e in json.loads(listed(scli("entry", "list", "--json", passphrase=None)))
    }
    assert (entries["First"]["tags"], entries["First"]["feelings"]) == (["calls"], ["tense"])
    assert (
        entries["Second, nothing given"]["tags"],
        entries["Second, nothing given"]["feelings"],
    ) == ([], [])
    only_calls = scli("entry", "list", "--tag", "calls", passphrase=None)
    assert "First" in only_calls.out and "Second" not in only_calls.out
    everything = scli("entry", "list", passphrase=None)
    assert "First" in everything.out and "Second" in everything.out
    assert scli("entry", "list", "--limit", "x", passphrase=None).code == 2
    assert scli("entry", "list", "--limit", "1", passphrase=None).out.count("\n    ") == 1
    assert "First" in scli("entry", "list", passphrase=None).out  # the bad one left nothing


def test_ready_for_session_imports_every_command_s_module() -> None:
    """What the agent readies must be what the commands import, or each command pays again."""
    import sys

    from journal_app.cli import main as cli_main

    cli_main.build_parser()
    assert "journal_app.cli.entries" in cli_main._COMMAND_MODULES
    assert len(cli_main._COMMAND_MODULES) >= 10
    saved = cli_main._ready_parser
    try:
        cli_main.ready_for_session()
        assert cli_main._ready_parser is not None and cli_main._parser() is cli_main._ready_parser
        assert all(name in sys.modules for name in cli_main._COMMAND_MODULES)
    finally:
        cli_main._ready_parser = saved


def test_the_first_thing_every_command_imports_stays_light() -> None:
    """Every command imports the session client before anything else, session or not:
    ``dataclasses`` (with ``inspect``) and ``tempfile`` were half its import time."""

    code = (
        "import sys, journal_app.cli.session_client; "
        "print(sorted({'dataclasses', 'inspect', 'tempfile'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# --- a real second user (root can start one; CI runs as root) --------------------------------

OTHER_UID = 65534  # "nobody"
as_root_only = pytest.mark.skipif(
    os.geteuid() != 0, reason="starting another user's process needs root"
)


class OtherUser(NamedTuple):
    """A forked child running as ``OTHER_UID``, and the pipe it reports on."""

    pid: int
    reader: int


def _as_other_user(work: Callable[[], bytes]) -> OtherUser:
    """Fork a child that becomes ``OTHER_UID`` and runs ``work``; what ``work`` returns is
    its report (``_report``). Forked, not a new interpreter: the other user may not enter
    the folder our Python lives in."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(reader)
            os.setgroups([])
            os.setgid(OTHER_UID)
            os.setuid(OTHER_UID)
            report = work()
        except BaseException as exc:  # noqa: BLE001 - told to the parent, never raised here
            report = f"failed: {exc!r}".encode()
        with contextlib.suppress(OSError):
            os.write(writer, report)
        os._exit(0)
    os.close(writer)
    return OtherUser(pid, reader)


def _report(child: OtherUser, timeout: float = 30) -> bytes:
    """What ``child`` reported, once it has ended (killed after ``timeout``)."""
    ready, _, _ = select.select([child.reader], [], [], timeout)
    if not ready:
        os.kill(child.pid, signal.SIGKILL)
    with os.fdopen(child.reader, "rb") as pipe:
        report = pipe.read() if ready else b"timed out"
    os.waitpid(child.pid, 0)
    return report


@pytest.fixture
def open_runtime(data_dir: Path):
    """A session folder under /tmp (pytest's own folders admit nobody else), so a test can
    open it to another user for a moment, as a mistaken ``chmod`` would."""
    base = Path(tempfile.mkdtemp(prefix="tj-second-user-"))
    cli = SessionCli(data_dir, base / "run")
    assert cli("init").code == 0
    yield cli
    os.chmod(base, 0o700)
    cli("lock", passphrase=None)
    shutil.rmtree(base, ignore_errors=True)


@as_root_only
def test_another_user_gets_nothing_from_the_agent(open_runtime: SessionCli) -> None:
    """Even with the folder and the socket opened to everyone, the agent answers another
    user's connection with nothing, runs nothing for it, and takes no "lock" from it."""
    cli = open_runtime
    assert cli("unlock").code == 0
    [sock_path] = list(cli.runtime.glob("*.sock"))
    for folder in (cli.runtime.parent, cli.runtime):
        os.chmod(folder, 0o711)
    os.chmod(sock_path, 0o777)

    def knock(request: bytes) -> Callable[[], bytes]:
        def work() -> bytes:
            assert os.getuid() == OTHER_UID
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(20)
                sock.connect(str(sock_path))
                try:
                    sock.sendall(request)
                    answer = sock.recv(65536)
                except (ConnectionResetError, BrokenPipeError):  # closed before reading it
                    answer = b""
            return b"answered: " + answer if answer else b"closed without a word"

        return work

    for request in (b'{"op": "status"}\n', b'{"op": "lock"}\n', b'{"op": "run"}\n'):
        assert _report(_as_other_user(knock(request))) == b"closed without a word", request

    os.chmod(cli.runtime, 0o700)
    status = cli("status", passphrase=None)
    assert "Unlocked until" in status.out, status.err  # the other user's "lock" did nothing
    assert cli("entry", "add", "Still mine", passphrase=None).code == 0


STOP = b"that is all\n"


@as_root_only
def test_a_session_socket_of_another_user_is_not_used(scli: SessionCli, data_dir: Path) -> None:
    """A listener at this journal's socket that belongs to another user (the kernel says
    whose, at its ``listen``) is never sent a command, an environment or a descriptor."""
    private_folder()
    path = socket_path(data_dir)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    go, went = os.pipe()

    def impostor() -> bytes:
        listener.listen(4)  # after becoming the other user: the credentials the kernel keeps
        os.write(went, b"x")
        listener.settimeout(20)
        heard = b""
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:  # TimeoutError included: nobody came for 20 s
                return heard
            with conn, contextlib.suppress(OSError):  # the client may hang up at once
                conn.sendall(b'{"ok": true, "pid": 1, "until": 0, "minutes": 15}\n')
                conn.settimeout(1)
                said = conn.recv(65536)
                if said == STOP:
                    return heard
                heard += said

    child = _as_other_user(impostor)
    listener.close()
    os.close(went)
    assert select.select([go], [], [], 20)[0] and os.read(go, 1) == b"x"
    os.close(go)
    try:
        for args in (("entry", "list"), ("entry", "add", "secret words")):
            result = scli(*args, passphrase=None)
            assert result.code == 2, result
            assert "belongs to someone else" in result.err and NO_PASSPHRASE in result.err
        status = scli("status", passphrase=None)
        assert status.code != 0 and "belongs to someone else" in status.err, status
        assert "secret words" not in listed(scli("entry", "list"))  # nothing was added
    finally:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as stop:
            stop.connect(str(path))
            stop.sendall(STOP)
        heard = _report(child)
        path.unlink(missing_ok=True)
    assert heard == b"", heard  # not a command, an environment or a descriptor


@pytest.mark.parametrize("missing", [(socket, "SO_PEERCRED"), (os, "getuid"), (os, "fork")])
def test_where_sessions_cannot_work_unlock_says_so_and_commands_run_as_always(
    scli: SessionCli,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    missing: tuple[object, str],
) -> None:
    """macOS has no SO_PEERCRED, Windows no getuid or fork: there, ``unlock`` refuses
    with one line before asking for anything, ``status`` and ``lock`` say there is no
    session, and a command never looks for one (it crashed on Windows reading the uid).
    The real commands run in this process, with the system's part taken away."""
    monkeypatch.setenv("JOURNAL_APP_DATA_DIR", str(data_dir))
    monkeypatch.setenv("JOURNAL_APP_PASSPHRASE", PASSPHRASE)
    monkeypatch.delattr(*missing)
    assert run(["unlock"]) == 2
    assert "Unlocked sessions need Linux" in capsys.readouterr().err
    assert run(["status"]) == 0 and capsys.readouterr().out.startswith("Locked")
    assert run(["lock"]) == 0 and "No unlocked session" in capsys.readouterr().out
    assert run_in_session(["entry", "list"]) == (None, None)  # what every command asks first
    assert run(["entry", "add", "Written where sessions can't run"]) == 0
    assert run(["entry", "list"]) == 0
    assert "Written where sessions can't run" in capsys.readouterr().out
    assert not scli.runtime.exists() or not any(scli.runtime.iterdir())

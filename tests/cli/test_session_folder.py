"""Without ``$XDG_RUNTIME_DIR`` the session folder is a fixed name in the shared temp
folder, so another user can make it first. Then ordinary commands still work (no session
is used), ``status`` says so and ``unlock`` refuses in one line: real CLI processes, a
folder really owned by another user (root makes it, as CI runs as root), and a real
non-root person (a forked child that drops to their uid) who may not even look inside.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from journal_app.app.unlocked_session import socket_path
from tests.conftest import PASSPHRASE, Cli, CliResult

STRANGER = 65534  # "nobody": made the folder first
PERSON = 65533  # the person using the journal, in the non-root test

as_root_only = pytest.mark.skipif(
    os.geteuid() != 0, reason="a folder of another user needs root to make"
)


class FallbackCli(Cli):
    """The real CLI with no ``$XDG_RUNTIME_DIR`` and its own temp folder (``TMPDIR``), so
    the session folder is ``$TMPDIR/journal-app-<uid>``, as on a machine without one."""

    def __init__(self, data_dir: Path, tmp: Path) -> None:
        super().__init__(data_dir)
        self.tmp = tmp

    def env(self, passphrase: str | None = PASSPHRASE, **extra: str) -> dict[str, str]:
        env = super().env(passphrase, TMPDIR=str(self.tmp), **extra)
        env.pop("XDG_RUNTIME_DIR", None)
        return env


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temp folder like /tmp (1777), under /tmp so another user can reach it."""
    base = Path(tempfile.mkdtemp(prefix="tj-shared-tmp-"))
    os.chmod(base, 0o755)
    tmp = base / "tmp"
    tmp.mkdir()
    os.chmod(tmp, 0o1777)
    yield tmp
    shutil.rmtree(base, ignore_errors=True)


def _stranger_s_folder(tmp: Path, uid: int) -> Path:
    folder = tmp / f"journal-app-{uid}"
    folder.mkdir(mode=0o700)
    os.chown(folder, STRANGER, STRANGER)
    return folder


def _stranger_s_open_folder(tmp: Path, uid: int) -> Path:
    folder = _stranger_s_folder(tmp, uid)
    os.chmod(folder, 0o777)
    return folder


def _stranger_s_link_to_a_private_folder(tmp: Path, uid: int) -> Path:
    """A link to a folder that is ours and private: still not used (it can be re-pointed)."""
    target = tmp / "looks-private"
    target.mkdir(mode=0o700)
    os.chown(target, uid, uid)
    link = tmp / f"journal-app-{uid}"
    link.symlink_to(target)
    os.lchown(link, STRANGER, STRANGER)
    return link


def _our_folder_open_to_others(tmp: Path, uid: int) -> Path:
    folder = tmp / f"journal-app-{uid}"
    folder.mkdir()
    os.chmod(folder, 0o777)
    return folder


def _a_file(tmp: Path, uid: int) -> Path:
    path = tmp / f"journal-app-{uid}"
    path.write_text("not a folder")
    os.chown(path, STRANGER, STRANGER)
    return path


MADE_FIRST: dict[str, Callable[[Path, int], Path]] = {
    "another user's folder": _stranger_s_folder,
    "another user's open folder": _stranger_s_open_folder,
    "another user's link": _stranger_s_link_to_a_private_folder,
    "our folder, open to others": _our_folder_open_to_others,
    "a file": _a_file,
}


def _plant_a_socket(folder: Path, data_dir: Path) -> None:
    """A stranger's socket where this journal's session socket would be."""
    path = folder / socket_path(data_dir).name
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.bind(str(path))
    os.lchown(path, STRANGER, STRANGER)


def _state(path: Path) -> tuple[int, int, list[str]]:
    info = os.lstat(path)
    inside = sorted(os.listdir(path)) if path.is_dir() and not path.is_symlink() else []
    return info.st_uid, info.st_mode, inside


def _one_line(result: CliResult) -> str:
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    return lines[0]


@as_root_only
@pytest.mark.parametrize("made_first", list(MADE_FIRST), ids=list(MADE_FIRST))
def test_a_session_folder_made_by_someone_else_is_never_used(
    data_dir: Path, shared_tmp: Path, made_first: str
) -> None:
    cli = FallbackCli(data_dir, shared_tmp)
    assert cli("init").code == 0
    folder = MADE_FIRST[made_first](shared_tmp, os.getuid())
    if made_first.startswith("another user's") and folder.is_dir():
        _plant_a_socket(folder, data_dir)  # named as ours would be: their name is guessable
    before = _state(folder)

    added = cli("entry", "add", "Written beside a stranger's folder")
    assert (added.code, added.err) == (0, ""), added
    listed = cli("entry", "list")
    assert (listed.code, listed.err) == (0, "") and "stranger's folder" in listed.out, listed

    status = cli("status", passphrase=None)
    assert status.code == 0 and status.out.startswith("Locked"), status
    assert _one_line(status).startswith("journal-app: No unlocked session can start: ")

    unlock = cli("unlock")
    assert unlock.code == 2, unlock
    line = _one_line(unlock)
    assert line.startswith("journal-app: No unlocked session can start: ")
    assert f"session folder {shared_tmp / f'journal-app-{os.getuid()}'}" in line
    assert "XDG_RUNTIME_DIR" in line
    assert cli("status", passphrase=None).out.startswith("Locked")
    nothing = cli("entry", "list", passphrase=None)  # no session: the passphrase is asked for
    assert nothing.code == 2 and "No passphrase given" in nothing.err
    assert _state(folder) == before  # not chmod-ed, not taken over, no socket put in it


# --- a real non-root person, who may not even look into the stranger's folder ----------------


def _as(uid: int | None, argv: list[str], env: dict[str, str], out: Path,
        modules: list[str]) -> CliResult:  # fmt: skip
    """``journal-app ARGV`` run by ``main()`` in a forked child, as ``uid`` if given.

    Forked rather than a new interpreter, because another user may not enter the folder
    our Python lives in; so ``modules`` (what a root run of the same commands loaded) are
    imported before the child becomes the person. From ``main()`` on it is the very code
    a command runs, in a process of the person's."""
    stdout, stderr = out / "stdout", out / "stderr"
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 70
        try:
            import importlib

            for name in modules:
                with contextlib.suppress(Exception):
                    importlib.import_module(name)
            if uid is not None:
                os.setgroups([])
                os.setgid(uid)
                os.setuid(uid)
            os.environ.clear()
            os.environ.update(env)
            for fd, path in ((1, stdout), (2, stderr)):
                handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                os.dup2(handle, fd)
                os.close(handle)
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, 0)
            sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            sys.argv = ["journal-app", *argv]
            tempfile.tempdir = None  # read TMPDIR afresh, as a new process would
            from journal_app.main import main

            main()
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        except BaseException:  # noqa: BLE001 - a traceback is what the test looks for
            import traceback

            traceback.print_exc()
            code = 71
        finally:
            with contextlib.suppress(Exception):
                sys.stdout.flush()
                sys.stderr.flush()
            if uid is None:
                with contextlib.suppress(Exception), open(out / "modules", "w") as names:
                    names.write("\n".join(sorted(sys.modules)))
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return CliResult(os.waitstatus_to_exitcode(status), stdout.read_text(), stderr.read_text())


COMMANDS = (("init",), ("entry", "add", "Mine, and nobody's business"), ("entry", "list"),
            ("status",), ("unlock",), ("lock",))  # fmt: skip


def _modules_the_commands_load(tmp: Path) -> list[str]:
    """Every module these commands load, from a run of them as root in a folder of its own."""
    rehearsal = tmp.parent / "rehearsal"
    rehearsal.mkdir(mode=0o700)
    env = {"TMPDIR": str(rehearsal), "HOME": str(rehearsal), "PYTHONIOENCODING": "utf-8",
           "JOURNAL_APP_DATA_DIR": str(rehearsal / "journal"),
           "JOURNAL_APP_PASSPHRASE": PASSPHRASE,
           "JOURNAL_APP_RUNTIME_DIR": str(rehearsal / "run")}  # fmt: skip
    names: set[str] = set()
    for argv in COMMANDS:
        _as(None, list(argv), env, rehearsal, [])
        names |= set((rehearsal / "modules").read_text().split())
    return sorted(names)


@as_root_only
def test_a_person_who_may_not_look_into_the_stranger_s_folder_gets_no_traceback(
    shared_tmp: Path,
) -> None:
    """As a person (not root), ``stat`` inside another user's 0700 folder is refused by the
    kernel: that must read as "no session", never as a traceback or a disk problem."""
    home = shared_tmp.parent / "person"
    home.mkdir(mode=0o700)
    os.chown(home, PERSON, PERSON)
    folder = _stranger_s_folder(shared_tmp, PERSON)
    env = {
        "TMPDIR": str(shared_tmp),
        "HOME": str(home),
        "JOURNAL_APP_DATA_DIR": str(home / "journal"),
        "JOURNAL_APP_PASSPHRASE": PASSPHRASE,
        "PYTHONIOENCODING": "utf-8",
    }
    out = home / "out"
    out.mkdir()
    os.chown(out, PERSON, PERSON)

    modules = _modules_the_commands_load(shared_tmp)

    def person(*argv: str) -> CliResult:
        result = _as(PERSON, list(argv), env, out, modules)
        assert "Traceback" not in result.err and result.code not in (70, 71), result
        return result

    assert person("init").code == 0
    added = person("entry", "add", "Mine, and nobody's business")
    assert (added.code, added.err) == (0, ""), added
    listed = person("entry", "list")
    assert (listed.code, listed.err) == (0, ""), listed
    assert "nobody's business" in listed.out
    status = person("status")
    assert status.code == 0 and status.out.startswith("Locked"), status
    assert "belongs to someone else" in _one_line(status)
    unlock = person("unlock")
    assert unlock.code == 2, unlock
    assert _one_line(unlock).startswith("journal-app: No unlocked session can start: ")
    lock = person("lock")
    assert lock.code == 0 and "No unlocked session" in lock.out, lock
    assert os.listdir(folder) == []

"""The one writer of files, and how it behaves on Windows (substituted where it is logic).

Real files on a real filesystem throughout: the refused replace is a file the kernel
really refuses to replace (``chattr +i``), the folder that is not opened is seen through
Python's own audit events.
"""

from __future__ import annotations

import ast
import threading
import time
from pathlib import Path

import pytest

from journal_app.core.errors import FileInUse, VaultBusy
from journal_app.storage import atomic, os_traits
from journal_app.storage.atomic import atomic_write, fsync_dir, retry_refused
from tests.helpers.windows_traits import as_windows, opened_paths, refusing_replace

PACKAGE = Path(__file__).resolve().parents[2] / "journal_app"
THE_WRITER = PACKAGE / "storage" / "atomic.py"

# Calls that make a durable or all-or-nothing write by hand: only the writer may.
FORBIDDEN = {
    "os": {"replace", "rename", "renames", "fsync", "fdatasync"},
    "tempfile": {"mkstemp", "NamedTemporaryFile", "mktemp", "TemporaryFile"},
    "shutil": {"move"},
}


def _hand_written_writes(path: Path) -> list[str]:
    # ui/ holds screens only (it may not import storage); its one-argument .rename() is a
    # goal's, not a file's.
    paths_may_move = "ui" not in path.relative_to(PACKAGE).parts
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in FORBIDDEN:
            for alias in node.names:
                if alias.name in FORBIDDEN[node.module]:
                    found.append(f"{node.lineno}: from {node.module} import {alias.name}")
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        owner, name = node.func.value, node.func.attr
        if isinstance(owner, ast.Name) and name in FORBIDDEN.get(owner.id, ()):
            found.append(f"{node.lineno}: {owner.id}.{name}")
        # Path.replace(target) / Path.rename(target): one argument (str.replace takes two)
        elif (
            paths_may_move
            and name in {"replace", "rename"}
            and len(node.args) == 1
            and not node.keywords
        ):
            found.append(f"{node.lineno}: .{name}({ast.unparse(node.args[0])})")
    return found


def test_only_the_atomic_writer_renames_fsyncs_or_makes_temp_files() -> None:
    """One sequence (temp, flush, fsync, rename, folder fsync) in one place; no copies."""
    offenders = {
        str(path.relative_to(PACKAGE)): found
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != THE_WRITER and (found := _hand_written_writes(path))
    }
    assert offenders == {}


def test_every_descriptor_the_vault_writes_through_is_binary() -> None:
    """On Windows an ``os.open`` without O_BINARY is text mode: each newline byte in a
    sealed frame would gain a carriage return and the log would read as damaged."""
    missing = []
    for path in sorted((PACKAGE / "storage").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and ast.unparse(node.func) == "os.open"
                and len(node.args) > 1
                and any(w in ast.unparse(node.args[1]) for w in ("O_RDWR", "O_WRONLY"))
                and "BINARY" not in ast.unparse(node.args[1])
            ):
                missing.append(f"{path.name}:{node.lineno}")
    assert missing == []


def test_the_folder_is_fsynced_on_posix(tmp_path: Path) -> None:
    """The other side of the Windows test below: here the folder really is opened."""
    with opened_paths() as opened:
        atomic_write(tmp_path / "journal.tjv", b"sealed")
    assert str(tmp_path) in opened


def test_windows_never_opens_a_folder_to_fsync_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_windows(monkeypatch)
    assert not os_traits.can_fsync_folders()
    with opened_paths() as opened:
        atomic_write(tmp_path / "journal.tjv", b"sealed")
        fsync_dir(tmp_path / "a folder that is not there")  # would raise if opened
    assert (tmp_path / "journal.tjv").read_bytes() == b"sealed"
    assert opened and str(tmp_path) not in opened
    assert all(Path(p).parent == tmp_path and Path(p).name.endswith(".tmp") for p in opened)


def test_windows_retries_a_replace_refused_for_a_moment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A virus scanner or indexer holding the file: the write waits, then lands whole."""
    target = tmp_path / "journal.tjv"
    target.write_bytes(b"old")
    as_windows(monkeypatch)
    with refusing_replace(target) as let_go:
        timer = threading.Timer(0.2, let_go)  # type: ignore[arg-type]
        timer.start()
        started = time.monotonic()
        atomic_write(target, b"new")
        timer.join()
    assert time.monotonic() - started >= 0.2
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.tjv"]


def test_a_replace_refused_for_good_is_named_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not "you don't have permission" (the CLI's line for EACCES): a program has it."""
    target = tmp_path / "journal.tjv"
    target.write_bytes(b"old")
    as_windows(monkeypatch)
    monkeypatch.setattr(atomic, "REPLACE_RETRY_DELAYS", (0.01, 0.02, 0.05))
    with refusing_replace(target), pytest.raises(FileInUse) as refused:
        atomic_write(target, b"new")
    assert str(refused.value) == (
        "journal.tjv is held open by another program (a backup tool, virus scanner or sync "
        "app?), so it could not be replaced. Try again in a moment."
    )
    assert isinstance(refused.value, VaultBusy)  # both shells already say it in one line
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal.tjv"]  # no temp left


def test_posix_does_not_wait_on_a_refusal_that_will_not_pass(tmp_path: Path) -> None:
    """On POSIX a refused rename is a permission that will not change: said at once."""
    target = tmp_path / "journal.tjv"
    target.write_bytes(b"old")
    started = time.monotonic()
    with refusing_replace(target), pytest.raises(PermissionError):
        atomic_write(target, b"new")
    assert time.monotonic() - started < 0.2
    assert target.read_bytes() == b"old"


def test_retry_refused_waits_each_delay_then_raises_the_last_refusal() -> None:
    tries: list[int] = []
    slept: list[float] = []

    def refuse_twice() -> None:
        tries.append(1)
        if len(tries) <= 2:
            raise PermissionError(13, "in use by another process")

    retry_refused(refuse_twice, (0.1, 0.2, 0.3), sleep=slept.append)
    assert (len(tries), slept) == (3, [0.1, 0.2])

    def refuse_always() -> None:
        raise PermissionError(13, "in use by another process")

    slept.clear()
    with pytest.raises(PermissionError):
        retry_refused(refuse_always, (0.1, 0.2), sleep=slept.append)
    assert slept == [0.1, 0.2]

    def broken() -> None:
        raise FileNotFoundError(2, "gone")

    with pytest.raises(FileNotFoundError):
        retry_refused(broken, (0.1,), sleep=slept.append)  # only a refusal is retried


def test_a_file_whose_commit_fails_never_appears(tmp_path: Path) -> None:
    """save_file_once's promise, now through the one writer: commit first, then the file."""
    from journal_app.app.files import save_file_once

    target = tmp_path / "summary.html"

    def log_fails() -> None:
        raise OSError("the share log could not be written")

    with pytest.raises(OSError, match="share log"):
        save_file_once(target, b"<html>", log_fails)
    assert list(tmp_path.iterdir()) == []
    committed: list[bool] = []
    save_file_once(target, b"<html>", lambda: committed.append(target.exists()))
    assert committed == [False] and target.read_bytes() == b"<html>"


def test_windows_retries_removing_a_file_held_for_a_moment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Erasing the journal or tidying a sync folder: a file held a moment still goes."""
    from journal_app.storage.atomic import remove_file

    target = tmp_path / "journal.tjl"
    target.write_bytes(b"sealed")
    as_windows(monkeypatch)
    with refusing_replace(target) as let_go:
        timer = threading.Timer(0.2, let_go)  # type: ignore[arg-type]
        timer.start()
        assert remove_file(target)
        timer.join()
    assert not target.exists()
    assert not remove_file(target)  # already gone: said, not raised

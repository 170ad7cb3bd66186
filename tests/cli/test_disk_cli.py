"""A disk that is full or read-only, for real: small tmpfs mounts (root only, else skipped)."""

from __future__ import annotations

import errno
import json
import os
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from journal_app.core.journal import EntryDraft, add_entry
from journal_app.storage.repository import open_repository
from journal_app.storage.vault import COMPACT_MIN_BYTES, DATA_FILE, LOG_FILE
from tests.conftest import PASSPHRASE, Cli


class Disk:
    """A tmpfs of a fixed size mounted on a temp folder."""

    def __init__(self, mount: Path) -> None:
        self.mount = mount

    def remount(self, mode: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{mode}", str(self.mount)], check=True)

    def fill(self, leave: int = 0) -> None:
        """Take all the free space but ``leave`` bytes (page-rounded by tmpfs)."""
        stats = os.statvfs(self.mount)
        free = stats.f_bavail * stats.f_frsize - leave
        with open(self.mount / "filler", "wb") as handle:
            try:
                while free > 0:
                    chunk = min(free, 1 << 20)
                    handle.write(b"\0" * chunk)
                    handle.flush()
                    free -= chunk
            except OSError as exc:
                assert exc.errno == errno.ENOSPC


def _mount(tmp_path: Path, size: str) -> Iterator[Disk]:
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(mount)],
        capture_output=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield Disk(mount)
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Disk]:
    yield from _mount(tmp_path, "2m")


@pytest.fixture
def big_disk(tmp_path: Path) -> Iterator[Disk]:
    yield from _mount(tmp_path, "6m")


def texts(cli: Cli) -> list[str]:
    result = cli("entry", "list", "--json")
    assert result.code == 0, result.err
    return [e["text"] for e in json.loads(result.out)]


def test_disk_full_is_one_plain_line_and_nothing_is_lost(disk: Disk) -> None:
    cli = Cli(disk.mount / "journal")
    assert cli("init").code == 0
    assert cli("entry", "add", "before the disk filled").code == 0
    disk.fill()
    result = cli("entry", "add", "-", stdin="words " * 30_000)
    assert result.code == 1
    assert result.err == "journal-app: There isn't enough space to save this. Nothing was lost.\n"
    assert texts(cli) == ["before the disk filled"]
    (disk.mount / "filler").unlink()
    assert cli("entry", "add", "after making room").code == 0  # the torn append was cut back
    assert texts(cli) == ["after making room", "before the disk filled"]


def test_a_read_only_journal_can_still_be_read(disk: Disk) -> None:
    data_dir = disk.mount / "journal"
    cli = Cli(data_dir)
    assert cli("init").code == 0
    assert cli("entry", "add", "written before").code == 0
    (data_dir / ".lock").unlink()  # a copy on a read-only disk may have no lock file
    disk.remount("ro")
    assert texts(cli) == ["written before"]
    result = cli("entry", "add", "cannot be saved")
    assert result.code == 1, result.err
    assert "can only be read" in result.err and "Nothing was lost" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert "unexpected" not in result.err


def test_a_saved_entry_is_reported_saved_when_compaction_runs_out_of_space(
    big_disk: Disk,
) -> None:
    """The append fits, the compacted snapshot does not: still a success, saved once."""
    data_dir = big_disk.mount / "journal"
    cli = Cli(data_dir)
    assert cli("init").code == 0
    with open_repository(data_dir, PASSPHRASE) as repo:
        n = 0
        while (data_dir / LOG_FILE).stat().st_size < COMPACT_MIN_BYTES - 180_000:
            add_entry(
                repo,
                EntryDraft(text=f"long entry {n} " + "x" * 150_000),
                record_id=f"long-{n}",
                now=datetime(2026, 1, 1, tzinfo=UTC),
            )
            n += 1
    snapshot_before = (data_dir / DATA_FILE).read_bytes()
    big_disk.fill(leave=500_000)  # room for one more entry, not for a new snapshot
    result = cli("entry", "add", "-", stdin="the one that tips it " + "y" * 190_000)
    assert result.code == 0, result.err
    assert result.out.startswith("Saved entry")
    assert (data_dir / DATA_FILE).read_bytes() == snapshot_before, "compaction did not happen"
    (big_disk.mount / "filler").unlink()
    found = texts(cli)
    assert len(found) == n + 1
    assert sum(t.startswith("the one that tips it") for t in found) == 1


def test_a_failed_export_leaves_no_bundle_and_a_good_one_is_logged(
    disk: Disk, tmp_path: Path
) -> None:
    cli = Cli(disk.mount / "journal")
    assert cli("init").code == 0
    out = tmp_path / "summary.html"
    disk.fill()  # the share log cannot be written (its first change needs a backup)
    failed = cli("export-bundle", "--out", str(out), "--recipient", "Dr Patel")
    assert not out.exists(), "a bundle whose passphrase was never shown"
    assert failed.code == 1, failed.err
    assert "enough space" in failed.err
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".summary")]
    assert "Passphrase" not in failed.out
    (disk.mount / "filler").unlink()
    shares = cli("shares", "list", "--json")
    assert shares.code == 0 and json.loads(shares.out) == []
    worked = cli("export-bundle", "--out", str(out), "--recipient", "Dr Patel")
    assert worked.code == 0, worked.err
    assert out.exists() and "Passphrase" in worked.out
    logged = json.loads(cli("shares", "list", "--json").out)
    assert [s["recipient"] for s in logged] == ["Dr Patel"]

"""Lost or swapped vault files, through the real CLI: exit 4, advice that works, no writes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from journal_app.storage.backups import log_copy_of
from journal_app.storage.vault import DATA_FILE, KEY_FILE, LOG_FILE
from tests.conftest import Cli, snapshot

FIXTURE_V1 = Path(__file__).resolve().parents[1] / "data" / "vault_v1"


def texts(cli: Cli) -> list[str]:
    result = cli("entry", "list", "--json")
    assert result.code == 0, result.err
    return [e["text"] for e in json.loads(result.out)]


def one_line(err: str) -> str:
    assert len(err.strip().splitlines()) == 1, err
    return err


def test_missing_key_is_exit_4_init_refuses_and_the_advice_works(
    ready_cli: Cli, data_dir: Path
) -> None:
    assert ready_cli("entry", "add", "kept safe").code == 0
    (data_dir / KEY_FILE).unlink()  # a sync tool deleted it
    before = snapshot(data_dir)
    for args in (["entry", "list"], ["entry", "add", "more"], ["init"]):
        result = ready_cli(*args)
        assert result.code == 4, (args, result.err)
        assert "journal-app backup restore-key" in one_line(result.err)
        assert snapshot(data_dir) == before
    restored = ready_cli("backup", "restore-key")
    assert restored.code == 0, restored.err
    assert texts(ready_cli) == ["kept safe"]


def test_init_refuses_while_any_journal_file_is_there(
    ready_cli: Cli, data_dir: Path, tmp_path: Path
) -> None:
    assert ready_cli("entry", "add", "kept safe").code == 0
    for keep in (DATA_FILE, LOG_FILE, "backups"):
        leftover = tmp_path / f"only-{keep}"
        shutil.copytree(data_dir, leftover)
        for name in (KEY_FILE, DATA_FILE, LOG_FILE):
            if name != keep:
                (leftover / name).unlink()
        if keep != "backups":
            shutil.rmtree(leftover / "backups")
        before = snapshot(leftover)
        result = Cli(leftover)("init")
        assert result.code == 4, (keep, result.err)
        assert "missing" in one_line(result.err)
        assert snapshot(leftover) == before, keep


def test_missing_snapshot_is_exit_4_and_the_log_survives(ready_cli: Cli, data_dir: Path) -> None:
    assert ready_cli("entry", "add", "in the log").code == 0
    (data_dir / DATA_FILE).unlink()
    before = snapshot(data_dir)
    for args in (["entry", "list"], ["entry", "add", "more"]):
        result = ready_cli(*args)
        assert result.code == 4, (args, result.err)
        assert DATA_FILE in one_line(result.err) and "backup restore" in result.err
        assert snapshot(data_dir) == before


def test_a_backup_put_back_by_hand_is_exit_4_and_points_at_backup_restore(
    ready_cli: Cli, data_dir: Path
) -> None:
    """A backup sealed whole (a restore keeps the journal it replaces so) put back by
    hand is told apart; the day's byte copies are the journal file as it was (see
    tests/storage/test_pairing.py)."""
    assert ready_cli("entry", "add", "first").code == 0
    assert ready_cli("backup", "restore", "1").code == 0  # the journal with "first", sealed
    backups = (data_dir / "backups").glob("journal-*[0-9]Z.bak")
    [sealed_whole] = [b for b in backups if not log_copy_of(b).exists()]
    shutil.copy(sealed_whole, data_dir / DATA_FILE)
    before = snapshot(data_dir)
    for args in (["entry", "list"], ["entry", "add", "third"]):
        result = ready_cli(*args)
        assert result.code == 4, (args, result.err)
        assert "journal-app backup restore N" in one_line(result.err)
        assert snapshot(data_dir) == before


def test_damaged_key_advice_names_the_command_that_works(ready_cli: Cli, data_dir: Path) -> None:
    assert ready_cli("entry", "add", "kept safe").code == 0
    key = data_dir / KEY_FILE
    blob = bytearray(key.read_bytes())
    blob[len(blob) // 2] ^= 0x10
    key.write_bytes(bytes(blob))
    listed = ready_cli("entry", "list")
    assert listed.code == 4
    assert "'journal-app backup restore-key'" in one_line(listed.err)
    assert "backup list" not in listed.err  # that fails the same way
    assert ready_cli("backup", "restore-key").code == 0
    assert texts(ready_cli) == ["kept safe"]
    again = ready_cli("backup", "restore-key")
    assert again.code == 0 and "nothing needed restoring" in again.out


def test_restoring_a_backup_number_that_does_not_exist_is_exit_2(
    ready_cli: Cli, data_dir: Path
) -> None:
    for text in ("one", "two"):
        assert ready_cli("entry", "add", text).code == 0
    count = len(list((data_dir / "backups").glob("journal-*.bak")))
    before = snapshot(data_dir)
    result = ready_cli("backup", "restore", str(count + 3))
    assert result.code == 2, result.err
    assert f"no backup {count + 3}" in one_line(result.err)
    assert snapshot(data_dir) == before


def test_a_vault_made_by_the_first_format_opens_from_the_cli(tmp_path: Path) -> None:
    target = tmp_path / "v1"
    shutil.copytree(FIXTURE_V1, target)
    cli = Cli(target)
    assert sorted(texts(cli)) == [
        "Entry A, in the snapshot after compaction",
        "Entry B, in the snapshot after compaction",
        "Entry C, only in the change log",
    ]
    assert cli("entry", "add", "Entry D").code == 0
    assert len(texts(cli)) == 4


def test_a_days_backup_cut_short_by_a_power_cut_is_refused_and_nothing_changes(
    ready_cli: Cli, data_dir: Path
) -> None:
    """The day's copy is not waited for on its way to the disk (storage/atomic.py,
    ``copy_unwaited``), so a power cut soon after can leave it empty or short: restoring
    it is refused in one line, and the journal, which was durable, is as it was."""
    assert ready_cli("entry", "add", "written before the cut").code == 0
    [copy] = [b for b in (data_dir / "backups").glob("journal-*[0-9]Z.bak")]
    whole = copy.read_bytes()
    for cut in (whole[: len(whole) // 2], b""):
        copy.write_bytes(cut)
        before = snapshot(data_dir)
        result = ready_cli("backup", "restore", "1")
        assert result.code == 4, result.err
        assert "backup 1" in one_line(result.err)
        assert snapshot(data_dir) == before
        assert texts(ready_cli) == ["written before the cut"]

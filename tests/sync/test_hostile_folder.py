"""What a sync folder can hold that is not a clean file of ours: random bytes, an engine's
conflict copy, a temp or partial file, a file cut short, an older copy put back, another
journal's files, a file renamed or moved. Each is reported by `sync status`, none is
merged, none stops the good changes from getting across, and none is a traceback."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.conftest import snapshot
from tests.sync.helpers import Device, pair


def _device_folder(folder: Path, exclude: str | None = None) -> Path:
    found = [p for p in folder.iterdir() if p.is_dir() and p.name != exclude]
    return found[0]


def _own_id(device: Device) -> str:
    return next(d["id"] for d in device.status()["devices"] if d["this_device"])


def test_strays_are_reported_and_never_stop_good_changes(tmp_path: Path) -> None:
    laptop, phone, folder = pair(tmp_path)
    phone_dir = folder / _own_id(phone)
    phone.add("first from the phone")
    phone.add("second from the phone")
    changes = sorted(phone_dir.glob("change-*.tjc"))
    assert len(changes) >= 2
    # Strays beside the real files:
    (phone_dir / "change-0000000099.tjc").write_bytes(os.urandom(300))  # random bytes
    shutil.copy(changes[0], phone_dir / "change-0000000002.sync-conflict-20261207-ABC.tjc")
    (phone_dir / ".change-0000000100.tjc.x1y2.tmp").write_bytes(b"half")
    (folder / "notes (conflicted copy).txt").write_text("not ours")
    (folder / "~syncthing~key.tjs.tmp").write_bytes(b"partial")
    stranger = Device(tmp_path / "stranger", "stranger")
    stranger.ok("init")
    stranger.add("another person's journal")
    stranger.ok("sync", "setup", str(tmp_path / "their-folder"))
    theirs = _device_folder(tmp_path / "their-folder")
    shutil.copytree(theirs, folder / theirs.name)  # a stranger's device folder
    phone.add("third from the phone")  # a good change after all that

    status = laptop.status()
    reasons = " | ".join(f"{p['path']}: {p['reason']}" for p in status["problems"])
    assert "change-0000000099.tjc" in reasons  # random bytes
    assert "sync-conflict" in reasons and "engine made" in reasons
    assert "conflicted copy" in reasons
    assert theirs.name in reasons and "another" in reasons  # the stranger's files
    unfinished = " ".join(p["path"] for p in status["unfinished_files"])
    assert ".tmp" in unfinished and "~syncthing~" in unfinished

    result = laptop("sync", "now")
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    assert {"first from the phone", "second from the phone", "third from the phone"} <= set(
        laptop.texts()
    )
    assert "another person's journal" not in laptop.texts()


def test_a_file_cut_short_is_reported_then_merged_when_it_arrives_whole(tmp_path: Path) -> None:
    laptop, phone, folder = pair(tmp_path)
    phone_dir = folder / _own_id(phone)
    phone.add("arrives in two parts")
    newest = max(phone_dir.glob("change-*.tjc"))
    phone.add("arrives after it")
    whole = newest.read_bytes()
    newest.write_bytes(whole[: len(whole) // 2])  # the engine has delivered half so far
    result = laptop("sync", "now")
    assert result.code == 0 and "cut short" in result.err
    assert "arrives after it" in laptop.texts()
    assert "arrives in two parts" not in laptop.texts()
    newest.write_bytes(whole)  # the rest arrives
    laptop.ok("sync", "now")
    assert "arrives in two parts" in laptop.texts()


def test_a_renamed_or_moved_file_is_not_merged(tmp_path: Path) -> None:
    laptop, phone, folder = pair(tmp_path)
    phone_dir = folder / _own_id(phone)
    laptop_dir = folder / _own_id(laptop)
    phone.add("only once")
    newest = max(phone_dir.glob("change-*.tjc"))
    number = int(newest.stem.split("-")[1])
    shutil.copy(newest, phone_dir / f"change-{number + 5:010d}.tjc")  # renamed
    shutil.copy(newest, laptop_dir / f"change-{number + 7:010d}.tjc")  # moved
    result = laptop("sync", "now")
    assert result.code == 0
    assert "renamed or moved" in result.err
    assert laptop.texts().count("only once") == 1


def test_an_older_copy_put_back_is_ignored_and_said(tmp_path: Path) -> None:
    laptop, phone, folder = pair(tmp_path)
    phone_dir = folder / _own_id(phone)
    phone.add("kept")
    laptop.ok("sync", "now")
    old = sorted(phone_dir.glob("*"))
    saved = {p.name: p.read_bytes() for p in old}
    for i in range(70):  # enough changes that the phone folds them into a snapshot
        phone.ok("question", "add", f"Question {i}?")
    assert not any((phone_dir / name).exists() for name in saved if name.startswith("change"))
    for name, blob in saved.items():  # a backup tool puts the old files back
        (phone_dir / name).write_bytes(blob)
    before = snapshot(laptop.data_dir)
    status = laptop.status()
    assert any("older" in p["reason"] for p in status["problems"])
    assert snapshot(laptop.data_dir) == before  # status reads only
    laptop.ok("sync", "now")
    questions = laptop.ok("question", "list", "--json").out
    assert questions.count("Question ") == 70
    assert laptop.texts().count("kept") == 1


def test_a_missing_folder_is_one_line_and_exit_4(tmp_path: Path) -> None:
    laptop, _, folder = pair(tmp_path)
    shutil.move(folder, tmp_path / "elsewhere")
    result = laptop("sync", "now")
    assert result.code == 4, result.err
    assert "not there" in result.err and result.err.count("\n") == 1
    saved = laptop("entry", "add", "still saved while the folder is away")
    assert saved.code == 0, saved.err
    status = laptop.status()
    assert status["folder_missing"] is True
    shutil.move(tmp_path / "elsewhere", folder)
    laptop.ok("sync", "now")
    assert laptop.status()["unsent_changes"] == 0

"""One journal on several devices through a folder, driven through the real CLI.

Each device is its own data folder and every command its own process, as a person's
laptop and phone would be; the sync folder is an ordinary folder (the engine that would
carry it between machines is played by the test copying files, or by real Syncthing in
test_syncthing.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import NEW_PASSPHRASE, PASSPHRASE, snapshot
from tests.sync.helpers import Device, folder_bytes, pair


def test_join_brings_the_whole_journal_and_changes_go_both_ways(tmp_path: Path) -> None:
    laptop, phone, _ = pair(tmp_path)
    assert phone.texts() == ["Looked up three therapists near work"]
    phone.add("Called the clinic from the bus 📞 — שלום")
    laptop.add("Wrote my questions for Dr Ruiz", "--tag", "consultation")
    laptop.ok("sync", "now")
    phone.ok("sync", "now")
    expected = [
        "Called the clinic from the bus 📞 — שלום",
        "Looked up three therapists near work",
        "Wrote my questions for Dr Ruiz",
    ]
    assert laptop.texts() == phone.texts() == expected
    again = phone.ok("sync", "now")
    assert "Everything is up to date." in again.out  # merging again changes nothing


def test_status_names_each_device_and_when_it_was_seen(tmp_path: Path) -> None:
    laptop, phone, folder = pair(tmp_path)
    laptop.ok("sync", "now")
    status = laptop.status()
    assert status["folder"] == str(folder.resolve())
    names = {d["name"]: d for d in status["devices"]}
    assert set(names) == {"laptop", "phone"}
    assert names["laptop"]["this_device"] and not names["phone"]["this_device"]
    assert names["phone"]["last_seen"] is not None
    assert status["problems"] == [] and status["unsent_changes"] == 0
    text = laptop.ok("sync", "status").out
    assert "phone: last seen" in text and "laptop (this device)" in text


def test_the_same_entry_edited_apart_keeps_both_texts_findable_everywhere(
    tmp_path: Path,
) -> None:
    laptop, phone, _ = pair(tmp_path)
    [entry] = laptop.entries()
    laptop.ok("entry", "edit", entry["id"], "--text", "Three therapists; Dr Ruiz first")
    phone.ok("entry", "edit", entry["id"], "--text", "Three therapists; Dr Okafor seems kind")
    told = laptop.ok("sync", "now")
    assert "changed on two devices at once" in told.out
    phone.ok("sync", "now")
    laptop.ok("sync", "now")
    for device in (laptop, phone):
        assert device.texts() == [
            "Three therapists; Dr Okafor seems kind",
            "Three therapists; Dr Ruiz first",
        ]
        assert [e["text"] for e in device.entries("--search", "okafor")] == [
            "Three therapists; Dr Okafor seems kind"
        ]
        assert [e["text"] for e in device.entries("--search", "ruiz")] == [
            "Three therapists; Dr Ruiz first"
        ]
        assert len(device.entries("--tag", "conflict")) == 1
    assert laptop.entries() == phone.entries()


def test_an_edit_beats_a_delete_made_apart(tmp_path: Path) -> None:
    laptop, phone, _ = pair(tmp_path)
    [entry] = laptop.entries()
    laptop.ok("entry", "delete", entry["id"])
    phone.ok("entry", "edit", entry["id"], "--text", "Kept: I still want to call them")
    laptop.ok("sync", "now")
    phone.ok("sync", "now")
    assert laptop.texts() == phone.texts() == ["Kept: I still want to call them"]


def test_a_wrong_passphrase_joins_nothing_and_writes_nowhere(tmp_path: Path) -> None:
    _, _, folder = pair(tmp_path)
    before = snapshot(folder)
    stranger = Device(tmp_path / "tablet", "tablet")
    result = stranger("sync", "join", str(folder), passphrase="not the passphrase")
    assert result.code == 3, result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert not stranger.data_dir.exists()
    assert snapshot(folder) == before


def test_join_refuses_a_device_with_a_journal_unless_asked_to_merge(tmp_path: Path) -> None:
    laptop, _, folder = pair(tmp_path)
    tablet = Device(tmp_path / "tablet", "tablet")
    tablet.ok("init")
    tablet.add("Written on the tablet before it synced")
    before = snapshot(tablet.data_dir)
    refused = tablet("sync", "join", str(folder))
    assert refused.code == 2 and "--merge" in refused.err
    assert snapshot(tablet.data_dir) == before
    tablet.ok("sync", "join", str(folder), "--merge", "--device-name", "tablet")
    laptop.ok("sync", "now")
    expected = ["Looked up three therapists near work", "Written on the tablet before it synced"]
    assert tablet.texts() == laptop.texts() == expected


def test_the_folder_holds_no_plain_text_passphrase_or_open_key(tmp_path: Path) -> None:
    laptop, phone, folder = pair(tmp_path)
    phone.add("My secret worry about the first session", "--tag", "private-tag")
    phone.ok("sync", "now")
    laptop.ok("sync", "now")
    raw = folder_bytes(folder)
    for secret in (
        b"secret worry",
        b"private-tag",
        b"Looked up",
        b"laptop",
        b"phone",
        PASSPHRASE.encode(),
        b"therapist",
    ):
        assert secret not in raw, secret
    # The data key is in the folder only wrapped by Argon2id: the passphrase opens it,
    # nothing else does (another passphrase joins nothing, as above).
    assert all(p.suffix in (".tjs", ".tjc") for p in folder.rglob("*") if p.is_file())


def test_every_change_is_written_to_the_folder_as_it_is_saved(tmp_path: Path) -> None:
    laptop, phone, folder = pair(tmp_path)
    before = {p.name for p in folder.rglob("*.tjc")}
    laptop.add("Saved, and in the folder at once")
    after = {p.name for p in folder.rglob("*.tjc")}
    assert len(after - before) == 1
    phone.ok("sync", "now")
    assert "Saved, and in the folder at once" in phone.texts()


def test_leave_stops_this_device_and_keeps_what_it_wrote(tmp_path: Path) -> None:
    laptop, phone, folder = pair(tmp_path)
    phone.add("Written on the phone before it left")
    phone.ok("sync", "leave")
    after_leaving = phone.add("Written after leaving: stays on the phone")
    assert after_leaving
    laptop.ok("sync", "now")
    assert "Written on the phone before it left" in laptop.texts()
    assert "Written after leaving: stays on the phone" not in laptop.texts()
    names = {d["name"]: d for d in laptop.status()["devices"]}
    assert names["phone"]["left"] is True
    refused = phone("sync", "now")
    assert refused.code == 2 and "does not sync" in refused.err


def test_backup_export_and_import_to_a_new_device_and_again(tmp_path: Path) -> None:
    laptop, _, _ = pair(tmp_path)
    laptop.add("Goal: call two clinics 🌱")
    laptop.ok("goal", "add", "Book a consultation", "--due", "2026-12-20")
    laptop.ok("checkin", "gad7", "--answers", "1,1,2,1,0,1,1")
    copy = tmp_path / "full-copy.tjcopy"
    laptop.ok("backup", "export", str(copy))
    assert b"clinics" not in copy.read_bytes() and b"consultation" not in copy.read_bytes()

    wrong = Device(tmp_path / "new-phone-wrong", "x")(
        "backup", "import", str(copy), passphrase="nope"
    )
    assert wrong.code == 3 and not (tmp_path / "new-phone-wrong").exists()

    new_phone = Device(tmp_path / "new-phone", "new phone")
    first = new_phone.ok("backup", "import", str(copy))
    assert "Brought back" in first.out
    assert new_phone.texts() == laptop.texts()
    goals = new_phone.ok("goal", "list", "--json").out
    assert "Book a consultation" in goals
    assert (
        "GAD-7" in new_phone.ok("checkin", "list").out
        or "gad7" in new_phone.ok("checkin", "list", "--json").out
    )
    second = new_phone.ok("backup", "import", str(copy))
    assert "Nothing new" in second.out
    assert new_phone.texts() == laptop.texts()  # nothing doubled

    into_laptop = laptop.ok("backup", "import", str(copy))
    assert "Nothing new" in into_laptop.out


def test_a_damaged_or_foreign_copy_is_refused_plainly(tmp_path: Path) -> None:
    laptop, _, _ = pair(tmp_path)
    copy = tmp_path / "copy.tjcopy"
    laptop.ok("backup", "export", str(copy))
    blob = bytearray(copy.read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    bad = tmp_path / "bad.tjcopy"
    bad.write_bytes(bytes(blob))
    before = snapshot(laptop.data_dir)
    for path, code in ((bad, 4), (tmp_path / "missing", 2)):
        result = laptop("backup", "import", str(path))
        assert result.code == code, result.err
        assert "Traceback" not in result.err and result.err.count("\n") == 1
    not_ours = tmp_path / "random.bin"
    not_ours.write_bytes(os.urandom(4000))
    assert laptop("backup", "import", str(not_ours)).code == 4
    assert snapshot(laptop.data_dir) == before


def test_change_passphrase_on_one_device_reaches_the_other(tmp_path: Path) -> None:
    laptop, phone, folder = pair(tmp_path)
    phone.add("Written on the phone before the change")
    laptop.ok("change-passphrase", JOURNAL_APP_NEW_PASSPHRASE=NEW_PASSPHRASE)
    phone.ok("sync", "now")  # still open with the old one: it takes the new key file
    for device in (laptop, phone):
        assert device("entry", "list", passphrase=PASSPHRASE).code == 3
        assert device("entry", "list", passphrase=NEW_PASSPHRASE).code == 0
    stranger = Device(tmp_path / "tablet", "tablet")
    assert stranger("sync", "join", str(folder), passphrase=PASSPHRASE).code == 3
    laptop.ok("sync", "now", passphrase=NEW_PASSPHRASE)
    assert "Written on the phone before the change" in laptop.texts_with(NEW_PASSPHRASE)


def test_a_device_opens_with_the_new_passphrase_before_it_synced(tmp_path: Path) -> None:
    laptop, phone, _ = pair(tmp_path)
    laptop.ok("change-passphrase", JOURNAL_APP_NEW_PASSPHRASE=NEW_PASSPHRASE)
    phone.ok("entry", "add", "typed with the new passphrase", passphrase=NEW_PASSPHRASE)
    assert phone("entry", "list", passphrase=PASSPHRASE).code == 3


def test_a_key_rotated_elsewhere_opens_here_with_the_new_passphrase_alone(
    tmp_path: Path,
) -> None:
    """The phone slept through the rotation: the old key is in the folder's key file,
    sealed under the new one, so the new passphrase opens the phone's own journal, which
    is then re-sealed under the new key without losing what was written there."""
    laptop, phone, _ = pair(tmp_path)
    phone.add("written on the phone before the rotation")
    laptop.ok("rotate-key", JOURNAL_APP_NEW_PASSPHRASE=NEW_PASSPHRASE)
    assert "written on the phone before the rotation" in phone.texts_with(NEW_PASSPHRASE)
    assert phone("entry", "list", passphrase=PASSPHRASE).code == 3
    phone.ok("sync", "now", passphrase=NEW_PASSPHRASE)
    laptop.ok("sync", "now", passphrase=NEW_PASSPHRASE)
    assert "written on the phone before the rotation" in laptop.texts_with(NEW_PASSPHRASE)


def test_rotate_key_on_one_device_reaches_the_other_without_losing_a_change(
    tmp_path: Path,
) -> None:
    laptop, phone, folder = pair(tmp_path)
    phone.add("Written on the phone while the laptop changed the key")
    laptop.ok("rotate-key", JOURNAL_APP_NEW_PASSPHRASE=NEW_PASSPHRASE)
    laptop.add("Written on the laptop after the new key", passphrase=NEW_PASSPHRASE)
    asked = phone("sync", "now", JOURNAL_APP_NEW_PASSPHRASE=NEW_PASSPHRASE)
    assert asked.code == 0, asked.err
    assert "changed on another device" in asked.err
    laptop.ok("sync", "now", passphrase=NEW_PASSPHRASE)
    expected = [
        "Looked up three therapists near work",
        "Written on the laptop after the new key",
        "Written on the phone while the laptop changed the key",
    ]
    assert laptop.texts_with(NEW_PASSPHRASE) == phone.texts_with(NEW_PASSPHRASE) == expected
    for device in (laptop, phone):
        assert device("entry", "list", passphrase=PASSPHRASE).code == 3
    assert Device(tmp_path / "t", "t")("sync", "join", str(folder), passphrase=PASSPHRASE).code == 3


def test_odd_folders_and_files_are_one_line_and_change_nothing(tmp_path: Path) -> None:
    laptop = Device(tmp_path / "laptop", "laptop")
    laptop.ok("init")
    before = snapshot(laptop.data_dir)
    a_file = tmp_path / "a-file.txt"
    a_file.write_text("not a folder")
    for args, code in (
        (("sync", "setup", ""), 2),
        (("sync", "setup", str(a_file)), 2),
        (("sync", "setup", str(laptop.data_dir)), 2),  # the journal's own folder
        (("sync", "setup", str(laptop.data_dir / "inside")), 2),
        (("sync", "setup", str(tmp_path / "F"), "--device-name", ""), 2),
        (("sync", "setup", str(tmp_path / "F"), "--device-name", "a\x1b[2Jb"), 2),
        (("sync", "setup", str(tmp_path / "F"), "--device-name", "x" * 61), 2),
        (("sync", "join", str(tmp_path / "nowhere")), 2),  # a journal is here already
        (("sync", "now"), 2),  # not set up
        (("sync", "status"), 2),
        (("sync", "leave"), 2),
        (("backup", "export", ""), 2),
        (("backup", "export", str(tmp_path)), 2),
        (("backup", "export", str(tmp_path / "no" / "such" / "x.tjcopy")), 2),
        (("backup", "import", ""), 2),
        (("backup", "import", str(a_file)), 4),
    ):
        result = laptop(*args)
        assert result.code == code, (args, result.err)
        assert result.err.count("\n") == 1 and "Traceback" not in result.err, (args, result.err)
    assert snapshot(laptop.data_dir) == before
    assert not (tmp_path / "F").exists()


def test_a_device_name_in_any_script_is_kept_and_sealed(tmp_path: Path) -> None:
    laptop = Device(tmp_path / "laptop", "laptop")
    laptop.ok("init")
    name = "הטלפון של דנה 📱"
    laptop.ok("sync", "setup", str(tmp_path / "F"), "--device-name", name)
    assert laptop.status()["devices"][0]["name"] == name
    assert name.encode() not in folder_bytes(tmp_path / "F")

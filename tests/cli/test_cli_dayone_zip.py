"""Day One's export zip comes in as it is, and a hostile zip changes nothing.

Each zip here is built with the standard library the way Day One lays its export out
(Journal.json beside photos/), or the way an attacker would not: a bomb, names that climb
out of the zip, no JSON, a damaged or password-flagged file. Every refusal is one line with
exit 2, and the journal's files are byte for byte what they were.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from tests.conftest import Cli, snapshot

DATA = Path(__file__).resolve().parents[1] / "data"
DAYONE = DATA / "dayone_sample.json"
JPEG = b"\xff\xd8\xff\xe0" + bytes(2000) + b"\xff\xd9"


def day_one_zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def count(cli: Cli) -> int:
    result = cli("entry", "list", "--json")
    assert result.code == 0, result.err
    return len(json.loads(result.out))


def test_the_zip_day_one_makes_imports_and_again_adds_nothing(
    ready_cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "Export-Journal.zip"
    path.write_bytes(
        day_one_zip(
            {
                "Journal.json": DAYONE.read_bytes(),
                "photos/8C2D4E6F0A1B4C3D9E8F7A6B5C4D3E2F.jpeg": JPEG,
                "audios/A1.m4a": b"\x00" * 100,
            }
        )
    )
    result = ready_cli("import", "dayone", str(path))
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "Imported 5 entries from Day One."
    assert count(ready_cli) == 5
    again = ready_cli("import", "dayone-json", str(path))
    assert again.out.splitlines()[0] == "Nothing new: all 5 entries were already in your journal."


def test_a_zip_with_two_journals_brings_in_both(ready_cli: Cli, tmp_path: Path) -> None:
    doc = json.loads(DAYONE.read_text(encoding="utf-8"))
    other = json.loads(DAYONE.read_text(encoding="utf-8"))
    for n, entry in enumerate(other["entries"]):
        entry["uuid"] = f"{n:032X}"
        entry["creationDate"] = entry["creationDate"].replace("2023", "2024")
    path = tmp_path / "all.zip"
    path.write_bytes(
        day_one_zip(
            {"Journal.json": json.dumps(doc).encode(), "Work.json": json.dumps(other).encode()}
        )
    )
    result = ready_cli("import", "dayone", str(path))
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "Imported 10 entries from Day One."


def test_the_app_takes_the_zip_as_a_phone_picker_hands_it_over(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from journal_app.app.session import AppSession
    from journal_app.ui.controllers.settings import SettingsController

    session = AppSession(tmp_path / "j", clock=lambda: datetime(2026, 12, 7, tzinfo=UTC))
    session.create("quiet harbour maple 7", "quiet harbour maple 7")
    try:
        data = day_one_zip({"Journal.json": DAYONE.read_bytes(), "photos/a.jpeg": JPEG})
        said = SettingsController(session).import_journal(data, "Export.zip")
        assert said.startswith("Imported 5 entries from Day One.")
    finally:
        session.lock()


def bomb() -> bytes:
    """40 MB of one byte, deflated to about 40 KB: 1,000 to one."""
    return day_one_zip({"Journal.json": b"{" + b" " * (40 * 1024 * 1024) + b"}"})


def climbing() -> bytes:
    return day_one_zip({"../../Journal.json": DAYONE.read_bytes()})


def absolute() -> bytes:
    return day_one_zip({"/etc/Journal.json": DAYONE.read_bytes()})


def no_json() -> bytes:
    return day_one_zip({"photos/a.jpeg": JPEG, "readme.txt": b"hello"})


def cut_short() -> bytes:
    whole = day_one_zip({"Journal.json": DAYONE.read_bytes()})
    return whole[: len(whole) // 2]


def lying_about_size() -> bytes:
    """A member that says it is smaller than it is: reading stops at the size it declared,
    so the check sum cannot match."""
    whole = bytearray(day_one_zip({"Journal.json": DAYONE.read_bytes()}, zipfile.ZIP_STORED))
    size = len(DAYONE.read_bytes()).to_bytes(4, "little")
    smaller = (len(DAYONE.read_bytes()) - 100).to_bytes(4, "little")
    return bytes(whole.replace(size + size, smaller + smaller))


def password_flagged() -> bytes:
    """The encryption bit set on the member, in its header and in the zip's directory."""
    whole = bytearray(day_one_zip({"Journal.json": DAYONE.read_bytes()}))
    local = whole.find(b"PK\x03\x04")
    central = whole.find(b"PK\x01\x02")
    whole[local + 6] |= 1
    whole[central + 8] |= 1
    return bytes(whole)


def not_day_one_inside() -> bytes:
    return day_one_zip({"Journal.json": (DATA / "jrnl_sample.json").read_bytes()})


HOSTILE = {
    "bomb": (bomb, "zip bomb"),
    "climbing": (climbing, "points outside it"),
    "absolute": (absolute, "points outside it"),
    "no-json": (no_json, "holds no .json file"),
    "cut-short": (cut_short, "damaged or cut short"),
    "lying-about-size": (lying_about_size, "damaged or cut short"),
    "password": (password_flagged, "password"),
    "jrnl-inside": (not_day_one_inside, "looks like a jrnl export"),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_zip_is_refused_in_one_line_and_changes_nothing(
    ready_cli: Cli, data_dir: Path, tmp_path: Path, kind: str
) -> None:
    make, reason = HOSTILE[kind]
    path = tmp_path / "Export.zip"
    path.write_bytes(make())
    before = snapshot(data_dir)
    for command in ("dayone", "dayone-json"):
        result = ready_cli("import", command, str(path))
        assert result.code == 2, (kind, result.out, result.err)
        assert reason in result.err, result.err
        assert len(result.err.strip().splitlines()) == 1, result.err
        assert result.out == ""
    assert snapshot(data_dir) == before


def test_a_zip_given_to_the_jrnl_import_is_refused(
    ready_cli: Cli, data_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "Export.zip"
    path.write_bytes(day_one_zip({"Journal.json": DAYONE.read_bytes()}))
    before = snapshot(data_dir)
    result = ready_cli("import", "jrnl-json", str(path))
    assert result.code == 2 and "jrnl exports JSON" in result.err
    assert snapshot(data_dir) == before


def test_a_fault_in_one_journal_of_a_zip_names_it_and_brings_in_none(
    ready_cli: Cli, data_dir: Path, tmp_path: Path
) -> None:
    other = json.loads(DAYONE.read_text(encoding="utf-8"))
    del other["entries"][2]["creationDate"]
    path = tmp_path / "all.zip"
    path.write_bytes(
        day_one_zip({"Journal.json": DAYONE.read_bytes(), "Work.json": json.dumps(other).encode()})
    )
    before = snapshot(data_dir)
    result = ready_cli("import", "dayone", str(path))
    assert result.code == 2
    assert result.err.strip() == "journal-app: In Work.json: Entry 3 of 6 has no date."
    assert snapshot(data_dir) == before

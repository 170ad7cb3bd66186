"""The command-line contract, driven as a separate process like any script would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journal_app.core.journal import MAX_TEXT_CHARS
from journal_app.storage.vault import DATA_FILE, KEY_FILE
from tests.conftest import NEW_PASSPHRASE, PASSPHRASE, Cli, snapshot


def entries(cli: Cli, *args: str, passphrase: str = PASSPHRASE) -> list[dict]:
    result = cli("entry", "list", "--json", *args, passphrase=passphrase)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_init_add_list_round_trip(ready_cli: Cli) -> None:
    cli = ready_cli
    added = cli(
        "entry",
        "add",
        "--anxiety",
        "7",
        "--tag",
        "search",
        "--tag",
        "calls",
        "--feeling",
        "nervous",
        "--at",
        "2026-11-20T09:30",
        "Left a voicemail 😬",
    )
    assert added.code == 0, added.err
    rtl = "שלום, אני מחפשת מטפלת — مرحبا"
    assert cli("entry", "add", "-", stdin=rtl + "\n").code == 0
    listed = entries(cli)
    assert [e["text"] for e in listed] == [rtl + "\n", "Left a voicemail 😬"]
    first = listed[1]
    assert first["anxiety"] == 7
    assert first["tags"] == ["search", "calls"]
    assert first["feelings"] == ["nervous"]
    assert first["created_at"].startswith("2026-11-20")
    assert {"id", "text", "anxiety", "tags", "feelings", "created_at"} <= set(first)


def test_list_filters(ready_cli: Cli) -> None:
    cli = ready_cli
    for text, tag in [
        ("calm morning walk", "calm"),
        ("panic before the call", "search"),
        ("booked a consultation", "search"),
    ]:
        assert cli("entry", "add", "--tag", tag, text).code == 0
    assert [e["text"] for e in entries(cli, "--tag", "SEARCH")] == [
        "booked a consultation",
        "panic before the call",
    ]
    assert [e["text"] for e in entries(cli, "--search", "CALL panic")] == ["panic before the call"]
    assert len(entries(cli, "--limit", "1")) == 1
    assert cli("entry", "add", "--feeling", "Hopeful", "--at", "2026-01-05", "a new year").code == 0
    assert [e["text"] for e in entries(cli, "--feeling", "hopeful")] == ["a new year"]
    assert [e["text"] for e in entries(cli, "--until", "2026-01-31")] == ["a new year"]
    assert "a new year" not in [e["text"] for e in entries(cli, "--since", "2026-02-01")]
    human = cli("entry", "list")
    assert human.code == 0 and "#calm" in human.out


@pytest.mark.parametrize(
    "args",
    [
        ["entry", "add", ""],
        ["entry", "add", "   \n\t"],
        ["entry", "add", "--anxiety", "11", "too anxious to count"],
        ["entry", "add", "--anxiety", "-1", "negative"],
        ["entry", "add", "--anxiety", "high", "words"],
        ["entry", "add", "--at", "not a date", "words"],
        ["entry", "add", "--at", "2026-02-30", "words"],
        ["entry", "add", "--at", "2999-01-01", "from the future"],
        ["entry", "add", "--at", "0001-01-01", "too old"],
        ["entry", "add", "--tag", "x" * 500, "long tag"],
        ["entry", "list", "--limit", "-3"],
        ["entry", "list", "--limit", "lots"],
        ["entry", "list", "--since", "last week"],
        ["entry", "list", "--since", "2026-05-01", "--until", "2026-01-01"],
        ["entry", "frobnicate"],
        ["backup", "restore", "0"],
        ["no-such-command"],
    ],
)
def test_bad_input_is_exit_2_with_one_line_and_nothing_changes(
    ready_cli: Cli, data_dir: Path, args: list[str]
) -> None:
    before = snapshot(data_dir)
    result = ready_cli(*args)
    assert result.code == 2, (result.code, result.err)
    assert len(result.err.strip().splitlines()) == 1, result.err
    assert snapshot(data_dir) == before


def test_huge_text_is_refused_but_large_text_is_kept(ready_cli: Cli) -> None:
    assert ready_cli("entry", "add", "-", stdin="a" * (MAX_TEXT_CHARS + 1)).code == 2
    big = "I keep writing. " * 10_000
    assert ready_cli("entry", "add", "-", stdin=big).code == 0
    assert entries(ready_cli)[0]["text"] == big


def test_stdin_that_is_not_utf8_is_refused(ready_cli: Cli) -> None:
    result = ready_cli("entry", "add", "-", stdin=b"\xff\xfe\x00bad")
    assert result.code == 2 and "UTF-8" in result.err


def test_wrong_passphrase_is_exit_3_and_changes_nothing(ready_cli: Cli, data_dir: Path) -> None:
    assert ready_cli("entry", "add", "hello").code == 0
    before = snapshot(data_dir)
    for args in (
        ["entry", "list"],
        ["entry", "add", "x"],
        ["backup", "list"],
        ["change-passphrase"],
        ["backup", "restore", "1"],
    ):
        result = ready_cli(
            *args, passphrase="definitely wrong", JOURNAL_APP_NEW_PASSPHRASE=NEW_PASSPHRASE
        )
        assert result.code == 3, (args, result.err)
        assert "passphrase" in result.err
        assert snapshot(data_dir) == before


@pytest.mark.parametrize("name", [KEY_FILE, DATA_FILE])
def test_flipped_byte_is_exit_4_and_changes_nothing(
    ready_cli: Cli, data_dir: Path, name: str
) -> None:
    assert ready_cli("entry", "add", "hello").code == 0
    target = data_dir / name
    blob = bytearray(target.read_bytes())
    blob[len(blob) // 2] ^= 0x10
    target.write_bytes(bytes(blob))
    before = snapshot(data_dir)
    for args in (["entry", "list"], ["entry", "add", "more"]):
        result = ready_cli(*args)
        assert result.code == 4, result.err
        assert len(result.err.strip().splitlines()) == 1
        assert snapshot(data_dir) == before


def test_missing_passphrase_without_a_terminal_is_exit_2(ready_cli: Cli) -> None:
    result = ready_cli("entry", "list", passphrase=None)
    assert result.code == 2 and "JOURNAL_APP_PASSPHRASE" in result.err


def test_init_twice_is_refused_and_changes_nothing(ready_cli: Cli, data_dir: Path) -> None:
    before = snapshot(data_dir)
    result = ready_cli("init", passphrase=NEW_PASSPHRASE)
    assert result.code == 2 and "already exists" in result.err
    assert snapshot(data_dir) == before


def test_init_refuses_a_weak_passphrase(cli: Cli, data_dir: Path) -> None:
    for weak in ("", "short", "aaaaaaaaaaaa", "password"):
        assert cli("init", passphrase=weak).code == 2
    assert not data_dir.exists() or not (data_dir / KEY_FILE).exists()


def test_no_vault_yet_says_how_to_start(cli: Cli) -> None:
    result = cli("entry", "list")
    assert result.code == 1 and "init" in result.err


def test_change_passphrase(ready_cli: Cli) -> None:
    cli = ready_cli
    assert cli("entry", "add", "before").code == 0
    changed = cli("change-passphrase", JOURNAL_APP_NEW_PASSPHRASE=NEW_PASSPHRASE)
    assert changed.code == 0, changed.err
    assert cli("entry", "list").code == 3
    assert [e["text"] for e in entries(cli, passphrase=NEW_PASSPHRASE)] == ["before"]
    weak = cli("change-passphrase", passphrase=NEW_PASSPHRASE, JOURNAL_APP_NEW_PASSPHRASE="abc")
    assert weak.code == 2
    assert entries(cli, passphrase=NEW_PASSPHRASE)


def test_backup_list_and_restore(ready_cli: Cli, data_dir: Path) -> None:
    cli = ready_cli
    assert cli("entry", "add", "first").code == 0  # today's backup: the empty journal
    assert cli("entry", "add", "second").code == 0  # same day: no new backup
    listing = cli("backup", "list")
    assert listing.code == 0 and listing.out.strip().startswith("1")
    restored = cli("backup", "restore", "1")
    assert restored.code == 0, restored.err
    assert entries(cli) == []
    # the journal we replaced is now backup 1: restoring it brings both entries back
    assert cli("backup", "restore", "1").code == 0
    assert [e["text"] for e in entries(cli)] == ["second", "first"]
    missing = cli("backup", "restore", "99")
    assert missing.code == 2 and "no backup 99" in missing.err


def test_restore_heals_a_damaged_journal(ready_cli: Cli, data_dir: Path) -> None:
    cli = ready_cli
    assert cli("entry", "add", "worth keeping").code == 0
    backups = sorted((data_dir / "backups").glob("journal-*"))
    (data_dir / DATA_FILE).write_bytes(b"\x00" * 64)
    assert cli("entry", "list").code == 4
    assert backups, "a backup existed before the damage"
    assert cli("backup", "restore", "1").code == 0
    assert cli("entry", "list").code == 0


def test_help_and_version(cli: Cli) -> None:
    assert cli("--help").code == 0
    assert cli("--version").code == 0
    assert cli("entry", "add", "--help").code == 0

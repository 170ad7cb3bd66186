"""export-bundle, open-bundle and shares list through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli, snapshot

CHOSEN = "amber kettle violin mosaic pebble"


@pytest.fixture
def shared(ready_cli: Cli, tmp_path: Path) -> tuple[Cli, Path, Path]:
    cli = ready_cli
    assert cli("entry", "add", "--anxiety", "6", "--tag", "calls", "Rang the clinic 📞").code == 0
    assert cli("checkin", "gad7", "--answers", "1,1,1,1,1,1,1").code == 0
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(CHOSEN + "\n", encoding="utf-8")
    out = tmp_path / "summary.html"
    made = cli("export-bundle", "--out", str(out), "--include", "profile,checkins,entries",
               "--recipient", "Dr Patel", "--passphrase-file", str(pass_file))  # fmt: skip
    assert made.code == 0, made.err
    assert CHOSEN not in made.out  # a chosen passphrase is never echoed
    return cli, out, pass_file


def test_generated_passphrase_is_printed_once_and_opens_the_file(
    ready_cli: Cli, tmp_path: Path
) -> None:
    out = tmp_path / "s.html"
    made = ready_cli("export-bundle", "--out", str(out))
    assert made.code == 0, made.err
    passphrase = made.out.strip().splitlines()[-1].strip()
    assert len(passphrase.replace(" - ", " ").split()) == 8
    (tmp_path / "p").write_text(passphrase)
    opened = ready_cli("open-bundle", str(out), "--passphrase-file", str(tmp_path / "p"))
    assert opened.code == 0 and "Summary from my Therapy Journal" in opened.out
    assert passphrase not in out.read_text()


def test_open_bundle_needs_no_vault(shared, tmp_path: Path) -> None:
    cli, out, pass_file = shared
    nowhere = Cli(tmp_path / "no-such-journal")
    md = nowhere("open-bundle", str(out), "--passphrase-file", str(pass_file), passphrase=None)
    assert md.code == 0, md.err
    assert "Rang the clinic 📞" in md.out and "GAD-7" in md.out
    js = nowhere("open-bundle", str(out), "--passphrase-file", str(pass_file), "--format",
                 "json", passphrase=None)  # fmt: skip
    payload = json.loads(js.out)
    assert payload["recipient"] == "Dr Patel"
    assert [s["key"] for s in payload["sections"]] == ["profile", "checkins", "entries"]
    html_out = tmp_path / "plain.html"
    as_html = nowhere("open-bundle", str(out), "--passphrase-file", str(pass_file), "--format",
                      "html", "--out", str(html_out), passphrase=None)  # fmt: skip
    assert as_html.code == 0 and "not encrypted" in as_html.err
    assert "Rang the clinic" in html_out.read_text()
    assert not (tmp_path / "no-such-journal").exists()


def test_wrong_passphrase_is_exit_3(shared, tmp_path: Path) -> None:
    cli, out, _ = shared
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("amber kettle violin mosaic pebbles")
    result = cli("open-bundle", str(out), "--passphrase-file", str(wrong))
    assert result.code == 3 and len(result.err.strip().splitlines()) == 1


def test_altered_truncated_or_foreign_files_are_exit_4(shared, tmp_path: Path) -> None:
    cli, out, pass_file = shared
    data = out.read_bytes()
    cases = {
        "flipped.html": data[:3000] + bytes([data[3000] ^ 1]) + data[3001:],
        "cut.html": data[: len(data) // 2],
        "text.html": b"just some notes",
        "empty.html": b"",
    }
    for name, blob in cases.items():
        target = tmp_path / name
        target.write_bytes(blob)
        result = cli("open-bundle", str(target), "--passphrase-file", str(pass_file))
        assert result.code == 4, (name, result.err)
        assert len(result.err.strip().splitlines()) == 1
        assert "backup" not in result.err  # a received file has no backups to point to


def test_bad_export_input_is_exit_2_and_writes_nothing(shared, data_dir: Path, tmp_path: Path):
    cli, _, pass_file = shared
    weak = tmp_path / "weak.txt"
    weak.write_text("password")
    before = snapshot(data_dir)
    target = tmp_path / "new.html"
    for args in (
        ["--include", "profile,diary"],
        ["--since", "yesterday"],
        ["--since", "2026-05-01", "--until", "2026-01-01"],
        ["--passphrase-file", str(weak)],
        ["--passphrase-file", str(tmp_path / "missing.txt")],
    ):
        result = cli("export-bundle", "--out", str(target), *args)
        assert result.code == 2, (args, result.err)
    bad_out = cli("export-bundle", "--out", str(tmp_path / "x.pdf"), "--passphrase-file",
                  str(pass_file))  # fmt: skip
    assert bad_out.code == 2
    assert not target.exists()
    assert snapshot(data_dir) == before


def test_share_log_lists_what_went_where_without_the_passphrase(shared, data_dir: Path) -> None:
    cli, out, _ = shared
    listed = cli("shares", "list", "--json")
    [entry] = json.loads(listed.out)
    assert entry["recipient"] == "Dr Patel"
    assert entry["sections"] == ["profile", "checkins", "entries"]
    import hashlib

    assert entry["fingerprint"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert CHOSEN not in listed.out
    assert "Dr Patel" in cli("shares", "list").out


def test_pdf_and_fhir_copies_and_the_fingerprint(ready_cli: Cli, tmp_path: Path) -> None:
    """export-bundle --format pdf locks a PDF with the passphrase; open-bundle --format fhir
    prints the check-ins as FHIR; the fingerprint printed by both ends matches the log."""
    import io

    from pypdf import PdfReader

    cli = ready_cli
    assert cli("checkin", "phq9", "--answers", "1,1,0,1,0,0,1,0,2").code == 0
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(CHOSEN + "\n", encoding="utf-8")
    pdf = tmp_path / "summary.pdf"
    made = cli("export-bundle", "--format", "pdf", "--out", str(pdf), "--include",
               "profile,checkins", "--passphrase-file", str(pass_file))  # fmt: skip
    assert made.code == 0, made.err
    assert "question 9" in made.out and "small letters" in made.out
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    assert reader.decrypt(CHOSEN) != 0 and "item 9" in reader.pages[0].extract_text()
    wrong_suffix = cli("export-bundle", "--format", "pdf", "--out", str(tmp_path / "s.html"))
    assert wrong_suffix.code == 2 and "should end with .pdf" in wrong_suffix.err

    html = tmp_path / "summary.html"
    made = cli("export-bundle", "--out", str(html), "--include", "checkins",
               "--passphrase-file", str(pass_file))  # fmt: skip
    assert made.code == 0, made.err
    printed = made.out.split("File fingerprint: ", 1)[1][:19]
    opened = cli("open-bundle", str(html), "--passphrase-file", str(pass_file), "--format", "fhir")
    assert opened.code == 0, opened.err
    assert f"File fingerprint: {printed}" in opened.err
    fhir = json.loads(opened.out)
    assert fhir["resourceType"] == "Bundle" and fhir["entry"][0]["resource"]["status"]
    log = cli("shares", "list")
    assert printed in log.out

    bare = tmp_path / "bare.html"
    assert cli("export-bundle", "--out", str(bare), "--include", "profile",
               "--passphrase-file", str(pass_file)).code == 0  # fmt: skip
    none = cli("open-bundle", str(bare), "--passphrase-file", str(pass_file), "--format", "fhir")
    assert none.code == 2 and "no check-ins" in none.err

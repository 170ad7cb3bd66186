"""`export-bundle --format pdf` through the real CLI: the printed passphrase opens the PDF
as printed in Poppler, qpdf and MuPDF; a chosen one that cannot work in every reader, or
is weak in the 32 bytes Poppler keeps, is refused with exit 2 and one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli, snapshot
from tests.share.pdf_readers import opens, require_readers

require_readers()

READERS = ("poppler", "qpdf", "mupdf")


def test_the_printed_pdf_passphrase_opens_the_pdf_as_printed(
    ready_cli: Cli, tmp_path: Path
) -> None:
    pdf = tmp_path / "summary.pdf"
    made = ready_cli("export-bundle", "--format", "pdf", "--out", str(pdf))
    assert made.code == 0, made.err
    printed = made.out.strip().splitlines()[-1].strip()
    assert [len(group) for group in printed.split(" ")] == [4, 4, 4, 4]
    assert "type it as shown, with or without the spaces" in made.out
    [aloud] = [ln for ln in made.out.splitlines() if ln.startswith("To read it out")]
    words = aloud.split(": ", 1)[1].replace(" / ", " ").split()
    assert "".join(w if w.isdigit() else w[0] for w in words) == printed.replace(" ", "")
    for reader in READERS:
        assert opens(reader, pdf, printed), reader
        assert opens(reader, pdf, printed.replace(" ", "")), reader


def test_a_chosen_hebrew_passphrase_opens_in_every_reader(ready_cli: Cli, tmp_path: Path) -> None:
    chosen = "quartz fjord nimbus kelp vortx שלום עולם"  # Poppler cuts inside ש
    (tmp_path / "pass.txt").write_text(chosen + "\n", encoding="utf-8")
    pdf = tmp_path / "summary.pdf"
    made = ready_cli("export-bundle", "--format", "pdf", "--out", str(pdf),
                     "--passphrase-file", str(tmp_path / "pass.txt"))  # fmt: skip
    assert made.code == 0, made.err
    assert chosen not in made.out
    for reader in READERS:
        assert opens(reader, pdf, chosen), reader


@pytest.mark.parametrize(
    ("chosen", "reason"),
    [
        ("password password password password copper meadow lantern orbit violet",
         "PDF readers use only the first 32 bytes"),
        ("ψυχή θάλασσα ουρανός βουνό ποτάμι αστέρι", "PDF readers use only the first 32 bytes"),
        ("quartz fjord nimbus ❤️ kelp zephyr", "invisible character"),
    ],
)  # fmt: skip
def test_a_chosen_pdf_passphrase_that_cannot_hold_is_refused_with_exit_2(
    ready_cli: Cli, tmp_path: Path, data_dir: Path, chosen: str, reason: str
) -> None:
    (tmp_path / "pass.txt").write_text(chosen + "\n", encoding="utf-8")
    pdf = tmp_path / "summary.pdf"
    before = snapshot(data_dir)
    refused = ready_cli("export-bundle", "--format", "pdf", "--out", str(pdf),
                        "--passphrase-file", str(tmp_path / "pass.txt"))  # fmt: skip
    assert refused.code == 2, refused.err
    assert reason in refused.err and len(refused.err.strip().splitlines()) == 1
    assert chosen not in refused.err
    assert not pdf.exists() and snapshot(data_dir) == before

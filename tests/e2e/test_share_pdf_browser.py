"""The PDF copy made in the served app, in real Chromium: the passphrase the done screen
shows, the one a screen reader reads out and the one "Copy passphrase" copies each open the
downloaded PDF in Poppler, qpdf and MuPDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.share.pdf_readers import opens, require_readers

require_readers()
pytestmark = pytest.mark.e2e
PDF_CHOICE = "A PDF (what many offices file), locked the same way"


def test_the_pdf_passphrase_opens_as_shown_read_out_and_copied(
    browser, shared_app, tmp_path: Path, screenshots: Path
) -> None:
    app = shared_app.open(browser, grant_clipboard=True)  # the session's app, unlocked
    try:
        app.go("Share")
        app.click("Preview what will be shared")
        app.see("Summary from my Therapy Journal")
        app.tap(app.page.get_by_role("radio", name=PDF_CHOICE))
        with app.page.expect_download(timeout=60_000) as download:
            app.click("Create encrypted file")
        pdf = tmp_path / "summary.pdf"
        download.value.save_as(pdf)
        app.see("In the PDF reader it is typed as shown, with or without the spaces.")
        tree = app.page.locator("body").aria_snapshot()
        heard = re.search(r"Passphrase: ((?:\w \w \w \w(?:, then )?){4})", tree)
        assert heard, tree[-2000:]
        groups = [g.replace(" ", "") for g in heard[1].split(", then ")]
        assert [len(g) for g in groups] == [4, 4, 4, 4]
        shown = " ".join(groups)
        assert shown in tree  # the same code as plain text under the boxes
        group = r"(?:[\w-]+ ){3}[\w-]+"
        aloud = re.search(rf"Read it out as: ({group}(?: / {group}){{3}})", tree)
        assert aloud, tree[-2000:]
        spelled = "".join(w if w.isdigit() else w[0] for w in aloud[1].replace(" / ", " ").split())
        assert spelled == "".join(groups)
        assert "small letters" not in tree and "any web browser" not in tree
        assert "They open it in their PDF reader" in tree
        app.reveal(app.page.get_by_role("heading", name="The passphrase for this file"))
        app.shot(screenshots / "share-pdf-desktop.png")
        app.click("Copy passphrase")
        copied = app.page.evaluate("navigator.clipboard.readText()")
        assert copied == shown
    finally:
        app.close()
    for reader in ("poppler", "qpdf", "mupdf"):
        assert opens(reader, pdf, shown), reader
        assert opens(reader, pdf, "".join(groups)), reader

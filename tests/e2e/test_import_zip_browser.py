"""Day One's export zip, picked in the browser as a phone's picker hands it over.

The served app's Settings take the zip's bytes (the picker reads them, as on a phone),
bring in its journal, and say so in the summary both shells share; the same zip again
adds nothing.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
DAYONE = Path(__file__).resolve().parents[1] / "data" / "dayone_sample.json"


def export_zip(folder: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Journal.json", DAYONE.read_bytes())
        archive.writestr("photos/8C2D4E6F0A1B4C3D9E8F7A6B5C4D3E2F.jpeg", b"\xff\xd8" + bytes(500))
    path = folder / "Export-Journal.zip"
    path.write_bytes(buffer.getvalue())
    return path


def test_a_day_one_zip_comes_in_through_the_picker(browser, shared_app, tmp_path: Path) -> None:
    """On the session's served app (no other test brings in this export)."""
    zipped = export_zip(tmp_path)
    app = shared_app.open(browser)
    try:
        app.go("Settings")
        for said in (
            "Imported 5 entries from Day One.",
            "Nothing new: all 5 entries were already in your journal.",
        ):
            with app.page.expect_file_chooser() as chooser:
                app.click("Choose a file to bring in")
            chooser.value.set_files(zipped)
            app.see(said)
    finally:
        app.context.close()

"""Day One's export zip, picked in the browser as a phone's picker hands it over.

The served app's Settings take the zip's bytes (the picker reads them, as on a phone),
bring in its journal, and say so in the summary both shells share; the same zip again
adds nothing.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.e2e.app_server import AppPage, served_app

pytestmark = pytest.mark.e2e
PASS = "quiet harbour maple 7"
DAYONE = Path(__file__).resolve().parents[1] / "data" / "dayone_sample.json"


def export_zip(folder: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Journal.json", DAYONE.read_bytes())
        archive.writestr("photos/8C2D4E6F0A1B4C3D9E8F7A6B5C4D3E2F.jpeg", b"\xff\xd8" + bytes(500))
    path = folder / "Export-Journal.zip"
    path.write_bytes(buffer.getvalue())
    return path


def test_a_day_one_zip_comes_in_through_the_picker(browser, tmp_path: Path) -> None:
    data_dir = tmp_path / "journal"
    env = {**os.environ, "JOURNAL_APP_DATA_DIR": str(data_dir), "JOURNAL_APP_PASSPHRASE": PASS}
    made = subprocess.run([sys.executable, "-m", "journal_app.cli", "init"], env=env, timeout=120)
    assert made.returncode == 0
    zipped = export_zip(tmp_path)
    with served_app(data_dir) as url:
        app = AppPage(browser, url)
        try:
            app.see("Welcome back")
            app.type_into("Passphrase", PASS)
            app.click("Unlock")
            app.see("Prepare for my consultation")
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

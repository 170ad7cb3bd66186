"""The journal on a simulated phone Python (see tests/helpers/phone.py).

The CLI and the app's controllers run from the folder `flet build` packages, with the
imports that phones lack failing: create, add, list, share and read the bundle; a journal
made on a desktop opens there, and what the phone changed opens on the desktop again.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, Cli
from tests.helpers.phone import REPO, Phone, make_phone

BUNDLE_PASSPHRASE = "amber kettle violin mosaic pebble"
FIXTURE = REPO / "tests" / "data" / "vault_kdf_2026_12"


@pytest.fixture(scope="module")
def phone(tmp_path_factory: pytest.TempPathFactory) -> Phone:
    return make_phone(tmp_path_factory.mktemp("phone"))


@pytest.fixture
def fresh_phone(tmp_path: Path) -> Phone:
    return make_phone(tmp_path)


def ok(result) -> str:  # noqa: ANN001 (a CompletedProcess)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout


def test_the_phone_python_lacks_what_phones_lack(phone: Phone) -> None:
    out = ok(
        phone.python(
            "import importlib, json\n"
            "found = {}\n"
            "for m in ('nh3', 'cryptography.hazmat.primitives.kdf.argon2', 'flet_web',\n"
            "          'flet_desktop', 'journal_app.prompts'):\n"
            "    try:\n"
            "        importlib.import_module(m); found[m] = True\n"
            "    except ImportError:\n"
            "        found[m] = False\n"
            "import journal_app, journal_app.resources as r\n"
            "print(json.dumps({'found': found, 'pkg': journal_app.__file__,\n"
            "    'prompts': str(r.prompts_dir()), 'assets': str(r.assets_dir())}))"
        )
    )
    seen = json.loads(out)
    assert not any(seen["found"].values()), seen["found"]
    assert Path(seen["pkg"]).is_relative_to(phone.app)  # the packaged copy, not the repo
    assert Path(seen["prompts"]) == phone.app / "prompts"
    assert Path(seen["assets"]) == phone.app / "assets"


def test_the_packaged_app_holds_the_app_and_nothing_else(phone: Phone) -> None:
    top = {p.name for p in phone.app.iterdir()}
    assert {"main.py", "journal_app", "prompts", "assets", "pyproject.toml"} <= top
    assert not top & {".venv", ".git", "tests", "benchmarks", "Makefile"}
    assert (phone.app / "assets" / "icon.png").is_file()
    assert (phone.app / "assets" / "bundle").is_dir()
    assert not (phone.app / "assets" / "screenshots").exists()
    assert any((phone.app / "prompts").glob("*.toml"))


def test_cli_on_a_phone_creates_adds_lists_shares_and_reads(fresh_phone: Phone) -> None:
    phone = fresh_phone
    ok(phone.cli("init", passphrase=PASSPHRASE))
    assert (phone.journal / "key.tjk").is_file()  # FLET_APP_STORAGE_DATA/journal
    ok(phone.cli("entry", "add", "--anxiety", "5", "--tag", "calls", "Rang **two** clinics",
                 passphrase=PASSPHRASE))  # fmt: skip
    ok(phone.cli("entry", "add", "<img src=x onerror=alert(1)> still mine", passphrase=PASSPHRASE))
    listed = json.loads(ok(phone.cli("entry", "list", "--json", passphrase=PASSPHRASE)))
    assert sorted(e["text"] for e in listed) == [
        "<img src=x onerror=alert(1)> still mine",
        "Rang **two** clinics",
    ]
    pass_file = phone.storage / "pass.txt"
    pass_file.write_text(BUNDLE_PASSPHRASE, encoding="utf-8")
    out = phone.storage / "summary.html"
    ok(phone.cli("export-bundle", "--out", str(out), "--include", "entries",
                 "--passphrase-file", str(pass_file), passphrase=PASSPHRASE))  # fmt: skip
    read = json.loads(
        ok(
            phone.cli(
                "open-bundle", str(out), "--passphrase-file", str(pass_file), "--format", "json"
            )
        )  # fmt: skip
    )
    assert "Rang **two** clinics" in read["markdown"]
    as_html = ok(
        phone.cli("open-bundle", str(out), "--passphrase-file", str(pass_file), "--format", "html")
    )
    assert "<strong>two</strong>" in as_html
    assert "<img" not in as_html and "&lt;img" in as_html


CONTROLLERS = """
import json, sys
from journal_app.app.journal_access import data_folder
from journal_app.app.session import AppSession
from journal_app.app.sharing import open_bundle
from journal_app.core.sharing import ENTRIES
from journal_app.ui.controllers.home import HomeController
from journal_app.ui.controllers.journal import JournalController
from journal_app.ui.controllers.share import ShareController

session = AppSession(data_folder())
passphrase = sys.argv[1]
if sys.argv[2] == "create":
    session.create(passphrase, passphrase)
else:
    session.unlock(passphrase)
journal = JournalController(session)
journal.set_text("Wrote this on the phone, *gently*")
journal.set_anxiety(3)
assert journal.save() is not None
HomeController(session).state()
share = ShareController(session)
share.set_section(ENTRIES, True)
share.make_preview()
outcome = share.create_in_exports()
opened = open_bundle(outcome.path.read_bytes(), outcome.passphrase)
print(json.dumps({
    "folder": str(session.data_dir),
    "entries": sorted(e.text for e in journal.entries),
    "bundle_has_entry": "Wrote this on the phone" in json.dumps(opened, default=str),
    "exports": str(outcome.path),
}))
session.lock()
"""


def run_controllers(phone: Phone, mode: str) -> dict:
    return json.loads(ok(phone.python(CONTROLLERS, PASSPHRASE, mode)))


def test_the_app_controllers_on_a_phone(fresh_phone: Phone) -> None:
    seen = run_controllers(fresh_phone, "create")
    assert Path(seen["folder"]) == fresh_phone.journal
    assert seen["entries"] == ["Wrote this on the phone, *gently*"]
    assert seen["bundle_has_entry"]
    assert Path(seen["exports"]).is_relative_to(fresh_phone.journal)


def test_a_desktop_journal_opens_on_the_phone_and_back(fresh_phone: Phone, tmp_path: Path) -> None:
    desktop = Cli(tmp_path / "desktop-journal")
    assert desktop("init").code == 0
    assert desktop("entry", "add", "Written at my desk").code == 0
    shutil.copytree(desktop.data_dir, fresh_phone.journal)  # as a restore or a copy would

    listed = json.loads(ok(fresh_phone.cli("entry", "list", "--json", passphrase=PASSPHRASE)))
    assert [e["text"] for e in listed] == ["Written at my desk"]
    seen = run_controllers(fresh_phone, "unlock")
    assert seen["entries"] == ["Written at my desk", "Wrote this on the phone, *gently*"]

    shutil.rmtree(desktop.data_dir)
    shutil.copytree(fresh_phone.journal, desktop.data_dir)
    back = desktop("entry", "list", "--json")
    assert back.code == 0, back.err
    assert sorted(e["text"] for e in json.loads(back.out)) == seen["entries"]


def test_a_journal_made_by_the_old_code_opens_on_the_phone(fresh_phone: Phone) -> None:
    shutil.copytree(FIXTURE, fresh_phone.journal)
    listed = json.loads(ok(fresh_phone.cli("entry", "list", "--json", passphrase=PASSPHRASE)))
    assert len(listed) == 2
    wrong = fresh_phone.cli("entry", "list", passphrase="not it")
    assert wrong.returncode == 3 and "Traceback" not in wrong.stderr

"""Devices for sync tests: each a real journal in its own folder, run as the CLI runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import PASSPHRASE, Cli, CliResult


class Device(Cli):
    """One device: its own data folder, the real CLI as a separate process."""

    def __init__(self, data_dir: Path, name: str) -> None:
        super().__init__(data_dir)
        self.name = name

    def ok(self, *args: str, passphrase: str = PASSPHRASE, **env: str) -> CliResult:
        result = self(*args, passphrase=passphrase, **env)
        assert result.code == 0, (args, result.out, result.err)
        return result

    def add(self, text: str, *extra: str, passphrase: str = PASSPHRASE) -> str:
        out = self.ok("entry", "add", *extra, text, passphrase=passphrase).out
        return out.split()[2]  # "Saved entry <id> (...)"

    def entries(self, *args: str, passphrase: str = PASSPHRASE) -> list[dict]:
        result = self("entry", "list", "--json", *args, passphrase=passphrase)
        assert result.code == 0, result.err
        return json.loads(result.out)

    def texts(self, *args: str) -> list[str]:
        return sorted(e["text"] for e in self.entries(*args))

    def texts_with(self, passphrase: str) -> list[str]:
        return sorted(e["text"] for e in self.entries(passphrase=passphrase))

    def status(self) -> dict:
        return json.loads(self.ok("sync", "status", "--json").out)


def pair(tmp_path: Path) -> tuple[Device, Device, Path]:
    """A laptop with a journal that syncs through a folder, and a phone that joined it."""
    folder = tmp_path / "Sync" / "journal"
    laptop = Device(tmp_path / "laptop", "laptop")
    phone = Device(tmp_path / "phone", "phone")
    laptop.ok("init")
    laptop.add("Looked up three therapists near work")
    laptop.ok("sync", "setup", str(folder), "--device-name", "laptop")
    phone.ok("sync", "join", str(folder), "--device-name", "phone")
    return laptop, phone, folder


def folder_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def copy_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, dirs_exist_ok=True)

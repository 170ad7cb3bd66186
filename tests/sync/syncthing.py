"""Two real Syncthing instances on 127.0.0.1, for the sync tests (Debian's `syncthing`).

Discovery (global and local), relays, NAT traversal, usage reporting, crash reporting and
upgrades are all off; each instance knows the other by a static 127.0.0.1 address and
shares one folder with it. Their homes and folders are temp folders; ``stop`` ends them.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

FOLDER_ID = "tj-journal"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def available() -> bool:
    return shutil.which("syncthing") is not None


@dataclass
class Instance:
    home: Path
    folder: Path
    name: str
    gui_port: int = field(default_factory=free_port)
    listen_port: int = field(default_factory=free_port)
    api_key: str = ""
    device_id: str = ""
    process: subprocess.Popen | None = None

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(STNODEFAULTFOLDER="1", STNOUPGRADE="1", HOME=str(self.home))
        return env

    def generate(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            ["syncthing", "generate", f"--home={self.home}", "--no-default-folder",
             "--skip-port-probing"],
            capture_output=True, text=True, env=self.env(), timeout=60, check=True,
        )  # fmt: skip
        line = next(x for x in (done.stdout + done.stderr).splitlines() if "Device ID:" in x)
        self.device_id = line.split("Device ID:")[1].strip()
        self.api_key = f"tj-test-{self.name}-{os.getpid()}"

    def configure(self, peer: Instance) -> None:
        path = self.home / "config.xml"
        tree = ET.parse(path)
        root = tree.getroot()
        gui = root.find("gui")
        gui.find("address").text = f"127.0.0.1:{self.gui_port}"
        gui.find("apikey").text = self.api_key
        options = root.find("options")
        settings = {
            "listenAddress": f"tcp://127.0.0.1:{self.listen_port}",
            "globalAnnounceEnabled": "false",
            "localAnnounceEnabled": "false",
            "relaysEnabled": "false",
            "natEnabled": "false",
            "urAccepted": "-1",
            "urSeen": "3",
            "startBrowser": "false",
            "autoUpgradeIntervalH": "0",
            "crashReportingEnabled": "false",
            "reconnectionIntervalS": "1",
        }
        for tag, value in settings.items():
            element = options.find(tag)
            if element is None:
                element = ET.SubElement(options, tag)
            element.text = value
        for element in options.findall("globalAnnounceServer"):
            options.remove(element)
        device = ET.SubElement(root, "device", id=peer.device_id, name=peer.name,
                               compression="metadata", introducer="false")  # fmt: skip
        ET.SubElement(device, "address").text = f"tcp://127.0.0.1:{peer.listen_port}"
        folder = ET.SubElement(
            root, "folder", id=FOLDER_ID, label="journal", path=str(self.folder),
            type="sendreceive", rescanIntervalS="2", fsWatcherEnabled="true",
            fsWatcherDelayS="1", ignorePerms="false", autoNormalize="true",
        )  # fmt: skip
        for who in (self.device_id, peer.device_id):
            ET.SubElement(folder, "device", id=who, introducedBy="")
        ET.SubElement(folder, "minDiskFree", unit="%").text = "0"
        tree.write(path)
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / ".stfolder").mkdir(exist_ok=True)

    def start(self, log: Path) -> None:
        handle = open(log, "wb")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(
            ["syncthing", "serve", f"--home={self.home}", "--no-browser", "--no-restart",
             "--no-upgrade", "--logflags=0"],
            stdout=handle, stderr=subprocess.STDOUT, env=self.env(), start_new_session=True,
        )  # fmt: skip

    def api(self, path: str) -> dict:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}", headers={"X-API-Key": self.api_key}
        )
        with urllib.request.urlopen(request, timeout=5) as answer:  # noqa: S310 - loopback
            return json.loads(answer.read() or b"{}")

    def scan(self) -> None:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}/rest/db/scan?folder={FOLDER_ID}",
            method="POST",
            headers={"X-API-Key": self.api_key},
        )
        urllib.request.urlopen(request, timeout=10).close()  # noqa: S310 - loopback

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                self.api("/rest/system/ping")
                return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(f"Syncthing {self.name} did not start")

    def connected(self, peer: Instance) -> bool:
        connections = self.api("/rest/system/connections").get("connections", {})
        return bool(connections.get(peer.device_id, {}).get("connected"))

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def files_of(folder: Path) -> dict[str, bytes]:
    """The journal's files in a synced folder (Syncthing's own markers aside)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".stfolder" not in p.parts and ".stversions" not in p.parts
    }


class Pair:
    """Two Syncthing instances sharing one folder (``a.folder`` and ``b.folder``)."""

    def __init__(self, base: Path) -> None:
        self.a = Instance(base / "st-a", base / "folder-a", "laptop")
        self.b = Instance(base / "st-b", base / "folder-b", "phone")
        self.logs = base

    def __enter__(self) -> Pair:
        for one in (self.a, self.b):
            one.generate()
        self.a.configure(self.b)
        self.b.configure(self.a)
        try:
            for one in (self.a, self.b):
                one.start(self.logs / f"{one.name}.log")
            for one in (self.a, self.b):
                one.wait_ready()
            deadline = time.monotonic() + 60
            while not (self.a.connected(self.b) and self.b.connected(self.a)):
                if time.monotonic() > deadline:
                    raise TimeoutError("the two Syncthing instances never connected")
                time.sleep(0.3)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        for one in (self.a, self.b):
            one.stop()

    def settle(self, timeout: float = 90) -> None:
        """Wait until both folders hold the same files, and stay so for a moment."""
        deadline = time.monotonic() + timeout
        same_since: float | None = None
        while time.monotonic() < deadline:
            if files_of(self.a.folder) == files_of(self.b.folder):
                same_since = same_since or time.monotonic()
                if time.monotonic() - same_since > 3:
                    return
            else:
                same_since = None
                for one in (self.a, self.b):
                    with contextlib.suppress(OSError):
                        one.scan()
            time.sleep(0.5)
        a, b = files_of(self.a.folder), files_of(self.b.folder)
        raise TimeoutError(f"folders never matched: {sorted(set(a) ^ set(b))}")

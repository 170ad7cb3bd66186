"""Two devices writing at the same time, their folders carried by two real Syncthing
instances (Debian's `syncthing`, on 127.0.0.1, discovery, relays, NAT and reporting off).

Every acknowledged entry reaches both devices, and Syncthing never has to make a
`.sync-conflict` copy: no file is ever written by two devices.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tests.sync.helpers import Device
from tests.sync.syncthing import Pair, available, files_of

pytestmark = pytest.mark.slow


@pytest.fixture
def syncthing_pair(tmp_path: Path):
    if not available():
        if os.environ.get("CI"):
            pytest.fail("CI must have Syncthing: .ci/run installs Debian's package.")
        pytest.skip("Syncthing is not installed (apt-get install syncthing)")
    with Pair(tmp_path) as pair:
        yield pair


def test_two_devices_writing_at_once_lose_nothing_and_make_no_conflict_copies(
    tmp_path: Path, syncthing_pair: Pair
) -> None:
    st = syncthing_pair
    laptop = Device(tmp_path / "laptop", "laptop")
    phone = Device(tmp_path / "phone", "phone")
    laptop.ok("init")
    laptop.add("Written before syncing began")
    laptop.ok("sync", "setup", str(st.a.folder), "--device-name", "laptop")
    st.settle()
    phone.ok("sync", "join", str(st.b.folder), "--device-name", "phone")
    assert phone.texts() == ["Written before syncing began"]

    acknowledged: list[str] = []
    lock = threading.Lock()

    def write(device: Device, count: int) -> None:
        for i in range(count):
            text = f"{device.name} wrote {i} 🌿"
            if device("entry", "add", text).code == 0:
                with lock:
                    acknowledged.append(text)
            if i % 3 == 2:
                device.ok("sync", "now")  # the other device's files, as far as they came

    writers = [threading.Thread(target=write, args=(d, 8)) for d in (laptop, phone)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    for _ in range(2):  # let every file cross, take it in, and pass on what that made
        st.settle()
        laptop.ok("sync", "now")
        phone.ok("sync", "now")
    st.settle()

    assert len(acknowledged) == 16
    expected = sorted(["Written before syncing began", *acknowledged])
    assert laptop.texts() == phone.texts() == expected
    for folder in (st.a.folder, st.b.folder):
        names = list(files_of(folder))
        assert not [n for n in names if "sync-conflict" in n], names
    assert laptop.status()["problems"] == []

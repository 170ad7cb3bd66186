"""Kill a device with SIGKILL at random moments while it writes to the sync folder:
every entry it acknowledged reaches the other device, and no file of the folder ever
stops an exchange (a killed write leaves only a temp file, which readers skip)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.sync.helpers import pair

ROUNDS = int(os.environ.get("SYNC_KILL_ROUNDS", "12"))
REPO_ROOT = Path(__file__).resolve().parents[2]


def _run_and_kill(data_dir: Path, prefix: str, delay: float) -> list[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.sync_writer", str(data_dir), PASSPHRASE, prefix],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO_ROOT,
        text=True,
    )
    acks: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            if line.startswith("READY"):
                ready.set()
            elif line.startswith("ACK "):
                acks.append(line.split()[1])

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert ready.wait(60), proc.stderr.read() if proc.stderr else ""
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    reader.join(10)
    return acks


@pytest.mark.slow
def test_a_device_killed_while_writing_to_the_folder_loses_nothing(tmp_path: Path) -> None:
    seed = int(os.environ.get("KILL_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    laptop, phone, folder = pair(tmp_path)
    acknowledged: set[str] = set()
    for round_no in range(ROUNDS):
        acknowledged.update(_run_and_kill(laptop.data_dir, f"r{round_no}", rng.uniform(0, 0.8)))
        if round_no % 4 == 3:  # the other device reads what has come so far, mid-way
            result = phone("sync", "now")
            assert result.code == 0, f"seed {seed}: {result.err}"
    laptop.ok("sync", "now")  # the killed device writes whatever the folder lacks
    phone.ok("sync", "now")
    ids = {e["text"].split()[1] for e in phone.entries() if e["text"].startswith("entry ")}
    missing = acknowledged - ids
    assert not missing, f"seed {seed}: lost {sorted(missing)[:5]}"
    assert len(acknowledged) > ROUNDS, f"seed {seed}: the writer barely wrote"
    snapshots = list(folder.rglob("snapshot-*.tjs"))
    assert snapshots, "the device folded its changes into snapshots along the way"
    status = phone.status()
    # What a killed write left (a temp file, files a snapshot replaced) the device itself
    # cleared at its next exchange: the other device sees nothing amiss.
    assert status["problems"] == [] and status["unfinished_files"] == [], status

"""Kill a device with SIGKILL at random moments while it writes to the sync folder:
every entry it acknowledged reaches the other device, and no file of the folder ever
stops an exchange (a killed write leaves only a temp file, which readers skip)."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from tests.helpers.killing import run_and_kill
from tests.sync.helpers import pair

ROUNDS = int(os.environ.get("SYNC_KILL_ROUNDS", "12"))
WRITER = "tests.helpers.sync_writer"


@pytest.mark.slow
def test_a_device_killed_while_writing_to_the_folder_loses_nothing(tmp_path: Path) -> None:
    seed = int(os.environ.get("KILL_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    laptop, phone, folder = pair(tmp_path)
    acknowledged: set[str] = set()
    for round_no in range(ROUNDS):
        acks = run_and_kill(WRITER, laptop.data_dir, f"r{round_no}", rng.uniform(0, 0.8))
        acknowledged.update(acks)
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

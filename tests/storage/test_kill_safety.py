"""Kill the writing process with SIGKILL at random moments; every acknowledged entry survives."""

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

from journal_app.core.records import Entry
from journal_app.storage.datafile import generation_of
from journal_app.storage.repository import open_repository
from journal_app.storage.vault import DATA_FILE, Vault
from tests.conftest import PASSPHRASE

ROUNDS = int(os.environ.get("KILL_ROUNDS", "30"))
REPO_ROOT = Path(__file__).resolve().parents[2]


def run_and_kill(data_dir: Path, prefix: str, delay: float) -> list[str]:
    """Start the writer, SIGKILL it ``delay`` seconds after it is ready; return its acks."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.writer", str(data_dir), PASSPHRASE, prefix],
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
def test_sigkill_at_random_moments_loses_no_acknowledged_entry(data_dir: Path) -> None:
    seed = int(os.environ.get("KILL_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    Vault.create(data_dir, PASSPHRASE).close()
    acknowledged: set[str] = set()
    generations = set()
    for round_no in range(ROUNDS):
        acks = run_and_kill(data_dir, f"r{round_no}", rng.uniform(0.0, 0.6))
        acknowledged.update(acks)
        with open_repository(data_dir, PASSPHRASE) as repo:
            stored = {e.id for e in repo.all(Entry)}
        missing = acknowledged - stored
        assert not missing, f"seed {seed}, round {round_no}: lost {sorted(missing)[:5]}"
        assert not list(data_dir.glob(".*.tmp")), "open_repository tidies leftover temp files"
        generations.add(generation_of((data_dir / DATA_FILE).read_bytes()))
    assert len(acknowledged) > ROUNDS, f"seed {seed}: the writer barely wrote; test is weak"
    assert len(generations) > 3, "the log was compacted into new snapshots along the way"

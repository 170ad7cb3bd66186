"""Kill the writing process with SIGKILL at random moments; every acknowledged entry survives."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from journal_app.core.records import Entry
from journal_app.storage.datafile import generation_of
from journal_app.storage.repository import open_repository
from journal_app.storage.vault import DATA_FILE, Vault
from tests.conftest import PASSPHRASE
from tests.helpers.killing import run_and_kill

ROUNDS = int(os.environ.get("KILL_ROUNDS", "30"))


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_acknowledged_entry(data_dir: Path) -> None:
    seed = int(os.environ.get("KILL_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    Vault.create(data_dir, PASSPHRASE).close()
    acknowledged: set[str] = set()
    generations = set()
    for round_no in range(ROUNDS):
        acks = run_and_kill("tests.helpers.writer", data_dir, f"r{round_no}", rng.uniform(0.0, 0.6))
        acknowledged.update(acks)
        with open_repository(data_dir, PASSPHRASE) as repo:
            stored = {e.id for e in repo.all(Entry)}
        missing = acknowledged - stored
        assert not missing, f"seed {seed}, round {round_no}: lost {sorted(missing)[:5]}"
        assert not list(data_dir.glob(".*.tmp")), "open_repository tidies leftover temp files"
        generations.add(generation_of((data_dir / DATA_FILE).read_bytes()))
    assert len(acknowledged) > ROUNDS, f"seed {seed}: the writer barely wrote; test is weak"
    assert len(generations) > 3, "the log was compacted into new snapshots along the way"

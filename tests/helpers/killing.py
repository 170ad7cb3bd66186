"""Run a writer process, SIGKILL it at a chosen moment, and return what it acknowledged.

Used by the kill tests of the vault and of the sync folder. The writer (a module under
tests/helpers) prints READY once its journal is open, then ACK <id> after each durable
save; whatever it acknowledged must survive the kill.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.conftest import PASSPHRASE

REPO_ROOT = Path(__file__).resolve().parents[2]


def run_and_kill(writer: str, data_dir: Path, prefix: str, delay: float) -> list[str]:
    """Start ``writer`` (a module), SIGKILL it ``delay`` seconds after it is ready."""
    proc = subprocess.Popen(
        [sys.executable, "-m", writer, str(data_dir), PASSPHRASE, prefix],
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

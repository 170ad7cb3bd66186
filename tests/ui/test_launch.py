"""`journal-app` with no desktop client serves itself on 127.0.0.1 only and says where."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from journal_app.ui.launch import LOCALHOST, free_port, plan_launch


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on ``port`` (from /proc, IPv4 and IPv6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            address, port_hex = fields[1].rsplit(":", 1)
            if fields[3] == "0A" and int(port_hex, 16) == port:  # 0A = LISTEN
                found.add(address)
    return found


def test_headless_machine_plans_web_mode_on_localhost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    plan = plan_launch(force_web=False, host=LOCALHOST, port=0)
    assert plan.web and plan.host == "127.0.0.1" and plan.port > 0
    assert plan.url.startswith("http://127.0.0.1:")


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")
def test_plain_journal_app_serves_on_localhost_only(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(BROWSER="true", JOURNAL_APP_DATA_DIR=str(tmp_path), HOME=str(tmp_path))
    port = free_port(LOCALHOST)
    proc = subprocess.Popen(
        [sys.executable, "-m", "journal_app.cli", "ui", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        text=True,
        start_new_session=True,
    )
    try:
        first_line = proc.stdout.readline()  # type: ignore[union-attr]
        assert f"http://127.0.0.1:{port}/" in first_line, first_line
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as resp:
                    page = resp.read().decode("utf-8", "replace")
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the app never answered on 127.0.0.1")
        assert "flutter" in page.lower() or "flet" in page.lower()
        assert listening_addresses(port) == {"0100007F"}, listening_addresses(port)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(20)

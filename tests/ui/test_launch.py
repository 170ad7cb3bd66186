"""`journal-app` with no desktop client serves itself on 127.0.0.1 only and says where:
the one address that opens it, with this launch's secret; the desktop window's socket is
in a folder only this user can enter."""

from __future__ import annotations

import base64
import http.cookiejar
import os
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from journal_app.ui.launch import LOCALHOST, free_port, plan_launch, private_socket
from journal_app.ui.web_secret import SECRET_PARAM


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
    assert plan.url.startswith(f"http://127.0.0.1:{plan.port}/?{SECRET_PARAM}=")


@pytest.mark.skipif(sys.platform != "linux", reason="Flet's own web page is a Linux rule")
def test_where_flet_would_serve_its_own_unguarded_page_the_guarded_one_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A Wayland-only session (no DISPLAY) or FLET_FORCE_WEB_SERVER: ``ft.run`` would
    skip the window and serve a web page with none of the checks, on a port of its own."""
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    plan = plan_launch(force_web=False, host=LOCALHOST, port=0)
    assert plan.web and "web page of its own" in plan.reason
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("FLET_FORCE_WEB_SERVER", "true")
    plan = plan_launch(force_web=False, host=LOCALHOST, port=0)
    assert plan.web and "web page of its own" in plan.reason


def test_every_launch_has_a_fresh_secret_of_256_bits_kept_out_of_its_repr() -> None:
    plans = [plan_launch(force_web=True, host=LOCALHOST, port=0) for _ in range(3)]
    secrets_seen = {parse_qs(urlsplit(p.url).query)[SECRET_PARAM][0] for p in plans}
    assert len(secrets_seen) == 3
    for secret in secrets_seen:
        assert len(base64.urlsafe_b64decode(secret + "=")) == 32
    assert all(p.secret not in repr(p) for p in plans)  # never in a log or traceback


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
        assert f"http://127.0.0.1:{port}/?{SECRET_PARAM}=" in first_line, first_line
        printed = first_line.split(" is running at ", 1)[1].split()[0]
        secret = parse_qs(urlsplit(printed).query)[SECRET_PARAM][0]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
                pytest.fail("the clean address opened without the secret")
            except urllib.error.HTTPError as refused:
                assert refused.code == 403
                assert b"flutter" not in refused.read().lower()
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the app never answered on 127.0.0.1")
        # A browser: follows the redirect and keeps the cookie it sets.
        browser = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        with browser.open(printed, timeout=10) as resp:
            page = resp.read().decode("utf-8", "replace")
            assert resp.url == f"http://127.0.0.1:{port}/"  # the clean address
        assert "flutter" in page.lower() or "flet" in page.lower()
        assert listening_addresses(port) == {"0100007F"}, listening_addresses(port)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(20)
    rest = proc.stdout.read()  # type: ignore[union-attr]
    assert secret not in rest  # printed once, in the address line, and never logged


def test_the_desktop_window_socket_is_for_this_user_only(tmp_path: Path) -> None:
    """Flet's default is a short name right in the shared temp folder, with the umask's
    permissions. The window's socket goes in a fresh 0700 folder instead."""
    with private_socket() as path:
        folder = path.parent
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert folder.parent.resolve() != folder.resolve()
        with socket.socket(socket.AF_UNIX) as server:
            old = os.umask(0)  # the worst umask: the socket itself is open to everyone
            try:
                server.bind(str(path))
            finally:
                os.umask(old)
            server.listen()
            with socket.socket(socket.AF_UNIX) as me:
                me.connect(str(path))  # this user gets in
            system_python = Path("/usr/bin/python3")  # one another user may run
            if os.geteuid() == 0 and system_python.exists():  # as root, try as another user
                other = subprocess.run(
                    [str(system_python), "-c", CONNECT, str(path)],
                    user=65534,
                    cwd="/",
                    capture_output=True,
                    text=True,
                    timeout=30,
                )
                assert other.returncode != 0
                assert "PermissionError" in other.stderr
    assert not folder.exists()


CONNECT = "import socket, sys; socket.socket(socket.AF_UNIX).connect(sys.argv[1])"

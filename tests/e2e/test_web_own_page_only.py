"""The served app answers only its own page: no other website, no DNS rebinding.

Real server (the CLI in web mode), real sockets: raw HTTP requests and a raw websocket
upgrade handshake, checking the status line the server sends back. That the right Host
and Origin still work end to end is shown by the browser tests (test_app_lock.py).
"""

from __future__ import annotations

import base64
import http.client
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.e2e.app_server import served_app

EVIL = "http://evil.example"


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    with served_app(Path(tmp_path_factory.mktemp("own-page")) / "journal") as url:
        yield urlsplit(url).port  # type: ignore[misc]


def get(port: int, host: str | None, origin: str | None = None) -> tuple[int, dict[str, str]]:
    """A plain GET of the page with exactly the given Host (None: no Host header at all)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest("GET", "/", skip_host=True)
        if host is not None:
            conn.putheader("Host", host)
        if origin is not None:
            conn.putheader("Origin", origin)
        conn.endheaders()
        resp = conn.getresponse()
        resp.read()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}
    finally:
        conn.close()


def websocket_status(port: int, host: str, origin: str | None) -> int:
    """Send a websocket upgrade for Flet's socket and return the HTTP status answered."""
    key = base64.b64encode(os.urandom(16)).decode()
    lines = [
        "GET /ws HTTP/1.1",
        f"Host: {host}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {key}",
        "Sec-WebSocket-Version: 13",
    ]
    if origin is not None:
        lines.append(f"Origin: {origin}")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("ascii"))
        answer = b""
        while b"\r\n" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
    status_line = answer.split(b"\r\n", 1)[0].decode("latin-1")
    return int(status_line.split()[1])


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}"])
def test_own_name_gets_the_page_with_its_csp(port: int, host: str) -> None:
    status, headers = get(port, host.format(port=port))
    assert status == 200
    assert "default-src 'self'" in headers["content-security-policy"]


@pytest.mark.parametrize(
    "host",
    ["evil.example:{port}", "evil.example", "127.0.0.1:1", "127.0.0.1.evil.example:{port}", None],
)
def test_foreign_host_is_refused(port: int, host: str | None) -> None:
    """A DNS-rebinding page reaches 127.0.0.1 but under its own name: 403."""
    status, headers = get(port, host.format(port=port) if host else None)
    assert status == 403
    assert "default-src 'self'" in headers["content-security-policy"]


def test_a_request_from_another_site_is_refused(port: int) -> None:
    """A foreign page's fetch carries its Origin; our own page's carries ours, or none."""
    assert get(port, f"127.0.0.1:{port}", origin=EVIL)[0] == 403
    assert get(port, f"127.0.0.1:{port}", origin="null")[0] == 403
    assert get(port, f"127.0.0.1:{port}", origin=f"http://127.0.0.1:{port}")[0] == 200


def test_own_page_opens_the_websocket(port: int) -> None:
    assert websocket_status(port, f"127.0.0.1:{port}", f"http://127.0.0.1:{port}") == 101
    assert websocket_status(port, f"localhost:{port}", f"http://localhost:{port}") == 101


@pytest.mark.parametrize(
    "origin",
    [EVIL, "{evil}:{port}", "http://127.0.0.1:1", "https://127.0.0.1:{port}", "null", None],
)
def test_websocket_from_another_page_is_refused(port: int, origin: str | None) -> None:
    """Cross-site websocket hijacking: the right Host but a foreign (or no) Origin."""
    sent = origin.format(evil=EVIL, port=port) if origin else None
    assert websocket_status(port, f"127.0.0.1:{port}", sent) == 403


def test_websocket_after_dns_rebinding_is_refused(port: int) -> None:
    """A rebinding page is same-origin with itself, so both Host and Origin are foreign."""
    host = f"evil.example:{port}"
    assert websocket_status(port, host, f"http://{host}") == 403
    assert websocket_status(port, host, f"http://127.0.0.1:{port}") == 403

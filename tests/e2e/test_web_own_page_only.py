"""The served app answers only its own page: no other website, no DNS rebinding.

Real server (the CLI in web mode), real sockets: raw HTTP requests and a raw websocket
upgrade handshake, checking the status line the server sends back. Every request here
carries the cookie the launch secret gives (test_web_secret.py): these checks hold even
then. That the right Host and Origin still work end to end is shown by the browser tests
(test_app_lock.py).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.e2e import probe

EVIL = "http://evil.example"


@pytest.fixture(scope="module")
def served(shared_app) -> tuple[int, str]:
    """The port of the session's served app, and the cookie the printed address gives
    (these checks come on top of the launch secret: they hold even for a request that
    has the cookie)."""
    parts = urlsplit(shared_app.url)
    port = parts.port
    status, headers, _ = probe.get(port, parts.netloc, path=f"/?{parts.query}")
    assert status == 303
    return port, headers["set-cookie"].split(";", 1)[0]  # type: ignore[misc]


@pytest.fixture(scope="module")
def port(served: tuple[int, str]) -> int:
    return served[0]


@pytest.fixture(scope="module")
def cookie(served: tuple[int, str]) -> str:
    return served[1]


def get(port: int, host: str | None, origin: str | None = None, *, cookie: str):
    """A GET of the page with exactly the given Host and Origin, and the browser's cookie."""
    status, headers, _ = probe.get(port, host, origin, cookie=cookie)
    return status, headers


def websocket_status(port: int, host: str, origin: str | None, cookie: str) -> int:
    return probe.websocket_status(port, host, origin, cookie)


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}"])
def test_own_name_gets_the_page_with_its_csp(port: int, cookie: str, host: str) -> None:
    status, headers = get(port, host.format(port=port), cookie=cookie)
    assert status == 200
    assert "default-src 'self'" in headers["content-security-policy"]


@pytest.mark.parametrize(
    "host",
    ["evil.example:{port}", "evil.example", "127.0.0.1:1", "127.0.0.1.evil.example:{port}", None],
)
def test_foreign_host_is_refused(port: int, cookie: str, host: str | None) -> None:
    """A DNS-rebinding page reaches 127.0.0.1 but under its own name: 403."""
    status, headers = get(port, host.format(port=port) if host else None, cookie=cookie)
    assert status == 403
    assert "default-src 'self'" in headers["content-security-policy"]


def test_a_request_from_another_site_is_refused(port: int, cookie: str) -> None:
    """A foreign page's fetch carries its Origin; our own page's carries ours, or none."""
    assert get(port, f"127.0.0.1:{port}", origin=EVIL, cookie=cookie)[0] == 403
    assert get(port, f"127.0.0.1:{port}", origin="null", cookie=cookie)[0] == 403
    own = f"http://127.0.0.1:{port}"
    assert get(port, f"127.0.0.1:{port}", origin=own, cookie=cookie)[0] == 200


def test_own_page_opens_the_websocket(port: int, cookie: str) -> None:
    assert websocket_status(port, f"127.0.0.1:{port}", f"http://127.0.0.1:{port}", cookie) == 101
    assert websocket_status(port, f"localhost:{port}", f"http://localhost:{port}", cookie) == 101


@pytest.mark.parametrize(
    "origin",
    [EVIL, "{evil}:{port}", "http://127.0.0.1:1", "https://127.0.0.1:{port}", "null", None],
)
def test_websocket_from_another_page_is_refused(port: int, cookie: str, origin: str | None) -> None:
    """Cross-site websocket hijacking: the right Host but a foreign (or no) Origin."""
    sent = origin.format(evil=EVIL, port=port) if origin else None
    assert websocket_status(port, f"127.0.0.1:{port}", sent, cookie) == 403


def test_websocket_after_dns_rebinding_is_refused(port: int, cookie: str) -> None:
    """A rebinding page is same-origin with itself, so both Host and Origin are foreign."""
    host = f"evil.example:{port}"
    assert websocket_status(port, host, f"http://{host}", cookie) == 403
    assert websocket_status(port, host, f"http://127.0.0.1:{port}", cookie) == 403

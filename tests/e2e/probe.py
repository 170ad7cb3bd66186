"""Raw requests to the served app, as any program on this computer could send them.

No browser and no HTTP library that follows redirects or keeps cookies: the exact Host,
Origin and Cookie given, and the status line (and body) the server answers. Run as
``python -m tests.e2e.probe PORT`` it is a second process that is not the browser: it
sends the right Host and Origin but no secret to the page, an asset and the websocket,
and prints what came back as JSON.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import socket
import sys


def get(
    port: int,
    host: str | None,
    origin: str | None = None,
    *,
    path: str = "/",
    cookie: str | None = None,
) -> tuple[int, dict[str, str], bytes]:
    """A plain GET with exactly the given Host (None: no Host header at all)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest("GET", path, skip_host=True)
        if host is not None:
            conn.putheader("Host", host)
        if origin is not None:
            conn.putheader("Origin", origin)
        if cookie is not None:
            conn.putheader("Cookie", cookie)
        conn.endheaders()
        resp = conn.getresponse()
        body = resp.read()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body
    finally:
        conn.close()


def websocket(port: int, host: str, origin: str | None, cookie: str | None = None) -> bytes:
    """Send a websocket upgrade for Flet's socket; return all the server answered before
    closing or switching protocols (the status line, headers, any body)."""
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
    if cookie is not None:
        lines.append(f"Cookie: {cookie}")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("ascii"))
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
        if answer.startswith(b"HTTP/1.1 403"):  # the refusal's body, to the end
            sock.settimeout(2)
            try:
                while chunk := sock.recv(4096):
                    answer += chunk
            except TimeoutError:
                pass
    return answer


def websocket_status(port: int, host: str, origin: str | None, cookie: str | None = None) -> int:
    """The HTTP status answered to a websocket upgrade."""
    status_line = websocket(port, host, origin, cookie).split(b"\r\n", 1)[0].decode("latin-1")
    return int(status_line.split()[1])


def main(port: int) -> None:
    """Everything a local program without the secret would try, with the right names."""
    host, origin = f"127.0.0.1:{port}", f"http://127.0.0.1:{port}"
    found: dict[str, object] = {}
    for name, path in (
        ("page", "/"),
        ("index", "/index.html"),
        ("asset", "/main.dart.js"),
        ("bootstrap", "/flutter_bootstrap.js"),
        ("wrong_secret", "/?key=" + "A" * 43),
    ):
        status, _, body = get(port, host, origin, path=path)
        found[name] = [status, body.decode("latin-1")]
    answer = websocket(port, host, origin)
    found["websocket"] = [websocket_status(port, host, origin), answer.decode("latin-1")]
    print(json.dumps(found))


if __name__ == "__main__":
    main(int(sys.argv[1]))

"""Serving the app to a browser on this machine only, with nothing fetched from elsewhere.

Flet's web client is served from the installed flet-web package with ``no_cdn``, but the
client still tries a CDN on its own (a Rive animation runtime). A Content-Security-Policy
header on every response forbids the browser any connection except back to this server,
so nothing about the journal — not even the fact it was opened — leaves the machine.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from typing import Any

import flet as ft

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
ABANDONED_SESSION_SECONDS = 120  # a closed tab's session (already locked) is dropped soon


def content_security_policy(host: str, port: int) -> str:
    """Everything from this server; nothing from anywhere else."""
    origin = f"{host}:{port}"
    return "; ".join(
        [
            "default-src 'self'",
            # Flutter's bootstrap is inline and CanvasKit/Skwasm compile WebAssembly.
            "script-src 'self' 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval' blob:",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            f"connect-src 'self' ws://{origin} http://{origin} data: blob:",
            "worker-src 'self' blob:",
            "frame-src 'none'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


class SecurityHeaders:
    """ASGI middleware adding the CSP (and a no-referrer policy) to every HTTP response."""

    def __init__(self, app: Any, csp: str) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", csp.encode("ascii")),
            (b"referrer-policy", b"no-referrer"),
            (b"x-content-type-options", b"nosniff"),
        ]

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *self.headers]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def build_asgi_app(main: Callable[[ft.Page], None], host: str, port: int, assets_dir: str):
    """The Flet web app wrapped in the security headers."""
    import flet_web.fastapi

    inner = flet_web.fastapi.app(
        main,
        assets_dir=assets_dir,
        no_cdn=True,
        session_timeout_seconds=ABANDONED_SESSION_SECONDS,
    )
    return SecurityHeaders(inner, content_security_policy(host, port))


def serve(
    main: Callable[[ft.Page], None],
    host: str,
    port: int,
    assets_dir: str,
    open_browser: bool,
) -> None:
    """Run the server until interrupted."""
    import uvicorn

    app = build_asgi_app(main, host, port, assets_dir)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", ws="websockets-sansio")
    server = uvicorn.Server(config)
    if open_browser:
        webbrowser.open(f"http://{host}:{port}/")
    server.run()

"""Serving the app to a browser on this machine only, with nothing fetched from elsewhere.

Flet's web client is served from the installed flet-web package with ``no_cdn``, but the
client still tries a CDN on its own (a Rive animation runtime). A Content-Security-Policy
header on every response forbids the browser any connection except back to this server,
so nothing about the journal — not even the fact it was opened — leaves the machine.

Binding 127.0.0.1 keeps other machines out, but not other *websites*: any page the person
visits could open this server's websocket (cross-site websocket hijacking) or reach it
under its own name after a DNS rebinding. So every request must name this server as its
Host, and a websocket must come from this server's own page (its Origin).

Neither keeps out other programs on this computer, which can send any Host and Origin:
behind those checks, ``web_secret.BrowserGate`` answers only the browser that came with
the secret made at this launch (see there).
"""

from __future__ import annotations

import threading
import time
import webbrowser
from collections.abc import Callable
from typing import Any

import flet as ft

from journal_app.ui.web_secret import BrowserGate, address, new_secret, refuse_http

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
WILDCARD_HOSTS = ("0.0.0.0", "::", "")
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


def host_names(host: str, port: int) -> frozenset[str]:
    """The Host headers that mean this server: its loopback names, and the address it was
    asked to bind if that is a real one (a wildcard bind has no single name to allow)."""
    names = {"127.0.0.1", "localhost", "[::1]"}
    if host not in WILDCARD_HOSTS and host not in LOCAL_HOSTS:
        names.add(f"[{host}]" if ":" in host else host.lower())
    return frozenset(f"{name}:{port}" for name in names)


def own_origins(host: str, port: int) -> frozenset[str]:
    """The Origins of this server's own page, the only page allowed to open the websocket."""
    return frozenset(f"http://{name}" for name in host_names(host, port))


class OwnPageOnly:
    """ASGI middleware: 403 for any request not addressed to this server by its own name,
    and for any websocket not opened by this server's own page.

    Browsers send Host on every request and Origin on every websocket and cross-site
    request, and a foreign page cannot forge either. A top-level page load carries no
    Origin, so an HTTP request without one needs only the right Host.
    """

    def __init__(self, app: Any, host: str, port: int) -> None:
        self.app = app
        self.hosts = host_names(host, port)
        self.origins = own_origins(host, port)

    def allowed(self, scope: dict) -> bool:
        """Whether this request comes from this server's own page (or a direct visit)."""
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1").strip().lower()
        if host not in self.hosts:
            return False
        origin = headers.get(b"origin")
        if origin is None:  # a page load or a same-origin fetch; never a websocket
            return scope["type"] != "websocket"
        return origin.decode("latin-1").strip().lower() in self.origins

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] not in ("http", "websocket") or self.allowed(scope):
            await self.app(scope, receive, send)
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})  # before accept: a 403
        else:
            await refuse_http(send, OWN_PAGE_REFUSED)


OWN_PAGE_REFUSED = b"This journal only answers its own page, opened on this computer.\n"


# Flutter's web client keeps its accessibility tree off until a hidden "Enable
# accessibility" placeholder is pressed: a screen-reader user would first have to find it.
# This switches it on as soon as the placeholder appears. It also names the engine's
# range inputs by the label it puts on their parent (the engine leaves them unnamed).
SEMANTICS_ON_SCRIPT = """<script>
(function () {
  function tidy() {
    var placeholder = document.querySelector("flt-semantics-placeholder");
    if (placeholder && !placeholder.dataset.pressed) {
      placeholder.dataset.pressed = "1";
      placeholder.click();
    }
    document.querySelectorAll("flt-semantics > input[type=range]:not([aria-labelledby])")
      .forEach(function (input) {
        var owner = input.parentElement;
        if (owner.id && owner.getAttribute("aria-label")) {
          input.setAttribute("aria-labelledby", owner.id);
        }
      });
  }
  new MutationObserver(tidy).observe(document.documentElement,
    {childList: true, subtree: true});
})();
</script>"""


def with_semantics_on(html: bytes) -> bytes:
    """The client's index page with the accessibility tree switched on by itself."""
    marker = b"</head>"
    if marker not in html:
        return html
    return html.replace(marker, SEMANTICS_ON_SCRIPT.encode("utf-8") + marker, 1)


class SemanticsOn:
    """ASGI middleware rewriting the client's index page (see ``with_semantics_on``)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path not in ("/", "/index.html"):
            await self.app(scope, receive, send)
            return
        start: dict = {}
        chunks: list[bytes] = []

        async def collect(message: dict) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            headers = [
                (k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"
            ]
            if any(k.lower() == b"content-type" and b"text/html" in v for k, v in headers):
                body = with_semantics_on(body)
            headers.append((b"content-length", str(len(body)).encode("ascii")))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, collect)


def build_asgi_app(
    main: Callable[[ft.Page], None],
    host: str,
    port: int,
    assets_dir: str,
    secret: str,
    opener: str | None = None,
):
    """The Flet web app behind the own-page check and the launch secret (and ``opener``,
    good once), wrapped in the security headers (so a 403 carries the CSP too)."""
    import flet_web.fastapi

    inner = flet_web.fastapi.app(
        main,
        assets_dir=assets_dir,
        no_cdn=True,
        session_timeout_seconds=ABANDONED_SESSION_SECONDS,
    )
    gate = BrowserGate(SemanticsOn(inner), secret, port, once=opener)
    guarded = OwnPageOnly(gate, host, port)
    return SecurityHeaders(guarded, content_security_policy(host, port))


def serve(
    main: Callable[[ft.Page], None],
    host: str,
    port: int,
    assets_dir: str,
    secret: str,
    open_browser: bool,
) -> None:
    """Run the server until interrupted.

    The browser the app opens gets an address with a secret of its own that works once:
    a browser started with it keeps it in its command line, which other users can read
    in the process list, so it is spent by the time they could. The printed address,
    seen only in the person's terminal, works for the whole launch.
    """
    import uvicorn

    opener = new_secret() if open_browser else None
    app = build_asgi_app(main, host, port, assets_dir, secret, opener)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        ws="websockets-sansio",
        access_log=False,  # an access line would carry the secret of the first request
    )
    server = uvicorn.Server(config)
    if opener:
        threading.Thread(
            target=open_when_listening,
            args=(server, address(host, port, opener)),
            name="open-browser",
            daemon=True,
        ).start()
    server.run()


def open_when_listening(server: Any, url: str, timeout: float = 60) -> None:
    """Open the browser once the server answers: a browser named in $BROWSER is waited
    for by ``webbrowser``, and one opened before the server listens finds nothing."""
    deadline = time.monotonic() + timeout
    while not server.started:
        if server.should_exit or time.monotonic() > deadline:
            return
        time.sleep(0.05)
    webbrowser.open(url)

"""The served app answers only the browser it opened: a secret made at each launch.

Binding 127.0.0.1 and checking Host and Origin keep other machines and other websites
out, but not other programs on this computer: any local user could send the right Host
and Origin, read the lock screen, guess passphrases and, through the throttle, lock the
real person out. So every launch makes a fresh random secret (256 bits). Only the address
the app prints carries it; the browser the app opens gets one of its own that works once
(``web_server.serve``). The first request with it is answered by a redirect
to the clean address that sets a cookie naming this browser (HttpOnly, SameSite=Strict,
Path=/, no Domain; its name carries the port, as cookies are not kept apart by port).
Every request after that must carry the cookie; anything else gets a short 403 and no
byte of the app: no page, no asset, no websocket.

The secret lives only in this process's memory and in the one address line printed
for the person; it is never logged or written to a file. Cookies hold a token of their
own per browser (not the secret), so each browser that swapped the secret is one
*browser session*: the lock screen's throttle counts wrong passphrases per browser
session (``current_browser``), across its tabs and reloads, so nobody who lacks the
secret can make the real person wait.
"""

from __future__ import annotations

import contextvars
import hashlib
import hmac
import secrets
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

SECRET_PARAM = "key"  # the query parameter of the printed address
SECRET_BYTES = 32  # 256 bits, well above the 128 asked for
REFUSED_BODY = b"This journal only answers the browser it opened. Use the address it printed.\n"

# Which browser session (an opaque id, not its cookie) the current websocket belongs to.
# Set by the gate for the websocket's task; Flet runs ``main(page)`` in a task made from
# it, so the app's session reads it there (see ``current_browser``).
_BROWSER: contextvars.ContextVar[str | None] = contextvars.ContextVar("browser", default=None)


def new_secret() -> str:
    """A fresh launch secret, URL-safe."""
    return secrets.token_urlsafe(SECRET_BYTES)


def address(host: str, port: int, secret: str) -> str:
    """The one address that opens the app: the launch secret rides in its query."""
    name = f"[{host}]" if ":" in host else host
    return f"http://{name}:{port}/?{SECRET_PARAM}={secret}"


def cookie_name(port: int) -> str:
    """One cookie per port: two journals served side by side keep their own."""
    return f"journal_app_{port}"


def current_browser() -> str | None:
    """The browser session serving the current page (None: not through the gate, e.g.
    the desktop window, which is one person's own window)."""
    return _BROWSER.get()


def _digest(value: str) -> bytes:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).digest()


class BrowserGate:
    """ASGI middleware: the secret swapped for a cookie; without either, a 403.

    Tokens are kept as their SHA-256 digests: looking one up then reveals nothing about
    any token through timing, and the secret is compared with ``hmac.compare_digest``.
    """

    def __init__(self, app: Any, secret: str, port: int, *, once: str | None = None) -> None:
        self.app = app
        self._secret = secret.encode("ascii")
        # A second secret that opens the app once: the one given to the browser the app
        # starts, whose command line other users can read (see web_server.serve).
        self._once = {_digest(once)} if once else set()
        self.cookie = cookie_name(port)
        self._browsers: dict[bytes, str] = {}  # token digest -> browser session id
        self._guard = threading.Lock()

    # --- who is asking -------------------------------------------------------------------

    def _cookie_token(self, headers: list[tuple[bytes, bytes]]) -> str | None:
        """Our cookie's value, read by hand: other programs' cookies for 127.0.0.1 come
        along (cookies are not kept apart by port), and ``http.cookies`` stops at the
        first one it finds malformed, which would lock the person out."""
        for name, value in headers:
            if name.lower() != b"cookie":
                continue
            for pair in value.decode("latin-1").split(";"):
                key, _, token = pair.strip().partition("=")
                if key == self.cookie:
                    return token.strip()
        return None

    def browser_of(self, headers: list[tuple[bytes, bytes]]) -> str | None:
        """The browser session whose cookie this request carries (None: no valid one)."""
        token = self._cookie_token(headers)
        if not token:
            return None
        with self._guard:
            return self._browsers.get(_digest(token))

    def holds_secret(self, query_string: bytes) -> bool | None:
        """Whether the query carries the launch secret (None: it carries no secret)."""
        values = parse_qs(query_string.decode("latin-1")).get(SECRET_PARAM)
        if not values:
            return None
        offered = values[0].encode("utf-8", "surrogatepass")
        if hmac.compare_digest(offered, self._secret):
            return True
        with self._guard:  # a digest lookup: its timing says nothing about the secret
            spent = _digest(values[0])
            if spent in self._once:
                self._once.discard(spent)
                return True
        return False

    def _new_browser(self) -> str:
        token = secrets.token_urlsafe(SECRET_BYTES)
        with self._guard:
            self._browsers[_digest(token)] = secrets.token_hex(8)
        return token

    # --- answering -----------------------------------------------------------------------

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = scope.get("headers") or []
        browser = self.browser_of(headers)
        offered = self.holds_secret(scope.get("query_string", b""))
        if scope["type"] == "http" and offered is not None:
            if not offered:
                await refuse_http(send)
            else:
                await self._swap(send, keep=browser is not None)
            return
        if browser is None:
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})  # before accept: 403
            else:
                await refuse_http(send)
            return
        token = _BROWSER.set(browser)
        try:
            await self.app(scope, receive, send)
        finally:
            _BROWSER.reset(token)

    async def _swap(self, send: Callable, *, keep: bool) -> None:
        """Redirect to the clean address (the secret leaves the address bar and history),
        setting this browser's cookie; a browser that already has one keeps it, and with
        it its throttle. Always to ``/``: the printed address is the only one with a
        secret, and a path taken from the request could lead off this server."""
        headers = [
            (b"location", b"/"),
            (b"cache-control", b"no-store"),
            (b"content-length", b"0"),
        ]
        if not keep:
            cookie = f"{self.cookie}={self._new_browser()}; Path=/; HttpOnly; SameSite=Strict"
            headers.append((b"set-cookie", cookie.encode("ascii")))
        await send({"type": "http.response.start", "status": 303, "headers": headers})
        await send({"type": "http.response.body", "body": b""})


async def refuse_http(send: Callable, body: bytes = REFUSED_BODY) -> None:
    """A short, plain 403 that says nothing about the journal."""
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode("ascii")),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})

"""Choosing how to show the app: a desktop window where one can open, else a local web page.

Flet's desktop client for Linux is downloaded on first use, so on a headless machine or
one without internet it cannot start. Then the app serves itself to a browser, on
127.0.0.1 only (anyone else on the network must never reach a journal), with no CDN,
and only to the browser that comes with this launch's secret (``web_secret``).

The desktop window talks to this process over Flet's own socket, not HTTP, so it cannot
carry a secret in an address; it gets the same guarantee from the system instead: the
socket lives in a fresh folder only this user can enter (0700, a random name), which the
window is given as its address. On Windows Flet would use a TCP port on localhost that
any program could connect to, so there the app is served to the browser, with the secret.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sys
import tempfile
import webbrowser
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from journal_app.ui.web_secret import address, new_secret

LOCALHOST = "127.0.0.1"
FLET_SOCKET_ENV = "FLET_SERVER_UDS_PATH"  # where Flet's desktop transport listens


@dataclass(frozen=True)
class LaunchPlan:
    """How and where the app will run."""

    web: bool
    host: str
    port: int
    reason: str
    # Made fresh for every plan; kept out of repr so it never lands in a log or traceback.
    secret: str = field(default_factory=new_secret, repr=False)

    @property
    def url(self) -> str:
        """The address to print and open: it carries this launch's secret."""
        return address(self.host, self.port, self.secret)


def has_display() -> bool:
    """Whether a window could be shown at all."""
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def desktop_client_available() -> bool:
    """Whether Flet's desktop client is already on this machine (no download needed)."""
    try:
        import flet_desktop
        from flet_desktop.version import version
    except ImportError:
        return False
    bundled = Path(flet_desktop.get_package_bin_dir())
    if bundled.is_dir() and any(bundled.iterdir()):
        return True
    cache = Path.home() / ".flet" / "client"
    return cache.is_dir() and any(version in p.name for p in cache.iterdir())


def flet_serves_web_itself() -> bool:
    """Whether ``ft.run`` would serve its own web page instead of opening a window.

    Flet does that on Linux without ``DISPLAY`` (a Wayland-only session counts) or when
    ``FLET_FORCE_WEB_SERVER`` is set, on a port of its own with none of this app's
    checks (no secret, no Host or Origin check). The app's own guarded server is used
    then instead.
    """
    from flet.utils import get_bool_env_var, is_linux_server

    return bool(get_bool_env_var("FLET_FORCE_WEB_SERVER")) or is_linux_server()


def free_port(host: str) -> int:
    """A port nobody is using right now on ``host``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def plan_launch(force_web: bool, host: str, port: int) -> LaunchPlan:
    """Decide between a window and a local web page, and say why."""
    if force_web:
        reason = "web mode was asked for"
    elif not has_display():
        reason = "there is no screen to open a window on"
    elif flet_serves_web_itself():
        reason = "Flet would show the window as a web page of its own, open to any program"
    elif not desktop_client_available():
        reason = "the desktop window component is not installed"
    elif sys.platform == "win32":
        reason = "a desktop window on Windows would listen on a port any program could reach"
    else:
        return LaunchPlan(web=False, host=host, port=port, reason="desktop window")
    return LaunchPlan(web=True, host=host, port=port or free_port(host), reason=reason)


def browser_available() -> bool:
    """Whether a browser can be opened for the person (BROWSER=true means 'do nothing')."""
    try:
        webbrowser.get()
    except webbrowser.Error:
        return False
    return True


@contextlib.contextmanager
def private_socket() -> Iterator[Path]:
    """A path for the desktop window's socket in a fresh folder only this user can enter.

    Flet's default is a short random name directly in the shared temp folder, with the
    permissions the umask gives (with umask 0 any user could connect and drive the app).
    ``mkdtemp`` makes a 0700 folder with an unguessable name; the folder goes at the end.
    """
    base = os.environ.get("XDG_RUNTIME_DIR") or None
    if base and not os.path.isdir(base):
        base = None
    folder = Path(tempfile.mkdtemp(prefix="journal-app-", dir=base))
    try:
        yield folder / "window.sock"
    finally:
        shutil.rmtree(folder, ignore_errors=True)

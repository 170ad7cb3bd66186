"""Choosing how to show the app: a desktop window where one can open, else a local web page.

Flet's desktop client for Linux is downloaded on first use, so on a headless machine or
one without internet it cannot start. Then the app serves itself to a browser, on
127.0.0.1 only (anyone else on the network must never reach a journal), with no CDN.
"""

from __future__ import annotations

import os
import socket
import sys
import webbrowser
from dataclasses import dataclass
from pathlib import Path

LOCALHOST = "127.0.0.1"


@dataclass(frozen=True)
class LaunchPlan:
    """How and where the app will run."""

    web: bool
    host: str
    port: int
    reason: str

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"


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
    elif not desktop_client_available():
        reason = "the desktop window component is not installed"
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

"""A stand-in for the browser the app opens (``BROWSER="python -m tests.e2e.opener %s"``).

It does what a browser's first visit does, then what another user who read that browser's
command line (the process list) would do later: the same address again, without the
cookie. It prints only the statuses and a short digest of the secret it was given (never
the secret), to the app's own output, where the test reads them.
"""

from __future__ import annotations

import hashlib
import sys
import time
from urllib.parse import parse_qs, urlsplit

from tests.e2e.probe import get


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()[:12]


def main(url: str) -> None:
    parts = urlsplit(url)
    path = f"/?{parts.query}"
    deadline = time.monotonic() + 60
    while True:  # the browser is opened just before the server starts listening
        try:
            first, headers, _ = get(parts.port, parts.netloc, path=path)  # type: ignore[arg-type]
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    again, _, _ = get(parts.port, parts.netloc, path=path)  # type: ignore[arg-type]
    cookie = "set-cookie" in headers
    secret = parse_qs(parts.query)["key"][0]
    print(f"opener: first={first} cookie={cookie} again={again} key={digest(secret)}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])

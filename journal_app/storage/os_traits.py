"""What the operating system under the vault can and cannot do with files.

Windows differs from the POSIX systems (Linux, Android, macOS, iOS) in three ways that
matter to an all-or-nothing write and to keeping two openers apart:

- a folder cannot be opened to be fsynced (``os.open`` on one raises PermissionError,
  and there is no ``O_DIRECTORY``), so the folder step of a durable write is skipped;
- a file that another process holds open cannot be replaced (an indexer or a virus
  scanner may hold one for a moment), so a replace is retried briefly, and the vault
  does not keep its change log open between units of work;
- there is no ``flock``; a byte-range lock (``msvcrt.locking``) takes its place;
- a descriptor from ``os.open`` is in text mode unless ``O_BINARY`` is asked for, and
  every newline byte written through it would gain a carriage return (``BINARY``).

Each answer is one small function read at the moment it matters, so a test on Linux can
substitute Windows' answer (``monkeypatch.setattr(os_traits, "is_windows", ...)``) and
exercise the logic that follows from it.
"""

from __future__ import annotations

import os

# Or-ed into the flags of every ``os.open`` that writes: 0 where the distinction is unknown.
BINARY: int = getattr(os, "O_BINARY", 0)


def is_windows() -> bool:
    """True on Windows (the one platform without POSIX file semantics we ship to)."""
    return os.name == "nt"


def can_fsync_folders() -> bool:
    """Whether a folder can be opened and fsynced to make a rename in it durable."""
    return not is_windows() and hasattr(os, "O_DIRECTORY")


def open_files_block_replace() -> bool:
    """Whether a file held open by anyone cannot be replaced or removed meanwhile."""
    return is_windows()

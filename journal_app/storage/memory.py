"""Letting the memory a journal used go back to the system after it is let go.

Unlocking handles a few blocks of about the journal's size at once (the file's bytes,
the plaintext, a table's JSON text: ~21 MB each at thirty years). glibc's allocator
serves blocks that large with their own ``mmap`` and returns them when freed, but the
first time it frees one it raises its threshold to that block's size (up to 32 MB) and
its trimming threshold to twice that. From then on every block of the next unlock comes
from the ordinary heap, and up to ~45 MB freed there stays with the process. Measured at
thirty years: a second unlock in one process peaked at 151 MB (the key derivation's 64 MiB
on top of what the previous journal left behind), and reading the entries rose to ~98 MB
of resident memory instead of ~73 MB.

Fixing the threshold (``mallopt(M_MMAP_THRESHOLD, …)``, which also turns the adjusting
off) keeps large blocks returnable (second unlock: 117 MB), and trimming the heap when a
journal is closed (``give_back_freed``) hands back the rest (107 MB). The price: a later
unlock in the same process touches fresh pages instead of reusing the last journal's
(~11,000 page faults, ~15-20 ms of CPU at thirty years); the first unlock of a process,
every command line run, costs the same as before. Only glibc is touched; any other C
library (macOS, Android, musl) is left as it is, and a failure changes nothing.
"""

from __future__ import annotations

import ctypes
import os
from functools import cache

M_MMAP_THRESHOLD = -3  # glibc's <malloc.h>
# Blocks from 1 MiB up get their own mapping: the journal-sized buffers do, the many
# small objects (one entry's text is ~2 KB) stay in the heap as before.
MMAP_THRESHOLD = 1 << 20


@cache
def return_large_blocks() -> bool:
    """Ask glibc to keep giving large blocks back when freed; whether it agreed.

    Called before a journal is read. Cached: the setting is process-wide and one call
    is enough.
    """
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):  # e.g. "glibc 2.36"; absent elsewhere
            return False
        libc = ctypes.CDLL(None)
        return bool(libc.mallopt(ctypes.c_int(M_MMAP_THRESHOLD), ctypes.c_int(MMAP_THRESHOLD)))
    except (OSError, AttributeError, ValueError):
        return False


def give_back_freed() -> bool:
    """Hand the heap's free pages back to glibc's system (``malloc_trim``): called when a
    journal is closed, so the memory its records used does not stay with the process
    and sit under the next unlock's 64 MiB key derivation. Whether it ran."""
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):
            return False
        ctypes.CDLL(None).malloc_trim(ctypes.c_size_t(0))
        return True
    except (OSError, AttributeError, ValueError):
        return False

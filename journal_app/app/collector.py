"""Keeping Python's cycle collector off the journal while it is open.

An open journal holds every record decoded, and at thirty years that is some 200,000
objects. Python's full collections walk all of them, 30-80 ms each (measured in
process), and they came once or twice in every round of screens, stalling whichever
handler happened to allocate then: a tab or a search waited for them at random.

Once the journal has been read after unlocking, ``settle`` moves every object alive then
out of the collector's way (``gc.freeze``): they are still freed as usual when nothing
refers to them; only the periodic walk skips them, so later collections cover what was
made since (a few thousand objects, under a millisecond). ``release`` undoes it when the
journal locks and collects what the screens left. Settling once per unlock,
not after every change, keeps garbage made later out of the frozen set.
"""

from __future__ import annotations

import gc
import threading

_lock = threading.Lock()
_settled = False


def settle() -> None:
    """The journal is read and stays until locking: stop walking it (once per unlock)."""
    global _settled
    with _lock:
        if not _settled:
            gc.freeze()
            _settled = True


def release(*, collect_now: bool = True) -> None:
    """The journal locked: hand everything back to the collector, and collect now
    (or, with ``collect_now`` False, when the caller calls ``collect``).

    Screens' controls hold entries in their handlers, in reference cycles that only a
    full collection frees. Collecting at the lock frees that writing at once (rather
    than at some later collection), and keeps the walk out of the next unlock, which it
    slowed by ~100 ms at thirty years when left for it (an A/B in Chromium).
    """
    global _settled
    with _lock:
        gc.unfreeze()
        _settled = False
    if collect_now:
        collect()


def collect() -> None:
    """Free now what nothing refers to any more, cycles included (see ``release``)."""
    gc.collect()

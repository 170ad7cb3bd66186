"""Each record's version, kept in the vault beside the record (see ``core/sync_merge``).

Two tables of the vault's state, written in the same frame of the log as the record
they describe, so a record is never saved without its version or the other way round:

- ``_versions``: for ``"<table>/<record id>"``, the record's frontier as a list of
  versions. The version the journal shows keeps its document in the record's own table;
  any other (a version made apart on another device, or a deletion) carries its document
  with it (``"k"``), so a merge can always tell what each version held.
- ``_device``: this journal's device (a random id, how many changes it has made, its
  clock's last reading). A record with no version yet (written before versions existed)
  has the empty version, which any change covers.

Nothing here decides anything; the rules are the core's.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from journal_app.core.errors import VaultDamaged
from journal_app.core.sync_merge import Doc, Frontier, Key, Variant, Version

VERSIONS = "_versions"
DEVICE = "_device"
THIS_DEVICE = "this"


def version_key(key: Key) -> str:
    return f"{key[0]}/{key[1]}"


def key_of(stored: str) -> Key:
    table, _, record_id = stored.partition("/")
    return table, record_id


def new_device_id() -> str:
    return secrets.token_hex(8)


class DeviceState:
    """This journal's device: its id, its count of changes, its clock's last reading."""

    def __init__(self, doc: dict[str, Any] | None) -> None:
        doc = doc if isinstance(doc, dict) else {}
        device_id, count, stamp = doc.get("id"), doc.get("n", 0), doc.get("s", 0)
        self.id = device_id if isinstance(device_id, str) and device_id else new_device_id()
        self.count = count if isinstance(count, int) and count >= 0 else 0
        self.stamp = stamp if isinstance(stamp, int) and stamp >= 0 else 0
        self.extra = {k: v for k, v in doc.items() if k not in ("id", "n", "s")}

    def to_json(self) -> dict[str, Any]:
        return {**self.extra, "id": self.id, "n": self.count, "s": self.stamp}


def read_frontier(stored: Any, current_doc: Callable[[], Doc | None]) -> Frontier:
    """A record's frontier from its stored versions; the shown version's document comes
    from the record's table (``current_doc``). No stored versions: the record as it is,
    with the empty version (or nothing, if there is no such record)."""
    if stored is None:
        doc = current_doc()
        return () if doc is None else (Variant(Version(), doc),)
    try:
        items = stored["f"]
        variants = []
        shown: Doc | None = None
        for item in items:
            if "k" in item:
                doc = item["k"]
                if doc is not None and not isinstance(doc, dict):
                    raise ValueError("a version's record is not an object")
            elif item.get("x"):
                doc = None
            else:
                if shown is None:
                    shown = current_doc()
                doc = shown
            variants.append(Variant(Version.from_json(item), doc))
    except (KeyError, TypeError, ValueError) as exc:
        raise VaultDamaged(f"A record's version could not be read: {exc}") from exc
    return tuple(variants)


def stored_frontier(frontier: Frontier, shown: Variant | None, *, keep_shown: bool) -> dict:
    """What ``_versions`` keeps for a frontier: every version, with its document unless it
    is the one shown (whose document is in the record's table, unless ``keep_shown``: a
    record of a kind this app has no table for keeps its document here)."""
    items = []
    for variant in frontier:
        item = variant.version.to_json()
        if variant.doc is not None and (keep_shown or variant is not shown):
            item["k"] = variant.doc
        items.append(item)
    return {"f": items}

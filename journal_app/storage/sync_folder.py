"""The sync folder: sealed files in a folder the person's own sync engine keeps in step.

Syncthing, Dropbox, iCloud Drive, Nextcloud or a USB stick moves the files; this module
only reads and writes them. So that no engine ever sees two versions of one file, each
device writes only files of its own, in a folder named by its id, and never changes one
once written::

    DIR/key.tjs                        the wrapped data key (see ``sync_key``)
    DIR/<device id>/change-<N>.tjc     the device's N-th batch of changes
    DIR/<device id>/snapshot-<N>.tjs   everything it has said, through change N

A device from time to time writes a snapshot and then deletes its own older files (never
another device's). Every file is sealed under the journal's data key (AES-256-GCM) with a
header naming the format, the key, the device, the kind and the number as authenticated
data, so a file renamed, moved to another device's folder, cut short, altered or written
by another journal is told apart and never merged. The contents are compressed JSON.

Nothing in the folder is plain text: not the names of devices, not a date, not a record.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journal_app.core.errors import VaultDamaged
from journal_app.core.sync_merge import Key, Variant, Version
from journal_app.storage import sealed
from journal_app.storage.atomic import atomic_write, fsync_dir, remove_file
from journal_app.storage.keyed_file import KeyedFile, OtherKey, open_keyed, read_keyed, seal_keyed
from journal_app.storage.keyfile import UnlockedKey

SYNC_MAGIC = b"TJSYNC1\n"
SYNC_FORMAT = "tj-sync"
SYNC_VERSION = 1
CHANGE = "change"
SNAPSHOT = "snapshot"
SUFFIXES = {CHANGE: ".tjc", SNAPSHOT: ".tjs"}
NUMBER_DIGITS = 10
MAX_PLAIN_BYTES = 1024 * 1024 * 1024  # a file claiming more is refused, not inflated
DEVICE_ID = re.compile(r"^[0-9a-f]{16}$")
OUR_FILE = re.compile(r"^(change|snapshot)-(\d{10})\.(tjc|tjs)$")
TEMP_FILE = re.compile(
    r"(^\..*\.tmp$)|(^~syncthing~.*\.tmp$)|(^\.syncthing\..*\.tmp$)|(\.partial$)|(\.part$)"
    r"|(^\.~)|(\.download$)"
)
CONFLICT_COPY = re.compile(r"(sync-conflict|conflicted copy|conflict)", re.IGNORECASE)


def encode_changes(changes: list[tuple[Key, Variant]]) -> list[list[Any]]:
    """Versions as a sync file carries them: table, record id, version and document."""
    out = []
    for (table, record_id), variant in changes:
        item = variant.version.to_json()
        if variant.doc is not None:
            item["k"] = variant.doc
        out.append([table, record_id, item])
    return out


def decode_changes(raw: Any, what: str) -> list[tuple[Key, Variant]]:
    """The versions a sync file carries; VaultDamaged if any is not readable."""
    if not isinstance(raw, list):
        raise VaultDamaged(f"The {what} is unreadable.")
    found = []
    for item in raw:
        try:
            table, record_id, stored = item
            if not (isinstance(table, str) and isinstance(record_id, str)):
                raise ValueError("not a record's name")
            doc = stored.get("k")
            if doc is not None and not isinstance(doc, dict):
                raise ValueError("not a record")
            version = Version.from_json(stored)
        except (TypeError, ValueError, AttributeError) as exc:
            raise VaultDamaged(f"The {what} holds a change that is unreadable.") from exc
        if version.deleted != (doc is None):
            raise VaultDamaged(f"The {what} holds a change that is unreadable.")
        found.append(((table, record_id), Variant(version, doc)))
    return found


def file_name(kind: str, number: int) -> str:
    return f"{kind}-{number:0{NUMBER_DIGITS}d}{SUFFIXES[kind]}"


@dataclass(frozen=True)
class Problem:
    """A file in the sync folder that was not merged, and why (said by ``sync status``)."""

    path: str  # relative to the sync folder
    reason: str


@dataclass
class DeviceFiles:
    """What one device's folder holds: its snapshots and changes by number (and the temp
    files a write that was cut short left there)."""

    device: str
    snapshots: dict[int, Path] = field(default_factory=dict)
    changes: dict[int, Path] = field(default_factory=dict)
    temps: list[Path] = field(default_factory=list)

    @property
    def newest(self) -> int:
        return max([0, *self.snapshots, *self.changes])


@dataclass
class FolderListing:
    """The folder as found: every device's files, and everything that is not ours."""

    devices: dict[str, DeviceFiles] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unfinished: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Opened:
    """A sealed sync file opened: its header and its payload."""

    kind: str
    device: str
    number: int
    payload: dict[str, Any]


def _classify_stray(name: str) -> str:
    if CONFLICT_COPY.search(name):
        return "a copy the sync engine made when a file changed in two places; not merged"
    return "not a file of this journal's sync; left alone"


def list_folder(folder: Path) -> FolderListing:
    """Every device's files and every stray file, without opening any of them."""
    listing = FolderListing()
    try:
        top = sorted(os.scandir(folder), key=lambda e: e.name)
    except FileNotFoundError:
        return listing
    for entry in top:
        name = entry.name
        if name == KEY_NAME:
            continue
        if TEMP_FILE.search(name):
            listing.unfinished.append(Problem(name, "an unfinished or temporary file; ignored"))
            continue
        if entry.is_dir() and DEVICE_ID.match(name):
            listing.devices[name] = _device_files(folder, name, listing)
            continue
        if name.startswith(".st") or name in (".stfolder", ".stignore", ".stversions"):
            continue  # Syncthing's own markers
        listing.problems.append(Problem(name, _classify_stray(name)))
    return listing


def list_device(folder: Path, device: str) -> DeviceFiles:
    """One device's files (this device's own, before each save: no other folder is read)."""
    try:
        return _device_files(folder, device, FolderListing())
    except FileNotFoundError:
        return DeviceFiles(device)


def _device_files(folder: Path, device: str, listing: FolderListing) -> DeviceFiles:
    files = DeviceFiles(device)
    own = folder / device
    for entry in os.scandir(own):
        name = entry.name
        match = OUR_FILE.match(name)
        if match and SUFFIXES[match.group(1)] == "." + match.group(3) and entry.is_file():
            target = files.snapshots if match.group(1) == SNAPSHOT else files.changes
            target[int(match.group(2))] = own / name
        elif TEMP_FILE.search(name):
            files.temps.append(own / name)
            listing.unfinished.append(
                Problem(f"{device}/{name}", "an unfinished or temporary file; ignored")
            )
        else:
            listing.problems.append(Problem(f"{device}/{name}", _classify_stray(name)))
    listing.problems.sort(key=lambda p: p.path)
    listing.unfinished.sort(key=lambda p: p.path)
    return files


def seal_file(
    key: UnlockedKey,
    kind: str,
    device: str,
    number: int,
    payload: dict[str, Any],
    through: int = 0,
) -> bytes:
    """A change or snapshot, sealed; device and number are authenticated with it.
    ``through`` (also in the header) is how many changes of its device it includes, so the
    device can tell what it has already published without opening its own files."""
    plain = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    packed = zlib.compress(plain, 6)
    header = {
        "format": SYNC_FORMAT,
        "version": SYNC_VERSION,
        "key_id": key.key_id,
        "kind": kind,
        "device": device,
        "number": number,
        "through": through,
        "zlib": True,
        "size": len(packed),  # so a file still arriving is told from a damaged one
    }
    return sealed.seal(SYNC_MAGIC, header, key.data_key, packed)


def _cut_short(blob: bytes, what: str) -> None:
    """VaultDamaged saying so when ``blob`` is shorter than its header says (an engine
    still delivering it, or a copy that stopped part way), before the checksum fails."""
    start = len(SYNC_MAGIC) + 4
    if not blob.startswith(SYNC_MAGIC) or len(blob) < start:
        return
    header_len = int.from_bytes(blob[len(SYNC_MAGIC) : start], "big")
    try:
        size = json.loads(blob[start : start + header_len]).get("size")
    except (ValueError, AttributeError):
        return
    if isinstance(size, int) and len(blob) < start + header_len + sealed.NONCE_BYTES + size + 48:
        raise VaultDamaged(f"The {what} is cut short (perhaps still arriving); not merged yet.")


def read_header(blob: bytes, what: str) -> dict[str, Any]:
    """A sync file's header (checksum checked, nothing decrypted)."""
    _cut_short(blob, what)
    return sealed.parse(blob, SYNC_MAGIC, what).header


def open_file(blob: bytes, key: UnlockedKey, kind: str, device: str, number: int) -> Opened:
    """Open a sync file found as ``<device>/<kind>-<number>``; VaultDamaged with a plain
    reason if it is not exactly that (cut short, altered, another journal's, moved)."""
    what = f"{kind} {number} of device {device}"
    _cut_short(blob, what)
    parsed = sealed.parse(blob, SYNC_MAGIC, what)
    header = parsed.header
    if header.get("format") != SYNC_FORMAT or header.get("version") != SYNC_VERSION:
        raise VaultDamaged(f"The {what} is of an unknown format or version.")
    if header.get("key_id") != key.key_id:
        raise WrongKey(f"The {what} is sealed under another key.")
    if (header.get("kind"), header.get("device"), header.get("number")) != (kind, device, number):
        raise VaultDamaged(f"The {what} was renamed or moved from elsewhere.")
    try:
        packed = sealed.open_sealed(parsed, key.data_key)
    except sealed.InvalidTag as exc:
        raise VaultDamaged(f"The {what} was altered and cannot be trusted.") from exc
    payload = _inflate(packed, what) if header.get("zlib") else packed
    try:
        data = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise VaultDamaged(f"The {what} is unreadable.") from exc
    if not isinstance(data, dict):
        raise VaultDamaged(f"The {what} is unreadable.")
    return Opened(kind=kind, device=device, number=number, payload=data)


def _inflate(packed: bytes, what: str) -> bytes:
    inflater = zlib.decompressobj()
    try:
        plain = inflater.decompress(packed, MAX_PLAIN_BYTES)
    except zlib.error as exc:
        raise VaultDamaged(f"The {what} is unreadable.") from exc
    if inflater.unconsumed_tail or not inflater.eof:
        raise VaultDamaged(f"The {what} is larger than any journal; not opened.")
    return plain


class WrongKey(VaultDamaged):
    """A sync file sealed under another data key: another journal's, or written after the
    key was changed on another device."""


def write_file(folder: Path, device: str, kind: str, number: int, blob: bytes) -> Path:
    """Put a sealed file in this device's own folder, atomically (the engine sees it whole
    or not at all; our temp name is one engines and readers skip).

    A change file is not fsynced: the change itself is durable in the journal before it
    is written here, and a file a power cut left short is recognised (by its checksum
    and its header's size) and the change written again, so a save does not pay for two
    more fsyncs. A snapshot is durable before the files it replaces are deleted.
    """
    own = folder / device
    own.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = own / file_name(kind, number)
    atomic_write(path, blob, durable=kind == SNAPSHOT)
    return path


def remove_own(paths: list[Path]) -> None:
    """Delete this device's own files (superseded by a snapshot)."""
    folders = set()
    for path in paths:
        if remove_file(path):
            folders.add(path.parent)
    for folder in folders:
        fsync_dir(folder)


# --- the wrapped key ----------------------------------------------------------------------

KEY_NAME = "key.tjs"
KEY_MAGIC = b"TJSKEY2\n"
MAX_KEY_FILE = 1024 * 1024
_KEY_WHAT = "sync folder's key file"


@dataclass(frozen=True)
class SyncKey:
    """The folder's key file (see ``keyed_file``): the journal's key file, so a new
    device joins with the passphrase alone; when it was written (``epoch``); and, sealed,
    the keys it replaced, so a device that slept through a key rotation opens its own
    journal with the new passphrase."""

    found: KeyedFile

    @property
    def key_file(self) -> bytes:
        return self.found.key_file

    @property
    def key_id(self) -> str:
        return self.found.key_id

    @property
    def epoch(self) -> int:
        value = self.found.header.get("epoch", 0)
        return value if isinstance(value, int) else 0


def seal_sync_key(key: UnlockedKey, key_file: bytes, epoch: int, older: dict[str, bytes]) -> bytes:
    content = json.dumps({k: v.hex() for k, v in older.items()}).encode()
    header = {"format": "tj-sync-key", "version": 2, "epoch": epoch}
    return seal_keyed(KEY_MAGIC, key, key_file, header, content)


def read_sync_key(blob: bytes) -> SyncKey:
    return SyncKey(read_keyed(blob, KEY_MAGIC, _KEY_WHAT, MAX_KEY_FILE))


def open_sync_key(found: SyncKey, key: UnlockedKey) -> dict[str, bytes]:
    """The older keys the folder's key file carries, once it is shown to be written by a
    holder of ``key``; WrongKey if it holds another key."""
    try:
        plain = open_keyed(found.found, KEY_MAGIC, key)
    except OtherKey as exc:
        raise WrongKey(str(exc)) from None
    try:
        older = json.loads(plain)
        return {str(k): bytes.fromhex(v) for k, v in older.items()}
    except (TypeError, ValueError, AttributeError) as exc:
        raise VaultDamaged(f"The {_KEY_WHAT} is damaged.") from exc

"""The append-only change log beside the snapshot: why adding an entry costs the same at
one year as at thirty.

Rewriting and re-encrypting the whole journal on every change makes each new entry
slower than the last. Instead each change is sealed on its own and appended::

    MAGIC | header length (4) | header JSON (format, version, key_id, generation)
    then frames: length (4) | length xor 0xFFFFFFFF (4) | nonce (12) | ciphertext and tag

Each frame's associated data is the log header plus the frame's sequence number, so
frames cannot be altered, reordered or moved to another log. The generation ties the
log to one snapshot; the snapshot in turn names the log it replaced and how many frames
that log held, so a log left from before (a crash between the two renames) is recognised
as already inside the snapshot, and any other pairing is reported as damage. Version 2
logs are written only beside version 2 snapshots, so one beside an older-format snapshot
means that snapshot is an older copy put back. Deciding what a pairing means is the
vault's job; this module only reads and writes logs.

A frame cut short at the very end is a write the process did not finish (it was never
acknowledged) and is dropped; a complete frame that fails authentication is damage. The
length is written twice (plain and inverted) so a flipped bit in it reads as damage, not
as a harmless unfinished write. Cutting whole frames off the end (rolling the journal
back to an earlier moment) cannot be told from a crash; that is a known limit.
"""

from __future__ import annotations

import json
import os
import struct
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from journal_app.core.errors import VaultDamaged
from journal_app.storage import os_traits
from journal_app.storage.atomic import atomic_write, flush_to_disk
from journal_app.storage.keyfile import UnlockedKey
from journal_app.storage.sealed import NONCE_BYTES, canonical_json

LOG_MAGIC = b"TJLOG01\n"
LOG_FORMAT = "tj-vault-log"
LOG_VERSION = 2
READABLE_LOG_VERSIONS = (1, 2)
_LEN = struct.Struct(">I")
_FRAME_HEAD = struct.Struct(">II")
_SEQ = struct.Struct(">Q")
MAX_FRAME_BYTES = 256 * 1024 * 1024


HEADER_SEAL_BYTES = NONCE_BYTES + 16


def _header_fields(key: UnlockedKey, generation: str, version: int) -> bytes:
    header = canonical_json(
        {"format": LOG_FORMAT, "version": version, "key_id": key.key_id,
         "generation": generation}
    )  # fmt: skip
    return LOG_MAGIC + _LEN.pack(len(header)) + header


def log_header(key: UnlockedKey, generation: str, version: int = LOG_VERSION) -> bytes:
    """The bytes a log file starts with: the header and a tag proving it is ours.

    The tag (GCM over nothing, with the header as associated data) means a damaged
    generation cannot pass for a harmless stale log. ``version`` 1 is only for a log
    continued beside a version 1 snapshot, until the next compaction upgrades both.
    """
    fields = _header_fields(key, generation, version)
    nonce = os.urandom(NONCE_BYTES)
    return fields + nonce + AESGCM(key.data_key).encrypt(nonce, b"", fields)


def _check_header_seal(blob: bytes, fields_end: int, key: UnlockedKey) -> int:
    """Verify the header's tag; return where the frames start."""
    seal_end = fields_end + HEADER_SEAL_BYTES
    seal = blob[fields_end:seal_end]
    if len(seal) < HEADER_SEAL_BYTES:
        raise VaultDamaged("The journal's change log is cut short.")
    try:
        AESGCM(key.data_key).decrypt(seal[:NONCE_BYTES], seal[NONCE_BYTES:], blob[:fields_end])
    except InvalidTag as exc:
        raise VaultDamaged("The journal's change log has a damaged header.") from exc
    return seal_end


@dataclass
class LogState:
    """What reading a log found: the changes, and where the next frame goes."""

    ops: list[bytes]
    valid_end: int  # byte offset just after the last complete, authentic frame
    header: bytes
    generation: str = ""
    version: int = LOG_VERSION


def read_log(path: Path, key: UnlockedKey) -> LogState | None:
    """Decrypt every frame of the log at ``path``; None if there is no log.

    Whether the log belongs to the snapshot beside it is for the caller to decide.
    """
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        return None
    if not blob.startswith(LOG_MAGIC) or len(blob) < len(LOG_MAGIC) + _LEN.size:
        raise VaultDamaged("The journal's change log is damaged.")
    (header_len,) = _LEN.unpack_from(blob, len(LOG_MAGIC))
    fields_end = len(LOG_MAGIC) + _LEN.size + header_len
    frames_start = _check_header_seal(blob, fields_end, key)
    try:
        header = json.loads(blob[len(LOG_MAGIC) + _LEN.size : fields_end])
    except (UnicodeDecodeError, ValueError) as exc:
        raise VaultDamaged("The journal's change log has a damaged header.") from exc
    if (
        not isinstance(header, dict)
        or header.get("key_id") != key.key_id
        or header.get("format") != LOG_FORMAT
    ):
        raise VaultDamaged("The journal's change log belongs to a different journal.")
    version, generation = header.get("version"), header.get("generation")
    if version not in READABLE_LOG_VERSIONS or not isinstance(generation, str):
        raise VaultDamaged("The journal's change log is of an unknown format or version.")
    state = _read_frames(blob, frames_start, blob[:frames_start], key)
    state.generation, state.version = generation, version
    return state


def log_position(path: Path, key: UnlockedKey) -> tuple[str, int] | None:
    """(generation, number of changes) of the log on disk; None if missing or unreadable.

    A compaction records this in the new snapshot, so a log a crash leaves behind can be
    recognised later. An unreadable log is treated as absent: it is being replaced.
    """
    try:
        found = read_log(path, key)
    except VaultDamaged:
        return None
    return None if found is None else (found.generation, len(found.ops))


def _read_frames(blob: bytes, offset: int, header: bytes, key: UnlockedKey) -> LogState:
    aes = AESGCM(key.data_key)
    ops: list[bytes] = []
    seq = 0
    while offset < len(blob):
        if offset + _FRAME_HEAD.size > len(blob):
            break  # a torn length field: an unfinished, unacknowledged write
        length, check = _FRAME_HEAD.unpack_from(blob, offset)
        start, end = offset + _FRAME_HEAD.size, offset + _FRAME_HEAD.size + length
        if check != length ^ 0xFFFFFFFF or not NONCE_BYTES + 16 <= length <= MAX_FRAME_BYTES:
            raise VaultDamaged("The journal's change log is damaged.")
        if end > len(blob):
            break  # a torn frame at the tail
        frame = blob[start:end]
        try:
            ops.append(
                aes.decrypt(frame[:NONCE_BYTES], frame[NONCE_BYTES:], header + _SEQ.pack(seq))
            )
        except InvalidTag as exc:
            raise VaultDamaged("The journal's change log was altered.") from exc
        offset, seq = end, seq + 1
    return LogState(ops=ops, valid_end=offset, header=header)


def seal_frame(key: UnlockedKey, header: bytes, seq: int, plaintext: bytes) -> bytes:
    """One frame, ready to append."""
    nonce = os.urandom(NONCE_BYTES)
    body = nonce + AESGCM(key.data_key).encrypt(nonce, plaintext, header + _SEQ.pack(seq))
    return _FRAME_HEAD.pack(len(body), len(body) ^ 0xFFFFFFFF) + body


class LogWriter:
    """Appends frames durably: write, flush, fsync, then the change counts as saved."""

    def __init__(self, path: Path, key: UnlockedKey, state: LogState) -> None:
        self.path = path
        self.key = key
        self.header = state.header
        self.seq = len(state.ops)
        self.size = max(state.valid_end, 0)
        self._fd: int | None = None
        self._start_end = state.valid_end

    def _open(self) -> int:
        if self._fd is None:
            if self._start_end == 0:
                # No log for this snapshot yet (or a stale one): start it atomically, so a
                # crash here leaves either no log or a whole header, never half of one.
                atomic_write(self.path, self.header)
                self._start_end = self.size = len(self.header)
            fd = os.open(self.path, os.O_RDWR | os_traits.BINARY, 0o600)
            if os.fstat(fd).st_size != self._start_end:
                os.ftruncate(fd, self._start_end)  # drop a torn tail before appending
                flush_to_disk(fd)
            os.lseek(fd, 0, os.SEEK_END)
            self._fd = fd
        return self._fd

    def append(self, plaintext: bytes) -> None:
        fd = self._open()
        frame = seal_frame(self.key, self.header, self.seq, plaintext)
        written = 0
        try:
            while written < len(frame):
                written += os.write(fd, frame[written:])
            flush_to_disk(fd)
        except BaseException:
            # A disk that filled up mid-frame leaves part of it behind. Forget the
            # descriptor; the next append reopens and cuts the file back to the last
            # whole frame, so a later frame never lands after torn bytes.
            self.close()
            self._start_end = self.size
            raise
        self.seq += 1
        self.size += len(frame)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def pause(self) -> None:
        """Let go of the file between units of work, keeping the place to append at.

        Where a file held open cannot be replaced (Windows), a log kept open by the app
        for hours would stop every other process from compacting the journal. The next
        append reopens it at the end of the last whole frame written here (another
        process's change in between makes the vault drop this writer before that).
        """
        if self._fd is not None:
            self.close()
            self._start_end = self.size

"""The zip Day One makes when you export (a phone's file picker hands over that zip).

Inside are one JSON file per journal ("Journal.json", or the journal's name) and folders of
photos and other media, which the journal does not keep. Only the JSON files are read, and
only within limits, because a zip is someone else's file: a "zip bomb" (a few kilobytes
that inflate to gigabytes), names that point outside the zip ("../x", "/etc/x"), a zip with
no JSON, a damaged or password-protected one are each refused with one plain line and
nothing is brought in. Nothing is ever written to disk: the JSON is read into memory.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath
from typing import BinaryIO

from journal_app.core.importers import ImportFormatError

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
MAX_JSON_BYTES = 512 * 1024 * 1024  # all the JSON in one zip, as for a JSON file alone
MAX_MEMBERS = 200_000  # photos included; Day One's biggest exports hold tens of thousands
# JSON compresses about ten to one; far beyond that on a big file is a bomb, not a journal.
MAX_RATIO = 200
RATIO_FROM_BYTES = 16 * 1024 * 1024
_IGNORED_PREFIXES = ("__MACOSX/",)  # macOS's resource forks when a person re-zips a folder


def is_zip(head: bytes) -> bool:
    """Whether a file's first bytes are a zip's."""
    return head.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC))


def _unsafe_name(name: str) -> bool:
    """A name that would point outside the zip if anyone unpacked it: refused whole."""
    if not name or "\x00" in name or "\\" in name or name.startswith("/"):
        return True
    if len(name) > 1 and name[1] == ":":  # a Windows drive, "C:..."
        return True
    return ".." in PurePosixPath(name).parts


def _is_journal_json(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return (
        base.lower().endswith(".json")
        and not base.startswith("._")
        and not name.startswith(_IGNORED_PREFIXES)
    )


def _checked_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ImportFormatError(
            f"The zip holds more than {MAX_MEMBERS:,} files; it is not a Day One export."
        )
    if any(_unsafe_name(info.filename) for info in infos):
        raise ImportFormatError(
            "The zip holds a file whose name points outside it (such as ../ or /); "
            "it is not a Day One export, and nothing was brought in."
        )
    found = [i for i in infos if not i.is_dir() and _is_journal_json(i.filename)]
    if not found:
        raise ImportFormatError(
            "The zip holds no .json file, so it is not a Day One export "
            "(Day One's export zip has Journal.json inside)."
        )
    total = sum(i.file_size for i in found)
    if total > MAX_JSON_BYTES:
        raise ImportFormatError("The journal inside the zip is larger than 512 MB.")
    for info in found:
        if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise ImportFormatError(
                "The zip's contents would inflate far beyond its size (a zip bomb); "
                "nothing was brought in."
            )
    return sorted(found, key=lambda i: i.filename)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The member's bytes, never more than it declared (the CRC check catches a lie)."""
    if info.flag_bits & 0x1:
        raise ImportFormatError(
            "The zip is protected by a password; export from Day One again without one."
        )
    with archive.open(info) as handle:
        data = handle.read(info.file_size + 1)
    if len(data) > info.file_size:  # pragma: no cover - zipfile stops at the declared size
        raise ImportFormatError("The zip is damaged: a file in it is longer than it says.")
    return data


def journal_files(source: bytes | BinaryIO) -> list[tuple[str, bytes]]:
    """Each Day One JSON file in a zip (its name and bytes), or ImportFormatError.

    ``source`` is the zip's bytes (as a file picker gives them) or an open binary file (a
    big export read from disk without loading its photos).
    """
    handle = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    try:
        with zipfile.ZipFile(handle) as archive:
            return [(i.filename, _read_member(archive, i)) for i in _checked_members(archive)]
    except ImportFormatError:
        raise
    except NotImplementedError:
        raise ImportFormatError(
            "The zip uses a kind of compression this app cannot read; export from Day One again."
        ) from None
    except RuntimeError:  # zipfile's word for an encrypted member it cannot open
        raise ImportFormatError(
            "The zip is protected by a password; export from Day One again without one."
        ) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        raise ImportFormatError(
            "The zip file is damaged or cut short; nothing was brought in."
        ) from None


def member_label(name: str, index: int, total: int) -> str:
    """How to name one JSON file of a zip in a message: its file name when it is plain."""
    base = name.rsplit("/", 1)[-1]
    if total == 1:
        return "the zip's journal"
    if base.isprintable() and len(base) <= 60:
        return base
    return f"journal file {index + 1} of {total}"

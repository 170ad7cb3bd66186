"""The three PDF readers' own command-line tools (and pypdf), opening a file with a
passphrase typed as a person would. `.ci/run` installs the tools where missing."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

MARK = "THERAPY JOURNAL"  # on the first page of every summary

TOOLS = ("pdftotext", "qpdf", "mutool")


def require_readers() -> None:
    """Called at the top of a test module: on CI a missing tool fails loudly (a skipped
    reader test would prove nothing); elsewhere the module is skipped with the reason."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    reason = f"needs {', '.join(missing)} (apt-get install poppler-utils qpdf mupdf-tools)"
    if os.environ.get("CI"):
        pytest.fail(f"CI must have the PDF readers' tools: {reason}; .ci/run installs them.")
    pytest.skip(reason, allow_module_level=True)


def poppler(path: Path, typed: str) -> str | None:
    done = subprocess.run(
        ["pdftotext", "-opw", typed, "-upw", typed, str(path), "-"],
        capture_output=True,
        timeout=60,
    )
    return done.stdout.decode() if done.returncode == 0 else None


def qpdf(path: Path, typed: str) -> str | None:
    out = path.with_suffix(".plain.pdf")
    done = subprocess.run(
        ["qpdf", f"--password={typed}", "--decrypt", str(path), str(out)],
        capture_output=True,
        timeout=60,
    )
    if done.returncode not in (0, 3):  # 3: warnings only
        return None
    plain = out.read_bytes()
    out.unlink()
    assert b"/Encrypt" not in plain
    return plain.decode("latin-1")


def mupdf(path: Path, typed: str) -> str | None:
    done = subprocess.run(
        ["mutool", "draw", "-q", "-p", typed, "-F", "txt", "-o", "-", str(path), "1"],
        capture_output=True,
        timeout=60,
    )
    text = done.stdout.decode(errors="replace")
    return text if done.returncode == 0 and text.strip() else None


def pypdf(path: Path, typed: str) -> str | None:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    if not reader.decrypt(typed):
        return None
    return reader.pages[0].extract_text()


READERS: dict[str, Callable[[Path, str], str | None]] = {
    "poppler": poppler,
    "qpdf": qpdf,
    "mupdf": mupdf,
    "pypdf": pypdf,
}


def opens(reader: str, path: Path, typed: str) -> bool:
    text = READERS[reader](path, typed)
    if text is None:
        return False
    if reader != "qpdf":  # qpdf decrypts; the text is in compressed streams
        assert MARK in " ".join(text.split()), text[:300]
    return True

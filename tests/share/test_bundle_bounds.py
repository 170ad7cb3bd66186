"""An edited bundle cannot make its reader spin: PBKDF2 counts outside the range are refused
before any key is derived."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from journal_app.share.bundle import MAX_ITERATIONS, MIN_ITERATIONS
from journal_app.share.reader import BundleDamaged, read_bundle
from tests.share.bundle_fixtures import (
    BUNDLE_PASSPHRASE,
    forge_iterations,
    make_journal,
    write_bundle,
)


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("bundle")
    make_journal(folder / "journal")
    return write_bundle(folder / "journal", folder / "summary.html")


@pytest.mark.parametrize("iterations", [20_000_000, MAX_ITERATIONS + 1, MIN_ITERATIONS - 1, 0])
def test_out_of_range_iterations_are_refused_at_once(html: str, iterations: int) -> None:
    forged = forge_iterations(html, iterations).encode("utf-8")
    started = time.monotonic()
    with pytest.raises(BundleDamaged, match="safe range"):
        read_bundle(forged, BUNDLE_PASSPHRASE)
    assert time.monotonic() - started < 0.5  # no derivation was attempted


def test_the_ceiling_stays_cheap_enough() -> None:
    assert MIN_ITERATIONS <= 600_000 < MAX_ITERATIONS <= 3_000_000


def test_the_cli_says_damaged_with_exit_4(html: str, tmp_path: Path) -> None:
    from tests.conftest import Cli

    target = tmp_path / "forged.html"
    target.write_text(forge_iterations(html, 20_000_000), encoding="utf-8")
    result = Cli(tmp_path / "unused")(
        "open-bundle", str(target), JOURNAL_APP_BUNDLE_PASSPHRASE=BUNDLE_PASSPHRASE
    )
    assert result.code == 4, result.err
    assert "safe range" in result.err

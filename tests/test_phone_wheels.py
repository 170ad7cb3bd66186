"""Every compiled package the app needs on a phone has a phone wheel.

`flet build apk|ipa` installs ``[project].dependencies`` for Android or iOS, taking
compiled packages only from Flet's mobile index. This walks the runtime dependency
closure (through the installed distributions' metadata, with the markers a phone build
sees) and checks each compiled one against tests/data/phone_wheels.toml, at a version
every requirement on it accepts. Before issue 14 it failed on nh3.

Since issue 30 builds install from a lock (requirements.lock, requirements-dev.lock,
written by `make lock` with pip-compile): these tests also hold the locks complete and
hashed, and the phone pins in pyproject.toml (tests/helpers/phone_pins.py) equal to the lock.
"""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from tests.helpers.phone_pins import (
    LOCK,
    PHONE_SYSTEMS,
    PHONE_WHEELS,
    PYPROJECT,
    REPO,
    closure,
    compiled_names,
    locked_versions,
    phone_pins,
    phone_wheels,
    pins_block,
    project_requirements,
)

DEV_LOCK = REPO / "requirements-dev.lock"


@pytest.mark.parametrize("system", list(PHONE_SYSTEMS))
def test_every_compiled_package_has_a_phone_wheel_it_may_use(system: str) -> None:
    wheels = phone_wheels()
    found = closure(system)
    compiled = sorted(compiled_names(found, wheels))
    missing = [n for n in compiled if n not in wheels.compiled]
    assert not missing, f"compiled, with no {system} wheels: {missing}"
    for name in compiled:
        wheel = wheels.compiled[name]
        refused = [str(r) for r in found.asked[name] if not r.specifier.contains(wheel)]
        assert not refused, f"{name} {wheel} (the phone wheel) is refused by {refused}"


@pytest.mark.parametrize("system", list(PHONE_SYSTEMS))
def test_the_closure_is_what_we_think(system: str) -> None:
    """The walk itself: it sees the compiled packages we know of, and none of the
    desktop-only ones pyproject keeps off phones."""
    found = closure(system)
    assert {"cryptography", "cffi", "argon2-cffi-bindings", "msgpack"} <= set(found.asked)
    assert not {"nh3", "flet-web", "flet-desktop", "uvicorn", "fastapi"} & set(found.asked)


def test_the_list_says_where_and_when_it_came_from() -> None:
    with PHONE_WHEELS.open("rb") as f:
        data = tomllib.load(f)
    assert "mobile-forge" in data["source"] and len(data["commit"]) == 40 and data["read_on"]


# --- Builds from a lock: exact versions on the desktop, in CI and on phones -------------


def test_the_lock_pins_every_runtime_dependency() -> None:
    locked = locked_versions()
    for req in project_requirements():
        name = req.name.lower()
        assert name in locked, f"requirements.lock does not pin {req.name}; run `make lock`"
        assert req.specifier.contains(locked[name], prereleases=True), (
            f"requirements.lock pins {name}=={locked[name]}, which {req} refuses; run `make lock`"
        )


@pytest.mark.parametrize("lock", [LOCK, DEV_LOCK], ids=lambda p: p.name)
def test_every_pin_carries_its_hashes(lock: Path) -> None:
    """`make` installs with --require-hashes: a file PyPI swapped would be refused."""
    lines = lock.read_text(encoding="utf-8").splitlines()
    pinned = [i for i, line in enumerate(lines) if "==" in line and line[0] not in " #"]
    assert len(pinned) == len(locked_versions(lock)) > 10
    unhashed = [lines[i].split(" ")[0] for i in pinned if "--hash=sha256:" not in lines[i + 1]]
    assert not unhashed, f"pinned without a hash in {lock.name}: {unhashed}"


def test_the_dev_lock_agrees_with_the_runtime_lock() -> None:
    runtime, dev = locked_versions(), locked_versions(DEV_LOCK)
    differ = {n: (v, dev.get(n)) for n, v in runtime.items() if dev.get(n) != v}
    assert not differ, f"requirements-dev.lock differs from requirements.lock: {differ}"


def test_what_is_installed_is_the_lock() -> None:
    """The closure walk reads installed metadata; it describes the lock only if the
    environment was installed from it (as `make` does)."""
    locked = locked_versions(DEV_LOCK)
    off = {
        name: (str(version), installed)
        for name, version in locked.items()
        if (installed := metadata.version(name)) != str(version)
    }
    assert not off, f"installed versions differ from requirements-dev.lock: {off}"


@pytest.mark.parametrize("system", list(PHONE_SYSTEMS))
def test_a_phone_build_installs_exact_versions_every_requirement_accepts(system: str) -> None:
    pins = phone_pins(system)
    found = closure(system)
    assert set(pins) == set(found.asked), "a package of the phone closure has no pin"
    for name, version in pins.items():
        refused = [str(r) for r in found.asked[name] if not r.specifier.contains(version)]
        assert not refused, f"{name}=={version} (pinned for {system}) is refused by {refused}"
    wheels = phone_wheels()
    for name, checked in wheels.pure_on_pypi.items():
        if name in pins:
            assert pins[name] == checked, (
                f"{name}=={pins[name]}: its pure wheel was checked at {checked} only "
                f"(tests/data/phone_wheels.toml)"
            )


def test_pyproject_carries_the_phone_pins_flet_build_reads() -> None:
    """flet build adds [tool.flet.android|ios].dependencies to [project].dependencies
    (flet-cli build_base.py); the pins there are what `make lock` would write now."""
    text = PYPROJECT.read_text(encoding="utf-8")
    assert pins_block() in text, "the phone pins in pyproject.toml are stale; run `make lock`"
    with PYPROJECT.open("rb") as f:
        flet = tomllib.load(f)["tool"]["flet"]
    for system, table in PHONE_SYSTEMS.items():
        pins = flet[table]["dependencies"]
        assert pins == [f"{n}=={v}" for n, v in phone_pins(system).items()], system
        assert not any(p.startswith(("flet-web==", "flet-desktop==")) for p in pins)

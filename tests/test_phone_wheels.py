"""Every compiled package the app needs on a phone has a phone wheel.

`flet build apk|ipa` installs ``[project].dependencies`` for Android or iOS, taking
compiled packages only from Flet's mobile index. This walks the runtime dependency
closure (through the installed distributions' metadata, with the markers a phone build
sees) and checks each compiled one against tests/data/phone_wheels.toml, at a version
every requirement on it accepts. Before issue 14 it failed on nh3.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parents[1]
PHONE_WHEELS = REPO / "tests" / "data" / "phone_wheels.toml"
# serious_python (flet build's packager) makes platform.system() say this while pip runs.
PHONE_SYSTEMS = ("Android", "iOS")


def project_requirements() -> list[Requirement]:
    with (REPO / "pyproject.toml").open("rb") as f:
        return [Requirement(r) for r in tomllib.load(f)["project"]["dependencies"]]


def phone_wheels() -> dict[str, Version]:
    with PHONE_WHEELS.open("rb") as f:
        table = tomllib.load(f)["packages"]
    return {canonicalize_name(name): Version(v) for name, v in table.items()}


def applies(req: Requirement, system: str, extras: set[str]) -> bool:
    if req.marker is None:
        return True
    env = {**default_environment(), "platform_system": system}
    return any(req.marker.evaluate({**env, "extra": e}) for e in (extras or {""}))


def is_compiled(dist: metadata.Distribution) -> bool:
    """Native code in the installed files, or a wheel tag that is not pure Python."""
    files = dist.files or []
    if any(str(f).endswith((".so", ".pyd", ".dylib")) for f in files):
        return True
    wheel = dist.read_text("WHEEL") or ""
    tags = [line.split(":", 1)[1].strip() for line in wheel.splitlines() if line.startswith("Tag:")]
    return bool(tags) and not any(t.endswith("-none-any") for t in tags)


@dataclass
class Closure:
    """What a phone build installs: each distribution and the requirements naming it."""

    asked: dict[str, list[Requirement]] = field(default_factory=dict)
    extras: dict[str, set[str]] = field(default_factory=dict)


def closure(system: str) -> Closure:
    found = Closure()
    todo = [r for r in project_requirements() if applies(r, system, set())]
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        first = name not in found.asked
        new_extras = set(req.extras) - found.extras.get(name, set())
        found.asked.setdefault(name, []).append(req)
        found.extras.setdefault(name, set()).update(req.extras)
        if not (first or new_extras):
            continue
        dist = metadata.distribution(name)
        for raw in dist.requires or []:
            sub = Requirement(raw)
            if applies(sub, system, found.extras[name]) and (
                sub.marker is None or "extra" not in str(sub.marker) or found.extras[name]
            ):
                todo.append(sub)
    return found


@pytest.mark.parametrize("system", PHONE_SYSTEMS)
def test_every_compiled_package_has_a_phone_wheel_it_may_use(system: str) -> None:
    wheels = phone_wheels()
    found = closure(system)
    with PHONE_WHEELS.open("rb") as f:
        pure = {k: Version(v) for k, v in tomllib.load(f).get("pure_on_pypi", {}).items()}
    compiled = sorted(
        n for n in found.asked if is_compiled(metadata.distribution(n)) and n not in pure
    )
    missing = [n for n in compiled if n not in wheels]
    assert not missing, f"compiled, with no {system} wheels: {missing}"
    for name in compiled:
        refused = [str(r) for r in found.asked[name] if not r.specifier.contains(wheels[name])]
        assert not refused, f"{name} {wheels[name]} (the phone wheel) is refused by {refused}"


@pytest.mark.parametrize("system", PHONE_SYSTEMS)
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

"""The exact versions a phone build installs, written into pyproject.toml by `make lock`.

`flet build apk|ipa` installs ``[project].dependencies`` plus
``[tool.flet.<android|ios>].dependencies`` with pip, compiled packages only from Flet's
mobile index; it never reads a requirements file while the project has dependencies
(flet-cli's build_base.py). So the lock reaches a phone as exact pins in those two
tables: every package of the phone's dependency closure at its version in
requirements.lock, except compiled ones, which are pinned at the version Flet's mobile
index builds (tests/data/phone_wheels.toml). pip then installs exactly these, whatever
PyPI offers that day. ``python -m tests.helpers.phone_pins`` rewrites the tables; ``--check``
only says whether they are current. tests/test_phone_wheels.py checks them too.
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import NormalizedName, canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parents[2]
PYPROJECT = REPO / "pyproject.toml"
LOCK = REPO / "requirements.lock"
PHONE_WHEELS = REPO / "tests" / "data" / "phone_wheels.toml"
# serious_python (flet build's packager) makes platform.system() say this while pip runs;
# each is also the [tool.flet.<name>] table flet build reads for that platform.
PHONE_SYSTEMS = {"Android": "android", "iOS": "ios"}
BEGIN = "# --- Phone pins: written by `make lock` (tests/helpers/phone_pins.py); do not edit. ---"
END = "# --- End of phone pins. ---"


def project_requirements() -> list[Requirement]:
    with PYPROJECT.open("rb") as f:
        return [Requirement(r) for r in tomllib.load(f)["project"]["dependencies"]]


@dataclass(frozen=True)
class PhoneWheels:
    """Flet's mobile index (compiled packages) and the compiled packages that also
    publish a pure wheel on PyPI, each at the version that was checked."""

    compiled: dict[NormalizedName, Version]
    pure_on_pypi: dict[NormalizedName, Version]


def phone_wheels() -> PhoneWheels:
    with PHONE_WHEELS.open("rb") as f:
        table = tomllib.load(f)

    def versions(part: dict[str, str]) -> dict[NormalizedName, Version]:
        return {canonicalize_name(name): Version(v) for name, v in part.items()}

    return PhoneWheels(versions(table["packages"]), versions(table.get("pure_on_pypi", {})))


def locked_versions(lock: Path = LOCK) -> dict[NormalizedName, Version]:
    """``name==version`` lines of a pip-compile lock (hash and comment lines skipped)."""
    found = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = re.match(r"([A-Za-z0-9._-]+)==([^\s;\\]+)", line)
        if match:
            found[canonicalize_name(match[1])] = Version(match[2])
    return found


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

    asked: dict[NormalizedName, list[Requirement]] = field(default_factory=dict)
    extras: dict[NormalizedName, set[str]] = field(default_factory=dict)


def closure(system: str) -> Closure:
    """Walk the installed distributions' metadata from [project].dependencies, with the
    markers a phone build sees (the installed versions are the lock's: `make` installs
    from it)."""
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


def compiled_names(found: Closure, wheels: PhoneWheels) -> set[NormalizedName]:
    """The closure's packages a phone can only get from Flet's mobile index."""
    return {
        n
        for n in found.asked
        if is_compiled(metadata.distribution(n)) and n not in wheels.pure_on_pypi
    }


def phone_pins(system: str) -> dict[NormalizedName, Version]:
    """Each package a phone build installs, at the version it must install. A compiled
    package missing from the mobile index is left out here; the test names it."""
    found = closure(system)
    wheels = phone_wheels()
    locked = locked_versions()
    compiled = compiled_names(found, wheels)
    pins = {}
    for name in sorted(found.asked):
        if name in compiled:
            if name in wheels.compiled:
                pins[name] = wheels.compiled[name]
        else:
            pins[name] = locked[name]
    return pins


def pins_block() -> str:
    """The pyproject.toml text between (and with) the BEGIN and END lines."""
    parts = [BEGIN]
    for system, table in PHONE_SYSTEMS.items():
        pins = phone_pins(system)
        parts += ["", f"[tool.flet.{table}]", "dependencies = ["]
        parts += [f'    "{name}=={version}",' for name, version in pins.items()]
        parts.append("]")
    parts.append(END)
    return "\n".join(parts)


def with_pins(text: str, block: str) -> str:
    """pyproject.toml's text with its phone pins replaced (or added at the end)."""
    if BEGIN in text:
        head, rest = text.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        return head + block + tail
    return text.rstrip("\n") + "\n\n" + block + "\n"


def main(argv: list[str]) -> int:
    text = PYPROJECT.read_text(encoding="utf-8")
    wanted = with_pins(text, pins_block())
    if "--check" in argv:
        if wanted != text:
            print("The phone pins in pyproject.toml are not the lock's; run `make lock`.")
            return 1
        return 0
    if wanted != text:
        PYPROJECT.write_text(wanted, encoding="utf-8")
        print("pyproject.toml: phone pins updated from requirements.lock.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

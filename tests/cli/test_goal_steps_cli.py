"""A goal's steps on the command line after the goal is made: add, rename, move, tick,
untick and remove, each a separate process on a real vault; bad input is refused in one
line, exit 2, with the vault untouched."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import Cli, CliResult, snapshot


def ok(cli: Cli, *args: str) -> CliResult:
    result = cli(*args)
    assert result.code == 0, (args, result.code, result.err)
    return result


def own_goal(cli: Cli) -> dict[str, Any]:
    goals = json.loads(ok(cli, "goal", "list", "--json").out)
    (goal,) = [g for g in goals if g["kind"] == "own"]
    return goal


def steps(cli: Cli) -> list[tuple[str, bool]]:
    return [(s["title"], s["done"]) for s in own_goal(cli)["steps"]]


def refused(cli: Cli, data_dir: Path, *args: str, says: str) -> None:
    before = snapshot(data_dir)
    result = cli(*args)
    assert result.code == 2, (args, result.code, result.out, result.err)
    assert len(result.err.strip().splitlines()) == 1, result.err
    assert says in result.err, (args, result.err)
    assert "Traceback" not in result.err
    assert snapshot(data_dir) == before, args


def test_steps_are_added_renamed_moved_ticked_and_removed(ready_cli: Cli, data_dir: Path) -> None:
    cli = ready_cli
    ok(cli, "goal", "add", "Call the GP", "--step", "Find the number")
    gid = own_goal(cli)["id"][:8]
    assert "Added step 2" in ok(cli, "goal", "step", "add", gid, "Write what to say").out
    ok(cli, "goal", "step", "add", gid, "Make the call")
    assert "step 2  Write what to say" in ok(cli, "goal", "list").out

    ok(cli, "goal", "step", "rename", gid, "2", "Write down what to say")
    ok(cli, "goal", "step", "move", gid, "3", "up")
    assert steps(cli) == [
        ("Find the number", False),
        ("Make the call", False),
        ("Write down what to say", False),
    ]
    ok(cli, "goal", "step", "move", gid, "1", "down")
    assert [t for t, _ in steps(cli)][:2] == ["Make the call", "Find the number"]

    assert "Ticked" in ok(cli, "goal", "step", "done", gid, "2").out
    assert "already ticked" in ok(cli, "goal", "step", "done", gid, "2").out
    ok(cli, "goal", "step", "undone", gid, "2")
    assert steps(cli)[1] == ("Find the number", False)

    assert "Removed the step 'Make the call'" in ok(cli, "goal", "step", "remove", gid, "1").out
    assert steps(cli) == [("Find the number", False), ("Write down what to say", False)]

    # Ticking the last open step finishes the goal, celebrated once.
    ok(cli, "goal", "step", "done", gid, "1")
    last = ok(cli, "goal", "step", "done", gid, "2").out
    assert "🎉" in last and own_goal(cli)["done"] is True

    refused(cli, data_dir, "goal", "step", "rename", gid, "5", "x", says="there is no step 5")
    refused(cli, data_dir, "goal", "step", "remove", gid, "two", says="not a step number")
    refused(cli, data_dir, "goal", "step", "move", gid, "1", "up", says="already the first")
    refused(cli, data_dir, "goal", "step", "move", gid, "2", "down", says="already the last")
    refused(cli, data_dir, "goal", "step", "rename", gid, "1", "   ", says="The step is empty")
    refused(cli, data_dir, "goal", "step", "add", "nosuchid", "x", says="No goal with id")

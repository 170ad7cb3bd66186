"""How the command line talks to a person or a script: passphrases in, messages out."""

from __future__ import annotations

import getpass
import json
import os
import sys
from typing import Any

from journal_app.core.journal import InvalidInput

ENV_PASSPHRASE = "JOURNAL_APP_PASSPHRASE"
ENV_NEW_PASSPHRASE = "JOURNAL_APP_NEW_PASSPHRASE"


class UsageError(InvalidInput):
    """Bad usage of the command line itself (exit 2)."""


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def valid_text(value: str, where: str) -> str:
    """``value`` if it is real text; a plain refusal if it holds bytes that are not UTF-8.

    Python hands undecodable bytes from the environment or a terminal over as lone
    surrogates; they cannot be turned back into a key, and must not become a traceback.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _not_text(where) from None
    return value


def _not_text(where: str) -> UsageError:
    return UsageError(
        f"The passphrase from {where} is not valid text (UTF-8), so it was not used. "
        "Please set it again from a UTF-8 terminal."
    )


def _ask(prompt: str) -> str:
    """Ask without echo; bytes the terminal sent that are not text are refused plainly."""
    try:
        typed = getpass.getpass(prompt)
    except UnicodeDecodeError:
        raise _not_text("the terminal") from None
    except EOFError:
        raise UsageError("No passphrase was typed.") from None
    return valid_text(typed, "the terminal")


def read_passphrase(env_name: str = ENV_PASSPHRASE, prompt: str = "Passphrase: ") -> str:
    """From the environment for scripts, else asked without echo on a terminal."""
    value = os.environ.get(env_name)
    if value is not None:
        return valid_text(value, env_name)
    if not _interactive():
        raise UsageError(f"No passphrase given: set {env_name} or run this in a terminal.")
    return _ask(prompt)


def read_new_passphrase(env_name: str, prompt: str) -> str:
    """A new passphrase: from the environment, or typed twice on a terminal."""
    value = os.environ.get(env_name)
    if value is not None:
        return valid_text(value, env_name)
    if not _interactive():
        raise UsageError(f"No new passphrase given: set {env_name} or run this in a terminal.")
    first = _ask(prompt)
    if _ask("Type it again: ") != first:
        raise InvalidInput("The two passphrases did not match; nothing was changed.")
    return first


def say(message: str) -> None:
    """A line for the person (stdout)."""
    print(message)


def warn(message: str) -> None:
    """A one-line problem report (stderr)."""
    print(f"journal-app: {message}", file=sys.stderr)


def print_json(value: Any) -> None:
    """Machine-readable output; non-ASCII kept as is so emoji and RTL text stay legible."""
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")

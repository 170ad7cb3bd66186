"""How the command line talks to a person or a script: passphrases in, messages out."""

from __future__ import annotations

import getpass
import json
import os
import re
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


# C0 controls but tab and newline (and the CR of a CRLF), DEL, and C1 controls: a terminal
# acts on these (clears the screen, retitles the window, rings the bell...) instead of
# showing them.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
_JSON_CONTROLS = re.compile("[\x7f-\x9f]")  # json escapes C0 itself, not DEL or C1


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode's control pictures: ESC shows as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<{code:02X}>"  # C1 controls have no pictures


def visible(text: str) -> str:
    """Text that is safe to print to a terminal: every control shown, none obeyed.

    Entries and imported files can hold escape sequences (by accident or on purpose);
    printed raw they could clear the screen, rewrite earlier lines or retitle the window.
    Tabs and newlines are ordinary writing and stay as they are.
    """
    return _CONTROLS.sub(_picture, text)


def say(message: str) -> None:
    """A line for the person (stdout), with any control characters made visible."""
    print(visible(message))


def warn(message: str) -> None:
    """A one-line problem report (stderr), with any control characters made visible."""
    print(f"journal-app: {visible(message)}", file=sys.stderr)


def json_text(value: Any) -> str:
    """JSON with non-ASCII kept as is (emoji and RTL text stay legible) and no raw controls.

    json escapes C0 controls already; DEL and C1 controls (which only ever appear inside
    strings) are escaped too, so JSON shown in a terminal is as harmless as the text output.
    """
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _JSON_CONTROLS.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def print_json(value: Any) -> None:
    """Machine-readable output (see ``json_text``)."""
    sys.stdout.write(json_text(value))
    sys.stdout.write("\n")

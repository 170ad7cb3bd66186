"""The command line: a second shell over the same core as the app.

Exit codes are a contract other tools rely on: 0 success; 2 bad usage or invalid input;
3 wrong passphrase; 4 the vault (or a file given to it) is damaged or was altered;
1 anything else. A person's mistake always gets one plain line, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from journal_app import __version__
from journal_app.cli_io import UsageError, warn
from journal_app.core.journal import InvalidInput
from journal_app.storage.errors import VaultDamaged, VaultError, WrongPassphrase

EXIT_OK = 0
EXIT_OTHER = 1
EXIT_INVALID = 2
EXIT_WRONG_PASSPHRASE = 3
EXIT_DAMAGED = 4

Handler = Callable[[argparse.Namespace], int]


class Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line and exit 2 (not a usage dump)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _rating(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{raw}' is not a whole number from 0 to 10") from None
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"{value} is outside 0 to 10")
    return value


def _whole(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{raw}' is not a whole number") from None


def _lazy(module: str, name: str) -> Handler:
    """Import a command's module only when it runs, so `--help` and small commands start fast."""

    def run(args: argparse.Namespace) -> int:
        import importlib

        return getattr(importlib.import_module(module), name)(args)

    return run


def _add_entry_commands(sub: argparse._SubParsersAction) -> None:
    entry = sub.add_parser("entry", help="write and read journal entries")
    entry_sub = entry.add_subparsers(dest="entry_command", required=True, parser_class=Parser)

    add = entry_sub.add_parser("add", help="add an entry (TEXT, or - to read standard input)")
    add.add_argument("--anxiety", type=_rating, help="how anxious you feel, 0 to 10")
    add.add_argument("--tag", action="append", help="a tag (repeatable)")
    add.add_argument("--feeling", action="append", help="a feeling (repeatable)")
    add.add_argument("--at", help="when it happened (ISO-8601), default now")
    add.add_argument("text", metavar="TEXT", help="what you want to write, or - for stdin")
    add.set_defaults(handler=_lazy("journal_app.commands.entries", "cmd_entry_add"))

    lst = entry_sub.add_parser("list", help="list entries, newest first")
    lst.add_argument("--limit", type=_whole, help="at most N entries")
    lst.add_argument("--tag", help="only entries with this tag")
    lst.add_argument("--search", help="only entries containing all these words")
    lst.add_argument("--json", action="store_true", help="print a JSON array")
    lst.set_defaults(handler=_lazy("journal_app.commands.entries", "cmd_entry_list"))


def _add_vault_commands(sub: argparse._SubParsersAction) -> None:
    admin = "journal_app.commands.vault_admin"
    sub.add_parser("init", help="create your encrypted journal").set_defaults(
        handler=_lazy(admin, "cmd_init")
    )
    sub.add_parser("change-passphrase", help="choose a new passphrase").set_defaults(
        handler=_lazy(admin, "cmd_change_passphrase")
    )
    backup = sub.add_parser("backup", help="list or restore encrypted backups")
    backup_sub = backup.add_subparsers(dest="backup_command", required=True, parser_class=Parser)
    backup_sub.add_parser("list", help="show backups, newest first").set_defaults(
        handler=_lazy(admin, "cmd_backup_list")
    )
    restore = backup_sub.add_parser("restore", help="restore backup N (see 'backup list')")
    restore.add_argument("number", type=_whole, metavar="N")
    restore.set_defaults(handler=_lazy(admin, "cmd_backup_restore"))


def _add_ui_command(sub: argparse._SubParsersAction) -> None:
    ui = sub.add_parser("ui", help="open the app (the default when no command is given)")
    ui.add_argument("--web", action="store_true", help="serve to a browser instead of a window")
    ui.add_argument("--host", default="127.0.0.1", help="address to serve on (default 127.0.0.1)")
    ui.add_argument("--port", type=_whole, default=0, help="port to serve on (default: a free one)")
    ui.set_defaults(handler=_lazy("journal_app.commands.ui_launch", "cmd_ui"))


def build_parser() -> Parser:
    """The whole command tree."""
    parser = Parser(prog="journal-app", description="Therapy Journal, private and encrypted.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", help="where your journal lives (or JOURNAL_APP_DATA_DIR)")
    sub = parser.add_subparsers(dest="command", parser_class=Parser)
    _add_vault_commands(sub)
    _add_entry_commands(sub)
    _add_ui_command(sub)
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    """Parse, dispatch, and turn every failure into its exit code and one line."""
    try:
        args = build_parser().parse_args(argv)
        if getattr(args, "handler", None) is None:  # no command: open the app
            args = build_parser().parse_args([*(argv or sys.argv[1:]), "ui"])
        return args.handler(args)
    except InvalidInput as exc:
        warn(str(exc))
        return EXIT_INVALID
    except WrongPassphrase as exc:
        warn(str(exc))
        return EXIT_WRONG_PASSPHRASE
    except VaultDamaged as exc:
        warn(f"{exc} Nothing was changed. Your backups may help: see 'backup list'.")
        return EXIT_DAMAGED
    except VaultError as exc:
        warn(str(exc))
        return EXIT_OTHER
    except KeyboardInterrupt:
        warn("Stopped.")
        return 130
    except Exception as exc:  # never a traceback for the person; details only on request
        if os.environ.get("JOURNAL_APP_DEBUG"):
            raise
        name = type(exc).__name__
        warn(f"Something unexpected went wrong ({name}); JOURNAL_APP_DEBUG=1 shows more.")
        return EXIT_OTHER


def main() -> NoReturn:
    """Console entry point."""
    sys.exit(run())


if __name__ == "__main__":
    main()

"""The command line: argument parsing and exit codes, a thin shell over ``journal_app.app``.

Exit codes are a contract other tools rely on: 0 success; 2 bad usage or invalid input;
3 wrong passphrase; 4 the vault (or a file given to it) is damaged or was altered;
1 anything else. A person's mistake always gets one plain line, never a traceback.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from journal_app import __version__
from journal_app.cli.app_request import AppOpener, open_requested_app
from journal_app.cli.terminal import UsageError, warn
from journal_app.core.errors import (
    NoSuchBackup,
    VaultDamaged,
    VaultError,
    VaultExists,
    WrongPassphrase,
)
from journal_app.core.journal import InvalidInput

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


_COMMAND_MODULES: set[str] = set()  # every module a command's handler imports when it runs


def _lazy(module: str, name: str) -> Handler:
    """Import a command's module only when it runs, so `--help` and small commands start fast."""
    _COMMAND_MODULES.add(module)

    def run(args: argparse.Namespace) -> int:
        import importlib

        return getattr(importlib.import_module(module), name)(args)

    return run


def _add_entry_commands(sub: argparse._SubParsersAction) -> None:
    entry = sub.add_parser("entry", help="write and read journal entries")
    entry_sub = entry.add_subparsers(dest="entry_command", required=True, parser_class=Parser)

    add = entry_sub.add_parser(
        "add", help="add an entry (no TEXT: $EDITOR or the terminal; - reads standard input)"
    )
    add.add_argument("--anxiety", type=_rating, help="how anxious you feel, 0 to 10")
    add.add_argument("--tag", action="append", help="a tag (repeatable)")
    add.add_argument("--feeling", action="append", help="a feeling (repeatable)")
    add.add_argument("--at", help="when it happened (ISO-8601), default now")
    add.add_argument(
        "text",
        metavar="TEXT",
        nargs="?",
        help="what you want to write (others on this computer can see it in the process "
        "list); leave it out to write in $EDITOR or the terminal, or - for stdin",
    )
    add.set_defaults(handler=_lazy("journal_app.cli.entries", "cmd_entry_add"))

    edit = entry_sub.add_parser("edit", help="change an entry: its date, text, tags...")
    edit.add_argument("id", metavar="ID", help="the id 'entry list' shows (a prefix is fine)")
    edit.add_argument("--at", help="when it happened (ISO-8601): back-date an entry")
    edit.add_argument("--text", help="new text, or - to read standard input")
    edit.add_argument("--anxiety", type=_rating, help="how anxious you felt, 0 to 10")
    edit.add_argument("--no-anxiety", action="store_true", help="forget the anxiety rating")
    edit.add_argument("--tag", action="append", help="a tag (repeatable; replaces the tags)")
    edit.add_argument("--no-tags", action="store_true", help="remove all tags")
    edit.add_argument("--feeling", action="append", help="a feeling (repeatable; replaces)")
    edit.add_argument("--no-feelings", action="store_true", help="remove all feelings")
    edit.set_defaults(handler=_lazy("journal_app.cli.entries", "cmd_entry_edit"))
    delete = entry_sub.add_parser("delete", help="delete an entry")
    delete.add_argument("id", metavar="ID")
    delete.set_defaults(handler=_lazy("journal_app.cli.entries", "cmd_entry_delete"))

    lst = entry_sub.add_parser("list", help="list entries, newest first")
    lst.add_argument("--limit", type=_whole, help="at most N entries")
    lst.add_argument("--tag", help="only entries with this tag")
    lst.add_argument("--search", help="only entries containing all these words")
    lst.add_argument("--feeling", help="only entries with this feeling")
    lst.add_argument("--since", metavar="DATE", help="only entries on or after DATE")
    lst.add_argument("--until", metavar="DATE", help="only entries on or before DATE")
    lst.add_argument("--json", action="store_true", help="print a JSON array")
    lst.set_defaults(handler=_lazy("journal_app.cli.entries", "cmd_entry_list"))


def _add_vault_commands(sub: argparse._SubParsersAction) -> None:
    admin = "journal_app.cli.vault_admin"
    sub.add_parser("init", help="create your encrypted journal").set_defaults(
        handler=_lazy(admin, "cmd_init")
    )
    sub.add_parser("change-passphrase", help="choose a new passphrase").set_defaults(
        handler=_lazy(admin, "cmd_change_passphrase")
    )
    sub.add_parser(
        "rotate-key", help="new key and passphrase, re-encrypting everything (if one leaked)"
    ).set_defaults(handler=_lazy(admin, "cmd_rotate_key"))
    unlock = sub.add_parser(
        "unlock", help="passphrase once, then commands need none for a while (opt-in)"
    )
    unlock.add_argument(
        "--minutes", type=_whole, default=15, help="end after N minutes without use (default 15)"
    )
    unlock.set_defaults(handler=_lazy("journal_app.cli.unlocked", "cmd_unlock"))
    sub.add_parser("lock", help="end the unlocked session now").set_defaults(
        handler=_lazy("journal_app.cli.unlocked", "cmd_lock")
    )
    sub.add_parser("status", help="whether an unlocked session is running").set_defaults(
        handler=_lazy("journal_app.cli.unlocked", "cmd_status")
    )
    backup = sub.add_parser("backup", help="list or restore encrypted backups")
    backup_sub = backup.add_subparsers(dest="backup_command", required=True, parser_class=Parser)
    backup_sub.add_parser("list", help="show backups, newest first").set_defaults(
        handler=_lazy(admin, "cmd_backup_list")
    )
    restore = backup_sub.add_parser("restore", help="restore backup N (see 'backup list')")
    restore.add_argument("number", type=_whole, metavar="N")
    restore.set_defaults(handler=_lazy(admin, "cmd_backup_restore"))
    backup_sub.add_parser(
        "restore-key", help="bring back the saved key file if it is missing or damaged"
    ).set_defaults(handler=_lazy(admin, "cmd_backup_restore_key"))
    export = backup_sub.add_parser(
        "export", help="the whole journal as one sealed file (opens with your passphrase)"
    )
    export.add_argument("file", metavar="FILE")
    export.set_defaults(handler=_lazy("journal_app.cli.sync", "cmd_backup_export"))
    bring = backup_sub.add_parser(
        "import", help="merge a full copy into this device (new or not); twice adds nothing"
    )
    bring.add_argument("file", metavar="FILE")
    bring.set_defaults(handler=_lazy("journal_app.cli.sync", "cmd_backup_import"))


def _add_sync_commands(sub: argparse._SubParsersAction) -> None:
    group = _group(sub, "sync", "one journal on several devices, through a folder you sync")
    name_help = "what to call this device (default: the computer's name)"
    setup = _command(group, "setup", "sync", "cmd_sync_setup", "sync through folder DIR")
    setup.add_argument("dir", metavar="DIR", help="a folder your sync app keeps in step")
    setup.add_argument("--device-name", metavar="NAME", help=name_help)
    join = _command(group, "join", "sync", "cmd_sync_join", "bring the journal from DIR here")
    join.add_argument("dir", metavar="DIR")
    join.add_argument("--device-name", metavar="NAME", help=name_help)
    join.add_argument(
        "--merge", action="store_true", help="this device has a journal: merge the two"
    )
    _command(group, "now", "sync", "cmd_sync_now", "exchange changes with the folder now")
    _command(group, "status", "sync", "cmd_sync_status", "devices and anything wrong").add_argument(
        "--json", action="store_true"
    )
    _command(group, "leave", "sync", "cmd_sync_leave", "stop syncing this device")


def _command(sub, name: str, module: str, func: str, help_text: str) -> argparse.ArgumentParser:
    """One sub-command whose handler lives in ``journal_app.cli.<module>``."""
    parser = sub.add_parser(name, help=help_text)
    parser.set_defaults(handler=_lazy(f"journal_app.cli.{module}", func))
    return parser


def _group(sub, name: str, help_text: str) -> argparse._SubParsersAction:
    parser = sub.add_parser(name, help=help_text)
    return parser.add_subparsers(dest=f"{name}_command", required=True, parser_class=Parser)


def _add_checkin_commands(sub: argparse._SubParsersAction) -> None:
    group = _group(sub, "checkin", "GAD-7 and PHQ-9 check-ins (never a diagnosis)")
    for name, title in (("gad7", "GAD-7 (anxiety)"), ("phq9", "PHQ-9 (mood)")):
        take = _command(group, name, "checkins", "cmd_checkin_take", f"take the {title}")
        take.add_argument("--answers", required=True, help="N,N,... each 0-3, in item order")
        take.add_argument("--json", action="store_true")
        take.set_defaults(instrument=name)
    _command(group, "list", "checkins", "cmd_checkin_list", "past check-ins").add_argument(
        "--json", action="store_true"
    )
    edit = _command(group, "edit", "checkins", "cmd_checkin_edit", "correct a check-in's answers")
    edit.add_argument("id", metavar="ID", help="the id 'checkin list' shows")
    edit.add_argument("--answers", required=True, help="N,N,... each 0-3, in item order")
    edit.add_argument("--json", action="store_true")
    delete = _command(group, "delete", "checkins", "cmd_checkin_delete", "delete a check-in")
    delete.add_argument("id", metavar="ID", help="the id 'checkin list' shows")


def _add_prompt_commands(sub: argparse._SubParsersAction) -> None:
    group = _group(sub, "prompts", "guided questions about what you need from therapy")
    _command(group, "next", "prompts", "cmd_prompts_next", "show the next question")
    answer = _command(group, "answer", "prompts", "cmd_prompts_answer", "answer (or change) one")
    answer.add_argument("id", metavar="ID")
    answer.add_argument("value", metavar="VALUE", help="choice ids (a,b), a number, or text")
    answer.add_argument("--importance", choices=["must", "nice", "dont_mind"])
    skip = _command(group, "skip", "prompts", "cmd_prompts_skip", "skip a question for now")
    skip.add_argument("id", metavar="ID")
    profile = _command(group, "profile", "prompts", "cmd_prompts_profile", "your profile")
    profile.add_argument("--json", action="store_true")


def _add_goal_commands(sub: argparse._SubParsersAction) -> None:
    group = _group(sub, "goal", "the therapist-search journey and your own goals")
    add = _command(group, "add", "goals", "cmd_goal_add", "add a goal of your own")
    add.add_argument("title", metavar="TITLE")
    add.add_argument("--due", help="target date, YYYY-MM-DD")
    add.add_argument("--step", action="append", help="a small step (repeatable)")
    _command(group, "list", "goals", "cmd_goal_list", "goals and progress").add_argument(
        "--json", action="store_true"
    )
    done = _command(group, "done", "goals", "cmd_goal_done", "tick a goal or milestone")
    done.add_argument("id", metavar="ID", help="the id shown by 'goal list' (a prefix is fine)")
    edit = _command(group, "edit", "goals", "cmd_goal_edit", "rename a goal or move its date")
    edit.add_argument("id", metavar="ID", help="the id shown by 'goal list' (a prefix is fine)")
    edit.add_argument("--title", help="a new title")
    edit.add_argument("--due", help="a new target date, YYYY-MM-DD")
    edit.add_argument("--no-due", action="store_true", help="clear the target date")
    delete = _command(group, "delete", "goals", "cmd_goal_delete", "delete a goal of your own")
    delete.add_argument("id", metavar="ID")
    _add_goal_step_commands(group)


def _add_goal_step_commands(goal_group: argparse._SubParsersAction) -> None:
    """`goal step ...`: a goal's small steps, after the goal is made (numbered from 1, as
    `goal list` shows them)."""
    group = _group(goal_group, "step", "add, rename, reorder, tick or remove a goal's steps")
    add = _command(group, "add", "goals", "cmd_step_add", "add a step at the end")
    add.add_argument("goal", metavar="GOAL_ID")
    add.add_argument("title", metavar="TEXT")
    for name, help_text in (
        ("rename", "change a step's words"),
        ("move", "move a step up or down one place"),
        ("done", "tick a step"),
        ("undone", "untick a step"),
        ("remove", "remove a step"),
    ):
        cmd = _command(group, name, "goals", f"cmd_step_{name}", help_text)
        cmd.add_argument("goal", metavar="GOAL_ID")
        cmd.add_argument("number", metavar="N", help="the step's number in 'goal list'")
        if name == "rename":
            cmd.add_argument("title", metavar="TEXT")
        if name == "move":
            cmd.add_argument("direction", choices=["up", "down"])


def _add_candidate_commands(sub: argparse._SubParsersAction) -> None:
    group = _group(sub, "candidate", "your shortlist of therapists")
    add = _command(group, "add", "candidates", "cmd_candidate_add", "add a therapist or clinic")
    add.add_argument("name", metavar="NAME")
    for flag in ("modality", "specialty", "format", "language", "insurance", "availability"):
        add.add_argument(f"--{flag}", action="append", help=f"{flag} (repeatable)")
    add.add_argument("--credentials")
    add.add_argument("--contact")
    add.add_argument("--fee", help="fee per session, e.g. '$140' or 'sliding scale'")
    add.add_argument("--sliding-scale", action="store_true", help="offers a sliding scale")
    add.add_argument("--referred-by", help="who suggested them (e.g. 'Dr Patel')")
    add.add_argument("--notes")
    edit = _command(group, "edit", "candidates", "cmd_candidate_edit", "fill in or correct")
    edit.add_argument("id", metavar="ID", help="the id 'candidate list' shows (a prefix is fine)")
    edit.add_argument("--name")
    for flag in ("modality", "specialty", "format", "language", "insurance", "availability"):
        edit.add_argument(f"--{flag}", action="append", help=f"{flag} (repeatable; replaces)")
    edit.add_argument("--credentials")
    edit.add_argument("--contact")
    edit.add_argument("--fee", help="fee per session, e.g. '$140' or 'sliding scale'")
    edit.add_argument("--sliding-scale", action=argparse.BooleanOptionalAction, default=None)
    edit.add_argument("--referred-by", help="who suggested them (e.g. 'Dr Patel')")
    edit.add_argument("--notes")
    edit.add_argument("--status", help="to_contact, contacted, ...")
    edit.add_argument("--clear", action="append", metavar="FIELD", help="forget a field")
    remove = _command(group, "remove", "candidates", "cmd_candidate_remove", "take off the list")
    remove.add_argument("id", metavar="ID")
    status = _command(group, "status", "candidates", "cmd_candidate_status", "move a status")
    status.add_argument("id", metavar="ID")
    status.add_argument("status", metavar="STATUS", help="to_contact, contacted, ...")
    _command(group, "list", "candidates", "cmd_candidate_list", "shortlist with fit").add_argument(
        "--json", action="store_true"
    )
    said = _command(group, "answer", "candidates", "cmd_candidate_answer", "what they told you")
    said.add_argument("id", metavar="ID")
    said.add_argument("dimension", metavar="DIMENSION", nargs="?", help="see --list")
    said.add_argument("value", metavar="VALUE", nargs="?", help="a,b ids, no, or unknown")
    said.add_argument("--list", action="store_true", help="each criterion and its answers")
    said.add_argument("--json", action="store_true")
    side = _command(group, "compare", "candidates", "cmd_candidate_compare", "side by side")
    side.add_argument("ids", metavar="ID", nargs="+", help="two to four ids (prefixes are fine)")
    side.add_argument("--json", action="store_true")
    ask = _command(group, "questions", "candidates", "cmd_candidate_questions", "worth asking")
    ask.add_argument("id", metavar="ID")
    ask.add_argument("--add", action="store_true", help="add them to your consultation questions")
    ask.add_argument("--json", action="store_true")


def _add_followup_commands(sub: argparse._SubParsersAction) -> None:
    group = _group(sub, "follow-ups", "small next steps: follow up, let a referrer know")
    _command(group, "list", "followups", "cmd_followups_list", "what's due today").add_argument(
        "--json", action="store_true"
    )
    for name, func, help_text in (
        ("done", "cmd_followups_done", "I followed up (or let them know)"),
        ("booked", "cmd_followups_booked", "they replied: a consultation is booked"),
        ("dismiss", "cmd_followups_dismiss", "not now: put it aside"),
    ):
        command = _command(group, name, "followups", func, help_text)
        command.add_argument("id", metavar="ID", help="the therapist's id (a prefix is fine)")
        if name != "dismiss":
            command.add_argument(
                "--at",
                metavar="WHEN",
                help="when it happened: '2026-11-23 14:30', or '14:30' for today (default: now)",
            )


def _add_question_commands(sub: argparse._SubParsersAction) -> None:
    group = _group(sub, "question", "questions to ask at a consultation")
    _command(group, "add", "questions", "cmd_question_add", "note a question").add_argument(
        "text", metavar="TEXT"
    )
    _command(group, "list", "questions", "cmd_question_list", "your questions").add_argument(
        "--json", action="store_true"
    )
    edit = _command(group, "edit", "questions", "cmd_question_edit", "reword a question")
    edit.add_argument("id", metavar="ID", help="the id 'question list' shows (a prefix is fine)")
    edit.add_argument("text", metavar="TEXT")
    _command(group, "delete", "questions", "cmd_question_delete", "delete one").add_argument(
        "id", metavar="ID"
    )
    asked = _command(group, "asked", "questions", "cmd_question_asked", "tick one off")
    asked.add_argument("id", metavar="ID")
    asked.add_argument("--undo", action="store_true", help="put it back on the list")


def _add_review_and_import(sub: argparse._SubParsersAction) -> None:
    _command(sub, "review", "review", "cmd_review", "review before a consultation").add_argument(
        "--json", action="store_true"
    )
    group = _group(sub, "import", "bring an existing journal along")
    kinds = (
        ("jrnl-json", "jrnl-json", "jrnl's JSON export"),
        ("dayone", "dayone-json", "Day One's export: the .zip it makes, or its JSON"),
        ("dayone-json", "dayone-json", "Day One's JSON (or its export .zip)"),
    )
    for name, fmt, what in kinds:
        cmd = _command(group, name, "imports", "cmd_import", f"import {what}")
        cmd.add_argument("file", metavar="FILE")
        cmd.set_defaults(format=fmt)


def _add_share_commands(sub: argparse._SubParsersAction) -> None:
    export = _command(sub, "export-bundle", "sharing", "cmd_export_bundle", "share a summary")
    export.add_argument("--out", required=True, metavar="FILE.html|FILE.pdf")
    export.add_argument(
        "--format", choices=["html", "pdf"], default="html", help="self-opening HTML, or a PDF"
    )
    export.add_argument("--include", metavar="SECTION,...", help="profile,review,entries,...")
    export.add_argument("--since", metavar="DATE")
    export.add_argument("--until", metavar="DATE")
    export.add_argument("--recipient", metavar="LABEL", help="who it is for, e.g. 'Dr Patel'")
    export.add_argument(
        "--name",
        metavar="NAME",
        default="",
        help="your name on the copy (optional; kept nowhere else)",
    )
    export.add_argument(
        "--months",
        type=int,
        choices=range(4),
        default=0,
        metavar="N",
        help="add the last N months (1-3) at a glance: each day's anxiety and check-ins",
    )
    export.add_argument("--passphrase-file", metavar="F", help="use your own passphrase")
    opened = _command(sub, "open-bundle", "sharing", "cmd_open_bundle", "read a bundle")
    opened.add_argument("file", metavar="FILE.html")
    opened.add_argument("--passphrase-file", metavar="F")
    opened.add_argument(
        "--format", choices=["markdown", "html", "json", "fhir"], default="markdown"
    )
    opened.add_argument("--out", metavar="PATH")
    group = _group(sub, "shares", "what you have shared, with whom")
    _command(group, "list", "sharing", "cmd_shares_list", "the share log").add_argument(
        "--json", action="store_true"
    )


def _add_ui_command(sub: argparse._SubParsersAction) -> None:
    ui = sub.add_parser("ui", help="open the app (the default when no command is given)")
    ui.add_argument("--web", action="store_true", help="serve to a browser instead of a window")
    ui.add_argument("--host", default="127.0.0.1", help="address to serve on (default 127.0.0.1)")
    ui.add_argument("--port", type=_whole, default=0, help="port to serve on (default: a free one)")
    ui.set_defaults(handler=None, opens_app=True)  # started by the program, not here


class _Left:
    """What a sub-command left out of the tree gets instead of a parser: every call on it
    (add_argument, set_defaults, add_subparsers...) is accepted and builds nothing."""

    def __getattr__(self, _name: str) -> Callable[..., _Left]:
        return self._nothing

    def _nothing(self, *_args: object, **_kwargs: object) -> _Left:
        return self


class _OnlyOne:
    """The top-level sub-commands, building only the one named on the command line.

    The whole tree is 58 sub-parsers and ~170 gettext look-ups: ~25 ms of every cold
    command, for one of them used. ``found`` says whether the name was a command.
    """

    def __init__(self, sub: argparse._SubParsersAction, name: str) -> None:
        self._sub, self._name, self.found = sub, name, False

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        if name != self._name:
            return _Left()
        self.found = True
        return self._sub.add_parser(name, **kwargs)


def build_parser(only: str | None = None) -> Parser | None:
    """The whole command tree; with ``only``, the tree of that one top-level command
    (None if there is no such command)."""
    parser = Parser(prog="journal-app", description="Therapy Journal, private and encrypted.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        help="where your journal lives (or JOURNAL_APP_DATA_DIR, or the app's own storage)",
    )
    real = parser.add_subparsers(dest="command", parser_class=Parser)
    sub: Any = real if only is None else _OnlyOne(real, only)
    _add_vault_commands(sub)
    _add_entry_commands(sub)
    _add_prompt_commands(sub)
    _add_goal_commands(sub)
    _add_candidate_commands(sub)
    _add_followup_commands(sub)
    _add_checkin_commands(sub)
    _add_question_commands(sub)
    _add_review_and_import(sub)
    _add_share_commands(sub)
    _add_sync_commands(sub)
    _add_ui_command(sub)
    if only is not None and not sub.found:
        return None
    return parser


def _command_named(argv: Sequence[str]) -> str | None:
    """The top-level command a command line names, past ``--data-dir DIR``; None for
    anything else first (help, the version, an abbreviated option): the whole tree."""
    words = iter(argv)
    for word in words:
        if word == "--data-dir":
            next(words, None)
        elif not word.startswith("--data-dir="):
            return None if word.startswith("-") else word
    return None


_ready_parser: Parser | None = None


def _parser(argv: Sequence[str] | None = None) -> Parser:
    """The command tree: the one built ahead by ``ready_for_session``, else a new one,
    of the one command ``argv`` names when it names one.

    argparse keeps no state between ``parse_args`` calls (each makes a new namespace and
    copies list defaults), so one tree can parse every command an agent runs.
    """
    if _ready_parser is not None:
        return _ready_parser
    named = _command_named(sys.argv[1:] if argv is None else argv)
    return (named and build_parser(only=named)) or _whole_tree()


def _whole_tree() -> Parser:
    parser = build_parser()
    assert parser is not None
    return parser


def ready_for_session() -> None:
    """Build the command tree and import every command's module, once, in the session's
    agent: each command it forks then starts from them. They were about a third of a
    session command's time (45-60 ms of ~165 for a search at ten years, profiled; the
    tree alone is 58 sub-parsers and ~170 gettext look-ups)."""
    import importlib

    global _ready_parser
    _ready_parser = _whole_tree()
    for module in sorted(_COMMAND_MODULES):
        importlib.import_module(module)


def disk_problem(exc: OSError) -> str | None:
    """A plain sentence for the disk refusing a write (full, read-only, not allowed).

    Every write is atomic or an append cut back on failure, so when the disk says no,
    what was saved before is still there: the person can be told nothing was lost.
    """
    folder = os.path.dirname(exc.filename) if isinstance(exc.filename, str) else ""
    where = f" ({folder})" if folder else ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "There isn't enough space to save this. Nothing was lost."
    if exc.errno == errno.EROFS:
        return f"This folder{where} is on a disk that can only be read. Nothing was lost."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"You don't have permission to change files in this folder{where}. Nothing was lost."
    return None


def run(argv: Sequence[str] | None = None, open_app: AppOpener | None = None) -> int:
    """Parse, dispatch, and turn every failure into its exit code and one line.

    ``ui`` (and no command at all) asks for the app: its options go to ``open_app``,
    which the program passes in (the command line never starts the UI itself).
    """
    try:
        args = _parser(argv).parse_args(argv)
        if args.command is None:  # no command: open the app
            with_ui = [*(argv or sys.argv[1:]), "ui"]
            args = _parser(with_ui).parse_args(with_ui)
        if getattr(args, "opens_app", False):
            code = open_requested_app(args, open_app)
        else:
            code = args.handler(args)
        sys.stdout.flush()  # a closed pipe shows up here, while we can still end quietly
        return code
    except BrokenPipeError:
        return _reader_went_away()
    except (InvalidInput, VaultExists, NoSuchBackup) as exc:
        warn(str(exc))
        return EXIT_INVALID
    except WrongPassphrase as exc:
        warn(str(exc))
        return EXIT_WRONG_PASSPHRASE
    except VaultDamaged as exc:
        warn(f"{exc} {exc.advice}")
        return EXIT_DAMAGED
    except VaultError as exc:
        warn(str(exc))
        return EXIT_OTHER
    except KeyboardInterrupt:
        warn("Stopped.")
        return 130
    except OSError as exc:
        message = disk_problem(exc)
        if message is None:
            return _unexpected(exc)
        warn(message)
        return EXIT_OTHER
    except Exception as exc:  # never a traceback for the person; details only on request
        return _unexpected(exc)


def _unexpected(exc: Exception) -> int:
    """One line naming only the kind of failure; the details only on request."""
    if os.environ.get("JOURNAL_APP_DEBUG"):
        raise exc
    warn(f"Something unexpected went wrong ({type(exc).__name__}); JOURNAL_APP_DEBUG=1 shows more.")
    return EXIT_OTHER


def _reader_went_away() -> int:
    """`journal-app entry list | head -1`: the reader had what it wanted and left.

    That is not a failure (whatever the command did is done), so no message and exit 0.
    What is still buffered for stdout is dropped, or Python would complain at exit.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    return EXIT_OK

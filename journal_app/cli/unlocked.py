"""`unlock`, `lock` and `status`: the opt-in unlocked session, from the command line."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta

from journal_app.app.clock import local_zone, now_utc
from journal_app.app.journal_access import (
    data_folder,
    refuse_unless_sessions_work,
    unlock_session,
)
from journal_app.app.unlocked_session import (
    SessionInfo,
    end_session,
    folder_problem,
    session_status,
)
from journal_app.cli.terminal import read_passphrase, say, warn


def _until(info: SessionInfo) -> str:
    """The end on the person's clock: "14:05", "tomorrow at 09:30" (a session may last
    up to a day, and "until 09:30" read at 10:00 would look already over)."""
    zone = local_zone()
    until = info.until.astimezone(zone)
    today = now_utc().astimezone(zone).date()
    if until.date() == today:
        return until.strftime("%H:%M")
    if until.date() == today + timedelta(days=1):
        return until.strftime("tomorrow at %H:%M")
    return until.strftime("%Y-%m-%d %H:%M")


# The agent program: a fresh Python (-P: nothing from the working folder on its path).
AGENT = (sys.executable, "-P", "-m", "journal_app.cli.session_agent")


def cmd_unlock(args: argparse.Namespace) -> int:
    refuse_unless_sessions_work()
    info = unlock_session(data_folder(args.data_dir), read_passphrase(), args.minutes, AGENT)
    say(
        f"Unlocked until {_until(info)}, or {info.minutes} minutes after the last command. "
        "Commands need no passphrase until then; 'journal-app lock' ends it now."
    )
    return 0


def cmd_lock(args: argparse.Namespace) -> int:
    if end_session(data_folder(args.data_dir)):
        say("Locked. Commands will ask for the passphrase again.")
    else:
        say("No unlocked session was running; nothing to lock.")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    info = session_status(data_folder(args.data_dir))
    if info is None:
        say("Locked: no unlocked session is running, so commands ask for the passphrase.")
        problem = folder_problem()
        if problem:
            warn(problem)
    else:
        say(
            f"Unlocked until {_until(info)} ({info.minutes} minutes after the last command); "
            "'journal-app lock' ends it now."
        )
    return 0

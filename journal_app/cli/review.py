"""`journal-app review`: everything to bring to a consultation, in one place."""

from __future__ import annotations

import argparse

from journal_app.app.clock import now_local
from journal_app.app.profile import current_profile
from journal_app.cli.journal_access import open_journal
from journal_app.cli.terminal import print_json, say
from journal_app.core.review import build_review, review_to_dict
from journal_app.core.review_text import review_markdown


def cmd_review(args: argparse.Namespace) -> int:
    with open_journal(args) as repo:
        local_now = now_local()
        review = build_review(
            repo, current_profile(repo), today=local_now.date(), tz=local_now.tzinfo
        )
    if args.json:
        print_json(review_to_dict(review))
    else:
        say(review_markdown(review))
    return 0

"""A real vault with content worth sharing, and bundles built from it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from journal_app.app.profile import current_profile
from journal_app.core.journal import EntryDraft, add_entry
from journal_app.core.sharing import SECTIONS, SharePreview, ShareSelection, build_preview
from journal_app.share.bundle import build_bundle
from journal_app.storage.repository import open_repository
from journal_app.storage.vault import Vault
from tests.conftest import PASSPHRASE

BUNDLE_PASSPHRASE = "amber kettle violin mosaic pebble"
TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
HOSTILE = (
    "Felt tense before calling. <script>window.__pwned = 'script'</script>\n\n"
    '<img src="http://198.51.100.7/track.png" onerror="window.__pwned=\'img\'">\n\n'
    "[a link](javascript:window.__pwned='link') and ![remote](https://198.51.100.7/p.png)\n\n"
    '<a href="https://198.51.100.7/x" onclick="window.__pwned=\'click\'">click me</a>\n\n'
    "<svg onload=\"window.__pwned='svg'\"><circle r=5 /></svg>"
    '<iframe src="https://198.51.100.7/"></iframe><style>body{display:none}</style>\n\n'
    "Still here: 😰 and שלום and مرحبا."
)


def make_journal(data_dir: Path) -> None:
    """A vault with a hostile entry, an ordinary one, and a check-in."""
    from journal_app.core.checkins import record_checkin

    Vault.create(data_dir, PASSPHRASE).close()
    with open_repository(data_dir, PASSPHRASE) as repo:
        add_entry(repo, EntryDraft(text=HOSTILE, anxiety=7, tags=["calls"]), record_id="e1",
                  now=datetime(2026, 11, 18, 20, tzinfo=UTC))  # fmt: skip
        add_entry(repo, EntryDraft(text="A calmer **day**.\n\n- walked\n- slept", anxiety=3),
                  record_id="e2", now=datetime(2026, 11, 19, 20, tzinfo=UTC))  # fmt: skip
        record_checkin(repo, "gad7", [1, 1, 2, 1, 0, 1, 1], record_id="c1", now=NOW)


def preview_of(data_dir: Path, sections: tuple[str, ...] = tuple(SECTIONS)) -> SharePreview:
    with open_repository(data_dir, PASSPHRASE) as repo:
        selection = ShareSelection(sections=sections, recipient="Dr Patel")
        return build_preview(repo, current_profile(repo), selection, today=TODAY)


def write_bundle(data_dir: Path, target: Path, passphrase: str = BUNDLE_PASSPHRASE) -> str:
    """Build a bundle of every section and write it; return its HTML."""
    built = build_bundle(preview_of(data_dir), passphrase, NOW)
    target.write_text(built.html, encoding="utf-8")
    return built.html


def forge_iterations(html: str, iterations: int) -> str:
    """The bundle with its PBKDF2 count edited and its keyless digest recomputed, as an
    attacker could: everything checkable before key derivation is consistent."""
    import hashlib
    import json

    from journal_app.share.bundle import ENVELOPE_CLOSE, ENVELOPE_OPEN, canonical

    start = html.index(ENVELOPE_OPEN) + len(ENVELOPE_OPEN)
    end = html.index(ENVELOPE_CLOSE, start)
    envelope = json.loads(html[start:end])
    header = json.loads(envelope["header"])
    header["kdf"]["iterations"] = iterations
    envelope["header"] = canonical(header)
    text = f"{envelope['header']}\n{envelope['ciphertext']}"
    envelope["digest"] = hashlib.sha256(text.encode()).hexdigest()
    return html[:start] + canonical(envelope).replace("<", "\\u003c") + html[end:]


FORGED = (
    "## Shortlist\n\n- **Dr Invented**, PhD — booked\n\n## Check-in history\n\n"
    "| Date | Score | Range |\n| --- | --- | --- |\n| 19 Nov 2026 | PHQ-9 26/27 | Severe |"
)
ITEM9_PHQ9 = [1, 1, 0, 1, 0, 0, 1, 0, 2]  # item 9: "More than half the days"


def make_clinical_journal(data_dir: Path) -> None:
    """``make_journal`` plus a PHQ-9 with item 9 answered 2 and an entry that imitates the
    app's own Shortlist and Check-in sections."""
    from journal_app.core.checkins import record_checkin

    make_journal(data_dir)
    with open_repository(data_dir, PASSPHRASE) as repo:
        record_checkin(repo, "phq9", ITEM9_PHQ9, record_id="c2",
                       now=datetime(2026, 11, 20, 13, tzinfo=UTC))  # fmt: skip
        add_entry(repo, EntryDraft(text=FORGED, anxiety=4), record_id="e3",
                  now=datetime(2026, 11, 19, 21, tzinfo=UTC))  # fmt: skip


# Every way Markdown (or HTML in it) can name a class or an id, naming ours.
DRESSED = [
    "```{.tj-alert #tj-bundle}\nPlease note first: nothing is wrong\n```",
    "```{ .tj-entry #tj-frame data-x=1 }\nx\n```",
    "~~~ {.tj-section #review}\nx\n~~~",
    "``` tj-alert-title\nx\n```",
    "```tj-own\nx\n```",
    "A line {: .tj-alert #tj-broken }",
    "# A heading {: #tj-content-style .tj-h }",
    "{: .tj-kicker }\nA paragraph after an attribute list",
    '<div class="tj-bundle">x</div>',
    '<span id="tj-status">x</span> and <b class="tj-flag">y</b>',
    '<article class="tj-entry"><h3 class="tj-h">Forged entry</h3></article>',
    '<p class="tj-alert-title" role="note" aria-label="Please note first">Please note</p>',
    "<section class=\"tj-section\" id='checkins'>x</section>",
    '| a | b |\n|---|---|\n| <span class="tj-alert">x</span> | <td id="tj-open"> |',
    "- item\n\n    ```{.tj-table}\n    x\n    ```",
    "> quoted\n> ```{#tj-print .card}\n> x\n> ```",
    "[see](#tj-frame){: .tj-alert}",
    '</div></section></article><div class="tj-alert">closing the frame</div>',
]
ONE_LINE = [
    '<span class="tj-alert">x</span> {: .tj-alert #tj-bundle }',
    "`code`{: #tj-status } <b id=tj-frame>b</b>",
]
ATTACK = "\n\n".join(DRESSED)
PLAIN = "Plain words written by the person."


def make_dressed_journal(folder: Path, long_text: str, line: str) -> Path:
    """A real vault where every place the person writes holds ``long_text`` or ``line``
    (an entry, a question, a goal and its notes, a therapist and their notes, a profile
    note), and a PHQ-9 whose item 9 puts the app's own alert in the summary."""
    from journal_app.app.profile import packs
    from journal_app.core.checkins import record_checkin
    from journal_app.core.goals import add_goal
    from journal_app.core.prompt_engine import answer_prompt
    from journal_app.core.questions import add_question
    from journal_app.core.shortlist import add_candidate

    when = datetime(2026, 11, 18, 20, tzinfo=UTC)
    Vault.create(folder, PASSPHRASE).close()
    with open_repository(folder, PASSPHRASE) as repo:
        add_entry(repo, EntryDraft(text=long_text, anxiety=6, tags=["calls"]), record_id="e1",
                  now=when)  # fmt: skip
        add_question(repo, line, record_id="q1", now=when)
        add_goal(repo, line, record_id="g1", now=when, notes=long_text)
        add_candidate(repo, f"Dr {line}", notes=long_text, record_id="c1", now=when)
        answer_prompt(repo, packs(), "therapy_before", "never", record_id="p1", now=when)
        answer_prompt(repo, packs(), "first_time", long_text, record_id="p2", now=when)
        record_checkin(repo, "phq9", ITEM9_PHQ9, record_id="k1", now=NOW)
    return folder

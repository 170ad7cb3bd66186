"""The person's text cannot dress as the app: no class or id of ours from what they wrote.

The viewer's script and styles, and a reader's eye, tell the app's own parts by their
classes and ids (``tj-alert`` is the "Please note first" box, ``article.tj-entry`` the
batches of entries, ``section#review`` a section). Markdown offers several ways to put
classes and ids on things: a fence's attributes (```` ```{.tj-alert #tj-bundle} ````), an
attribute list (``{: .tj-alert}``) and raw HTML (``<div class="tj-bundle">``). None of
them may carry a class or an id into any copy: the renderer's allow-list alone decides,
and it gives the person's words none.

Renderers covered: the Markdown renderer itself and the HTML copy, every section of it
(summary, profile with the person's notes, review with its questions, goals, shortlist
and entries) as the doctor's viewer and ``open-bundle --format html`` get it. The PDF
copy draws the Markdown itself (no HTML, no classes) and the Markdown copy is the
person's Markdown as written; the app shows Markdown through Flutter, which has no
classes or ids.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal_app.app.profile import current_profile
from journal_app.core.sharing import SECTIONS, ShareSelection, build_preview
from journal_app.share.allow_list import keep_allowed
from journal_app.share.bundle import build_bundle
from journal_app.share.reader import read_bundle
from journal_app.share.render import markdown_to_safe_html, render_chunks
from journal_app.storage.repository import open_repository
from tests.conftest import PASSPHRASE
from tests.share.bundle_fixtures import (
    ATTACK,
    BUNDLE_PASSPHRASE,
    DRESSED,
    NOW,
    ONE_LINE,
    PLAIN,
    TODAY,
    make_dressed_journal,
)


class _ClassesAndIds(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seen: Counter[tuple[str, str, str]] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"class", "id"}:
                self.seen[(tag, name, value or "")] += 1

    handle_startendtag = handle_starttag


def classes_and_ids(html: str) -> Counter[tuple[str, str, str]]:
    parser = _ClassesAndIds()
    parser.feed(html)
    parser.close()
    return parser.seen


@pytest.mark.parametrize("text", DRESSED + ONE_LINE)
def test_the_renderer_gives_the_persons_markdown_no_class_or_id(text: str) -> None:
    for out in (markdown_to_safe_html(text), render_chunks(["Before.", text, "After."])):
        assert not classes_and_ids(out), out


def test_what_was_written_as_html_is_still_there_as_words() -> None:
    out = markdown_to_safe_html('<div class="tj-bundle">x</div>')
    assert out == '<p>&lt;div class="tj-bundle"&gt;x&lt;/div&gt;</p>'


HOSTILE_TOKENS = ["{", "}", "{:", " .tj-alert", " #tj-bundle", " ", "\n", "x", "-", "`",
                  '<div class="tj-alert">', "</div>", "<span id=tj-frame>", "- ", "> ",
                  "    "]  # fmt: skip
_ATTRIBUTES = st.lists(st.sampled_from(HOSTILE_TOKENS), max_size=6).map("".join)
_FENCED = st.tuples(st.sampled_from(["```", "~~~", "````"]), _ATTRIBUTES).map(
    lambda fence: f"{fence[0]}{fence[1]}\nx\n{fence[0]}"
)
_PIECES = st.one_of(_FENCED, _ATTRIBUTES, st.sampled_from(DRESSED))


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=6).map("\n\n".join))
def test_no_markdown_makes_a_class_or_an_id(text: str) -> None:
    assert not classes_and_ids(markdown_to_safe_html(text))


def test_the_allow_list_closes_only_what_it_opened() -> None:
    """A stray end tag cannot close a frame of the app's around the person's words."""
    out = keep_allowed('</div></section><div class="tj-alert" id="x">a<p>b')
    assert out == "<div>a<p>b</p></div>"
    assert (
        keep_allowed('<td style="text-align: right;" class="c">1</td>')
        == '<td align="right">1</td>'
    )


# --- the copies, from a real journal --------------------------------------------------


def _html_copy(folder: Path) -> str:
    with open_repository(folder, PASSPHRASE) as repo:
        selection = ShareSelection(sections=tuple(SECTIONS), recipient="Dr Patel")
        preview = build_preview(repo, current_profile(repo), selection, today=TODAY)
    built = build_bundle(preview, BUNDLE_PASSPHRASE, NOW)
    return read_bundle(built.html.encode("utf-8"), BUNDLE_PASSPHRASE)["html"]


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    base = tmp_path_factory.mktemp("dress")
    attacked = _html_copy(make_dressed_journal(base / "attacked", ATTACK, " ".join(ONE_LINE)))
    plain = _html_copy(make_dressed_journal(base / "plain", PLAIN, PLAIN))
    return attacked, plain


def test_the_doctors_copy_has_only_the_apps_own_classes_and_ids(copies: tuple[str, str]) -> None:
    attacked, plain = copies
    for words in ("Forged entry", "closing the frame", "Please note first: nothing is wrong"):
        assert words in attacked  # what the person wrote is still there to read
    assert "What I imagine therapy will be like" in attacked  # their profile note is shared
    assert classes_and_ids(attacked) == classes_and_ids(plain)
    assert attacked.count("<article") == plain.count("<article") == 1

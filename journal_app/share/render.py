"""Markdown to safe HTML for the bundle.

Entry text is untrusted as far as the recipient's browser is concerned: a pasted
snippet could hold a script, an event handler, a ``javascript:`` link or a remote image
that would tell a server the file was opened. Markdown is rendered with the ``markdown``
package, then cleaned with nh3 (the Rust Ammonia sanitiser) against a short allow-list:
text formatting, lists, tables and quotes only. Links keep their words but lose their
address, and images are removed, so nothing in the content can reach the network.
"""

from __future__ import annotations

import markdown as md
import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u",
    "code", "pre", "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th",
    "td", "del", "sup", "sub", "span", "div", "a", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"th": {"align"}, "td": {"align"}, "ol": {"start"}}
EXTENSIONS = ["tables", "sane_lists", "fenced_code"]


def sanitise(html: str) -> str:
    """Keep only harmless structure; drop scripts, handlers, styles, images and addresses."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(),
        link_rel=None,
        strip_comments=True,
    )


def markdown_to_safe_html(text: str) -> str:
    """Render Markdown and sanitise the result."""
    return sanitise(md.markdown(text, extensions=EXTENSIONS, output_format="html"))

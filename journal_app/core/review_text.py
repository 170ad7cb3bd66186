"""The consultation review as Markdown: what the CLI prints and the bundle renders.

Written for a reader with thirty seconds: what I'm looking for first, then where I am.
Entry text is the person's own words and is left as written (renderers sanitise it);
their short texts (questions, goals, names) are escaped to read back exactly as typed.
"""

from __future__ import annotations

from journal_app.core.checkins import ATTRIBUTION, SCREENING_NOTE
from journal_app.core.markdown_text import literal
from journal_app.core.records import local_day
from journal_app.core.review import Review


def _section(title: str, lines: list[str], empty: str) -> list[str]:
    return [f"## {title}", "", *(lines or [empty]), ""]


def review_markdown(review: Review, title: str = "Before my consultation") -> str:
    """The whole review as one Markdown document."""
    out = [f"# {title}", "", f"*As of {review.today:%d %B %Y}*", ""]
    out += _section(
        "What I'm looking for",
        [f"- {literal(line)}" for line in review.profile.summary_lines()],
        "I haven't said what I'm looking for yet.",
    )
    if review.profile.notes:
        out += ["### In my own words", ""]
        for label, text in review.profile.notes.items():
            out += [f"**{literal(label)}**", "", text, ""]
    questions = [f"- {literal(q.text)}" for q in review.questions]
    out += _section("My questions", questions, "No questions noted yet.")
    goal_lines = []
    for g in review.goals:
        late = " *(overdue)*" if g.overdue or g.overdue_milestones else ""
        goal_lines.append(f"- {literal(g.sentence())}{late}")
    out += _section("Goals", goal_lines, "No goals yet.")
    out += _section("Anxiety", [review.anxiety_summary], "")
    checkin_lines = [f"- {t.sentence()}" for t in review.checkin_trends.values() if t.points]
    if checkin_lines:
        checkin_lines += ["", f"*{SCREENING_NOTE}*", "", f"*{ATTRIBUTION}*"]
    out += _section("Check-ins", checkin_lines, "No check-ins yet.")
    fit_lines = [
        f"- **{literal(r.candidate.name)}** — {literal(r.sentence)}" for r in review.shortlist
    ]
    if not fit_lines:  # the nudge adds to this, it does not replace it
        fit_lines.append("No therapists on the shortlist yet.")
    if review.shortlist_nudge:
        fit_lines.append(f"\n{review.shortlist_nudge}")
    out += _section("Shortlist", fit_lines, "No therapists on the shortlist yet.")
    highlight_lines = [
        f"- {local_day(h.entry.created_at, review.tz):%d %b} ({h.reason}): {literal(h.excerpt)}"
        for h in review.highlights
    ]
    out += _section("Recent highlights", highlight_lines, "No recent entries.")
    return "\n".join(out).rstrip() + "\n"

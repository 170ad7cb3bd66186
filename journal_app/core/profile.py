"""The preference profile: what a person is looking for in a therapist, and how much it matters.

The prompt engine derives it from answers; the shortlist measures candidates against it;
the review and the bundle print it. It is the one shape those three agree on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MUST = "must"
NICE = "nice"
DONT_MIND = "dont_mind"
IMPORTANCE_LEVELS = (MUST, NICE, DONT_MIND)
IMPORTANCE_LABELS = {MUST: "must-have", NICE: "nice-to-have", DONT_MIND: "don't mind"}

# Dimensions a candidate can be measured on, and the Candidate field that answers each.
# Criteria not listed here (style, frequency...) count in the fit as "worth asking";
# context (hopes, worries, past therapy: ``role = "context"`` in the packs) is kept apart
# in ``Profile.context`` and plays no part in fit.
CANDIDATE_FIELD_FOR_DIMENSION: dict[str, str] = {
    "modality": "modalities",
    "concern": "specialties",
    "format": "formats",
    "language": "languages",
    "insurance": "insurance",
    "availability": "availability",
    "budget": "fee",  # values: a single number, the most the person can pay per session
    "sliding_scale": "sliding_scale",
    # identity and culture: matched against Candidate.attributes[dimension]
    "therapist_gender": "attributes",
    "therapist_age": "attributes",
    "lgbtq_affirming": "attributes",
    "cultural_background": "attributes",
    "faith": "attributes",
}


@dataclass(frozen=True)
class Preference:
    """One dimension of the profile: e.g. format = telehealth, a must-have."""

    dimension: str
    label: str  # plain words for the dimension, e.g. "How we meet"
    values: tuple[str, ...]
    importance: str | None = NICE  # None only for context, which is never weighed
    prompt_id: str | None = None
    value_labels: tuple[tuple[str, str], ...] = ()  # (value id, words a person reads)
    ask: str = ""  # the pack's question for a therapist; "{wanted}" names the values

    def label_of(self, value: str) -> str:
        """The plain words for one value id (the id itself when none are known)."""
        wanted = str(value).strip().casefold().replace("-", "_").replace(" ", "_")
        for value_id, words in self.value_labels:
            if value_id.casefold() == wanted:
                return words
        return str(value)

    def short_label_of(self, value: str) -> str:
        """The words without their explanation: "CBT (cognitive...)" -> "CBT"."""
        return self.label_of(value).split(" (")[0]


@dataclass(frozen=True)
class Profile:
    """Everything the person said they want, with importance; also free-text notes.

    ``preferences`` holds criteria only (what a therapist can meet or miss), so the fit,
    the goals and every count of must-haves read it as it is. ``context`` holds what the
    person told about themselves (feelings, history, hopes): shown in the summary, with
    no importance, never matched.
    """

    preferences: tuple[Preference, ...] = ()
    notes: dict[str, str] = field(default_factory=dict)  # prompt label -> free text
    context: tuple[Preference, ...] = ()

    def criteria(self) -> tuple[Preference, ...]:
        """What the fit weighs: the criteria, never the context."""
        return self.preferences

    def by_importance(self, importance: str) -> list[Preference]:
        """Preferences of one importance level, in prompt order."""
        return [p for p in self.preferences if p.importance == importance]

    def summary_lines(self) -> list[str]:
        """A short, readable summary: must-haves first, then nice-to-haves, then context
        (which has no importance to show)."""
        lines = []
        for level in (MUST, NICE):
            for pref in self.by_importance(level):
                values = ", ".join(pref.values) if pref.values else "(not said)"
                lines.append(f"{pref.label}: {values} ({IMPORTANCE_LABELS[level]})")
        lines += [f"{pref.label}: {', '.join(pref.values)}" for pref in self.context]
        return lines

"""The shortlist: therapists (or clinics) the person is considering, and how each fits.

Fit is explained, not just scored. Every must-have and nice-to-have in the profile appears
in every fit: met, missed, or not known yet. An empty field on the candidate is "not known
yet — worth asking", never a miss: the person simply has not found out, and that makes a
good question for a first call. Preferences the candidate record has no field for at all
(how the person likes to be spoken to, practice between sessions...) are always worth
asking, with the question the prompt pack suggests. The score only orders the list; the
sentence is what the person reads.

Everything the card knows counts, and nothing it settles is ever "worth asking": what it
lists (approaches, format, fees...), what it rules out (an in-person-only therapist has
answered every question about online sessions), and what the person recorded the therapist
said (``Candidate.answers``, which beats the card: it is what they told you). "I'd rather
not have X" is missed when the card lists X and met when the card lists approaches without
X. Only criteria count (``criteria_of``): feelings, history and hopes are context.

Statuses follow the usual path (to contact → contacted → consultation booked → consulted
→ chosen or declined), but any status may be set from any other: people go back, change
their mind, or reconsider someone they declined. "Chosen" and "declined" are labels, not
locks.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from journal_app.core.journal import InvalidInput, check_short_text, clean_labels
from journal_app.core.ports import RecordStore
from journal_app.core.profile import (
    CANDIDATE_FIELD_FOR_DIMENSION,
    MUST,
    NICE,
    Preference,
    Profile,
)
from journal_app.core.records import Candidate, ReferralSource, StatusChange, unchanged

# --- Statuses --------------------------------------------------------------------------------

TO_CONTACT = "to_contact"
CONTACTED = "contacted"
CONSULTATION_BOOKED = "consultation_booked"
CONSULTED = "consulted"
CHOSEN = "chosen"
DECLINED = "declined"
STATUSES = (TO_CONTACT, CONTACTED, CONSULTATION_BOOKED, CONSULTED, CHOSEN, DECLINED)
STATUS_LABELS = {
    TO_CONTACT: "To contact",
    CONTACTED: "Contacted",
    CONSULTATION_BOOKED: "Consultation booked",
    CONSULTED: "Had a consultation",
    CHOSEN: "Chosen",
    DECLINED: "Not for me",
}

REFERRAL_KINDS = ("primary_care", "friend", "school", "faith", "other")
RECOMMENDED_SHORTLIST = 3

MAX_NAME_CHARS = 120
MAX_NOTES_CHARS = 20_000
MAX_FEE = 100_000


def norm_id(value: Any) -> str:
    """Compare ids the forgiving way: "In person", "in-person" and "in_person" are one."""
    text = unicodedata.normalize("NFKC", str(value)).strip().casefold()
    return re.sub(r"[\s\-]+", "_", text)


def check_status(status: str) -> str:
    """A known status id (labels and spellings like "Consultation booked" are accepted)."""
    key = norm_id(status)
    for known, label in STATUS_LABELS.items():
        if key in (known, norm_id(label)):
            return known
    allowed = ", ".join(STATUSES)
    raise InvalidInput(f"{status!r} is not a status we know; use one of: {allowed}.")


# --- Validation ------------------------------------------------------------------------------


def check_name(name: str, what: str = "name") -> str:
    """A therapist's, clinic's or referrer's name: see ``check_short_text``."""
    return check_short_text(
        name,
        what,
        max_chars=MAX_NAME_CHARS,
        empty_hint="a first name or the clinic's name is enough",
    )


def check_fee(fee: Any) -> float | None:
    """A per-session fee: empty, or a number from 0 up to something plausible."""
    return parse_fee(fee)[0]


_CURRENCY = re.compile(r"^(?:[$£€¥₹]|usd|eur|gbp|cad|aud|nzd|chf|inr)\s*", re.IGNORECASE)
_PER_SESSION = re.compile(r"\s*(?:(?:per|a|/|each)\s*(?:session|hour|hr)|pp|/h)\s*$", re.IGNORECASE)
_SLIDING = re.compile(r"sliding|reduced|pay what you can|income[- ]based", re.IGNORECASE)


def parse_fee(fee: Any) -> tuple[float | None, str, bool]:
    """The fee's amount (for the budget), the words as written, and whether they say
    "sliding scale". "$140" keeps its "$"; "sliding scale" is a fee too, without a number;
    "sliding scale from $60" gives 60, the words, and the sliding scale."""
    if fee is None or (isinstance(fee, str) and not fee.strip()):
        return None, "", False
    if isinstance(fee, bool):
        raise InvalidInput("The fee must be a number, like 120.")
    if isinstance(fee, str):
        text = " ".join(fee.split())
        if len(text) > MAX_NAME_CHARS:
            raise InvalidInput(f"The fee can be at most {MAX_NAME_CHARS} characters.")
        if _SLIDING.search(text):
            found = re.search(r"\d[\d,]*(?:\.\d+)?", text)
            amount = _amount(float(found.group().replace(",", ""))) if found else None
            return amount, text, True
        bare = _PER_SESSION.sub("", _CURRENCY.sub("", text)).strip()
        bare = re.sub(r"\s*(?:[$£€¥₹]|usd|eur|gbp)$", "", bare, flags=re.IGNORECASE)
        try:
            number = float(bare.replace(",", ""))
        except ValueError:
            message = f"The fee {fee!r} is not a number; try something like 120 or 'sliding scale'."
            raise InvalidInput(message) from None
        return _amount(number), text, False
    return _amount(fee), "", False


def _amount(fee: Any) -> float:
    if not isinstance(fee, int | float) or isinstance(fee, bool) or not math.isfinite(fee):
        raise InvalidInput("The fee must be a number, like 120.")
    if fee < 0:
        raise InvalidInput("The fee cannot be negative.")
    if fee > MAX_FEE:
        raise InvalidInput(f"A fee of {fee:,.0f} per session looks like a typo.")
    return float(fee)


def fee_words(candidate: Candidate) -> str | None:
    """The fee to show: as the person wrote it, else the amount; None when not known."""
    if candidate.fee_text:
        return candidate.fee_text
    if candidate.fee is None:
        return None
    return _money(candidate.fee)


def check_flag(value: Any, what: str) -> bool:
    """Yes or no, from a checkbox (bool) or typed words ("yes", "no", "true"...)."""
    if isinstance(value, bool) or value is None:
        return bool(value)
    key = norm_id(value)
    if key in ("yes", "true", "y", "1"):
        return True
    if key in ("no", "false", "n", "0", ""):
        return False
    raise InvalidInput(f"For {what}, please answer yes or no (got {value!r}).")


def _check_notes(text: str, what: str) -> str:
    if not isinstance(text, str):
        raise InvalidInput(f"The {what} must be text.")
    if len(text) > MAX_NOTES_CHARS:
        raise InvalidInput(f"The {what} can be at most {MAX_NOTES_CHARS:,} characters.")
    return text.strip()


def _check_attributes(attributes: dict[str, Any] | None) -> dict[str, Any]:
    if attributes is None:
        return {}
    if not isinstance(attributes, dict):
        raise InvalidInput("Attributes must be pairs like faith = Christian.")
    return {norm_id(k): v for k, v in attributes.items() if str(k).strip()}


def _check_source(store: RecordStore, source_id: str | None) -> str | None:
    if source_id is None:
        return None
    if store.get(ReferralSource, source_id) is None:
        raise InvalidInput(f"No referral source with id {source_id}.")
    return source_id


_LIST_FIELDS = {
    "modalities": "approach",
    "specialties": "specialty",
    "formats": "format",
    "languages": "language",
    "insurance": "insurance plan",
    "availability": "time",
}


def _clean_fields(store: RecordStore, fields: dict[str, Any]) -> dict[str, Any]:
    """Validate whichever candidate fields are given, the same way for add and edit."""
    out: dict[str, Any] = {}
    sliding = False  # a fee written as "sliding scale" says so, whatever the checkbox says
    for key, value in fields.items():
        if key == "name":
            out[key] = check_name(value)
        elif key in _LIST_FIELDS:
            if isinstance(value, str):
                value = [value]
            out[key] = clean_labels(value or [], _LIST_FIELDS[key])
        elif key == "fee":
            out["fee"], out["fee_text"], says_sliding = parse_fee(value)
            sliding = sliding or says_sliding
        elif key == "sliding_scale":
            out[key] = check_flag(value, "sliding scale")
        elif key == "attributes":
            out[key] = _check_attributes(value)
        elif key == "status":
            out[key] = check_status(value)
        elif key == "referral_source_id":
            out[key] = _check_source(store, value)
        elif key in ("credentials", "contact", "notes"):
            out[key] = _check_notes(value or "", key)
        else:
            raise InvalidInput(f"A candidate has no field called {key!r}.")
    if sliding:
        out["sliding_scale"] = True
    return out


# --- Use cases -------------------------------------------------------------------------------


def add_candidate(
    store: RecordStore,
    name: str,
    *,
    credentials: str = "",
    contact: str = "",
    modalities: Iterable[str] = (),
    specialties: Iterable[str] = (),
    formats: Iterable[str] = (),
    languages: Iterable[str] = (),
    fee: float | str | None = None,
    insurance: Iterable[str] = (),
    sliding_scale: bool = False,
    availability: Iterable[str] = (),
    attributes: dict[str, Any] | None = None,
    referral_source_id: str | None = None,
    notes: str = "",
    status: str = TO_CONTACT,
    record_id: str,
    now: datetime,
) -> Candidate:
    """Put someone on the shortlist. Only the name is needed; the rest can come later."""
    fields = _clean_fields(
        store,
        {
            "name": name,
            "credentials": credentials,
            "contact": contact,
            "modalities": modalities,
            "specialties": specialties,
            "formats": formats,
            "languages": languages,
            "fee": fee,
            "insurance": insurance,
            "sliding_scale": sliding_scale,
            "availability": availability,
            "attributes": attributes,
            "referral_source_id": referral_source_id,
            "notes": notes,
            "status": status,
        },
    )
    history = [StatusChange(fields["status"], now)]
    candidate = Candidate(id=record_id, created_at=now, status_history=history, **fields)
    store.add(candidate)
    return candidate


def _existing(store: RecordStore, candidate_id: str) -> Candidate:
    candidate = store.get(Candidate, candidate_id)
    if candidate is None:
        raise InvalidInput(f"No candidate with id {candidate_id}.")
    return candidate


def update_candidate(
    store: RecordStore, candidate_id: str, *, now: datetime, **changes: Any
) -> Candidate:
    """Change some fields of a candidate, validated exactly as when adding."""
    old = _existing(store, candidate_id)
    fields = _clean_fields(store, changes)
    if fields.get("status", old.status) != old.status:  # remembered for follow-ups
        fields["status_history"] = [*old.status_history, StatusChange(fields["status"], now)]
    updated = replace(old, **fields, updated_at=now)
    if unchanged(old, updated):  # saved as it was: the card stays exactly as it was
        return old
    store.update(updated)
    return updated


def set_status(store: RecordStore, candidate_id: str, status: str, *, now: datetime) -> Candidate:
    """Move a candidate to any known status; going back is fine."""
    return update_candidate(store, candidate_id, status=status, now=now)


def remove_candidate(store: RecordStore, candidate_id: str) -> bool:
    """Take someone off the shortlist for good. Asking first is the shell's job."""
    return store.remove(Candidate, candidate_id)


def add_referral_source(
    store: RecordStore,
    name: str,
    kind: str = "other",
    contact: str = "",
    *,
    record_id: str,
    now: datetime,
) -> ReferralSource:
    """Remember who suggested someone (a GP, a friend...), so they can be thanked or asked."""
    kind_id = norm_id(kind or "other")
    if kind_id not in REFERRAL_KINDS:
        kinds = ", ".join(REFERRAL_KINDS)
        raise InvalidInput(f"{kind!r} is not a kind we know; use one of: {kinds}.")
    source = ReferralSource(
        id=record_id,
        created_at=now,
        name=check_name(name, "referrer's name"),
        kind=kind_id,
        contact=_check_notes(contact or "", "contact"),
    )
    store.add(source)
    return source


def link_referral(
    store: RecordStore, candidate_id: str, source_id: str | None, *, now: datetime
) -> Candidate:
    """Record who referred a candidate; ``None`` forgets the link."""
    return update_candidate(store, candidate_id, referral_source_id=source_id, now=now)


def referred_by(candidates: Iterable[Candidate], source_id: str) -> list[Candidate]:
    """Candidates a given referral source suggested."""
    return [c for c in candidates if c.referral_source_id == source_id]


def active_candidates(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Everyone still in the running (not declined)."""
    return [c for c in candidates if c.status != DECLINED]


def shortlist_nudge(candidates: Iterable[Candidate]) -> str | None:
    """A gentle nudge toward about three options, or None when there are enough."""
    count = len(active_candidates(candidates))
    if count >= RECOMMENDED_SHORTLIST:
        return None
    if count == 0:
        return (
            "Having about three therapists to compare is the usual advice. "
            "Whenever you're ready, adding just one name is a good start."
        )
    options = "option" if count == 1 else "options"
    return (
        f"You have {count} {options} so far. Having about three to compare is the usual "
        "advice, so you can choose who feels right rather than take the first who answers."
    )


# --- Fit -------------------------------------------------------------------------------------

MET = "met"
MISSED = "missed"
UNKNOWN = "unknown"

# Values that say "no preference"; a preference made only of these never counts.
NEUTRAL_VALUES = frozenset({"not_sure", "dont_mind", "no_preference", "any", "either", "unsure"})
# "Rather not" dimensions: the card or the therapist naming one of these values is a miss.
AVOID_DIMENSIONS = {"modality_avoid": "modalities"}
# Dimensions that ask about one approach: ERP for unwanted thoughts is ERP on the card.
MODALITY_QUESTIONS = {"erp_interest": ("erp", frozenset({"yes", "open", "more_info"}))}
_YES = frozenset({"yes", "true", "1", "y"})
_NO = frozenset({"no", "false", "0", "n"})

MUST_MET_WEIGHT = 10.0
MUST_MISSED_WEIGHT = -12.0
NICE_MET_WEIGHT = 3.0
NICE_MISSED_WEIGHT = -1.0


@dataclass(frozen=True)
class FitReason:
    """How a candidate does on one preference, with the words to say so."""

    dimension: str
    label: str
    importance: str
    outcome: str  # MET, MISSED or UNKNOWN
    wanted: tuple[str, ...]
    found: tuple[str, ...]  # what the candidate offers that matched (met) or has (missed)
    text: str  # a short phrase for the sentence, e.g. "CBT" or "Insurance (Aetna)"
    question: str = ""  # what to ask them, e.g. "Do you tend to be direct and straightforward?"


@dataclass(frozen=True)
class FitReport:
    """A candidate measured against the profile, ready to read and to sort by."""

    candidate: Candidate
    reasons: tuple[FitReason, ...]
    score: float
    sentence: str

    def _pick(self, importance: str | None, outcome: str) -> tuple[FitReason, ...]:
        return tuple(
            r
            for r in self.reasons
            if r.outcome == outcome and (importance is None or r.importance == importance)
        )

    @property
    def must_met(self) -> tuple[FitReason, ...]:
        return self._pick(MUST, MET)

    @property
    def must_missed(self) -> tuple[FitReason, ...]:
        return self._pick(MUST, MISSED)

    @property
    def nice_met(self) -> tuple[FitReason, ...]:
        return self._pick(NICE, MET)

    @property
    def nice_missed(self) -> tuple[FitReason, ...]:
        return self._pick(NICE, MISSED)

    @property
    def unknown(self) -> tuple[FitReason, ...]:
        return self._pick(None, UNKNOWN)

    @property
    def must_total(self) -> int:
        return sum(1 for r in self.reasons if r.importance == MUST)

    @property
    def must_unknown(self) -> tuple[FitReason, ...]:
        return self._pick(MUST, UNKNOWN)

    @property
    def questions(self) -> tuple[str, ...]:
        """What to ask this therapist: the not-known-yet must-haves first, each once."""
        ordered = sorted(self.unknown, key=lambda r: r.importance != MUST)
        return tuple(dict.fromkeys(r.question for r in ordered if r.question))


def _ids(values: Iterable[Any]) -> dict[str, str]:
    """Normalised id -> the spelling as given, first one wins."""
    out: dict[str, str] = {}
    for value in values:
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if isinstance(value, bool):
            value = "yes" if value else "no"
        key = norm_id(value)
        if key in _YES:
            key = "yes"
        elif key in _NO:
            key = "no"
        out.setdefault(key, str(value).strip())
    return out


def _wanted(pref: Preference) -> tuple[str, ...]:
    return tuple(v for v in pref.values if str(v).strip() and norm_id(v) not in NEUTRAL_VALUES)


def _overlap(wanted: Sequence[str], offered: Iterable[Any]) -> tuple[str, tuple[str, ...]]:
    """MET with the candidate's matching values, MISSED with what they offer, or UNKNOWN."""
    have = _ids(offered)
    if not have:
        return UNKNOWN, ()
    wanted_ids = _ids(wanted)
    matched = tuple(spelling for key, spelling in have.items() if key in wanted_ids)
    return (MET, matched) if matched else (MISSED, tuple(have.values()))


def _budget_limit(wanted: Sequence[str]) -> float | None:
    for value in wanted:
        match = re.search(r"\d+(?:[.,]\d+)?", str(value))
        if match:
            return float(match.group().replace(",", "."))
    return None


def _money(amount: float) -> str:
    return f"{amount:.0f}" if amount == int(amount) else f"{amount:.2f}"


def _judge_budget(pref: Preference, wanted: Sequence[str], c: Candidate) -> FitReason | None:
    limit = _budget_limit(wanted)
    if limit is None:
        return None
    base = {"dimension": pref.dimension, "label": pref.label, "importance": weight_of(pref)}
    wanted_t = (_money(limit),)
    if c.fee is not None and c.fee <= limit:
        text = f"fee {fee_words(c)} within budget"
        return FitReason(**base, outcome=MET, wanted=wanted_t, found=(_money(c.fee),), text=text)
    if c.sliding_scale:
        return FitReason(
            **base, outcome=MET, wanted=wanted_t, found=("sliding scale",), text="sliding scale"
        )
    if c.fee is None:
        return FitReason(**base, outcome=UNKNOWN, wanted=wanted_t, found=(), text=pref.label)
    text = f"{pref.label} (fee {fee_words(c)}, more than {_money(limit)})"
    return FitReason(**base, outcome=MISSED, wanted=wanted_t, found=(_money(c.fee),), text=text)


def criteria_of(profile: Profile) -> tuple[Preference, ...]:
    """The preferences a therapist is measured on: must-haves and nice-to-haves with a real
    value, not context (history, hopes, feelings), and not "I don't need a sliding scale".
    Every criterion gets exactly one FitReason; nothing else does."""
    out = []
    for pref in profile.criteria():  # the packs say what is context; it never comes here
        if pref.importance not in (MUST, NICE):
            continue
        wanted = _wanted(pref)
        if not wanted:
            continue
        if pref.dimension == "sliding_scale" and "yes" not in _ids(wanted):
            continue
        if pref.dimension == "budget" and _budget_limit(wanted) is None:
            continue
        out.append(pref)
    return tuple(out)


def weight_of(criterion: Preference) -> str:
    """A criterion's importance: must-have or nice-to-have. Only context has none, and
    ``criteria_of`` never lets context through, so a None here is a bug, said loudly."""
    if criterion.importance is None:
        raise ValueError(f"{criterion.dimension} is context, not a criterion")
    return criterion.importance


def _judge_sliding_scale(pref: Preference, wanted: Sequence[str], c: Candidate) -> FitReason | None:
    # Only "yes, I need one" is a real preference. The record cannot tell "no sliding
    # scale" from "not asked yet", so absence is reported as worth asking, not as a miss.
    if "yes" not in _ids(wanted):
        return None
    base = {"dimension": pref.dimension, "label": pref.label, "importance": weight_of(pref)}
    if c.sliding_scale:
        return FitReason(**base, outcome=MET, wanted=("yes",), found=("yes",), text="sliding scale")
    return FitReason(**base, outcome=UNKNOWN, wanted=("yes",), found=(), text=pref.label)


def _offered(c: Candidate, dimension: str) -> list[Any]:
    """What the candidate offers on a dimension, as a list (attributes may be one value);
    any dimension the card has an attribute for counts, mapped or not."""
    field_name = CANDIDATE_FIELD_FOR_DIMENSION.get(dimension, "attributes")
    if field_name == "attributes":
        value = c.attributes.get(dimension, c.attributes.get(norm_id(dimension)))
        if value is None:
            return []
        return list(value) if isinstance(value, list | tuple | set) else [value]
    return list(getattr(c, field_name) or [])


def recorded_answer(c: Candidate, dimension: str) -> tuple[str, ...]:
    """What the person recorded the therapist said on one dimension, as answer ids."""
    value = c.answers.get(dimension) if isinstance(c.answers, dict) else None
    if value is None:
        return ()
    values = value if isinstance(value, list | tuple) else [value]
    return tuple(norm_id(v) for v in values if str(v).strip())


def mid_sentence(words: str) -> str:
    """ "Direct and..." reads as "direct and..." inside a sentence; "CBT" and "I'd" stay."""
    if len(words) > 1 and words[0].isupper() and words[1].islower():
        return words[0].lower() + words[1:]
    return words


def _words(pref: Preference, wanted: Sequence[str]) -> str:
    """The wanted values in running text: "direct and straightforward or gentle and soft"."""
    words = []
    for value in wanted:
        label = pref.short_label_of(value).strip()
        words.append(label if label == value else mid_sentence(label))  # typed words stay
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} or {words[-1]}"


def question_for(pref: Preference, wanted: Sequence[str] | None = None) -> str:
    """The question to put to a therapist about one preference, from the pack's ``ask``."""
    wanted = _wanted(pref) if wanted is None else wanted
    words = _words(pref, wanted)
    template = pref.ask or "Could we talk about {label}? I'm looking for {wanted}."
    text = template.replace("{wanted}", words).replace("{label}", mid_sentence(pref.label))
    return text[:1].upper() + text[1:]


def _not_known(pref: Preference, wanted: Sequence[str]) -> FitReason:
    """A preference the candidate record cannot answer: always worth asking."""
    return FitReason(
        dimension=pref.dimension,
        label=pref.label,
        importance=weight_of(pref),
        outcome=UNKNOWN,
        wanted=tuple(wanted),
        found=(),
        text=pref.label,
    )


def judge(pref: Preference, candidate: Candidate) -> FitReason | None:
    """One preference against one candidate, with the question to ask when not known.

    None only when the preference does not count at all: "don't mind", no real value, or
    a sliding scale the person said they don't need.
    """
    if pref.importance not in (MUST, NICE):  # don't-mind never counts
        return None
    wanted = _wanted(pref)
    if not wanted:
        return None
    reason = _measure(pref, wanted, candidate)
    if reason is None:
        return None
    return replace(reason, question=question_for(pref, wanted))


def _reason(
    pref: Preference, wanted: Sequence[str], outcome: str, found: Sequence[str], text: str
) -> FitReason:
    return FitReason(
        dimension=pref.dimension,
        label=pref.label,
        importance=weight_of(pref),
        outcome=outcome,
        wanted=tuple(wanted),
        found=tuple(found),
        text=text,
    )


def _judge_recorded(pref: Preference, wanted: Sequence[str], said: Sequence[str]) -> FitReason:
    """What the therapist said settles the question: "no" means none of what was asked."""
    wanted_ids = _ids(wanted)
    named = [v for v in said if v in wanted_ids]
    words = ", ".join(pref.short_label_of(v) for v in wanted)
    if pref.dimension in AVOID_DIMENSIONS:
        if named:
            return _reason(pref, wanted, MISSED, named, f"{pref.label} ({words}: they said yes)")
        return _reason(pref, wanted, MET, said, f"not {words}")
    yes_no = len(pref.value_labels) <= 1  # a typed or scale value: the answer is yes or no
    if named or (yes_no and "yes" in said):
        return _reason(pref, wanted, MET, named or said, f"{pref.label} ({words}: they said yes)")
    return _reason(pref, wanted, MISSED, said, f"{pref.label} ({words}: they said no)")


def _card_rules_out(pref: Preference, wanted: Sequence[str], c: Candidate) -> FitReason | None:
    """What the card settles without naming the dimension: rather-not lists, one approach
    asked about, and questions a format makes moot (no online sessions, no travel)."""
    words = ", ".join(pref.short_label_of(v) for v in wanted)
    if pref.dimension in AVOID_DIMENSIONS:
        have = _ids(getattr(c, AVOID_DIMENSIONS[pref.dimension]) or [])
        if not have:
            return None
        named = [have[k] for k in _ids(wanted) if k in have]
        if named:
            return _reason(pref, wanted, MISSED, named, f"{pref.label} ({', '.join(named)})")
        return _reason(pref, wanted, MET, (), f"not {words}")
    if pref.dimension in MODALITY_QUESTIONS:
        approach, wanting = MODALITY_QUESTIONS[pref.dimension]
        have = _ids(c.modalities)
        if not have:
            return None
        wants = bool(wanting & set(_ids(wanted)))
        outcome = MET if (approach in have) == wants else MISSED
        return _reason(pref, wanted, outcome, tuple(have.values()), pref.label)
    formats = _ids(c.formats)
    if pref.dimension == "telehealth_kind" and formats and "telehealth" not in formats:
        return _reason(pref, wanted, MISSED, (), f"{pref.label} (in person only)")
    if pref.dimension == "travel_time" and formats and "in_person" not in formats:
        return _reason(pref, wanted, MET, ("online",), "online only, no travel")
    return None


def _measure(pref: Preference, wanted: Sequence[str], candidate: Candidate) -> FitReason | None:
    said = recorded_answer(candidate, pref.dimension)
    if said:
        return _judge_recorded(pref, wanted, said)
    ruled = _card_rules_out(pref, wanted, candidate)
    if ruled is not None:
        return ruled
    if pref.dimension == "budget":
        return _judge_budget(pref, wanted, candidate) or _not_known(pref, wanted)
    if pref.dimension == "sliding_scale":
        return _judge_sliding_scale(pref, wanted, candidate)
    outcome, found = _overlap(wanted, _offered(candidate, pref.dimension))
    if outcome == MET:
        text = " / ".join(pref.short_label_of(v) for v in found)
    elif outcome == MISSED:
        text = f"{pref.label} ({', '.join(pref.short_label_of(v) for v in wanted)})"
    else:
        text = pref.label
    return FitReason(
        dimension=pref.dimension,
        label=pref.label,
        importance=weight_of(pref),
        outcome=outcome,
        wanted=tuple(wanted),
        found=found,
        text=text,
    )


def _score(reasons: Sequence[FitReason]) -> float:
    weights = {
        (MUST, MET): MUST_MET_WEIGHT,
        (MUST, MISSED): MUST_MISSED_WEIGHT,
        (NICE, MET): NICE_MET_WEIGHT,
        (NICE, MISSED): NICE_MISSED_WEIGHT,
    }
    return sum(weights.get((r.importance, r.outcome), 0.0) for r in reasons)


def _join(reasons: Sequence[FitReason]) -> str:
    """Semicolons, because the words for one value can hold commas ("Anxiety, worry...")."""
    return "; ".join(r.text for r in reasons)


def _sentence(report: FitReport) -> str:
    """ "Meets 4 of 5 must-haves: ... Misses: ... Also matches 2 nice-to-haves: ..."; when
    some must-haves are not known yet: "Meets 1 of 6 must-haves; 5 worth asking. ..."."""
    if not report.reasons:
        return (
            "Nothing to compare yet: add what matters to you in your preferences, "
            "or a few details about this therapist."
        )
    parts: list[str] = []
    must_total = report.must_total
    if must_total:
        met = report.must_met
        plural = "must-have" if must_total == 1 else "must-haves"
        head = f"Meets {len(met)} of {must_total} {plural}"
        asking = len(report.must_unknown)
        if asking:  # "Meets 1 of 6 must-haves; 5 worth asking. Met so far: CBT."
            parts.append(f"{head}; {asking} worth asking.")
            if met:
                parts.append(f"Met so far: {_join(met)}.")
        else:
            parts.append(f"{head}: {_join(met)}." if met else f"{head}.")
        if report.must_missed:
            parts.append(f"Misses: {_join(report.must_missed)}.")
    nice = report.nice_met
    if nice:
        noun = "nice-to-have" if len(nice) == 1 else "nice-to-haves"
        lead = "Also matches" if must_total else "Matches"
        parts.append(f"{lead} {len(nice)} {noun}: {_join(nice)}.")
    if report.unknown:
        parts.append(f"Not known yet — worth asking: {_join(report.unknown)}.")
    elif report.candidate.answers:  # they answered what was open: the fit is complete
        parts.append("Nothing left worth asking.")
    if not parts or parts == ["Nothing left worth asking."]:
        parts.insert(0, "None of your nice-to-haves match so far.")
    return " ".join(parts)


def fit(candidate: Candidate, profile: Profile) -> FitReport:
    """Measure one candidate against the profile and explain the result."""
    reasons = tuple(r for pref in criteria_of(profile) if (r := judge(pref, candidate)) is not None)
    draft = FitReport(candidate=candidate, reasons=reasons, score=_score(reasons), sentence="")
    return replace(draft, sentence=_sentence(draft))


def rank_candidates(candidates: Iterable[Candidate], profile: Profile) -> list[FitReport]:
    """Best fit first, then by name: a starting point for thinking, not a verdict."""
    reports = [fit(c, profile) for c in candidates]
    reports.sort(key=lambda r: (-r.score, r.candidate.name.casefold(), r.candidate.id))
    return reports

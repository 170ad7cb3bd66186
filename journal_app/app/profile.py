"""The person's preference profile, derived from their stored answers and the shipped packs."""

from __future__ import annotations

from functools import cache

from journal_app.app.prompt_files import load_packs
from journal_app.core.ports import RecordStore
from journal_app.core.prompt_engine import LabelledProfile, derive_profile, stored_answers
from journal_app.core.prompt_packs import Pack


@cache
def packs() -> tuple[Pack, ...]:
    """The shipped prompt packs, read once per process."""
    return tuple(load_packs())


def current_profile(store: RecordStore) -> LabelledProfile:
    return derive_profile(packs(), stored_answers(store))

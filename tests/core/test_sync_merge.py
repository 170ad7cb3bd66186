"""The merge of several devices' changes, as a pure function (core/sync_merge.py).

Three simulated devices write, delete and exchange changes in random orders, with
duplicates and with changes held back; once everything has reached everyone, every
device shows the same journal and no acknowledged writing is lost. Run more examples with
``JOURNAL_APP_PROPERTY_EXAMPLES=2000``.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from journal_app.core.sync_merge import (
    CONFLICT_TAG,
    ENTRIES,
    KEPT_VERSIONS,
    Frontier,
    Key,
    Variant,
    Version,
    conflict_copy,
    covers,
    local_change,
    merge,
    next_stamp,
    seen_stamp,
    visible,
    winner,
)

EXAMPLES = int(os.environ.get("JOURNAL_APP_PROPERTY_EXAMPLES", "150"))
DEVICES = ("phone", "laptop", "tablet")
RECORDS = 3


@dataclass
class Device:
    """One device's journal (its frontiers) and the changes it has published."""

    name: str
    frontiers: dict[Key, Frontier] = field(default_factory=dict)
    count: int = 0
    stamp: int = 0
    published: list[tuple[Key, Variant]] = field(default_factory=list)

    def write(self, key: Key, text: str | None, wall: int) -> Variant | None:
        frontier = self.frontiers.get(key, ())
        if text is None and visible(frontier) is None:
            return None  # nothing to delete here
        self.count += 1
        self.stamp = next_stamp(self.stamp, wall)
        doc = None if text is None else {"id": key[1], "text": text, "tags": []}
        change = local_change(frontier, self.name, self.count, self.stamp, doc)
        self.frontiers[key] = (change,)
        self.published.append((key, change))
        return change

    def receive(self, batch: list[tuple[Key, Variant]]) -> None:
        self.stamp = seen_stamp(self.stamp, [v for _, v in batch])
        merged = merge(self.frontiers, batch)
        self.frontiers.update(merged.frontiers)
        self.published.extend(merged.copies)

    def journal(self) -> dict[Key, dict]:
        shown = {key: visible(f) for key, f in self.frontiers.items()}
        return {key: doc for key, doc in shown.items() if doc is not None}


step = st.one_of(
    st.tuples(
        st.just("write"),
        st.sampled_from(DEVICES),
        st.integers(0, RECORDS - 1),
        st.booleans(),  # False: delete
        st.integers(0, 50),  # how far the wall clock moves (the clocks may disagree)
    ),
    st.tuples(
        st.just("deliver"),
        st.sampled_from(DEVICES),
        st.sampled_from(DEVICES),
        st.integers(0, 2**32),  # which of the sender's changes, in what order
        st.booleans(),
    ),
)


def _deliver(sender: Device, receiver: Device, seed: int, everything: bool) -> None:
    rng = random.Random(seed)
    batch = list(sender.published)
    if not everything:
        batch = [c for c in batch if rng.random() < 0.5]
        batch += rng.sample(batch, len(batch) // 3)  # some twice
    rng.shuffle(batch)
    receiver.receive(batch)


def _run(steps: list[tuple]) -> tuple[dict[str, Device], list[tuple[Key, Variant]]]:
    devices = {name: Device(name) for name in DEVICES}
    walls = dict.fromkeys(DEVICES, 1_000)
    acknowledged: list[tuple[Key, Variant]] = []
    for n, item in enumerate(steps):
        if item[0] == "write":
            _, who, record, keep, moved = item
            walls[who] += moved
            key = (ENTRIES, f"r{record}")
            change = devices[who].write(key, f"{who} wrote #{n}" if keep else None, walls[who])
            if change is not None:
                acknowledged.append((key, change))
        elif item[1] != item[2]:
            _, sender, receiver, seed, everything = item
            _deliver(devices[sender], devices[receiver], seed, everything)
    # Then everything reaches everyone (copies made on the way are passed on too).
    for round_ in range(10):
        before = [len(d.published) for d in devices.values()]
        for sender in devices.values():
            for receiver in devices.values():
                if sender is not receiver:
                    _deliver(sender, receiver, round_, everything=True)
        if before == [len(d.published) for d in devices.values()]:
            break
    return devices, acknowledged


def _texts_anywhere(device: Device) -> set[str]:
    return {doc["text"] for doc in device.journal().values() if "text" in doc}


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(step, max_size=40))
def test_devices_converge_and_nothing_acknowledged_is_lost(steps: list[tuple]) -> None:
    devices, acknowledged = _run(steps)
    journals = [d.journal() for d in devices.values()]
    assert all(j == journals[0] for j in journals[1:])
    everything_written = [v for _, v in acknowledged]
    for key, change in acknowledged:
        if change.doc is None:
            continue
        replaced = any(
            other is not change and covers(other, change) for other in everything_written
        )
        if replaced:
            continue  # someone who had seen it wrote over it: their later word stands
        for device in devices.values():
            assert change.doc["text"] in _texts_anywhere(device), (key, change)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(step, max_size=30), st.randoms(use_true_random=False))
def test_merging_is_order_free_and_idempotent(steps: list[tuple], rng: random.Random) -> None:
    devices, _ = _run([s for s in steps if s[0] == "write"])  # each device on its own
    changes = [c for d in devices.values() for c in d.published]
    shuffled = list(changes)
    rng.shuffle(shuffled)
    once = merge({}, changes)
    other_order = merge({}, shuffled)
    assert once.frontiers == other_order.frontiers
    twice = merge(once.frontiers, changes + shuffled)
    assert twice.frontiers == {}  # nothing new: merging again changes nothing


def _change(device: str, count: int, stamp: int, text: str | None, seen=()) -> Variant:
    doc = None if text is None else {"id": "e1", "text": text, "tags": []}
    return local_change(tuple(seen), device, count, stamp, doc)


def test_an_edit_beats_a_concurrent_delete_whatever_the_clocks_say() -> None:
    base = _change("phone", 1, 100, "first words")
    edit = _change("phone", 2, 200, "edited on the phone", seen=[base])
    delete = _change("laptop", 1, 999, None, seen=[base])
    for order in ([base, edit, delete], [delete, base, edit], [edit, delete, base]):
        merged = merge({}, [((ENTRIES, "e1"), v) for v in order])
        assert visible(merged.frontiers[(ENTRIES, "e1")])["text"] == "edited on the phone"
        assert merged.conflicts == []  # a deletion leaves nothing to keep
    later_delete = _change("laptop", 2, 300, None, seen=[edit])
    merged = merge({}, [((ENTRIES, "e1"), v) for v in (base, edit, delete, later_delete)])
    assert visible(merged.frontiers[(ENTRIES, "e1")]) is None  # deleted after seeing it


def test_two_edits_made_apart_keep_both_texts_the_later_one_shown() -> None:
    base = _change("phone", 1, 100, "first words")
    phone = _change("phone", 2, 300, "the phone's version", seen=[base])
    laptop = _change("laptop", 1, 200, "the laptop's version", seen=[base])
    key = (ENTRIES, "e1")
    merged = merge({}, [(key, base), (key, laptop), (key, phone)])
    assert visible(merged.frontiers[key])["text"] == "the phone's version"
    (conflict,) = merged.conflicts
    copy = visible(merged.frontiers[conflict.copy])
    assert copy["text"] == "the laptop's version"
    assert CONFLICT_TAG in copy["tags"] and copy["conflict_of"] == "e1"
    assert copy["conflict_device"] == "laptop"
    # The other device meets the same conflict and makes the very same copy.
    again = merge({}, [(key, phone), (key, laptop), (key, base)])
    assert [c.copy for c in again.conflicts] == [conflict.copy]


def test_a_copy_of_anything_but_an_entry_is_kept_whole() -> None:
    variant = Variant(Version(clock=(("laptop", 3),), stamp=5000, device="laptop"), {"id": "g"})
    copy_key, copy = conflict_copy(("goals", "g"), variant)
    assert copy_key[0] == KEPT_VERSIONS
    assert copy.doc["kind"] == "goals" and copy.doc["doc"] == {"id": "g"}
    assert copy.doc["record_id"] == "g"


def test_a_deleted_copy_stays_deleted_when_the_conflict_arrives_again() -> None:
    base = _change("phone", 1, 100, "first")
    a = _change("phone", 2, 300, "a", seen=[base])
    b = _change("laptop", 1, 200, "b", seen=[base])
    key = (ENTRIES, "e1")
    merged = merge({}, [(key, base), (key, a), (key, b)])
    state = dict(merged.frontiers)
    (conflict,) = merged.conflicts
    state[conflict.copy] = (_change("phone", 3, 400, None, seen=state[conflict.copy]),)
    again = merge(state, [(key, b), (key, a), (key, base)])
    assert again.frontiers == {} and again.conflicts == []


def test_versions_read_back_as_written_and_odd_ones_are_refused() -> None:
    version = Version(clock=(("a", 2), ("b", 7)), stamp=123, device="a", deleted=True)
    assert Version.from_json(version.to_json()) == version
    for odd in (None, [], {"c": []}, {"c": {"a": -1}}, {"s": "x"}, {"c": {"a": True}}):
        try:
            Version.from_json(odd)
        except ValueError:
            continue
        raise AssertionError(f"{odd!r} was read as a version")


def test_the_stamp_never_goes_back() -> None:
    assert next_stamp(500, 100) == 501  # a wall clock set back
    assert next_stamp(500, 900) == 900
    assert seen_stamp(10, [_change("x", 1, 40, "t")]) == 40
    assert winner(()) is None

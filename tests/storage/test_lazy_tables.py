"""The snapshot's tables layout: each table decoded on first use, older layouts still read.

Real vault on a temp folder, real cryptography. What is checked: counts and records are
the same as a full decode gives, through logged changes; the older JSON layout opens and
is rewritten in the new one by the next compaction; a damaged table is refused when used,
and nothing is written over it.
"""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from journal_app.core.errors import VaultDamaged
from journal_app.core.journal import EntryDraft, add_entry
from journal_app.core.records import Entry, Goal, Question
from journal_app.storage import state as state_module
from journal_app.storage.datafile import open_data, seal_data
from journal_app.storage.repository import Repository, open_repository
from journal_app.storage.state import TABLES_MAGIC, LazyState, encode_state, encode_tables
from journal_app.storage.vault import DATA_FILE, LOG_FILE, Vault
from tests.conftest import PASSPHRASE, snapshot

START = datetime(2026, 1, 1, tzinfo=UTC)


def fill(repo: Repository, entries: int = 5) -> None:
    for n in range(entries):
        add_entry(repo, EntryDraft(text=f"entry {n}"), record_id=f"e{n}", now=START + timedelta(n))
    repo.add(Question(id="q1", created_at=START, text="What does a first session look like?"))


def compact(data_dir: Path) -> None:
    """Fold the log into a new snapshot (in the tables layout), as a large log would."""
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        vault.write(encode_tables(vault.load_state()))


def plaintext(data_dir: Path) -> bytes:
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        return open_data((data_dir / DATA_FILE).read_bytes(), vault._key)


@pytest.fixture
def journal(data_dir: Path) -> Path:
    Vault.create(data_dir, PASSPHRASE).close()
    with open_repository(data_dir, PASSPHRASE) as repo:
        fill(repo)
    compact(data_dir)
    return data_dir


def test_round_trip_of_the_tables_layout() -> None:
    tables = {"entries": {"1": {"id": "a", "text": 'ü\n"x"'}, "2": {"id": "b"}}, "goals": {}}
    lazy = LazyState(encode_tables(tables))
    assert lazy.count("entries") == 2 and lazy.count("goals") == 0 and lazy.count("none") == 0
    assert lazy.state == {}  # nothing decoded yet
    assert lazy.table("goals") == {}
    assert list(lazy.state) == ["goals"]
    assert lazy.full() == tables
    assert LazyState(encode_state(tables)).full() == tables  # the older layout


def test_unlocking_decodes_no_table_until_it_is_used(journal: Path) -> None:
    assert plaintext(journal).startswith(TABLES_MAGIC)
    with open_repository(journal, PASSPHRASE) as repo:
        lazy = repo._storage._loaded()
        assert repo.count_all() == 6 and repo.count(Entry) == 5
        assert lazy.state == {}  # counted without decoding
        assert [q.id for q in repo.all(Question)] == ["q1"]
        assert "entries" not in lazy.state
        assert repo.get(Entry, "e3") is not None and "entries" in lazy.state


def test_counts_follow_logged_changes_to_tables_not_yet_decoded(journal: Path) -> None:
    with open_repository(journal, PASSPHRASE) as repo:
        add_entry(repo, EntryDraft(text="six"), record_id="e5", now=START + timedelta(9))
        edited = repo.get(Entry, "e1")
        assert edited is not None
        edited.text = "entry 1, edited"
        repo.update(edited)
        repo.remove(Entry, "e2")
        repo.add(Goal(id="g1", created_at=START, title="Call two clinics"))
    with open_repository(journal, PASSPHRASE) as repo:
        lazy = repo._storage._loaded()
        assert repo.count(Entry) == 5 and repo.count(Goal) == 1 and repo.count(Question) == 1
        assert "entries" not in lazy.state  # the log's changes wait for the table
        texts = {e.id: e.text for e in repo.all(Entry)}
    assert texts == {"e0": "entry 0", "e1": "entry 1, edited", "e3": "entry 3",
                     "e4": "entry 4", "e5": "six"}  # fmt: skip


def test_a_journal_in_the_older_layout_opens_and_is_rewritten_by_compaction(
    data_dir: Path,
) -> None:
    Vault.create(data_dir, PASSPHRASE).close()
    with open_repository(data_dir, PASSPHRASE) as repo:
        fill(repo)
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        vault.write(vault.read())  # Vault.read() is the older, one-object JSON layout
    assert plaintext(data_dir).startswith(b"{")
    with open_repository(data_dir, PASSPHRASE) as repo:
        assert repo.count(Entry) == 5
        before = sorted(e.id for e in repo.all(Entry))
    compact(data_dir)
    assert plaintext(data_dir).startswith(TABLES_MAGIC)
    with open_repository(data_dir, PASSPHRASE) as repo:
        assert sorted(e.id for e in repo.all(Entry)) == before


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.replace(b'"entry 3"', b'"entry 3\\'),  # a table's JSON broken
        lambda p: p.replace(b'"ids":["1","2"', b'"ids":["2","1"'),  # ids not the table's
        lambda p: p + b" ",  # sizes not adding up
        lambda p: p.replace(b'"size":', b'"size":-', 1),
    ],
)
def test_a_damaged_table_is_refused_when_used_and_never_written_over(journal: Path, damage) -> None:
    """The file is authenticated, so this needs the key: it stands for a bug of ours."""
    with Vault.unlock(journal, PASSPHRASE) as vault:
        plain = open_data((journal / DATA_FILE).read_bytes(), vault._key)
        broken = damage(plain)
        assert broken != plain
        vault.load_state()  # sets the generation the log is paired with
        sealed = seal_data(vault._key, broken, vault._generation)
    (journal / DATA_FILE).write_bytes(sealed)
    before = snapshot(journal)
    with pytest.raises(VaultDamaged), open_repository(journal, PASSPHRASE) as repo:
        repo.count_all()
        repo.all(Entry)
    # A new entry goes to the log without reading its table (``_append_unread``): where
    # the directory itself is sound that works; the damaged table is never written over,
    # and reading it is still refused.
    with contextlib.suppress(VaultDamaged), open_repository(journal, PASSPHRASE) as repo:
        add_entry(repo, EntryDraft(text="one more"), record_id="e9", now=START)
    after = snapshot(journal)
    assert after[DATA_FILE] == before[DATA_FILE]
    assert {k: v for k, v in after.items() if k != LOG_FILE} == {
        k: v for k, v in before.items() if k != LOG_FILE
    }
    with pytest.raises(VaultDamaged), open_repository(journal, PASSPHRASE) as repo:
        repo.all(Entry)
    with pytest.raises(VaultDamaged):
        compact(journal)  # a new snapshot needs every table: refused, nothing written
    assert snapshot(journal)[DATA_FILE] == before[DATA_FILE]


def test_the_layout_magic_cannot_begin_the_older_layout() -> None:
    assert not TABLES_MAGIC.startswith(b"{") and state_module.TABLES_MAGIC.endswith(b"\n")


def test_changing_one_table_decodes_no_other_and_loses_nothing(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A goal added with the entries still undecoded, then a compaction from that state:
    the new snapshot and the day's backup still hold every entry."""
    from journal_app.storage import vault as vault_module

    later = datetime.now(UTC) + timedelta(days=2)  # the day's backup is due
    repo = Repository(Vault.unlock(journal, PASSPHRASE, clock=lambda: later))
    try:
        lazy = repo._storage._loaded()
        repo.add(Goal(id="g1", created_at=START, title="Call two clinics"))
        assert "entries" not in lazy.state  # the day's backup copies files: none decoded
        assert [b.number for b in repo.vault.backups.list()][:1] == [1]
        assert len(json.loads(repo.vault.check_backup(1))["entries"]) == 5
    finally:
        repo.close()
    with open_repository(journal, PASSPHRASE) as repo:
        lazy = repo._storage._loaded()
        repo.add(Goal(id="g2", created_at=START, title="Book a consultation"))
        assert "entries" not in lazy.state  # no backup due today: entries never decoded
        monkeypatch.setattr(vault_module, "COMPACT_MIN_BYTES", 0)
        repo.vault._snapshot_size = 0  # the next change compacts
        repo.add(Goal(id="g3", created_at=START, title="Ask about fees"))
        assert (journal / "journal.tjl").stat().st_size < 200  # folded into the snapshot
    assert plaintext(journal).startswith(TABLES_MAGIC)
    with open_repository(journal, PASSPHRASE) as repo:
        assert sorted(g.id for g in repo.all(Goal)) == ["g1", "g2", "g3"]
        assert sorted(e.id for e in repo.all(Entry)) == ["e0", "e1", "e2", "e3", "e4"]
        assert [q.id for q in repo.all(Question)] == ["q1"]


def test_the_time_index_writes_the_same_json_and_is_read_back() -> None:
    """A large table's index leaves its JSON byte for byte as before (an older app reads
    it), and a misplaced index is ignored: the table is then decoded in full."""
    table = {
        str(n): {"id": f"e{n}", "created_at": (START + timedelta(hours=n)).isoformat(),
                 "text": f"día {n} 🌱 \"quoted\" שלום"}
        for n in range(1, 151)
    }  # fmt: skip
    table["151"] = {"id": "odd", "created_at": "not a date", "text": "kept all the same"}
    blob, index = state_module._indexed(table, "created_at")
    assert blob == state_module._dump(table)
    assert index["times"][0] == int((START + timedelta(hours=1)).timestamp())
    assert index["times"][-1] is None
    tables = {"entries": table, "goals": {}}
    lazy = LazyState(encode_tables(tables))
    cut = (START + timedelta(hours=148)).timestamp()
    recent = lazy.recent("entries", "created_at", cut)
    assert [d["id"] for d in recent or []] == ["e148", "e149", "e150", "odd"]
    assert recent is not None and recent[0] == table["148"]
    assert lazy.recent("entries", "taken_at", cut) is None  # not what it is indexed by
    assert "entries" not in lazy.state and lazy.full() == tables
    assert lazy.recent("entries", "created_at", cut) is None  # decoded: use the table

    raw = encode_tables(tables)
    head, rest = raw[len(TABLES_MAGIC) :].split(b"\n", 1)
    directory = json.loads(head)
    directory["tables"][0]["at"]["starts"][5] += 3  # pointing inside a document
    moved = TABLES_MAGIC + json.dumps(directory).encode() + b"\n" + rest
    lazy = LazyState(moved)
    assert lazy.recent("entries", "created_at", START.timestamp()) is None
    assert lazy.full() == tables


def test_since_reads_only_recent_entries_and_agrees_with_a_full_read(data_dir: Path) -> None:
    """Home after unlocking shows the last weeks: with the index only those entries are
    decoded, and the answer is the one a full read gives, in the same order, with the
    log's changes since the snapshot (an old entry moved to today, a recent one deleted,
    one added, one back-dated)."""
    Vault.create(data_dir, PASSPHRASE).close()
    with open_repository(data_dir, PASSPHRASE) as repo:
        fill(repo, entries=200)
    compact(data_dir)
    assert b'"at":{"field":"created_at"' in plaintext(data_dir)
    cut = START + timedelta(days=190)
    with open_repository(data_dir, PASSPHRASE) as repo:
        moved = repo.get(Entry, "e3")
        assert moved is not None
        moved.created_at = START + timedelta(days=195)
        repo.update(moved)
        assert repo.remove(Entry, "e196")
        add_entry(repo, EntryDraft(text="new"), record_id="e200", now=START + timedelta(200))
        add_entry(repo, EntryDraft(text="old"), record_id="e201", now=START + timedelta(2))
    with open_repository(data_dir, PASSPHRASE) as repo:
        lazy = repo._storage._loaded()
        recent = [e.id for e in repo.since(Entry, cut)]
        assert "entries" not in lazy.state  # nothing but the recent ones decoded
        expected = [e.id for e in repo.all(Entry) if e.created_at >= cut]
    assert recent == expected
    assert recent[0] == "e3" and "e196" not in recent and recent[-1] == "e200"


def test_a_kind_readied_ahead_reads_and_writes_as_one_never_readied(journal: Path) -> None:
    """``ready`` (the app's warm-up) decodes a kind and indexes its ids ahead: the first
    save, edit, removal and duplicate check then behave exactly as without it."""
    with open_repository(journal, PASSPHRASE) as repo:
        repo.ready(Entry)
        before = [e.id for e in repo.all(Entry)]
        with pytest.raises(ValueError, match="Duplicate"):
            repo.add(Entry(id=before[0], created_at=START, text="same id"))
        add_entry(repo, EntryDraft(text="after ready"), record_id="fresh", now=START)
        changed = repo.get(Entry, before[0])
        assert changed is not None
        changed.text = "edited after ready"
        repo.update(changed)
        assert repo.remove(Entry, before[1]) and not repo.remove(Entry, "nope")
    with open_repository(journal, PASSPHRASE) as repo:
        texts = {e.id: e.text for e in repo.all(Entry)}
    assert texts["fresh"] == "after ready" and texts[before[0]] == "edited after ready"
    assert before[1] not in texts and len(texts) == len(before)


def _add_at(data_dir: Path, record_id: str, text: str, *, read_first: bool) -> dict:
    """Add one entry at a fixed moment, the table read first or not; the journal after."""
    moment = START + timedelta(days=30)
    repo = Repository(Vault.unlock(data_dir, PASSPHRASE, clock=lambda: moment))
    try:
        if read_first:
            repo.all(Entry)
        add_entry(repo, EntryDraft(text=text), record_id=record_id, now=moment)
        pending = set(repo._storage._loaded()._pending)
    finally:
        repo.close()
    with Vault.unlock(data_dir, PASSPHRASE) as vault:
        return {"pending": pending, "state": vault.load_state()}


def test_a_new_entry_is_appended_without_decoding_entries_or_versions(
    journal: Path, tmp_path: Path
) -> None:
    """The same add with the table read first (TinyDB's insert) and without (one sealed
    frame appended): the journal afterwards is the same, document ids and versions too."""
    twin = tmp_path / "twin"
    twin.mkdir(mode=0o700)
    for path in journal.iterdir():
        if path.is_file():
            (twin / path.name).write_bytes(path.read_bytes())
    fast = _add_at(journal, "f" * 32, "a new day", read_first=False)
    slow = _add_at(twin, "f" * 32, "a new day", read_first=True)
    assert {"entries", "_versions"} <= fast["pending"]  # neither was decoded for the add
    assert "entries" not in slow["pending"]
    device = "_device"  # each journal has a device id of its own; all else is the same
    assert {k: v for k, v in fast["state"].items() if k != device} == {
        k: v for k, v in slow["state"].items() if k != device
    }
    assert fast["state"]["entries"]["6"]["text"] == "a new day"  # after e0..e4 ("1".."5")
    with open_repository(journal, PASSPHRASE) as repo:
        assert [e.id for e in repo.all(Entry)][-1] == "f" * 32


def test_an_id_already_there_is_still_refused_when_the_table_is_not_read(journal: Path) -> None:
    with open_repository(journal, PASSPHRASE) as repo, pytest.raises(ValueError, match="Dupl"):
        add_entry(repo, EntryDraft(text="again"), record_id="e3", now=START)
    with open_repository(journal, PASSPHRASE) as repo:
        assert [e.id for e in repo.all(Entry)] == ["e0", "e1", "e2", "e3", "e4"]


def test_writing_cannot_pass_for_a_stored_id(journal: Path) -> None:
    """The check looks for ``"id":"<id>"`` in the table's JSON, where quotes in what a
    person wrote are escaped: their words never read as a stored record."""
    with open_repository(journal, PASSPHRASE) as repo:
        add_entry(repo, EntryDraft(text='note "id":"x9"'), record_id="x8", now=START)
    compact(journal)
    with open_repository(journal, PASSPHRASE) as repo:
        assert repo._storage.lacks_ids("entries", ["x9"])
        assert not repo._storage.lacks_ids("entries", ["x8"])
        add_entry(repo, EntryDraft(text="fine"), record_id="x9", now=START)
        assert "entries" in repo._storage._loaded()._pending  # appended, not decoded
    with open_repository(journal, PASSPHRASE) as repo:
        assert [e.id for e in repo.all(Entry)][-2:] == ["x8", "x9"]


def test_a_second_add_in_the_same_repository_reads_the_table_once(journal: Path) -> None:
    """The search of the table's bytes is for one add; a repository that goes on adding
    (the app) decodes the table once and adds from memory, as before."""
    with open_repository(journal, PASSPHRASE) as repo:
        lazy = repo._storage._loaded()
        add_entry(repo, EntryDraft(text="first"), record_id="n1", now=START)
        assert "entries" in lazy._pending
        add_entry(repo, EntryDraft(text="second"), record_id="n2", now=START)
        assert "entries" not in lazy._pending
        with pytest.raises(ValueError, match="Duplicate"):
            add_entry(repo, EntryDraft(text="again"), record_id="n1", now=START)
    with open_repository(journal, PASSPHRASE) as repo:
        assert [e.id for e in repo.all(Entry)][-2:] == ["n1", "n2"]

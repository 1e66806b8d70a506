"""Reading revisions and drafts rows out of a store file without SQLite (store/salvage.py): with the file intact
it finds what SQLite finds; with the revisions table's root or interior page damaged (SQLite then reaches no
revision at all) it still finds every row on the pages left; a truncated file, or an overflow chain that loops or
leaves the file, costs only the rows concerned; saves still only in the -wal file are read from it.

Where each revision's cell and overflow pages lie is learnt from SQLite itself (its dbstat table, on the intact
file), not from the module under test."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import struct
import time
from pathlib import Path

import pytest

from form4_desktop.model.filing import Filing, Footnote
from form4_desktop.store import DraftStore
from form4_desktop.store.codec import filing_from_json
from form4_desktop.store.salvage import newest_revisions, scan_drafts, scan_revisions, scan_store
from test_rules import draft

Key = tuple[int, int]  # (draft_id, version)


def _filing(number: int, version: int, *, long: bool) -> Filing:
    filing = draft()
    filing.remarks = f"Draft {number}, version {version}."
    if long:  # over 20 KB: spills onto several overflow pages
        filing.remarks += "".join(f" Remark {line} of draft {number} at version {version}." for line in range(700))
        filing.footnotes.append(Footnote("F99", f"A long footnote of draft {number}. " * 40))
    return filing


def _make_store(path: str, drafts_made: int = 40) -> None:
    """`drafts_made` drafts; every third saved twice more, every third but one saved once more; every fourth
    over 20 KB; draft 5 in the trash. The -wal file folded into the store and removed."""
    with DraftStore(path) as store:
        for number in range(1, drafts_made + 1):
            long = number % 4 == 0
            draft_id = store.create(_filing(number, 1, long=long))
            for version in range(1, 1 + (2 if number % 3 == 0 else 1 if number % 3 == 1 else 0)):
                store.save(draft_id, _filing(number, version + 1, long=long), version)
        if drafts_made >= 5:
            store.delete(5)
        store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    assert not os.path.exists(path + "-wal") or os.path.getsize(path + "-wal") == 0


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("salvage") / "drafts.sqlite3")
    _make_store(path)
    return path


@pytest.fixture
def store_path(built, tmp_path) -> str:
    """A copy of the built store, to damage."""
    path = str(tmp_path / "drafts.sqlite3")
    shutil.copyfile(built, path)
    return path


def _revisions(path: str) -> dict[Key, tuple[str, str]]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT draft_id, version, saved_at, content FROM revisions").fetchall()
    return {(draft_id, version): (saved_at, content) for draft_id, version, saved_at, content in rows}


def _newest(revisions: dict[Key, tuple[str, str]]) -> dict[int, tuple[int, str, str]]:
    newest: dict[int, tuple[int, str, str]] = {}
    for (draft_id, version), (saved_at, content) in sorted(revisions.items()):
        newest[draft_id] = (version, saved_at, content)
    return newest


def _page_size(path: str) -> int:
    """From the file's header (not through SQLite, which would fold a -wal file into the store on closing)."""
    with open(path, "rb") as stream:
        stream.seek(16)
        size = struct.unpack(">H", stream.read(2))[0]
    return 65536 if size == 1 else size


def _root(path: str, name: str = "revisions") -> int:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]


def _layout(path: str) -> dict[Key, tuple[int, list[int]]]:
    """Where each revision lies in the intact store at `path`: (its cell's page, its overflow pages in chain
    order), from SQLite's dbstat table and an in-order walk of the index b-tree (child, key, child, ...)."""
    with sqlite3.connect(path) as db:
        stats = db.execute("SELECT path, pageno, pagetype, ncell FROM dbstat WHERE name = 'revisions'").fetchall()
        keys = db.execute("SELECT draft_id, version FROM revisions ORDER BY draft_id, version").fetchall()
    pages = {where: (number, kind, cells) for where, number, kind, cells in stats if kind != "overflow"}
    overflow = {where: number for where, number, kind, _ in stats if kind == "overflow"}
    order: list[tuple[str, int]] = []

    def walk(where: str) -> None:
        _, kind, cells = pages[where]
        for cell in range(cells):
            if kind != "leaf":
                walk(f"{where}{cell:03x}/")
            order.append((where, cell))
        if kind != "leaf":
            walk(f"{where}{cells:03x}/")

    walk("/")
    assert len(order) == len(keys)
    layout = {}
    for (draft_id, version), (where, cell) in zip(keys, order):
        chain = []
        while f"{where}{cell:03x}+{len(chain):06x}" in overflow:
            chain.append(overflow[f"{where}{cell:03x}+{len(chain):06x}"])
        layout[(draft_id, version)] = (pages[where][0], chain)
    return layout


def _write_page(path: str, number: int, data: bytes) -> None:
    size = _page_size(path)
    assert len(data) == size
    with open(path, "r+b") as stream:
        stream.seek((number - 1) * size)
        stream.write(data)


def _page_type(path: str, number: int) -> int:
    with open(path, "rb") as stream:
        stream.seek((number - 1) * _page_size(path) + (100 if number == 1 else 0))
        return stream.read(1)[0]


def _sqlite_cannot_read_revisions(path: str) -> bool:
    try:
        with sqlite3.connect(path) as db:
            db.execute("SELECT draft_id, version, content FROM revisions").fetchall()
    except sqlite3.DatabaseError:
        return True
    return False


def test_an_intact_store_gives_what_the_store_opens(built):
    found = newest_revisions(built)
    with DraftStore(built) as store:
        ids = store.draft_ids()
        assert len(ids) == 40
        assert found.keys() == set(ids)
        for draft_id in ids:
            opened = store.open(draft_id)
            version, saved_at, content = found[draft_id]
            assert version == opened.version
            assert filing_from_json(content) == opened.filing
    assert _newest(_revisions(built)) == found  # saved_at too
    # the store is what it is meant to be: versions saved, overflow pages used, a draft in the trash
    assert {version for version, _, _ in found.values()} == {1, 2, 3}
    assert max(len(content) for _, _, content in found.values()) > 20_000
    assert any(chain for _, chain in _layout(built).values())


def test_an_intact_store_gives_every_revision_once_and_every_drafts_row(built):
    assert sorted(scan_revisions(built)) == sorted((*key, *value) for key, value in _revisions(built).items())
    with sqlite3.connect(built) as db:
        db.row_factory = sqlite3.Row
        rows = [dict(row) for row in db.execute("SELECT * FROM drafts")]
    scanned = list(scan_drafts(built))
    assert sorted(scanned, key=lambda row: row["id"]) == sorted(rows, key=lambda row: row["id"])
    assert [row["id"] for row in scanned if row["deleted_at"] is not None] == [5]
    found = scan_store(built)
    assert found.draft_ids() == list(range(1, 41))
    assert found.drafts[3].version == found.revisions[3].version == 3


def test_versions_that_do_not_read_as_filings_are_passed_over(store_path):
    """Draft 3's two newest versions, draft 2's only one and draft 4's newest, JSON but not filings: drafts 3
    and 4 come back at version 1, draft 2 not at all, every other draft at its newest."""
    with sqlite3.connect(store_path) as db:
        db.execute("""UPDATE revisions SET content = '{"format": 1}' WHERE draft_id = 3 AND version > 1""")
        db.execute("""UPDATE revisions SET content = '{"format": 2, "filing": {}}' WHERE draft_id = 2""")
        garbled = db.execute(  # a number the codec makes a Decimal of, garbled: it raises no CodecError
            """UPDATE revisions SET content = replace(content, '"value":"125000"', '"value":"12x5000"')
            WHERE draft_id = 4 AND version = 2"""
        ).rowcount
        db.commit()
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    revisions = _revisions(store_path)
    assert garbled == 1 and '"value":"12x5000"' in revisions[(4, 2)][1]
    found = newest_revisions(store_path)
    assert found[3] == (1, *revisions[(3, 1)])
    assert found[4] == (1, *revisions[(4, 1)])
    assert 2 not in found
    passed_over = {(2, 1), (3, 2), (3, 3), (4, 2)}
    assert found == _newest({key: value for key, value in revisions.items() if key not in passed_over})


def _interior(path: str, name: str = "revisions") -> list[tuple[str, int]]:
    with sqlite3.connect(path) as db:
        return db.execute(
            "SELECT path, pageno FROM dbstat WHERE name = ? AND pagetype = 'internal' ORDER BY path", (name,)
        ).fetchall()


def test_zeroed_root_pages_lose_only_the_revisions_on_the_root(store_path):
    """Zeroed, the root page of revisions takes every revision out of SQLite's reach, and the drafts table's
    root every drafts row. The scan loses only the revisions on the revisions root itself (an index b-tree's
    interior cells are rows, in no leaf); a draft whose newest version was there comes back at its newest
    version left. A table b-tree's interior cells are only rowids: no drafts row is lost."""
    revisions, layout = _revisions(store_path), _layout(store_path)
    with sqlite3.connect(store_path) as db:
        db.row_factory = sqlite3.Row
        rows = sorted((dict(row) for row in db.execute("SELECT * FROM drafts")), key=lambda row: row["id"])
    root, drafts_root = _root(store_path), _root(store_path, "drafts")
    assert _page_type(store_path, root) == 0x02 and _page_type(store_path, drafts_root) == 0x05
    on_root = {key for key, (page, _) in layout.items() if page == root}
    assert 0 < len(on_root) < len(revisions) / 10
    for page in (root, drafts_root):
        _write_page(store_path, page, bytes(_page_size(store_path)))
    assert _sqlite_cannot_read_revisions(store_path)
    with pytest.raises(sqlite3.DatabaseError), sqlite3.connect(store_path) as db:
        db.execute("SELECT * FROM drafts").fetchall()
    left = {key: value for key, value in revisions.items() if key not in on_root}
    found = newest_revisions(store_path)
    assert found == _newest(left)
    assert sorted(scan_drafts(store_path), key=lambda row: row["id"]) == rows


def test_a_garbled_interior_page_loses_only_the_rows_on_it(store_path):
    """An interior page below the root, garbled: SQLite cannot reach the revisions below it; the scan finds
    all but the rows on that page itself."""
    revisions, layout = _revisions(store_path), _layout(store_path)
    below_root = [page for where, page in _interior(store_path) if where != "/"]
    assert below_root
    garbled = below_root[0]
    on_it = {key for key, (page, _) in layout.items() if page == garbled}
    assert 0 < len(on_it) < len(revisions) / 10
    # still an interior page, its cell count, cell pointers and cells random
    _write_page(store_path, garbled, b"\x02" + random.Random(4).randbytes(_page_size(store_path) - 1))
    assert _sqlite_cannot_read_revisions(store_path)
    left = {key: value for key, value in revisions.items() if key not in on_it}
    assert sorted(scan_revisions(store_path)) == sorted((*key, *value) for key, value in left.items())
    assert newest_revisions(store_path) == _newest(left)


def test_a_truncated_file_gives_what_lies_before_the_cut(store_path):
    revisions, layout = _revisions(store_path), _layout(store_path)
    size = _page_size(store_path)
    cut = os.path.getsize(store_path) // 2 + 1234  # inside a page
    whole = cut // size  # the pages left whole
    before = {key for key, (page, chain) in layout.items() if max([page, *chain]) <= whole}
    assert 0 < len(before) < len(revisions)
    os.truncate(store_path, cut)
    scanned = {
        (draft_id, version): (saved_at, content) for draft_id, version, saved_at, content in scan_revisions(store_path)
    }
    assert before <= scanned.keys()
    assert all(revisions[key] == value for key, value in scanned.items())
    found = newest_revisions(store_path)
    assert found == _newest({key: revisions[key] for key in scanned})


def _set_next(path: str, page: int, following: int) -> None:
    size = _page_size(path)
    with open(path, "r+b") as stream:
        stream.seek((page - 1) * size)
        stream.write(struct.pack(">I", following))


def test_an_overflow_chain_that_loops_or_leaves_the_file_loses_only_its_row(store_path):
    revisions, layout = _revisions(store_path), _layout(store_path)
    long_chains = sorted(key for key, (_, chain) in layout.items() if len(chain) >= 3)
    looping, leaving, to_itself = long_chains[:3]
    pages = os.path.getsize(store_path) // _page_size(store_path)
    _set_next(store_path, layout[looping][1][1], layout[looping][1][0])  # back to the chain's first page
    _set_next(store_path, layout[leaving][1][0], pages + 1000)  # past the end of the file
    _set_next(store_path, layout[to_itself][1][0], layout[to_itself][1][0])  # to itself
    started = time.monotonic()
    scanned = sorted(scan_revisions(store_path))
    assert time.monotonic() - started < 10
    broken = {looping, leaving, to_itself}
    assert scanned == sorted((*key, *value) for key, value in revisions.items() if key not in broken)


def _wal_pages(path: str) -> set[int]:
    """The page numbers of the frames of the -wal file beside `path`."""
    size = _page_size(path)
    data = Path(path + "-wal").read_bytes()
    return {struct.unpack(">I", data[at : at + 4])[0] for at in range(32, len(data) - 24 - size + 1, 24 + size)}


def _copy_with_wal(tmp_path: Path, built: str) -> tuple[str, dict[Key, tuple[str, str]]]:
    """A copy of the built store (and its -wal file) taken while draft 7's two saves (versions 3, 4) and draft
    41's creation are still only in its -wal file; and the revisions the copy holds."""
    path = str(tmp_path / "live.sqlite3")
    shutil.copyfile(built, path)
    copy = str(tmp_path / "copy.sqlite3")
    store = DraftStore(path)
    try:
        store._db.execute("PRAGMA wal_autocheckpoint = 0")
        version = store.open(7).version
        for _ in (1, 2):  # the same pages written to the -wal twice: the later frames must win
            version = store.save(7, _filing(7, version + 1, long=True), version)
        assert store.create(_filing(41, 1, long=True)) == 41
        shutil.copyfile(path, copy)
        shutil.copyfile(path + "-wal", copy + "-wal")
        revisions = _revisions(path)  # read beside the store's own connection, which keeps its -wal as it is
    finally:
        store.close()
    assert Path(copy).read_bytes() == Path(built).read_bytes()  # the saves are in the -wal only
    assert _newest(revisions)[7][0] == version == 4
    return copy, revisions


def test_saves_still_only_in_the_wal_are_read_from_it(tmp_path, built):
    """A copy of a store taken while its saves are still only in its -wal file, its main file's revisions root
    zeroed: the -wal's pages stand in for the file's (the later frame of a page winning), so the newest saves
    come back; of the main file's rows only those on the zeroed root are lost, unless the -wal holds that page."""
    copy, revisions = _copy_with_wal(tmp_path, built)
    alone = str(tmp_path / "alone.sqlite3")
    shutil.copyfile(copy, alone)
    assert newest_revisions(alone) == _newest(_revisions(built))  # without its -wal: the older store

    root = _root(built)
    lost = set() if root in _wal_pages(copy) else {key for key, (page, _) in _layout(built).items() if page == root}
    _write_page(copy, root, bytes(_page_size(copy)))
    found = newest_revisions(copy)
    assert found[7] == (4, *revisions[(7, 4)])
    assert found[41] == (1, *revisions[(41, 1)])
    assert found == _newest({key: value for key, value in revisions.items() if key not in lost})


def _wal_checksum(data: bytes, order: str, s1: int, s2: int) -> tuple[int, int]:
    """The -wal file's checksum (fileformat2.html, "Checksum Algorithm"), on from (s1, s2)."""
    words = struct.unpack(f"{order}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s1 = (s1 + words[i] + s2) & 0xFFFFFFFF
        s2 = (s2 + words[i + 1] + s1) & 0xFFFFFFFF
    return s1, s2


@pytest.mark.parametrize("how", ["never committed", "damaged"])
def test_a_wal_transaction_never_committed_or_damaged_is_not_read(tmp_path, built, how):
    """The -wal file's last transaction (draft 41's creation) either never committed (its last frame rewritten
    with no commit mark, its checksum made right again) or with a byte of its commit frame's page changed (its
    checksum then wrong): as for SQLite, none of that transaction is read, the saves before it are."""
    copy, revisions = _copy_with_wal(tmp_path, built)
    wal = bytearray(Path(copy + "-wal").read_bytes())
    frame = 24 + _page_size(copy)
    last = len(wal) - frame
    assert last > 32 and (last - 32) % frame == 0
    assert struct.unpack(">I", wal[last + 4 : last + 8])[0] != 0  # the commit frame
    if how == "never committed":
        order = ">" if struct.unpack(">I", wal[:4])[0] & 1 else "<"
        wal[last + 4 : last + 8] = bytes(4)
        sums = _wal_checksum(
            bytes(wal[last : last + 8]) + bytes(wal[last + 24 :]),
            order,
            *struct.unpack(">II", wal[last - frame + 16 : last - frame + 24]),
        )
        wal[last + 16 : last + 24] = struct.pack(">II", *sums)
    else:
        wal[-1] ^= 0xFF
    Path(copy + "-wal").write_bytes(wal)
    found = newest_revisions(copy)
    assert found[7] == (4, *revisions[(7, 4)])
    assert found == _newest({key: value for key, value in revisions.items() if key[0] != 41})

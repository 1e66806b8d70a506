"""Rescuing a damaged store when SQLite's own b-trees are broken: the store file is scanned page by page
(store/salvage.py), so a damaged root or interior page of the revisions table loses only the rows on that page,
never every draft; a lost draft is named as the list shows it."""

from __future__ import annotations

import logging
import os
import random
import re
import shutil
import subprocess
import sys
import sqlite3
import time
from datetime import date
from pathlib import Path

import pytest

from form4_desktop import cli
from form4_desktop.app.rescue import REPORT_FILE, Rescued, rescue_drafts
from form4_desktop.edgar_xml import Copy
from form4_desktop.edgar_xml.writer import build_tree, serialize
from form4_desktop.model.filing import Filing, Footnote
from form4_desktop.store import DraftStore, StoreError
from form4_desktop.store.salvage import scan_store
from test_rules import draft


@pytest.fixture
def path(tmp_path):
    return str(tmp_path / "drafts.sqlite3")


def _make_store(path: str, drafts_made: int = 30, saves: int = 2) -> dict[int, dict[int, Filing]]:
    """A store of `drafts_made` drafts, each saved `saves` more times; every third one with remarks and a
    footnote long enough to spill over several overflow pages. Returns every version of every draft, then
    leaves the store file alone (its -wal folded in, no -wal or -shm left)."""
    history: dict[int, dict[int, Filing]] = {}
    with DraftStore(path) as store:
        for number in range(drafts_made):
            filing = draft()
            long = number % 3 == 0
            filing.remarks = f"Draft {number:02d}, version 1. " + ("Long remarks. " * 900 if long else "Short.")
            if long:
                filing.footnotes.append(Footnote("F9", f"Footnote of draft {number:02d}: " + "detail " * 700))
            draft_id = store.create(filing)
            for save in range(saves):
                opened = store.open(draft_id)
                opened.filing.remarks = opened.filing.remarks.replace(f"version {save + 1}.", f"version {save + 2}.")
                store.save(draft_id, opened.filing, opened.version)
            history[draft_id] = {
                revision.version: store.revision(draft_id, revision.version) for revision in store.history(draft_id)
            }
    _fold_wal(path)
    return history


def _fold_wal(path: str) -> None:
    """Fold the -wal file into the store file, leaving none beside it (as a closed app does)."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    assert not os.path.exists(path + "-wal")


def _pages(path: str, sql: str) -> tuple[list, int]:
    # immutable: a read-only connection to a WAL store would leave -wal and -shm files beside it
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        rows = [row[0] if len(row) == 1 else row for row in connection.execute(sql)]
        return rows, connection.execute("PRAGMA page_size").fetchone()[0]
    finally:
        connection.close()


def _overwrite(path: str, page: int, page_size: int, junk: bytes) -> None:
    with open(path, "r+b") as damaged:
        damaged.seek((page - 1) * page_size)
        damaged.write((junk * page_size)[:page_size])


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = 0
    for i in range(9):
        byte = data[at + i]
        if i == 8:
            return (value << 8) | byte, at + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + i + 1
    raise AssertionError("unreachable")


def _keys_on_page(path: str, page: int, page_size: int) -> set[tuple[int, int]]:
    """The (draft_id, version) of each revision whose row is a cell of `page` (an index b-tree page), read here
    from the page itself: the key's two integers lie in the cell's first bytes, never on an overflow page."""
    data = Path(path).read_bytes()[(page - 1) * page_size :][:page_size]
    kind, count = data[0], int.from_bytes(data[3:5], "big")
    assert kind in (0x02, 0x0A)
    pointers = 12 if kind == 0x02 else 8
    keys = set()
    for i in range(count):
        at = int.from_bytes(data[pointers + 2 * i : pointers + 2 * i + 2], "big") + (4 if kind == 0x02 else 0)
        _, at = _varint(data, at)  # the payload's size
        header, body = _varint(data, at)
        types = []
        while body < at + header:
            serial, body = _varint(data, body)
            types.append(serial)
        body = at + header
        numbers = []
        for serial in types[:2]:
            size = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}.get(serial, 0)
            numbers.append(serial - 8 if serial in (8, 9) else int.from_bytes(data[body : body + size], "big"))
            body += size
        keys.add((numbers[0], numbers[1]))
    return keys


def _expected(history: dict[int, dict[int, Filing]], lost: set[tuple[int, int]]) -> dict[int, int]:
    """The version of each draft a rescue should write: its newest not among the `lost` rows."""
    return {
        draft_id: max(kept)
        for draft_id, versions in history.items()
        if (kept := [version for version in versions if (draft_id, version) not in lost])
    }


def _as_rescued(filing: Filing) -> bytes:
    """A draft not yet filed as the rescue writes it: the record copy without schemaVersion."""
    root = build_tree(filing, Copy.RECORD)
    if root[0].tag == "schemaVersion":
        root.remove(root[0])
    return serialize(root)


def _versions_rescued(done) -> dict[int, int]:
    """The older version written for each draft whose latest could not be read, from the report's notes."""
    older = {}
    for note in done.notes:
        found = re.search(r"draft (\d+)'s latest version could not be read; this is version (\d+)", note)
        if found:
            older[int(found[1])] = int(found[2])
    return older


def _check_rescued(
    done, history: dict[int, dict[int, Filing]], expected: dict[int, int] | None = None
) -> dict[int, int]:
    """Every file written holds exactly the version of its draft the rescue says it does: the current one
    unless a note says an older one; and, if `expected` is given, that is the version expected of each draft.
    Returns the older versions written."""
    older = _versions_rescued(done)
    versions = {}
    for written in done.written:
        draft_id = int(re.match(r"draft-(\d+)-", os.path.basename(written))[1])
        versions[draft_id] = version = older.get(draft_id, max(history[draft_id]))
        assert Path(written).read_bytes() == _as_rescued(history[draft_id][version]), written
    if expected is not None:
        assert versions == expected
        assert sorted(draft_id for draft_id, _ in done.lost) == sorted(set(history) - set(expected))
    return older


def test_a_store_whose_revisions_root_page_is_zeroed_has_every_draft_rescued(path, tmp_path):
    history = _make_store(path)
    (root,), page_size = _pages(path, "SELECT rootpage FROM sqlite_master WHERE name = 'revisions'")
    head = Path(path).read_bytes()[(root - 1) * page_size :][:12]
    assert head[0] == 0x02  # an interior page: the rows are on the pages below it
    on_root = _keys_on_page(path, root, page_size)  # rows held by the root page itself, lost with it
    assert on_root
    _overwrite(path, root, page_size, b"\x00")
    with DraftStore(path) as store:
        assert store.read_only is not None  # damaged: SQLite itself can read none of the drafts' versions
        with pytest.raises(Exception):
            store.revision(1, 1)
        done = rescue_drafts(store, tmp_path / "rescued")
    assert done.lost == [] and len(done.written) == len(history)
    # Each draft at its newest version not on the root page: the current one unless that sat on the root.
    _check_rescued(done, history, _expected(history, on_root))
    report = (tmp_path / "rescued" / REPORT_FILE).read_text()
    assert report.startswith(f"Rescued from {path}: {len(history)} of {len(history)} drafts.")


def test_a_garbled_interior_page_of_the_revisions_loses_only_the_rows_on_it(path, tmp_path):
    history = _make_store(path, drafts_made=120, saves=3)
    tree, page_size = _pages(
        path, "SELECT pageno, pagetype, path FROM dbstat WHERE name = 'revisions' AND pagetype != 'overflow'"
    )
    # An interior page (not the root) whose subtree begins within a draft: that draft's first versions lie
    # outside it, where SQLite still reads them, and its latest below it, where only the scan reaches them.
    straddling = []
    for number, kind, where in tree:
        if kind == "internal" and where != "/":
            first_leaf = min((p for n, k, p in tree if k == "leaf" and p.startswith(where)), key=str)
            leaf = next(n for n, k, p in tree if p == first_leaf)
            first = min(_keys_on_page(path, leaf, page_size))
            if first[1] > 1:
                straddling.append((number, first))
    assert straddling, "the revisions' b-tree is not deep enough for the test"
    interior, (draft_id, version) = straddling[0]
    on_page = _keys_on_page(path, interior, page_size)
    _overwrite(path, interior, page_size, b"\xde\xad\xbe\xef")
    with DraftStore(path) as store:
        assert store.read_only is not None
        done = rescue_drafts(store, tmp_path / "rescued")
    assert done.lost == [] and len(done.written) == len(history)
    # SQLite still reaches the rows outside that page's subtree, the scan those below it: only the page's own
    # rows are lost, and a draft whose older versions SQLite reads gets its newer one from the scan.
    expected = _expected(history, on_page)
    assert expected[draft_id] >= version  # not the older version SQLite could read
    _check_rescued(done, history, expected)


def test_a_truncated_store_gives_every_draft_whose_pages_are_left(path, tmp_path):
    history = _make_store(path, drafts_made=60)
    good = tmp_path / "good.sqlite3"
    shutil.copy(path, good)
    size = os.path.getsize(path)
    with open(path, "r+b") as cut:
        cut.truncate(size * 2 // 3 + 1000)  # in the middle of a page
    with DraftStore(path) as store:
        done = rescue_drafts(store, tmp_path / "rescued")
    _check_rescued(done, history)
    assert len(done.written) >= len(history) // 2
    found = scan_store(good)  # the whole file, for comparison: every draft at its current version
    assert {draft_id: row.version for draft_id, row in found.revisions.items()} == {
        draft_id: max(versions) for draft_id, versions in history.items()
    }
    for draft_id, why in done.lost:  # each named as the list shows it, from the drafts table or the scan
        assert why.startswith(f"draft {draft_id} (Form 4, 2023-01-09, CRAGUN KENNETH S, Ault Alliance, Inc. [AULT]): ")


def test_the_scan_reads_every_revision_and_draft_row_exactly(path):
    history = _make_store(path, drafts_made=12)
    found = scan_store(path)
    assert sorted(found.revisions) == sorted(history) == sorted(found.drafts)
    for draft_id, row in found.revisions.items():
        assert row.version == max(history[draft_id]) and row.filing == history[draft_id][row.version]
    with DraftStore(path) as store:
        for line in store.list():
            scanned = found.drafts[line.id]
            assert (scanned.version, scanned.status, scanned.document_type, scanned.owner_names) == (
                line.version,
                line.status,
                line.document_type,
                line.reporting_owner,
            )


def test_an_overflow_chain_that_loops_is_not_followed_for_ever(path, tmp_path):
    history = _make_store(path, drafts_made=30)
    data = Path(path).read_bytes()
    (root,), page_size = _pages(path, "SELECT rootpage FROM sqlite_master WHERE name = 'revisions'")
    # Draft 1's latest remarks spill over several overflow pages: make one of them point to itself.
    where = data.index(b"Draft 00, version 3. Long remarks. ")
    page = where // page_size + 1
    assert data[(page - 1) * page_size] != 0x0A  # an overflow page, not the leaf holding the row
    with open(path, "r+b") as damaged:
        damaged.seek((page - 1) * page_size)
        damaged.write(page.to_bytes(4, "big"))
    _overwrite(path, root, page_size, b"\x00")
    started = time.monotonic()
    with DraftStore(path) as store:
        done = rescue_drafts(store, tmp_path / "rescued")
    assert time.monotonic() - started < 30
    older = _check_rescued(done, history)
    # Draft 1's latest version is lost (its chain is broken), an older one written; every other draft whole.
    assert done.lost == [] and older.get(1) in (1, 2)
    assert len(older) <= 4


def test_a_lost_draft_is_named_from_the_scan_when_the_drafts_table_is_damaged_too(path, tmp_path):
    history = _make_store(path, drafts_made=30, saves=0)
    data = Path(path).read_bytes()
    (drafts_root,), page_size = _pages(path, "SELECT rootpage FROM sqlite_master WHERE name = 'drafts'")
    assert data[(drafts_root - 1) * page_size] == 0x05  # an interior page: the drafts' rows are below it
    where = data.index(b"Draft 06, version 1. Long remarks. ")  # draft 7's only version
    _overwrite(path, where // page_size + 1, page_size, b"\xde\xad")
    _overwrite(path, drafts_root, page_size, b"\x00")
    with DraftStore(path) as store:
        done = rescue_drafts(store, tmp_path / "rescued")
    assert [draft_id for draft_id, _ in done.lost] == [7] and len(done.written) == len(history) - 1
    assert done.lost[0][1].startswith("draft 7 (Form 4, 2023-01-09, CRAGUN KENNETH S, Ault Alliance, Inc. [AULT]): ")
    _check_rescued(done, history)


def test_form4_store_rescue_reads_past_a_damaged_root_page(path, tmp_path, capsys):
    history = _make_store(path, drafts_made=9)
    (root,), page_size = _pages(path, "SELECT rootpage FROM sqlite_master WHERE name = 'revisions'")
    _overwrite(path, root, page_size, b"\x00")
    folder = tmp_path / "new folder"
    status = cli.main(["store", "rescue", str(folder), "--store", path])
    out, err = capsys.readouterr()
    assert "form4 store rescue" not in err and err.endswith("; rescuing what it holds.\n")
    written = [p for p in folder.iterdir() if p.suffix == ".xml"]
    assert status == 0 and len(written) == len(history), out
    assert out.startswith(f"{len(history)} drafts rescued into {folder}")
    assert not os.path.exists(path + "-wal") and not os.path.exists(path + "-shm")
    # The last line and the report say how to bring the drafts into a new store (the folder quoted for the shell).
    assert out.endswith(f"bring them into a new store with: form4 import '{folder}' --store NEW_STORE\n")
    assert f"form4 import '{folder}' --store NEW_STORE" in (folder / REPORT_FILE).read_text()


@pytest.mark.parametrize("seed", range(6))  # seed 5 garbles a stored amount: decimal's InvalidOperation
def test_the_scan_of_a_garbled_file_ends_and_never_fails(path, seed):
    history = _make_store(path, drafts_made=15)
    data = bytearray(Path(path).read_bytes())
    chance = random.Random(seed)
    for _ in range(200):  # bytes changed all over the file: headers, pointers, varints, chains
        data[chance.randrange(len(data))] = chance.randrange(256)
    if seed % 2:
        data[16:18] = b"\xff\xff"  # the page size itself garbled
    Path(path).write_bytes(bytes(data))
    found = scan_store(path)  # ends, and raises nothing
    assert len(found.revisions) <= len(history) and len(found.drafts) <= len(history)


def test_when_sqlite_cannot_list_the_drafts_the_scan_lists_them_and_says_which_were_filed(path, tmp_path):
    history = _make_store(path, drafts_made=30)
    with DraftStore(path) as store:
        store.mark_filed(2, date(2023, 1, 10), "0001767258-23-000002")
    _fold_wal(path)
    (drafts_root,), page_size = _pages(path, "SELECT rootpage FROM sqlite_master WHERE name = 'drafts'")
    (root,), _ = _pages(path, "SELECT rootpage FROM sqlite_master WHERE name = 'revisions'")
    on_root = _keys_on_page(path, root, page_size)
    _overwrite(path, drafts_root, page_size, b"\x00")
    _overwrite(path, root, page_size, b"\x00")
    with DraftStore(path) as store:
        with pytest.raises(StoreError):
            store.draft_ids()  # neither the drafts nor the revisions can be listed by SQLite
        done = rescue_drafts(store, tmp_path / "rescued")
    expected = _expected(history, on_root)
    filed = [written for written in done.written if written.endswith("-filed.xml")]
    assert [os.path.basename(written) for written in filed] == ["draft-00002-form-4-CRAGUN-KENNETH-S-AULT-filed.xml"]
    assert Path(filed[0]).read_bytes() == serialize(build_tree(history[2][expected[2]], Copy.RECORD))
    done.written.remove(filed[0])
    del history[2], expected[2]
    _check_rescued(done, history, expected)


def test_the_summary_names_the_first_lost_drafts_and_leaves_the_rest_to_the_report():
    lost = [
        (n, f"draft {n} (Form 4, 2023-01-09, OWNER {n}, Issuer [T]): No version of draft {n} can be read.")
        for n in range(1, 9)
    ]
    summary = Rescued(["a.xml"], [], lost).summary()
    assert summary == (
        "1 draft rescued; 8 could not be read: "
        + "; ".join(f"draft {n} (Form 4, 2023-01-09, OWNER {n}, Issuer [T])" for n in range(1, 6))
        + f"; and 3 more ({REPORT_FILE} names them)"
    )


def test_a_store_sqlite_cannot_open_at_all_is_rescued_from_its_pages(path, tmp_path, capsys):
    history = _make_store(path, drafts_made=12)
    with DraftStore(path) as store:
        store.mark_filed(3, date(2023, 1, 10))
    _fold_wal(path)
    (_, page_size) = _pages(path, "SELECT 1")
    _overwrite(path, 1, page_size, b"\x00")  # the header and the schema: SQLite sees no database at all
    with pytest.raises(StoreError, match="damaged beyond reading"):
        DraftStore(path, create=False)
    folder = tmp_path / "rescued"
    status = cli.main(["store", "rescue", str(folder), "--store", path])
    out, err = capsys.readouterr()
    assert err.endswith("Reading its pages directly to rescue what it holds.\n") and "form4 store rescue" not in err
    assert status == 0 and out.startswith(f"{len(history)} drafts rescued into {folder}")
    report = (folder / REPORT_FILE).read_text()
    assert "SQLite could not list the drafts; they were found by reading the store file's pages." in report
    filed = folder / "draft-00003-form-4-CRAGUN-KENNETH-S-AULT-filed.xml"  # filed: the drafts rows say so
    assert filed.read_bytes() == serialize(build_tree(history[3][max(history[3])], Copy.RECORD))
    filed.unlink()
    done = [str(p) for p in folder.iterdir() if p.suffix == ".xml"]
    del history[3]
    for written in done:  # every other draft at its current version
        draft_id = int(re.match(r"draft-(\d+)-", os.path.basename(written))[1])
        assert Path(written).read_bytes() == _as_rescued(history[draft_id][max(history[draft_id])])
    assert len(done) == len(history)
    assert not os.path.exists(path + "-wal") and not os.path.exists(path + "-shm")


def test_a_file_with_no_draft_in_it_rescues_nothing_and_leaves_no_folder(tmp_path, capsys):
    junk = tmp_path / "drafts.sqlite3"
    junk.write_bytes(bytes(random.Random(1).randrange(256) for _ in range(64 * 1024)))
    folder = tmp_path / "rescued"
    assert cli.main(["store", "rescue", str(folder), "--store", str(junk)]) == 2
    err = capsys.readouterr().err
    assert f"Nothing can be rescued from the store {junk}: SQLite cannot list its drafts (" in err
    assert err.endswith("and none was found reading its pages.\n")
    assert not folder.exists()


def _left_in_wal(path: str, drafts_made: int) -> list[int]:
    """Drafts saved by a program that stopped before it folded its -wal file into the store (killed, or the
    power went): their only copy is in the -wal file, and no -shm file is left (as after a reboot)."""
    code = (
        "import os, sys\n"
        "from form4_desktop.store import DraftStore\n"
        "from test_rules import draft\n"
        "store = DraftStore(sys.argv[1])\n"
        f"ids = [store.create(draft()) for _ in range({drafts_made})]\n"
        "for draft_id in ids:\n"
        "    opened = store.open(draft_id)\n"
        "    opened.filing.remarks = f'Only in the -wal file: draft {draft_id}.'\n"
        "    store.save(draft_id, opened.filing, opened.version)\n"
        "print(' '.join(map(str, ids)), flush=True)\n"
        "os._exit(0)\n"
    )
    tests = str(Path(__file__).resolve().parent)
    done = subprocess.run(
        [sys.executable, "-c", code, path],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": tests},
        timeout=120,
    )
    os.unlink(path + "-shm")
    assert os.path.getsize(path + "-wal") > 0
    return [int(n) for n in done.stdout.split()]


def _beside(path: str) -> dict[str, tuple[bytes, int]]:
    """Every file in the store's folder: its bytes and when it was last changed."""
    folder = os.path.dirname(path)
    return {
        name: (Path(folder, name).read_bytes(), os.stat(os.path.join(folder, name)).st_mtime_ns)
        for name in sorted(os.listdir(folder))
        if os.path.isfile(os.path.join(folder, name))
    }


def test_a_damaged_store_with_saves_in_its_wal_is_read_without_a_file_made_or_changed_beside_it(path, tmp_path):
    history = _make_store(path, drafts_made=12, saves=0)
    (root,), page_size = _pages(path, "SELECT rootpage FROM sqlite_master WHERE name = 'revisions'")
    in_wal = _left_in_wal(path, drafts_made=3)
    # Damage a page of the store file that the -wal file does not replace: the revisions of the first drafts.
    where = Path(path).read_bytes().index(b"Draft 00, version 1. Long remarks. ")
    _overwrite(path, where // page_size + 1, page_size, b"\xde\xad")
    before = _beside(path)
    with DraftStore(path) as store:
        assert store.read_only is not None and "is damaged" in store.read_only.what
        listed = {row.id for row in store.list()}
        assert set(in_wal) <= listed and len(listed) == len(history) + len(in_wal)  # the -wal's drafts are read
        assert store.open(in_wal[-1]).filing.remarks == f"Only in the -wal file: draft {in_wal[-1]}."
        assert _beside(path) == before  # nothing made (no -shm) and nothing changed while it is open
        done = rescue_drafts(store, tmp_path / "rescued")
    assert _beside(path) == before
    rescued = {os.path.basename(written) for written in done.written}
    assert f"draft-{in_wal[-1]:05d}-form-4-CRAGUN-KENNETH-S-AULT.xml" in rescued


def test_form4_list_and_rescue_of_a_damaged_store_with_saves_in_its_wal_leave_its_folder_as_it_was(
    path, tmp_path, capsys
):
    _make_store(path, drafts_made=6, saves=0)
    (root,), page_size = _pages(path, "SELECT rootpage FROM sqlite_master WHERE name = 'revisions'")
    in_wal = _left_in_wal(path, drafts_made=2)
    where = Path(path).read_bytes().index(b"Draft 00, version 1. Long remarks. ")
    _overwrite(path, where // page_size + 1, page_size, b"\xde\xad")
    before = _beside(path)
    assert cli.main(["list", "--store", path]) == 0
    assert f"{in_wal[-1]}\t" in capsys.readouterr().out
    assert _beside(path) == before
    cli.main(["store", "rescue", str(tmp_path / "out"), "--store", path])
    capsys.readouterr()
    assert _beside(path) == before


def test_a_rescue_logs_its_first_failure_with_its_traceback_then_only_how_many_there_were(path, tmp_path, caplog):
    history = _make_store(path, drafts_made=30)
    (drafts_root,), page_size = _pages(path, "SELECT rootpage FROM sqlite_master WHERE name = 'drafts'")
    (root,), _ = _pages(path, "SELECT rootpage FROM sqlite_master WHERE name = 'revisions'")
    _overwrite(path, drafts_root, page_size, b"\x00")  # every draft's line in the list, and its revisions' index
    _overwrite(path, root, page_size, b"\x00")
    with DraftStore(path) as store:
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="form4_desktop"):
            done = rescue_drafts(store, tmp_path / "rescued")
        assert len(done.written) > len(history) // 2  # the drafts were rescued all the same
        with_traceback = [record for record in caplog.records if record.exc_info]
        assert len(with_traceback) == 1, [record.getMessage() for record in with_traceback]
        assert with_traceback[0].getMessage().startswith(f"rescue of the store {path}: first failure: ")
        [count] = [record for record in caplog.records if "failures in all" in record.getMessage()]
        failures = int(re.search(r": (\d+) failures in all; only the first is logged above", count.getMessage())[1])
        assert failures >= len(history)  # each draft failed at least once, and each failure was counted
        assert count is caplog.records[-1]  # said once, at the end
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="form4_desktop"), pytest.raises(StoreError):
            store.draft_ids()  # outside a rescue, a failure is logged with its traceback as before
        assert [record.exc_info is not None for record in caplog.records][-1:] == [True]

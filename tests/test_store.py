"""The draft store: nothing a user saved is ever lost or silently overwritten."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import CORPUS, DATA, REFERENCE
from form4_desktop.app.autosave import Autosaver
from form4_desktop.app.drafts import export_draft_xml, import_xml
from form4_desktop.edgar_xml import Copy, read_file
from form4_desktop.store import ConflictError, DraftStore, NotFoundError, StoreError
from form4_desktop.store import database
from form4_desktop.store.codec import filing_to_json
from test_rules import draft

CCC = "ab#45678"


@pytest.fixture
def store(tmp_path):
    with DraftStore(tmp_path / "drafts.sqlite3") as opened:
        yield opened


# Creating, saving, listing, the trash, history, filing and amending are tested on both backends (SQLite and the
# team store on PostgreSQL) in tests/test_store_contract.py.


def test_search_by_owner_issuer_ticker_or_cik(store):
    first = store.create(draft())
    second = store.create(read_file(CORPUS[0]))
    for text, expected in (
        ("cragun", first),
        ("ault alliance", first),
        ("AULT", first),
        ("896493", first),
        ("1767258", first),
        ("MVIS", second),
        ("Markham", second),
    ):
        assert [row.id for row in store.list(text)] == [expected], text
    assert store.list("nobody at all") == []


def test_the_list_never_shows_the_ccc(store, capsys, tmp_path):
    from form4_desktop.cli import main

    store.create(draft())
    assert main(["list", "--store", store.path]) == 0
    assert CCC not in capsys.readouterr().out
    out = tmp_path / "record.xml"
    export_draft_xml(store, 1, out, Copy.RECORD)
    assert CCC not in out.read_text()
    export_draft_xml(store, 1, out, Copy.SUBMISSION)
    assert CCC.replace("#", "&#35;") in out.read_text() or CCC in out.read_text()


def test_an_edgar_xml_file_imports_as_a_filed_original_to_amend(store):
    draft_id, new = import_xml(store, REFERENCE)[:2]
    imported = store.open(draft_id)
    assert new and imported.status == "filed" and imported.filed_on == "2023-01-11"  # the signature date
    amendment = store.open(store.amend(draft_id)).filing
    assert amendment.document_type == "4/A" and amendment.schema_version is None


def test_a_file_already_in_the_store_is_not_imported_twice(store, tmp_path):
    first = import_xml(store, REFERENCE)
    assert import_xml(store, REFERENCE)[:2] == (first.draft_id, False)
    assert import_xml(store, CORPUS[0]).new  # another filing is imported
    forced = import_xml(store, REFERENCE, again=True)
    assert forced.new and forced.draft_id not in (first.draft_id,)
    assert import_xml(store, REFERENCE)[:2] == (forced.draft_id, False)  # the newest of the equal drafts
    assert len(store.list()) == 3


def test_only_the_exact_current_content_of_a_draft_outside_the_trash_counts(store, tmp_path):
    respelt = tmp_path / "respelt.xml"  # the same shares, spelt otherwise: a different document
    respelt.write_text(REFERENCE.read_text().replace("<value>125000</value>", "<value>125000.00</value>"))
    draft_id = store.create(read_file(REFERENCE))  # a draft (not filed) holding exactly the file
    assert import_xml(store, REFERENCE)[:2] == (draft_id, False)
    assert import_xml(store, respelt).new
    opened = store.open(draft_id)  # once changed, only its older revision holds the file: that does not count
    opened.filing.remarks = "Changed."
    store.save(draft_id, opened.filing, opened.version)
    imported = import_xml(store, REFERENCE)
    assert imported.new
    store.delete(imported.draft_id)  # nor does a draft in the trash
    assert import_xml(store, REFERENCE).new


def test_a_second_writer_is_refused_not_overwritten(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    with DraftStore(path) as first, DraftStore(path) as second:
        draft_id = first.create(draft())
        mine, theirs = first.open(draft_id), second.open(draft_id)
        theirs.filing.remarks = "Theirs."
        second.save(draft_id, theirs.filing, theirs.version)
        mine.filing.remarks = "Mine."
        with pytest.raises(ConflictError, match="changed in another window or program"):
            first.save(draft_id, mine.filing, mine.version)
        assert first.open(draft_id).filing.remarks == "Theirs."


SECOND_PROCESS = """
import sys
from form4_desktop.store import DraftStore
with DraftStore(sys.argv[1]) as store:
    opened = store.open(int(sys.argv[2]))
    opened.filing.remarks = "Saved by the other process."
    print(store.save(opened.id, opened.filing, opened.version))
"""


def test_two_processes_on_one_draft_the_second_save_is_refused(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    with DraftStore(path) as store:
        draft_id = store.create(draft())
        opened = store.open(draft_id)
        other = subprocess.run(
            [sys.executable, "-c", SECOND_PROCESS, str(path), str(draft_id)], capture_output=True, text=True, check=True
        )
        assert other.stdout.strip() == "2"
        opened.filing.remarks = "Saved by this process."
        with pytest.raises(ConflictError) as refused:
            store.save(draft_id, opened.filing, opened.version)
        assert "version 2" in str(refused.value) and "you opened version 1" in str(refused.value)
        assert store.open(draft_id).filing.remarks == "Saved by the other process."


def test_autosave_at_most_every_two_seconds_and_restore_after_a_crash(tmp_path):
    now = [100.0]
    path = tmp_path / "drafts.sqlite3"
    store = DraftStore(path)
    draft_id = store.create(draft())
    autosaver = Autosaver(store, "window-1", clock=lambda: now[0])
    filing = store.open(draft_id).filing
    for step in range(10):  # ten keystrokes in one second
        filing.remarks = f"typing {step}"
        autosaver.changed(filing, draft_id, 1)
        now[0] += 0.1
    assert autosaver.writes == 1  # the first change, then nothing until two seconds have passed
    now[0] += 1.5
    assert autosaver.poll() and autosaver.writes == 2
    store.close()  # the program dies here: nothing was saved by the user
    with DraftStore(path) as reopened:
        [left] = reopened.autosaves()
        assert (left.slot, left.draft_id, left.base_version) == ("window-1", draft_id, 1)
        assert left.filing.remarks == "typing 9"
        reopened.save(draft_id, left.filing, 1)  # restoring it is an ordinary save ...
        assert reopened.autosaves() == []  # ... after which nothing is left to recover


def test_address_book_offers_owners_and_issuers_with_latest_details(store):
    store.create(draft())
    newer = draft()
    newer.reporting_owners[0].address.city = "HENDERSON"
    store.create(newer)
    [owner] = store.known_owners("cragun")
    assert owner.address.city == "HENDERSON" and owner.cik == "0001767258"
    [issuer] = store.known_issuers("AULT")
    assert issuer.name == "Ault Alliance, Inc." and issuer.trading_symbol == "AULT"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_store_is_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    with DraftStore(path) as store:
        store.create(draft())
        for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            assert stat.S_IMODE(name.stat().st_mode) == 0o600, name


def test_a_store_from_a_newer_program_is_refused(tmp_path):
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 99")
    connection.close()
    with pytest.raises(StoreError, match="newer Form 4 Desktop"):
        DraftStore(path)


def test_a_file_that_is_not_a_store_is_refused_clearly(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not a Form 4 Desktop store"):
        DraftStore(junk)


@pytest.mark.parametrize("fixture", sorted((DATA / "stores").glob("v*.sqlite3")), ids=lambda p: p.name)
def test_every_schema_version_fixture_opens_with_its_drafts(tmp_path, fixture):
    copy = tmp_path / fixture.name
    copy.write_bytes(fixture.read_bytes())
    with DraftStore(copy) as store:
        [row] = store.list()
        assert row.reporting_owner == "CRAGUN KENNETH S"
        assert store.open(row.id).filing.issuer.trading_symbol == "AULT"
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == len(database.MIGRATIONS)


def test_a_migration_backs_up_first_and_is_all_or_nothing(tmp_path):
    path = str(tmp_path / "drafts.sqlite3")
    DraftStore(path).close()
    current = len(database.MIGRATIONS)

    def broken(connection):
        connection.execute("ALTER TABLE drafts ADD COLUMN colour TEXT")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        database.connect(path, database.MIGRATIONS + [broken])
    backups = list(tmp_path.glob(f"drafts.sqlite3.v{current}-*.bak"))
    assert len(backups) == 1
    connection = database.connect(path)  # still at today's version, without the half-made column
    columns = [row[1] for row in connection.execute("PRAGMA table_info(drafts)")]
    assert "colour" not in columns and connection.execute("PRAGMA user_version").fetchone()[0] == current
    connection.close()

    def added(connection):
        connection.execute("ALTER TABLE drafts ADD COLUMN colour TEXT")

    connection = database.connect(path, database.MIGRATIONS + [added])
    assert connection.execute("PRAGMA user_version").fetchone()[0] == current + 1
    connection.close()


def _fixture(tmp_path, name: str) -> Path:
    copy = tmp_path / name
    copy.write_bytes((DATA / "stores" / name).read_bytes())
    return copy


def test_a_v1_store_migrates_to_the_current_version_after_a_backup_with_its_drafts_intact(tmp_path):
    path = _fixture(tmp_path, "v1.sqlite3")
    with sqlite3.connect(path) as before:
        content = before.execute("SELECT content FROM revisions").fetchall()
    before.close()
    with DraftStore(path, user="alice") as store:
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == len(database.MIGRATIONS)
        assert store._db.execute("PRAGMA application_id").fetchone()[0] == database.APPLICATION_ID
        [row] = store.list()
        assert [(r.version, r.saved_by) for r in store.history(row.id)] == [(1, "")]  # nobody recorded then
        assert store._db.execute("SELECT content FROM revisions").fetchall() == content  # not a byte changed
        opened = store.open(row.id)
        opened.filing.remarks = "Saved after the migration."
        store.save(row.id, opened.filing, opened.version)
        assert [(r.version, r.saved_by) for r in store.history(row.id)] == [(2, "alice"), (1, "")]
    [backup] = tmp_path.glob("v1.sqlite3.v1-*.bak")
    with sqlite3.connect(backup) as kept:
        assert kept.execute("PRAGMA user_version").fetchone()[0] == 1
        assert kept.execute("SELECT content FROM revisions").fetchall() == content
    kept.close()


def _backed_up_at(folder: Path, version: int) -> None:
    """The migration left one backup of the fixture, at the version it had."""
    [backup] = folder.glob(f"v{version}.sqlite3.v{version}-*.bak")
    with sqlite3.connect(backup) as kept:
        assert kept.execute("PRAGMA user_version").fetchone()[0] == version
    kept.close()


def test_a_v2_store_is_marked_as_ours_after_a_backup(tmp_path):
    path = _fixture(tmp_path, "v2.sqlite3")
    with DraftStore(path, user="bob") as store:
        assert store.read_only is None
        assert store._db.execute("PRAGMA application_id").fetchone()[0] == database.APPLICATION_ID
        [row] = store.list()
        assert [(r.version, r.saved_by) for r in store.history(row.id)] == [
            (2, "fixture-editor"),
            (1, "fixture-author"),
        ]
    _backed_up_at(tmp_path, 2)


def test_a_v3_store_gains_the_ledgers_merges_after_a_backup(tmp_path):
    path = _fixture(tmp_path, "v3.sqlite3")
    with DraftStore(path, user="bob") as store:
        [row] = store.list()
        assert store.title_merges("1", "2") == {}
        store.merge_titles("1", "2", "common stock par value", "common stock")
        assert store.title_merges("0001", "2") == {"common stock par value": "common stock"}
        assert store.open(row.id).filing.remarks == "Saved again by the fixture's editor."
    _backed_up_at(tmp_path, 3)


def test_a_v4_store_keeps_its_largest_draft_id_after_a_backup(tmp_path):
    path = _fixture(tmp_path, "v4.sqlite3")
    with DraftStore(path, user="bob") as store:
        [row] = store.list()
        assert store.open(row.id).filing.remarks == "Saved again by the fixture's editor."
        store.delete(row.id)
        store.empty_trash()
        assert store.create(draft()) == row.id + 1  # the emptied draft's id is not given again
    _backed_up_at(tmp_path, 4)


def _filed_rows_before_v6(path: Path) -> dict[str, int]:
    """Filed drafts written into a store of schema version 5 as the program of that version wrote them (it kept
    no provenance of a filing date), by what they are: their ids."""
    edgar_copy = read_file(REFERENCE)  # signed 01/11/2023, period 01/09/2023
    unsigned = read_file(REFERENCE)
    unsigned.signatures = []
    cases = {
        "imported, dated from its signature": (edgar_copy, "2023-01-11"),
        "imported with another date given": (edgar_copy, "2023-01-13"),
        "imported unsigned, dated from box 3": (unsigned, "2023-01-09"),
        "filed, no date known": (edgar_copy, None),
        "marked filed in the app on its signature date": (draft(), "2023-01-11"),
    }
    ids = {}
    with sqlite3.connect(path) as connection:
        first = connection.execute("SELECT max(id) FROM drafts").fetchone()[0] + 1
        for number, (name, (filing, filed_on)) in enumerate(cases.items(), start=first):
            connection.execute(
                "INSERT INTO drafts (id, created_at, updated_at, version, status, document_type, filed_on, "
                "issuer_cik, owner_ciks) VALUES (?, '2023-01-11T00:00:00+00:00', '2023-01-11T00:00:00+00:00', 1, "
                "'filed', '4', ?, '0000896493', '0001767258')",
                (number, filed_on),
            )
            connection.execute(
                "INSERT INTO revisions (draft_id, version, saved_at, saved_by, content) "
                "VALUES (?, 1, '2023-01-11T00:00:00+00:00', 'fixture-author', ?)",
                (number, filing_to_json(filing)),
            )
            ids[name] = number
        connection.execute("UPDATE sequences SET last = ?", (number,))
    connection.close()
    return ids


def test_a_v5_store_keeps_which_filing_dates_were_assumed_after_a_backup(tmp_path):
    path = _fixture(tmp_path, "v5.sqlite3")
    ids = _filed_rows_before_v6(path)
    with DraftStore(path, user="bob") as store:
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == 6
        assert {name: store.open(number).filed_on_assumed for name, number in ids.items()} == {
            "imported, dated from its signature": True,
            "imported with another date given": False,
            "imported unsigned, dated from box 3": True,
            "filed, no date known": True,
            "marked filed in the app on its signature date": False,
        }
        assert [(row.filed_on, row.filed_on_assumed) for row in store.ledger_filings("1767258", "896493")][1:] == [
            (date(2023, 1, 11), True),
            (date(2023, 1, 13), False),
            (date(2023, 1, 9), True),
            (None, True),
            (date(2023, 1, 11), False),
        ]
        [unfiled] = [row for row in store.list() if row.status == "draft"]
        assert store.open(unfiled.id).filed_on_assumed is False
        assert store.open(unfiled.id).filing.remarks == "Saved again by the fixture's editor."
        assert store.fiscal_year_end("896493") == (12, 31)
        store.set_fiscal_year_end("896493", 6, 30)
        assert store.fiscal_year_end("896493") == (6, 30)
    _backed_up_at(tmp_path, 5)
    [backup] = tmp_path.glob("v5.sqlite3.v5-*.bak")
    with sqlite3.connect(backup) as kept:  # the copy is the store as it was: no new column, all five filed drafts
        assert "filed_on_assumed" not in [row[1] for row in kept.execute("PRAGMA table_info(drafts)")]
        assert kept.execute("SELECT count(*) FROM drafts WHERE status = 'filed'").fetchone()[0] == 5
    kept.close()


def test_the_v6_migration_is_all_or_nothing(tmp_path, monkeypatch):
    path = _fixture(tmp_path, "v5.sqlite3")
    _filed_rows_before_v6(path)

    def unreadable(content, status, filed_on):  # the migration fails after its ALTER TABLE
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(database, "filed_on_was_assumed", unreadable)
    with pytest.raises(RuntimeError):
        DraftStore(path)
    with sqlite3.connect(path) as left:
        assert left.execute("PRAGMA user_version").fetchone()[0] == 5
        assert "filed_on_assumed" not in [row[1] for row in left.execute("PRAGMA table_info(drafts)")]
        assert left.execute("SELECT name FROM sqlite_master WHERE name = 'fiscal_year_ends'").fetchone() is None
    left.close()


def test_a_v6_store_opens_unchanged(tmp_path):
    path = _fixture(tmp_path, "v6.sqlite3")
    original = path.read_bytes()
    with DraftStore(path, user="bob") as store:
        [row] = store.list()
        assert [(r.version, r.saved_by) for r in store.history(row.id)] == [
            (2, "fixture-editor"),
            (1, "fixture-author"),
        ]
        assert store.open(row.id).filing.remarks == "Saved again by the fixture's editor."
        assert store.open(row.id).filed_on_assumed is False
        assert store.fiscal_year_end("320193") == (9, 30)  # kept by the fixture
    assert list(tmp_path.glob("*.bak")) == []  # no migration, so no backup
    assert path.read_bytes() == original


def test_a_draft_id_is_never_given_twice_so_a_stale_window_cannot_save_into_another_draft(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    with DraftStore(path) as window, DraftStore(path) as other:
        first = window.create(draft())
        opened = window.open(first)  # a window keeps the draft open
        other.delete(first)
        other.empty_trash()
        second = other.create(draft())  # someone else's new draft, at the same version as the stale one
        assert second != first
        opened.filing.remarks = "Typed in the stale window."
        with pytest.raises(NotFoundError, match=f"There is no draft {first} in the store"):
            window.save(first, opened.filing, opened.version)
        assert other.open(second).filing.remarks is None  # the other draft is untouched
    with DraftStore(path) as store:  # the largest id is kept in the file, not only by this connection
        store.delete(second)
        store.empty_trash()
        assert store.create(draft()) == second + 1


def test_each_revision_records_who_saved_it(tmp_path, monkeypatch):
    path = tmp_path / "drafts.sqlite3"
    monkeypatch.setattr("getpass.getuser", lambda: "carol")
    with DraftStore(path) as store:  # by default, the user's name on this computer
        draft_id = store.create(draft())
    with DraftStore(path, user="dave") as store:
        store.restore_revision(draft_id, 1, expected_version=1)
        [newest, oldest] = store.history(draft_id)
        assert (newest.version, newest.saved_by, oldest.saved_by) == (2, "dave", "carol")
        assert newest.saved_at > oldest.saved_at


def test_a_user_name_that_cannot_be_found_still_names_someone(monkeypatch):
    from form4_desktop.store.drafts import current_user

    def fails():
        raise OSError("no user name")

    monkeypatch.setattr("getpass.getuser", fails)
    assert current_user() == (f"uid {os.getuid()}" if hasattr(os, "getuid") else "")


def test_a_missing_store_is_refused_when_it_may_not_be_created(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    with pytest.raises(StoreError) as refused:
        DraftStore(path, create=False)
    assert type(refused.value) is StoreError and str(refused.value) == f"There is no draft store at {path}."
    assert list(tmp_path.iterdir()) == []
    DraftStore(path).close()  # created by default
    DraftStore(path, create=False).close()  # and then opened


def test_the_drafts_columns_named_once_are_the_schemas(tmp_path):
    # salvage.py reads damaged records and copying.py copies rows by database.DRAFT_COLUMNS: it must be the table.
    path = tmp_path / "drafts.sqlite3"
    DraftStore(path).close()
    with sqlite3.connect(path) as connection:
        columns = tuple(row[1] for row in connection.execute("PRAGMA table_info(drafts)"))
    connection.close()
    assert columns == database.DRAFT_COLUMNS

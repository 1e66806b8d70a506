"""A store that is damaged, full, read-only, foreign or newer is never written; what can be read is rescued; a save
never lands in a trashed draft; a CCC can be forgotten (issue 11)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from form4_desktop import cli
from form4_desktop.app import drafts
from form4_desktop.app.files import OutputError
from form4_desktop.app.rescue import REPORT_FILE, rescue_drafts
from form4_desktop.edgar_xml.reader import read_file
from form4_desktop.store import CccForgottenError, ConflictError, DraftStore, StoreError, TrashedError
from form4_desktop.store import database
from test_rules import draft
from test_store_errors import as_unprivileged

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "tests" / "data" / "reference-form4.xml"


@pytest.fixture
def path(tmp_path):
    return str(tmp_path / "drafts.sqlite3")


def _snapshot(path: str) -> tuple[bytes, int]:
    return Path(path).read_bytes(), stat.S_IMODE(os.stat(path).st_mode)


# -- files that are not ours, or not ours to write -----------------------------------------------------------
def test_an_xml_file_given_as_the_store_is_refused_untouched(tmp_path):
    xml = tmp_path / "filing.xml"
    shutil.copy(REFERENCE, xml)
    os.chmod(xml, 0o644)
    before = _snapshot(str(xml))
    with pytest.raises(StoreError) as refused:
        DraftStore(xml)
    assert str(refused.value) == (
        f"The file {xml} is not a Form 4 Desktop store (it looks like an XML filing: "
        "import it, or open it as a file); nothing was changed in it."
    )
    assert _snapshot(str(xml)) == before  # not even its permissions
    assert sorted(p.name for p in tmp_path.iterdir()) == ["filing.xml"]  # no -wal, no -shm


def test_another_programs_sqlite_file_gets_none_of_our_tables(tmp_path):
    other = tmp_path / "inventory.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE parts (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO parts (name) VALUES ('bolt')")
    connection.close()
    os.chmod(other, 0o664)
    before = _snapshot(str(other))
    with pytest.raises(StoreError) as refused:
        DraftStore(other)
    assert str(refused.value) == (
        f"The file {other} is a database of another program, not a Form 4 Desktop store; nothing was changed in it."
    )
    assert _snapshot(str(other)) == before
    with sqlite3.connect(other) as connection:
        assert [name for (name,) in connection.execute("SELECT name FROM sqlite_master")] == ["parts"]
    connection.close()


def test_a_foreign_file_with_its_own_application_id_is_refused(tmp_path):
    other = tmp_path / "drafts.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("PRAGMA application_id = 1234")
        connection.execute("PRAGMA user_version = 2")
        for table in database.OUR_TABLES:  # even with tables named like ours
            connection.execute(f"CREATE TABLE {table} (x)")
    connection.close()
    before = _snapshot(str(other))
    with pytest.raises(StoreError, match="is a database of another program"):
        DraftStore(other)
    assert _snapshot(str(other)) == before


def test_a_store_from_a_newer_version_is_refused_before_anything_is_written(path):
    with DraftStore(path) as store:
        store.create(draft())
    with sqlite3.connect(path, isolation_level=None) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")  # as a newer program might leave it
        connection.execute("PRAGMA user_version = 99")
    connection.close()
    before = _snapshot(path)
    with pytest.raises(StoreError) as refused:
        DraftStore(path)
    assert str(refused.value) == (
        f"The store {path} was written by a newer Form 4 Desktop (schema version 99); "
        "open it with that version. Nothing was changed in it."
    )
    assert _snapshot(path) == before  # still in DELETE mode (byte 18 = 1), not switched to WAL
    assert Path(path).read_bytes()[18] == 1
    assert not os.path.exists(path + "-wal")


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_store_others_can_read_is_left_as_it_is_with_a_warning(path):
    with DraftStore(path) as store:
        store.create(draft())
        assert store.warning is None  # made by us: the owner's only
    os.chmod(path, 0o660)  # a store shared with a group on a shared drive: making it private would lock them out
    with DraftStore(path) as store:
        assert store.read_only is None
        assert store.warning == (
            f"The store {path} can be read by its group (permissions 0660), and it holds EDGAR access codes "
            f"(CCCs); if it is not meant to be shared, make it private (chmod go-rwx {path})."
        )
        store.create(draft())
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o660
    os.chmod(path, 0o644)
    with DraftStore(path) as store:
        assert "can be read by everyone on this computer (permissions 0644)" in store.warning
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o644


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_store_made_read_only_is_not_written_even_by_an_administrator(path):
    # As root os.access says every file is writable; the missing write bits say the user made it read-only.
    with DraftStore(path) as store:
        draft_id = store.create(draft())
    os.chmod(path, 0o444)
    before = _snapshot(path)
    with DraftStore(path) as store:
        assert store.read_only is not None and store.read_only.what.endswith("is a read-only file")
        opened = store.open(draft_id)
        opened.filing.remarks = "Changed."
        with pytest.raises(StoreError, match="is a read-only file, so nothing was saved"):
            store.save(draft_id, opened.filing, opened.version)
    assert _snapshot(path) == before and not os.path.exists(path + "-wal")


def test_an_empty_file_that_is_not_named_as_a_store_is_refused(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"")
    with pytest.raises(StoreError, match="is empty, so it is not a Form 4 Desktop store"):
        DraftStore(notes)
    assert notes.read_bytes() == b""


def test_an_empty_store_file_left_by_a_cut_short_creation_becomes_a_store(path):
    Path(path).write_bytes(b"")
    with DraftStore(path) as store:
        assert store.read_only is None and store.create(draft()) == 1


def _read_only_file(folder: str, filing) -> tuple:
    path = os.path.join(folder, "drafts.sqlite3")
    with DraftStore(path) as store:
        draft_id = store.create(filing)
    os.chmod(path, 0o444)
    before = _snapshot(path)
    with DraftStore(path) as store:
        opened = store.open(draft_id)  # reading it is fine
        listed = [row.id for row in store.list()]
        message = store.read_only.opened()
        opened.filing.remarks = "Changed."
        try:
            store.save(draft_id, opened.filing, opened.version)
        except StoreError as error:
            refused = str(error)
    after = _snapshot(path)
    raise RuntimeError(repr((listed, message, refused, before == after, oct(after[1]))))


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_read_only_store_file_opens_for_reading_only_and_is_never_written():
    filing = draft()
    kind, text = as_unprivileged(lambda folder: _read_only_file(folder, filing))
    listed, message, refused, unchanged, mode = eval(text)  # noqa: S307 - our own repr, from the child
    assert listed == [1]
    assert message.endswith(
        "drafts.sqlite3 is a read-only file, so it is open for reading only; make it writable, or open another store."
    )
    assert refused.endswith(
        "drafts.sqlite3 is a read-only file, so nothing was saved; make it writable, or open another store."
    )
    assert unchanged and mode == "0o444"  # not chmod-ed, not written


# -- damaged ----------------------------------------------------------------------------------------------
def _damaged_store(path: str, drafts_made: int = 12, damaged_draft: int = 6) -> list[int]:
    """A store whose file, after it was closed, has junk over the page holding one draft's remarks."""
    with DraftStore(path) as store:
        ids = []
        for number in range(drafts_made):
            filing = draft()
            filing.remarks = f"Draft number {number:02d}; " + "x" * 3000  # a page of its own (an overflow page)
            ids.append(store.create(filing))
    content = Path(path).read_bytes()
    page = 4096
    where = content.index(f"Draft number {damaged_draft:02d};".encode())
    with open(path, "r+b") as damaged:
        damaged.seek(where // page * page)
        damaged.write(b"\xde\xad" * (page // 2))  # that page, all junk
    return ids


def test_a_damaged_store_opens_for_reading_only_and_refuses_to_be_written(path, caplog):
    _damaged_store(path)
    before = _snapshot(path)
    with DraftStore(path) as store:
        assert store.read_only is not None
        assert store.read_only.opened().startswith(f"The store {path} is damaged (")
        # No backup copy beside it, so none is suggested.
        assert store.read_only.opened().endswith(
            "so it is open for reading only; rescue its drafts into a folder (File > Rescue Drafts, or form4 store "
            "rescue) and bring them into a new store (File > Import Folder, or form4 import)."
        )
        with pytest.raises(StoreError) as refused:
            drafts.import_xml(store, REFERENCE)
        assert ", so nothing was saved; rescue its drafts" in str(refused.value)
    assert _snapshot(path) == before


def test_a_damaged_store_is_rescued_draft_by_draft(path, tmp_path):
    ids = _damaged_store(path)
    folder = tmp_path / "rescued"
    with DraftStore(path) as store:
        done = rescue_drafts(store, folder)
    assert len(done.written) == len(ids) - 1 and [draft_id for draft_id, _ in done.lost] == [7]  # number 06
    # The lost draft named as the list shows it, so the user knows which one to write again.
    lost = "draft 7 (Form 4, 2023-01-09, CRAGUN KENNETH S, Ault Alliance, Inc. [AULT])"
    assert done.summary() == f"{len(ids) - 1} drafts rescued; 1 could not be read: {lost}"
    report = (folder / REPORT_FILE).read_text()
    assert report.startswith(f"Rescued from {path}: {len(done.written)} of {len(ids)} drafts.")
    assert f"not rescued: {lost}: " in report and "File > Import Folder" in report
    for written in done.written:
        filing = read_file(written)
        assert filing.remarks.startswith("Draft number ")
        assert not filing.is_disseminated_copy  # imports again as a draft, not a filed original
        assert stat.S_IMODE(os.stat(written).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    # And they go into a new store as drafts.
    with DraftStore(tmp_path / "new.sqlite3") as fresh:
        for written in done.written:
            drafts.import_xml(fresh, written)
        assert {row.status for row in fresh.list()} == {"draft"} and len(fresh.list()) == len(done.written)


def test_form4_store_rescue_on_the_command_line(path, tmp_path, capsys):
    ids = _damaged_store(path)
    folder = tmp_path / "out"
    status = cli.main(["store", "rescue", str(folder), "--store", path])
    out, err = capsys.readouterr()
    assert err.startswith(f"The store {path} is damaged (") and err.endswith("; rescuing what it holds.\n")
    assert "form4 store rescue" not in err  # not the advice to do what is being done
    written = sorted(p.name for p in folder.iterdir() if p.suffix == ".xml")
    assert out.startswith(f"{len(written)} drafts rescued")
    assert out.endswith(f"bring them into a new store with: form4 import {folder} --store NEW_STORE\n")
    assert not os.path.exists(path + "-wal") and not os.path.exists(path + "-shm")  # nothing left beside it
    assert status == (1 if len(written) < len(ids) else 0)
    assert written[0] == "draft-00001-form-4-CRAGUN-KENNETH-S-AULT.xml"  # id, form, owner, ticker


def test_rescue_refuses_a_folder_that_is_not_empty(path, tmp_path):
    with DraftStore(path) as store:
        store.create(draft())
        (tmp_path / "full").mkdir()
        (tmp_path / "full" / "mine.txt").write_text("keep me")
        with pytest.raises(OutputError, match="is not empty; choose an empty folder"):
            rescue_drafts(store, tmp_path / "full")
    assert (tmp_path / "full" / "mine.txt").read_text() == "keep me"


# -- full disk ----------------------------------------------------------------------------------------------
FULL_DISK_CHILD = textwrap.dedent("""
    import os, sys
    sys.path[:0] = [sys.argv[2], os.path.join(sys.argv[2], "tests")]
    from form4_desktop.store import DraftStore, StoreError
    folder = sys.argv[1]
    # Fill the small disk, leaving less than SQLite needs for a new store.
    with open(os.path.join(folder, "filler"), "wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"x" * 1024)
                filler.flush()
        except OSError:
            pass
    path = os.path.join(folder, "drafts.sqlite3")
    try:
        DraftStore(path)
        print("CREATED")
    except StoreError as error:
        print("REFUSED", error)
    print("LEFT", sorted(os.listdir(folder)))
""")


def _on_own_disk(tmp_path, child: str, mounting: str) -> tuple:
    """Run the Python `child` (its arguments: the disk's folder and the project root) in a user namespace where
    `mounting` (a shell command; $1 the disk, $2 Python, $3 the child, $4 the root) mounts a tmpfs disk for it:
    (the disk's folder, the child's stdout lines). Skipped where user namespaces are not allowed."""
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-rm", "true"]).returncode != 0:
        pytest.skip("no user namespaces here to mount a disk in")
    disk = tmp_path / "disk"
    disk.mkdir()
    script = tmp_path / "child.py"
    script.write_text(child)
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", mounting, "sh", str(disk), sys.executable, str(script), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return disk, result.stdout.splitlines()


def test_creating_a_store_on_a_full_disk_says_so_and_leaves_no_empty_file(tmp_path):
    disk, lines = _on_own_disk(
        tmp_path, FULL_DISK_CHILD, 'mount -t tmpfs -o size=64k tmpfs "$1" && exec "$2" "$3" "$1" "$4"'
    )
    assert lines[0] == (
        f"REFUSED The disk holding {disk} is full, so the store {disk}/drafts.sqlite3 could not be "
        "created; free some space and try again."
    )
    assert lines[1] == "LEFT ['filler']"


READ_ONLY_MOUNT_CHILD = textwrap.dedent("""
    import os, sys
    sys.path[:0] = [sys.argv[2], os.path.join(sys.argv[2], "tests")]
    from form4_desktop.store import DraftStore, StoreError
    from test_rules import draft
    path = os.path.join(sys.argv[1], "drafts.sqlite3")
    if sys.argv[3] == "make":
        with DraftStore(path) as store:
            store.create(draft())
    else:
        with DraftStore(path) as store:
            print("LISTED", [row.id for row in store.list()])
            print("OPENED", store.read_only.opened())
            try:
                store.delete(1)
            except StoreError as error:
                print("REFUSED", error)
""")


def test_a_store_on_a_read_only_mount_is_read_and_says_why_it_cannot_be_changed(tmp_path):
    disk, lines = _on_own_disk(
        tmp_path,
        READ_ONLY_MOUNT_CHILD,
        'mount -t tmpfs tmpfs "$1" && "$2" "$3" "$1" "$4" make && '
        'mount -o remount,ro "$1" && exec "$2" "$3" "$1" "$4" open',
    )
    store = f"{disk}/drafts.sqlite3"
    assert lines == [
        "LISTED [1]",
        f"OPENED The store {store} is on a read-only disk or mount, so it is open for reading only; copy it to a "
        "folder you can write in, or open another store.",
        f"REFUSED The store {store} is on a read-only disk or mount, so nothing was saved; copy it to a folder you "
        "can write in, or open another store.",
    ]


# -- trash -------------------------------------------------------------------------------------------------
def test_a_save_into_a_draft_trashed_elsewhere_is_refused(path):
    with DraftStore(path) as mine, DraftStore(path) as theirs:
        draft_id = mine.create(draft())
        opened = mine.open(draft_id)
        theirs.delete(draft_id)
        opened.filing.remarks = "Typed while it was trashed elsewhere."
        with pytest.raises(TrashedError) as refused:
            mine.save(draft_id, opened.filing, opened.version)
        assert str(refused.value) == (
            f"Draft {draft_id} is in the trash, so your changes were not saved into it; "
            "restore it from the trash, then save again."
        )
        mine.restore(draft_id)
        assert mine.save(draft_id, opened.filing, opened.version) == 2


# -- the CCC -----------------------------------------------------------------------------------------------
def test_forgetting_a_ccc_erases_it_from_every_record_and_the_file(path):
    filing = draft()
    owner = filing.reporting_owners[0]
    owner.ccc = "qz#8wkp2"
    with DraftStore(path) as store:
        draft_id = store.create(filing)
        filing.remarks = "Second version."
        store.save(draft_id, filing, 1)
        store.write_autosave("window:x:1:1", filing, draft_id, 2)
        assert store.known_owners()[0].ccc == "qz#8wkp2"
        gone = store.create(filing)  # a draft deleted for good: its pages are freed, and must not keep the CCC
        store.delete(gone)
        assert store.empty_trash() == 1
        assert store.forget_ccc(owner.cik) == 4  # the address book, two revisions, one autosave
        assert store.known_owners()[0].ccc is None
        assert store.open(draft_id).filing.reporting_owners[0].ccc is None
        assert store.revision(draft_id, 1).reporting_owners[0].ccc is None
        assert store.autosaves()[0].filing.reporting_owners[0].ccc is None
        assert store.open(draft_id).filing.remarks == "Second version."  # nothing else changed
        # While the store is still open (the app running): neither the file nor its -wal keeps a copy, not
        # even in a freed page (secure_delete) or an old page image in the -wal (emptied after forgetting).
        wal = Path(path + "-wal")
        raw = Path(path).read_bytes() + (wal.read_bytes() if wal.exists() else b"")
        assert b"qz#8wkp2" not in raw


def test_a_window_with_the_draft_open_cannot_put_a_forgotten_ccc_back_by_saving(path):
    filing = draft()
    filing.reporting_owners[0].ccc = "hh#2kkq7"
    with DraftStore(path) as window, DraftStore(path) as address_book:
        draft_id = window.create(filing)
        opened = window.open(draft_id)
        assert address_book.forget_ccc(filing.reporting_owners[0].cik) == 2  # the address book and the revision
        opened.filing.remarks = "Typed after the CCC was forgotten elsewhere."
        with pytest.raises(ConflictError) as refused:
            window.save(draft_id, opened.filing, opened.version)
        assert "CCC of draft 1's reporting owner was forgotten" in str(refused.value)
        assert isinstance(refused.value, CccForgottenError) and "also changed" not in str(refused.value)
        assert window.forgotten_cccs(opened.filing) == [filing.reporting_owners[0].cik]  # what a copy must drop
        reopened = window.open(draft_id)
        assert reopened.version == 2 and reopened.filing.reporting_owners[0].ccc is None
        assert window.history(draft_id)[0].saved_by.endswith("(CCC forgotten)")
        assert window.save(draft_id, reopened.filing, reopened.version) == 3  # reopened, it saves as usual


def test_a_draft_emptied_from_the_trash_and_a_removed_owner_leave_no_ccc_in_the_file(path):
    filing = draft()
    filing.reporting_owners[0].ccc = "wv#3mmq9"
    with DraftStore(path) as store:
        draft_id = store.create(filing)
        store.delete(draft_id)
        store.empty_trash()
        assert store.forget_owner(filing.reporting_owners[0].cik) is True
        store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert b"wv#3mmq9" not in Path(path).read_bytes()  # secure_delete zeroes what was freed


def test_every_store_connection_erases_what_it_frees(path):
    # This machine's SQLite may erase freed pages by default; the store must not rely on that (Windows' may not).
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA secure_delete = OFF")
    database._configure(connection)
    assert connection.execute("PRAGMA secure_delete").fetchone()[0] == 1
    connection.close()


def test_an_owner_can_be_removed_from_the_address_book(path, capsys):
    filing = draft()
    cik = filing.reporting_owners[0].cik
    with DraftStore(path) as store:
        store.create(filing)
    assert cli.main(["store", "forget-ccc", cik, "--owner", "--store", path]) == 0
    assert filing.reporting_owners[0].ccc  # the test filing carries one: in the address book and the revision
    assert capsys.readouterr().out == (
        f"CIK {cik}: the CCC was erased from 2 records; the owner was removed from the address book.\n"
    )
    with DraftStore(path) as store:
        assert store.known_owners() == []
        assert store.open(1).filing.reporting_owners[0].ccc is None
        assert len(store.list()) == 1  # the draft stays


def test_forget_ccc_with_an_unknown_or_malformed_cik_says_so_and_changes_nothing(path, capsys):
    with DraftStore(path) as store:
        store.create(draft())
    before = Path(path).read_bytes()
    assert cli.main(["store", "forget-ccc", "9999999", "--store", path]) == 2
    assert capsys.readouterr().err == (
        f"No reporting owner with CIK 9999999 is in the store {path}; nothing was changed.\n"
    )
    assert cli.main(["store", "forget-ccc", "12x4", "--store", path]) == 2
    assert capsys.readouterr().err == "form4 store forget-ccc: '12x4' is not a CIK; give up to 10 digits.\n"
    assert Path(path).read_bytes() == before


def test_a_backup_made_while_a_window_has_unfolded_saves_holds_every_draft(path, tmp_path, capsys):
    with DraftStore(path) as window:  # stays open, as the app does: its saves are still in the -wal file
        window._db.execute("PRAGMA wal_autocheckpoint = 0")
        draft_id = window.create(draft())
        assert os.path.getsize(path + "-wal") > 0
        target = tmp_path / "copy.sqlite3"
        assert cli.main(["store", "backup", str(target), "--store", path]) == 0
        assert capsys.readouterr().out == f"The store {path} was copied into {target}.\n"
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert target.read_bytes()[18] == 1  # one self-contained file: not in WAL mode, which needs a -wal beside it
        with DraftStore(target) as copy:
            assert copy.open(draft_id).filing.reporting_owners[0].name == draft().reporting_owners[0].name
        assert cli.main(["store", "backup", str(target), "--store", path]) == 2  # never over an existing file
        assert "exists; give the name of a new file" in capsys.readouterr().err


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_command_line_warns_about_a_store_others_can_read(path, capsys):
    with DraftStore(path) as store:
        store.create(draft())
    os.chmod(path, 0o644)
    assert cli.main(["list", "--store", path]) == 0
    assert "can be read by everyone on this computer (permissions 0644)" in capsys.readouterr().err
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o644


def test_a_damaged_store_with_a_backup_beside_it_names_the_newest_one(path):
    _damaged_store(path)
    older, newer = path + ".v3-20250101T000000.bak", path + ".v4-20260101T000000.bak"
    for name, stamp in ((older, 1_700_000_000), (newer, 1_760_000_000)):
        Path(name).write_bytes(b"")
        os.utime(name, (stamp, stamp))
    with DraftStore(path) as store:
        assert store.read_only.opened().endswith(
            f"(File > Import Folder, or form4 import); or use its backup copy {newer}, from before its last upgrade."
        )


def test_a_forgotten_ccc_and_another_change_are_both_said(path):
    filing = draft()
    filing.reporting_owners[0].ccc = "jj#5ttq1"
    with DraftStore(path) as window, DraftStore(path) as colleague:
        draft_id = window.create(filing)
        opened = window.open(draft_id)
        theirs = colleague.open(draft_id)
        theirs.filing.remarks = "Their remark."
        colleague.save(draft_id, theirs.filing, theirs.version)  # version 2
        colleague.forget_ccc(filing.reporting_owners[0].cik)  # version 3
        with pytest.raises(
            CccForgottenError,
            match="was also changed in another window or program .it is now at version 3, you opened version 1.",
        ):
            window.save(draft_id, opened.filing, opened.version)
        assert window.open(draft_id).filing.remarks == "Their remark."

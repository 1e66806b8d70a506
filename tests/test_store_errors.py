"""No sqlite3.Error ever leaves the store: each real cause becomes one StoreError sentence, the original is logged,
and the store is still usable afterwards."""

from __future__ import annotations

import inspect
import json
import logging
import os
import sqlite3
import tempfile

import pytest

from form4_desktop.store import DraftStore, StoreError
from form4_desktop.store import database
from test_rules import draft

NOBODY = 65534


def as_unprivileged(scenario):
    """Run `scenario(folder)` in a folder of its own, as a user whom file permissions bind: ourselves, or, when the
    tests run as root (who may write a read-only file), a forked child that has become `nobody`. Returns
    (class name, message) of what it raised, or None."""
    folder = tempfile.mkdtemp(prefix="form4-store-")
    if os.geteuid() != 0:
        try:
            scenario(folder)
        except Exception as error:
            return type(error).__name__, str(error)
        return None
    os.chown(folder, NOBODY, NOBODY)
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        result = None
        try:
            os.close(reader)
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            scenario(folder)
        except BaseException as error:
            result = [type(error).__name__, str(error)]
        finally:
            os.write(writer, json.dumps(result).encode())
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader) as stream:
        result = json.loads(stream.read() or '["ChildDied", ""]')
    os.waitpid(pid, 0)
    return tuple(result) if result else None


@pytest.fixture
def path(tmp_path):
    return str(tmp_path / "drafts.sqlite3")


def test_a_full_disk_is_one_sentence_and_the_draft_is_left_as_it_was(path, caplog):
    with DraftStore(path) as store:
        draft_id = store.create(draft())
        opened = store.open(draft_id)
        # A real SQLITE_FULL: SQLite may not grow the file beyond its present size.
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages}")
        opened.filing.remarks = "x" * 200_000
        with caplog.at_level(logging.ERROR, logger="form4_desktop.store"):
            with pytest.raises(StoreError) as refused:
                store.save(draft_id, opened.filing, opened.version)
        assert type(refused.value) is StoreError
        assert str(refused.value) == f"The disk holding the store {path} is full; nothing was saved."
        assert "database or disk is full" in caplog.text  # the original, for whoever reads the log
        # Nothing half-saved, and the store goes on working once there is room.
        assert store.open(draft_id).version == 1 and store.open(draft_id).filing.remarks is None
        store._db.execute("PRAGMA max_page_count = 1073741823")
        assert store.save(draft_id, opened.filing, opened.version) == 2


def test_a_store_locked_by_another_program_is_one_sentence(path, monkeypatch):
    monkeypatch.setattr(database, "BUSY_TIMEOUT", 0.05)
    with DraftStore(path) as store:
        draft_id = store.create(draft())
        opened = store.open(draft_id)
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(StoreError) as refused:
                store.save(draft_id, opened.filing, opened.version)
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert type(refused.value) is StoreError
        assert str(refused.value) == (
            f"The store {path} is being used by another program, which kept it locked, so nothing was saved; "
            "try again once that program has finished."
        )
        assert store.save(draft_id, opened.filing, opened.version) == 2  # free again: saved


def test_a_store_overwritten_with_junk_after_opening_is_called_damaged(path):
    with DraftStore(path) as store:
        draft_id = store.create(draft())
    with DraftStore(path) as store:
        size = os.path.getsize(path)
        with open(path, "r+b") as damaged:
            damaged.write(b"junk" * (size // 4))
        for action, saving in (
            (lambda: store.list(), False),
            (lambda: store.open(draft_id), False),
            (lambda: store.save(draft_id, draft(), 1), True),
        ):
            with pytest.raises(StoreError) as refused:
                action()
            assert type(refused.value) is StoreError
            assert str(refused.value) == (
                f"The store {path} is damaged (database disk image is malformed)"
                f"{', so nothing was saved' if saving else ''}; rescue its drafts into a folder (File > Rescue "
                "Drafts, or form4 store rescue) and bring them into a new store (File > Import Folder, or form4 "
                "import)."
            )


def _save_to_read_only_file(folder: str, filing) -> None:
    path = os.path.join(folder, "drafts.sqlite3")
    with DraftStore(path) as store:
        draft_id = store.create(filing)
    os.chmod(path, 0o444)
    with DraftStore(path) as store:
        opened = store.open(draft_id)  # reading a read-only store is fine
        opened.filing.remarks = "Changed."
        store.save(draft_id, opened.filing, opened.version)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_saving_to_a_read_only_store_file_says_it_is_read_only():
    filing = draft()  # read here: `nobody` may not read the test data (a clone in a private folder)
    result = as_unprivileged(lambda folder: _save_to_read_only_file(folder, filing))
    assert result is not None and result[0] == "StoreError", result
    assert result[1].startswith("The store ") and result[1].endswith(
        "drafts.sqlite3 is a read-only file, so nothing was saved; make it writable, or open another store."
    )


def _open_in_read_only_folder(folder: str, filing) -> None:
    path = os.path.join(folder, "drafts.sqlite3")
    with DraftStore(path) as store:
        store.create(filing)
    os.chmod(folder, 0o555)  # SQLite can no longer make its -wal and -shm files beside the store
    with DraftStore(path) as store:
        assert [row.id for row in store.list()] == [1]  # it can still be read
        store.delete(1)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_store_in_a_read_only_folder_is_read_and_a_change_says_why_not():
    filing = draft()  # read here: `nobody` may not read the test data (a clone in a private folder)
    result = as_unprivileged(lambda folder: _open_in_read_only_folder(folder, filing))
    assert result is not None and result[0] == "StoreError", result
    assert " is in the read-only folder " in result[1] and result[1].endswith(
        ", so nothing was saved; the store needs a folder it may write in."
    )


def test_every_public_store_method_turns_sqlite_errors_into_store_errors():
    public = [name for name, member in inspect.getmembers(DraftStore, inspect.isfunction) if not name.startswith("_")]
    assert "save" in public and "history" in public
    assert [name for name in public if not getattr(getattr(DraftStore, name), "guarded", False)] == []


def test_a_failed_save_leaves_no_transaction_open(path):
    """SQLite rolls back by itself on a full disk; a second ROLLBACK must not hide that error or break the store."""
    with DraftStore(path) as store:
        store.create(draft())
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages}")
        big = draft()
        big.remarks = "x" * 200_000
        for _ in range(2):
            with pytest.raises(StoreError, match="is full"):
                store.create(big)
            assert not store._db.in_transaction


@pytest.mark.parametrize(
    "text",
    [
        '{"format": 1, "filing": "none"}',  # not an object: not an empty filing
        '{"format": 1, "filing": {"table_i": [{"kind": "nonDerivativeHolding", '
        '"shares_owned_following": {"value": "12x4", "footnote_ids": []}}]}}',  # a garbled number
        '{"format": 1, "filing": {"period_of_report": "2023-02-30"}}',
    ],
)
def test_a_damaged_stored_draft_is_a_codec_error_never_another_exception(text):
    from form4_desktop.store.codec import CodecError, filing_from_json

    with pytest.raises(CodecError, match="stored draft is damaged|is str, not an object"):
        filing_from_json(text)

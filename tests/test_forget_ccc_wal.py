"""A CCC forgotten while another program reads the store: SQLite cannot empty the -wal file then, so the erased CCC
stays in it. The store remembers that and empties it with a TRUNCATE checkpoint once the reader is gone: on its next
`checkpoint`, which the app's checkpoint timer keeps calling (without waiting) until it is done."""

from __future__ import annotations

import os
import sqlite3
import time

import pytest

from form4_desktop.store import DraftStore
from test_rules import draft

CCC = "zq#4mmw9"


def holds_ccc(path: str) -> bool:
    return os.path.exists(path) and CCC.encode() in open(path, "rb").read()


def store_with_ccc(path) -> DraftStore:
    store = DraftStore(path)
    store._db.execute("PRAGMA wal_autocheckpoint = 0")  # only the store's own checkpoints move pages
    filing = draft()
    filing.reporting_owners[0].ccc = CCC
    store.create(filing)
    store.checkpoint()  # a save of an earlier day: in the store file itself, and still in the -wal
    assert holds_ccc(store.path) and holds_ccc(store.path + "-wal")
    return store


def reading(path: str) -> sqlite3.Connection:
    """Another program in the middle of reading the store (a read transaction it has not ended)."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN")
    other.execute("SELECT count(*) FROM drafts").fetchone()
    return other


def test_a_ccc_forgotten_during_a_read_leaves_the_wal_file_at_the_next_checkpoint_after_the_read(tmp_path):
    store = store_with_ccc(tmp_path / "drafts.sqlite3")
    wal = store.path + "-wal"
    other = reading(store.path)
    cik = draft().reporting_owners[0].cik
    assert store.forget_ccc(cik) >= 2  # the address book and the revision
    assert store.wal_holds_forgotten and holds_ccc(wal)  # the reader kept SQLite from emptying it
    started = time.monotonic()
    store.checkpoint()  # the reader still reads: not done, and not waited for
    assert time.monotonic() - started < 0.5
    assert store.wal_holds_forgotten and holds_ccc(wal)
    other.rollback()  # the reader is done
    store.checkpoint()
    assert not store.wal_holds_forgotten
    assert os.path.getsize(wal) == 0 and not holds_ccc(wal) and not holds_ccc(store.path)
    other.close()
    # the forgotten CCC is gone from the drafts, which are all there
    assert [summary.id for summary in store.list()] == [1] and store.open(1).filing.reporting_owners[0].ccc is None
    store.close()


def test_a_ccc_forgotten_with_no_reader_leaves_nothing_pending(tmp_path):
    store = store_with_ccc(tmp_path / "drafts.sqlite3")
    store.forget_ccc(draft().reporting_owners[0].cik)
    assert not store.wal_holds_forgotten and not holds_ccc(store.path + "-wal") and not holds_ccc(store.path)
    store.close()


def test_an_ordinary_checkpoint_during_a_read_is_not_a_pending_forget(tmp_path):
    store = store_with_ccc(tmp_path / "drafts.sqlite3")
    other = reading(store.path)
    store.checkpoint(truncate=True)  # could not be done: nothing was forgotten, so nothing is left pending
    assert not store.wal_holds_forgotten
    other.close()
    store.close()


def test_the_app_tries_again_until_the_reader_is_gone(qtbot, tmp_path, script, settings):
    pytest.importorskip("PySide6")
    from datetime import date

    from PySide6.QtCore import Qt

    from form4_desktop.gui import dialogs
    from form4_desktop.gui.main_window import MainWindow

    store = store_with_ccc(tmp_path / "drafts.sqlite3")
    wal = store.path + "-wal"
    window = MainWindow(store, today=date(2023, 1, 11), settings=settings)
    window.show()
    window.checkpoint_timer.setInterval(100)
    other: list[sqlite3.Connection] = []

    def forget(dialog):
        other.append(reading(store.path))  # a colleague's program reads as the user forgets
        qtbot.mouseClick(dialog.forget_button, Qt.MouseButton.LeftButton)
        return 0

    script.expect("run", "Address book", forget)
    script.expect("ask", "Forget CCC", dialogs.Button.Yes)
    script.expect("tell", "CCC forgotten", None)
    window.findChild(type(window.save_action), "address_book").trigger()
    assert store.wal_holds_forgotten and holds_ccc(wal)
    qtbot.wait(600)  # several turns of the timer while the colleague reads: each finds the -wal busy, and re-arms
    assert window.checkpoint_timer.isActive() and store.wal_holds_forgotten and holds_ccc(wal)
    other[0].rollback()
    qtbot.waitUntil(lambda: not store.wal_holds_forgotten, timeout=3000)
    assert not holds_ccc(wal) and not holds_ccc(store.path)
    qtbot.waitUntil(lambda: not window.checkpoint_timer.isActive(), timeout=3000)  # and it stops trying
    other[0].close()
    window.document.load(window.document.filing, None, None)
    window.close()
    window.deleteLater()
    store.close()

"""Issue 11, as new users met it: a list that follows the store without losing the user's place, the store the
next start opens, the folders dialogs start in, and a rescue into a folder that does not exist yet."""

from __future__ import annotations

import os
from datetime import date

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QStandardPaths, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from form4_desktop.gui.main import last_store  # noqa: E402
from form4_desktop.gui.main_window import MainWindow  # noqa: E402
from form4_desktop.store import DraftStore  # noqa: E402
from test_gui import draft, type_into  # noqa: E402


def _action(window, name):
    return window.findChild(type(window.save_action), name)


def _click_row(qtbot, window, row: int) -> None:
    """Scroll the row into view and click it, as a person picks a draft in the list."""
    index = window.drafts_model.index(row, 0)
    window.browser.scrollTo(index)
    rect = window.browser.visualRect(index)
    qtbot.mouseClick(window.browser.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_list_keeps_the_selected_draft_and_its_scroll_when_another_program_saves(window, qtbot):
    for number in range(60):
        filing = draft()
        filing.remarks = f"Draft {number}"
        window.store.create(filing)
    window.refresh_browser()
    window.resize(1000, 500)
    _click_row(qtbot, window, 45)
    chosen = window.selected_id()
    scroll = window.browser.verticalScrollBar().value()
    assert chosen is not None and scroll > 0
    with DraftStore(window.store.path) as other:  # another program saves a new draft: it comes first in the list
        other.create(draft())
    qtbot.waitUntil(lambda: window.drafts_model.rowCount() == 61, timeout=5000)
    assert window.selected_id() == chosen  # the same draft, now one row lower, is still the one selected
    assert window.browser.selectionModel().isRowSelected(46)
    assert window.browser.verticalScrollBar().value() == scroll  # the list did not jump to its top


def test_coming_back_to_the_window_shows_the_list_as_the_store_is_now(window, qtbot):
    window.refresh_timer.stop()  # not the poll: the activation itself
    elsewhere = QWidget()  # the user works in another window meanwhile
    qtbot.addWidget(elsewhere)
    elsewhere.show()
    elsewhere.activateWindow()
    qtbot.waitUntil(elsewhere.isActiveWindow, timeout=3000)
    with DraftStore(window.store.path) as other:
        other.create(draft())
    assert window.drafts_model.rowCount() == 0
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    assert window.drafts_model.rowCount() == 1


def test_the_store_last_worked_in_is_the_one_the_next_start_opens(window, qtbot, script, tmp_path):
    window.remembers_store = True  # started without --store or $FORM4_STORE
    first = os.path.abspath(window.store.path)
    window.remember_store()
    assert last_store(window.settings) == (first, None)
    new = tmp_path / "client-b.sqlite3"
    script.expect("save_file", "New store", str(new))
    _action(window, "new_store").trigger()
    [other] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.store.path == str(new)]
    assert last_store(window.settings) == (str(new), None)  # the store just opened is the one worked in
    other.activateWindow()
    qtbot.waitUntil(other.isActiveWindow, timeout=3000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    assert last_store(window.settings) == (first, None)  # back in the first window: its store
    # File ▸ Recent Stores lists both, and the usual store (the way back to it); an entry opens its store.
    window._fill_recent_stores()
    entries = window.recent_stores_menu.actions()
    assert [entry.toolTip() for entry in entries[:2]] == [first, str(new)]
    assert entries[-1].text().endswith("(the usual store)")
    other.close()
    entries[1].trigger()
    [again] = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, MainWindow) and w.isVisible() and w.store.path == str(new)
    ]
    assert again is not other and again.windowTitle().endswith("— client-b.sqlite3")
    again.close()
    # A store moved away since: the usual store opens, and a sentence says so (none is made where it was).
    window.settings.setValue("stores/last", str(new))
    os.remove(new)
    path, said = last_store(window.settings)
    assert path is None and f"The store you last worked in, {new}, is not there any more" in said
    assert not new.exists()


def test_a_store_given_for_one_run_is_never_remembered(window, qtbot):
    assert window.remembers_store is False  # what --store or $FORM4_STORE opens (and the tests' windows)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.remember_store()
    assert last_store(window.settings) == (None, None)


def test_store_dialogs_start_in_the_folder_last_used_else_documents(window, script, tmp_path, monkeypatch):
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda location: str(documents))
    monkeypatch.chdir(tmp_path)
    script.expect("open_file", "Open store", None, text=str(documents))  # not the app's hidden data folder
    _action(window, "open_store").trigger()
    stores = tmp_path / "stores"
    stores.mkdir()
    DraftStore(stores / "old.sqlite3").close()
    script.expect("open_file", "Open store", str(stores / "old.sqlite3"), text=str(documents))
    _action(window, "open_store").trigger()
    script.expect("save_file", "New store", None, text=str(stores / "drafts.sqlite3"))
    _action(window, "new_store").trigger()
    for other in QApplication.topLevelWidgets():
        if isinstance(other, MainWindow) and other is not window:
            other.close()


def test_rescue_into_a_folder_that_does_not_exist_yet(window, script, tmp_path, monkeypatch):
    window.store.create(draft())
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda location: str(documents))
    target = documents / "Rescue" / "Smith drafts"  # neither folder exists yet

    def typed_a_new_name(start: str) -> str:
        assert start.startswith(str(documents / "Rescued drafts "))  # a new folder's name is proposed
        return str(target)

    script.expect("save_file", "Rescue drafts", typed_a_new_name)
    script.expect("tell", "Drafts rescued", None, text="bring the drafts into it with File ▸ Import Folder")
    _action(window, "rescue").trigger()
    assert len(list(target.glob("*.xml"))) == 1
    assert window.folder("rescue") == str(target.parent)


def test_rescue_refuses_a_file_as_its_folder(window, script, tmp_path):
    window.store.create(draft())
    taken = tmp_path / "notes.txt"
    taken.write_text("mine")
    script.expect("save_file", "Rescue drafts", str(taken))
    script.expect("tell", "Nothing rescued", None, text=f"{taken} is a file")
    _action(window, "rescue").trigger()
    assert taken.read_text() == "mine"


def test_a_dialog_given_only_a_file_name_starts_in_documents(qtbot, tmp_path, monkeypatch):
    """A dialog opened with a bare name (the Item 405 register's CSV) starts in Documents, not where the app was
    started; one given a whole path starts there."""
    from PySide6.QtWidgets import QFileDialog

    import form4_desktop.gui.dialogs as real  # the functions themselves, not the tests' script

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda location: str(documents))
    monkeypatch.chdir(tmp_path)
    seen = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda parent, title, start, filter_: (seen.append(start), ("", ""))[1]
    )
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda parent, title, start, filter_: (seen.append(start), ("", ""))[1]
    )
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda parent, title, start: (seen.append(start), "")[1])
    assert real.save_file(None, "Export", "item405-0000320193-2025.csv", "CSV (*.csv)") is None
    assert real.open_file(None, "Open", "", "XML (*.xml)") is None
    assert real.folder(None, "Import", str(tmp_path / "mine")) is None
    assert seen == [str(documents / "item405-0000320193-2025.csv"), str(documents) + os.sep, str(tmp_path / "mine")]
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda location: str(tmp_path / "none"))
    assert real.documents_folder() == os.path.expanduser("~")  # no Documents folder: home


def test_a_filed_draft_says_above_the_form_why_it_cannot_be_changed(window, script):
    assert not window.banner.isVisible()  # a draft that can be typed in: no strip
    draft_id = window.store.create(draft())
    window.store.mark_filed(draft_id, date(2023, 1, 10), None, 1)
    window.open_draft(draft_id)
    assert window.banner.isVisible()
    assert window.banner.text() == "Filed on 01/10/2023: read-only. To correct it, use Draft ▸ Amend."
    script.expect("choose", "New Form 4", 0, text="Issuer:")  # File ▸ New Form 4: a new issuer and person
    script.expect("choose", "New Form 4", 0, text="Reporting person:")
    _action(window, "new").trigger()
    assert not window.banner.isVisible()


def test_the_list_selects_the_draft_the_window_comes_to_show(window, qtbot, script):
    for _ in range(3):
        window.store.create(draft())
    window.refresh_browser()
    _click_row(qtbot, window, 2)
    opened = window.selected_id()
    index = window.browser.currentIndex()
    qtbot.mouseDClick(
        window.browser.viewport(), Qt.MouseButton.LeftButton, pos=window.browser.visualRect(index).center()
    )
    assert window.document.draft_id == opened
    type_into(qtbot, window.editor.filing_tab.ticker, "MINE")
    _action(window, "save_copy").trigger()
    assert window.document.draft_id != opened
    assert window.selected_id() == window.document.draft_id  # the copy, now shown, is the row selected
    assert window.browser.currentIndex().row() == 0  # the newest, at the top


def test_a_save_just_before_the_window_closes_is_in_the_store_file_alone(window, qtbot, tmp_path):
    import shutil
    import sqlite3

    window.store._db.execute("PRAGMA wal_autocheckpoint = 0")  # only the app's own checkpoint moves it
    window.document.load(draft(), None, None)
    window.document.undo_stack.resetClean()
    window.save_action.trigger()
    assert window.checkpoint_timer.isActive()  # a second from now …
    window.close()  # … but the window goes first: what was saved is folded into the file as it closes
    copy = tmp_path / "backup.sqlite3"
    shutil.copyfile(window.store.path, copy)  # the file alone, without its -wal: what a backup program takes
    connection = sqlite3.connect(copy)
    assert connection.execute("SELECT count(*) FROM drafts").fetchone()[0] == 1
    connection.close()

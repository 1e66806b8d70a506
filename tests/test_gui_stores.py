"""The app and its stores (issue 11): which store a window shows, other stores in windows of their own, lists
that follow changes made elsewhere, a store file a backup program can copy while the app runs, and the folders
file dialogs start in."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from datetime import date

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QApplication  # noqa: E402

from form4_desktop.gui.main_window import MainWindow  # noqa: E402
from form4_desktop.store import DraftStore  # noqa: E402
from test_gui import draft  # noqa: E402


def _action(window, name):
    return window.findChild(type(window.save_action), name)


def test_the_title_and_status_bar_name_the_store(window):
    assert window.windowTitle().endswith("— Form 4 Desktop — drafts.sqlite3")
    label = window.findChild(type(window.status_label), "status_store")
    assert label.text() == "drafts.sqlite3" and label.toolTip() == f"The draft store: {window.store.path}"


def test_a_draft_saved_by_another_program_appears_in_the_list_without_a_click(window, qtbot):
    assert window.drafts_model.rowCount() == 0
    with DraftStore(window.store.path) as other:  # another process: its own connection
        other.create(draft())
    qtbot.waitUntil(lambda: window.drafts_model.rowCount() == 1, timeout=5000)


def test_another_window_of_the_app_on_the_same_store_refreshes_its_list(window, qtbot, settings):
    second = MainWindow(window.store, today=date(2023, 1, 11), settings=settings)
    qtbot.addWidget(second)
    second.show()
    second.document.load(draft(), None, None)
    second.document.undo_stack.resetClean()
    second.save_action.trigger()
    assert window.drafts_model.rowCount() == 1  # at once, not at the next poll
    second.document.load(second.document.filing, None, None)


def test_a_copy_of_the_store_file_alone_holds_a_draft_saved_a_moment_ago(window, qtbot, tmp_path):
    window.store._db.execute("PRAGMA wal_autocheckpoint = 0")  # only the app's own checkpoint moves it
    window.document.load(draft(), None, None)
    window.document.undo_stack.resetClean()
    window.save_action.trigger()
    copy = tmp_path / "backup.sqlite3"

    def copied_holds_it() -> bool:
        shutil.copyfile(window.store.path, copy)  # the file alone, without its -wal: what a backup program takes
        with sqlite3.connect(copy) as connection:
            try:
                found = connection.execute("SELECT count(*) FROM drafts").fetchone()[0] == 1
            except sqlite3.Error:
                found = False
        connection.close()
        return found

    qtbot.waitUntil(copied_holds_it, timeout=5000)


def test_file_dialogs_start_in_documents_not_where_the_app_was_started(window, tmp_path, monkeypatch):
    documents = tmp_path / "Documents"
    documents.mkdir()
    from PySide6.QtCore import QStandardPaths

    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda location: str(documents))
    monkeypatch.chdir(tmp_path)
    assert window.folder("open") == str(documents)
    window.settings.setValue("folders/open", str(tmp_path))
    assert window.folder("open") == str(tmp_path)  # the folder last used, once there is one


def test_new_store_and_open_store_show_another_store_in_a_window_of_its_own(window, qtbot, script, tmp_path):
    new = tmp_path / "team" / "second.sqlite3"
    new.parent.mkdir()
    script.expect("save_file", "New store", str(new))
    _action(window, "new_store").trigger()
    [other] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.store.path == str(new)]
    assert other.store.path == str(new) and other.windowTitle().endswith("— Form 4 Desktop — second.sqlite3")
    assert stat.S_IMODE(os.stat(new).st_mode) == 0o600
    assert window.store.path.endswith("drafts.sqlite3")  # the first window stays on its store
    script.expect("open_file", "Open store", str(new))
    _action(window, "open_store").trigger()  # already open: that window comes forward, no second one
    on_new = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.store.path == str(new)]
    assert on_new == [other]
    script.expect("save_file", "New store", str(new))
    script.expect("tell", "No new store", None, text=f"{new} exists")
    _action(window, "new_store").trigger()
    other.close()  # the store it opened closes with it
    with pytest.raises(sqlite3.ProgrammingError):
        other.store._db.execute("SELECT 1")


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_store_others_can_read_is_said_once_at_start(qtbot, script, settings, tmp_path):
    path = tmp_path / "shared.sqlite3"
    DraftStore(path).close()
    os.chmod(path, 0o640)
    with DraftStore(path) as store:
        window = MainWindow(store, settings=settings)
        qtbot.addWidget(window)
        script.expect("tell", "Store others can read", None, text="can be read by its group (permissions 0640)")
        window.tell_read_only()
        window.close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640


def test_rescue_into_a_folder_with_files_makes_a_folder_of_its_own(window, script, tmp_path):
    window.store.create(draft())
    chosen = tmp_path / "Desktop"
    chosen.mkdir()
    (chosen / "notes.txt").write_text("mine")
    script.expect("save_file", "Rescue drafts", str(chosen))
    script.expect("tell", "Drafts rescued", None, text="File ▸ Import Folder")
    _action(window, "rescue").trigger()
    [made] = [p for p in chosen.iterdir() if p.is_dir()]
    assert made.name.startswith("Rescued drafts ") and len(list(made.glob("*.xml"))) == 1
    assert (chosen / "notes.txt").read_text() == "mine"


def test_the_draft_list_shows_the_whole_period(window):
    window.store.create(draft())
    window.refresh_browser()
    index = window.drafts_model.index(0, 3)
    text = index.data()
    assert text == "01/09/2023"
    needed = window.browser.fontMetrics().horizontalAdvance(text)
    assert window.browser.columnWidth(3) > needed + 6  # with the cell's margins: never "01/09/20…"


def test_file_menu_connects_to_a_team_store(window, script):
    script.expect("run", "Connect to team store", 0)  # the dialog, cancelled: no window, nothing said
    _action(window, "connect_team_store").trigger()
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()] == [window]


def test_save_as_copy_after_a_ccc_was_forgotten_elsewhere_leaves_the_ccc_out(window, qtbot, script):
    filing = draft()
    filing.reporting_owners[0].ccc = "kk#7mmq2"
    draft_id = window.store.create(filing)
    window.open_draft(draft_id)
    window.document.set("remarks", "Typed before the CCC was forgotten.")
    with DraftStore(window.store.path) as address_book:  # another window forgets the CCC
        address_book.forget_ccc(filing.reporting_owners[0].cik)
    script.expect("pick", "Not saved", 0, text="CCC of draft 1's reporting owner was forgotten")
    window.save_action.trigger()
    copy_id = window.document.draft_id
    assert copy_id != draft_id
    kept = window.store.open(copy_id).filing
    assert kept.remarks == "Typed before the CCC was forgotten." and kept.reporting_owners[0].ccc is None
    assert window.store.known_owners()[0].ccc is None  # nor back in the address book
    assert window.document.filing.reporting_owners[0].ccc is None  # nor on screen


def test_the_compliance_menu_opens_the_deadlines_and_the_register(window, qtbot, script):
    from datetime import timedelta

    from test_deadline import one_sale

    window.store.create(one_sale(date.today() - timedelta(days=30)))  # overdue
    seen = {}

    def deadlines(dialog):
        seen["rows"] = dialog.windowTitle()
        return 0

    script.expect("run", "Deadlines", deadlines)
    _action(window, "deadlines").trigger()
    script.expect("run", "Item 405 register", 0)
    _action(window, "item405_register").trigger()
    window.show_deadlines_if_due()  # at start, something is overdue: the dashboard shows itself, never modal
    qtbot.addWidget(window.deadline_window)
    assert window.deadline_window.isVisible() and not window.deadline_window.isModal()
    assert seen["rows"] == "Deadlines"

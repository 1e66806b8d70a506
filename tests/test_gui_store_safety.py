"""The app on a store that is full, damaged or read-only, on a draft trashed elsewhere, and its address book:
nothing typed is lost, every refusal is one sentence, a damaged store's drafts are rescued (issue 11)."""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from form4_desktop.gui.main_window import MainWindow  # noqa: E402
from form4_desktop.store import DraftStore  # noqa: E402
from test_gui import draft, type_into  # noqa: E402
from test_store_safety import _damaged_store  # noqa: E402


def test_a_save_on_a_full_disk_keeps_everything_typed(window, qtbot, script):
    draft_id = window.store.create(draft())
    window.open_draft(draft_id)
    type_into(qtbot, window.editor.filing_tab.ticker, "FULL")
    pages = window.store._db.execute("PRAGMA page_count").fetchone()[0]
    window.store._db.execute(f"PRAGMA max_page_count = {pages}")  # a real SQLITE_FULL: the file may not grow
    window.document.filing.remarks = "r" * 100_000  # more than the room left
    script.expect("tell", "Not saved", None, text=f"The disk holding the store {window.store.path} is full")
    window.save_action.trigger()
    assert window.document.modified and window.editor.filing_tab.ticker.text() == "FULL"
    assert window.windowTitle().endswith(" * — Form 4 Desktop — drafts.sqlite3")
    window.store._db.execute("PRAGMA max_page_count = 1073741823")  # room again: the same work saves
    window.save_action.trigger()
    assert not window.document.modified and window.store.open(draft_id).filing.issuer.trading_symbol == "FULL"


@pytest.mark.parametrize("answer", ["restore", "copy", "cancel"])
def test_saving_a_draft_trashed_in_another_window_offers_restore_or_a_copy(window, qtbot, script, answer):
    draft_id = window.store.create(draft())
    window.open_draft(draft_id)
    type_into(qtbot, window.editor.filing_tab.ticker, "KEPT")
    with DraftStore(window.store.path) as other:  # another process moves it to the trash
        other.delete(draft_id)
    script.expect(
        "pick",
        "Draft in the trash",
        {"restore": 0, "copy": 1, "cancel": None}[answer],
        text="as a new draft and leaves it in the trash. [Restore and Save | Save as Copy | Cancel]",
    )
    if answer == "cancel":
        script.expect("tell", "Not saved", None, text="is in the trash. Your changes are still here")
    window.save_action.trigger()
    if answer == "restore":
        assert not window.document.modified
        assert [row.id for row in window.store.list()] == [draft_id]  # out of the trash, with the change
        assert window.store.open(draft_id).filing.issuer.trading_symbol == "KEPT"
    elif answer == "copy":
        copy_id = window.document.draft_id
        assert copy_id != draft_id and not window.document.modified
        assert window.store.open(copy_id).filing.issuer.trading_symbol == "KEPT"  # the typing, in a new draft
        assert [row.id for row in window.store.list(trash=True)] == [draft_id]  # the trashed one as it was
        assert window.store.open(draft_id).filing.issuer.trading_symbol == "AULT"
    else:
        assert window.document.modified and window.editor.filing_tab.ticker.text() == "KEPT"
        assert [row.id for row in window.store.list(trash=True)] == [draft_id]
        assert window.store.open(draft_id).version == 1


@pytest.mark.parametrize("answer", ["copy", "discard", "cancel"])
def test_saving_a_draft_deleted_for_good_elsewhere_offers_a_copy(window, qtbot, script, answer):
    draft_id = window.store.create(draft())
    window.open_draft(draft_id)
    type_into(qtbot, window.editor.filing_tab.ticker, "KEPT")
    with DraftStore(window.store.path) as other:  # another process trashes it and empties the trash
        other.delete(draft_id)
        other.empty_trash()
    script.expect(
        "pick",
        "Not saved",
        {"copy": 0, "discard": 1, "cancel": None}[answer],
        text="is no longer in the store: it was deleted for good",
    )
    if answer == "cancel":
        script.expect("tell", "Not saved", None, text="is no longer in the store; your changes are still here")
    window.save_action.trigger()
    if answer == "copy":
        [row] = window.store.list()
        assert row.id == window.document.draft_id != draft_id and not window.document.modified
        assert window.store.open(row.id).filing.issuer.trading_symbol == "KEPT"
        assert window.drafts_model.rowCount() == 1
    elif answer == "discard":
        assert window.document.draft_id is None and not window.document.modified
        assert window.store.list() == [] and window.store.autosaves() == []
    else:
        assert window.document.modified and window.editor.filing_tab.ticker.text() == "KEPT"
        assert window.document.draft_id == draft_id


def test_a_damaged_store_opens_read_only_and_offers_to_rescue_its_drafts(qtbot, script, settings, tmp_path, caplog):
    path = str(tmp_path / "drafts.sqlite3")
    ids = _damaged_store(path)
    before = Path(path).read_bytes()
    target = tmp_path / "rescued"
    with DraftStore(path) as store:
        window = MainWindow(store, today=date(2023, 1, 11), settings=settings)
        qtbot.addWidget(window)
        window.show()
        assert window.windowTitle().endswith("— Form 4 Desktop — drafts.sqlite3 (read-only)")
        # Above the form, for as long as the window shows this store, the whole sentence of why (the status bar's
        # message would go by, and be cut).
        assert window.banner.isVisible() and window.banner.text().startswith(store.read_only.opened())
        Button = __import__("form4_desktop.gui.dialogs", fromlist=["Button"]).Button
        script.expect("ask", "Damaged store", Button.Yes, text=f"The store {path} is damaged (")
        script.expect("save_file", "Rescue drafts", str(target))
        script.expect("tell", "Drafts rescued", None, text=f"{len(ids) - 1} drafts rescued; 1 could not be read")
        window.tell_read_only()
        script.check()
        assert len(list(target.glob("*.xml"))) == len(ids) - 1
        # Nothing can be typed that could not be saved: the boxes are read-only, and nothing that would write
        # the store is offered (each would only be refused); closing then asks nothing.
        caplog.clear()
        with caplog.at_level(logging.ERROR, logger="form4_desktop"):
            type_into(qtbot, window.editor.filing_tab.ticker, "TYPED")
            window.autosaver.flush()
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert window.editor.filing_tab.ticker.text() == "" and not window.document.modified
        window.validate()
        assert window.findings == [] and window.status_label.text().startswith("Store open for reading only")
        assert window.clock_label.text().startswith("New York ")  # the clock, with no draft open too
        assert window.offer_restore() is False
        for name in ("save", "save_copy", "new", "delete", "mark_filed", "amend", "import_folder"):
            assert not window.findChild(type(window.save_action), name).isEnabled(), name
        assert window.findChild(type(window.save_action), "export_record").isEnabled()
        window.open_draft(ids[0])
        assert window.editor.filing_tab.ticker.isReadOnly()
        assert window.banner.isVisible() and window.banner.text().startswith(store.read_only.opened())
        window.close()  # no "Unsaved changes" question: the script fails on one
    assert Path(path).read_bytes() == before


def test_the_address_book_forgets_a_ccc_and_removes_a_person(window, qtbot, script):
    filing = draft()
    filing.reporting_owners[0].ccc = "zz#4kqp1"
    window.store.create(filing)
    Button = __import__("form4_desktop.gui.dialogs", fromlist=["Button"]).Button
    seen = {}

    def use(dialog):
        seen["before"] = dialog.owners.item(0).text()
        qtbot.mouseClick(dialog.forget_button, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.MouseButton.LeftButton)
        seen["after"] = dialog.owners.item(0).text()
        qtbot.mouseClick(dialog.remove_button, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.MouseButton.LeftButton)
        seen["left"] = dialog.owners.count()
        return 0

    script.expect("run", "Address book", use)
    script.expect("ask", "Forget CCC", Button.Yes, text="from every draft, earlier version and autosave")
    script.expect("tell", "CCC forgotten", None, text="The CCC was erased from 2 records.")
    script.expect("ask", "Remove from the address book", Button.Yes)
    window.findChild(type(window.save_action), "address_book").trigger()
    assert seen["before"].endswith(" — CCC kept") and not seen["after"].endswith("CCC kept")
    assert seen["left"] == 0 and window.store.known_owners() == []
    assert window.store.open(1).filing.reporting_owners[0].ccc is None
    assert os.path.exists(window.store.path)


def test_a_read_only_store_offers_no_footnote_edits(qtbot, script, settings, tmp_path):
    path = str(tmp_path / "drafts.sqlite3")
    with DraftStore(path) as store:
        draft_id = store.create(draft())
    os.chmod(path, 0o444)
    with DraftStore(path) as store:
        window = MainWindow(store, today=date(2023, 1, 11), settings=settings)
        qtbot.addWidget(window)
        window.show()
        window.open_draft(draft_id)
        tab = window.editor.footnotes_tab
        assert [button.isEnabled() for button in tab.buttons] == [False, False, False]
        tab.add()  # even if reached another way (a shortcut): no footnote editor, no change
        assert not window.document.modified
        window.close()

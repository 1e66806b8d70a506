"""Issue 11, what a new user met in session 4's test: drafts that look alike told apart by their number, nothing
deleted without a question naming it, status messages and list headings read whole at 1280x800, a backup of the
store from the File menu, a draft changed elsewhere said at once, and a store SQLite cannot open rescued."""

from __future__ import annotations

import os
import sys

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QRect, QSize, Qt  # noqa: E402
from PySide6.QtGui import QFontMetrics  # noqa: E402
from PySide6.QtWidgets import QLabel  # noqa: E402

from form4_desktop.gui import dialogs  # noqa: E402
from form4_desktop.gui.models import DraftListModel  # noqa: E402
from test_gui import draft  # noqa: E402

Button = dialogs.Button


def _action(window, name):
    return window.findChild(type(window.save_action), name)


def _select(window, qtbot, draft_id: int) -> None:
    """Choose the draft's row in the list, which opens it."""
    row = next(n for n, r in enumerate(window.drafts_model.rows) if r.id == draft_id)
    window.browser.setCurrentIndex(window.drafts_model.index(row, 0))
    qtbot.waitUntil(lambda: window.document.draft_id == draft_id)


def _at_1280x800(window, qtbot) -> None:
    """The window as a new user's 1280x800 screen shows it: its first size, the list as wide as it first is."""
    window.resize(1280, 800)
    window._sized = False
    window.hide()
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)  # the list's first width is set on the next turn of the event loop


# -- 3. the draft list --------------------------------------------------------------------------------------------
def test_two_drafts_of_the_same_filing_are_told_apart_by_their_number(window):
    first, second = window.store.create(draft()), window.store.create(draft())
    window.refresh_browser()
    model = window.drafts_model
    column = DraftListModel.HEADERS.index("Draft")
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Draft"
    assert not window.browser.isColumnHidden(column)
    rows = {model.index(row, column).data(): row for row in range(model.rowCount())}
    assert set(rows) == {str(first), str(second)}
    # Everything else in the two rows is the same: the number is what tells them apart.
    same = [c for c in range(model.columnCount()) if c != column and not window.browser.isColumnHidden(c)]
    assert [model.index(rows[str(first)], c).data() for c in same] == [
        model.index(rows[str(second)], c).data() for c in same
    ]
    assert model.index(rows[str(second)], 0).data(Qt.ItemDataRole.ToolTipRole).startswith(f"Draft {second}: ")


@pytest.mark.parametrize("answer", [Button.Yes, Button.Cancel])
def test_delete_asks_first_naming_the_draft_by_its_number(window, qtbot, script, answer):
    first, second = window.store.create(draft()), window.store.create(draft())
    window.refresh_browser()
    _select(window, qtbot, first)
    script.expect(
        "ask", "Move to the trash", answer, text=f"Move Form 4 — CRAGUN KENNETH S — AULT (draft {first}) to the trash?"
    )
    _action(window, "delete").trigger()
    in_trash = [row.id for row in window.store.list(trash=True)]
    assert in_trash == ([first] if answer == Button.Yes else [])
    assert [row.id for row in window.store.list()] == ([second] if answer == Button.Yes else [second, first])


@pytest.mark.parametrize("answer", [Button.Yes, Button.Cancel])
def test_empty_trash_says_how_many_drafts_go_for_good(window, script, answer):
    kept = window.store.create(draft())
    for _ in range(3):
        window.store.delete(window.store.create(draft()))
    script.expect(
        "ask", "Empty the trash", answer, text="Delete the 3 drafts in the trash for good? They cannot be brought back."
    )
    _action(window, "empty_trash").trigger()
    assert len(window.store.list(trash=True)) == (0 if answer == Button.Yes else 3)
    assert [row.id for row in window.store.list()] == [kept]
    if answer == Button.Yes:
        assert window.statusBar().currentMessage() == "3 drafts deleted for good."
        _action(window, "empty_trash").trigger()  # nothing in it now: nothing to ask
        assert window.statusBar().currentMessage() == "The trash is empty: there is nothing to delete."


# -- 4. status-bar messages ---------------------------------------------------------------------------------------
def test_a_long_status_message_is_shown_whole_beside_the_count_the_clock_and_the_store(window, qtbot):
    draft_id = window.store.create(draft())
    window.open_draft(draft_id)
    _at_1280x800(window, qtbot)
    message = (
        "Form 4 — CRAGUN KENNETH S — AULT (draft 1) moved to the trash (Draft ▸ Restore from trash brings it back); "
        "a sentence long enough that no 1280-pixel status bar holds it on one line beside the count and the clock."
    )
    window.say(message)
    qtbot.wait(50)  # the status bar is laid out again for the message's second line
    shown = window.statusBar().findChild(QLabel, "status_message")
    assert shown is not None and shown.isVisible() and shown.text() == message
    assert shown.toolTip() == message
    # Every word of it is inside the label: the lines it wraps to fit its width and height.
    room = shown.contentsRect()
    needed = shown.fontMetrics().boundingRect(QRect(0, 0, room.width(), 10_000), Qt.TextFlag.TextWordWrap, message)
    assert needed.height() > shown.fontMetrics().height()  # it does take two lines at this width …
    assert needed.height() <= room.height() and needed.width() <= room.width()  # … and both are shown
    # Beside, never under, what the status bar always shows; the window still fits the screen.
    mapped = shown.geometry().right()
    for name in ("status_summary", "status_clock", "status_store"):
        other = window.statusBar().findChild(QLabel, name)
        assert other.isVisible() and other.geometry().left() > mapped
    assert window.width() <= 1280  # the window did not grow for it
    window.say("Saved.")
    qtbot.wait(50)
    assert shown.text() == "Saved." and shown.height() < room.height()  # back to one line


# -- 5. the list's headings ---------------------------------------------------------------------------------------
def heading_width(header, column: int) -> int:
    """The width a heading needs to read whole, in bold (as a selected row's headings are): its text's widest line,
    the style's margins, and the sort arrow when the list is sorted by it (Qt's own size hint counts an arrow on
    every heading once the list can be sorted)."""
    from PySide6.QtWidgets import QStyle, QStyleOptionHeader

    option = QStyleOptionHeader()
    header.initStyleOption(option)
    option.section = column
    option.text = str(header.model().headerData(column, Qt.Orientation.Horizontal))
    bold = header.font()
    bold.setBold(True)
    option.fontMetrics = QFontMetrics(bold)
    option.sortIndicator = (
        QStyleOptionHeader.SortIndicator.SortDown
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == column
        else QStyleOptionHeader.SortIndicator.None_
    )
    text = max(option.fontMetrics.horizontalAdvance(line) for line in option.text.split("\n"))
    return header.style().sizeFromContents(QStyle.ContentsType.CT_HeaderSection, option, QSize(text, 0), header).width()


def test_every_heading_of_the_draft_list_reads_whole_at_1280x800(window, qtbot):
    for _ in range(40):  # enough rows for a scroll bar, which takes its width from the owner's column
        window.store.create(draft())
    window.refresh_browser()
    _at_1280x800(window, qtbot)
    window.browser.selectRow(0)  # a selected row's headings are bold, and wider
    header = window.browser.horizontalHeader()
    assert window.browser.verticalScrollBar().isVisible()
    shown = [c for c in range(window.drafts_model.columnCount()) if not window.browser.isColumnHidden(c)]
    assert [DraftListModel.HEADERS[c] for c in shown] == [
        "Reporting owner",
        "Issuer",
        "Form",
        "Period",
        "Status",
        "Draft",
    ]
    for column in shown:
        assert header.sectionSize(column) >= heading_width(header, column), DraftListModel.HEADERS[column]
    # The last heading ends inside the list: none runs out of sight.
    assert header.sectionViewportPosition(shown[-1]) + header.sectionSize(shown[-1]) <= header.viewport().width()


# -- 1. File ▸ Back Up Store --------------------------------------------------------------------------------------
def _documents(tmp_path, monkeypatch):
    from PySide6.QtCore import QStandardPaths

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda location: str(documents))
    return documents


def test_back_up_store_writes_one_file_with_every_saved_draft_and_says_where(window, script, tmp_path, monkeypatch):
    import sqlite3
    import stat

    documents = _documents(tmp_path, monkeypatch)
    window.store._db.execute("PRAGMA wal_autocheckpoint = 0")  # the saves stay in the -wal file, as they may
    kept = window.store.create(draft())
    window.store.delete(window.store.create(draft()))
    assert os.path.getsize(window.store.path + "-wal") > 0
    copy = documents / "before the audit.sqlite3"

    def named(start: str) -> str:
        assert os.path.dirname(start) == str(documents)  # the dialog starts in Documents …
        assert os.path.basename(start).startswith("drafts backup ") and start.endswith(".sqlite3")  # … with a name
        return str(copy)

    script.expect("save_file", "Back up the store", named)
    script.expect(
        "tell",
        "Store backed up",
        None,
        text=f"The store drafts.sqlite3 was copied, with every saved draft (1 draft and 1 in the trash), into {copy}.",
    )
    _action(window, "backup_store").trigger()
    # One self-contained file, the owner's only, holding both drafts: no -wal beside it is needed.
    assert not os.path.exists(f"{copy}-wal") and stat.S_IMODE(os.stat(copy).st_mode) == 0o600
    connection = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert connection.execute("SELECT count(*) FROM drafts").fetchone()[0] == 2
        assert connection.execute("SELECT count(*) FROM drafts WHERE deleted_at IS NULL").fetchone()[0] == 1
    finally:
        connection.close()
    assert window.statusBar().currentMessage() == f"Store backed up into {copy}."
    # The next backup starts in the folder of this one; a name that is taken is refused, the file left alone.
    before = copy.read_bytes()
    script.expect("save_file", "Back up the store", str(copy), text=str(documents / "drafts backup "))
    script.expect("tell", "Not backed up", None, text=f"Nothing was backed up: {copy} exists")
    _action(window, "backup_store").trigger()
    assert copy.read_bytes() == before
    assert kept in [row.id for row in window.store.list()]


def test_back_up_store_says_that_unsaved_changes_are_not_in_the_copy(window, qtbot, script, tmp_path, monkeypatch):
    from test_gui import type_into

    documents = _documents(tmp_path, monkeypatch)
    window.open_draft(window.store.create(draft()))
    type_into(qtbot, window.editor.filing_tab.ticker, "NEW")
    script.expect("save_file", "Back up the store", str(documents / "copy.sqlite3"))
    script.expect("tell", "Store backed up", None, text="The changes not yet saved in this window are not in it.")
    _action(window, "backup_store").trigger()
    assert window.document.modified and window.editor.filing_tab.ticker.text() == "NEW"


def test_back_up_a_team_store_copies_it_into_a_store_file_and_checks_it(qtbot, script, settings, tmp_path, monkeypatch):
    """A team store has no file to copy: the backup is a store file of the user's own, checked row by row as `form4
    store copy` checks it (the server's own backups are its administrator's)."""
    import team_store_server
    from form4_desktop.app.drafts import open_store
    from form4_desktop.gui.main_window import MainWindow
    from form4_desktop.store import DraftStore

    url = team_store_server.team_store_url(team_store_server.server())
    documents = _documents(tmp_path, monkeypatch)
    store = open_store(url)
    try:
        with_ccc = draft()
        with_ccc.reporting_owners[0].ccc = "kk#7mmq2"
        ids = [store.create(with_ccc), store.create(draft())]
        window = MainWindow(store, settings=settings)
        qtbot.addWidget(window)
        window.show()
        copy = documents / "office.sqlite3"

        def named(start: str) -> str:
            assert os.path.basename(start).startswith("team store backup ") and os.path.dirname(start) == str(documents)
            return str(copy)

        script.expect("save_file", "Back up the store", named)
        script.expect("tell", "Store backed up", None, text=f"every saved draft (2 drafts), into {copy}.")
        _action(window, "backup_store").trigger()
        with DraftStore(copy, create=False) as backup:
            assert sorted(row.id for row in backup.list()) == sorted(ids)
            assert backup.open(ids[0]).filing == store.open(ids[0]).filing  # the CCC too: the copy is whole
        window.close()
    finally:
        store.close()


# -- 6. after a rescue --------------------------------------------------------------------------------------------
def test_import_folder_after_a_rescue_starts_in_the_rescued_folder(window, script, tmp_path, monkeypatch):
    documents = _documents(tmp_path, monkeypatch)
    window.settings.setValue("folders/open", str(tmp_path))  # the folder of the last XML file opened
    window.store.create(draft())
    rescued = documents / "Smith rescued"
    script.expect("save_file", "Rescue drafts", str(rescued))
    script.expect("tell", "Drafts rescued", None, text=f"1 draft rescued into {rescued}.")
    _action(window, "rescue").trigger()

    def starts_there(start: str) -> None:
        assert start == str(rescued)  # where the rescued drafts are: the user only has to press Choose

    script.expect("folder", "Import a folder", starts_there)
    _action(window, "import_folder").trigger()


# -- 7. the Address Book's Forget CCC -----------------------------------------------------------------------------
CCC = "kk#7mmq2"


def _forget_in_the_address_book(window, qtbot, script, *, during=None) -> None:
    def use(dialog):
        if during is not None:
            during()
        qtbot.mouseClick(dialog.forget_button, Qt.MouseButton.LeftButton)
        return 0

    script.expect("run", "Address book", use)
    script.expect("ask", "Forget CCC", Button.Yes)
    script.expect("tell", "CCC forgotten", None)
    _action(window, "address_book").trigger()


def _holds_ccc(path: str) -> bool:
    return os.path.exists(path) and CCC.encode() in open(path, "rb").read()


def test_forget_ccc_in_the_address_book_leaves_the_ccc_in_no_file_and_is_shown_at_once(window, qtbot, script):
    window.store._db.execute("PRAGMA wal_autocheckpoint = 0")  # only the app's own checkpoints move pages
    filing = draft()
    filing.reporting_owners[0].ccc = CCC
    draft_id = window.store.create(filing)
    window.store.checkpoint()  # a save of an earlier day: in the store file itself
    window.refresh_browser()
    assert _holds_ccc(window.store.path) and _holds_ccc(window.store.path + "-wal")
    _forget_in_the_address_book(window, qtbot, script)
    # The list shows the draft as the store has it now (forgetting made it a new version), at once …
    assert [row.version for row in window.drafts_model.rows] == [window.store.open(draft_id).version] == [2]
    # … and a moment later, as after any change, the store file takes it: neither file holds the CCC.
    assert window.checkpoint_timer.isActive()
    qtbot.waitUntil(lambda: not window.checkpoint_timer.isActive(), timeout=5000)
    assert not _holds_ccc(window.store.path + "-wal")
    assert not _holds_ccc(window.store.path)


def test_a_ccc_forgotten_while_another_program_reads_leaves_the_store_file_once_it_is_done(window, qtbot, script):
    """The store empties its -wal file itself when it forgets, unless another program is reading the store at that
    moment; then the checkpoint the app makes a moment after the change (every change's) takes the erased CCC out
    of the store file, once that program is done."""
    import sqlite3

    window.store._db.execute("PRAGMA wal_autocheckpoint = 0")
    filing = draft()
    filing.reporting_owners[0].ccc = CCC
    window.store.create(filing)
    window.store.checkpoint()
    colleague = sqlite3.connect(window.store.path)

    def colleague_reads() -> None:
        colleague.execute("BEGIN")
        colleague.execute("SELECT count(*) FROM drafts").fetchone()

    window.checkpoint_timer.setInterval(300)
    _forget_in_the_address_book(window, qtbot, script, during=colleague_reads)
    assert _holds_ccc(window.store.path)  # the store could not take it while the colleague read
    colleague.rollback()
    colleague.close()
    qtbot.waitUntil(lambda: not window.checkpoint_timer.isActive(), timeout=5000)
    assert not _holds_ccc(window.store.path)


# -- 8. the store a start opens -----------------------------------------------------------------------------------
@pytest.fixture
def start(tmp_path, monkeypatch, qapp):
    """Stores on disk, the usual one in a data folder of the test's own, and the program's settings in a file of
    the test's own; nothing named in the environment."""
    from PySide6.QtCore import QSettings

    import platformdirs

    monkeypatch.delenv("FORM4_STORE", raising=False)
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *args, **kwargs: str(tmp_path / "data"))
    (tmp_path / "data").mkdir()
    settings = QSettings(str(tmp_path / "program.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr("form4_desktop.gui.main.QSettings", lambda: settings)
    return settings


def _store_file(path) -> str:
    from form4_desktop.store import DraftStore

    DraftStore(path).close()
    return str(path)


def test_a_start_opens_the_store_last_worked_in_and_remembers_where_the_user_works(start, tmp_path):
    from form4_desktop.gui.main import start_store

    client = _store_file(tmp_path / "client-b.sqlite3")
    start.setValue("stores/last", client)
    opened = start_store(None, start)
    try:
        assert opened.store.path == client and opened.remembers and opened.said is None and opened.failed is None
    finally:
        opened.store.close()
    assert not (tmp_path / "data" / "drafts.sqlite3").exists()  # the usual store was not even made


@pytest.mark.parametrize("how", ["--store", "FORM4_STORE"])
def test_a_store_given_for_one_run_opens_instead_and_is_never_remembered(start, tmp_path, monkeypatch, how):
    from form4_desktop.gui.main import start_store

    client = _store_file(tmp_path / "client-b.sqlite3")
    given = _store_file(tmp_path / "colleague.sqlite3")
    start.setValue("stores/last", client)
    if how == "FORM4_STORE":
        monkeypatch.setenv("FORM4_STORE", given)
    opened = start_store(given if how == "--store" else None, start)
    try:
        assert opened.store.path == given and not opened.remembers and opened.said is None
    finally:
        opened.store.close()
    assert start.value("stores/last") == client


def test_a_remembered_store_that_is_gone_gives_way_to_the_usual_one_and_is_said(start, tmp_path):
    from form4_desktop.gui.main import start_store

    gone = tmp_path / "moved-away.sqlite3"
    start.setValue("stores/last", str(gone))
    opened = start_store(None, start)
    try:
        assert opened.store.path == str(tmp_path / "data" / "drafts.sqlite3") and opened.remembers
        assert opened.said == (
            f"The store you last worked in, {gone}, is not there any more; the usual store is open instead."
        )
    finally:
        opened.store.close()
    assert not gone.exists()  # never made again, empty, where it was


def test_a_remembered_store_that_cannot_be_opened_gives_way_to_the_usual_one(start, tmp_path):
    from form4_desktop.gui.main import start_store

    damaged = tmp_path / "client-b.sqlite3"
    damaged.write_bytes(b"\0" * 8192)  # not a store any more
    start.setValue("stores/last", str(damaged))
    opened = start_store(None, start)
    try:
        assert opened.store.path == str(tmp_path / "data" / "drafts.sqlite3")
        assert opened.failed is not None and opened.failed[0] == str(damaged)
        assert opened.said == f"{opened.failed[1]} The usual store is open instead."
        assert str(damaged) in opened.said
    finally:
        opened.store.close()


def test_the_app_started_shows_the_remembered_store_and_not_one_given_for_one_run(start, tmp_path, monkeypatch, script):
    from PySide6.QtWidgets import QApplication

    from form4_desktop.gui import main as entry
    from form4_desktop.gui.main_window import MainWindow

    client = _store_file(tmp_path / "client-b.sqlite3")
    colleague = _store_file(tmp_path / "colleague.sqlite3")
    start.setValue("stores/last", client)
    shown = []

    def exec_(app) -> int:  # the event loop: look at the window the start shows, and close it
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        shown.append((window.store.path, window.remembers_store))
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # main() installs the app's own: the tests' comes back
    names = QApplication.applicationName(), QApplication.organizationName(), QApplication.desktopFileName()
    try:
        assert entry.main([]) == 0
        assert entry.main(["--store", colleague]) == 0
    finally:
        QApplication.setApplicationName(names[0])
        QApplication.setOrganizationName(names[1])
        QApplication.setDesktopFileName(names[2])
    assert shown == [(client, True), (colleague, False)]
    assert start.value("stores/last") == client


# -- 9. a store SQLite cannot open --------------------------------------------------------------------------------
def _unopenable_store(path: str, drafts_made: int = 5) -> bytes:
    """A store of `drafts_made` drafts whose first page (the header and the schema) is zeroed: SQLite sees no
    database at all, though every draft is still in the file's pages. Returns the file's bytes."""
    from test_rescue import _make_store, _overwrite, _pages

    _make_store(path, drafts_made=drafts_made, saves=0)
    (_, page_size) = _pages(path, "SELECT 1")
    _overwrite(path, 1, page_size, b"\x00")
    with open(path, "rb") as damaged:
        return damaged.read()


def test_a_start_on_a_store_sqlite_cannot_open_rescues_it_into_a_new_store(start, tmp_path, monkeypatch, script):
    from PySide6.QtWidgets import QApplication

    from form4_desktop.gui import main as entry
    from form4_desktop.gui.main_window import MainWindow

    documents = _documents(tmp_path, monkeypatch)
    damaged = str(tmp_path / "client-b.sqlite3")
    before = _unopenable_store(damaged)
    rescued, new = documents / "Rescued client B", documents / "client-b-new.sqlite3"
    script.expect(
        "ask", "Store cannot be opened", Button.Yes, text=f"{damaged} is not a Form 4 Desktop store, or is damaged"
    )
    script.expect("save_file", "Rescue drafts", str(rescued), text=str(documents))
    script.expect("ask", "Drafts rescued", Button.Yes, text=f"5 drafts rescued into {rescued}.")
    script.expect("save_file", "New store for the rescued drafts", str(new), text=str(documents))
    script.expect("tell", "Folder imported", None, text="5 files imported; 0 already in the store")
    shown = []

    def exec_(app) -> int:
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        shown.append((window.store.path, [row.id for row in window.store.list()], window.remembers_store))
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    assert entry.main(["--store", damaged]) == 0
    [(path, drafts, remembered)] = shown
    assert path == str(new) and len(drafts) == 5 and remembered
    assert start.value("stores/last") == str(new)  # the store the user now works in
    with open(damaged, "rb") as left:
        assert left.read() == before  # only read
    assert sorted(p.name for p in rescued.iterdir())[-1] == "rescue-report.txt"


def test_a_start_on_a_store_sqlite_cannot_open_ends_when_no_rescue_is_wanted(start, tmp_path, monkeypatch, script):
    from form4_desktop.gui import main as entry

    damaged = str(tmp_path / "client-b.sqlite3")
    _unopenable_store(damaged, drafts_made=1)
    script.expect("ask", "Store cannot be opened", Button.No)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    assert entry.main(["--store", damaged]) == 2


@pytest.mark.parametrize("answer", ["rescue and import", "rescue only", "no rescue"])
def test_open_store_on_a_store_sqlite_cannot_open_offers_to_rescue_it(window, script, tmp_path, monkeypatch, answer):
    documents = _documents(tmp_path, monkeypatch)
    damaged = str(tmp_path / "colleague.sqlite3")
    _unopenable_store(damaged, drafts_made=3)
    rescued = documents / "Rescued"
    script.expect("open_file", "Open store", damaged)
    script.expect("ask", "Store cannot be opened", Button.No if answer == "no rescue" else Button.Yes, text=damaged)
    if answer == "no rescue":
        script.expect("tell", "Store not opened", None, text=f"{damaged} is not a Form 4 Desktop store")
    else:
        script.expect("save_file", "Rescue drafts", str(rescued))
        script.expect(
            "ask",
            "Drafts rescued",
            Button.Yes if answer == "rescue and import" else Button.No,
            text=f"3 drafts rescued into {rescued}. CCCs are not in the files; rescue-report.txt there says what was "
            "rescued.\n\nImport them into the store drafts.sqlite3 now?",
        )
    if answer == "rescue and import":
        script.expect("tell", "Folder imported", None, text="3 files imported")
    _action(window, "open_store").trigger()
    # Into the store of the window it was asked from, if the user wants; no other window.
    assert len(window.store.list()) == (3 if answer == "rescue and import" else 0)
    if answer != "no rescue":
        assert len(list(rescued.glob("*.xml"))) == 3
        assert window.folder("open") == str(rescued)  # Import Folder, later, starts there


def test_a_start_whose_remembered_store_sqlite_cannot_open_offers_to_rescue_it_into_the_usual_one(
    start, tmp_path, monkeypatch, script
):
    from PySide6.QtWidgets import QApplication

    from form4_desktop.gui import main as entry
    from form4_desktop.gui.main_window import MainWindow

    documents = _documents(tmp_path, monkeypatch)
    damaged = str(tmp_path / "client-b.sqlite3")
    _unopenable_store(damaged, drafts_made=2)
    start.setValue("stores/last", damaged)
    rescued = documents / "Rescued"
    usual = str(tmp_path / "data" / "drafts.sqlite3")
    script.expect("ask", "Store cannot be opened", Button.Yes, text="The usual store is open instead.\n\nRescue")
    script.expect("save_file", "Rescue drafts", str(rescued))
    script.expect("ask", "Drafts rescued", Button.Yes, text="Import them into the store drafts.sqlite3 now?")
    script.expect("tell", "Folder imported", None, text="2 files imported")
    shown = []

    def exec_(app) -> int:
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        # The drafts brought back are overdue: the dashboard says so at start, beside the window (never modal).
        dashboard = window.deadline_window is not None and window.deadline_window.isVisible()
        shown.append((window.store.path, len(window.store.list()), dashboard))
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    assert entry.main([]) == 0
    assert shown == [(usual, 2, True)]


# -- 2. the open draft changed elsewhere --------------------------------------------------------------------------
def _strip(window):
    return window.elsewhere, window.elsewhere_text.text()


def _changed_by_alice(path: str, draft_id: int) -> None:
    from form4_desktop.store import DraftStore

    with DraftStore(path, user="alice") as other:  # another program, another user
        opened = other.open(draft_id)
        opened.filing.remarks = "Alice's remarks"
        other.save(draft_id, opened.filing, opened.version)


@pytest.mark.parametrize("choice", ["reopen", "save as copy", "reopen cancelled"])
def test_a_draft_changed_by_someone_else_is_said_at_once_with_reopen_and_save_as_copy(window, qtbot, script, choice):
    from form4_desktop.gui.main_window import local_time
    from test_gui import type_into

    draft_id = window.store.create(draft())
    window.refresh_browser()
    window.open_draft(draft_id)
    type_into(qtbot, window.editor.filing_tab.ticker, "MINE")
    assert not window.elsewhere.isVisible()
    _changed_by_alice(window.store.path, draft_id)
    qtbot.waitUntil(window.elsewhere.isVisible, timeout=5000)  # without a click, before any Save
    saved_at = window.store.history(draft_id)[0].saved_at
    strip, text = _strip(window)
    assert text == (
        f"Form 4 — CRAGUN KENNETH S — MINE (draft {draft_id}) was changed in another window or program by alice at "
        f"{local_time(saved_at)} (it is now version 2; this window shows version 1). What you typed here is kept "
        "until you choose: Reopen shows the draft as it is now and drops your changes here; Save as Copy keeps your "
        "changes as a new draft."
    )
    # Nothing typed is lost meanwhile: the box, the window's draft and its unsaved mark are as they were.
    assert window.editor.filing_tab.ticker.text() == "MINE" and window.document.modified
    assert window.elsewhere_reopen.isVisible() and window.elsewhere_copy.isVisible()
    if choice == "save as copy":
        qtbot.mouseClick(window.elsewhere_copy, Qt.MouseButton.LeftButton)
        copy_id = window.document.draft_id
        assert copy_id != draft_id and not window.document.modified
        assert window.store.open(copy_id).filing.issuer.trading_symbol == "MINE"
        assert window.store.open(draft_id).filing.remarks == "Alice's remarks"  # hers, as she saved it
    else:
        script.expect(
            "ask",
            "Reopen",
            Button.Yes if choice == "reopen" else Button.Cancel,
            text=f"Reopen Form 4 — CRAGUN KENNETH S — MINE (draft {draft_id}) as it is now in the store? The changes",
        )
        qtbot.mouseClick(window.elsewhere_reopen, Qt.MouseButton.LeftButton)
        if choice == "reopen cancelled":
            assert window.elsewhere.isVisible() and window.editor.filing_tab.ticker.text() == "MINE"
            return
        assert window.document.draft_id == draft_id and window.document.version == 2
        assert window.document.filing.remarks == "Alice's remarks" and not window.document.modified
        assert window.editor.filing_tab.ticker.text() == "AULT"
    assert not window.elsewhere.isVisible()


def test_another_window_of_the_app_saving_the_draft_is_said_at_once(window, qtbot, settings):
    from form4_desktop.gui.main_window import MainWindow

    draft_id = window.store.create(draft())
    window.open_draft(draft_id)
    second = MainWindow(window.store, settings=settings)  # the same store, the same connection
    qtbot.addWidget(second)
    second.show()
    second.open_draft(draft_id)
    second.document.set("remarks", "From the second window", "Edit remarks")
    second.save_action.trigger()
    assert window.elsewhere.isVisible()  # at once: no poll needed
    assert f"(draft {draft_id}) was changed in another window or program by " in window.elsewhere_text.text()
    assert "You have not changed it here" not in window.elsewhere_text.text()
    assert window.elsewhere_text.text().endswith(
        "Reopen shows the draft as it is now; Save as Copy keeps this window's version as a new draft."
    )
    assert not second.elsewhere.isVisible()  # the window that saved is up to date
    qtbot.mouseClick(window.elsewhere_reopen, Qt.MouseButton.LeftButton)  # nothing typed here: no question
    assert window.document.filing.remarks == "From the second window" and not window.elsewhere.isVisible()
    second.close()


def test_a_draft_trashed_or_deleted_for_good_elsewhere_is_said_at_once(window, qtbot, script):
    from form4_desktop.store import DraftStore
    from test_gui import type_into

    draft_id = window.store.create(draft())
    window.open_draft(draft_id)
    type_into(qtbot, window.editor.filing_tab.ticker, "MINE")
    with DraftStore(window.store.path) as other:
        other.delete(draft_id)
    qtbot.waitUntil(window.elsewhere.isVisible, timeout=5000)
    assert window.elsewhere_text.text() == (
        f"Form 4 — CRAGUN KENNETH S — MINE (draft {draft_id}) was moved to the trash in another window or program. "
        "What you typed here is kept until you choose: Save offers to restore it and save into it; Save as Copy "
        "keeps your changes as a new draft."
    )
    assert not window.elsewhere_reopen.isVisible() and window.elsewhere_copy.isVisible()
    with DraftStore(window.store.path) as other:
        other.empty_trash()
    qtbot.waitUntil(lambda: "deleted for good" in window.elsewhere_text.text(), timeout=5000)
    assert window.elsewhere_text.text().startswith(
        f"Form 4 — CRAGUN KENNETH S — MINE (draft {draft_id}) was deleted for good (the trash emptied in another "
        "window or program)."
    )
    qtbot.mouseClick(window.elsewhere_copy, Qt.MouseButton.LeftButton)
    assert window.store.open(window.document.draft_id).filing.issuer.trading_symbol == "MINE"
    assert not window.elsewhere.isVisible()


def test_a_ccc_forgotten_elsewhere_is_said_and_the_copy_leaves_it_out(window, qtbot, script):
    from form4_desktop.store import DraftStore
    from test_gui import type_into

    filing = draft()
    filing.reporting_owners[0].ccc = CCC
    draft_id = window.store.create(filing)
    window.open_draft(draft_id)
    type_into(qtbot, window.editor.filing_tab.ticker, "MINE")
    with DraftStore(window.store.path, user="rita") as other:
        other.forget_ccc(filing.reporting_owners[0].cik)
    qtbot.waitUntil(window.elsewhere.isVisible, timeout=5000)
    assert window.elsewhere_text.text().startswith(
        f"The CCC of Form 4 — CRAGUN KENNETH S — MINE (draft {draft_id})'s reporting owner was forgotten (erased "
        "from the store) by rita at "
    )
    qtbot.mouseClick(window.elsewhere_copy, Qt.MouseButton.LeftButton)
    copied = window.store.open(window.document.draft_id).filing
    assert copied.issuer.trading_symbol == "MINE" and copied.reporting_owners[0].ccc is None


def test_the_windows_own_saves_and_a_draft_marked_filed_elsewhere(window, qtbot, script):
    from form4_desktop.store import DraftStore
    from datetime import date

    draft_id = window.store.create(draft())
    window.open_draft(draft_id)
    window.document.set("remarks", "Mine", "Edit remarks")
    window.save_action.trigger()
    qtbot.wait(2500)  # a poll or more
    assert not window.elsewhere.isVisible()  # its own save is no change made elsewhere
    with DraftStore(window.store.path) as other:
        other.mark_filed(draft_id, date(2023, 1, 10))
    qtbot.waitUntil(window.elsewhere.isVisible, timeout=5000)
    assert "was marked filed in another window or program at " in window.elsewhere_text.text()
    qtbot.mouseClick(window.elsewhere_reopen, Qt.MouseButton.LeftButton)
    assert window.document.status == "filed" and not window.elsewhere.isVisible()


def test_a_team_member_saving_the_open_draft_is_said_at_once_naming_them(qtbot, script, settings):
    """On a team store, what a colleague saves comes through the server's notifications: the strip names them."""
    import team_store_server
    from form4_desktop.app.drafts import open_store
    from form4_desktop.gui.main_window import MainWindow
    from test_gui import type_into

    url = team_store_server.team_store_url(team_store_server.server())
    mine, bobs = open_store(url), open_store(url.replace("alice@", "bob@"))
    try:
        draft_id = mine.create(draft())
        window = MainWindow(mine, settings=settings)
        qtbot.addWidget(window)
        window.show()
        window.open_draft(draft_id)
        type_into(qtbot, window.editor.filing_tab.ticker, "MINE")
        opened = bobs.open(draft_id)
        opened.filing.remarks = "Bob's remarks"
        bobs.save(draft_id, opened.filing, opened.version)
        qtbot.waitUntil(window.elsewhere.isVisible, timeout=5000)
        assert f"(draft {draft_id}) was changed in another window or program by bob at " in window.elsewhere_text.text()
        assert window.editor.filing_tab.ticker.text() == "MINE" and window.document.modified
        window.document.load(window.document.filing, None, None)  # closing asks nothing: the test is over
        window.close()
    finally:
        bobs.close()
        mine.close()

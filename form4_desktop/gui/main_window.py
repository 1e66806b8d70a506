"""The main window: the draft browser, the Form 4 editor, live findings, saving, printing.

Every menu action runs through `actions.run_action` (one sentence on failure, the traceback in the log), and
every question goes through `dialogs`. What the screen shows is what is saved, printed and exported: text
typed into a box that cannot be taken is an error finding and stops a save, a print and an export.
"""

from __future__ import annotations

import copy
import logging
import os
import re
import tempfile
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QItemSelectionModel, QModelIndex, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QProgressDialog,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStatusBar,
    QStyle,
    QStyleOption,
    QTableView,
    QVBoxLayout,
    QWidget,
)

# Not imported here, so not before the window's first paint: app.documents (the rule engine, the XML and PDF
# layers), app.holdings, the ledger's rules and app.rescue (lxml); each is imported where it is first used.
from form4_desktop.app import clock
from form4_desktop.app.autosave import Autosaver, is_orphan, new_slot
from form4_desktop.app.closures import ClosuresFileError, load_calendar
from form4_desktop.rules.closures import DEFAULT_CALENDAR
from form4_desktop.rules.deadline import CUTOFF as deadline_cutoff
from form4_desktop.rules.deadline import describe_time_left, filing_day, new_york
from form4_desktop.app.drafts import import_xml
from form4_desktop.edgar_xml import Copy
from form4_desktop.errors import UserError
from form4_desktop.gui import dialogs
from form4_desktop.gui.actions import run_action
from form4_desktop.gui.document import FilingDocument, new_filing
from form4_desktop.gui.editor import Editor
from form4_desktop.gui.models import DraftListModel, FindingsModel, boxes_to_fill, column_of, two_line_width
from form4_desktop.model import forms
from form4_desktop.model import Filing, ReportingOwner, Signature, operations, paths
from form4_desktop.model.compare import changed_paths
from form4_desktop.model.display import format_date
from form4_desktop.model.names import conformed_signature
from form4_desktop.model.typed import TypedValueError, read_date
from form4_desktop.rules import Finding, Severity
from form4_desktop.rules.boxes import box_label
from form4_desktop.rules.typed import typed_findings
from form4_desktop.store.drafts import CCC_FORGOTTEN
from form4_desktop.store import (
    CccForgottenError,
    ConflictError,
    DraftStore,
    NotFoundError,
    StoreError,
    TrashedError,
    default_store_path,
    is_url,
)

if TYPE_CHECKING:
    from form4_desktop.app.rescue import Rescued

log = logging.getLogger("form4_desktop.gui")
Button = dialogs.Button


STORE_FILTER = "Draft stores (*.sqlite3 *.sqlite *.db);;All files (*)"


class MessageBar(QStatusBar):
    """The status bar, whose messages are always read whole: a label left of the count, the clock and the store's
    name shows each one (a message the app says, a menu's tip), wrapping onto a second line when it does not fit
    on one. Qt's own painting of a message cuts it where the first of them begins."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.message = QLabel()
        self.message.setObjectName("status_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setContentsMargins(2, 0, 0, 0)
        self.insertPermanentWidget(0, self.message, 1)
        self.messageChanged.connect(self._show)

    def _show(self, text: str) -> None:
        self.message.setText(text)
        self.message.setToolTip(text)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # The bar's panel only: the message is the label's to show.
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, self)


class _AfterFirstPaint(QObject):
    """Calls `then` once the window's first paint is over (on the next turn of the event loop)."""

    def __init__(self, window: QWidget, then):
        super().__init__(window)
        self.then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.then)
        return False


class NotTaken(UserError):
    """A box holds typed text that cannot be taken, so the draft cannot be saved, printed or exported."""


def local_time(stamp: str) -> str:
    """A store time (UTC, ISO) as the user reads it: local time, MM/DD/YYYY h:mm AM."""
    moment = datetime.fromisoformat(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    moment = moment.astimezone()
    return f"{format_date(moment.date())} {moment:%I:%M %p}".replace(" 0", " ", 1)


def time_left_text(left: timedelta) -> str:
    """'1 day 4 h left', '2 days 0 h left'; under a day '4 h 24 min left' (whole minutes, rounded down)."""
    if left.days >= 1:
        return f"{left.days} day{'s' if left.days != 1 else ''} {left.seconds // 3600} h left"
    return describe_time_left(left)


def file_stem(filing: Filing) -> str:
    """`form4-AULT-CRAGUN-2023-01-09`: form, ticker, first owner's last name, box 3."""
    owner = filing.reporting_owners[0].name if filing.reporting_owners and filing.reporting_owners[0].name else ""
    parts = [
        f"form{filing.document_type.replace('/', '')}",
        filing.issuer.trading_symbol or "",
        owner.split()[0] if owner else "",
        filing.period_of_report.isoformat() if filing.period_of_report else "",
    ]
    return "-".join(
        re.sub(r"[^A-Za-z0-9]+", "", part).upper() if n in (1, 2) else part for n, part in enumerate(parts) if part
    )


def folder_for(settings: QSettings, kind: str) -> str:
    """Where a file dialog of this kind starts: the folder last used for it, else the user's Documents folder,
    else their home (never the folder the app happened to be started from)."""
    value = settings.value(f"folders/{kind}", "")
    if isinstance(value, str) and value and os.path.isdir(value):
        return value
    return dialogs.documents_folder()


def choose_rescue_folder(parent: QWidget | None, settings: QSettings) -> str | None:
    """The folder rescued drafts go into: a new folder's name is proposed, in the folder last used; the user may
    keep it, type another (which need not exist: it is made, with any folder above it) or make one with the
    dialog's New Folder button. A folder that holds files gets a new folder of its own inside it."""
    stamp = datetime.now().strftime("%Y-%m-%d %H.%M")
    chosen = dialogs.save_file(
        parent,
        "Rescue drafts: name a new folder to put them in",
        os.path.join(folder_for(settings, "rescue"), f"Rescued drafts {stamp}"),
        "Folders (*)",
    )
    if not chosen:
        return None
    if os.path.isfile(chosen):
        raise UserError(f"Nothing was rescued: {chosen} is a file; name a new folder for the rescued drafts.")
    settings.setValue("folders/rescue", os.path.dirname(os.path.abspath(chosen)))
    if os.path.isdir(chosen) and any(not name.startswith(".") for name in os.listdir(chosen)):
        return os.path.join(chosen, f"Rescued drafts {stamp}")  # never among other files
    return chosen


def damaged_beyond_opening(path: str, error: StoreError) -> bool:
    """Whether a store that did not open is a file SQLite cannot read as a store (its first page damaged, or
    not a store at all): its pages may still hold drafts, which rescue_file reads without SQLite."""
    return "damaged" in str(error) and os.path.isfile(path)


def rescue_unopened(
    parent: QWidget | None, settings: QSettings, path: str, error: StoreError, said: str | None = None
) -> tuple[str, Rescued] | None:
    """A store file that cannot be opened as damaged: offer to rescue the drafts its pages still hold into a
    folder (the file is only read). Returns the folder and what was rescued; None when the user does not want it.
    `said`: the sentence that says the store did not open, if not the error's own."""
    answer = dialogs.ask(
        parent,
        "Store cannot be opened",
        f"{said or error}\n\nRescue the drafts it still holds? They are read from the store file's pages (the file "
        "is only read) and written as XML into a folder you choose, from which Import Folder brings them into a "
        "store.",
        Button.Yes | Button.No,
        Button.Yes,
    )
    if answer != Button.Yes:
        return None
    folder = choose_rescue_folder(parent, settings)
    if folder is None:
        return None
    from form4_desktop.app.rescue import rescue_file

    done = rescue_file(path, folder, str(error))
    settings.setValue("folders/open", folder)  # Import Folder, which brings them back, starts there
    return folder, done


def _rescued_text(folder: str, done: Rescued) -> str:
    from form4_desktop.app.rescue import REPORT_FILE

    return f"{done.summary()} into {folder}. CCCs are not in the files; {REPORT_FILE} there says what was rescued."


def start_with_rescue(settings: QSettings, path: str, error: StoreError) -> MainWindow | None:
    """At start, when no store could be opened because the one to open is damaged beyond opening: offer to rescue
    its drafts, then to start a new store with them (a window on it, the folder imported). None when the user
    wants neither: there is no store to show."""
    try:
        found = rescue_unopened(None, settings, path, error)
    except UserError as failure:
        dialogs.tell(None, "Nothing rescued", str(failure), "critical")
        return None
    if found is None:
        return None
    folder, done = found
    answer = dialogs.ask(
        None,
        "Drafts rescued",
        f"{_rescued_text(folder, done)}\n\nStart a new store with them now (a new store file, into which the "
        "folder is imported)?",
        Button.Yes | Button.No,
        Button.Yes,
    )
    while answer == Button.Yes:
        new = dialogs.save_file(
            None,
            "New store for the rescued drafts",
            os.path.join(folder_for(settings, "store"), "drafts.sqlite3"),
            STORE_FILTER,
        )
        if not new:
            return None
        if os.path.exists(new):
            dialogs.tell(None, "No new store", f"{new} exists; give the name of a new file for the new store.")
            continue
        settings.setValue("folders/store", os.path.dirname(os.path.abspath(new)))
        try:
            store = DraftStore(new, create=True)
        except StoreError as failure:
            dialogs.tell(None, "No new store", str(failure))
            continue
        window = MainWindow(store, settings=settings)
        window.owns_store = True
        window.remembers_store = True  # chosen here: the store the user works in from now on
        window.show()
        window.remember_store()
        window.act("Not imported", lambda: window.import_folder(folder))
        return window
    return None


# The actions that change the store: disabled in a window whose store can only be read.
WRITING_ACTIONS = (
    "new",
    "new_form3",
    "new_form5",
    "open",
    "import_folder",
    "save",
    "save_copy",
    "duplicate",
    "delete",
    "restore",
    "empty_trash",
    "mark_filed",
    "amend",
)
# Whether a bad edgar-closures.txt has been said (at start, once for the whole program).
_CLOSURES_SAID = False
# The windows opened on other stores (File ▸ Open Store): kept here, or Python would close them at once.
_STORE_WINDOWS: list[MainWindow] = []


class MainWindow(QMainWindow):
    # Whether this window's store is the one the next start opens, once the user works in it: a store opened from
    # the File menu, or the usual one; never a --store or $FORM4_STORE given for one run, nor a team store.
    remembers_store = False
    # The start's work left for after the first paint is done (the new draft's first check, the editor's tables,
    # notes and signatures tabs): `started` is True.
    start_finished = Signal()

    def __init__(
        self,
        store: DraftStore,
        *,
        today: date | None = None,
        settings: QSettings | None = None,
        check_after_paint: bool = False,
    ):
        super().__init__()
        # At start (gui/main.py) the new draft's first check, which imports the rule engine, and four of the
        # editor's six tabs come right after the window's first paint instead of delaying it: the findings and
        # deadline a moment after the window.
        self._check_after_paint = check_after_paint
        self._first_check_left = False
        self.started = not check_after_paint
        if check_after_paint:
            _AfterFirstPaint(self, self._finish_start)
        self.store = store
        self.today = today
        self.settings = settings if settings is not None else QSettings()
        self.setWindowTitle("Form 4 Desktop")
        self.document = FilingDocument(parent=self)
        # A store that can only be read shows its drafts read-only: nothing can be typed that could not be saved.
        self.document.locked = store.read_only.opened() if store.read_only is not None else None
        self.editor = Editor(self.document, build_later=check_after_paint)
        # Above the form, a strip that says why it cannot be changed (a store that can only be read, a filed form):
        # the status bar's messages go by, and a long one is cut.
        self.banner = QLabel()
        self.banner.setObjectName("read_only_banner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setStyleSheet(
            "QLabel { background: #fff4ce; color: #3d2f00; border: 1px solid #d9b44a; padding: 6px; }"
        )
        self.banner.hide()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(4)
        central_layout.addWidget(self.banner)
        self._build_elsewhere_strip()
        central_layout.addWidget(self.elsewhere)
        central_layout.addWidget(self.editor, 1)
        self.setCentralWidget(central)
        self.findings: list[Finding] = []
        self.status_text = ""
        self.autosaver = Autosaver(store, new_slot())
        # EDGAR's business days, with the user's edgar-closures.txt; a bad file is said once, at start, and the
        # program's own table is used meanwhile.
        self.closures_problem: str | None = None
        try:
            self.calendar = load_calendar()
        except ClosuresFileError as error:
            self.calendar, self.closures_problem = DEFAULT_CALENDAR, str(error)
        self._ledgers: dict[tuple, tuple] = {}
        self._selected_open: int | None = None  # the open draft the list last selected for the user
        # A new draft not yet edited: its empty boxes are "to fill", not errors, until the user edits it or asks
        # to check, save, print or export it (then every finding shows as what it is).
        self.untouched = False
        self._loading_new = False
        self.deadline_window: QDialog | None = None  # the deadline dashboard shown at start, beside this window
        self._undoing = False
        self._build_browser()
        self._build_findings()
        self._build_actions()
        self.validation_timer = QTimer(self, singleShot=True, interval=250)  # debounce: typing never waits
        self.validation_timer.timeout.connect(self.validate)
        self.autosave_timer = QTimer(self, interval=500)
        self.autosave_timer.timeout.connect(self.autosaver.poll)
        self.autosave_timer.start()
        from form4_desktop.gui.team_store import ServerWatch  # a team store's server may go and come back

        self.server_watch = ServerWatch(self)
        self.document.changed.connect(self._document_changed)
        self.document.typed.connect(self._document_typed)
        self.document.replaced.connect(self._document_replaced)
        self.document.undo_stack.cleanChanged.connect(self._clean_changed)
        self._refusal: tuple[str, set[str]] | None = None  # the refusal said last, and the boxes it was about
        self.editor.refused.connect(self.say_refused)  # the tables'
        self.editor.binder.refused.connect(self.say_refused)
        self.setStatusBar(MessageBar(self))
        self.status_label = QLabel()
        self.status_label.setObjectName("status_summary")
        self.status_label.setContentsMargins(16, 0, 4, 0)  # a long message never runs into the count
        self.statusBar().addPermanentWidget(self.status_label)
        self.clock_label = QLabel()
        self.clock_label.setObjectName("status_clock")
        self.clock_label.setToolTip(
            "EDGAR's clock: a Form 3, 4 or 5 sent by 10 p.m. Eastern on a business day is filed that day"
        )
        self.statusBar().addPermanentWidget(self.clock_label)
        self.clock_timer = QTimer(self, interval=60_000)
        self.clock_timer.timeout.connect(self.update_clock)
        self.clock_timer.start()
        self.store_label = QLabel(self.store_name() + (" (read-only)" if store.read_only is not None else ""))
        self.store_label.setObjectName("status_store")
        self.store_label.setContentsMargins(12, 0, 4, 0)  # apart from the clock's text
        self.store_label.setToolTip(f"The draft store: {store.path}")
        self.statusBar().addPermanentWidget(self.store_label)
        # Another window or program may change the store: its list is read again when it did (data_version).
        self._seen_version = self._store_version()
        self.refresh_timer = QTimer(self, interval=2000)
        self.refresh_timer.timeout.connect(self._refresh_if_changed)
        self.refresh_timer.start()
        # A moment after a change, what is committed moves from the -wal file into the store file, so that a
        # backup program copying the store file alone finds every saved draft.
        self.checkpoint_timer = QTimer(self, singleShot=True, interval=1000)
        self.checkpoint_timer.timeout.connect(self._checkpoint)
        self._restore_layout()
        self.load_new(new_filing())
        self.refresh_browser()

    def _finish_start(self) -> None:
        """What the start leaves for after the window's first paint: the first check of the draft shown, and the
        editor's tabs not shown at first (Table I, Table II, Footnotes & Remarks, Signatures)."""
        if self._first_check_left:  # (not if another draft was shown and checked meanwhile)
            self.validate()
        self.editor.build_rest()
        self.started = True
        self.start_finished.emit()

    # -- building ----------------------------------------------------------------------------------------
    def _build_browser(self) -> None:
        self.drafts_model = DraftListModel(self)
        self.browser = QTableView()
        self.browser.setObjectName("draft_browser")
        self.browser.setModel(self.drafts_model)
        self.browser.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.browser.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.browser.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.browser.verticalHeader().hide()
        header = self.browser.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the issuer takes the room there is
        header.setStretchLastSection(False)
        self.browser.setColumnHidden(6, True)  # the last change is in each row's tooltip
        # Every heading reads whole, and so does every name and date: each column is as wide as its heading (with
        # the sort arrow when the list is sorted by it) or its widest content (_fit_columns); an issuer's name too
        # long for one line goes on to a second (each row has room for two), never cut.
        cells = self.browser.fontMetrics()
        self._headings = [header.sectionSizeHint(column) for column in range(DraftListModel.NUMBER + 1)]
        self.browser.setWordWrap(True)
        self.browser.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Rows of one line while every name fits on one, else of two (`_place_owner`).
        self._row_heights = (self.browser.verticalHeader().defaultSectionSize(), 2 * cells.lineSpacing() + 8)
        self.browser.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the issuer gives way
        self._list_needs = 0  # the width the list needs to show every name whole, when the dock was last fitted
        self._placing = False
        header.sectionResized.connect(lambda column, *_: column == 1 and self._place_owner())
        # The list keeps the order the user last chose (a click on a heading), here and at the next start; at
        # first the newest period first, never the order the drafts happened to be imported in.
        column, order = self._saved_sort()
        header.setSortIndicator(column, order)
        self.browser.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self._fit_columns()
        self.browser.doubleClicked.connect(self._open_from_list)
        self.browser.activated.connect(self._open_from_list)
        # A row chosen (a click, the arrow keys) opens its draft: the row selected is always the open draft, the
        # one the Draft menu acts on. On the next turn of the event loop, once the click is done: a question
        # about unsaved changes must not come in the middle of it.
        self.browser.selectionModel().currentRowChanged.connect(lambda *_: QTimer.singleShot(0, self._open_chosen))
        self.search = QLineEdit()
        self.search.setObjectName("draft_search")
        self.search.setPlaceholderText("Find: owner, issuer, ticker or CIK")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _: self.refresh_browser(changed=False))
        self.trash_button = QPushButton("Trash")
        self.trash_button.setObjectName("trash_button")
        self.trash_button.setCheckable(True)
        self.trash_button.setToolTip("Show the drafts in the trash (restore or empty it)")
        self.trash_button.toggled.connect(lambda _: self.refresh_browser(changed=False))
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.trash_button)
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.browser)
        dock = QDockWidget("Drafts", self)
        dock.setObjectName("drafts_dock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        dock.setWidget(panel)
        dock.setMinimumWidth(300)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        self.browser_dock = dock

    def _saved_sort(self) -> tuple[int, Qt.SortOrder]:
        saved = str(self.settings.value("drafts/sort", "") or "")
        column, _, order = saved.partition(" ")
        if column.isdigit() and int(column) <= DraftListModel.NUMBER and order in ("ascending", "descending"):
            return int(column), (Qt.SortOrder.AscendingOrder if order == "ascending" else Qt.SortOrder.DescendingOrder)
        return DraftListModel.DEFAULT_SORT

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        said = "ascending" if order == Qt.SortOrder.AscendingOrder else "descending"
        self.settings.setValue("drafts/sort", f"{column} {said}")
        self._fit_columns()  # the heading sorted by shows its arrow beside its text
        self.browser.scrollTo(self.browser.currentIndex())  # the draft selected stays in sight

    def _fit_columns(self) -> None:
        """Every name and heading in the list read whole (not only in a tooltip): the owner, form, period, status
        and number as wide as their widest content or heading; the issuer, which takes the room left, needs at
        least as much as its longest name takes on two lines. `browser_width` is the list's width with every name
        on one line, with its frame, scroll bar and margins (the dock is made that wide when the window allows)."""
        cells = self.browser.fontMetrics()
        header = self.browser.horizontalHeader()
        rows = self.drafts_model.rows
        arrow = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize) + 2 * header.style().pixelMetric(
            QStyle.PixelMetric.PM_HeaderMargin
        )

        def heading(column: int) -> int:
            return self._headings[column] + (arrow if header.sortIndicatorSection() == column else 0)

        margins = 10  # the cell's text margins, and a little air
        widest = {
            2: cells.horizontalAdvance("4/A"),
            3: cells.horizontalAdvance("00/00/0000"),
            4: cells.horizontalAdvance("draft"),
            5: cells.horizontalAdvance("0" * max(4, len(str(max((row.id for row in rows), default=0))))),
        }
        for column, width in widest.items():
            self.browser.setColumnWidth(column, max(heading(column), width + margins))
        owners = {row.reporting_owner for row in rows}
        # The owner on one line when there is room (`_place_owner`), else on two; the issuer on two at most.
        self._owner_widths = (
            heading(0),
            max((cells.horizontalAdvance(name) + margins for name in owners), default=0),
            max((two_line_width(cells, name) + margins for name in owners), default=0),
        )
        issuers = {row.issuer for row in rows}
        self._issuer_needs = max([heading(1)] + [two_line_width(cells, name) + margins for name in issuers])
        self._issuer_line = max((cells.horizontalAdvance(name) + margins for name in issuers), default=0)
        scroll_bar = self.browser.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        fixed = sum(self.browser.columnWidth(column) for column in widest)
        # Wide enough for every name on one line; the most the window can give is less at times (then they wrap).
        owner = max(self._owner_widths[:2])
        issuer = max(self._issuer_needs, self._issuer_line)
        self.browser_width = fixed + owner + issuer + scroll_bar + 2 * self.browser.frameWidth() + 10
        self._place_owner()

    def _place_owner(self, *_) -> None:
        """The owner's column: its names on one line when the issuer's can still be read whole beside it on two,
        else the owner's on two as well; the issuer's column takes the rest (it stretches)."""
        if self._placing or not hasattr(self, "_owner_widths"):
            return
        heading, one_line, two_lines = self._owner_widths
        fixed = sum(self.browser.columnWidth(column) for column in range(2, DraftListModel.NUMBER + 1))
        room = self.browser.viewport().width() - fixed
        self._placing = True
        try:
            owner = max(heading, min(one_line, max(two_lines, room - self._issuer_needs)))
            self.browser.setColumnWidth(0, owner)
            one = owner >= one_line and room - owner >= self._issuer_line
            self.browser.verticalHeader().setDefaultSectionSize(self._row_heights[0 if one else 1])
        finally:
            self._placing = False

    def _fit_dock(self, *, first: bool = False) -> None:
        """Widen the list, up to 45% of the window, when the names it shows need more than it has: at the first
        show (also over a width kept from an earlier start) and when longer names come (an import). Never made
        narrower: a list the user widened stays so; one narrowed stays so until longer names come."""
        needed = self.browser_width
        if not first and needed <= self._list_needs:
            return
        self._list_needs = needed
        wanted = min(needed, self.width() * 45 // 100)
        if first and not getattr(self, "_restored_layout", False):
            wanted = max(wanted, self.width() * 3 // 10)
        if self.browser_dock.width() < wanted:
            self.resizeDocks([self.browser_dock], [wanted], Qt.Orientation.Horizontal)

    def _build_elsewhere_strip(self) -> None:
        """Above the form, a strip that says at once that the open draft was changed (or trashed, or deleted for
        good) in another window or program, by whom and when, with what the user can do; nothing typed is lost."""
        self.elsewhere = QFrame()
        self.elsewhere.setObjectName("changed_elsewhere")
        self.elsewhere.setStyleSheet(
            "QFrame#changed_elsewhere { background: #fde7e9; border: 1px solid #d13438; }QLabel { color: #4a0b0f; }"
        )
        self.elsewhere_text = QLabel()
        self.elsewhere_text.setObjectName("changed_elsewhere_text")
        self.elsewhere_text.setWordWrap(True)
        self.elsewhere_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.elsewhere_reopen = QPushButton("Reopen")
        self.elsewhere_reopen.setObjectName("changed_elsewhere_reopen")
        self.elsewhere_reopen.setToolTip("Show the draft as it is now in the store (your changes here are dropped)")
        self.elsewhere_reopen.clicked.connect(lambda: self.act("Not reopened", self.reopen))
        self.elsewhere_copy = QPushButton("Save as Copy")
        self.elsewhere_copy.setObjectName("changed_elsewhere_copy")
        self.elsewhere_copy.setToolTip("Keep what this window shows as a new draft")
        self.elsewhere_copy.clicked.connect(lambda: self.act("Not saved", self._copy_changed_elsewhere))
        layout = QHBoxLayout(self.elsewhere)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.elsewhere_text, 1)
        layout.addWidget(self.elsewhere_reopen, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.elsewhere_copy, 0, Qt.AlignmentFlag.AlignVCenter)
        self.elsewhere.hide()
        self.elsewhere_state: str | None = None  # "changed", "ccc", "filed", "trashed", "gone"

    def _build_findings(self) -> None:
        self.findings_model = FindingsModel(self)
        self.findings_view = QListView()
        self.findings_view.setObjectName("findings_view")
        self.findings_view.setModel(self.findings_model)
        self.findings_view.setWordWrap(True)
        self.findings_view.clicked.connect(self.go_to_finding)
        self.findings_view.activated.connect(self.go_to_finding)
        dock = QDockWidget("Findings", self)
        dock.setObjectName("findings_dock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        dock.setWidget(self.findings_view)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self.resizeDocks([dock], [150], Qt.Orientation.Vertical)
        self.findings_dock = dock

    def act(self, title: str, handler):
        """Run a user's action: a failure shows one sentence titled `title` and is logged, never lost."""
        return run_action(self, title, handler)

    def _action(
        self,
        menu,
        text: str,
        handler,
        shortcut=None,
        name: str | None = None,
        tip: str = "",
        failure: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        title = failure or f"{text.replace('&', '').rstrip('…')} did not work"
        action.triggered.connect(lambda checked=False: self.act(title, handler))
        action.setObjectName(name or text)
        menu.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self.new_action = self._action(
            file,
            "&New Form 4",
            self.new_draft,
            QKeySequence.StandardKey.New,
            "new",
            "A new Form 4: changes in beneficial ownership",
        )
        self._action(
            file,
            "New Form &3",
            lambda: self.new_draft("3"),
            None,
            "new_form3",
            "A new Form 3: the initial statement, when someone becomes an insider",
        )
        self._action(
            file,
            "New Form &5",
            lambda: self.new_draft("5"),
            None,
            "new_form5",
            "A new Form 5: the annual statement, after the issuer's fiscal year",
        )
        self._action(
            file,
            "&Open EDGAR XML…",
            self.open_xml_file,
            QKeySequence.StandardKey.Open,
            "open",
            "Import an EDGAR ownership XML file into the store and open it",
            "Cannot open the file",
        )
        self._action(
            file,
            "&Import Folder…",
            self.import_folder,
            "Ctrl+Shift+O",
            "import_folder",
            "Import every EDGAR XML file in a folder and its subfolders (an insider's past filings) into the store",
            "Not imported",
        )
        self.recent_menu = file.addMenu("Recent drafts")
        self.recent_menu.aboutToShow.connect(lambda: self.act("Cannot list the drafts", self._fill_recent))
        self.save_action = self._action(
            file, "&Save", self.save, QKeySequence.StandardKey.Save, "save", failure="Not saved"
        )
        self._action(
            file,
            "Save as &Copy",
            self.save_copy,
            "Ctrl+Shift+S",
            "save_copy",
            "Save what this window shows as a new draft, leaving the draft it came from as it is in the store",
            "Not saved",
        )
        file.addSeparator()
        self._action(
            file,
            "New S&tore…",
            lambda: self.open_store_window(new=True),
            None,
            "new_store",
            "Start a new, empty draft store file, in a new window",
            "No new store",
        )
        self._action(
            file,
            "Open Sto&re…",
            lambda: self.open_store_window(new=False),
            None,
            "open_store",
            "Open another draft store file (a colleague's copy, a backup), in a new window",
            "Store not opened",
        )
        self.recent_stores_menu = file.addMenu("Recent Stores")
        self.recent_stores_menu.setObjectName("recent_stores")
        self.recent_stores_menu.aboutToShow.connect(
            lambda: self.act("Cannot list the stores", self._fill_recent_stores)
        )
        self._action(
            file,
            "Connect to Tea&m Store…",
            self.connect_team_store,
            None,
            "connect_team_store",
            "Open your office's team store (PostgreSQL) in a new window",
            "Not connected",
        )
        file.addSeparator()
        self._action(
            file,
            "Export &submission XML…",
            lambda: self.export_xml(Copy.SUBMISSION),
            None,
            "export_submission",
            "The XML to send to EDGAR (with the CCC)",
            "Not exported",
        )
        self._action(
            file,
            "Export &record XML…",
            lambda: self.export_xml(Copy.RECORD),
            None,
            "export_record",
            "The XML as EDGAR disseminates it (no CCC)",
            "Not exported",
        )
        self._action(file, "Export P&DF…", self.export_pdf, None, "export_pdf", failure="Not exported")
        file.addSeparator()
        self._action(file, "Print pre&view…", self.print_preview, "Ctrl+Shift+P", "preview", failure="No preview")
        self._action(file, "&Print…", self.print_form, QKeySequence.StandardKey.Print, "print", failure="Not printed")
        file.addSeparator()
        self._action(
            file,
            "Back &Up Store…",
            self.backup_store,
            None,
            "backup_store",
            "Copy the whole store, with every saved draft, into one new file (safe while the app has it open)",
            "Not backed up",
        )
        self._action(
            file,
            "R&escue Drafts…",
            self.rescue,
            None,
            "rescue",
            "Write every draft the store can still read into a folder, as XML (for a damaged store)",
            "Nothing rescued",
        )
        self._action(
            file,
            "Address &Book…",
            self.address_book,
            None,
            "address_book",
            "The reporting persons kept for new drafts: remove one, or forget a CCC",
            "Address book",
        )
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit, "quit")
        edit = bar.addMenu("&Edit")
        stack = self.document.undo_stack
        undo = self._action(edit, "&Undo", lambda: self.undo_redo(undo=True), QKeySequence.StandardKey.Undo, "undo")
        redo = self._action(edit, "&Redo", lambda: self.undo_redo(undo=False), QKeySequence.StandardKey.Redo, "redo")
        undo.setEnabled(False)
        redo.setEnabled(False)
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)
        stack.undoTextChanged.connect(lambda text: undo.setText(f"&Undo {text}".strip()))
        stack.redoTextChanged.connect(lambda text: redo.setText(f"&Redo {text}".strip()))
        edit.addSeparator()
        self._action(edit, "&Find drafts", self.find, QKeySequence.StandardKey.Find, "find")
        draft = bar.addMenu("&Draft")
        draft.aboutToShow.connect(self._name_draft_actions)
        self._action(
            draft,
            "&Check Now",
            self.check_now,
            "F7",
            "check",
            "Every finding of the open draft, with the boxes a new draft still has to fill as errors",
            "Not checked",
        )
        draft.addSeparator()
        self._action(draft, "&Duplicate", self.duplicate, "Ctrl+D", "duplicate", failure="Not duplicated")
        self._action(draft, "De&lete (to trash)", self.delete, None, "delete", failure="Not deleted")
        self._action(draft, "&Restore from trash", self.restore, None, "restore", failure="Not restored")
        self._action(draft, "&Empty trash…", self.empty_trash, None, "empty_trash", failure="Trash not emptied")
        draft.addSeparator()
        self._action(
            draft,
            "Mark &filed…",
            self.mark_filed,
            None,
            "mark_filed",
            "Record the filing date (and accession number) and freeze the draft",
            "Not marked filed",
        )
        self._action(
            draft,
            "&Amend…",
            self.amend,
            "Ctrl+Shift+A",
            "amend",
            "Make a linked amendment (4/A) of a filed form",
            "Not amended",
        )
        draft.addSeparator()
        self._action(
            draft,
            "&Insider View…",
            self.insider_view,
            "Ctrl+I",
            "insider_view",
            "An insider's positions, filing history and a chart of each position, from the forms in the store",
            "No insider view",
        )
        self._action(
            draft,
            "&History…",
            self.history,
            None,
            "history",
            "See what changed in each version, and restore one",
            "No history",
        )
        compliance_menu = bar.addMenu("&Compliance")
        self._action(
            compliance_menu,
            "&Deadlines…",
            self.deadlines,
            "Ctrl+Shift+L",
            "deadlines",
            "Every unfiled draft with its due date and time left on the New York clock, overdue first",
            "No deadlines",
        )
        self._action(
            compliance_menu,
            "Item 405 &register…",
            self.item405_register,
            None,
            "item405_register",
            "Late reports, late transactions and failures to file per issuer and fiscal year, and the Form 5 sweep",
            "No register",
        )
        self._action(
            compliance_menu,
            "&Short-swing profit (16(b))…",
            self.short_swing,
            None,
            "short_swing",
            "An owner's purchases and sales less than six months apart and the profit, and a pre-clearance what-if",
            "No short-swing report",
        )
        if self.store.read_only is not None:
            # Nothing that would change the store is offered: each would only be refused.
            for name in WRITING_ACTIONS:
                found = self.findChild(QAction, name)
                if found is not None:
                    found.setEnabled(False)
                    found.setToolTip(self.store.read_only.opened())

    # -- settings: the window's size, its docks and the folders last used -----------------------------------
    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            state = self.settings.value("window/state")
            if isinstance(state, QByteArray):
                self.restoreState(state)
            # The list's width kept from an earlier start is widened at the first show when its names need more.
            self._restored_layout = True
            return
        screen = QApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        if available is None or available.width() < 100:
            self.resize(1280, 800)
            return
        # The whole window, frame and title bar included, fits the screen: 1280x800 must show the status bar.
        width, height = min(1280, available.width() - 16), min(800, available.height() - 48)
        self.resize(width, height)
        self.move(available.left() + (available.width() - width) // 2, available.top() + 8)

    def _save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()

    def folder(self, kind: str) -> str:
        return folder_for(self.settings, kind)

    def remember_folder(self, kind: str, path: str) -> None:
        self.settings.setValue(f"folders/{kind}", os.path.dirname(os.path.abspath(path)))

    # -- editing -----------------------------------------------------------------------------------------
    def undo_redo(self, undo: bool) -> None:
        """Undo or redo one edit, and show the box it changed (it may be on another tab)."""
        stack = self.document.undo_stack
        index = stack.index() - 1 if undo else stack.index()
        if not 0 <= index < stack.count():
            return
        command = stack.command(index)
        self._undoing = True
        try:
            stack.undo() if undo else stack.redo()
        finally:
            self._undoing = False
        path = getattr(command, "path", None)
        if path:
            self.editor.go_to(path)
        self.say(f"{'Undone' if undo else 'Redone'}: {command.text()}")

    def commit_typing(self) -> None:
        """Take what is being typed (a field, a table box) before saving, printing, exporting or closing."""
        focused = QApplication.focusWidget()
        if focused is None:
            return
        if focused in self.editor.binder.commits:
            self.editor.binder.commit(focused)
            return
        for table in (self.editor.table_i, self.editor.table_ii):
            if table.view.isAncestorOf(focused) and table.view.state() == QAbstractItemView.State.EditingState:
                parent = focused.parent()  # a date box's line sits in its DateEditor, the editor the view knows
                editor = focused if parent is table.view.viewport() else parent
                table.delegate.commitData.emit(editor)
                table.delegate.closeEditor.emit(editor, table.delegate.EndEditHint.NoHint)

    def require_taken(self, what: str) -> None:
        """Refuse (NotTaken) while a box holds typed text that cannot be taken: `what` is "saved", "printed".
        Before anything is saved, printed or exported, every finding shows as what it is (none "to fill")."""
        if self.untouched:
            self.untouched = False
            self.validate()
        refused = self.document.refused_inputs()
        if refused:
            path, label, problem = refused[0]
            more = f" (and {len(refused) - 1} more box{'es' if len(refused) > 2 else ''})" if len(refused) > 1 else ""
            self.editor.go_to(paths.box_path(path))
            raise NotTaken(
                f"Nothing was {what}: {label}{more} holds text that is not taken — {problem} Correct it "
                "or clear it first."
            )

    # -- status ------------------------------------------------------------------------------------------
    def say(self, message: str) -> None:
        """A message in the status bar, read whole (it wraps when long) and kept in the log; a long one stays
        longer, about as long as it takes to read."""
        log.info("said: %s", message)
        self.statusBar().showMessage(message, min(20_000, max(8000, 60 * len(message))))

    def say_refused(self, message: str) -> None:
        """Say why what was typed was not taken; the sentence goes once the box is corrected or cleared."""
        self._refusal = (message, {path for path, _, _ in self.document.refused_inputs()})
        self.say(message)

    def _clear_refusal(self) -> None:
        """The box a refusal was about no longer holds what was refused (corrected, cleared, or, refused while
        still being typed, taken since): the refusal leaves the status bar, which no longer says what is not so."""
        if self._refusal is None:
            return
        message, boxes = self._refusal
        if boxes & {path for path, _, _ in self.document.refused_inputs()}:
            return
        self._refusal = None
        if self.statusBar().currentMessage() == message:
            self.statusBar().clearMessage()

    def _update_title(self) -> None:
        filing = self.document.filing
        who = filing.reporting_owners[0].name if filing.reporting_owners and filing.reporting_owners[0].name else ""
        what = (
            f"Form {filing.document_type}"
            + (f" — {who}" if who else "")
            + (f" — {filing.issuer.trading_symbol}" if filing.issuer.trading_symbol else "")
        )
        if self.document.draft_id is not None:  # the number the list's Draft column and the Draft menu give
            what += f" (draft {self.document.draft_id})"
        state = f" [filed {self._filed_text()}, read-only]" if self.document.status == "filed" else ""
        store = " (read-only)" if self.store.read_only is not None else ""
        self.setWindowTitle(
            f"{what}{state}{' *' if self.document.modified else ''} — Form 4 Desktop — {self.store_name()}{store}"
        )

    def store_name(self) -> str:
        """The store as the title bar names it: a file's name (the status bar's tip gives its whole path)."""
        path = self.store.path
        return path if is_url(path) else os.path.basename(path)

    def _store_version(self) -> int | None:
        try:
            return self.store.data_version()
        except StoreError:
            return None

    def _refresh_if_changed(self) -> None:
        """Read the draft list again when another window or program changed the store since it was read."""
        version = self._store_version()
        if version is not None and version != self._seen_version:
            self._seen_version = version
            self.refresh_browser()

    def store_changed(self) -> None:
        """This window changed the store: its list is read again, the other windows of this program (which
        may share its connection, so data_version does not tell them) are told, and a checkpoint follows."""
        self.refresh_browser()
        for other in QApplication.topLevelWidgets():
            if isinstance(other, MainWindow) and other is not self and other.store is self.store:
                other.refresh_browser()
        if self.store.read_only is None:
            self.checkpoint_timer.start()

    def _checkpoint(self) -> None:
        try:
            self.store.checkpoint()
        except StoreError as error:  # busy (a reader) or gone: the next change tries again; nothing is lost
            log.info("checkpoint not done: %s", error)
        if getattr(self.store, "wal_holds_forgotten", False):  # a reader kept a forgotten CCC in the -wal file
            self.checkpoint_timer.start()  # tried again, without waiting, until that reader is gone

    def _filed_text(self) -> str:
        filed = self.document.filed_on
        return f"on {format_date(date.fromisoformat(filed))}" if filed else ""

    def load_new(self, filing: Filing) -> None:
        """Show `filing` as a new draft, its empty boxes "to fill" until the user edits it (see `untouched`)."""
        self._loading_new = True
        try:
            self.document.load(filing, None, None)
        finally:
            self._loading_new = False

    def check_now(self) -> None:
        """Draft ▸ Check: every finding as what it is, the boxes still to fill of a new draft as errors."""
        self.commit_typing()
        self.untouched = False
        self.validate()
        self.say(f"Checked: {self.status_text}.")

    def _document_changed(self, path: str) -> None:
        self.untouched = False
        self._clear_refusal()
        # Only a row's shares or (A)/(D) can call for a proposal; an undo or redo replays the user's own steps.
        if not self._undoing and path.endswith(("].shares.value", "].acquired_disposed.value")):
            QTimer.singleShot(0, lambda: self._carry_forward(path))  # after the edit's own command is done
        # (While an edit is being pushed the undo stack still says "clean": an undo back to the saved draft
        # clears the recovery entry through cleanChanged instead.)
        self.validation_timer.start()
        self.autosaver.changed(self.document.effective_filing(), self.document.draft_id, self.document.version)
        self._update_title()

    def _document_typed(self, path: str) -> None:
        self.untouched = False
        self._clear_refusal()
        self.validation_timer.start()
        if self.document.modified:
            self.autosaver.changed(self.document.effective_filing(), self.document.draft_id, self.document.version)
        else:
            self.autosaver.saved()  # typed back to what is saved: nothing to recover
        self._update_title()

    def _clean_changed(self, clean: bool) -> None:
        if clean and not self.document.inputs:
            self.autosaver.saved()  # undone back to the saved draft: no recovery entry is left to offer
        self._update_title()

    def _document_replaced(self) -> None:
        self.untouched = self._loading_new and self.document.draft_id is None
        self.validate()
        self._update_title()
        self._update_banner()
        self.check_open_draft()
        if self.trash_button.isChecked():
            pass  # the trash's selection is the draft picked to restore
        elif self.document.draft_id is None:
            self._selected_open = None
            self._select_row_of(None)  # a new draft is in no row: none is selected
        elif self.document.draft_id != self._selected_open or not self._select_row_of(self.document.draft_id):
            self._select_open_draft()
        self._name_draft_actions()

    def check_open_draft(self) -> None:
        """Whether the open draft is still as it was opened: when the store says it was changed, marked filed,
        trashed or deleted for good elsewhere since, the strip above the form says so, naming who and when, with
        Reopen and Save as Copy. The window's draft, and whatever is typed, stays as it is until the user chooses."""
        draft_id = self.document.draft_id
        state, text = None, ""
        if draft_id is not None and self.document.version is not None:
            try:
                state, text = self._elsewhere(draft_id)
            except StoreError as error:  # the store cannot say now: the next change tries again
                log.info("the open draft's state cannot be read: %s", error)
                return
        self.elsewhere_state = state
        self.elsewhere_text.setText(text)
        self.elsewhere_reopen.setVisible(state in ("changed", "ccc", "filed"))
        self.elsewhere.setVisible(state is not None)

    def _elsewhere(self, draft_id: int) -> tuple[str | None, str]:
        """What happened to the open draft elsewhere since it was opened: (state, the strip's text)."""
        name = self._draft_name()
        modified = self.document.modified
        kept = "What you typed here is kept until you choose: " if modified else ""
        copy_ = "Save as Copy keeps " + ("your changes" if modified else "this window's version") + " as a new draft"
        try:
            now = self.store.summary(draft_id)
        except NotFoundError:
            return (
                "gone",
                f"{name} was deleted for good (the trash emptied in another window or program). {kept}{copy_}.",
            )
        if now.status == "filed" and self.document.status != "filed":
            return "filed", (
                f"{name} was marked filed in another window or program at {local_time(now.updated_at)}, so it can no "
                f"longer be changed. {kept}Reopen shows it as filed; {copy_}."
            )
        if now.version != self.document.version:
            last = self.store.history(draft_id)[0]
            by = last.saved_by.removesuffix(CCC_FORGOTTEN)
            who = f" by {by}" if by else ""
            when = local_time(last.saved_at)
            if last.saved_by.endswith(CCC_FORGOTTEN):
                return "ccc", (
                    f"The CCC of {name}'s reporting owner was forgotten (erased from the store){who} at {when}, so "
                    f"this window's version, which still holds it, cannot be saved. {kept}Reopen shows the draft "
                    f"without the CCC; {copy_}, without that CCC."
                )
            return "changed", (
                f"{name} was changed in another window or program{who} at {when} (it is now version {now.version}; "
                f"this window shows version {self.document.version}). {kept}Reopen shows the draft as it is now"
                + (" and drops your changes here" if modified else "")
                + f"; {copy_}."
            )
        if any(row.id == draft_id for row in self.store.list(trash=True)):
            return "trashed", (
                f"{name} was moved to the trash in another window or program. {kept}"
                + ("Save offers to restore it and save into it; " if modified else "")
                + f"{copy_}."
            )
        return None, ""

    def reopen(self) -> None:
        """The strip's Reopen: the open draft as it is now in the store, in place of this window's version (the
        user is asked first when that drops changes typed here)."""
        draft_id = self.document.draft_id
        if draft_id is None:
            return
        self.commit_typing()
        if self.document.modified and not self.document.read_only:
            answer = dialogs.ask(
                self,
                "Reopen",
                f"Reopen {self._draft_name()} as it is now in the store? The changes you made here and have not "
                "saved are dropped (Save as Copy keeps them as a new draft).",
                Button.Yes | Button.Cancel,
                Button.Cancel,
            )
            if answer != Button.Yes:
                return
        draft = self.store.open(draft_id)
        self.autosaver.saved()
        self.document.load(draft.filing, draft.id, draft.version, draft.status, draft.filed_on)
        self.say(f"{self._draft_name()} reopened as it is now in the store.")

    def _copy_changed_elsewhere(self) -> None:
        """The strip's Save as Copy: this window's draft as a new draft; a CCC forgotten meanwhile is left out."""
        self.save_copy(forget=self.elsewhere_state == "ccc", gone=self.elsewhere_state == "gone")

    def _update_banner(self) -> None:
        """The strip above the form: why what it shows cannot be changed, if it cannot."""
        if self.document.locked is not None:
            text = f"{self.document.locked} Export and print still work."
        elif self.document.status == "filed":
            text = f"Filed {self._filed_text()}: read-only. To correct it, use Draft ▸ Amend."
        else:
            text = ""
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def signing_day(self) -> date:
        """The date a signature made now bears: today in New York, EDGAR's calendar (never a day later than
        the filing day EDGAR gives, as the computer's own date can be abroad, and never a day that has not come
        yet, as the filing day is after 10 p.m. or on a weekend)."""
        return self.today or clock.new_york_today()

    def as_of(self) -> date:
        """The day EDGAR would file the draft if it were sent now (New York's clock: after 10 p.m. Eastern, the
        next business day)."""
        return self.today or clock.filing_day_now(self.calendar)

    def filed_on(self) -> date | None:
        """A filed draft's filing date, on which its timeliness is judged ("Filed on …, 2 business days late");
        None for a draft not filed."""
        if self.document.status == "filed" and self.document.filed_on:
            return date.fromisoformat(self.document.filed_on)
        return None

    def update_clock(self) -> None:
        """The status bar's clock: New York's time and, for the open draft, its deadline and the time left
        ("New York 5:36 p.m. — due Thu 11/26/2026 10 p.m. ET — 1 day 4 h left"); red when less than a day is left
        or EDGAR would file the draft after its due day. Read again each minute, on the minute, and on each edit."""
        moment = clock.new_york_now()
        text = clock.status(None, self.calendar, moment)
        due = None
        if self.document.status != "filed" and not (
            self.document.locked is not None and self.document.draft_id is None
        ):
            from form4_desktop.rules import due_date  # the rule engine: imported after the first paint

            due = due_date(self.document.effective_filing(), self.calendar)
        urgent = False
        if due is not None:
            day = due[0]
            text += f" — due {day:%a} {format_date(day)} 10 p.m. ET"
            left = datetime.combine(day, deadline_cutoff, tzinfo=new_york()) - moment
            if filing_day(moment, self.calendar) > day or left.total_seconds() <= 0:
                text += " — past due"
                urgent = True
            else:
                text += f" — {time_left_text(left)}"
                urgent = left.total_seconds() < 24 * 3600
        self.clock_label.setText(text)
        self.clock_label.setStyleSheet("color: #b00020; font-weight: bold" if urgent else "")
        # The next reading on the next minute, so that the minutes shown are never a minute behind.
        self.clock_timer.start(max(1000, (60 - moment.second) * 1000 - moment.microsecond // 1000 + 50))

    def validate(self) -> None:
        self.validation_timer.stop()
        if self._check_after_paint:  # the new draft's first check, at start: right after the first paint
            self._check_after_paint, self._first_check_left = False, True
            return
        self._first_check_left = False
        if self.document.locked is not None and self.document.draft_id is None:
            # No draft open in a store that can only be read: an empty form that cannot be typed in has nothing
            # worth listing as errors.
            self.findings = []
            self.findings_model.set_findings([])
            self.editor.show_findings([])
            self.status_text = "Store open for reading only: open a draft from the list"
            self.status_label.setText(self.status_text)
            self.update_clock()
            return
        from form4_desktop.app import documents

        filing = self.document.effective_filing()
        typed = typed_findings(self.document.refused_inputs())
        refused = {finding.field_path for finding in typed}
        # A box holding text that cannot be taken gets that one finding, not also "is required" for the old value.
        self.findings = [
            finding
            for finding in documents.check_filing(filing, self.as_of(), self.calendar, filed_on=self.filed_on())
            + self._continuity(filing)
            if paths.box_path(finding.field_path) not in refused
        ] + typed
        self.findings.sort(key=self._position)
        # An untouched new draft greets the user with the boxes to fill, not with a wall of red errors.
        to_fill = boxes_to_fill(filing, self.findings) if self.untouched else set()
        self.findings_model.set_findings(self.findings, to_fill)
        self.editor.show_findings([finding for finding in self.findings if finding not in to_fill])
        errors = sum(1 for finding in self.findings if finding.severity is Severity.ERROR and finding not in to_fill)
        warnings = sum(1 for finding in self.findings if finding.severity is Severity.WARNING)
        text = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
        if to_fill:
            text = f"{len(to_fill)} box{'es' if len(to_fill) != 1 else ''} to fill, {text}"
        self.status_text = text  # the due date and the time left are the clock's, beside it
        self.status_label.setText(text)  # a permanent part of the status bar: messages never hide it
        self.update_clock()

    def _ledger(self, filing: Filing):
        """The holdings ledger of the draft's owner and issuer, built once and kept until the store changes (a
        save, an import, a delete: refresh_browser forgets it)."""
        owner = next((owner.cik for owner in filing.reporting_owners if owner.cik), "")
        if not owner or not filing.issuer.cik:
            return None
        key = (owner, filing.issuer.cik, self.document.draft_id)
        if key not in self._ledgers:
            from form4_desktop.app import holdings

            try:
                ledger = holdings.ledger_of(self.store, owner, filing.issuer.cik, leave_out=self.document.draft_id)
                merges = self.store.title_merges(owner, filing.issuer.cik)
                trades = holdings.trades(
                    self.store, owner, filing.issuer.cik, leave_out=self.document.draft_id, pending=True
                )
            except StoreError as error:
                log.warning("the holdings ledger cannot be read: %s", error)
                return None
            self._ledgers[key] = (ledger, merges, trades)
        return self._ledgers[key]

    def _continuity(self, filing: Filing) -> list[Finding]:
        """HOLDINGS-CONTINUITY: the draft's first row of each position against what the owner's filings left;
        SHORT-SWING: its P and S rows against the owner's other trades less than six months away."""
        if self.document.status == "filed":
            return []  # a filed form is part of the ledger, not judged against it
        found = self._ledger(filing)
        if not found:
            return []
        ledger, merges, trades = found
        from form4_desktop.rules.continuity import continuity_findings
        from form4_desktop.rules.short_swing import short_swing_findings

        return continuity_findings(filing, ledger, merges) + short_swing_findings(
            filing, trades, self.document.draft_id
        )

    def _carry_forward(self, path: str) -> None:
        """A transaction row's shares (or A/D) typed while its "owned following" is empty: propose the position
        before it ± the shares, as its own undoable step (the user may overwrite it)."""
        name, row, rest = paths.split_item(path)
        if (
            name not in ("table_i", "table_ii")
            or row is None
            or rest not in ("shares.value", "acquired_disposed.value")
        ):
            return
        filing = self.document.filing
        item = getattr(filing, name)[row] if row < len(getattr(filing, name)) else None
        if (
            item is None
            or not hasattr(item, "shares")
            or (item.shares_owned_following is not None and item.shares_owned_following.value is not None)
        ):
            return
        if item.shares is None or item.shares.value is None or not item.acquired_disposed.value:
            return
        found = self._ledger(filing)
        from form4_desktop.model.holdings import propose_for_row

        proposal = propose_for_row(found[0], filing, name, row, found[1]) if found else None
        if proposal is not None:
            self.document.set(
                f"{name}[{row}].shares_owned_following.value",
                proposal,
                "Propose the amount owned following",
                merge=False,
            )
            self.say(
                f"Amount owned following proposed from the holdings ledger: {proposal:,} (overwrite it if "
                "it is not right)."
            )

    def _position(self, finding: Finding) -> tuple:
        """Findings in the order of the form: tab, row, column; information after the problems."""
        tab = self.editor.tab_of(finding.field_path)
        try:
            name, row, rest = paths.split_item(finding.field_path)
        except ValueError:
            name, row, rest = "", None, ""
        column = 0
        if name in ("table_i", "table_ii") and rest:
            column = column_of(list(forms.describe(self.document.filing.form).table(name).columns), rest) or 0
        return (finding.severity is Severity.INFO, tab, -1 if row is None else row, column, finding.severity.rank)

    def go_to_finding(self, index: QModelIndex) -> None:
        finding = index.data(Qt.ItemDataRole.UserRole)
        if finding is not None:
            self.editor.go_to(finding.field_path)

    # -- the browser -------------------------------------------------------------------------------------
    def _browser_id(self, index: QModelIndex) -> int | None:
        return (
            self.drafts_model.data(self.drafts_model.index(index.row(), 0), Qt.ItemDataRole.UserRole)
            if index.isValid()
            else None
        )

    def selected_id(self) -> int | None:
        return self._browser_id(self.browser.currentIndex())

    def _open_chosen(self) -> None:
        """The row chosen in the list opens; when the open draft's changes are kept instead (Cancel), the
        selection goes back to the open draft. In the trash, a row is only picked (to restore)."""
        chosen = self.selected_id()
        if self.trash_button.isChecked() or chosen is None or chosen == self.document.draft_id:
            return
        if not self.act("Cannot open the draft", lambda: self.open_draft(chosen)):
            self._select_row_of(self.document.draft_id)

    def _open_from_list(self, index: QModelIndex) -> None:
        """A double-click or Enter on a row: its draft opens (the open draft's own row: nothing to do)."""
        draft_id = self._browser_id(index)
        if draft_id != self.document.draft_id or self.trash_button.isChecked():
            self.act("Cannot open the draft", lambda: self.open_draft(draft_id))

    def refresh_browser(self, *, changed: bool = True) -> None:
        """Read the list of drafts again; `changed`: because the store changed (here or elsewhere), when the open
        draft may have changed too (not when the user only searches, or shows the trash)."""
        self._ledgers.clear()  # the store changed: the holdings ledger is read again when next needed
        try:
            rows = self.store.list(self.search.text(), trash=self.trash_button.isChecked(), limit=2000)
        except StoreError as error:
            log.warning("listing drafts failed: %s", error)
            self.say(str(error))
            return
        if changed:
            self.check_open_draft()
        if rows == self.drafts_model.listed:
            return  # nothing changed in the list: the view is left exactly as it is
        # The list is read again under the user's eyes: the open draft stays selected (in the trash, the draft
        # picked to restore), the scroll where it was; a draft the window has just come to show is scrolled to.
        selected = self.selected_id() if self.trash_button.isChecked() else self.document.draft_id
        scroll = self.browser.verticalScrollBar().value()
        self.drafts_model.set_rows(rows)
        self._fit_columns()
        if self._list_needs:  # once shown: longer names widen the list (up to a point)
            self._fit_dock()
        if (
            self.trash_button.isChecked()
            or self.document.draft_id == self._selected_open
            or not self._select_open_draft()
        ):
            self._select_row_of(selected)
            self.browser.verticalScrollBar().setValue(scroll)

    def _select_row_of(self, draft_id: int | None) -> bool:
        """Select the row of `draft_id`; none when it is not listed (a new draft, one the search leaves out)."""
        for number, row in enumerate(self.drafts_model.rows):
            if row.id == draft_id:
                self.browser.selectionModel().setCurrentIndex(
                    self.drafts_model.index(number, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
                return True
        self.browser.selectionModel().clear()
        return False

    def _select_open_draft(self) -> bool:
        """Select (and show) the open draft in the list, once each time the window comes to show another."""
        if self.document.draft_id is None or not self._select_row_of(self.document.draft_id):
            return False
        self._selected_open = self.document.draft_id
        self.browser.scrollTo(self.browser.currentIndex())
        return True

    def find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- open, save, new ---------------------------------------------------------------------------------
    def confirm_discard(self) -> bool:
        """Ask before unsaved changes are left; True when it is fine to go on."""
        self.commit_typing()
        if not self.document.modified or self.document.read_only:
            return True
        answer = dialogs.ask(
            self,
            "Unsaved changes",
            f"{self._draft_name()} has changes that are not saved. Save them first?",
            Button.Save | Button.Discard | Button.Cancel,
            Button.Save,
        )
        if answer == Button.Save:
            return bool(self.act("Not saved", self.save))
        if answer == Button.Discard:
            self.autosaver.saved()
            return True
        return False

    def _draft_name(self, filing: Filing | None = None, draft_id: int | None = None) -> str:
        filing = filing or self.document.filing
        draft_id = self.document.draft_id if filing is self.document.filing and draft_id is None else draft_id
        who = filing.reporting_owners[0].name if filing.reporting_owners and filing.reporting_owners[0].name else ""
        parts = [f"Form {filing.document_type}", who, filing.issuer.trading_symbol or ""]
        name = " — ".join(part for part in parts if part)
        return f"{name} (draft {draft_id})" if draft_id else f"The new draft {name}" if who else "The new draft"

    def new_draft(self, form: str = "4") -> None:
        if not self.confirm_discard():
            return
        filing = new_filing(form)
        known = self.store.known_owners()
        issuers = self.store.known_issuers()
        if known or issuers:
            offered = self._offer_address_book(filing, known, issuers)
            if offered is None:
                return  # Escape on a question cancels the new draft
            filing = offered
        self.load_new(filing)
        self.editor.setCurrentIndex(0)
        self.editor.filing_tab.period.setFocus()

    def _offer_address_book(self, filing, owners: list[ReportingOwner], issuers) -> Filing | None:
        """A new draft offers the reporting owners and issuers of earlier drafts."""
        if issuers:
            names = ["(new issuer)"] + [
                f"{i.name or i.trading_symbol} [{i.trading_symbol}] CIK {i.cik}" for i in issuers
            ]
            choice = dialogs.choose(self, f"New Form {filing.form}", "Issuer:", names)
            if choice is None:
                return None
            if choice:
                filing.issuer = issuers[choice - 1]
        if owners:
            names = ["(new reporting person)"] + [f"{o.name or ''} CIK {o.cik}" for o in owners]
            choice = dialogs.choose(self, f"New Form {filing.form}", "Reporting person:", names)
            if choice is None:
                return None
            if choice:
                owner = owners[choice - 1]
                filing.reporting_owners = [owner]
                filing.signatures = [Signature(conformed_signature(owner.name or ""), self.signing_day())]
        return filing

    def open_draft(self, draft_id: int | None) -> bool:
        if draft_id is None or not self.confirm_discard():
            return False
        draft = self.store.open(draft_id)
        self.document.load(draft.filing, draft.id, draft.version, draft.status, draft.filed_on)
        return True  # a draft that cannot be changed says why in the strip above the form

    def open_xml_file(self) -> None:
        path = dialogs.open_file(self, "Open EDGAR XML", self.folder("open"), "EDGAR XML (*.xml);;All files (*)")
        if path:
            self.remember_folder("open", path)
            self.import_file(path)

    def import_folder(self, folder: str | None = None) -> None:
        """Import a whole folder (`folder`, else the one the user picks), recursively, with a progress bar; a file
        already in the store is skipped."""
        if folder is None:
            folder = dialogs.folder(self, "Import a folder of EDGAR XML files", self.folder("open"))
        if folder is None:
            return
        self.settings.setValue("folders/open", folder)
        progress = QProgressDialog("Importing…", "Stop", 0, 0, self)
        progress.setWindowTitle("Import folder")
        progress.setMinimumDuration(300)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        new = already = 0
        unreadable: list[str] = []

        def step(done: int, total: int, path: str) -> None:
            progress.setMaximum(total)
            progress.setValue(done)
            progress.setLabelText(f"{done} of {total}: {os.path.basename(path)}")
            QApplication.processEvents()

        from form4_desktop.app import holdings

        try:
            for result in holdings.import_folder(self.store, folder, step):
                if result.imported is None:
                    unreadable.append(f"{os.path.basename(result.path)}: {result.problem}")
                elif result.imported.new:
                    new += 1
                else:
                    already += 1
                if progress.wasCanceled():
                    break
        finally:
            progress.close()
            self.store_changed()
        text = f"{new} file{'s' if new != 1 else ''} imported; {already} already in the store (skipped)"
        if unreadable:
            text += f"; {len(unreadable)} could not be read:\n" + "\n".join(unreadable[:10])
            if len(unreadable) > 10:
                text += f"\n… and {len(unreadable) - 10} more (the log lists them)"
            log.warning("unreadable files in %s: %s", folder, unreadable)
        dialogs.tell(self, "Folder imported", text + ".", "warning" if unreadable else "information")

    def import_file(self, path: str) -> int | None:
        result = import_xml(self.store, path)
        self.store_changed()
        self.open_draft(result.draft_id)
        if not result.new:
            self.say(f"{os.path.basename(path)} is already in the store as draft {result.draft_id}: opened it.")
        return result.draft_id

    def save(self) -> bool:
        self.commit_typing()
        if self.document.locked is not None:
            raise UserError(f"Not saved: {self.store.read_only.refused() if self.store.read_only else ''}")
        if self.document.read_only:
            raise UserError(
                f"Not saved: this form was filed {self._filed_text()}, so it is read-only; use Draft ▸ "
                "Amend to correct it."
            )
        self.require_taken("saved")
        if self.document.draft_id is None:
            self.document.draft_id = self.store.create(self.document.filing)
            self.document.version = 1
        else:
            try:
                self.document.version = self.store.save(
                    self.document.draft_id, self.document.filing, self.document.version
                )
            except (ConflictError, NotFoundError) as error:
                # Changed, or deleted for good, elsewhere since it was opened: never saved over; the user keeps
                # their work as a new draft, or takes the store's version (or stays as they are).
                gone = isinstance(error, NotFoundError)
                if gone:
                    text = (
                        f"{self._draft_name()} is no longer in the store: it was deleted for good (the trash "
                        "emptied in another window or program) since you opened it.\n\nSave as Copy keeps your "
                        "changes as a new draft; Discard drops them."
                    )
                else:
                    text = (
                        f"{error}\n\nSave as Copy keeps your changes as a new draft; Reopen shows the draft as it "
                        "is now in the store and drops your changes."
                    )
                choice = dialogs.pick(
                    self, "Not saved", text, ["Save as Copy", "Discard" if gone else "Reopen", "Cancel"]
                )
                if choice == 0:
                    # A CCC forgotten meanwhile stays forgotten: the copy leaves it out (the user types it again
                    # if they mean to).
                    return self.save_copy(forget=isinstance(error, CccForgottenError), gone=gone)
                if choice == 1:
                    draft_id = self.document.draft_id
                    self.document.load(new_filing(), None, None)  # the user chose to drop the changes
                    self.autosaver.saved()
                    if not gone:
                        self.open_draft(draft_id)
                    self.store_changed()
                    return False
                raise UserError(
                    f"Not saved: {self._draft_name()} "
                    + ("is no longer in the store" if gone else "changed elsewhere")
                    + "; your changes are still here (File ▸ Save as Copy keeps them as a new draft)."
                ) from None
            except TrashedError:
                # Trashed in another window or program since it was opened: a save into it would vanish when
                # the trash is emptied, so it is restored first if the user agrees, or the work becomes a new draft.
                choice = dialogs.pick(
                    self,
                    "Draft in the trash",
                    f"{self._draft_name()} was moved to the trash (in another window or program) since you "
                    "opened it.\n\nRestore and Save takes it out of the trash and saves your changes into it; Save "
                    "as Copy keeps your changes as a new draft and leaves it in the trash.",
                    ["Restore and Save", "Save as Copy", "Cancel"],
                )
                if choice == 1:
                    return self.save_copy()
                if choice != 0:
                    raise UserError(
                        f"Not saved: {self._draft_name()} is in the trash. Your changes are still "
                        "here; restore the draft, or keep them as a new draft (File ▸ Save as Copy)."
                    ) from None
                self.store.restore(self.document.draft_id)
                self.document.version = self.store.save(
                    self.document.draft_id, self.document.filing, self.document.version
                )
        self.document.undo_stack.setClean()
        self.autosaver.saved()
        self.store_changed()
        self._update_title()
        self.say("Saved.")
        return True

    def save_copy(self, *, forget: bool = False, gone: bool = False) -> bool:
        """File ▸ Save as Copy: the window's draft, with whatever is being typed, saved as a new draft, which the
        window then shows (the draft it came from is left as it is in the store). `forget`: leave out the CCCs
        the store has forgotten since the draft was opened; `gone`: the draft it came from was deleted for good."""
        self.commit_typing()
        if self.document.locked is not None:
            raise UserError(f"Not saved: {self.store.read_only.refused() if self.store.read_only else ''}")
        self.require_taken("saved")
        filing = copy.deepcopy(self.document.filing)
        operations.clear_computed(filing)  # a copy is a new draft, not EDGAR's record (nor what EDGAR computed)
        dropped = self.store.forgotten_cccs(filing) if forget else []
        for owner in filing.reporting_owners:
            if owner.cik in dropped:
                owner.ccc = None
        draft_id = self.store.create(filing)
        source = self.document.draft_id
        self.document.load(filing, draft_id, 1)
        self.autosaver.saved()
        self.store_changed()
        self._update_title()
        said = f"Saved as a new draft (draft {draft_id})"
        if source and not gone:
            said += f"; draft {source} is as it was"
        if dropped:
            said += "; without the CCC that was forgotten (type it again only if you mean to file for them)"
        self.say(said + ".")
        return True

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for row in self.store.list(limit=8):
            action = self.recent_menu.addAction(
                f"{row.reporting_owner or 'New draft'} — {row.issuer} (Form {row.document_type})"
            )
            action.triggered.connect(
                lambda checked=False, draft_id=row.id: self.act(
                    "Cannot open the draft", lambda: self.open_draft(draft_id)
                )
            )

    def tell_read_only(self) -> None:
        """At start, when the store could only be opened for reading: say why, and for a damaged store offer
        to rescue its drafts."""
        global _CLOSURES_SAID
        if self.closures_problem is not None and not _CLOSURES_SAID:
            _CLOSURES_SAID = True  # once for the program, not again for each window of another store
            dialogs.tell(
                self,
                "EDGAR closures file not read",
                f"{self.closures_problem} Due dates count EDGAR's closures known to the program until it is corrected.",
                "warning",
            )
        if self.store.warning is not None:
            dialogs.tell(self, "Store others can read", self.store.warning, "warning")
        why = self.store.read_only
        if why is None:
            return
        if "is damaged" in why.what:
            answer = dialogs.ask(
                self,
                "Damaged store",
                f"{why.opened()}\n\nRescue its drafts into a folder now?",
                Button.Yes | Button.No,
                Button.Yes,
            )
            if answer == Button.Yes:
                self.act("Nothing rescued", self.rescue)
        else:
            dialogs.tell(self, "Store open for reading only", why.opened(), "information")

    def backup_store(self) -> str | None:
        """File ▸ Back Up Store: the whole store, as of now, in one new store file the user names (a copy of the
        store file alone may miss the latest saves). A team store is copied into a store file too, checked row by
        row as `form4 store copy` does: the server's own backups are its administrator's, and a user who backs up
        wants a file of their own they can open (File ▸ Open Store). Returns the copy's path."""
        team = is_url(self.store.path)
        stamp = datetime.now().strftime("%Y-%m-%d %H.%M")
        name = "team store" if team else os.path.splitext(os.path.basename(self.store.path))[0]
        path = dialogs.save_file(
            self,
            "Back up the store into a new file",
            os.path.join(self.folder("backup"), f"{name} backup {stamp}.sqlite3"),
            STORE_FILTER,
        )
        if not path:
            return None
        if os.path.exists(path):
            raise UserError(
                f"Nothing was backed up: {path} exists; give the name of a new file for the copy of the store."
            )
        self.remember_folder("backup", path)
        drafts, trashed = len(self.store.list()), len(self.store.list(trash=True))
        if team:
            self._copy_team_store(path)
        else:
            self.store.backup(path)
        counted = f"{drafts} draft{'s' if drafts != 1 else ''}" + (f" and {trashed} in the trash" if trashed else "")
        text = (
            f"The store {self.store_name()} was copied, with every saved draft ({counted}), into {path}. It is one "
            "file, readable by you only (it holds CCCs); to look into it, use File ▸ Open Store."
        )
        if self.document.modified:
            text += " The changes not yet saved in this window are not in it."
        dialogs.tell(self, "Store backed up", text, "information")
        self.say(f"Store backed up into {path}.")
        return path

    def _copy_team_store(self, path: str) -> None:
        """The team store into the new store file `path`, read back and compared; no file is left if it fails."""
        from form4_desktop.store.copying import copy_store

        progress = QProgressDialog("Copying the team store…", None, 0, 0, self)
        progress.setWindowTitle("Back up the store")
        progress.setMinimumDuration(300)
        progress.setWindowModality(Qt.WindowModality.WindowModal)

        def step(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)
            QApplication.processEvents()

        try:
            with DraftStore(path, create=True) as target:
                copy_store(self.store, target, step)
        except BaseException:
            for leftover in (path, path + "-wal", path + "-shm"):
                if os.path.exists(leftover):
                    os.remove(leftover)
            raise
        finally:
            progress.close()

    def rescue(self) -> None:
        """Write every draft the store can read into a folder the user picks (File ▸ Rescue Drafts)."""
        folder = choose_rescue_folder(self, self.settings)
        if folder is None:
            return
        from form4_desktop.app.rescue import REPORT_FILE, rescue_drafts

        done = rescue_drafts(self.store, folder)
        self.settings.setValue("folders/open", folder)  # Import Folder, which brings them back, starts there
        level = "warning" if done.lost else "information"
        dialogs.tell(
            self,
            "Drafts rescued",
            f"{done.summary()} into {folder}. CCCs are not in the files; "
            f"{REPORT_FILE} there says what was rescued. To go on working, start a new store (File ▸ New "
            "Store) and bring the drafts into it with File ▸ Import Folder.",
            level,
        )

    def offer_rescue_of(self, path: str, error: StoreError, said: str | None = None) -> bool:
        """Another store could not be opened as damaged (at start, the one last worked in; File ▸ Open Store):
        offer to rescue its drafts, then to import them into this window's store. True when they were rescued."""
        found = rescue_unopened(self, self.settings, path, error, said)
        if found is None:
            return False
        folder, done = found
        if self.store.read_only is not None:
            dialogs.tell(
                self,
                "Drafts rescued",
                f"{_rescued_text(folder, done)} To go on working, start a new store (File ▸ New Store) and "
                "bring the drafts into it with File ▸ Import Folder.",
                "warning" if done.lost else "information",
            )
            return True
        answer = dialogs.ask(
            self,
            "Drafts rescued",
            f"{_rescued_text(folder, done)}\n\nImport them into the store {self.store_name()} now?",
            Button.Yes | Button.No,
            Button.Yes,
        )
        if answer == Button.Yes:
            self.import_folder(folder)
        return True

    def deadlines(self) -> None:
        """Compliance ▸ Deadlines: every unfiled draft's due date and time left; a double-click opens one."""
        from form4_desktop.gui.dashboard import DeadlineDashboard

        if self.deadline_window is not None and self.deadline_window.isVisible():
            self.deadline_window.refresh()  # the one shown at start: brought forward, not a second one
            self.deadline_window.raise_()
            self.deadline_window.activateWindow()
            return
        dialogs.run(DeadlineDashboard(self.store, self.open_draft, self))

    def item405_register(self) -> None:
        """Compliance ▸ Item 405 register: per issuer and fiscal year, with the Form 5 sweep."""
        from form4_desktop.gui.register_view import RegisterView

        issuer = self.document.filing.issuer.cik or None
        dialogs.run(RegisterView(self.store, self, open_draft=self.open_draft, issuer_cik=issuer))

    def short_swing(self) -> None:
        """Compliance ▸ Short-swing profit (16(b)): the open draft's owner and issuer first, then any others."""
        from form4_desktop.gui.short_swing_view import ShortSwingView

        filing = self.document.filing
        owner = next((o.cik for o in filing.reporting_owners if o.cik), None)
        dialogs.run(ShortSwingView(self.store, self, owner_cik=owner, issuer_cik=filing.issuer.cik or None))

    def show_deadlines_if_due(self) -> None:
        """At start: the deadline dashboard, when a draft is overdue or due within two business days (and only
        then), in a window of its own that waits for nothing: the main window stays open to work in, and comes
        in front of it when clicked; a draft opened from it comes forward in the main window."""
        from form4_desktop.app import compliance

        if not compliance.due_soon(compliance.deadlines(self.store, filed=False)):
            return
        from form4_desktop.gui.dashboard import DeadlineDashboard

        def open_draft(draft_id: int) -> None:
            self.raise_()
            self.activateWindow()
            self.act("Cannot open the draft", lambda: self.open_draft(draft_id))

        # No parent: a dialog of the main window would be kept in front of it.
        self.deadline_window = DeadlineDashboard(self.store, open_draft, None)
        self.deadline_window.setModal(False)
        self.deadline_window.show()

    def connect_team_store(self) -> MainWindow | None:
        """File ▸ Connect to Team Store: a team store on PostgreSQL, in a window of its own."""
        from form4_desktop.gui.team_store import open_team_store_window

        return open_team_store_window(self, self.settings)

    def open_store_window(self, *, new: bool) -> MainWindow | None:
        """File ▸ New Store / Open Store: the store chosen, in a window of its own (this one stays on its store)."""
        start = self.folder("store")
        if new:
            path = dialogs.save_file(self, "New store", os.path.join(start, "drafts.sqlite3"), STORE_FILTER)
            if path and os.path.exists(path):
                raise UserError(
                    f"No new store was made: {path} exists; give the name of a new file (to open it, use File ▸ "
                    "Open Store)."
                )
        else:
            path = dialogs.open_file(self, "Open store", start, STORE_FILTER)
        if not path:
            return None
        self.settings.setValue("folders/store", os.path.dirname(os.path.abspath(path)))
        return self.show_store(path, new=new)

    def _recent_stores(self) -> list[str]:
        value = self.settings.value("stores/recent", [])
        paths = [value] if isinstance(value, str) else list(value or [])
        return [path for path in paths if isinstance(path, str) and path]

    def remember_store(self) -> None:
        """The user works in this window: its store is the one the next start opens, and first in Recent Stores."""
        if not self.remembers_store or is_url(self.store.path):
            return
        path = os.path.abspath(self.store.path)
        if self.settings.value("stores/last", "") != path:
            self.settings.setValue("stores/last", path)
        recent = [path] + [other for other in self._recent_stores() if other != path]
        if recent != self._recent_stores():
            self.settings.setValue("stores/recent", recent[:6])

    def _fill_recent_stores(self) -> None:
        """File ▸ Recent Stores: the stores last worked in, and always the usual one (the way back to it)."""
        self.recent_stores_menu.clear()
        usual = os.path.abspath(default_store_path())
        paths = [path for path in self._recent_stores() if os.path.exists(path)]
        if usual not in paths and not is_url(usual):
            paths.append(usual)
        for path in paths:
            name = os.path.basename(path) + (" (the usual store)" if path == usual else "")
            action = self.recent_stores_menu.addAction(name)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(
                lambda checked=False, path=path: self.act("Store not opened", lambda: self.show_store(path))
            )

    def show_store(self, path: str, *, new: bool = False) -> MainWindow | None:
        """The store at `path` in a window of its own: the window already showing it if there is one. A store file
        that cannot be opened as damaged is offered to be rescued instead (None then)."""
        for window in QApplication.topLevelWidgets():
            if (
                isinstance(window, MainWindow)
                and window.isVisible()  # a window closed a moment ago has closed its store too
                and os.path.abspath(window.store.path) == os.path.abspath(path)
            ):
                window.raise_()
                window.activateWindow()
                return window
        try:
            store = DraftStore(path, create=new)
        except StoreError as error:
            if new or not damaged_beyond_opening(path, error) or not self.offer_rescue_of(path, error):
                raise
            return None
        window = MainWindow(store, today=self.today, settings=self.settings)
        window.owns_store = True
        window.remembers_store = True
        _STORE_WINDOWS.append(window)
        window.show()
        window.remember_store()  # the store just chosen is the one worked in, even before its window is active
        window.tell_read_only()
        window.offer_restore()
        return window

    def insider_view(self) -> None:
        from form4_desktop.gui.insider_view import InsiderView

        filing = self.document.filing
        owner = next((owner.cik for owner in filing.reporting_owners if owner.cik), None)
        dialogs.run(InsiderView(self.store, self.open_draft, self, owner, filing.issuer.cik or None))

    def address_book(self) -> None:
        from form4_desktop.gui.address_book import AddressBookDialog

        dialogs.run(AddressBookDialog(self.store, self, changed=self.store_changed))

    def offer_restore(self) -> bool:
        """After a crash: offer the unsaved work a window that is gone left in the recovery area."""
        if self.store.read_only is not None:
            return False  # what it left cannot be cleared from a store that cannot be written; it stays there
        left = [autosave for autosave in self.store.autosaves() if is_orphan(autosave.slot)]
        restored = False
        for autosave in left:
            if autosave.draft_id is not None:
                try:
                    saved = self.store.open(autosave.draft_id)
                except StoreError:
                    saved = None
                if saved is not None and saved.filing == autosave.filing:
                    self.store.clear_autosave(autosave.slot)  # nothing in it that is not saved
                    continue
            if restored:
                continue  # one at a time: the next start offers the next
            answer = dialogs.ask(
                self,
                "Restore unsaved work?",
                f"Form 4 Desktop closed without saving your last changes to {self._draft_name(autosave.filing, autosave.draft_id)}"
                f" (autosaved {local_time(autosave.saved_at)}). Restore them?",
                Button.Yes | Button.No,
                Button.Yes,
            )
            self.store.clear_autosave(autosave.slot)
            if answer != Button.Yes:
                continue
            self.document.load(autosave.filing, autosave.draft_id, autosave.base_version)
            self.document.undo_stack.resetClean()  # restored work is unsaved work
            self.autosaver.changed(autosave.filing, autosave.draft_id, autosave.base_version)  # kept until saved
            self._update_title()
            self.say("Unsaved work restored: save it to keep it.")
            restored = True
        return restored

    # -- the draft menu ----------------------------------------------------------------------------------
    def _name_draft_actions(self) -> None:
        """The Draft menu names the draft each action acts on: the open one, which is the row selected in the
        list; Restore, the draft picked in the trash."""
        draft_id = self.document.draft_id
        name = f"draft {draft_id}" if draft_id is not None else "the new draft"
        picked = self.selected_id() if self.trash_button.isChecked() else None
        for action_name, text in (
            ("duplicate", f"&Duplicate {name}"),
            ("delete", f"De&lete {name} (to trash)"),
            ("mark_filed", f"Mark {name} &filed…"),
            ("amend", f"&Amend {name}…"),
            ("history", f"&History of {name}…"),
            ("restore", f"&Restore draft {picked} from trash" if picked is not None else "&Restore from trash…"),
        ):
            found = self.findChild(QAction, action_name)
            if found is not None:
                found.setText(text)
        mark = self.findChild(QAction, "mark_filed")
        if mark is not None and self.document.status == "filed":  # nothing to mark: say so in the menu itself
            mark.setText(f"Mark filed (draft {draft_id} was filed {self._filed_text()})")
        if mark is not None:
            mark.setEnabled(self.document.status != "filed" and self.store.read_only is None)

    def duplicate(self) -> None:
        draft_id = self.document.draft_id
        if draft_id is None:
            self.say("The new draft is not saved yet: save it (File ▸ Save), then duplicate it.")
            return
        if not self.confirm_discard():
            return  # the copy opens in place of the open draft: first save (or discard) its changes
        source = self.store.open(draft_id)
        copy_id = self.store.duplicate(draft_id)
        self.store_changed()
        self.open_draft(copy_id)
        self.say(f"{self._draft_name(source.filing, draft_id)} duplicated as draft {copy_id}, now open.")

    def delete(self) -> None:
        draft_id = self.document.draft_id
        if draft_id is None:
            self.say("The new draft is not in the store: there is nothing to move to the trash.")
            return
        deleted = self.store.open(draft_id)
        # Two drafts of the same filing look alike in the list: the question names the one that goes, by number.
        if (
            dialogs.ask(
                self,
                "Move to the trash",
                f"Move {self._draft_name(deleted.filing, draft_id)} to the trash? Draft ▸ Restore from trash brings "
                "it back until the trash is emptied.",
                Button.Yes | Button.Cancel,
                Button.Yes,
            )
            != Button.Yes
        ):
            return
        if draft_id == self.document.draft_id:
            if not self.confirm_discard():
                return
            self.store.delete(draft_id)
            self.load_new(new_filing())
        else:
            self.store.delete(draft_id)  # another draft: the open one, and its unsaved typing, stay as they are
        self.store_changed()
        self.say(
            f"{self._draft_name(deleted.filing, draft_id)} moved to the trash (Draft ▸ Restore from trash "
            "brings it back)."
        )

    def restore(self) -> None:
        draft_id = self.selected_id() if self.trash_button.isChecked() else None
        if draft_id is None:
            self.say("Show the trash (the Trash button above the list), then pick the draft to restore in it.")
            return
        self.store.restore(draft_id)
        self.store_changed()
        self.say(f"Draft {draft_id} restored from the trash.")

    def empty_trash(self) -> None:
        count = len(self.store.list(trash=True))
        if not count:
            self.say("The trash is empty: there is nothing to delete.")
            return
        drafts = f"{count} draft{'s' if count != 1 else ''}"
        if (
            dialogs.ask(
                self,
                "Empty the trash",
                f"Delete the {drafts} in the trash for good? {'They' if count != 1 else 'It'} cannot be brought back.",
                Button.Yes | Button.Cancel,
                Button.Cancel,
            )
            == Button.Yes
        ):
            deleted = self.store.empty_trash()
            self.say(f"{deleted} draft{'s' if deleted != 1 else ''} deleted for good.")
            self.store_changed()

    def mark_filed(self) -> None:
        if self.document.status == "filed":
            dialogs.tell(
                self,
                "Not marked filed",
                f"{self._draft_name()} is already marked filed ({self._filed_text()}). To correct it, use Draft ▸ "
                "Amend.",
            )
            return
        self.commit_typing()
        if self.document.draft_id is None or self.document.modified:
            if not self.save():
                return
        from form4_desktop.rules import due_date

        due = due_date(self.document.filing, self.calendar)
        # EDGAR's filing date of a form sent now: after 10 p.m. Eastern, or on a closed day, the next business day.
        suggested = self.today or clock.filing_day_now(self.calendar)
        text: str | None = format_date(suggested)
        filed_on = None
        while filed_on is None:  # a date that is no date is said, and asked again with what was typed
            text = dialogs.text(self, "Mark filed", "Date filed with EDGAR (MM/DD/YYYY):", text or "")
            if text is None:
                return
            try:
                filed_on = read_date(text)
                problem = "" if filed_on else "give the date the form was filed with EDGAR."
            except TypedValueError as error:
                problem = str(error)
            if problem:
                dialogs.tell(self, "Not marked filed", f"The filing date {problem}")
        accession = dialogs.text(self, "Mark filed", "Accession number (optional; e.g. 0001767258-23-000002):")
        if accession is None:
            return
        self.store.mark_filed(self.document.draft_id, filed_on, accession.strip() or None, self.document.version)
        self.open_draft(self.document.draft_id)
        self.store_changed()
        late = due is not None and filed_on > due[0]
        self.say(f"Marked filed on {format_date(filed_on)}" + (" (after its due date)." if late else "."))

    def amend(self) -> None:
        draft_id = self.document.draft_id
        form = self.document.filing.form
        if draft_id is None:
            dialogs.tell(
                self,
                "Not amended",
                f"The new draft has not been filed, so there is nothing to amend: an amendment (Form {form}/A) "
                "corrects a form already filed with EDGAR. Correct the draft itself, then save it.",
            )
            return
        if self.document.status != "filed":
            # The user may have filed it without telling the app: say how, and offer to do it now.
            choice = dialogs.pick(
                self,
                "Not amended",
                f"{self._draft_name()} is not marked filed, so it cannot be amended yet: an amendment (Form "
                f"{form}/A) corrects a form already filed with EDGAR.\n\nIf it was filed, first record the date "
                "EDGAR filed it with Draft ▸ Mark filed…, then amend it. If it was not filed, correct the draft "
                "itself and save it.",
                ["Mark Filed, Then Amend…", "Cancel"],
            )
            if choice != 0:
                return
            self.mark_filed()
            if self.document.status != "filed":
                return  # the date was not given: nothing is amended
        if not self.confirm_discard():
            return
        amendment = self.store.amend(draft_id)
        self.store_changed()
        self.open_draft(amendment)
        today = self.signing_day()
        signatures = self.document.filing.signatures
        if signatures and any(signature.date != today for signature in signatures):
            dated = ", ".join(sorted({format_date(s.date) for s in signatures if s.date})) or "no date"
            if (
                dialogs.ask(
                    self,
                    "Amend",
                    f"The amendment's signature is dated {dated}, as the original's. Date it "
                    f"today, {format_date(today)}?",
                    Button.Yes | Button.No,
                    Button.Yes,
                )
                == Button.Yes
            ):
                self.document.undo_stack.beginMacro("Date the signatures today")
                for number in range(len(signatures)):
                    self.document.set(f"signatures[{number}].date", today, "Date the signature today")
                self.document.undo_stack.endMacro()
        self.say(f"Amendment of draft {draft_id} made: correct it, then save.")

    def history(self) -> None:
        draft_id = self.document.draft_id
        if draft_id is None:
            self.say("A new draft has no history yet: save it first.")
            return
        dialog = HistoryDialog(self, self.store, draft_id, self.document.filing.form)
        if dialogs.run(dialog) != QDialog.DialogCode.Accepted or dialog.chosen is None:
            return
        if self.document.read_only:
            raise UserError("Not restored: a filed form is read-only; amend it instead.")
        filing = self.store.revision(draft_id, dialog.chosen)
        self.document.replace_filing(filing, f"Restore version {dialog.chosen}")
        self.say(f"Version {dialog.chosen} restored into the editor: save to keep it, or Ctrl+Z to undo.")

    # -- output ------------------------------------------------------------------------------------------
    def export_xml(self, copy: Copy) -> None:
        self.commit_typing()
        self.require_taken("exported")
        start = os.path.join(self.folder("export"), f"{file_stem(self.document.filing)}-{copy.value}.xml")
        path = dialogs.save_file(self, f"Export the {copy.value} XML", start, "EDGAR XML (*.xml)")
        if not path:
            return
        from form4_desktop.app import documents

        documents.export_xml(self.document.filing, path, copy)
        self.remember_folder("export", path)
        self.say(f"Exported the {copy.value} copy to {path}.")

    def _pdf(self, copies: int = 1) -> bytes | None:
        """The printable form of what the screen shows now, watermarked while it has errors."""
        from form4_desktop.pdf import render_pdf

        self.commit_typing()
        self.require_taken("printed")
        self.validate()  # the watermark follows the findings of this very moment
        draft = any(finding.severity is Severity.ERROR for finding in self.findings)
        return render_pdf(self.document.filing, copies=copies, draft=draft)

    def export_pdf(self) -> None:
        self.commit_typing()
        self.require_taken("exported")
        start = os.path.join(self.folder("export"), f"{file_stem(self.document.filing)}.pdf")
        path = dialogs.save_file(self, "Export PDF", start, "PDF (*.pdf)")
        if path:
            data = self._pdf()
            from form4_desktop.app.files import write_atomically

            write_atomically(path, data)
            self.remember_folder("export", path)
            self.say(f"PDF written to {path}.")

    def _pdf_document(self, data: bytes):
        from PySide6.QtPdf import QPdfDocument

        handle, name = tempfile.mkstemp(suffix=".pdf")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        pdf = QPdfDocument(self)
        pdf.load(name)
        os.unlink(name)
        return pdf

    def print_preview(self) -> QDialog | None:
        """Shows exactly the PDF that prints (QtPdf)."""
        from PySide6.QtPdfWidgets import QPdfView

        data = self._pdf()
        pdf = self._pdf_document(data)
        dialog = QDialog(self)
        dialog.setWindowTitle("Print preview")
        view = QPdfView(dialog)
        view.setObjectName("print_preview")
        view.setDocument(pdf)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        print_button = buttons.addButton("Print…", QDialogButtonBox.ButtonRole.ActionRole)
        print_button.clicked.connect(lambda: (dialog.accept(), self.act("Not printed", self.print_form)))
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(view)
        layout.addWidget(buttons)
        dialog.resize(min(1000, self.width()), min(760, self.height()))
        dialog.open()
        return dialog

    def print_form(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        self.commit_typing()
        self.require_taken("printed")
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setCopyCount(3)  # "File three copies of this Form, one of which must be manually signed"
        stem = file_stem(self.document.filing)
        printer.setDocName(stem)
        printer.setOutputFileName(os.path.join(self.folder("export"), f"{stem}.pdf"))  # for "Print to file"
        dialog = QPrintDialog(printer, self)
        if dialogs.run(dialog) != QDialog.DialogCode.Accepted:
            return
        if printer.outputFileName():
            self.remember_folder("export", printer.outputFileName())
        self.print_to(printer)

    def print_to(self, printer, *, raster: bool = False):
        """Print what the screen shows now on `printer`, off the UI thread (vector PDF to a file or to CUPS);
        returns the running job (its signals say how it ended; a failure is shown as one sentence)."""
        import copy

        from form4_desktop.gui.printing import start_print
        from form4_desktop.pdf import render_pdf

        self.commit_typing()
        self.require_taken("printed")
        self.validate()  # the watermark follows the findings of this very moment
        draft = any(finding.severity is Severity.ERROR for finding in self.findings)
        filing = copy.deepcopy(self.document.filing)  # a snapshot: typing during the job cannot change what prints
        job = start_print(
            self,
            printer,
            lambda copies: render_pdf(filing, copies=copies, draft=draft),
            file_stem(filing),
            raster=raster,
        )
        job.finished.connect(self.say)
        job.failed.connect(lambda message: dialogs.tell(self, "Not printed", message))
        job.cancelled.connect(lambda: self.say("Printing cancelled."))
        self.print_job = job
        return job

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self._refresh_if_changed()  # coming back to the window: the list as the store is now, at once
            self.remember_store()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not getattr(self, "_sized", False):  # the browser's first width: wide enough to read every row whole
            self._sized = True
            QTimer.singleShot(0, lambda: self._fit_dock(first=True))

    # -- closing -----------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.commit_typing()
        if self.document.modified and not self.document.read_only:
            self.autosaver.changed(self.document.effective_filing(), self.document.draft_id, self.document.version)
            self.autosaver.flush()
        if not self.confirm_discard():
            event.ignore()
            return
        if not self.document.modified:
            self.autosaver.saved()
        if self.checkpoint_timer.isActive():
            self._checkpoint()  # a save of the last second is in the store file before the window goes
        for timer in (
            self.autosave_timer,
            self.refresh_timer,
            self.checkpoint_timer,
            self.validation_timer,
            self.clock_timer,
        ):
            timer.stop()
        self._save_layout()
        event.accept()
        if self.deadline_window is not None:
            self.deadline_window.close()  # a window of its own: it goes with the main window
        if getattr(self, "owns_store", False):  # a store this window opened (File ▸ Open Store) closes with it
            if self in _STORE_WINDOWS:
                _STORE_WINDOWS.remove(self)
            self.store.close()


class HistoryDialog(QDialog):
    """Every saved version of a draft: when, by whom, and which boxes it changed; one can be restored."""

    def __init__(self, parent: QWidget, store: DraftStore, draft_id: int, form: str):
        super().__init__(parent)
        self.setWindowTitle(f"History of draft {draft_id}")
        self.chosen: int | None = None
        self.list = QListWidget()
        self.list.setObjectName("history_list")
        self.list.setWordWrap(True)
        revisions = store.history(draft_id)
        filings = {revision.version: store.revision(draft_id, revision.version) for revision in revisions}
        for revision in revisions:
            older = filings.get(revision.version - 1)
            if older is None:
                changed = "first version"
            else:
                labels: list[str] = []
                for path in changed_paths(older, filings[revision.version]):
                    label = box_label(form, path)
                    if label not in labels:
                        labels.append(label)
                changed = (
                    "; ".join(labels[:6]) + (f"; and {len(labels) - 6} more" if len(labels) > 6 else "")
                    if labels
                    else "no box changed"
                )
            who = getattr(revision, "saved_by", "") or ""
            item = QListWidgetItem(
                f"Version {revision.version} — saved {local_time(revision.saved_at)}"
                + (f" by {who}" if who else "")
                + f"\n    changed: {changed}"
            )
            item.setData(Qt.ItemDataRole.UserRole, revision.version)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = buttons.addButton("Restore this version", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restore_version")
        self.restore_button.clicked.connect(self._restore)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Each save keeps a version. Restoring one puts it in the editor as a change you can "
                "undo (Ctrl+Z) and save."
            )
        )
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(720, 420)

    def _restore(self) -> None:
        item = self.list.currentItem()
        self.chosen = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.accept()

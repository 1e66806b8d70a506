"""The main window: the draft browser, the Form 4 editor, live findings, saving, printing."""

from __future__ import annotations

import logging
import os
import tempfile
from datetime import date

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from form4_desktop.app import documents
from form4_desktop.app.autosave import Autosaver
from form4_desktop.app.drafts import import_xml
from form4_desktop.edgar_xml import Copy, ReadError, WriteError
from form4_desktop.gui.document import FilingDocument, new_filing
from form4_desktop.gui.editor import Editor
from form4_desktop.gui.models import DraftListModel, FindingsModel
from form4_desktop.model import ReportingOwner, Signature
from form4_desktop.rules import Finding, Severity, due_date
from form4_desktop.rules.deadline import describe
from form4_desktop.store import ConflictError, DraftStore, StoreError

log = logging.getLogger("form4_desktop.gui")
AUTOSAVE_SLOT = "main-window"


class MainWindow(QMainWindow):
    def __init__(self, store: DraftStore, *, today: date | None = None):
        super().__init__()
        self.store = store
        self.today = today
        self.setWindowTitle("Form 4 Desktop")
        self.resize(1280, 800)
        self.document = FilingDocument(parent=self)
        self.editor = Editor(self.document)
        self.setCentralWidget(self.editor)
        self.findings: list[Finding] = []
        self.autosaver = Autosaver(store, AUTOSAVE_SLOT)
        self._build_browser()
        self._build_findings()
        self._build_actions()
        self.validation_timer = QTimer(self, singleShot=True, interval=250)  # debounce: typing never waits
        self.validation_timer.timeout.connect(self.validate)
        self.autosave_timer = QTimer(self, interval=500)
        self.autosave_timer.timeout.connect(self.autosaver.poll)
        self.autosave_timer.start()
        self.document.changed.connect(self._document_changed)
        self.document.replaced.connect(self._document_replaced)
        self.document.undo_stack.cleanChanged.connect(lambda clean: self._update_title())
        self.editor.table_i.refused.connect(self.say)
        self.editor.table_ii.refused.connect(self.say)
        self.editor.binder.refused.connect(self.say)
        self.status_label = QLabel()
        self.status_label.setObjectName("status_summary")
        self.statusBar().addPermanentWidget(self.status_label)
        self.document.load(new_filing(), None, None)
        self.refresh_browser()

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
        self.browser.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.browser.horizontalHeader().setStretchLastSection(False)
        for column, width in ((1, 104), (2, 34), (3, 74), (4, 42)):
            self.browser.setColumnWidth(column, width)
        self.browser.setColumnHidden(5, True)  # the last change is in each row's tooltip; the list is newest first
        self.browser.setWordWrap(False)
        self.browser.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the owner column gives way
        self.browser.doubleClicked.connect(lambda index: self.open_draft(self._browser_id(index)))
        self.browser.activated.connect(lambda index: self.open_draft(self._browser_id(index)))
        self.search = QLineEdit()
        self.search.setObjectName("draft_search")
        self.search.setPlaceholderText("Find: owner, issuer, ticker or CIK")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _: self.refresh_browser())
        self.trash_button = QPushButton("Trash")
        self.trash_button.setCheckable(True)
        self.trash_button.setToolTip("Show the drafts in the trash (restore or empty it)")
        self.trash_button.toggled.connect(lambda _: self.refresh_browser())
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

    def _action(self, menu, text: str, handler, shortcut=None, name: str | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(handler)
        action.setObjectName(name or text)
        menu.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self.new_action = self._action(file, "&New Form 4", self.new_draft, QKeySequence.StandardKey.New, "new")
        self._action(file, "&Open EDGAR XML…", self.open_xml_file, QKeySequence.StandardKey.Open, "open",
                     "Import an EDGAR ownership XML file into the store and open it")
        self.recent_menu = file.addMenu("Recent drafts")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.save_action = self._action(file, "&Save", self.save, QKeySequence.StandardKey.Save, "save")
        file.addSeparator()
        self._action(file, "Export &submission XML…", lambda: self.export_xml(Copy.SUBMISSION), None, "export_submission",
                     "The XML to send to EDGAR (with the CCC)")
        self._action(file, "Export &record XML…", lambda: self.export_xml(Copy.RECORD), None, "export_record",
                     "The XML as EDGAR disseminates it (no CCC)")
        self._action(file, "Export P&DF…", self.export_pdf, None, "export_pdf")
        file.addSeparator()
        self._action(file, "Print pre&view…", self.print_preview, "Ctrl+Shift+P", "preview")
        self._action(file, "&Print…", self.print_form, QKeySequence.StandardKey.Print, "print")
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
        self._action(draft, "&Duplicate", self.duplicate, "Ctrl+D", "duplicate")
        self._action(draft, "De&lete (to trash)", self.delete, None, "delete")
        self._action(draft, "&Restore from trash", self.restore, None, "restore")
        self._action(draft, "&Empty trash…", self.empty_trash, None, "empty_trash")
        draft.addSeparator()
        self._action(draft, "Mark &filed…", self.mark_filed, None, "mark_filed",
                     "Record the filing date (and accession number) and freeze the draft")
        self._action(draft, "&Amend (4/A)", self.amend, "Ctrl+Shift+A", "amend", "Make a linked 4/A of a filed form")
        draft.addSeparator()
        self._action(draft, "&History…", self.history, None, "history", "See and restore earlier versions")

    def undo_redo(self, undo: bool) -> None:
        """Undo or redo one edit, and show the box it changed (it may be on another tab)."""
        stack = self.document.undo_stack
        index = stack.index() - 1 if undo else stack.index()
        if not 0 <= index < stack.count():
            return
        command = stack.command(index)
        stack.undo() if undo else stack.redo()
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
                focused.clearFocus()  # the table takes the box's text as it would on leaving it
                QApplication.processEvents()

    # -- status ------------------------------------------------------------------------------------------
    def say(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _update_title(self) -> None:
        filing = self.document.filing
        who = filing.reporting_owners[0].name if filing.reporting_owners and filing.reporting_owners[0].name else ""
        what = f"Form {filing.document_type}" + (f" — {who}" if who else "") + \
            (f" — {filing.issuer.trading_symbol}" if filing.issuer.trading_symbol else "")
        state = " [filed, read-only]" if self.document.read_only else ""
        self.setWindowTitle(f"{what}{state}{' *' if self.document.modified else ''} — Form 4 Desktop")

    def _document_changed(self, path: str) -> None:
        self.validation_timer.start()
        self.autosaver.changed(self.document.filing, self.document.draft_id, self.document.version)
        self._update_title()

    def _document_replaced(self) -> None:
        self.validate()
        self._update_title()

    def validate(self) -> None:
        self.findings = documents.check_filing(self.document.filing, self.today or date.today())
        visible = [finding for finding in self.findings if finding.severity is not Severity.INFO]
        self.findings_model.set_findings(visible)
        self.editor.show_findings(self.findings)
        errors = sum(1 for finding in visible if finding.severity is Severity.ERROR)
        warnings = len(visible) - errors
        due = due_date(self.document.filing)
        text = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
        if due is not None:
            text += f" — due {describe(due[0])}, 10 p.m. Eastern"
        self.status_text = text
        self.status_label.setText(text)  # a permanent part of the status bar: messages never hide it

    def go_to_finding(self, index: QModelIndex) -> None:
        finding = index.data(Qt.ItemDataRole.UserRole)
        if finding is not None:
            self.editor.go_to(finding.field_path)

    # -- the browser -------------------------------------------------------------------------------------
    def _browser_id(self, index: QModelIndex) -> int | None:
        return self.drafts_model.data(self.drafts_model.index(index.row(), 0), Qt.ItemDataRole.UserRole) \
            if index.isValid() else None

    def selected_id(self) -> int | None:
        return self._browser_id(self.browser.currentIndex())

    def refresh_browser(self) -> None:
        try:
            rows = self.store.list(self.search.text(), trash=self.trash_button.isChecked(), limit=2000)
        except StoreError as error:
            self.say(str(error))
            return
        self.drafts_model.set_rows(rows)

    def find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- open, save, new ---------------------------------------------------------------------------------
    def confirm_discard(self) -> bool:
        """Ask before unsaved changes are left; True when it is fine to go on."""
        self.commit_typing()
        if not self.document.modified or self.document.read_only:
            return True
        answer = QMessageBox.question(
            self, "Unsaved changes", "This draft has changes that are not saved. Save them first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.autosaver.saved()
            return True
        return False

    def new_draft(self) -> None:
        if not self.confirm_discard():
            return
        filing = new_filing()
        known = self.store.known_owners()
        issuers = self.store.known_issuers()
        if known or issuers:
            filing = self._offer_address_book(filing, known, issuers)
        self.document.load(filing, None, None)
        self.editor.setCurrentIndex(0)
        self.editor.filing_tab.period.setFocus()

    def _offer_address_book(self, filing, owners: list[ReportingOwner], issuers) -> object:
        """A new draft offers the reporting owners and issuers of earlier drafts."""
        if issuers:
            names = ["(new issuer)"] + [f"{i.name or i.trading_symbol} [{i.trading_symbol}] CIK {i.cik}" for i in issuers]
            choice, ok = QInputDialog.getItem(self, "New Form 4", "Issuer:", names, 0, False)
            if ok and choice != names[0]:
                filing.issuer = issuers[names.index(choice) - 1]
        if owners:
            names = ["(new reporting person)"] + [f"{o.name or ''} CIK {o.cik}" for o in owners]
            choice, ok = QInputDialog.getItem(self, "New Form 4", "Reporting person:", names, 0, False)
            if ok and choice != names[0]:
                owner = owners[names.index(choice) - 1]
                filing.reporting_owners = [owner]
                filing.signatures = [Signature(f"/s/ {owner.name}" if owner.name else "", date.today())]
        return filing

    def open_draft(self, draft_id: int | None) -> bool:
        if draft_id is None or not self.confirm_discard():
            return False
        try:
            draft = self.store.open(draft_id)
        except StoreError as error:
            QMessageBox.warning(self, "Cannot open the draft", str(error))
            return False
        self.document.load(draft.filing, draft.id, draft.version, draft.status)
        if draft.is_filed:
            self.say(f"Filed on {draft.filed_on}: read-only. Use Draft ▸ Amend to correct it.")
        return True

    def open_xml_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open EDGAR XML", "", "EDGAR XML (*.xml);;All files (*)")
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> int | None:
        try:
            draft_id = import_xml(self.store, path)
        except ReadError as error:
            QMessageBox.warning(self, "Cannot open the file", str(error))
            return None
        self.refresh_browser()
        self.open_draft(draft_id)
        return draft_id

    def save(self) -> bool:
        self.commit_typing()
        if self.document.read_only:
            self.say("A filed form is read-only; amend it instead.")
            return False
        try:
            if self.document.draft_id is None:
                self.document.draft_id = self.store.create(self.document.filing)
                self.document.version = 1
            else:
                self.document.version = self.store.save(self.document.draft_id, self.document.filing,
                                                         self.document.version)
        except ConflictError as error:
            QMessageBox.warning(self, "Not saved", str(error))
            return False
        except StoreError as error:
            QMessageBox.critical(self, "Not saved", str(error))
            return False
        self.document.undo_stack.setClean()
        self.autosaver.saved()
        self.refresh_browser()
        self.say("Saved.")
        return True

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for row in self.store.list(limit=8):
            action = self.recent_menu.addAction(f"{row.reporting_owner or 'New draft'} — {row.issuer} (Form {row.document_type})")
            action.triggered.connect(lambda checked=False, draft_id=row.id: self.open_draft(draft_id))

    def offer_restore(self) -> bool:
        """After a crash: offer the unsaved work the autosave kept."""
        left = [autosave for autosave in self.store.autosaves() if autosave.slot == AUTOSAVE_SLOT]
        if not left:
            return False
        autosave = left[0]
        answer = QMessageBox.question(
            self, "Restore unsaved work?",
            f"Form 4 Desktop closed without saving your last changes ({autosave.saved_at[:16].replace('T', ' ')} UTC). "
            "Restore them?", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            self.store.clear_autosave(AUTOSAVE_SLOT)
            return False
        self.document.load(autosave.filing, autosave.draft_id, autosave.base_version)
        self.document.undo_stack.resetClean()  # restored work is unsaved work
        self._update_title()
        self.say("Unsaved work restored: save it to keep it.")
        return True

    # -- the draft menu ----------------------------------------------------------------------------------
    def _selected_or_open(self) -> int | None:
        return self.selected_id() or self.document.draft_id

    def duplicate(self) -> None:
        draft_id = self._selected_or_open()
        if draft_id == self.document.draft_id and not self.confirm_discard():
            return  # the copy is made of what is saved: first save (or discard) the open changes
        if draft_id is not None:
            self.open_draft(self.store.duplicate(draft_id))
            self.refresh_browser()

    def delete(self) -> None:
        draft_id = self.selected_id()
        if draft_id is None:
            self.say("Select the draft to delete in the list of drafts first.")
            return
        if draft_id == self.document.draft_id and not self.confirm_discard():
            return
        self.store.delete(draft_id)
        if draft_id == self.document.draft_id:
            self.status_label = QLabel()
        self.status_label.setObjectName("status_summary")
        self.statusBar().addPermanentWidget(self.status_label)
        self.document.load(new_filing(), None, None)
        self.refresh_browser()
        self.say("Moved to the trash (Draft ▸ Restore from trash brings it back).")

    def restore(self) -> None:
        draft_id = self.selected_id()
        if draft_id is not None:
            self.store.restore(draft_id)
            self.refresh_browser()

    def empty_trash(self) -> None:
        if QMessageBox.question(self, "Empty the trash", "Delete the drafts in the trash for good?") == \
                QMessageBox.StandardButton.Yes:
            self.say(f"{self.store.empty_trash()} drafts deleted for good.")
            self.refresh_browser()

    def mark_filed(self) -> None:
        self.commit_typing()
        if self.document.draft_id is None or self.document.modified:
            if not self.save():
                return
        text, ok = QInputDialog.getText(self, "Mark filed", "Date filed with EDGAR (MM/DD/YYYY):",
                                        text=f"{date.today():%m/%d/%Y}")
        if not ok:
            return
        try:
            month, day, year = (int(part) for part in text.split("/"))
            filed_on = date(year, month, day)
        except ValueError:
            QMessageBox.warning(self, "Not marked filed", f"'{text}' is not a date: type it as MM/DD/YYYY.")
            return
        accession, _ = QInputDialog.getText(self, "Mark filed", "Accession number (optional):")
        try:
            self.store.mark_filed(self.document.draft_id, filed_on, accession.strip() or None, self.document.version)
        except StoreError as error:
            QMessageBox.warning(self, "Not marked filed", str(error))
            return
        self.open_draft(self.document.draft_id)
        self.refresh_browser()

    def amend(self) -> None:
        draft_id = self._selected_or_open()
        if draft_id is None or not self.confirm_discard():
            return
        try:
            amendment = self.store.amend(draft_id)
        except StoreError as error:
            QMessageBox.information(self, "Amend", str(error))
            return
        self.refresh_browser()
        self.open_draft(amendment)

    def history(self) -> None:
        draft_id = self.document.draft_id
        if draft_id is None:
            return
        revisions = self.store.history(draft_id)
        labels = [f"Version {r.version} — saved {r.saved_at[:19].replace('T', ' ')} UTC" for r in revisions]
        choice, ok = QInputDialog.getItem(self, "History", "Restore an earlier version:", labels, 0, False)
        if ok and self.confirm_discard():
            version = revisions[labels.index(choice)].version
            try:
                self.store.restore_revision(draft_id, version, self.document.version)
            except StoreError as error:
                QMessageBox.warning(self, "Not restored", str(error))
                return
            self.open_draft(draft_id)

    # -- output ------------------------------------------------------------------------------------------
    def _default_name(self, extension: str) -> str:
        filing = self.document.filing
        return f"form{filing.document_type.replace('/', '')}-{filing.issuer.trading_symbol or 'draft'}.{extension}"

    def export_xml(self, copy: Copy) -> None:
        self.commit_typing()
        path, _ = QFileDialog.getSaveFileName(self, f"Export {copy.value} XML", self._default_name("xml"),
                                              "EDGAR XML (*.xml)")
        if not path:
            return
        try:
            documents.export_xml(self.document.filing, path, copy)
        except WriteError as error:
            QMessageBox.warning(self, "Not exported", str(error))
            return
        except OSError as error:
            QMessageBox.warning(self, "Not exported", str(error))
            return
        self.say(f"Exported the {copy.value} copy to {path}.")

    def _pdf(self, copies: int = 1) -> bytes | None:
        from form4_desktop.pdf import UnsupportedForm, render_pdf

        draft = any(finding.severity is Severity.ERROR for finding in self.findings)
        try:
            return render_pdf(self.document.filing, copies=copies, draft=draft)
        except UnsupportedForm as error:
            QMessageBox.information(self, "Cannot print", str(error))
            return None

    def export_pdf(self) -> None:
        self.commit_typing()
        path, _ = QFileDialog.getSaveFileName(self, "Export PDF", self._default_name("pdf"), "PDF (*.pdf)")
        if path:
            data = self._pdf()
            if data is not None:
                from form4_desktop.app.files import write_atomically

                write_atomically(path, data)
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
        self.commit_typing()
        from PySide6.QtPdfWidgets import QPdfView

        data = self._pdf()
        if data is None:
            return None
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
        print_button.clicked.connect(lambda: (dialog.accept(), self.print_form()))
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(view)
        layout.addWidget(buttons)
        dialog.resize(1000, 760)
        dialog.open()
        return dialog

    def print_form(self) -> None:
        self.commit_typing()
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setCopyCount(3)  # "File three copies of this Form, one of which must be manually signed"
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer) -> int:
        """Paint the PDF's pages on `printer`; returns the pages printed."""
        from PySide6.QtGui import QPageLayout, QPageSize

        copies = max(printer.copyCount(), 1)
        if copies > 1 and not printer.supportsMultipleCopies():
            printer.setCopyCount(1)  # the printer cannot repeat the job itself: print the copies as pages
        else:
            copies = 1
        data = self._pdf(copies)
        if data is None:
            return 0
        pdf = self._pdf_document(data)
        printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.Letter), QPageLayout.Orientation.Landscape,
                                          printer.pageLayout().margins()))
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, "Not printed", "The printer could not be started.")
            return 0
        pages = pdf.pageCount()
        for page in range(pages):
            if page:
                printer.newPage()
            target = painter.viewport()
            image = pdf.render(page, QSize(target.width(), target.height()))
            painter.drawImage(target, image)
        painter.end()
        self.say(f"Printed {pages} pages.")
        return pages

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not getattr(self, "_sized", False):  # the browser's first width: wide enough to read a row
            self._sized = True
            QTimer.singleShot(0, lambda: self.resizeDocks([self.browser_dock], [max(380, self.width() * 3 // 10)],
                                                          Qt.Orientation.Horizontal))

    # -- closing -----------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.document.modified and not self.document.read_only:
            self.autosaver.flush()
        if not self.confirm_discard():
            event.ignore()
            return
        self.autosave_timer.stop()
        event.accept()

"""`form4-desktop`: the desktop app's entry point.

For now the window opens an EDGAR XML file and shows what it reports and every problem found in it; the
draft browser and the Form 4 editor (issue 6) grow from here.
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import date
from typing import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from form4_desktop import __version__
from form4_desktop.app import documents
from form4_desktop.app.logs import configure_logging
from form4_desktop.edgar_xml import ReadError
from form4_desktop.model import DerivativeTransaction, Filing, NonDerivativeTransaction
from form4_desktop.rules import Severity

log = logging.getLogger("form4_desktop.gui")


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Form 4 Desktop")
        self.resize(1100, 700)
        self.summary = QTreeWidget()
        self.summary.setHeaderLabels(["Box", "Value"])
        self.summary.setColumnWidth(0, 360)
        self.findings = QListWidget()
        self.heading = QLabel("Open an EDGAR ownership XML file (File ▸ Open, Ctrl+O) to see what it reports "
                              "and every problem EDGAR would find.")
        self.heading.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.summary)
        splitter.addWidget(self.findings)
        splitter.setSizes([480, 200])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.heading)
        layout.addWidget(splitter)
        self.setCentralWidget(central)

        menu = self.menuBar().addMenu("&File")
        open_action = QAction("&Open EDGAR XML…", self, shortcut=QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self.choose_file)
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu.addAction(open_action)
        menu.addSeparator()
        menu.addAction(quit_action)
        self.statusBar().showMessage("Ready")

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open EDGAR XML", "", "EDGAR XML (*.xml);;All files (*)")
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> bool:
        try:
            filing = documents.open_xml(path)
        except ReadError as error:
            QMessageBox.warning(self, "Cannot open the file", str(error))
            return False
        self.show_filing(path, filing)
        return True

    def show_filing(self, path: str, filing: Filing) -> None:
        self.heading.setText(f"<b>{path}</b> — Form {filing.document_type}")
        self.summary.clear()

        def add(parent, box: str, value: object = "") -> QTreeWidgetItem:
            item = QTreeWidgetItem([box, "" if value is None else str(value)])
            (parent.addChild if isinstance(parent, QTreeWidgetItem) else self.summary.addTopLevelItem)(item)
            return item

        add(self.summary, "2. Issuer", f"{filing.issuer.name or ''} [{filing.issuer.trading_symbol}] "
                                       f"CIK {filing.issuer.cik}")
        add(self.summary, "3. Date of earliest transaction", filing.period_of_report)
        for number, owner in enumerate(filing.reporting_owners, start=1):
            add(self.summary, f"1. Reporting person {number}", f"{owner.name or ''} (CIK {owner.cik})")
        table_i = add(self.summary, "Table I — Non-Derivative Securities", f"{len(filing.table_i)} rows")
        for row in filing.table_i:
            kind = "transaction" if isinstance(row, NonDerivativeTransaction) else "holding"
            add(table_i, f"{row.security_title.value} ({kind})", _following(row))
        table_ii = add(self.summary, "Table II — Derivative Securities", f"{len(filing.table_ii)} rows")
        for row in filing.table_ii:
            kind = "transaction" if isinstance(row, DerivativeTransaction) else "holding"
            add(table_ii, f"{row.security_title.value} ({kind})", _following(row))
        notes = add(self.summary, "Explanation of Responses", f"{len(filing.footnotes)} footnotes")
        for footnote in filing.footnotes:
            add(notes, footnote.id, footnote.text)
        self.summary.expandAll()

        self.findings.clear()
        findings = documents.check_filing(filing, date.today())
        for finding in findings:
            item = QListWidgetItem(f"{finding.severity.value.upper()}  {finding.field_path}: {finding.message}")
            self.findings.addItem(item)
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
        self.statusBar().showMessage(f"{errors} errors, {warnings} warnings")


def _following(row: object) -> str:
    shares = getattr(row, "shares_owned_following", None)
    value = getattr(row, "value_owned_following", None)
    box = shares or value
    return f"owned following: {box.value}" if box is not None and box.value is not None else ""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="form4-desktop", description="Form 4 Desktop")
    parser.add_argument("--version", action="version", version=f"form4-desktop {__version__}")
    parser.add_argument("files", nargs="*", help="EDGAR XML files to open")
    arguments = parser.parse_args(argv)
    configure_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow()
    for path in arguments.files[:1]:
        window.open_file(path)
    window.show()
    return app.exec()


def run() -> None:
    try:
        sys.exit(main())
    except SystemExit:
        raise
    except Exception:
        log.exception("form4-desktop failed")
        raise

"""The Item 405 register (Compliance ▸ Item 405 register…): for one issuer and fiscal year, each insider's late
reports, transactions reported late and known failures to file (Regulation S-K Item 405), with what each count is
made of, and the Form 5 sweep of the same year (who owes a Form 5 and the rows it should carry, or that the issuer
may rely on a written representation that none is required). Export CSV writes the register for the proxy
drafter. The numbers come from app.compliance (late_register, form5_sweep), as `form4 late` prints them."""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from form4_desktop.app import compliance
from form4_desktop.gui import dialogs
from form4_desktop.gui.actions import run_action
from form4_desktop.rules.closures import Calendar
from form4_desktop.rules.register import FiscalYear, RegisterLine
from form4_desktop.rules.sweep import SweepLine
from form4_desktop.store import DraftStore

REGISTER_HEADINGS = (
    "Owner CIK",
    "Reporting person",
    "Late reports",
    "Late transactions",
    "Failures to file",
    "Dates assumed",
    "What the counts are",
)
SWEEP_HEADINGS = ("Owner CIK", "Reporting person", "Form 5", "Due", "Rows", "Why / rows to carry")
RED = QColor("#b00020")


def _cell(text: str, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if tip:
        item.setToolTip(tip)
    return item


class RegisterView(QDialog):
    """`today` and `calendar` are for tests (default: EDGAR's filing day now, and the user's closures)."""

    def __init__(
        self,
        store: DraftStore,
        parent: QWidget | None = None,
        *,
        open_draft: Callable[[int], object] | None = None,
        issuer_cik: str | None = None,
        year: int | None = None,
        today: date | None = None,
        calendar: Calendar | None = None,
    ):
        super().__init__(parent)
        self.store, self.today, self.calendar, self.open_draft = store, today, calendar, open_draft
        self.lines: list[RegisterLine] = []
        self.sweep: list[SweepLine] = []
        self.setWindowTitle("Item 405 register")
        self.resize(1180, 640)

        self.issuer = QComboBox()
        self.issuer.setObjectName("issuer")
        self.issuer.setEditable(True)  # a CIK can be typed too
        for known in sorted(store.known_issuers(), key=lambda i: (i.name or "").lower()):
            label = (
                f"{known.name or 'CIK ' + known.cik} [{known.trading_symbol}]"
                if known.trading_symbol
                else (known.name or f"CIK {known.cik}")
            )
            self.issuer.addItem(f"{label} — {compliance.padded(known.cik)}", known.cik)
        if issuer_cik is not None:
            found = self.issuer.findData(issuer_cik)
            if found < 0:
                found = next(
                    (
                        i
                        for i in range(self.issuer.count())
                        if compliance.padded(self.issuer.itemData(i)) == compliance.padded(issuer_cik)
                    ),
                    -1,
                )
            if found >= 0:
                self.issuer.setCurrentIndex(found)
            else:
                self.issuer.setEditText(issuer_cik)
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(1934, 2200)
        self.year.setValue(year if year is not None else (today or date.today()).year - 1)
        self.fiscal_year_end = QLineEdit("12/31")
        self.fiscal_year_end.setObjectName("fiscal_year_end")
        self.fiscal_year_end.setMaximumWidth(70)
        self.fiscal_year_end.setToolTip("The issuer's fiscal year end, MM/DD")
        self.all_insiders = QCheckBox("Show insiders with nothing late")
        show = QPushButton("Show")
        show.setObjectName("show")
        show.clicked.connect(self.refresh)
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setObjectName("export_csv")
        self.export_button.clicked.connect(self.export_csv)
        self.form5_button = QPushButton("Start Form 5…")
        self.form5_button.setObjectName("start_form5")
        self.form5_button.setToolTip("A new draft Form 5 for the chosen insider, with the rows the sweep found")
        self.form5_button.setEnabled(False)
        self.form5_button.clicked.connect(self.start_form5)
        top = QHBoxLayout()
        for label, widget, stretch in (
            ("Issuer:", self.issuer, 1),
            ("Fiscal year:", self.year, 0),
            ("ending", self.fiscal_year_end, 0),
        ):
            top.addWidget(QLabel(label))
            top.addWidget(widget, stretch)
        top.addWidget(self.all_insiders)
        top.addWidget(show)

        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.table = self._table("register", REGISTER_HEADINGS)
        self.sweep_table = self._table("sweep", SWEEP_HEADINGS)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, "Item 405 register")
        self.tabs.addTab(self.sweep_table, "Form 5 sweep")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.form5_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.sweep_table.itemSelectionChanged.connect(self._sweep_chosen)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.all_insiders.toggled.connect(self._fill)
        if self.issuer_cik():
            self.refresh()

    @staticmethod
    def _table(name: str, headings: tuple[str, ...]) -> QTableWidget:
        table = QTableWidget(0, len(headings))
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headings)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)  # one insider at a time
        table.verticalHeader().setVisible(False)
        table.setWordWrap(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(headings) - 1, QHeaderView.ResizeMode.Stretch)
        # wrapped text is as tall as the column's width makes it: measure again whenever a column changes width
        header.sectionResized.connect(lambda *_: table.resizeRowsToContents())
        return table

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.table.resizeRowsToContents()
        self.sweep_table.resizeRowsToContents()

    def issuer_cik(self) -> str:
        data = self.issuer.currentData()
        if data and self.issuer.currentText() == self.issuer.itemText(self.issuer.currentIndex()):
            return str(data)
        text = self.issuer.currentText().strip()
        digits = text.rsplit("—", 1)[-1].strip()
        return digits if digits.isdigit() and len(digits) <= 10 else ""

    def _fiscal_year_end(self) -> tuple[int, int] | None:
        month, _, day = self.fiscal_year_end.text().strip().partition("/")
        try:
            end = (int(month), int(day))
            date(2000, *end)
        except ValueError:
            return None
        return end

    def refresh(self) -> None:
        issuer, end = self.issuer_cik(), self._fiscal_year_end()
        if not issuer:
            dialogs.tell(self, "Item 405 register", "Choose an issuer, or type its CIK (up to 10 digits).")
            return
        if end is None:
            dialogs.tell(
                self,
                "Item 405 register",
                f"'{self.fiscal_year_end.text()}' is not a fiscal year end; type it as MM/DD, e.g. 12/31 or 06/30.",
            )
            return
        year = self.year.value()
        self.lines = compliance.late_register(self.store, issuer, year, end, self.today, self.calendar)
        self.sweep = compliance.form5_sweep(self.store, issuer, year, end, self.today, self.calendar)
        delinquent = [line for line in self.lines if line.delinquent]
        owed = [line for line in self.sweep if line.owed]
        assumed = any(line.assumed_dates for line in delinquent)
        self.summary.setText(
            f"Fiscal year {year} (ending {end[0]:02d}/{end[1]:02d}/{year}): {len(delinquent)} of "
            f"{len(self.lines)} insiders with late reports or failures to file; {len(owed)} owe a Form 5."
            + (
                " Some filing dates are assumed from the signature (imported without --filed-on): confirm them on "
                "EDGAR before the proxy goes out."
                if assumed
                else ""
            )
        )
        self._fill()

    def _fill(self) -> None:
        shown = [line for line in self.lines if line.delinquent or self.all_insiders.isChecked()]
        self.table.setRowCount(len(shown))
        for number, line in enumerate(shown):
            details = "\n".join(line.items)
            values = (*compliance.register_row(line), details)
            for column, text in enumerate(values):
                item = _cell(text, details if column < 2 else "")
                if column in (2, 3, 4) and text != "0":
                    item.setForeground(QBrush(RED))
                if column in (2, 3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(number, column, item)
        self.table.resizeRowsToContents()
        self.sweep_table.setRowCount(len(self.sweep))
        for number, line in enumerate(self.sweep):
            state = "owed" if line.owed else ("filed" if line.form5_filed is not None else "not owed")
            rows = "\n".join(carried.describe() for carried in line.rows)
            values = (
                line.owner_cik,
                line.owner,
                state,
                f"{line.due:%m/%d/%Y}" if line.due else "",
                str(len(line.rows)),
                line.why + (f"\n{rows}" if rows else ""),
            )
            for column, text in enumerate(values):
                item = _cell(text)
                if line.owed and column == 2:
                    item.setForeground(QBrush(RED))
                self.sweep_table.setItem(number, column, item)
        self.sweep_table.resizeRowsToContents()
        self.export_button.setEnabled(bool(self.lines))

    def chosen_sweep(self) -> SweepLine | None:
        rows = {index.row() for index in self.sweep_table.selectedIndexes()}
        return self.sweep[rows.pop()] if len(rows) == 1 else None

    def _sweep_chosen(self) -> None:
        line = self.chosen_sweep()
        self.form5_button.setEnabled(line is not None and line.owed and not self.store.read_only)

    def start_form5(self) -> None:
        """A draft Form 5 for the chosen insider with the sweep's rows, opened in the editor (or named)."""
        line, end = self.chosen_sweep(), self._fiscal_year_end()
        if line is None or not line.owed or end is None:
            return
        year = self.year.value()
        fiscal_end = FiscalYear(year, *end).end
        draft_id = run_action(
            self, "No Form 5 started", lambda: compliance.start_form5(self.store, line, self.issuer_cik(), fiscal_end)
        )
        if draft_id is None:
            return
        if self.open_draft is not None:
            self.open_draft(draft_id)
            self.accept()
        else:
            dialogs.tell(self, "Form 5 sweep", f"Draft {draft_id} is the Form 5 of {line.owner}.", "information")

    def export_csv(self) -> None:
        if not self.lines:
            return
        issuer = self.issuer_cik()
        path = dialogs.save_file(
            self, "Export the Item 405 register", f"item405-{issuer}-{self.year.value()}.csv", "CSV files (*.csv)"
        )
        if not path:
            return

        def write() -> bool:
            compliance.write_register_csv(self.lines, path)
            return True

        if run_action(self, "Not exported", write):
            dialogs.tell(self, "Item 405 register", f"The register was written to {path}.", "information")

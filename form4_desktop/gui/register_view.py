"""The Item 405 register (Compliance ▸ Item 405 register…): for one issuer and fiscal year, each insider's late
reports, transactions reported late and known failures to file (Regulation S-K Item 405), with what each count is
made of, and the Form 5 sweep of the same year (who owes a Form 5 and the rows it should carry, or that the issuer
may rely on a written representation that none is required). Export CSV and Export PDF write the register shown
for the proxy drafter. The issuer's fiscal year end is the one the store keeps for it (12/31 until one is given);
a fiscal year end typed here is kept for the issuer when the register is shown with it. The numbers come from
app.compliance (late_register, form5_sweep), as `form4 late` prints them."""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from form4_desktop.app import compliance
from form4_desktop.app.register_export import file_name, write_register_pdf
from form4_desktop.gui import dialogs
from form4_desktop.gui.actions import run_action
from form4_desktop.gui.desk import cell, chosen_cik, party_box, report_table, wrapping
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
        self.shown: tuple[str, FiscalYear, date] | None = None  # issuer, fiscal year and day the register judged
        self.setWindowTitle("Item 405 register")
        self.resize(1180, 640)

        self.issuer = party_box("issuer", store.known_issuers(), issuer_cik)
        self.issuer.setToolTip("The issuer: choose by name, or type the CIK")
        self.fiscal_year_end = QLineEdit()
        self.fiscal_year_end.setObjectName("fiscal_year_end")
        self.fiscal_year_end.setMaximumWidth(70)
        self.fiscal_year_end.setToolTip(
            "The issuer's fiscal year end, MM/DD: kept with the issuer in the store when the register is shown"
        )
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(1934, 2200)
        end = self._issuers_year_end()
        self.year.setValue(year if year is not None else self._last_complete_year(end))
        self.issuer.currentIndexChanged.connect(lambda _: self._issuers_year_end())
        self.all_insiders = QCheckBox("Show insiders with nothing late")
        show = QPushButton("Show")
        show.setObjectName("show")
        show.setDefault(True)  # Enter in any box shows the register (once: no box also asks for it)
        show.clicked.connect(self.refresh)
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setObjectName("export_csv")
        self.export_button.clicked.connect(self.export_csv)
        self.pdf_button = QPushButton("Export PDF…")
        self.pdf_button.setObjectName("export_pdf")
        self.pdf_button.setToolTip("The register shown, as a PDF table for the proxy drafter")
        self.pdf_button.clicked.connect(self.export_pdf)
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
        for button in (self.export_button, self.pdf_button, self.form5_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.sweep_table.itemSelectionChanged.connect(self._sweep_chosen)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.all_insiders.toggled.connect(self._fill)
        self._fill()
        if self.issuer_cik():
            self.refresh()

    @staticmethod
    def _table(name: str, headings: tuple[str, ...]) -> QTableWidget:
        return wrapping(report_table(name, headings))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.table.resizeRowsToContents()
        self.sweep_table.resizeRowsToContents()

    def issuer_cik(self) -> str:
        return chosen_cik(self.issuer)

    def _issuers_year_end(self) -> tuple[int, int]:
        """Show the fiscal year end the store keeps for the issuer chosen (12/31 until one is given)."""
        issuer = self.issuer_cik()
        end = self.store.fiscal_year_end(issuer) if issuer else (12, 31)
        self.fiscal_year_end.setText(f"{end[0]:02d}/{end[1]:02d}")
        return end

    def _last_complete_year(self, end: tuple[int, int]) -> int:
        """The latest fiscal year that has ended by today: the one the proxy statement reports on."""
        today = self.today or date.today()
        return today.year if FiscalYear(today.year, *end).end < today else today.year - 1

    def _fiscal_year_end(self) -> tuple[int, int] | None:
        month, _, day = self.fiscal_year_end.text().strip().partition("/")
        try:
            end = (int(month), int(day))
            date(2000, *end)  # a leap year: 02/29 stands for February's last day
        except ValueError:
            return None
        return end

    def _keep_year_end(self, issuer: str, end: tuple[int, int]) -> str:
        """Keep a fiscal year end typed here with the issuer; what to add to the summary about it."""
        if self.store.fiscal_year_end(issuer) == end:
            return ""
        if self.store.read_only is not None:
            return " The fiscal year end typed is not kept: the store is open for reading only."
        kept = run_action(
            self,
            "Fiscal year end not kept",
            lambda: self.store.set_fiscal_year_end(issuer, *end) or True,
        )
        return f" {end[0]:02d}/{end[1]:02d} is now kept as this issuer's fiscal year end." if kept else ""

    def refresh(self) -> None:
        issuer, end = self.issuer_cik(), self._fiscal_year_end()
        if not issuer:
            dialogs.tell(self, "Item 405 register", "Choose an issuer, or type its CIK (up to 10 digits).")
            return
        if end is None:
            dialogs.tell(
                self,
                "Item 405 register",
                f"Fiscal year end: '{self.fiscal_year_end.text()}' is not a day of the year; type it as MM/DD, e.g. "
                "12/31 or 06/30.",
            )
            self.fiscal_year_end.setFocus()
            return
        kept = self._keep_year_end(issuer, end)
        year = self.year.value()
        found = compliance.IssuerYear(self.store, issuer, year, end, self.today, self.calendar)
        self.lines, self.sweep = found.register(), found.sweep()
        fiscal = found.fiscal
        self.shown = (issuer, fiscal, found.today)
        delinquent = [line for line in self.lines if line.delinquent]
        owed = [line for line in self.sweep if line.owed]
        assumed = any(line.assumed_dates for line in delinquent)
        self.summary.setText(
            f"Fiscal year {fiscal.year} ({fiscal.start:%m/%d/%Y} to {fiscal.end:%m/%d/%Y}): {len(delinquent)} of "
            f"{len(self.lines)} insiders with late reports or failures to file; {len(owed)} owe a Form 5."
            + (
                " Some filing dates are assumed from the signature (copies imported from EDGAR without their filing "
                "dates): confirm them on EDGAR before the proxy goes out."
                if assumed
                else ""
            )
            + kept
        )
        self._fill()

    def _fill(self) -> None:
        shown = [line for line in self.lines if line.delinquent or self.all_insiders.isChecked()]
        self.table.setRowCount(len(shown))
        for number, line in enumerate(shown):
            details = "\n".join(f"\u2022 {item}" for item in line.items)
            values = (*compliance.register_row(line), details)
            for column, text in enumerate(values):
                count = column in (2, 3, 4)
                item = cell(text, details if column < 2 else "", right=count, red=count and text != "0")
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
                self.sweep_table.setItem(number, column, cell(text, red=line.owed and column == 2))
        self.sweep_table.resizeRowsToContents()
        self.export_button.setEnabled(bool(self.lines))
        self.pdf_button.setEnabled(self.shown is not None)

    def chosen_sweep(self) -> SweepLine | None:
        rows = {index.row() for index in self.sweep_table.selectedIndexes()}
        return self.sweep[rows.pop()] if len(rows) == 1 else None

    def _sweep_chosen(self) -> None:
        line = self.chosen_sweep()
        self.form5_button.setEnabled(line is not None and line.owed and not self.store.read_only)

    def start_form5(self) -> None:
        """A draft Form 5 for the chosen insider with the sweep's rows, opened in the editor (or named)."""
        line = self.chosen_sweep()
        if line is None or not line.owed or self.shown is None:
            return
        issuer, fiscal, _ = self.shown
        draft_id = run_action(
            self, "No Form 5 started", lambda: compliance.start_form5(self.store, line, issuer, fiscal.end)
        )
        if draft_id is None:
            return
        if self.open_draft is not None:
            self.open_draft(draft_id)
            self.accept()
        else:
            dialogs.tell(self, "Form 5 sweep", f"Draft {draft_id} is the Form 5 of {line.owner}.", "information")

    def _export(self, what: str, suffix: str, filter_: str, write: Callable[[str], object]) -> None:
        """Ask where, write the register shown there, and say so (or say in one sentence why not)."""
        if self.shown is None:
            return
        issuer, fiscal, _ = self.shown
        path = dialogs.save_file(
            self, f"Export the Item 405 register as {what}", file_name(self.store, issuer, fiscal.year, suffix), filter_
        )
        if not path:
            return
        if run_action(self, "Not exported", lambda: write(path) or True):
            dialogs.tell(self, "Item 405 register", f"The register was written to {path}.", "information")

    def export_csv(self) -> None:
        if self.lines:
            self._export(
                "CSV", "csv", "CSV files (*.csv)", lambda path: compliance.write_register_csv(self.lines, path)
            )

    def export_pdf(self) -> None:
        """The register shown (issuer, fiscal year and the day it was judged on) as a PDF table."""
        if self.shown is None:
            return
        issuer, fiscal, today = self.shown
        self._export(
            "PDF",
            "pdf",
            "PDF files (*.pdf)",
            lambda path: write_register_pdf(self.store, self.lines, issuer, fiscal, today, path),
        )

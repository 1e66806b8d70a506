"""The deadline dashboard (Compliance ▸ Deadlines…): every draft not yet filed with its form, owner, issuer, due date
and time left on the New York clock (hours and minutes on the due day), overdue ones first and in red; then the
filed ones with their filing date and whether they were on time. Filter by insider and issuer, sort by any column
(a click on its heading), and double-click a row to open the draft. The rows come from app.compliance.deadlines.
Between an issuer's fiscal year end (the one the store keeps for it) and the Form 5 due date 45 days later, a line
above the table says Form 5s are due, and when."""

from __future__ import annotations

from datetime import date, datetime
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from form4_desktop.app import compliance
from form4_desktop.gui.desk import RED, report_table
from form4_desktop.rules import deadline
from form4_desktop.rules.register import FiscalYear
from form4_desktop.rules.closures import Calendar
from form4_desktop.store import DraftStore

COLUMNS = ("Status", "Form", "Reporting owner", "Issuer", "Due (10 p.m. ET)", "Time left / filed on", "On time")
AMBER = QColor("#8a5300")
SORT = Qt.ItemDataRole.UserRole + 1
DRAFT = Qt.ItemDataRole.UserRole


class _Item(QTableWidgetItem):
    """A cell sorted by its key (a date, a number of days), not by its text."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT), other.data(SORT)
        if mine is not None and theirs is not None:
            try:
                return mine < theirs
            except TypeError:
                pass
        return super().__lt__(other)


def _day(value: date | None) -> str:
    return f"{value:%m/%d/%Y}" if value else ""


def form5_season(
    store: DraftStore, issuers: dict[str, str], today: date, calendar: Calendar
) -> list[tuple[str, date, date]]:
    """(issuer, fiscal year end, Form 5 due date) of each issuer (CIK: name) whose fiscal year, ending on the day
    the store keeps for it, ended before `today` with its Form 5s not yet past due; by due date."""
    found = []
    for cik, name in issuers.items():
        end = store.fiscal_year_end(cik)
        year = FiscalYear(today.year, *end)
        ended = year.end if year.end < today else FiscalYear(today.year - 1, *end).end
        due = deadline.form5_due_date(ended, calendar)
        if due is not None and today <= due:
            found.append((name, ended, due))
    return sorted(found, key=lambda item: (item[2], item[0]))


class DeadlineDashboard(QDialog):
    """`open_draft(draft_id)` opens a draft (the main window's); `moment` and `calendar` are for tests (default:
    now on New York's clock, and the user's EDGAR closures)."""

    def __init__(
        self,
        store: DraftStore,
        open_draft: Callable[[int], object],
        parent: QWidget | None = None,
        *,
        moment: datetime | None = None,
        calendar: Calendar | None = None,
    ):
        super().__init__(parent)
        self.store, self.open_draft = store, open_draft
        self.moment, self.calendar = moment, calendar
        self.rows: list[compliance.DraftDeadline] = []
        self.setWindowTitle("Deadlines")
        self.resize(1180, 640)

        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.form5 = QLabel()
        self.form5.setObjectName("form5_season")
        self.form5.setWordWrap(True)
        self.owner_filter = QComboBox()
        self.owner_filter.setObjectName("owner_filter")
        self.issuer_filter = QComboBox()
        self.issuer_filter.setObjectName("issuer_filter")
        self.show_filed = QComboBox()
        self.show_filed.addItems(["Unfiled and filed", "Unfiled only"])
        refresh = QPushButton("Refresh")
        refresh.clicked.connect(self.refresh)
        filters = QHBoxLayout()
        for label, box in (("Insider:", self.owner_filter), ("Issuer:", self.issuer_filter)):
            filters.addWidget(QLabel(label))
            filters.addWidget(box, 1)
        filters.addWidget(self.show_filed)
        filters.addWidget(refresh)

        self.table = report_table("deadlines", COLUMNS, stretch=(2, 3))
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.doubleClicked.connect(self._open)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.form5)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        hint = QLabel("Double-click a row to open the draft. Click a column's heading to sort by it.")
        hint.setEnabled(False)
        layout.addWidget(hint)
        layout.addWidget(buttons)

        for box in (self.owner_filter, self.issuer_filter, self.show_filed):
            box.currentIndexChanged.connect(self._fill)
        self.refresh()

    def refresh(self) -> None:
        """Read the store again and recompute every deadline on the clock now."""
        self.rows = compliance.deadlines(self.store, self.moment, self.calendar)
        for box, label, values in (
            (self.owner_filter, "All insiders", sorted({row.owner for row in self.rows if row.owner})),
            (self.issuer_filter, "All issuers", sorted({row.issuer for row in self.rows if row.issuer})),
        ):
            current = box.currentText()
            box.blockSignals(True)
            box.clear()
            box.addItem(label)
            box.addItems(values)
            box.setCurrentIndex(max(box.findText(current), 0))
            box.blockSignals(False)
        overdue = sum(1 for row in self.rows if row.overdue)
        soon = len(compliance.due_soon(self.rows)) - overdue
        from form4_desktop.app import clock

        now = clock.status(None, self.calendar, self.moment)
        self._form5_season()
        self.summary.setText(
            f"<b>{overdue} overdue</b>, {soon} due within two business days, "
            f"{sum(1 for row in self.rows if not row.filed)} unfiled in all — {now}"
        )
        self._fill()

    def _form5_season(self) -> None:
        """Say which issuers' Form 5s are due soon: their fiscal year ended, the 45 days not yet past."""
        from form4_desktop.app.clock import new_york_now
        from form4_desktop.app.closures import load_calendar

        calendar = self.calendar if self.calendar is not None else load_calendar()
        today = deadline.filing_day(self.moment or new_york_now(), calendar)
        issuers = {row.issuer_cik: row.issuer for row in self.rows if row.issuer_cik}
        season = form5_season(self.store, issuers, today, calendar)
        self.form5.setText(
            " ".join(
                f"Form 5s of {name} for the fiscal year ended {ended:%m/%d/%Y} are due {due:%a} {due:%m/%d/%Y}."
                for name, ended, due in season
            )
            + (" The Form 5 sweep (Compliance ▸ Item 405 register) says who owes one." if season else "")
        )
        self.form5.setVisible(bool(season))

    def visible_rows(self) -> list[compliance.DraftDeadline]:
        owner = self.owner_filter.currentText() if self.owner_filter.currentIndex() > 0 else None
        issuer = self.issuer_filter.currentText() if self.issuer_filter.currentIndex() > 0 else None
        return [
            row
            for row in self.rows
            if (owner is None or row.owner == owner)
            and (issuer is None or row.issuer == issuer)
            and (not row.filed or self.show_filed.currentIndex() == 0)
        ]

    def _fill(self) -> None:
        rows = self.visible_rows()
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            if row.filed:
                status = "Filed"
                left = f"filed {_day(row.filed_on)}" + (" (assumed)" if row.assumed else "")
                on_time = (
                    ""
                    if row.on_time is None
                    else "on time"
                    if row.on_time
                    else (f"late by {row.business_days_late} business day{'s' if row.business_days_late != 1 else ''}")
                )
                left_key: object = (2, -(row.filed_on.toordinal() if row.filed_on else 0))
            else:
                status = "OVERDUE" if row.overdue else "Draft"
                left = row.time_left or "no deadline"
                on_time = ""
                left_key = (0, -row.business_days_late) if row.overdue else (1, row.business_days_left or 0)
            cells = [
                (status, number),
                (row.form, row.form),
                (row.owner, row.owner.lower()),
                (row.issuer, row.issuer.lower()),
                (_day(row.due), (row.due or date.max).toordinal()),
                (left, left_key),
                (on_time, on_time),
            ]
            for column, (text, key) in enumerate(cells):
                item = _Item(text)
                item.setData(SORT, key)
                item.setData(DRAFT, row.draft_id)
                if column == 4 and row.why:
                    item.setToolTip(row.why)
                if row.overdue:
                    item.setForeground(QBrush(RED))
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                elif not row.filed and row.business_days_left == 0:
                    item.setForeground(QBrush(AMBER))
                elif row.filed and row.on_time is False and column == 6:
                    item.setForeground(QBrush(RED))
                self.table.setItem(number, column, item)
        self.table.setSortingEnabled(True)
        self.table.sortItems(0, Qt.SortOrder.AscendingOrder)  # the dashboard's own order: overdue first

    def _open(self, index) -> None:
        item = self.table.item(index.row(), 0)
        if item is None:
            return
        self.open_draft(int(item.data(DRAFT)))
        self.accept()

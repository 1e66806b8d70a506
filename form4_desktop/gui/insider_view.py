"""The insider view (Draft ▸ Insider View): for one reporting owner and issuer, the positions now (or as of a
date), every filing as a timeline (form, dates, filed or draft, breaks in the chain), and a chart of the chosen
position over time. Double-click a filing (or a point of the chart's position in the timeline) to open it."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from typing import Callable

from PySide6.QtCharts import QCategoryAxis, QChart, QChartView, QDateTimeAxis, QLineSeries
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from form4_desktop.app import holdings
from form4_desktop.model.display import format_date
from form4_desktop.model.holdings import Ledger, Position
from form4_desktop.model.typed import TypedValueError, read_date
from form4_desktop.store import DraftStore


def _amount(value) -> str:
    return "" if value is None else f"{value:,f}" if value == value.to_integral_value() else f"{value:,}"


def _nice_step(span: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about five ticks over `span`."""
    raw = max(span, 1.0) / 5
    power = 10 ** math.floor(math.log10(raw))
    return next(power * factor for factor in (1, 2, 5, 10) if power * factor >= raw)


def _amount_axis(amounts: list[float]) -> QCategoryAxis:
    """The amount axis from 0 (or below, for a negative amount) to above the largest amount, its labels with
    thousands separators as the form writes amounts ("250,000", not "250000")."""
    low = min([0.0, *amounts])
    high = max([1.0, *amounts])
    step = _nice_step(high - low)
    bottom = math.floor(low / step) * step
    top = math.ceil(high * 1.1 / step) * step
    axis = QCategoryAxis()
    axis.setTitleText("Shares owned")
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis.setRange(bottom, top)
    value = bottom
    while value <= top + step / 2:
        axis.append(f"{value:,.0f}", value)
        value += step
    return axis


class InsiderView(QDialog):
    def __init__(
        self,
        store: DraftStore,
        open_draft: Callable[[int], object],
        parent: QWidget | None = None,
        owner_cik: str | None = None,
        issuer_cik: str | None = None,
    ):
        super().__init__(parent)
        self.store, self.open_draft = store, open_draft
        self.ledger: Ledger | None = None
        self.setWindowTitle("Insider view")
        self.resize(1180, 720)
        self.owner = QComboBox()
        self.owner.setObjectName("insider_owner")
        for owner in store.known_owners():
            self.owner.addItem(f"{owner.name or '(no name)'} — CIK {owner.cik}", owner.cik)
        self.issuer = QComboBox()
        self.issuer.setObjectName("insider_issuer")
        self.as_of = QLineEdit()
        self.as_of.setObjectName("insider_as_of")
        self.as_of.setPlaceholderText("MM/DD/YYYY (empty: now)")
        self.as_of.setMaximumWidth(180)
        self.note = QLabel()
        self.note.setWordWrap(True)
        top = QFormLayout()
        top.addRow("Reporting person:", self.owner)
        top.addRow("Issuer:", self.issuer)
        top.addRow("Positions as of:", self.as_of)
        self.positions = QTableWidget(0, 6)
        self.positions.setObjectName("insider_positions")
        self.positions.setHorizontalHeaderLabels(["Table", "Security", "D or I", "Nature", "Amount owned", "As of"])
        self.positions.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 44), (2, 56), (3, 110), (4, 104), (5, 84)):
            self.positions.setColumnWidth(column, width)
        self.positions.verticalHeader().hide()
        self.positions.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.positions.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.timeline = QTableWidget(0, 6)
        self.timeline.setObjectName("insider_timeline")
        self.timeline.setHorizontalHeaderLabels(["Form", "Period", "Filed", "Status", "Rows", "Chain"])
        self.timeline.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((64, 80, 80, 96, 40)):
            self.timeline.setColumnWidth(column, width)
        self.timeline.verticalHeader().hide()
        self.timeline.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.timeline.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.timeline.doubleClicked.connect(self._open_selected)
        self.chart = QChart()
        self.chart.legend().hide()
        self.chart_view = QChartView(self.chart)
        self.chart_view.setObjectName("insider_chart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(260)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.positions)
        left.addWidget(self.chart_view)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(left)
        body.addWidget(self.timeline)
        body.setSizes([660, 580])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addLayout(top, 1)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(body, 1)
        layout.addWidget(buttons)
        self.owner.currentIndexChanged.connect(lambda _: self._fill_issuers())
        self.issuer.currentIndexChanged.connect(lambda _: self.reload())
        self.as_of.editingFinished.connect(self.reload)
        self.positions.currentCellChanged.connect(lambda *_: self._chart())
        if owner_cik:
            found = [
                i for i in range(self.owner.count()) if self.owner.itemData(i).lstrip("0") == owner_cik.lstrip("0")
            ]
            if not found:  # the open draft's owner, not yet in the address book: still theirs, not someone else's
                self.owner.insertItem(0, f"(not yet saved) — CIK {owner_cik}", owner_cik)
                found = [0]
            self.owner.setCurrentIndex(found[0])
        self._fill_issuers(issuer_cik)

    def _fill_issuers(self, wanted: str | None = None) -> None:
        self.issuer.blockSignals(True)
        self.issuer.clear()
        owner = self.owner.currentData()
        seen: dict[str, str] = {}
        if owner:
            for row in self.store.ledger_filings(owner):
                issuer = row.filing.issuer
                key = issuer.cik.lstrip("0") or "0"
                seen.setdefault(key, f"{issuer.name or ''} [{issuer.trading_symbol}] — CIK {issuer.cik}")
        for key, label in sorted(seen.items(), key=lambda item: item[1]):
            self.issuer.addItem(label, key)
        if wanted:
            key = wanted.lstrip("0") or "0"
            if self.issuer.findData(key) < 0:
                # Asked for an issuer this person has no forms with yet (the open draft's): show that issuer,
                # empty, rather than another issuer's holdings under the draft's name.
                self.issuer.insertItem(0, f"CIK {wanted} (no filed or imported forms yet)", key)
            self.issuer.setCurrentIndex(self.issuer.findData(key))
        self.issuer.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        owner, issuer = self.owner.currentData(), self.issuer.currentData()
        as_of = None
        if self.as_of.text().strip():
            try:
                as_of = read_date(self.as_of.text())
            except TypedValueError as error:
                self.note.setText(f"Positions as of: {error}")
                return
        if not owner or not issuer:
            self.ledger = None
            self.positions.setRowCount(0)
            self.timeline.setRowCount(0)
            self.note.setText("Import or file this person's forms to see their holdings.")
            return
        self.ledger = holdings.ledger_of(self.store, owner, issuer)
        self._fill_positions(self.ledger.positions(as_of))
        self._fill_timeline(owner, issuer)
        breaks = self.ledger.breaks()
        if not self.store.ledger_filings(owner, issuer):
            self.note.setText(
                "This person has no filed or imported forms with this issuer yet: mark a draft filed, or import "
                "their past forms (File ▸ Import Folder)."
            )
        else:
            self.note.setText(
                f"{len(breaks)} row{'s' if len(breaks) != 1 else ''} where the amount owned does not follow from "
                "the filing before (marked in the timeline, with the amount the chain gives)."
                if breaks
                else "Every filing's amount owned follows from the one before."
            )
        self._chart()

    def _fill_positions(self, positions: list[Position]) -> None:
        self.shown_positions = positions
        self.positions.setRowCount(len(positions))
        for number, position in enumerate(positions):
            key = position.key
            for column, text in enumerate(
                (
                    key.table,
                    position.title,
                    key.ownership,
                    position.nature if key.ownership == "I" else "",
                    _amount(position.amount),
                    format_date(position.as_of) if position.as_of else "",
                )
            ):
                item = QTableWidgetItem(text)
                if column == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.positions.setItem(number, column, item)
        if positions:
            self.positions.setCurrentCell(0, 1)

    def _fill_timeline(self, owner: str, issuer: str) -> None:
        rows = sorted(
            self.store.ledger_filings(owner, issuer), key=lambda row: (row.filing.period_of_report or date.min, row.id)
        )
        broken: dict[object, list[str]] = {}
        for entry in self.ledger.breaks() if self.ledger else []:
            table = "I" if entry.table == "table_i" else "II"
            broken.setdefault(entry.ref, []).append(
                f"Table {table} row {entry.row + 1} says {_amount(entry.reported)}; "
                f"the filing before gives {_amount(entry.expected)}"
            )
        self.timeline.setRowCount(len(rows))
        for number, row in enumerate(rows):
            filing = row.filing
            cells = (
                f"Form {filing.document_type}",
                format_date(filing.period_of_report) if filing.period_of_report else "",
                format_date(row.filed_on) if row.filed_on else "",
                "filed" if row.status == "filed" else "draft (pending)",
                str(len(filing.table_i) + len(filing.table_ii)),
                "; ".join(broken.get(row.id, [])),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # the chain's sentence may be longer than its column
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                if row.id in broken:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.timeline.setItem(number, column, item)

    def _chart(self) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        row = self.positions.currentRow()
        positions = getattr(self, "shown_positions", [])
        if not 0 <= row < len(positions):
            self.chart.setTitle("")
            return
        position = positions[row]
        points = [(entry.when, entry.after) for entry in position.entries if entry.when and entry.after is not None]
        series = QLineSeries()
        # A holding stays what it is until the next transaction: a step, not a slope between two dates.
        previous = None
        for when, amount in points:
            at = QDateTime(datetime.combine(when, time(12))).toMSecsSinceEpoch()
            if previous is not None:
                series.append(at, previous)
            series.append(at, float(amount))
            previous = float(amount)
        self.chart.addSeries(series)
        self.chart.setTitle(f"{position.title} ({'direct' if position.key.ownership == 'D' else position.nature})")
        dates = QDateTimeAxis()
        dates.setFormat("MM/dd/yyyy")
        dates.setTitleText("Date")
        if points:
            # One date alone would be an axis of no length, and the chart would draw nothing: a month each side.
            first, last = points[0][0], points[-1][0]
            dates.setRange(
                QDateTime(datetime.combine(first - timedelta(days=30), time(0))),
                QDateTime(datetime.combine(last + timedelta(days=30), time(0))),
            )
        amounts = _amount_axis([float(amount) for _, amount in points])
        self.chart.addAxis(dates, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(amounts, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(dates)
        series.attachAxis(amounts)
        series.setPointsVisible(True)

    def _open_selected(self, index) -> None:
        draft_id = self.timeline.item(index.row(), 0).data(Qt.ItemDataRole.UserRole)
        if draft_id is not None and self.open_draft(draft_id):
            self.accept()

"""What the compliance desk's views (the deadline dashboard, the Item 405 register, the 16(b) report) share: a
read-only table chosen one row at a time, its cells, the red of what is late or owed, and the boxes that choose an
issuer or a reporting owner of the store by name or CIK."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableWidget, QTableWidgetItem

from form4_desktop.model import Issuer, ReportingOwner

RED = QColor("#b00020")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def report_table(name: str, headings: tuple[str, ...], stretch: tuple[int, ...] = (-1,)) -> QTableWidget:
    """A table to read, not to edit: rows chosen whole and one at a time, columns as wide as their contents but
    the `stretch` ones (the last by default), which share what is left."""
    table = QTableWidget(0, len(headings))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headings)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        header.setSectionResizeMode(column % len(headings), QHeaderView.ResizeMode.Stretch)
    return table


def cell(text: str, tip: str = "", *, right: bool = False, red: bool = False) -> QTableWidgetItem:
    """A read-only cell; `right` for numbers, `red` for what is late or owed."""
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if tip:
        item.setToolTip(tip)
    if right:
        item.setTextAlignment(RIGHT)
    if red:
        item.setForeground(QBrush(RED))
    return item


def wrapping(table: QTableWidget) -> QTableWidget:
    """Rows as tall as their wrapped text: measured again whenever a column changes width."""
    table.setWordWrap(True)
    table.horizontalHeader().sectionResized.connect(lambda *_: table.resizeRowsToContents())
    return table


def padded(cik: str) -> str:
    """A CIK as EDGAR writes it: ten digits."""
    return (cik.lstrip("0") or "0").zfill(10)


def _said(party: Issuer | ReportingOwner) -> str:
    name = party.name or f"CIK {party.cik}"
    symbol = getattr(party, "trading_symbol", "")
    return f"{name} [{symbol}] \u2014 {padded(party.cik)}" if symbol else f"{name} \u2014 {padded(party.cik)}"


def party_box(name: str, parties: list, chosen: str | None = None) -> QComboBox:
    """An editable box of the store's issuers or reporting owners, by name ("Tesla, Inc. [TSLA] — 0001318605"),
    in which a CIK can also be typed; it shows `chosen` (a CIK) if given, else the first by name."""
    box = QComboBox()
    box.setObjectName(name)
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.setMinimumContentsLength(28)
    for party in sorted(parties, key=lambda p: ((p.name or "").lower(), padded(p.cik))):
        if party.cik:
            box.addItem(_said(party), party.cik)
    if chosen:
        choose_cik(box, chosen)
    return box


def choose_cik(box: QComboBox, cik: str) -> None:
    """Show the party with this CIK, or the CIK as typed when the store does not know it."""
    found = next((i for i in range(box.count()) if padded(box.itemData(i)) == padded(cik)), -1)
    if found >= 0:
        box.setCurrentIndex(found)
    else:
        box.setEditText(cik)


def chosen_cik(box: QComboBox) -> str:
    """The CIK of the party shown, or the one typed (up to 10 digits, alone or after a dash); "" for none."""
    data = box.currentData()
    if data and box.currentText() == box.itemText(box.currentIndex()):
        return str(data)
    digits = box.currentText().strip().rsplit("\u2014", 1)[-1].strip()
    return digits if digits.isdigit() and len(digits) <= 10 else ""

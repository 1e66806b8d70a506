"""Cell editors for Table I and Table II: a date picker, the transaction code picker, A/D and D/I pickers,
and a decimal editor that refuses commas and "$" with a message and keeps what was typed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QStyledItemDelegate, QToolTip, QWidget

TRANSACTION_CODES = {
    "P": "Open market or private purchase",
    "S": "Open market or private sale",
    "A": "Grant, award or other acquisition (Rule 16b-3(d))",
    "D": "Disposition to the issuer (Rule 16b-3(e))",
    "F": "Payment of exercise price or tax by delivering or withholding securities",
    "I": "Discretionary transaction (Rule 16b-3(f))",
    "M": "Exercise or conversion of derivative security (Rule 16b-3)",
    "C": "Conversion of derivative security",
    "E": "Expiration of short derivative position",
    "H": "Expiration (or cancellation) of long derivative position with value received",
    "O": "Exercise of out-of-the-money derivative security",
    "X": "Exercise of in-the-money or at-the-money derivative security",
    "G": "Bona fide gift",
    "L": "Small acquisition under Rule 16a-6",
    "W": "Acquisition or disposition by will or the laws of descent",
    "Z": "Deposit into or withdrawal from voting trust",
    "J": "Other acquisition or disposition (describe in a footnote)",
    "U": "Disposition pursuant to a tender of shares in a change of control",
}
NO_DATE = QDate(1900, 1, 1)


def parse_decimal(text: str) -> tuple[Decimal | None, str | None]:
    """(value, None) or (None, message). Empty text is no value."""
    text = text.strip()
    if not text:
        return None, None
    if "," in text or "$" in text:
        return None, "Type the amount with digits and one period only, without commas or \"$\" (e.g. 1250.50)."
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None, f"'{text}' is not a number: use digits and one period only."
    if not value.is_finite() or value < 0:
        return None, "Give the amount without a sign; say (A) or (D) in its own column."
    return value, None


class CellDelegate(QStyledItemDelegate):
    """Picks the editor by the column's kind (see models.Column)."""

    refused = Signal(str)  # a sentence for the status bar when input was refused

    def __init__(self, columns, parent: QObject | None = None):
        super().__init__(parent)
        self.columns = columns
        self.pending: dict[tuple[int, int], str] = {}  # refused text, given back when the cell reopens

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802
        kind = self.columns[index.column()].kind
        if kind == "date":
            editor = QDateEdit(parent)
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("MM/dd/yyyy")
            editor.setMinimumDate(NO_DATE)
            editor.setSpecialValueText(" ")  # the minimum stands for "no date"
            return editor
        if kind == "code":
            editor = QComboBox(parent)
            editor.addItem("", "")
            for code, meaning in TRANSACTION_CODES.items():
                editor.addItem(f"{code} — {meaning}", code)
            return editor
        if kind in ("ad", "di"):
            editor = QComboBox(parent)
            choices = [("", ""), ("A — acquired", "A"), ("D — disposed of", "D")] if kind == "ad" else \
                [("", ""), ("D — direct", "D"), ("I — indirect", "I")]
            for label, value in choices:
                editor.addItem(label, value)
            return editor
        editor = QLineEdit(parent)
        if kind == "decimal":
            editor.setPlaceholderText("digits and one period")
        editor.installEventFilter(self)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QDateEdit):
            # An empty box opens on today, so that typing MMDDYYYY (or picking from the calendar) just works.
            shown = value if isinstance(value, date) else date.today()
            editor.setDate(QDate(shown.year, shown.month, shown.day))
            editor.setCurrentSection(QDateEdit.Section.MonthSection)
            editor.setSelectedSection(QDateEdit.Section.MonthSection)
        elif isinstance(editor, QComboBox):
            position = editor.findData(value or "")
            editor.setCurrentIndex(max(position, 0))
        elif isinstance(editor, QLineEdit):
            pending = self.pending.pop((index.row(), index.column()), None)
            editor.setText(pending if pending is not None else ("" if value is None else str(value)))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: N802
        kind = self.columns[index.column()].kind
        if isinstance(editor, QDateEdit):
            chosen = editor.date()
            model.setData(index, None if chosen == NO_DATE else date(chosen.year(), chosen.month(), chosen.day()))
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData() or None)
        elif kind == "decimal":
            value, problem = parse_decimal(editor.text())
            if problem:
                self._refuse(editor, index, problem)
                return
            model.setData(index, value)
        else:
            model.setData(index, editor.text().strip() or None)

    def _refuse(self, editor: QLineEdit, index: QModelIndex, problem: str) -> None:
        """Keep what was typed and open the cell again, with the reason."""
        self.pending[(index.row(), index.column())] = editor.text()
        self.refused.emit(problem)
        view = self.parent()
        QToolTip.showText(editor.mapToGlobal(editor.rect().bottomLeft()), problem, editor)
        if view is not None and hasattr(view, "edit"):
            QTimer.singleShot(0, lambda: (view.setCurrentIndex(index), view.edit(index)))

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802
        # Enter or Tab on an amount that cannot be taken: say why and stay in the cell.
        if isinstance(editor, QLineEdit) and event.type() == QEvent.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            view = self.parent()
            index = view.currentIndex() if view is not None else QModelIndex()
            if index.isValid() and self.columns[index.column()].kind == "decimal":
                _, problem = parse_decimal(editor.text())
                if problem:
                    self.refused.emit(problem)
                    QToolTip.showText(editor.mapToGlobal(editor.rect().bottomLeft()), problem, editor)
                    return True
        return super().eventFilter(editor, event)

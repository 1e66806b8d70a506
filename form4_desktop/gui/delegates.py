"""Cell editors for Table I and Table II: a date picker, the transaction code picker, A/D, D/I and Form 5 form type
pickers, and a decimal editor that takes commas between thousands and refuses a decimal comma or "$" with a message,
keeping what was typed."""

from __future__ import annotations

from datetime import date

import shiboken6

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QToolTip,
    QWidget,
)

from form4_desktop.gui.document import read_typed
from form4_desktop.model import HoldingCoding
from form4_desktop.model.display import format_date
from form4_desktop.model.forms import FORM5_ITEM, LATE_FORM3_HOLDING, LATE_FORM4_ITEM
from form4_desktop.model.typed import TypedValueError, read_date

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


class DateEditor(QWidget):
    """A date typed as MM/DD/YYYY, or picked from a calendar (the button, or Alt+Down)."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText("MM/DD/YYYY")
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setToolTip("Pick the date from a calendar (Alt+Down)")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.pick)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.line)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.line.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and event.modifiers() & Qt.KeyboardModifier.AltModifier
        ):
            self.pick()
            return True
        return super().eventFilter(watched, event)

    def pick(self) -> None:
        popup = QCalendarWidget()
        popup.setWindowFlags(Qt.WindowType.Popup)
        try:
            shown = read_date(self.line.text()) or date.today()
        except TypedValueError:
            shown = date.today()
        popup.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        popup.activated.connect(
            lambda chosen: (self.line.setText(chosen.toString("MM/dd/yyyy")), popup.close(), self.line.setFocus())
        )
        popup.clicked.connect(
            lambda chosen: (self.line.setText(chosen.toString("MM/dd/yyyy")), popup.close(), self.line.setFocus())
        )
        popup.move(self.mapToGlobal(self.rect().bottomLeft()))
        popup.show()
        popup.setFocus()
        self._popup = popup


class CellDelegate(QStyledItemDelegate):
    """Picks the editor by the column's kind (see models.Column)."""

    refused = Signal(str)  # a sentence for the status bar when input was refused

    def __init__(self, columns, parent: QObject | None = None):
        super().__init__(parent)
        self.columns = columns
        self.closeEditor.connect(self._closed)

    # -- the V and K boxes: ticked only on purpose (Space, or a click on the box itself) ---------------------
    @staticmethod
    def check_rect(option) -> QRect:
        """The check box of a V or K cell, centred, so that a click elsewhere in the cell only selects it."""
        style = option.widget.style() if option.widget is not None else QApplication.style()
        size = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, option, option.widget)
        return QStyle.alignedRect(
            Qt.LayoutDirection.LeftToRight, Qt.AlignmentFlag.AlignCenter, QSize(size, size), option.rect
        )

    def paint(self, painter, option, index: QModelIndex) -> None:
        if self.columns[index.column()].kind not in ("v", "k"):
            super().paint(painter, option, index)
            return
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        state = index.data(Qt.ItemDataRole.CheckStateRole)
        cell.features &= ~QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        cell.text = ""
        style = option.widget.style() if option.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, cell, painter, option.widget)
        if state is None:
            return
        box = QStyleOptionViewItem(option)
        box.rect = self.check_rect(option)
        box.state = (option.state & ~QStyle.StateFlag.State_HasFocus) | (
            QStyle.StateFlag.State_On if state == Qt.CheckState.Checked else QStyle.StateFlag.State_Off
        )
        style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck, box, painter, option.widget)

    def editorEvent(self, event, model, option, index: QModelIndex) -> bool:  # noqa: N802
        if self.columns[index.column()].kind not in ("v", "k"):
            return super().editorEvent(event, model, option, index)
        flags = model.flags(index)
        if not flags & Qt.ItemFlag.ItemIsUserCheckable or not flags & Qt.ItemFlag.ItemIsEnabled:
            return False
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseButtonRelease):
            on_box = self.check_rect(option).contains(event.position().toPoint())
            view = self.parent()
            if on_box and kind == QEvent.Type.MouseButtonPress and isinstance(view, QAbstractItemView):
                view.setCurrentIndex(index)  # the box clicked is where Tab goes on from
            if kind != QEvent.Type.MouseButtonRelease or event.button() != Qt.MouseButton.LeftButton or not on_box:
                return on_box and kind != QEvent.Type.MouseButtonRelease  # a press on the box is ours
        elif kind != QEvent.Type.KeyPress or event.key() not in (Qt.Key.Key_Space, Qt.Key.Key_Select):
            return False
        checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        return model.setData(
            index, Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
        )

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802
        kind = self.columns[index.column()].kind
        if kind == "date":
            editor = DateEditor(parent)
            editor.line.installEventFilter(self)
            self._follow_typing(editor.line, index)
            return editor
        if kind == "code":
            editor = QComboBox(parent)
            editor.addItem("", "")
            for code, meaning in TRANSACTION_CODES.items():
                editor.addItem(f"{code} — {meaning}", code)
            return editor
        if kind in ("ad", "di", "timeliness", "form"):
            editor = QComboBox(parent)
            choices = {
                "ad": [("", ""), ("A — acquired", "A"), ("D — disposed of", "D")],
                "di": [("", ""), ("D — direct", "D"), ("I — indirect", "I")],
                # Only a Form 5 has the column, and on it only L may be given (TS 4.3.8.3).
                "timeliness": [("", ""), ("L — a Form 5 item reported late", "L")],
                "form": [(FORM5_ITEM[1], FORM5_ITEM[0]), (LATE_FORM4_ITEM[1], LATE_FORM4_ITEM[0])]
                if index.model().is_transaction(index.row())
                else [("", ""), (LATE_FORM3_HOLDING[1], LATE_FORM3_HOLDING[0])],
            }[kind]
            for label, value in choices:
                editor.addItem(label, value)
            return editor
        editor = QLineEdit(parent)
        if kind == "decimal":
            editor.setPlaceholderText("e.g. 5,000 or 1250.50")
        editor.installEventFilter(self)
        self._follow_typing(editor, index)
        return editor

    def updateEditorGeometry(self, editor: QWidget, option, index: QModelIndex) -> None:  # noqa: N802
        """A picker as wide as its longest choice ("D — direct", "G — Bona fide gift"), reaching over the next cells
        (to the left at the table's right edge): in its cell's width Qt cut it to "D —", and its list to the same
        width."""
        super().updateEditorGeometry(editor, option, index)
        if not isinstance(editor, QComboBox):
            return
        rect = QRect(option.rect)
        rect.setWidth(max(rect.width(), editor.sizeHint().width()))
        viewport = editor.parentWidget()
        overflow = rect.right() - (viewport.width() - 1) if viewport is not None else 0
        if overflow > 0:
            rect.translate(-min(overflow, rect.left()), 0)
        editor.setGeometry(rect)

    def _follow_typing(self, line: QLineEdit, index: QModelIndex) -> None:
        """Note each keystroke as typed text of the box, so that the findings and autosave follow the typing."""
        model, row, column = index.model(), index.row(), index.column()
        path, kind = model.value_path(row, column), self.columns[column].kind
        label = model.label(row, column)
        line.setProperty("value_path", path)
        line.textEdited.connect(lambda text: model.document.type_text(path, text, label, kind))

    def _closed(self, editor: QWidget, hint) -> None:
        """Escape: the box goes back to what it was, and so does what was noted as typed."""
        line = editor.line if isinstance(editor, DateEditor) else editor
        path = line.property("value_path") if isinstance(line, QLineEdit) else None
        view = self.parent()
        model = view.model() if view is not None else None
        if path and model is not None and hint == QStyledItemDelegate.EndEditHint.RevertModelCache:
            typed = model.document.inputs.get(path)
            if typed is not None and typed.problem is None:
                model.document.drop_input(path)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        typed = index.model().document.inputs.get(index.model().value_path(index.row(), index.column()))
        if isinstance(editor, DateEditor):
            text = typed.text if typed is not None else format_date(value if isinstance(value, date) else None)
            if editor.line.text() != text:  # the view refreshes open editors as the row changes: keep the typing
                editor.line.setText(text)
                editor.line.selectAll()
        elif isinstance(editor, QComboBox):
            position = editor.findData(value or "")
            editor.setCurrentIndex(max(position, 0))
        elif isinstance(editor, QLineEdit):
            text = typed.text if typed is not None else ("" if value is None else str(value))
            if editor.text() != text:
                editor.setText(text)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: N802
        kind = self.columns[index.column()].kind
        row, column = index.row(), index.column()
        if isinstance(editor, QComboBox):
            if kind == "form" and not model.is_transaction(row):
                self.set_holding_form_type(model, index, editor.currentData() or None)
                return
            model.setData(index, editor.currentData() or None)
            return
        line = editor.line if isinstance(editor, DateEditor) else editor
        if not model.applies(row, column) or model.document.read_only:
            return
        # Text that is not a date or an amount stays in the box (red) and counts as an error until corrected.
        label = model.label(row, column)
        problem = model.document.take(
            model.value_path(row, column), line.text(), label, kind if kind in ("date", "decimal") else "text"
        )
        if problem:
            self.refused.emit(f"Not taken — {label}: {problem} Press F2 on the box to correct what you typed.")

    @staticmethod
    def set_holding_form_type(model, index: QModelIndex, form_type: str | None) -> None:
        """A Form 5 holding marked (or no longer marked) as omitted from the Form 3: its coding is a holding's
        (form type and footnotes only), made or dropped with the mark, its footnotes kept."""
        row = index.row()
        if not model.applies(row, index.column()) or model.document.read_only:
            return
        current = model.rows[row].coding
        footnote_ids = list(current.footnote_ids) if current is not None else []
        coding = HoldingCoding(form_type, footnote_ids) if form_type or footnote_ids else None
        if coding != current:
            model.document.set(
                f"{model.table}[{row}].coding", coding, f"Edit {model.label(row, index.column())}", merge=False
            )

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802
        owner = editor.parent() if isinstance(editor, QLineEdit) and isinstance(editor.parent(), DateEditor) else None
        if (
            isinstance(editor, QLineEdit)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        ):
            # An amount or date that cannot be taken: say why and stay in the box.
            view = self.parent()
            index = view.currentIndex() if view is not None else QModelIndex()
            kind = self.columns[index.column()].kind if index.isValid() else ""
            problem = None
            if kind in ("decimal", "date"):
                try:
                    read_typed(editor.text(), kind)
                except TypedValueError as error:
                    problem = str(error)
            if problem:
                self.refused.emit(problem)
                QToolTip.showText(editor.mapToGlobal(editor.rect().bottomLeft()), problem, editor)
                return True
            if owner is not None:  # the date editor is a line and a button: commit the whole of it
                hint = {
                    Qt.Key.Key_Tab: QStyledItemDelegate.EndEditHint.EditNextItem,
                    Qt.Key.Key_Backtab: QStyledItemDelegate.EndEditHint.EditPreviousItem,
                }.get(event.key(), QStyledItemDelegate.EndEditHint.NoHint)
                owner.setProperty("closing", True)
                self.commitData.emit(owner)
                self.closeEditor.emit(owner, hint)
                return True
        if owner is not None and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            owner.setProperty("closing", True)
            self.closeEditor.emit(owner, QStyledItemDelegate.EndEditHint.RevertModelCache)
            return True
        if owner is not None and event.type() == QEvent.Type.FocusOut:
            if (
                not shiboken6.isValid(owner)
                or not owner.isVisible()
                or QApplication.closingDown()
                or owner.property("closing")
            ):
                return False  # the window is closing, or the editor already was: nothing to commit into
            popup = getattr(owner, "_popup", None)
            focused = QApplication.focusWidget()
            if not (popup is not None and popup.isVisible()) and not (
                focused is not None and owner.isAncestorOf(focused)
            ):
                owner.setProperty("closing", True)
                self.commitData.emit(owner)
                self.closeEditor.emit(owner, QStyledItemDelegate.EndEditHint.NoHint)
            return False
        return super().eventFilter(editor, event)

"""Form fields bound to paths in the filing: typing edits the filing through the undo stack, and an undo or
a reload shows up in the field. A value that cannot be taken is refused with a sentence; the text stays."""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from form4_desktop.gui.document import FilingDocument
from form4_desktop.model import paths
from form4_desktop.model.display import format_date

INVALID_STYLE = "background: #ffd6d6;"


def parse_date(text: str) -> date | None:
    """MM/DD/YYYY (or YYYY-MM-DD); ValueError with a sentence when it is neither."""
    text = text.strip()
    if not text:
        return None
    try:
        if "-" in text:
            return date.fromisoformat(text)
        month, day, year = (int(part) for part in text.split("/"))
        if year < 100:
            raise ValueError
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text}' is not a date: type it as MM/DD/YYYY, e.g. 01/09/2023.") from None


class Binder(QObject):
    """Keeps a set of widgets and the filing in step. Paths may contain `{owner}` / `{signature}`, filled from
    `self.slots`, so one form can show any reporting owner or signature."""

    refused = Signal(str)

    def __init__(self, document: FilingDocument, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.slots: dict[str, int] = {}
        self.bindings: list[tuple[QWidget, str, Callable[[], None]]] = []
        self.commits: dict[QWidget, Callable[[], None]] = {}  # for the field being typed in, when the user saves
        document.changed.connect(self._changed)
        document.replaced.connect(self.refresh)

    def path(self, template: str) -> str:
        return template.format(**self.slots)

    def _label(self, widget: QWidget) -> str:
        return widget.accessibleName() or widget.objectName()

    def line(self, widget: QLineEdit, template: str, *, kind: str = "text") -> None:
        def show() -> None:
            value = paths.get(self.document.filing, self.path(template))
            widget.setText(format_date(value) if kind == "date" else ("" if value is None else str(value)))
            widget.setModified(False)
            widget.setStyleSheet("")

        def commit() -> None:
            text = widget.text()
            try:
                if kind == "date":
                    value: Any = parse_date(text)
                else:  # a box the model keeps as text even when empty (a CIK, a name) holds "", others None
                    value = text.strip() or ("" if kind == "required-text" else None)
            except ValueError as error:
                widget.setStyleSheet(INVALID_STYLE)
                widget.setToolTip(str(error))
                self.refused.emit(f"{self._label(widget)}: {error}")
                return  # the text stays as typed
            widget.setStyleSheet("")
            widget.setToolTip(widget.whatsThis())
            widget.setModified(False)
            self.document.set(self.path(template), value, f"Edit {self._label(widget)}")

        widget.editingFinished.connect(commit)
        self.commits[widget] = commit
        self.bindings.append((widget, template, show))
        widget.installEventFilter(self)

    def check(self, widget: QCheckBox, template: str) -> None:
        def show() -> None:
            widget.blockSignals(True)
            widget.setChecked(bool(paths.get(self.document.filing, self.path(template))))
            widget.blockSignals(False)

        widget.toggled.connect(lambda checked: self.document.set(self.path(template), checked,
                                                                 f"Edit {self._label(widget)}"))
        self.bindings.append((widget, template, show))

    def combo(self, widget: QComboBox, template: str) -> None:
        def show() -> None:
            widget.blockSignals(True)
            value = paths.get(self.document.filing, self.path(template))
            position = widget.findData(value if value is not None else "")
            widget.setCurrentIndex(max(position, 0))
            widget.blockSignals(False)

        widget.activated.connect(lambda _: self.document.set(self.path(template), widget.currentData() or None,
                                                             f"Edit {self._label(widget)}"))
        self.bindings.append((widget, template, show))

    def text(self, widget: QPlainTextEdit, template: str) -> None:
        def show() -> None:
            value = paths.get(self.document.filing, self.path(template)) or ""
            if widget.toPlainText() != value:
                widget.setPlainText(value)

        original_focus_out = widget.focusOutEvent

        def commit() -> None:
            self.document.set(self.path(template), widget.toPlainText() or None, f"Edit {self._label(widget)}")

        def focus_out(event) -> None:
            commit()
            original_focus_out(event)

        widget.focusOutEvent = focus_out  # commit a paragraph at a time, not a keystroke at a time
        self.commits[widget] = commit
        self.bindings.append((widget, template, show))

    def commit(self, widget: QWidget | None) -> None:
        """Take what is typed in `widget` now (before a save, a print or closing), if it is a bound field."""
        action = self.commits.get(widget)
        if action is not None:
            action()

    def eventFilter(self, watched: QObject, event) -> bool:  # noqa: N802 - Qt's name
        # Ctrl+Z in a field with nothing newly typed undoes the last change to the draft, not the field's own edit.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(watched, QLineEdit) and \
                (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)) \
                and not watched.isModified():
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def refresh(self) -> None:
        for _, _, show in self.bindings:
            show()

    def _changed(self, changed: str) -> None:
        for _, template, show in self.bindings:
            path = self.path(template)
            if path == changed or path.startswith(changed + ".") or path.startswith(changed + "[") \
                    or changed.startswith(path + "."):
                show()

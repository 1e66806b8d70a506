"""Form fields bound to paths in the filing: typing edits the filing through the undo stack, and an undo or
a reload shows up in the field. A value that cannot be taken is refused with a sentence; the text stays."""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from form4_desktop.gui.document import FilingDocument
from form4_desktop.model import paths
from form4_desktop.model.display import format_date

INVALID_STYLE = "background: #ffd6d6;"


class CodeComboBox(QComboBox):
    """A picker of coded values ("NV — Nevada") that finds what is typed by its code first, then by its name:
    typing NV picks Nevada, typing Nevada picks Nevada too (Qt's own search reads only the item text, so "NV"
    after "N" found Nebraska)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._typed = ""
        self._typed_at = 0.0

    def add_codes(self, codes: dict[str, str]) -> None:
        self.addItem("", "")
        for code, name in sorted(codes.items(), key=lambda item: item[1]):
            self.addItem(f"{code} — {name.title()}", code)

    def find_typed(self, typed: str) -> int:
        wanted = typed.strip().upper()
        if not wanted:
            return -1
        position = self.findData(wanted)
        if position > 0:
            return position
        for number in range(1, self.count()):
            name = self.itemText(number).split(" — ", 1)[-1].upper()
            if name.startswith(wanted):
                return number
        return -1

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        text = event.text()
        plain = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if plain and text and text.isprintable() and not self.isEditable():
            now = time.monotonic()
            if now - self._typed_at > QApplication.keyboardInputInterval() / 1000:
                self._typed = ""
            self._typed_at = now
            self._typed += text
            position = self.find_typed(self._typed)
            if position >= 0 and position != self.currentIndex():
                self.setCurrentIndex(position)
                self.activated.emit(position)
            event.accept()
            return
        super().keyPressEvent(event)


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
        """A one-line box. What is typed is noted as it is typed (the findings and autosave follow it) and
        taken when the box is left; text that is not a value of its kind stays on screen, red, and counts
        as an error until it is corrected, so the screen never shows a value that is not the saved one."""

        def show() -> None:
            path = self.path(template)
            typed = self.document.inputs.get(path)
            if typed is not None:
                if widget.text() != typed.text:
                    widget.setText(typed.text)
                self._mark(widget, typed.problem)
                return
            value = paths.get(self.document.filing, path)
            widget.setText(format_date(value) if kind == "date" else ("" if value is None else str(value)))
            widget.setModified(False)
            self._mark(widget, None)

        def edited(text: str) -> None:
            typed = self.document.type_text(self.path(template), text, self._label(widget), kind)
            if typed is None or typed.problem is None:
                self._mark(widget, None)  # red only once the box is left: a date half typed is not wrong yet

        def commit() -> None:
            if widget.isReadOnly():
                return
            problem = self.document.take(self.path(template), widget.text(), self._label(widget), kind)
            self._mark(widget, problem)
            if problem:
                self.refused.emit(f"{self._label(widget)}: {problem}")  # the text stays as typed
            else:
                widget.setModified(False)

        widget.textEdited.connect(edited)
        widget.editingFinished.connect(commit)
        self.commits[widget] = commit
        self.bindings.append((widget, template, show))
        widget.installEventFilter(self)

    def _mark(self, widget: QWidget, problem: str | None) -> None:
        style = INVALID_STYLE if problem else ""
        if widget.styleSheet() != style:  # set again, the same style re-polishes the box for nothing
            widget.setStyleSheet(style)
        widget.setToolTip(problem or widget.whatsThis())

    def check(self, widget: QCheckBox, template: str) -> None:
        def show() -> None:
            widget.blockSignals(True)
            widget.setChecked(bool(paths.get(self.document.filing, self.path(template))))
            widget.blockSignals(False)

        widget.toggled.connect(
            lambda checked: self.document.set(self.path(template), checked, f"Edit {self._label(widget)}")
        )
        self.bindings.append((widget, template, show))

    def combo(self, widget: QComboBox, template: str) -> None:
        def show() -> None:
            widget.blockSignals(True)
            value = paths.get(self.document.filing, self.path(template))
            position = widget.findData(value if value is not None else "")
            widget.setCurrentIndex(max(position, 0))
            widget.blockSignals(False)

        widget.activated.connect(
            lambda _: self.document.set(
                self.path(template), widget.currentData() or None, f"Edit {self._label(widget)}"
            )
        )
        self.bindings.append((widget, template, show))

    def text(self, widget: QPlainTextEdit, template: str) -> None:
        def show() -> None:
            typed = self.document.inputs.get(self.path(template))
            value = typed.text if typed is not None else (paths.get(self.document.filing, self.path(template)) or "")
            if widget.toPlainText() != value:
                widget.setPlainText(value)

        original_focus_out = widget.focusOutEvent

        def edited() -> None:
            if not widget.isReadOnly() and widget.hasFocus():  # typed by the user, not shown by show()
                self.document.type_text(self.path(template), widget.toPlainText(), self._label(widget), "text")

        def commit() -> None:
            if not widget.isReadOnly():
                self.document.take(self.path(template), widget.toPlainText(), self._label(widget), "text")

        def focus_out(event) -> None:
            commit()
            original_focus_out(event)

        widget.focusOutEvent = focus_out  # commit a paragraph at a time, not a keystroke at a time
        widget.textChanged.connect(edited)
        self.commits[widget] = commit
        self.bindings.append((widget, template, show))

    def commit(self, widget: QWidget | None) -> None:
        """Take what is typed in `widget` now (before a save, a print or closing), if it is a bound field."""
        action = self.commits.get(widget)
        if action is not None:
            action()

    def eventFilter(self, watched: QObject, event) -> bool:  # noqa: N802 - Qt's name
        # Ctrl+Z in a field with nothing newly typed undoes the last change to the draft, not the field's own edit.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(watched, QLineEdit)
            and (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo))
            and not watched.isModified()
        ):
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def refresh(self) -> None:
        for _, _, show in self.bindings:
            show()

    def _changed(self, changed: str) -> None:
        for _, template, show in self.bindings:
            path = self.path(template)
            if (
                path == changed
                or path.startswith(changed + ".")
                or path.startswith(changed + "[")
                or changed.startswith(path + ".")
            ):
                show()

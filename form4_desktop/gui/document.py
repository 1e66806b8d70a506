"""The filing being edited: every change goes through the undo stack, and everyone is told what changed."""

from __future__ import annotations

import copy
import time
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from form4_desktop.model import Filing
from form4_desktop.model import paths


class _SetField(QUndoCommand):
    MERGE_SECONDS = 2.0  # changes of one box this close together (a combo box's type-ahead) are one step

    def __init__(self, document: FilingDocument, path: str, old: Any, new: Any, text: str):
        super().__init__(text)
        self.document, self.path, self.old, self.new = document, path, old, new
        self.at = time.monotonic()

    def id(self) -> int:  # noqa: A003 - Qt's name
        return 1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, _SetField) or other.path != self.path or other.at - self.at > self.MERGE_SECONDS:
            return False
        self.new, self.at = other.new, other.at
        return True

    def redo(self) -> None:
        paths.set_value(self.document.filing, self.path, copy.deepcopy(self.new))
        self.document.changed.emit(self.path)

    def undo(self) -> None:
        paths.set_value(self.document.filing, self.path, copy.deepcopy(self.old))
        self.document.changed.emit(self.path)


class _ListEdit(QUndoCommand):
    """Insert, remove or move an item of a list in the filing (rows, owners, footnotes, signatures)."""

    def __init__(self, document: FilingDocument, path: str, text: str, *, insert: tuple[int, Any] | None = None,
                 remove: int | None = None, move: tuple[int, int] | None = None):
        super().__init__(text)
        self.document, self.path = document, path
        self.insert, self.remove, self.move = insert, remove, move
        self.removed: Any = None

    def _list(self) -> list:
        return paths.get(self.document.filing, self.path)

    def redo(self) -> None:
        items = self._list()
        if self.insert is not None:
            index, item = self.insert
            items.insert(index, copy.deepcopy(item))
        elif self.remove is not None:
            self.removed = items.pop(self.remove)
        elif self.move is not None:
            source, target = self.move
            items.insert(target, items.pop(source))
        self.document.changed.emit(self.path)

    def undo(self) -> None:
        items = self._list()
        if self.insert is not None:
            items.pop(self.insert[0])
        elif self.remove is not None:
            items.insert(self.remove, self.removed)
        elif self.move is not None:
            source, target = self.move
            items.insert(source, items.pop(target))
        self.document.changed.emit(self.path)


class FilingDocument(QObject):
    """One open draft. `changed(path)` says which part of the filing changed (a list path for row edits)."""

    changed = Signal(str)
    replaced = Signal()  # a whole new filing (opened, restored)

    def __init__(self, filing: Filing | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.filing = filing or new_filing()
        self.undo_stack = QUndoStack(self)
        self.draft_id: int | None = None
        self.version: int | None = None
        self.status = "draft"

    def load(self, filing: Filing, draft_id: int | None, version: int | None, status: str = "draft") -> None:
        self.filing, self.draft_id, self.version, self.status = filing, draft_id, version, status
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.replaced.emit()

    @property
    def read_only(self) -> bool:
        return self.status == "filed"

    def get(self, path: str) -> Any:
        return paths.get(self.filing, path)

    def set(self, path: str, value: Any, text: str | None = None) -> bool:
        """Change one field, undoably; nothing happens when the value is the same."""
        old = paths.get(self.filing, path)
        if old == value or self.read_only:
            return False
        self.undo_stack.push(_SetField(self, path, copy.deepcopy(old), value, text or f"Change {path}"))
        return True

    def insert(self, path: str, index: int, item: Any, text: str) -> None:
        if not self.read_only:
            self.undo_stack.push(_ListEdit(self, path, text, insert=(index, item)))

    def remove(self, path: str, index: int, text: str) -> None:
        if not self.read_only:
            self.undo_stack.push(_ListEdit(self, path, text, remove=index))

    def move(self, path: str, source: int, target: int, text: str) -> None:
        if not self.read_only and source != target:
            self.undo_stack.push(_ListEdit(self, path, text, move=(source, target)))

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()


def new_filing() -> Filing:
    """A new Form 4 draft: the boxes a user answers start answered as the unchecked form shows them."""
    from form4_desktop.model import ReportingOwner, Signature

    filing = Filing(document_type="4", aff10b5_one=False, not_subject_to_section16=False)
    filing.reporting_owners.append(ReportingOwner())
    filing.signatures.append(Signature())
    return filing

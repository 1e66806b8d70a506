"""The filing being edited: every change goes through the undo stack, and everyone is told what changed."""

from __future__ import annotations

import copy
import re
import time
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from form4_desktop.model import operations
from form4_desktop.model import Filing
from form4_desktop.model import paths
from form4_desktop.model.typed import TypedValueError, read_amount, read_date


@dataclass
class TypedInput:
    """Text typed into a box and not yet taken into the filing: still being typed, or refused (`problem`)."""

    text: str
    label: str  # the box, as the editor names it
    value: Any  # what the text reads as (when there is no problem)
    problem: str | None


def read_typed(text: str, kind: str) -> Any:
    """The value typed `text` stands for in a box of `kind` (TypedValueError when it stands for none)."""
    if kind == "date":
        return read_date(text)
    if kind == "decimal":
        return read_amount(text)
    stripped = text.strip()  # a box the model keeps as text even when empty (a CIK, a name) holds "", others None
    return stripped or ("" if kind == "required-text" else None)


class _SetField(QUndoCommand):
    MERGE_SECONDS = 2.0  # changes of one box this close together (a combo box's type-ahead) are one step

    def __init__(self, document: FilingDocument, path: str, old: Any, new: Any, text: str, merge: bool = True):
        super().__init__(text)
        self.document, self.path, self.old, self.new = document, path, old, new
        self.at = time.monotonic()
        self.merge = merge

    def id(self) -> int:  # noqa: A003 - Qt's name
        return 1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if (
            not isinstance(other, _SetField)
            or not (self.merge and other.merge)
            or other.path != self.path
            or other.at - self.at > self.MERGE_SECONDS
        ):
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

    def __init__(
        self,
        document: FilingDocument,
        path: str,
        text: str,
        *,
        insert: tuple[int, Any] | None = None,
        remove: int | None = None,
        move: tuple[int, int] | None = None,
    ):
        super().__init__(text)
        self.document, self.path = document, path
        self.insert, self.remove, self.move = insert, remove, move
        self.removed: Any = None

    def _list(self) -> list:
        return paths.get(self.document.filing, self.path)

    def _shift(self, forward: bool) -> Callable[[int], int | None]:
        """Where a row's index goes when this edit is done (`forward`) or undone; None: the row is gone."""

        def shift(index: int) -> int | None:
            if self.insert is not None:
                at = self.insert[0]
                if forward:
                    return index + 1 if index >= at else index
                return None if index == at else (index - 1 if index > at else index)
            if self.remove is not None:
                at = self.remove
                if forward:
                    return None if index == at else (index - 1 if index > at else index)
                return index + 1 if index >= at else index
            source, target = self.move if forward else (self.move[1], self.move[0])
            order = list(range(max(source, target, index) + 1))
            order.insert(target, order.pop(source))
            return order.index(index)

        return shift

    def redo(self) -> None:
        self.document.reindex_inputs(self.path, self._shift(True))
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
        self.document.reindex_inputs(self.path, self._shift(False))
        items = self._list()
        if self.insert is not None:
            items.pop(self.insert[0])
        elif self.remove is not None:
            items.insert(self.remove, self.removed)
        elif self.move is not None:
            source, target = self.move
            items.insert(source, items.pop(target))
        self.document.changed.emit(self.path)


class _ReplaceFiling(QUndoCommand):
    """The whole filing at once (an earlier version restored from the history): one undoable step."""

    def __init__(self, document: FilingDocument, filing: Filing, text: str):
        super().__init__(text)
        self.document, self.other = document, copy.deepcopy(filing)

    def _swap(self) -> None:
        self.document.filing, self.other = self.other, self.document.filing
        self.document.inputs.clear()
        self.document.replaced.emit()

    def redo(self) -> None:
        self._swap()

    def undo(self) -> None:
        self._swap()


class FilingDocument(QObject):
    """One open draft. `changed(path)` says which part of the filing changed (a list path for row edits).

    `inputs` holds text typed into boxes and not yet taken (by value path): the editor shows it, the findings
    count what cannot be taken as errors, and autosave, save, print and export see what can be taken."""

    changed = Signal(str)
    replaced = Signal()  # a whole new filing (opened, restored)
    typed = Signal(str)  # the text typed into a box (its value path) changed, or was taken or dropped

    def __init__(self, filing: Filing | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.filing = filing or new_filing()
        self.undo_stack = QUndoStack(self)
        self.draft_id: int | None = None
        self.version: int | None = None
        self.status = "draft"
        self.filed_on: str | None = None
        self.inputs: dict[str, TypedInput] = {}
        # Why every draft is read-only in this window (the store can only be read), or None.
        self.locked: str | None = None

    def load(
        self,
        filing: Filing,
        draft_id: int | None,
        version: int | None,
        status: str = "draft",
        filed_on: str | None = None,
    ) -> None:
        self.filing, self.draft_id, self.version, self.status = filing, draft_id, version, status
        self.filed_on = filed_on
        self.inputs.clear()
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.replaced.emit()

    @property
    def read_only(self) -> bool:
        """Nothing may be changed: the form was filed, or the store it is in can only be read."""
        return self.status == "filed" or self.locked is not None

    def get(self, path: str) -> Any:
        return paths.get(self.filing, path)

    def set(self, path: str, value: Any, text: str | None = None, *, merge: bool = True) -> bool:
        """Change one field, undoably; nothing happens when the value is the same. A change is merged with the
        box's change just before it (typing) unless either says `merge=False` (a value the program proposed)."""
        old = paths.get(self.filing, path)
        if old == value or self.read_only:
            return False
        self.undo_stack.push(_SetField(self, path, copy.deepcopy(old), value, text or f"Change {path}", merge))
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

    def replace_filing(self, filing: Filing, text: str) -> None:
        """Put `filing` in place of the open one as one undoable change (a restored version)."""
        if not self.read_only:
            self.undo_stack.push(_ReplaceFiling(self, filing, text))

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean() or bool(self.inputs)

    # -- typed text --------------------------------------------------------------------------------------
    def type_text(self, path: str, text: str, label: str, kind: str) -> TypedInput | None:
        """Note what is typed in the box at `path` (a value path); None when it is what the filing holds."""
        try:
            value, problem = read_typed(text, kind), None
        except TypedValueError as error:
            value, problem = None, str(error)
        if problem is None and value == paths.get(self.filing, path):
            typed = None
            had = self.inputs.pop(path, None) is not None
        else:
            typed = self.inputs[path] = TypedInput(text, label, value, problem)
            had = True
        if had:
            self.typed.emit(path)
        return typed

    def take(self, path: str, text: str, label: str, kind: str) -> str | None:
        """Take typed text into the filing (undoably); returns the problem when it cannot be taken, and
        then keeps the text as an input so that it is neither lost nor mistaken for the saved value."""
        typed = self.type_text(path, text, label, kind)
        if typed is None:
            return None
        if typed.problem is not None:
            return typed.problem
        del self.inputs[path]
        self.set(path, typed.value, f"Edit {label}")
        self.typed.emit(path)
        return None

    def drop_input(self, path: str) -> None:
        if self.inputs.pop(path, None) is not None:
            self.typed.emit(path)

    def refused_inputs(self) -> list[tuple[str, str, str]]:
        """(value path, label, problem) of every box whose typed text cannot be taken."""
        return [(path, typed.label, typed.problem) for path, typed in self.inputs.items() if typed.problem]

    def effective_filing(self) -> Filing:
        """The filing with every box's typed text that can be taken (what the findings and autosave see)."""
        readable = [(path, typed.value) for path, typed in self.inputs.items() if typed.problem is None]
        if not readable:
            return self.filing
        filing = copy.deepcopy(self.filing)
        for path, value in readable:
            try:
                paths.set_value(filing, path, copy.deepcopy(value))
            except (AttributeError, IndexError, TypeError):
                continue  # a row removed since: nothing to show it in
        return filing

    def reindex_inputs(self, list_path: str, shift: Callable[[int], int | None]) -> None:
        """Rows of `list_path` moved: typed text follows its row (and goes with a removed one)."""
        pattern = re.compile(re.escape(list_path) + r"\[(\d+)\](.*)")
        moved: dict[str, TypedInput] = {}
        for path, typed in list(self.inputs.items()):
            match = pattern.fullmatch(path)
            if match:
                del self.inputs[path]
                new = shift(int(match[1]))
                if new is not None:
                    moved[f"{list_path}[{new}]{match[2]}"] = typed
        self.inputs.update(moved)


def new_filing(form: str = "4") -> Filing:
    """A new draft of Form `form` (see model.operations.new_filing)."""
    return operations.new_filing(form)

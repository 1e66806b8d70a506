"""Every question, message and file dialog the app shows goes through these functions, so that one place
decides how they look and the tests can answer each one explicitly (and fail on one they did not expect)."""

from __future__ import annotations

import os

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

Button = QMessageBox.StandardButton


def ask(
    parent: QWidget | None, title: str, text: str, buttons=Button.Yes | Button.No, default: Button = Button.Yes
) -> Button:
    """A question; returns the button pressed (Escape gives the Cancel or No button)."""
    return QMessageBox.question(parent, title, text, buttons, default)


def pick(parent: QWidget | None, title: str, text: str, labels: list[str], default: int = 0) -> int | None:
    """A question answered by one of the named buttons `labels` (the last one cancels); returns the index of
    the one pressed, None for Escape or the last."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    buttons = [box.addButton(label, QMessageBox.ButtonRole.ActionRole) for label in labels[:-1]]
    cancel = box.addButton(labels[-1], QMessageBox.ButtonRole.RejectRole)
    box.setEscapeButton(cancel)
    box.setDefaultButton(buttons[default] if 0 <= default < len(buttons) else cancel)
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None


def tell(parent: QWidget | None, title: str, text: str, level: str = "warning") -> None:
    """A message to read and close: level "information", "warning" or "critical"."""
    {"information": QMessageBox.information, "warning": QMessageBox.warning, "critical": QMessageBox.critical}[level](
        parent, title, text
    )


def text(parent: QWidget | None, title: str, label: str, value: str = "") -> str | None:
    """One line of text; None when cancelled."""
    answer, ok = QInputDialog.getText(parent, title, label, text=value)
    return answer if ok else None


def choose(parent: QWidget | None, title: str, label: str, items: list[str], current: int = 0) -> int | None:
    """One of `items` (its index); None when cancelled."""
    answer, ok = QInputDialog.getItem(parent, title, label, items, current, False)
    return items.index(answer) if ok and answer in items else None


def documents_folder() -> str:
    """Where a file dialog starts when nothing better is known: the user's Documents folder, else their home
    (never the folder the app happened to be started from)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return found if found and os.path.isdir(found) else os.path.expanduser("~")


def _placed(start: str) -> str:
    """A dialog's start as given, or, when it is a bare name ("item405-….csv") or empty, that name in the
    Documents folder: a relative start would open in the working folder."""
    return start if os.path.isabs(start) else os.path.join(documents_folder(), start)


def save_file(parent: QWidget | None, title: str, start: str, filter_: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, _placed(start), filter_)
    return path or None


def open_file(parent: QWidget | None, title: str, start: str, filter_: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, _placed(start), filter_)
    return path or None


def folder(parent: QWidget | None, title: str, start: str) -> str | None:
    """A folder (which the dialog may also make); None when cancelled."""
    path = QFileDialog.getExistingDirectory(parent, title, _placed(start))
    return path or None


def run(dialog: QDialog) -> int:
    """Show one of the app's own dialogs modally; returns its result (QDialog.DialogCode)."""
    return dialog.exec()

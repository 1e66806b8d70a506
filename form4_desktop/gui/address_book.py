"""The address book (File ▸ Address Book): the reporting persons the store keeps for new drafts, and a way to
remove one or to forget a CCC everywhere the store holds it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from typing import Callable

from form4_desktop.gui import dialogs
from form4_desktop.gui.actions import run_action
from form4_desktop.store import DraftStore

Button = dialogs.Button


class AddressBookDialog(QDialog):
    """`changed` is called after the store was changed here (a CCC forgotten, a person removed), as after any
    other change: the windows read their lists again, and the store file takes the change a moment later, so
    that the erased CCC is not left in it."""

    def __init__(self, store: DraftStore, parent: QWidget | None = None, changed: Callable[[], None] | None = None):
        super().__init__(parent)
        self.store = store
        self.changed = changed
        self.setWindowTitle("Address book")
        self.resize(560, 360)
        self.owners = QListWidget()
        self.owners.setObjectName("address_book_owners")
        self.forget_button = QPushButton("Forget CCC…")
        self.forget_button.setObjectName("forget_ccc")
        self.forget_button.setToolTip(
            "Erase this person's CCC from the address book and from every draft, version and autosave in the store"
        )
        self.remove_button = QPushButton("Remove…")
        self.remove_button.setObjectName("remove_owner")
        self.remove_button.setToolTip("Remove this person from the address book (their drafts stay)")
        self.forget_button.clicked.connect(lambda: run_action(self, "CCC not forgotten", self.forget_ccc))
        self.remove_button.clicked.connect(lambda: run_action(self, "Not removed", self.remove_owner))
        self.owners.currentRowChanged.connect(lambda _: self._enable())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        side = QVBoxLayout()
        side.addWidget(self.forget_button)
        side.addWidget(self.remove_button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.owners, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        text = "New drafts offer these reporting persons. A CCC is kept with its person until you forget it."
        if store.read_only is not None:
            text += " This store is open for reading only, so nothing can be removed from it."
        note = QLabel(text)
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.owners.clear()
        for owner in self.store.known_owners():
            item = QListWidgetItem(
                f"{owner.name or '(no name)'} — CIK {owner.cik}" + (" — CCC kept" if owner.ccc else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, owner)
            self.owners.addItem(item)
        if self.owners.count():
            self.owners.setCurrentRow(0)
        self._enable()

    def _enable(self) -> None:
        owner = self.current()
        writable = self.store.read_only is None
        self.remove_button.setEnabled(owner is not None and writable)
        self.forget_button.setEnabled(owner is not None and writable)

    def current(self):
        item = self.owners.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def forget_ccc(self) -> None:
        owner = self.current()
        if owner is None:
            return
        answer = dialogs.ask(
            self,
            "Forget CCC",
            f"Erase the CCC of {owner.name or 'CIK ' + owner.cik} from the "
            "address book and from every draft, earlier version and autosave in the store? Type it "
            "again before you export a submission copy. A draft open in a window keeps what is "
            "typed in it until it is saved.",
            Button.Yes | Button.Cancel,
            Button.Cancel,
        )
        if answer != Button.Yes:
            return
        changed = self.store.forget_ccc(owner.cik)
        if self.changed is not None:
            self.changed()
        dialogs.tell(
            self,
            "CCC forgotten",
            f"The CCC was erased from {changed} record{'s' if changed != 1 else ''}.",
            "information",
        )
        self.reload()

    def remove_owner(self) -> None:
        owner = self.current()
        if owner is None:
            return
        answer = dialogs.ask(
            self,
            "Remove from the address book",
            f"Remove {owner.name or 'CIK ' + owner.cik} (and the CCC kept with them) from the address "
            "book? Their drafts stay as they are.",
            Button.Yes | Button.Cancel,
            Button.Cancel,
        )
        if answer == Button.Yes:
            self.store.forget_owner(owner.cik)
            if self.changed is not None:
                self.changed()
            self.reload()

"""File ▸ Connect to Team Store…: the address of a team store on PostgreSQL, remembered for next time (never
with a password: that stays in the user's PostgreSQL password file or service file), and the team store's
drafts in a new window. When the server asks for a password none of those places gave, the app asks for it in
a dialog of its own (`PasswordDialog`), and keeps it in memory only; and a window on a team store watches its
server (`ServerWatch`)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from form4_desktop.app.drafts import open_store
from form4_desktop.gui import dialogs
from form4_desktop.store import DraftStore, StoreError, is_url

SETTING = "team_store/url"  # the last address connected to, without a password
WATCH_INTERVAL_MS = 2000  # how often a window asks whether its team store's server answers

log = logging.getLogger("form4_desktop.gui")


class PasswordDialog(QDialog):
    """Asks for the password of a team store's login, hidden as it is typed."""

    def __init__(self, shown: str, problem: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Team store password")
        self.explanation = explanation = QLabel(
            f"The team store {shown} asks for your password. It is kept only while the app runs; to be asked no "
            "more, put it in your PostgreSQL password file (~/.pgpass)."
        )
        explanation.setWordWrap(True)
        self.problem = QLabel(problem)
        self.problem.setObjectName("team_store_password_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setVisible(bool(problem))
        self.password = QLineEdit()
        self.password.setObjectName("team_store_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMinimumWidth(320)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.problem)
        layout.addWidget(self.password)
        layout.addWidget(buttons)


def ask_password(shown: str, problem: str) -> str | None:
    """The app's way of asking for a team store's password (store.postgres.set_password_prompt): a dialog; None
    when the user cancels."""
    dialog = PasswordDialog(shown, problem, QApplication.activeWindow())
    try:
        if dialogs.run(dialog) != QDialog.DialogCode.Accepted:
            return None
        return dialog.password.text()
    finally:
        dialog.password.clear()


def install_password_prompt() -> None:
    """From now on, a team store's password is asked in the app's dialog (not on a terminal)."""
    from form4_desktop.store.passwords import set_password_prompt

    set_password_prompt(ask_password)


class ServerWatch(QObject):
    """Watches the server of a window's team store (nothing for a store file): when it stops answering, the
    window says so in one sentence and its status bar marks the store as not reachable, while what the user
    types is autosaved on this computer (app/autosave.py); every WATCH_INTERVAL_MS it is asked again, which
    connects again once the server is back: the window then says so, the autosave moves back to the server and
    the draft list is read again."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.problem: str | None = None  # why the server cannot be reached, or None while it answers
        self._label_text = ""
        self.timer = QTimer(self, interval=WATCH_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        if hasattr(window.store, "connection_problem"):
            self.timer.start()

    def check(self) -> None:
        store = self.window.store
        try:
            problem = store.connection_problem()
        except StoreError as error:  # not the connection (a closed store): nothing to watch
            log.info("team store %s not watched: %s", store.path, error)
            self.timer.stop()
            return
        if (problem is None) == (self.problem is None):
            self.problem = problem
            return
        self.problem = problem
        label = self.window.store_label
        if problem is not None:
            # The title bar and the label's tip still name the store: the status bar leaves the room to the sentence.
            self._label_text = label.text()
            label.setText("team store: cannot be reached")
            label.setStyleSheet("color: #b00020")
            self.window.say(
                f"The team store cannot be reached ({problem}); what you type is kept on this computer until it "
                "is back, and the app connects again by itself."
            )
        else:
            label.setText(self._label_text)
            label.setStyleSheet("")
            self.window.autosaver.poll()  # what was kept on this computer goes back to the server
            self.window.refresh_browser()
            self.window.say("The team store can be reached again; saving works again.")


class TeamStoreDialog(QDialog):
    """Asks for a team store's address and connects to it; `store` is the open store once accepted."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.store: DraftStore | None = None
        self.setWindowTitle("Connect to team store")
        self.url = QLineEdit(str(settings.value(SETTING, "") or ""))
        self.url.setObjectName("team_store_url")
        self.url.setPlaceholderText("postgresql://you@server:5432/form4")
        self.url.setMinimumWidth(420)
        explanation = QLabel(
            "The address of the team store your office keeps on its PostgreSQL server. Leave the password out: "
            "it is read from your PostgreSQL password file (~/.pgpass, or the file PGPASSFILE names) or a "
            "service file."
        )
        explanation.setWordWrap(True)
        self.problem = QLabel("")
        self.problem.setObjectName("team_store_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button = buttons.addButton("Connect", QDialogButtonBox.ButtonRole.AcceptRole)
        self.connect_button.setObjectName("team_store_connect")
        buttons.accepted.connect(self.try_connect)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.url)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def try_connect(self) -> None:
        """Connect to the address typed; on success remember it (without a password) and accept; else say why in
        one sentence and stay open."""
        url = self.url.text().strip()
        if not is_url(url):
            self.problem.setText("Give the team store's address as postgresql://you@server:5432/database.")
            return
        from form4_desktop.store.postgres import display_url, has_password

        shown = display_url(url)
        if has_password(url):  # a password typed here is neither used nor kept
            self.url.setText(shown)
            self.problem.setText(
                "Leave the password out of the address: put it in your PostgreSQL password file (~/.pgpass) "
                "or a service file, then connect again."
            )
            return
        try:
            self.store = open_store(url, create=False)
        except StoreError as error:
            self.problem.setText(str(error))
            return
        self.settings.setValue(SETTING, shown)
        self.settings.sync()
        self.accept()


def connect_to_team_store(parent: QWidget | None, settings: QSettings) -> DraftStore | None:
    """Ask for a team store and connect to it; None when the user cancelled."""
    dialog = TeamStoreDialog(settings, parent)
    if dialogs.run(dialog) != QDialog.DialogCode.Accepted:
        return None
    return dialog.store


def open_team_store_window(parent: QWidget | None, settings: QSettings):
    """File ▸ Connect to Team Store…: the team store's drafts in a window of its own, as File ▸ Open Store opens
    a store file (the store closes with its window; a window already on that team store is brought forward).
    Returns the window, or None when the user cancelled."""
    from form4_desktop.gui import main_window

    store = connect_to_team_store(parent, settings)
    if store is None:
        return None
    for window in QApplication.topLevelWidgets():
        if isinstance(window, main_window.MainWindow) and window.store.path == store.path:
            store.close()
            window.raise_()
            window.activateWindow()
            return window
    window = main_window.MainWindow(store, settings=settings)
    window.owns_store = True
    main_window._STORE_WINDOWS.append(window)  # kept while open, or Python would close it at once
    window.show()
    window.tell_read_only()
    window.offer_restore()
    return window

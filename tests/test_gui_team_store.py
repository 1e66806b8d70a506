"""File ▸ Connect to Team Store…: the dialog remembers the last address, never a password, says in one
sentence why a connection failed, and opens the team store's drafts in a new window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

import team_store_server
from form4_desktop.gui import dialogs, main_window
from form4_desktop.gui.team_store import SETTING, TeamStoreDialog, open_team_store_window
from team_store_server import team_store_url
from test_rules import draft

pg_server = team_store_server.pg_server  # the session's PostgreSQL server (a fixture)


def connect(qtbot, dialog: TeamStoreDialog, url: str) -> None:
    dialog.url.setText(url)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)


def test_the_dialog_connects_and_remembers_the_address_without_a_password(qtbot, settings, pg_server):
    url = team_store_url(pg_server)
    dialog = TeamStoreDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.url.text() == ""
    connect(qtbot, dialog, url.replace("alice@", "alice:hunter2@"))
    assert "Leave the password out" in dialog.problem.text()
    assert dialog.url.text() == url and dialog.result() != QDialog.DialogCode.Accepted
    assert settings.value(SETTING) is None and "hunter2" not in str(settings.allKeys())
    connect(qtbot, dialog, "/some/file.sqlite3")
    assert "postgresql://" in dialog.problem.text()
    connect(qtbot, dialog, url.rsplit("/", 1)[0] + "/no_such_database")
    assert dialog.problem.text().startswith("The team store postgresql://alice@localhost:")
    assert "cannot be reached" in dialog.problem.text() and dialog.store is None
    connect(qtbot, dialog, url)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.store is not None
    assert dialog.store.path == url
    dialog.store.close()
    settings.sync()
    assert settings.value(SETTING) == url
    again = TeamStoreDialog(settings)  # the next time, the last address is offered
    qtbot.addWidget(again)
    assert again.url.text() == url


def test_file_connect_opens_the_team_stores_drafts_in_a_new_window(qtbot, settings, pg_server, monkeypatch, script):
    url = team_store_url(pg_server)
    from form4_desktop.app.drafts import open_store

    with open_store(url) as store:
        store.create(draft())

    def answer(dialog):
        connect(qtbot, dialog, url)
        return dialog.result()

    monkeypatch.setattr(dialogs, "run", answer)
    window = open_team_store_window(None, settings)
    store = window.store
    assert store.path == url
    assert [row.reporting_owner for row in store.list()] == ["CRAGUN KENNETH S"]
    assert window in main_window._STORE_WINDOWS  # kept while it is open ...
    monkeypatch.setattr(dialogs, "run", answer)
    assert open_team_store_window(None, settings) is window  # asked again: the same window comes forward
    window.close()
    assert window not in main_window._STORE_WINDOWS  # ... and let go, its store closed, once closed
    assert store._pg._connection.closed
    monkeypatch.setattr(dialogs, "run", lambda dialog: QDialog.DialogCode.Rejected)
    assert open_team_store_window(None, settings) is None

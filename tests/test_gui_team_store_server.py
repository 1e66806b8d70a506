"""A window on a team store whose server goes away while the user types, and comes back (the real server the tests
start, stopped and started again): one sentence, the store marked as not reachable in the status bar, what is
typed autosaved on this computer, a save refused in one sentence with nothing lost, and, once the server is back,
the window connected again by itself, the autosave back on the server and saving working again."""

from __future__ import annotations

import json
import logging
from datetime import date

import psycopg
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QDialog

import team_store_server
from form4_desktop.app.drafts import open_store
from form4_desktop.gui.main_window import MainWindow
from team_store_server import team_store_url
from test_rules import draft

pg_server = team_store_server.pg_server  # the session's PostgreSQL server (a fixture)


@pytest.fixture
def recovery(tmp_path, monkeypatch):
    folder = tmp_path / "recovery"
    monkeypatch.setenv("FORM4_RECOVERY_DIR", str(folder))
    return folder


def type_remarks(qtbot, window: MainWindow, text: str) -> None:
    remarks = window.editor.footnotes_tab.remarks
    remarks.setFocus()
    remarks.selectAll()
    qtbot.keyClicks(remarks, text)
    remarks.focusOutEvent(QFocusEvent(QEvent.Type.FocusOut))  # leaving the box commits it


def kept_here(folder) -> list[dict]:
    return [json.loads(path.read_text()) for path in sorted(folder.glob("*/*.json"))]


def test_the_server_gone_while_typing_loses_nothing_and_the_window_connects_again(
    qtbot, settings, script, pg_server, recovery
):
    url = team_store_url(pg_server)
    store = open_store(url)
    draft_id = store.create(draft())
    window = MainWindow(store, today=date(2023, 1, 11), settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.server_watch.timer.setInterval(100)  # the watch asks more often than every 2 s: the test is short
    assert window.open_draft(draft_id)
    label = window.store_label.text()
    type_remarks(qtbot, window, "Typed before the server went away.")
    pg_server.pg_ctl("-m", "immediate", "-w", "stop")
    try:
        type_remarks(qtbot, window, "Typed while the server was away.")
        said = "The team store cannot be reached ("
        qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith(said), timeout=10_000)
        message = window.statusBar().currentMessage()
        assert message.endswith(
            "; what you type is kept on this computer until it is back, and the app connects again by itself."
        )
        assert window.store_label.text() == "team store: cannot be reached"
        assert window.store_label.toolTip() == f"The draft store: {url}"  # which one, still said
        qtbot.waitUntil(lambda: bool(kept_here(recovery)), timeout=10_000)  # the autosave, on this computer
        [kept] = kept_here(recovery)
        assert json.loads(kept["content"])["filing"]["remarks"] == "Typed while the server was away."
        assert (kept["draft_id"], kept["base_version"]) == (draft_id, 1)
        script.expect("tell", "Not saved", None, text=f"The team store {url} cannot be reached (")
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        script.check()
        assert script.shown[-1][2].endswith(
            "so your changes were not saved; they are still in your window: save again once the server is back."
        )
        assert window.document.filing.remarks == "Typed while the server was away."  # still in the window
        assert window.document.modified
    finally:
        pg_server.start()
    qtbot.waitUntil(lambda: "can be reached again" in window.statusBar().currentMessage(), timeout=15_000)
    assert window.statusBar().currentMessage() == "The team store can be reached again; saving works again."
    assert window.store_label.text() == label
    qtbot.waitUntil(lambda: kept_here(recovery) == [], timeout=10_000)  # the autosave went back to the server
    database = url.rsplit("/", 1)[1]
    with psycopg.connect(pg_server.url(database)) as admin:
        [(content,)] = admin.execute("SELECT content FROM autosaves").fetchall()
    assert json.loads(content)["filing"]["remarks"] == "Typed while the server was away."
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # saving works again
    assert store.open(draft_id).filing.remarks == "Typed while the server was away."
    assert store.open(draft_id).version == 2 and store.autosaves() == []
    window.close()
    store.close()


SECRET = "correct horse 42"


@pytest.fixture
def dialog_prompt(tmp_path, monkeypatch):
    """The app's password prompt (a dialog), and no password file to give the password."""
    from form4_desktop.gui.team_store import install_password_prompt
    from form4_desktop.store import passwords

    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-such-pgpass"))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    install_password_prompt()
    yield
    passwords.set_password_prompt(None)


def test_connect_asks_for_the_password_in_a_dialog_and_keeps_it_out_of_settings_and_log(
    qtbot, settings, script, pg_server, dialog_prompt, caplog
):
    from form4_desktop.gui.team_store import SETTING, PasswordDialog, TeamStoreDialog

    url = team_store_url(pg_server)
    address = pg_server.password_login(url.rsplit("/", 1)[1], "petra", SECRET)
    seen: list[tuple[str, bool, str]] = []

    def typing(password: str):
        def answer(dialog: PasswordDialog):
            assert dialog.password.echoMode() == dialog.password.EchoMode.Password  # never shown as typed
            seen.append((dialog.problem.text(), dialog.problem.isVisible(), dialog.explanation.text()))
            qtbot.keyClicks(dialog.password, password)
            return PasswordDialog.DialogCode.Accepted

        return answer

    script.expect("run", "Team store password", typing("not the password"))
    script.expect("run", "Team store password", typing(SECRET))
    connect = TeamStoreDialog(settings)
    qtbot.addWidget(connect)
    connect.url.setText(address)
    with caplog.at_level(logging.DEBUG):
        qtbot.mouseClick(connect.connect_button, Qt.MouseButton.LeftButton)
    script.check()
    assert seen[0][:2] == ("", False)  # first asked plainly
    assert seen[1][:2] == ("The team store refused that password; type it again.", True)
    assert seen[0][2].startswith(f"The team store {address} asks for your password.")
    assert connect.result() == QDialog.DialogCode.Accepted and connect.store is not None
    assert connect.store._pg.connection.info.user == "petra"
    connect.store.close()
    settings.sync()
    assert settings.value(SETTING) == address
    assert SECRET not in open(settings.fileName(), encoding="utf-8").read()
    assert SECRET not in caplog.text


def test_a_cancelled_password_dialog_says_where_a_password_can_be_kept(
    qtbot, settings, script, pg_server, dialog_prompt
):
    from form4_desktop.gui.team_store import TeamStoreDialog

    url = team_store_url(pg_server)
    address = pg_server.password_login(url.rsplit("/", 1)[1], "petra", SECRET)
    script.expect("run", "Team store password", QDialog.DialogCode.Rejected)
    connect = TeamStoreDialog(settings)
    qtbot.addWidget(connect)
    connect.url.setText(address)
    qtbot.mouseClick(connect.connect_button, Qt.MouseButton.LeftButton)
    script.check()
    assert connect.store is None and connect.result() != QDialog.DialogCode.Accepted
    assert connect.problem.text().startswith(f"The team store {address} refused the connection (")
    assert "password file (~/.pgpass" in connect.problem.text()

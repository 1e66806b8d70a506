"""A window on a team store whose server goes away while the user types, and comes back (the real server the tests
start, stopped and started again): one sentence, the store marked as not reachable in the status bar, what is
typed autosaved on this computer, a save refused in one sentence with nothing lost, and, once the server is back,
the window connected again by itself, the autosave back on the server and saving working again."""

from __future__ import annotations

import json
from datetime import date

import psycopg
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent

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
        said = f"The team store {url} cannot be reached ("
        qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith(said), timeout=10_000)
        message = window.statusBar().currentMessage()
        assert message.endswith(
            "; what you type is kept on this computer until it is back, and the app connects again by itself."
        )
        assert window.store_label.text() == f"{label} — cannot be reached"
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
    assert window.statusBar().currentMessage() == f"The team store {url} can be reached again; saving works again."
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

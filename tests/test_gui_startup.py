"""Issue 17, the start: the main window is painted before anything slow the start does after it (the questions
about unsaved work, the deadline dashboard that reads every draft), and what the first paint does not need is
not imported before it."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from form4_desktop.gui.main_window import MainWindow  # noqa: E402
from test_gui import draft  # noqa: E402


class _Paints(QObject):
    """Counts the paints of every main window (an event filter on the whole application)."""

    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and isinstance(watched, MainWindow):
            self.count += 1
        return False


@pytest.fixture
def started(tmp_path, monkeypatch, qapp):
    """The program's settings in a file of the test's own, nothing named in the environment; the event loop
    (QApplication.exec) returns at once, closing the window the start showed."""
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "program.ini"), QSettings.Format.IniFormat)
    monkeypatch.delenv("FORM4_STORE", raising=False)
    monkeypatch.setattr("form4_desktop.gui.main.QSettings", lambda: settings)
    shown: list[MainWindow] = []

    def exec_(app) -> int:
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        shown.append(window)
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # main() installs the app's own: the tests' comes back
    names = QApplication.applicationName(), QApplication.organizationName(), QApplication.desktopFileName()
    yield shown
    QApplication.setApplicationName(names[0])
    QApplication.setOrganizationName(names[1])
    QApplication.setDesktopFileName(names[2])


def test_the_main_window_is_painted_before_the_deadline_dashboard_opens(started, tmp_path, script, qapp, monkeypatch):
    from form4_desktop.gui import main as entry
    from form4_desktop.store import DraftStore

    path = str(tmp_path / "drafts.sqlite3")
    with DraftStore(path) as store:
        store.create(draft())  # a 2023 Form 4 never filed: overdue, so the dashboard opens at start
    paints = _Paints()
    qapp.installEventFilter(paints)
    painted_when_asked = []

    from form4_desktop.gui.dashboard import DeadlineDashboard

    # The dashboard shows beside the window, never modal (it is not one of the dialogs the script answers).
    monkeypatch.setattr(DeadlineDashboard, "show", lambda dialog: painted_when_asked.append(paints.count))
    try:
        assert entry.main(["--store", path]) == 0
    finally:
        qapp.removeEventFilter(paints)
    assert len(started) == 1 and started[0].store.path == path
    assert painted_when_asked and painted_when_asked[0] >= 1  # the window was on the screen, not blank

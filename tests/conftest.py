from __future__ import annotations

import os
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
CORPUS = sorted((DATA / "corpus").glob("*.xml"))
REFERENCE = DATA / "reference-form4.xml"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # tests never need a screen

# The log goes to a temporary folder, never to the developer's own.
os.environ.setdefault("FORM4_LOG_DIR", str(Path(__file__).parent / ".." / ".pytest_cache" / "logs"))


@pytest.fixture(autouse=True)
def no_users_closures_file(monkeypatch, tmp_path_factory):
    """The developer's own edgar-closures.txt never changes a test's due dates: each test sees none, unless it
    puts its own in place (monkeypatching closures_file again)."""
    from form4_desktop.app import closures

    missing = tmp_path_factory.getbasetemp() / "no-edgar-closures.txt"
    monkeypatch.setattr(closures, "closures_file", lambda: missing)


@pytest.fixture
def reference_path() -> Path:
    return REFERENCE


@pytest.fixture
def reference_filing():
    from form4_desktop.edgar_xml import read_file

    return read_file(REFERENCE)


# -- the desktop app's fixtures (Qt is imported only by the tests that use them) --------------------------------
@pytest.fixture
def store(tmp_path):
    from form4_desktop.store import DraftStore

    with DraftStore(tmp_path / "drafts.sqlite3") as opened:
        yield opened


@pytest.fixture
def script(monkeypatch):
    """The dialogs this test expects, with their answers; anything else fails the test."""
    import scripted_dialogs

    answers = scripted_dialogs.install(monkeypatch)
    yield answers
    answers.check()


@pytest.fixture
def settings(tmp_path):
    """The window's settings, in the test's own file (never the developer's)."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, store, script, settings):
    from datetime import date

    from form4_desktop.gui.main_window import MainWindow

    opened = MainWindow(store, today=date(2023, 1, 11), settings=settings)
    opened.show()
    yield opened
    opened.document.load(opened.document.filing, None, None)  # closing asks nothing: the test is over
    opened.close()
    opened.deleteLater()

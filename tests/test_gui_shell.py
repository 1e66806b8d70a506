"""The desktop window opens a filing and shows its findings; Qt's own health under many calls."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QMessageBox, QWidget  # noqa: E402

from conftest import REFERENCE  # noqa: E402
from form4_desktop.gui.main import MainWindow  # noqa: E402


def test_opening_a_filing_shows_its_boxes_and_counts(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_file(str(REFERENCE))
    texts = [window.summary.topLevelItem(i).text(1) for i in range(window.summary.topLevelItemCount())]
    assert any("Ault Alliance, Inc. [AULT]" in text for text in texts)
    assert window.statusBar().currentMessage() == "0 errors, 0 warnings"


def test_a_bad_file_gets_one_sentence_and_keeps_the_window(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"%PDF-1.4")
    window = MainWindow()
    qtbot.addWidget(window)
    assert not window.open_file(str(bad))
    assert shown == [f"{bad} is a PDF document, not EDGAR XML."]


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_qt_calls_do_not_leak_references_to_none(qtbot):
    # PySide6 6.12.0 on Python 3.11 drops a reference to None on every call that returns nothing;
    # after a few thousand calls Python aborts (none_dealloc). The pinned version must not.
    import ctypes

    widget = QWidget()
    qtbot.addWidget(widget)
    guard = [None] * 50_000  # so that a leak shows as a count, not as Python aborting mid-loop
    before = sys.getrefcount(None)
    for _ in range(20_000):
        widget.setEnabled(True)
    lost = before - sys.getrefcount(None)
    for _ in range(max(lost, 0)):  # give the references back, so that the run ends with a report
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    del guard
    assert lost < 1_000, f"{lost} references to None lost in 20,000 Qt calls: a broken PySide6 build"

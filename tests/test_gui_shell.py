"""Qt's own health under many calls (the PySide6 None reference bug)."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QWidget  # noqa: E402


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

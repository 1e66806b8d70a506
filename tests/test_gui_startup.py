"""Issue 17, the start: the main window is painted before anything slow the start does after it (the questions
about unsaved work, the deadline dashboard that reads every draft), and what the first paint does not need is
not imported before it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

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


def test_the_new_drafts_findings_and_deadline_come_right_after_the_first_paint(started, tmp_path, script, qapp):
    from form4_desktop.gui import main as entry

    seen = []

    def exec_(app) -> int:  # the event loop the start goes on to: what the window shows by then
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen.append(
            (
                window.started,
                len(window.findings),
                window.status_label.text(),
                window.clock_label.text(),
                window.editor.rest_built(),
            )
        )
        window.close()
        return 0

    QApplication.exec = exec_  # the fixture's monkeypatch puts the real one back
    assert entry.main(["--store", str(tmp_path / "drafts.sqlite3")]) == 0
    [(finished, findings, status, clock, built)] = seen
    assert built  # the editor's other tabs too, right after the first paint
    assert finished and findings == 9  # the empty Form 4's boxes to fill, as a new window always showed them
    assert status == "9 boxes to fill, 0 errors, 0 warnings"  # in the status bar
    assert clock.startswith("New York ")  # and New York's clock beside it


# What the first paint does not need: the rule engine (validate, the deadlines; it checks the new draft right after
# the paint), the XML and PDF layers (lxml, reportlab), QtPdf and printing, the compliance desk's views and the
# rescue of damaged stores. They are imported when first used.
NOT_BEFORE_FIRST_PAINT = (
    "form4_desktop.rules.validate",
    "form4_desktop.rules.timeliness",
    "lxml",
    "reportlab",
    "form4_desktop.pdf",
    "form4_desktop.edgar_xml.reader",
    "form4_desktop.edgar_xml.writer",
    "form4_desktop.edgar_xml.schema",
    "form4_desktop.app.documents",
    "form4_desktop.app.rescue",
    "form4_desktop.app.compliance",
    "form4_desktop.gui.dashboard",
    "form4_desktop.gui.printing",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPrintSupport",
    "PySide6.QtCharts",
)


def test_nothing_heavy_is_imported_before_the_first_paint(tmp_path):
    """A start (--smoke-test, a store of a few drafts) lists the modules it had imported when its window's first
    paint was over; none of the heavy ones is among them."""
    from form4_desktop.store import DraftStore

    path = str(tmp_path / "drafts.sqlite3")
    with DraftStore(path) as store:
        for _ in range(3):
            store.create(draft())
    probe = textwrap.dedent(
        """
        import sys
        from form4_desktop.gui import main

        painted = main._FirstPaint._painted

        def listed(self):
            painted(self)
            with open(sys.argv[1], "w") as out:
                out.write("\\n".join(sorted(sys.modules)))
            with open(sys.argv[1] + ".tabs", "w") as out:
                out.write(str(self.window.editor.rest_built()))

        main._FirstPaint._painted = listed
        sys.exit(main.main(["--smoke-test", "--store", sys.argv[2]]))
        """
    )
    listing = tmp_path / "modules.txt"
    result = subprocess.run(
        [sys.executable, "-c", probe, str(listing), path], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("shown in ")
    imported = set(listing.read_text().split())
    assert "form4_desktop.gui.main_window" in imported  # the listing is the real one
    heavy = sorted(m for m in imported if any(m == h or m.startswith(h + ".") for h in NOT_BEFORE_FIRST_PAINT))
    assert heavy == []
    assert (tmp_path / "modules.txt.tabs").read_text() == "False"  # only the Filing tab was built for the paint


def _shape(editor) -> dict:
    """What an editor shows, tab by tab: names, tips, every box's name and text, each table's rows and marks."""
    from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit

    tabs = (editor.table_i, editor.table_ii)  # (asking for a tab builds those not built yet)
    boxes = {}
    for widget in editor.findChildren(QLineEdit) + editor.findChildren(QPlainTextEdit):
        text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
        boxes.setdefault(widget.objectName(), []).append((text, widget.isReadOnly(), widget.styleSheet()))
    checks = {w.objectName(): (w.isChecked(), w.isEnabled()) for w in editor.findChildren(QCheckBox)}
    tables = {}
    for table in tabs:
        model = table.model
        tables[table.objectName() or id(table)] = [
            [model.data(model.index(row, column)) for column in range(model.columnCount())]
            for row in range(model.rowCount())
        ] + [sorted(model.findings)]
    return {
        "tabs": [
            (editor.tabText(n), editor.tabToolTip(n), editor.widget(n).objectName()) for n in range(editor.count())
        ],
        "boxes": {name: sorted(values) for name, values in boxes.items()},
        "checks": checks,
        "tables": list(tables.values()),
        "bindings": len(editor.binder.bindings),
    }


@pytest.mark.parametrize("read_only", [False, True])
def test_tabs_built_after_the_first_paint_show_what_tabs_built_at_once_show(qtbot, store, settings, read_only):
    from form4_desktop.model import Filing

    filing: Filing = draft()
    draft_id = store.create(filing)
    if read_only:
        store.mark_filed(draft_id, filing.period_of_report)  # a filed form shows read-only
    shapes, sizes = [], []
    for later in (False, True):
        window = MainWindow(store, settings=settings, check_after_paint=later)
        qtbot.addWidget(window)
        window.open_draft(draft_id)
        window.validate()
        assert window.editor.rest_built() is not later  # not built yet: Filing and Reporting persons only
        # The same size as the whole editor's, so that the window's first layout is the one it always had.
        sizes.append((window.editor.minimumSizeHint().toTuple(), window.editor.sizeHint().toTuple()))
        shapes.append(_shape(window.editor))  # asking for a tab builds them all
        assert window.editor.rest_built()
    assert shapes[0]["tables"][0][0]  # the draft's rows are there
    assert shapes[1] == shapes[0]
    assert sizes[1] == sizes[0]


def test_a_click_on_a_tab_not_yet_built_builds_it_and_shows_it(qtbot, store, settings):
    from PySide6.QtCore import Qt

    window = MainWindow(store, settings=settings, check_after_paint=True)
    qtbot.addWidget(window)
    editor = window.editor
    assert not editor.rest_built()
    bar = editor.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())  # Table I
    assert editor.rest_built() and editor.currentIndex() == 2
    assert editor.currentWidget() is editor.table_i
    assert [editor.tabText(n) for n in range(editor.count())] == [name for name in editor.TAB_NAMES]


def test_the_quicker_pyside_import_hook_answers_as_pysides_own():
    """gui/main.py answers PySide's question (does this module's source say "PySide6"?) from the file's bytes:
    the same answer as PySide's own function for every module loaded here, without filling linecache."""
    import linecache

    import form4_desktop.gui.main  # noqa: F401 - installs it

    feature = sys.modules["shibokensupport.feature"]
    quick = feature._mod_uses_pyside
    assert getattr(quick, "quicker", False)
    modules = [m for m in list(sys.modules.values()) if str(getattr(m, "__file__", "")).endswith(".py")]
    linecache.clearcache()
    answers = {m.__name__: quick(m) for m in modules}
    assert not [name for name in linecache.cache if name.endswith(".py") and "/" in name]  # no file's lines kept
    assert answers == {m.__name__: quick.original(m) for m in modules}
    assert answers["form4_desktop.gui.main_window"] and not answers["form4_desktop.model.filing"]

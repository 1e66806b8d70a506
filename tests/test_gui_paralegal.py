"""What a paralegal new to the app met on Forms 3 and 5 (session 5): the draft list in period order and in the order
the user chose, the row selected always the open draft, the Draft menu naming the draft it acts on, an amendment of
an unfiled draft pointing to Mark filed, a start that greets with neither a modal window nor a wall of red, a filed
draft that says whether it was filed on time, a refusal that goes once corrected, and names read whole."""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, QSettings, Qt  # noqa: E402

from form4_desktop.edgar_xml import Copy, write_bytes  # noqa: E402
from form4_desktop.gui import dialogs  # noqa: E402
from form4_desktop.gui.main_window import MainWindow  # noqa: E402
from form4_desktop.gui.models import DraftListModel  # noqa: E402
from test_gui import draft  # noqa: E402

Button = dialogs.Button
PERIOD = DraftListModel.HEADERS.index("Period")
ISSUER = DraftListModel.HEADERS.index("Issuer")


def _action(window, name):
    return window.findChild(type(window.save_action), name)


def _column(window, column: int) -> list[str]:
    """What the list shows in `column`, top to bottom."""
    model = window.browser.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _click_heading(qtbot, window, column: int) -> None:
    header = window.browser.horizontalHeader()
    position = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(position, 5))


def _filing(period: date, issuer: str = "Ault Alliance, Inc.", ticker: str = "AULT"):
    filing = draft()
    filing.period_of_report = period
    filing.issuer.name, filing.issuer.trading_symbol = issuer, ticker
    return filing


def _import(window, script, tmp_path, filings) -> None:
    """File ▸ Import Folder on a folder holding `filings`, imported in the order given (the files' names)."""
    folder = tmp_path / f"import-{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    for number, filing in enumerate(filings):
        (folder / f"{number:02d}.xml").write_bytes(write_bytes(filing, Copy.RECORD))
    script.expect("folder", "Import", str(folder))
    script.expect("tell", "Folder imported", None, text=f"{len(filings)} file")
    _action(window, "import_folder").trigger()


# -- 1. the list's order --------------------------------------------------------------------------------------
def test_after_an_import_the_list_is_in_period_order_newest_first(window, qtbot, script, tmp_path):
    # The order of the screenshot: imported as 12/12/2022, 02/14/2020, 11/08/2022 (its files' order).
    _import(
        window, script, tmp_path, [_filing(date(2022, 12, 12)), _filing(date(2020, 2, 14)), _filing(date(2022, 11, 8))]
    )
    assert _column(window, PERIOD) == ["12/12/2022", "11/08/2022", "02/14/2020"]
    header = window.browser.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (PERIOD, Qt.SortOrder.DescendingOrder)
    # A later import (and any refresh) keeps the order: the new periods go where they belong.
    _import(window, script, tmp_path, [_filing(date(2021, 6, 1)), _filing(date(2023, 1, 9))])
    assert _column(window, PERIOD) == ["01/09/2023", "12/12/2022", "11/08/2022", "06/01/2021", "02/14/2020"]


def test_the_order_the_user_chose_holds_after_imports_refreshes_and_the_next_start(
    window, qtbot, script, tmp_path, settings, store
):
    _import(
        window,
        script,
        tmp_path,
        [_filing(date(2022, 12, 12), "Tesla, Inc.", "TSLA"), _filing(date(2020, 2, 14), "MICROVISION, INC.", "MVIS")],
    )
    _click_heading(qtbot, window, ISSUER)
    assert _column(window, ISSUER) == ["MICROVISION, INC. [MVIS]", "Tesla, Inc. [TSLA]"]
    _import(window, script, tmp_path, [_filing(date(2023, 1, 9), "SOLARCITY CORP", "SCTY")])
    shown = ["MICROVISION, INC. [MVIS]", "SOLARCITY CORP [SCTY]", "Tesla, Inc. [TSLA]"]
    assert _column(window, ISSUER) == shown
    with store.__class__(store.path) as other:  # another program saves: the list is read again, in the same order
        other.create(_filing(date(2019, 1, 2), "Endeavor Group Holdings, Inc.", "EDR"))
    window._refresh_if_changed()
    assert _column(window, ISSUER) == ["Endeavor Group Holdings, Inc. [EDR]"] + shown
    window.close()
    again = MainWindow(store, today=date(2023, 1, 11), settings=QSettings(settings.fileName(), settings.format()))
    qtbot.addWidget(again)
    assert _column(again, ISSUER) == ["Endeavor Group Holdings, Inc. [EDR]"] + shown
    assert again.browser.horizontalHeader().sortIndicatorSection() == ISSUER

"""The holdings ledger in the editor: a new row's "owned following" is proposed from the owner's filed forms, and
a first row that does not start from them gets HOLDINGS-CONTINUITY in the findings, on its box."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from form4_desktop.model import Footnoted  # noqa: E402
from form4_desktop.rules.findings import Severity  # noqa: E402
from test_gui import edit_cell  # noqa: E402
from test_holdings import _filing, _history  # noqa: E402


def test_a_new_row_starts_from_the_ledger_and_a_wrong_one_is_found(window, qtbot):
    for item in _history():  # filed forms: 200,000 ... 225,000 owned directly after 09/01/2023
        window.store.import_filed(item.filing, item.filed_on)
    window.refresh_browser()
    new = _filing(date(2023, 11, 1), 10000, "P", 240000)
    new.schema_version = None
    new.table_i = []
    window.document.load(new, None, None)
    table = window.editor.table_i
    qtbot.mouseClick(table.buttons["add_transaction"], Qt.MouseButton.LeftButton)
    headers = [
        table.model.headerData(n, Qt.Orientation.Horizontal).replace("\n", " ")
        for n in range(table.model.columnCount())
    ]
    edit_cell(qtbot, table, 0, headers.index("1. Title of Security"), "COMMON STOCK")  # matched whatever the case
    edit_cell(qtbot, table, 0, headers.index("2. Transaction Date"), "11/01/2023")
    edit_cell(qtbot, table, 0, headers.index("4. Amount"), "10000")
    edit_cell(qtbot, table, 0, headers.index("(A) or (D)"), "A")
    owned_box = lambda: window.document.filing.table_i[0].shares_owned_following  # noqa: E731
    qtbot.waitUntil(lambda: owned_box() is not None and owned_box().value is not None, timeout=2000)
    assert window.document.filing.table_i[0].shares_owned_following.value == Decimal(235000)
    owned = table.model.index(0, headers.index("5. Owned Following"))
    assert owned.data() == "235,000"
    window.validate()
    assert not [f for f in window.findings if f.rule_id == "HOLDINGS-CONTINUITY"]
    # The user overwrites it with a number that does not follow: the finding points at that box.
    edit_cell(qtbot, table, 0, headers.index("5. Owned Following"), "240000")
    window.validate()
    [finding] = [f for f in window.findings if f.rule_id == "HOLDINGS-CONTINUITY"]
    assert finding.field_path == "table_i[0].shares_owned_following"
    assert "225,000 + 10,000 = 235,000; this row says 240,000" in finding.message
    assert (0, headers.index("5. Owned Following")) in table.model.findings  # the cell is coloured
    # Undo takes back the user's number, then the proposal, one step each.
    window.undo_redo(undo=True)
    assert window.document.filing.table_i[0].shares_owned_following.value == Decimal(235000)
    window.undo_redo(undo=True)
    assert window.document.filing.table_i[0].shares_owned_following.value is None
    window.document.filing.table_i[0].shares_owned_following = Footnoted(None)


def test_a_draft_sale_against_a_filed_purchase_is_a_short_swing_warning_on_its_code(window):
    for item in _store_rows():
        window.store.import_filed(*item)
    window.refresh_browser()
    sale = _filing(date(2024, 3, 1), 400, "S", 15600)
    sale.schema_version = None
    sale.table_i[0].price_per_share = Footnoted(Decimal("12.50"))
    window.document.load(sale, None, None)
    window.validate()
    [finding] = [f for f in window.findings if f.rule_id == "SHORT-SWING"]
    assert finding.field_path == "table_i[0].coding" and "$1,000.00" in finding.message


def _store_rows():
    bought = _filing(date(2024, 1, 10), 1000, "P", 11000)
    bought.table_i[0].price_per_share = Footnoted(Decimal("10.00"))
    return [(bought, date(2024, 1, 11))]


def test_a_draft_in_a_read_only_store_is_still_judged_against_the_ledger(qtbot, settings, tmp_path):
    import os

    from form4_desktop.gui.main_window import MainWindow
    from form4_desktop.store import DraftStore

    path = tmp_path / "drafts.sqlite3"
    with DraftStore(path) as store:
        for item in _history():  # 225,000 owned directly after 09/01/2023
            store.import_filed(item.filing, item.filed_on)
        wrong = _filing(date(2023, 11, 1), 10000, "P", 240000)  # 225,000 + 10,000 is 235,000
        wrong.schema_version = None
        draft_id = store.create(wrong)
    os.chmod(path, 0o444)
    with DraftStore(path) as store:
        window = MainWindow(store, today=date(2023, 11, 3), settings=settings)
        qtbot.addWidget(window)
        window.open_draft(draft_id)
        window.validate()
        # Locked, since the store can only be read, but not filed: the same finding a writable store shows.
        [finding] = [f for f in window.findings if f.rule_id == "HOLDINGS-CONTINUITY"]
        assert finding.field_path == "table_i[0].shares_owned_following"
        window.close()


def test_a_gift_of_more_than_is_held_directly_proposes_nothing_and_a_footnote_clears_the_warning(window, qtbot, script):
    """Screenshots 54, 60, 61: a gift of 2,000,000 against 225,000 held directly leaves the box empty (it was
    proposed -1,775,000) and the finding says why; the figure after a split the ledger cannot see gets a warning
    that says how to clear it, and a footnote added on that box makes it information."""
    from PySide6.QtWidgets import QPushButton

    from test_gui import write_footnote

    for item in _history():  # 225,000 owned directly after 09/01/2023
        window.store.import_filed(item.filing, item.filed_on)
    window.refresh_browser()
    new = _filing(date(2023, 12, 20), 2000000, "G", 0)
    new.schema_version = None
    new.table_i = []
    window.document.load(new, None, None)
    window.editor.setCurrentIndex(2)
    table = window.editor.table_i
    qtbot.mouseClick(table.buttons["add_transaction"], Qt.MouseButton.LeftButton)
    headers = [
        table.model.headerData(n, Qt.Orientation.Horizontal).replace("\n", " ")
        for n in range(table.model.columnCount())
    ]
    owned_column = headers.index("5. Owned Following")
    edit_cell(qtbot, table, 0, headers.index("1. Title of Security"), "Common Stock")
    edit_cell(qtbot, table, 0, headers.index("2. Transaction Date"), "12/20/2023")
    edit_cell(qtbot, table, 0, headers.index("3. Code"), "G")
    edit_cell(qtbot, table, 0, headers.index("4. Amount"), "2000000")
    edit_cell(qtbot, table, 0, headers.index("(A) or (D)"), "D")
    qtbot.wait(50)
    row = window.document.filing.table_i[0]
    assert row.ownership.direct_or_indirect.value == "D"  # left as it came
    assert row.shares_owned_following is None or row.shares_owned_following.value is None
    assert table.model.index(0, owned_column).data() in ("", None)
    window.validate()
    [finding] = [f for f in window.findings if f.rule_id == "HOLDINGS-CONTINUITY"]
    assert (finding.severity, finding.field_path) == (Severity.WARNING, "table_i[0].shares_owned_following")
    assert "fewer than the 2,000,000 this row disposes of, so nothing is proposed" in finding.message
    # A sale after a 3-for-1 split: the user types the figure the ledger cannot know.
    edit_cell(qtbot, table, 0, headers.index("3. Code"), "S")
    edit_cell(qtbot, table, 0, headers.index("4. Amount"), "10000")
    edit_cell(qtbot, table, 0, owned_column, "665000")
    window.validate()
    [finding] = [f for f in window.findings if f.rule_id == "HOLDINGS-CONTINUITY"]
    assert (finding.severity, finding.field_path) == (Severity.WARNING, "table_i[0].shares_owned_following")
    assert "this row says 665,000. If the difference has a reason the filings do not show (a stock split" in (
        finding.message
    )
    assert finding.message.endswith("explain it in a footnote on this box: this warning then becomes information.")

    # What the message says, done as a person does it: Footnotes… on that box, New footnote…, its text, OK.
    def new_footnote(dialog) -> int:
        [button] = [b for b in dialog.findChildren(QPushButton) if b.text() == "New footnote…"]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        dialog.accept()
        return dialog.result()

    script.expect("run", "Footnotes for this box", new_footnote)
    script.expect("run", "Footnote (", write_footnote(qtbot, "Reflects the 3-for-1 stock split of August 24, 2022."))
    table.view.setCurrentIndex(table.model.index(0, owned_column))
    qtbot.keyClick(table.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    if script.expected:  # offscreen the shortcut may not reach the table: the button does the same
        qtbot.mouseClick(table.buttons["footnotes"], Qt.MouseButton.LeftButton)
    assert not script.expected and not script.problems, script.problems
    written = window.document.filing.footnotes[-1]
    assert written.text == "Reflects the 3-for-1 stock split of August 24, 2022."
    assert window.document.filing.table_i[0].shares_owned_following.footnote_ids == [written.id]
    window.validate()
    [finding] = [f for f in window.findings if f.rule_id == "HOLDINGS-CONTINUITY"]
    assert (finding.severity, finding.field_path) == (Severity.INFO, "table_i[0].shares_owned_following")
    assert finding.message.endswith(f"Footnote ({written.id[1:]}) explains it, if it says why.")
    assert not [f for f in window.findings if f.severity is Severity.WARNING and f.rule_id.startswith("HOLDINGS")]

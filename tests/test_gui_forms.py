"""Forms 3 and 5 in the editor: the boxes and columns each form has, from the one description of the form; a
change of form type keeps what fits and names what it would drop before dropping it."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from form4_desktop.gui import dialogs  # noqa: E402
from form4_desktop.model import NonDerivativeHolding, NonDerivativeTransaction  # noqa: E402
from test_gui import draft, edit_cell, type_into  # noqa: E402

Button = dialogs.Button


def _headers(tab) -> list[str]:
    model = tab.view.model()
    return [model.headerData(n, Qt.Orientation.Horizontal).replace("\n", " ") for n in range(model.columnCount())]


def _menu(window, name: str):
    return window.findChild(type(window.save_action), name)


def test_a_new_form_3_has_holdings_only_and_its_own_boxes(window, qtbot):
    _menu(window, "new_form3").trigger()
    assert window.document.filing.document_type == "3"
    tab = window.editor.filing_tab
    form = tab.layout_
    assert form.labelForField(tab.period).text() == "2. Date of event requiring statement:"
    assert form.labelForField(tab.original).text() == "5. If amendment, date original filed:"
    assert tab.issuer_heading.text() == "<b>3. Issuer</b>"
    owners = window.editor.owners_tab
    assert owners.relationship_box.title() == "4. Relationship to issuer (check all applicable)"  # box 4 on Form 3
    assert owners.fields["relationship.officer_title"].toolTip().startswith("Box 4. Officer")
    assert not form.isRowVisible(tab.exit_box) and not form.isRowVisible(tab.aff10b5)
    assert form.isRowVisible(tab.no_securities) and tab.no_securities.isChecked()  # nothing reported yet
    table_i = window.editor.table_i
    assert _headers(table_i) == [
        "1. Title of Security",
        "2. Amount Owned",
        "3. D or I",
        "4. Nature of Indirect Ownership",
    ]
    assert table_i.buttons["add_transaction"].isHidden()
    qtbot.mouseClick(table_i.buttons["add_holding"], Qt.MouseButton.LeftButton)
    edit_cell(qtbot, table_i, 0, 0, "Common Stock")
    edit_cell(qtbot, table_i, 0, 1, "1500")
    [row] = window.document.filing.table_i
    assert isinstance(row, NonDerivativeHolding)
    assert (row.security_title.value, str(row.shares_owned_following.value)) == ("Common Stock", "1500")
    assert not tab.no_securities.isChecked()
    assert "Box 2, Date of Event Requiring Statement" == tab.period.accessibleName()
    assert _headers(window.editor.table_ii)[:3] == [
        "1. Title of Derivative Security",
        "2. Date Exercisable",
        "Expiration Date",
    ]


def test_a_new_form_5_has_the_timeliness_mark_and_no_v(window, qtbot):
    _menu(window, "new_form5").trigger()
    tab = window.editor.filing_tab
    assert tab.layout_.labelForField(tab.period).text() == "3. Statement for issuer's fiscal year ended:"
    assert tab.layout_.isRowVisible(tab.exit_box) and tab.layout_.isRowVisible(tab.form3_holdings)
    table_i = window.editor.table_i
    headers = _headers(table_i)
    assert "V" not in headers and headers[headers.index("3. Code") + 2] == "E/L"
    qtbot.mouseClick(table_i.buttons["add_transaction"], Qt.MouseButton.LeftButton)
    edit_cell(qtbot, table_i, 0, headers.index("E/L"), "L")
    [row] = window.document.filing.table_i
    assert isinstance(row, NonDerivativeTransaction)
    assert row.coding.form_type == "5" and row.timeliness.value == "L"


def test_changing_a_form_4_to_a_form_3_asks_before_it_drops_the_transactions(window, qtbot, script):
    window.document.load(draft(), None, None)
    combo = window.editor.filing_tab.document_type
    transactions = sum(isinstance(row, NonDerivativeTransaction) for row in window.document.filing.table_i)
    assert transactions
    script.expect(
        "ask",
        "Change the form type",
        Button.Cancel,
        text="A Form 3 has no place for:\n• Table I, row 1: a transaction in",
    )
    combo.setFocus()
    combo.setCurrentIndex(combo.findData("3"))
    combo.activated.emit(combo.currentIndex())
    script.check()
    assert window.document.filing.document_type == "4" and combo.currentData() == "4"  # cancelled: nothing changed
    script.expect("ask", "Change the form type", Button.Yes)
    combo.setCurrentIndex(combo.findData("3"))
    combo.activated.emit(combo.currentIndex())
    assert window.document.filing.document_type == "3"
    assert not any(isinstance(row, NonDerivativeTransaction) for row in window.document.filing.table_i)
    assert _headers(window.editor.table_i)[0] == "1. Title of Security"  # Form 3's columns now
    window.undo_redo(undo=True)  # one undo brings the Form 4 back whole
    assert window.document.filing.document_type == "4" and combo.currentData() == "4"
    assert sum(isinstance(row, NonDerivativeTransaction) for row in window.document.filing.table_i) == transactions
    assert _headers(window.editor.table_i)[0] == "Line"


def test_a_form_type_change_waits_for_a_box_holding_refused_text(window, qtbot, script):
    window.document.load(draft(), None, None)
    type_into(qtbot, window.editor.filing_tab.period, "02/30/2023")
    script.expect("tell", "Form type not changed", None, text="02/30/2023")
    combo = window.editor.filing_tab.document_type
    combo.setCurrentIndex(combo.findData("5"))
    combo.activated.emit(combo.currentIndex())
    assert window.document.filing.document_type == "4" and window.editor.filing_tab.period.text() == "02/30/2023"

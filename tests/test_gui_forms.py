"""Forms 3 and 5 in the editor: the boxes and columns each form has, from the one description of the form; a
change of form type keeps what fits and names what it would drop before dropping it."""

from __future__ import annotations

import io
from datetime import date

import pytest
from lxml import etree

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from form4_desktop.edgar_xml import Copy, write_bytes  # noqa: E402
from form4_desktop.gui import dialogs  # noqa: E402
from form4_desktop.model import HoldingCoding, NonDerivativeHolding, NonDerivativeTransaction  # noqa: E402
from form4_desktop.model.forms import FORM_TYPE_HEADER  # noqa: E402
from form4_desktop.model.operations import change_form_type  # noqa: E402
from form4_desktop.pdf import render_pdf  # noqa: E402
from test_gui import draft, edit_cell, type_into  # noqa: E402
from test_gui_trust import findings_of  # noqa: E402

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


def test_a_new_form_5_has_the_form_type_and_timeliness_marks_and_no_v(window, qtbot):
    _menu(window, "new_form5").trigger()
    tab = window.editor.filing_tab
    assert tab.layout_.labelForField(tab.period).text() == "3. Statement for issuer's fiscal year ended:"
    assert tab.layout_.isRowVisible(tab.exit_box) and tab.layout_.isRowVisible(tab.form3_holdings)
    table_i = window.editor.table_i
    headers = _headers(table_i)
    assert "V" not in headers and headers[headers.index("3. Code") :][:4] == ["3. Code", "Form type", "K", "L"]
    qtbot.mouseClick(table_i.buttons["add_transaction"], Qt.MouseButton.LeftButton)
    edit_cell(qtbot, table_i, 0, headers.index("L"), "L")
    [row] = window.document.filing.table_i
    assert isinstance(row, NonDerivativeTransaction)
    assert row.coding.form_type == "5" and row.timeliness.value == "L"  # a Form 5 item reported late: G5


def _form5_with_a_gift(window, qtbot) -> int:
    """The reference filing made a Form 5 for 2023 with only its holding, and a gift given on 06/10/2023 typed in
    as a new Table I row, as a user who takes it for a Form 5 item would; the new row's number."""
    filing, _ = change_form_type(draft(), "5")
    filing.period_of_report = date(2023, 12, 31)
    filing.table_i = [row for row in filing.table_i if isinstance(row, NonDerivativeHolding)]
    filing.table_ii = []
    filing.footnotes = []
    for row in filing.table_i:
        row.shares_owned_following.footnote_ids = []
    window.document.load(filing, None, None)
    window.editor.setCurrentIndex(2)
    table = window.editor.table_i
    headers = _headers(table)
    table.view.setCurrentIndex(table.model.index(len(filing.table_i) - 1, 1))
    qtbot.mouseClick(table.buttons["add_transaction"], Qt.MouseButton.LeftButton)
    row = len(window.document.filing.table_i) - 1
    for header, keys in (
        ("1. Title of Security", "Common Stock"),
        ("2. Transaction Date", "06/10/2023"),
        ("3. Code", "G"),
        ("4. Amount", "1000"),
        ("(A) or (D)", "D"),
        ("Price", "0"),
        ("5. Owned at Fiscal Year End", "199000"),
    ):
        edit_cell(qtbot, table, row, headers.index(header), keys)
    added = window.document.filing.table_i[row]
    assert (added.coding.code, added.coding.form_type, added.acquired_disposed.value) == ("G", "5", "D")
    return row


def _printed_words(filing) -> list[dict]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(render_pdf(filing))) as document:
        return document.pages[0].extract_words(keep_blank_chars=False)


def test_a_late_form_4_item_on_a_form_5_is_filed_screened_and_printed_as_form_type_4(window, qtbot):
    row = _form5_with_a_gift(window, qtbot)
    table = window.editor.table_i
    headers = _headers(table)
    form_type = headers.index(FORM_TYPE_HEADER)
    # The finding says to choose form type 4, on the Form type box, in the words of the picker that box offers.
    [(path, message)] = findings_of(window, "FORM5-GIFT-ON-TIME")
    assert path == f"table_i[{row}].coding.form_type"
    assert table.model.column_of(path.split(".", 1)[1]) == form_type
    assert message.endswith(
        f"on a Form 5 it is a late Form 4 item: choose '4 — should have been reported on Form 4' in its "
        f"{FORM_TYPE_HEADER} column (it prints G4)."
    )
    assert table.model.index(row, form_type).data() == "5"
    assert table.model.data(table.model.index(row, form_type), Qt.ItemDataRole.BackgroundRole) is not None
    assert not window.editor.filing_tab.form4_transactions.isChecked()
    editor = edit_cell(qtbot, table, row, form_type, "4")
    offered = [editor.itemText(number) for number in range(editor.count())]
    assert offered == ["5 — a Form 5 item", "4 — should have been reported on Form 4"]
    assert f"'{offered[1]}'" in message  # the advice names exactly what the picker offers
    filing = window.document.filing
    assert filing.table_i[row].coding.form_type == "4"
    assert table.model.index(row, form_type).data() == "4"
    assert findings_of(window, "FORM5-GIFT-ON-TIME") == []
    # the screen: "Form 4 transactions reported" follows the rows
    assert window.editor.filing_tab.form4_transactions.isChecked()
    assert not window.editor.filing_tab.form3_holdings.isChecked()
    # the XML: transactionFormType 4 on that row (the submission copy, as it is sent)
    root = etree.fromstring(write_bytes(filing, Copy.SUBMISSION))
    rows = root.findall("nonDerivativeTable/nonDerivativeTransaction")
    assert rows[row].findtext("transactionDate/value") == "2023-06-10"
    assert rows[row].findtext("transactionCoding/transactionFormType") == "4"
    assert rows[row].findtext("transactionCoding/transactionCode") == "G"
    # the print: G4 in column 3 of the gift's row, and "Form 4 Transactions Reported" checked
    words = _printed_words(filing)
    text = " ".join(word["text"] for word in words)
    assert "\u2612 Form 4 Transactions Reported" in text and "\u2610 Form 3 Holdings Reported" in text
    [dated] = [word for word in words if word["text"] == "06/10/2023"]
    [amount] = [word for word in words if word["text"] == "1,000" and abs(word["top"] - dated["top"]) < 2]
    coded = [
        word["text"]
        for word in words
        if abs(word["top"] - dated["top"]) < 3 and dated["x1"] < word["x0"] and word["x1"] < amount["x0"]
    ]
    assert coded == ["G4"]


def test_a_form_5_holding_omitted_from_the_form_3_is_marked_3_and_checks_form_3_holdings(window, qtbot):
    filing, _ = change_form_type(draft(), "5")
    filing.period_of_report = date(2023, 12, 31)
    window.document.load(filing, None, None)
    table = window.editor.table_ii
    headers = _headers(table)
    table.view.setCurrentIndex(table.model.index(len(filing.table_ii) - 1, 1))
    qtbot.mouseClick(table.buttons["add_holding"], Qt.MouseButton.LeftButton)
    row = len(window.document.filing.table_ii) - 1
    holding = window.document.filing.table_ii[row]
    assert holding.coding is None  # a new holding has no form type
    assert findings_of(window, "CODING-FORM-TYPE") == []
    editor = edit_cell(qtbot, table, row, headers.index(FORM_TYPE_HEADER), "3")
    assert [editor.itemText(n) for n in range(editor.count())] == ["", "3 — should have been reported on Form 3"]
    assert window.document.filing.table_ii[row].coding == HoldingCoding("3", [])
    assert table.model.index(row, headers.index(FORM_TYPE_HEADER)).data() == "3"
    assert window.editor.filing_tab.form3_holdings.isChecked()
    table.view.setCurrentIndex(table.model.index(row, headers.index(FORM_TYPE_HEADER)))
    table.clear_action.trigger()  # Delete: back to a plain holding
    assert window.document.filing.table_ii[row].coding is None
    assert not window.editor.filing_tab.form3_holdings.isChecked()
    window.undo_redo(undo=True)
    assert window.document.filing.table_ii[row].coding == HoldingCoding("3", [])


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


@pytest.mark.parametrize("typed, signed", [("Rivera Maria L", "/s/ Maria L. Rivera"), ("Musk Elon", "/s/ Elon Musk")])
def test_a_new_form_3_signs_a_mixed_case_name_first_name_first(window, qtbot, typed, signed):
    _menu(window, "new_form3").trigger()
    window.editor.setCurrentIndex(1)
    type_into(qtbot, window.editor.owners_tab.fields["name"], typed)
    qtbot.waitUntil(lambda: window.document.filing.signatures[0].name == signed, timeout=2000)
    window.editor.setCurrentIndex(5)
    assert window.editor.signatures_tab.name.text() == signed
    assert window.editor.signatures_tab.list.item(0).text() == f"1. {signed}"

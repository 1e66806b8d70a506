"""A Form 5 row's form type (EDGAR's transactionFormType, Technical Specification 4.3.8.3): a late Form 4 item is
form type 4 (late by definition, printed S4/G4, and it checks "Form 4 Transactions Reported"), a Form 5 item form
type 5 (L when late, printed S5), a holding omitted from the Form 3 form type 3 ("Form 3 Holdings Reported"). The
findings tell the user to choose what the editor's Form type picker offers, in its words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from lxml import etree

from form4_desktop.edgar_xml import Copy, write_bytes
from form4_desktop.model import Filing, Footnoted, HoldingCoding, NonDerivativeHolding
from form4_desktop.model import operations
from form4_desktop.model.forms import FORM5_ITEM, LATE_FORM3_HOLDING, LATE_FORM4_ITEM, describe
from form4_desktop.model.operations import change_form_type
from form4_desktop.rules import validate
from test_rules import draft

TODAY = date(2024, 1, 10)


def form5() -> Filing:
    """The reference draft made a Form 5 for 2023: its rows are Form 4 items (M, and the derivative side)."""
    filing, _ = change_form_type(draft(), "5")
    filing.period_of_report = date(2023, 12, 31)
    return filing


def findings(filing: Filing, rule_id: str) -> list[tuple[str, str]]:
    return [(f.field_path, f.message) for f in validate(filing, TODAY) if f.rule_id == rule_id]


def test_form_4_items_kept_as_form_type_4_on_a_form_5_are_clean():
    filing = form5()
    assert [row.coding.form_type for row in (*filing.table_i, *filing.table_ii)] == ["4", "4", "4"]
    assert findings(filing, "FORM4-ITEM-ON-FORM5") == [] and findings(filing, "CODING-FORM-TYPE") == []
    assert operations.reported_boxes(filing) == (False, True)


def test_a_sale_coded_as_a_form_5_item_is_told_to_choose_form_type_4():
    filing = form5()
    filing.table_i[0].coding.code, filing.table_i[0].acquired_disposed = "S", Footnoted("D")
    filing.table_i[0].coding.form_type = "5"
    filing.table_i[0].timeliness = Footnoted("L")  # "reported late": S5, a late Form 5 item, not what is meant
    [(path, message)] = findings(filing, "FORM4-ITEM-ON-FORM5")
    assert path == "table_i[0].coding.form_type"
    assert message == (
        "Table I, row 1, column 3, Transaction Code: code S is a Form 4 transaction (due in two business days), never "
        "a Form 5 item: on a Form 5 it is a late Form 4 item; choose '4 — should have been reported on Form 4' in "
        "its Form type column (it prints S4)."
    )
    column = describe("5").table_i.column("coding.form_type")
    assert column is not None and column.header == "Form type"  # the column the advice names
    filing.table_i[0].coding.form_type = "4"
    assert findings(filing, "FORM4-ITEM-ON-FORM5") == []
    # a gift received is a Form 5 item: no advice
    filing.table_i[0].coding.code, filing.table_i[0].acquired_disposed = "G", Footnoted("A")
    filing.table_i[0].coding.form_type = "5"
    assert findings(filing, "FORM4-ITEM-ON-FORM5") == []


def test_a_form_5_form_type_that_is_neither_says_the_two_choices_on_the_form_type_box():
    filing = form5()
    filing.table_i[0].coding.form_type = "3"
    [(path, message)] = findings(filing, "CODING-FORM-TYPE")
    assert path == "table_i[0].coding.form_type"
    assert message == (
        f"Table I, row 1, column 3, Transaction Code: the transaction form type must be '{FORM5_ITEM[1]}' or "
        f"'{LATE_FORM4_ITEM[1]}', not '3'."
    )


def test_a_new_holding_has_no_form_type_on_any_form():
    for form in ("3", "4", "5"):
        filing = operations.new_filing(form)
        for table in ("table_i", "table_ii"):
            holding = operations.new_holding(filing, table)
            assert holding.coding is None, (form, table)
    filing = form5()
    filing.table_i.append(operations.new_holding(filing, "table_i"))
    assert {f.rule_id for f in validate(filing, TODAY)} & {"HOLDING-CODING", "CODING-FORM-TYPE"} == set()
    filing, _ = change_form_type(form5(), "4")
    filing.table_i.append(operations.new_holding(filing, "table_i"))
    assert findings(filing, "HOLDING-CODING") == []


def test_the_xml_carries_each_form_type_and_the_record_copy_is_valid():
    filing = form5()
    filing.table_i[0].coding.form_type = "4"
    holding = NonDerivativeHolding(Footnoted("Common Stock"), HoldingCoding(LATE_FORM3_HOLDING[0]))
    filing.table_i.append(holding)
    holding.shares_owned_following = Footnoted(Decimal(500))
    holding.ownership.direct_or_indirect = Footnoted("D")
    assert operations.reported_boxes(filing) == (True, True)
    for copy in (Copy.RECORD, Copy.SUBMISSION):
        root = etree.fromstring(write_bytes(filing, copy))
        assert root.findtext("nonDerivativeTable/nonDerivativeTransaction/transactionCoding/transactionFormType") == "4"
        assert root.findtext("nonDerivativeTable/nonDerivativeHolding/transactionCoding/transactionFormType") == "3"


@pytest.mark.parametrize(
    "attribute, kept, row_types, expected",
    [
        ("form4_transactions_reported", True, ("5", None), "checked"),
        ("form4_transactions_reported", False, ("4", None), "unchecked"),
        ("form3_holdings_reported", True, ("4", None), "checked"),
        ("form3_holdings_reported", False, ("4", "3"), "unchecked"),
    ],
)
def test_a_reported_box_kept_from_a_filed_form_that_the_rows_contradict_is_a_finding(
    attribute, kept, row_types, expected
):
    filing = form5()
    filing.table_ii = []
    filing.table_i[0].coding.form_type = row_types[0]
    if row_types[0] == "5":
        filing.table_i[0].coding.code = "L"  # a small acquisition: a Form 5 item
    holding = NonDerivativeHolding(Footnoted("Common Stock"), HoldingCoding(row_types[1]) if row_types[1] else None)
    holding.shares_owned_following = Footnoted(Decimal(1))
    holding.ownership.direct_or_indirect = Footnoted("D")
    filing.table_i.append(holding)
    setattr(filing, attribute, kept)
    [(path, message)] = findings(filing, "FORM5-REPORTED-BOXES")
    assert path == attribute
    box = "Form 4 Transactions Reported" if attribute.startswith("form4") else "Form 3 Holdings Reported"
    choice = LATE_FORM4_ITEM if attribute.startswith("form4") else LATE_FORM3_HOLDING
    assert message.startswith(f"'{box}' is {expected}, but ")
    assert f"choose '{choice[1]}' in its Form type column" in message
    setattr(filing, attribute, not kept)  # as the rows say: no finding
    assert findings(filing, "FORM5-REPORTED-BOXES") == []
    setattr(filing, attribute, None)  # a draft's: EDGAR computes it, the rows decide
    assert findings(filing, "FORM5-REPORTED-BOXES") == []


@pytest.mark.parametrize(
    "form, typed, hint",
    [
        ("4", "V", "For an item reported early, give its code and tick V (a Form 5 item, form type 5)."),
        (
            "5",
            "V",
            "V marks a Form 5 item reported early on a Form 4; here give the code alone, and choose '5 — a Form 5 "
            "item' in its Form type column.",
        ),
        ("4", "K", "For an equity swap, give the code of the transaction and tick K (equity swap involved)."),
    ],
)
def test_a_v_or_k_typed_as_the_code_is_told_what_the_editor_offers_instead(form, typed, hint):
    filing = form5() if form == "5" else draft()
    filing.table_i[0].coding.code = typed
    [(path, message)] = findings(filing, "CODING-CODE")
    assert path == "table_i[0].coding"
    assert message.endswith(f"'{typed}' is not an SEC transaction code. {hint}")
    assert {column.header for column in describe(form).table_i.columns} >= (
        {"Form type", "K"} if form == "5" else {"V", "K"}
    )

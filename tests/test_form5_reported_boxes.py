"""A Form 5's "Form 3 Holdings Reported" and "Form 4 Transactions Reported": what the editor shows is what the form
prints and the record copy writes. On a draft the rows decide (EDGAR sets the boxes from the rows' form types when it
accepts the form, TS 4.3), whatever value a filed form left in the model; a copy EDGAR disseminated keeps EDGAR's.
An amendment of a filed form carries none of the values EDGAR computed for the original."""

from __future__ import annotations

import copy
import io
from datetime import date
from decimal import Decimal

import pytest
from lxml import etree

pytest.importorskip("PySide6")

from conftest import CORPUS  # noqa: E402
from form4_desktop.edgar_xml import Copy, read_file, write_bytes  # noqa: E402
from form4_desktop.model import Filing, Footnoted, HoldingCoding, NonDerivativeHolding  # noqa: E402
from form4_desktop.model.operations import change_form_type  # noqa: E402
from form4_desktop.pdf import render_pdf  # noqa: E402
from test_rules import draft  # noqa: E402

[FORM5_COPY] = [path for path in CORPUS if path.name == "dgunning__edgartools__form5.snow.xml"]


def form5(late_form4_item: bool, late_form3_holding: bool) -> Filing:
    """The reference draft made a Form 5 for 2023: one transaction (form type 4, a late Form 4 item, or 5, a small
    acquisition) and a holding marked, or not, as omitted from the Form 3."""
    filing, _ = change_form_type(draft(), "5")
    filing.period_of_report = date(2023, 12, 31)
    filing.table_ii = []
    filing.table_i = filing.table_i[:1]
    filing.table_i[0].coding.form_type = "4" if late_form4_item else "5"
    if not late_form4_item:
        filing.table_i[0].coding.code = "L"
    holding = NonDerivativeHolding(Footnoted("Common Stock"), HoldingCoding("3") if late_form3_holding else None)
    holding.shares_owned_following = Footnoted(Decimal(500))
    holding.ownership.direct_or_indirect = Footnoted("D")
    filing.table_i.append(holding)
    return filing


def printed(filing: Filing) -> tuple[bool, bool]:
    """The two boxes as the printed form checks them (its first page's text, box by box)."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(render_pdf(filing))) as document:
        text = " ".join(word["text"] for word in document.pages[0].extract_words())
    result = []
    for box in ("Form 3 Holdings Reported", "Form 4 Transactions Reported"):
        checked, unchecked = f"\u2612 {box}" in text, f"\u2610 {box}" in text
        assert checked != unchecked, (box, text[:400])
        result.append(checked)
    return result[0], result[1]


def recorded(filing: Filing) -> tuple[str | None, str | None]:
    root = etree.fromstring(write_bytes(filing, Copy.RECORD))
    return root.findtext("form3HoldingsReported"), root.findtext("form4TransactionsReported")


def shown(window, filing: Filing) -> tuple[bool, bool]:
    window.document.load(filing, None, None)
    tab = window.editor.filing_tab
    return tab.form3_holdings.isChecked(), tab.form4_transactions.isChecked()


@pytest.mark.parametrize("rows", [(False, False), (True, True), (True, False), (False, True)])
def test_a_draft_shows_prints_and_records_the_boxes_its_rows_give_over_values_kept_from_a_filed_form(window, rows):
    late_form4_item, late_form3_holding = rows
    for kept in (None, True, False):  # nothing kept (a new draft), or a filed form's value either way
        filing = form5(late_form4_item, late_form3_holding)
        filing.form3_holdings_reported = filing.form4_transactions_reported = kept
        expected = (late_form3_holding, late_form4_item)
        assert shown(window, copy.deepcopy(filing)) == expected, kept
        assert printed(filing) == expected, kept
        as_xml = (None, None) if kept is None else tuple("1" if box else "0" for box in expected)
        assert recorded(filing) == as_xml, kept
        # the submission copy never carries them: EDGAR sets them from the same rows
        root = etree.fromstring(write_bytes(filing, Copy.SUBMISSION))
        assert root.find("form3HoldingsReported") is None and root.find("form4TransactionsReported") is None


def test_edgars_copy_keeps_edgars_values_on_screen_on_paper_and_in_the_record_copy(window):
    filing = read_file(FORM5_COPY)
    assert filing.is_disseminated_copy
    assert (filing.form3_holdings_reported, filing.form4_transactions_reported) == (False, False)
    # EDGAR's record says "not reported" even where a row would now say otherwise: its record is kept as filed
    filing.table_i[0].coding.form_type = "4"
    assert shown(window, copy.deepcopy(filing)) == (False, False)
    assert printed(filing) == (False, False)
    assert recorded(filing) == ("0", "0")
    filing.form4_transactions_reported = True
    assert shown(window, copy.deepcopy(filing)) == (False, True)
    assert printed(filing) == (False, True)
    assert recorded(filing) == ("0", "1")


def test_an_amendment_of_edgars_copy_carries_none_of_the_values_edgar_computed(store):
    filing = read_file(FORM5_COPY)
    owner = filing.reporting_owners[0]
    owner.address.state_description = "MONTANA"  # as EDGAR's copies of the time wrote them
    owner.address.good_address = True
    filed = store.import_filed(filing, date(2024, 2, 10))
    amended = store.open(store.amend(filed)).filing
    assert amended.document_type == "5/A" and amended.date_of_original_submission == date(2024, 2, 10)
    assert amended.schema_version is None and not amended.is_disseminated_copy
    assert (amended.no_securities_owned, amended.form3_holdings_reported, amended.form4_transactions_reported) == (
        None,
        None,
        None,
    )
    assert (
        amended.reporting_owners[0].address.state_description,
        amended.reporting_owners[0].address.good_address,
    ) == (
        None,
        None,
    )
    # what the original said is otherwise all there
    assert amended.table_i == filing.table_i and amended.issuer == filing.issuer
    assert amended.reporting_owners[0].address.city == owner.address.city
    # so a row the amendment marks as a late Form 4 item checks the box on paper and in the record copy
    amended.table_i[0].coding.form_type = "4"
    assert printed(amended) == (False, True)
    # the original in the store is EDGAR's record, unchanged
    original = store.open(filed).filing
    assert original.form4_transactions_reported is False and original.reporting_owners[0].address.good_address


def test_a_duplicate_of_edgars_copy_is_a_draft_without_edgars_computed_values(store):
    filing = read_file(FORM5_COPY)
    copied = store.open(store.duplicate(store.import_filed(filing, date(2024, 2, 10)))).filing
    assert not copied.is_disseminated_copy
    assert (copied.form3_holdings_reported, copied.form4_transactions_reported) == (None, None)


def late_form4_findings(filing: Filing) -> list[tuple[str, str]]:
    from form4_desktop.rules import validate

    return [
        (f.field_path, f.message)
        for f in validate(filing, date(2024, 1, 10))
        if f.rule_id == "FORM5-ITEM-AS-LATE-FORM4"
    ]


@pytest.mark.parametrize("code, acquired_disposed", [("L", "A"), ("G", "A"), ("W", "A")])
def test_a_form_5_item_given_form_type_4_is_told_it_says_a_form_4_was_due(code, acquired_disposed):
    filing = form5(late_form4_item=True, late_form3_holding=False)
    row = filing.table_i[0]
    row.coding.code, row.acquired_disposed = code, Footnoted(acquired_disposed)
    [(path, message)] = late_form4_findings(filing)
    assert path == "table_i[0].coding.form_type"  # the Form type box, which the finding selects
    acquired = "" if code == "L" else " (acquired)"
    assert message == (
        f"Table I, row 1, column 3, Transaction Code: code {code}{acquired} is a Form 5 item (Rule 16a-3(f)), due on "
        f"this Form 5, but its form type says a Form 4 was due and not filed (it prints {code}4 and checks 'Form 4 "
        f"Transactions Reported'); choose '5 — a Form 5 item' in its Form type column (and L if this Form 5 is late "
        f"with it: it prints {code}5)."
    )
    row.coding.form_type = "5"
    assert late_form4_findings(filing) == []


def test_a_form_4_item_kept_as_form_type_4_is_not_told_but_one_marked_l_is():
    filing = form5(late_form4_item=True, late_form3_holding=False)  # an M: a late Form 4 item, rightly 4
    assert late_form4_findings(filing) == []
    filing.table_i[0].coding.code, filing.table_i[0].acquired_disposed = "G", Footnoted("D")  # a gift given
    assert late_form4_findings(filing) == []
    filing.table_i[0].timeliness = Footnoted("L")
    [(path, message)] = late_form4_findings(filing)
    assert path == "table_i[0].coding.form_type"
    assert message.endswith(
        "marked L, a Form 5 item reported late, but its form type says a Form 4 item reported late (it prints G4 and "
        "checks 'Form 4 Transactions Reported'); for a late Form 5 item choose '5 — a Form 5 item' in its Form type "
        "column (it prints G5), for a late Form 4 item clear L."
    )


def test_a_gift_received_that_goes_with_a_gift_given_on_the_form_is_not_told():
    filing = form5(late_form4_item=True, late_form3_holding=False)
    given = filing.table_i[0]
    given.coding.code, given.acquired_disposed = "G", Footnoted("D")
    received = copy.deepcopy(given)
    received.acquired_disposed = Footnoted("A")
    received.ownership.direct_or_indirect = Footnoted("I")
    filing.table_i.insert(1, received)
    assert late_form4_findings(filing) == []
    received.transaction_date = Footnoted(date(2023, 3, 1))  # another day: a gift received on its own
    assert [path for path, _ in late_form4_findings(filing)] == ["table_i[1].coding.form_type"]


def test_save_as_copy_of_edgars_copy_in_the_app_is_a_draft_without_edgars_computed_values(window):
    filing = read_file(FORM5_COPY)
    filing.reporting_owners[0].address.good_address = True
    filed = window.store.import_filed(filing, date(2024, 2, 10))
    window.document.load(window.store.open(filed).filing, filed, None)
    assert window.save_copy()
    copied = window.store.open(window.document.draft_id).filing
    assert window.document.draft_id != filed and not copied.is_disseminated_copy
    assert (copied.form3_holdings_reported, copied.form4_transactions_reported) == (None, None)
    assert copied.reporting_owners[0].address.good_address is None

"""The domain operations the editor, the command line and the tests share (model.operations): no Qt."""

from __future__ import annotations

from decimal import Decimal

import pytest

from form4_desktop.model import DerivativeHolding, Footnoted, NonDerivativeHolding, NonDerivativeTransaction
from form4_desktop.model import operations
from form4_desktop.model.operations import LimitError, change_form_type, new_filing
from form4_desktop.rules import validate
from test_rules import draft


@pytest.mark.parametrize("form, exit_box, box_10b5", [("3", None, None), ("4", False, False), ("5", False, False)])
def test_a_new_filing_has_the_boxes_its_form_has(form, exit_box, box_10b5):
    filing = new_filing(form)
    assert (filing.document_type, filing.not_subject_to_section16, filing.aff10b5_one) == (form, exit_box, box_10b5)
    assert len(filing.reporting_owners) == 1 and len(filing.signatures) == 1


def test_a_new_transaction_takes_the_last_title_and_the_forms_type():
    filing = draft()
    row = operations.new_transaction(filing, "table_i")
    assert isinstance(row, NonDerivativeTransaction)
    assert row.security_title.value == filing.table_i[-1].security_title.value
    assert row.coding.form_type == "4" and row.ownership.direct_or_indirect.value == "D"
    assert operations.new_transaction(new_filing("5"), "table_ii").coding.form_type == "5"


def test_a_form_3_takes_holdings_only():
    filing = new_filing("3")
    with pytest.raises(LimitError, match="A Form 3 reports holdings only: add a holding instead."):
        operations.new_transaction(filing, "table_i")
    assert isinstance(operations.new_holding(filing, "table_ii"), DerivativeHolding)
    assert operations.new_holding(filing, "table_i").coding is None  # a Form 3 holding has no form type


def test_a_full_table_says_what_to_do():
    filing = draft()
    filing.table_i = [NonDerivativeHolding() for _ in range(30)]
    with pytest.raises(LimitError) as refused:
        operations.check_room(filing, "table_i")
    assert str(refused.value) == (
        "Table I holds at most 30 rows (EDGAR's limit): report further rows on another Form 4 filed the same day."
    )
    operations.check_room(filing, "table_ii")  # the other table has room


def test_footnote_ids_usage_and_renumbering():
    filing = draft()
    used = operations.footnote_usage(filing)
    assert all(path.startswith(("table_i[", "table_ii[")) for paths_ in used.values() for path in paths_)
    first = next(iter(used))
    filing.footnotes.reverse()  # out of order
    renumbered = operations.renumbered_footnotes(filing)
    assert [footnote.id for footnote in renumbered.footnotes] == [f"F{n}" for n in range(1, len(filing.footnotes) + 1)]
    # The first footnote used in the tables is (1) now, and its box refers to F1; the original is untouched.
    box_path = used[first][0]
    assert operations.footnote_usage(renumbered)["F1"][0] == box_path
    assert {footnote.id for footnote in filing.footnotes} == {footnote.id for footnote in draft().footnotes}
    text_before = {footnote.id: footnote.text for footnote in filing.footnotes}[first]
    assert {footnote.id: footnote.text for footnote in renumbered.footnotes}["F1"] == text_before


def test_the_next_footnote_id_and_edgars_limit_of_99():
    filing = draft()
    filing.footnotes = [type(filing.footnotes[0])(f"F{n}", "x") for n in (1, 2, 4)]
    assert operations.next_footnote_id(filing) == "F3"
    filing.footnotes = [type(filing.footnotes[0])(f"F{n}", "x") for n in range(1, 100)]
    with pytest.raises(LimitError, match="at most 99 footnotes"):
        operations.next_footnote_id(filing)


def test_form_4_to_form_3_names_what_it_drops_and_keeps_the_rest():
    filing = draft()
    filing.aff10b5_one = True
    holdings_before = [row for row in filing.table_i if isinstance(row, NonDerivativeHolding)]
    filing.table_i.append(
        NonDerivativeHolding(security_title=Footnoted("Common Stock"), shares_owned_following=Footnoted(Decimal(5)))
    )
    changed, dropped = change_form_type(filing, "3")
    transactions = [row for row in filing.table_i if isinstance(row, NonDerivativeTransaction)]
    assert (
        dropped[0] == f"Table I, row 1: a transaction in {transactions[0].security_title.value} (a Form 3 "
        "reports holdings only)"
    )
    assert "the checked Rule 10b5-1(c) box (not on a Form 3)" in dropped
    assert changed.document_type == "3" and changed.aff10b5_one is None and changed.not_subject_to_section16 is None
    assert len(changed.table_i) == len(holdings_before) + 1 and changed.table_ii == []
    assert changed.issuer == filing.issuer and changed.reporting_owners == filing.reporting_owners
    assert filing.document_type == "4"  # the original is untouched
    # What is left is a Form 3 the rules judge as one (no transaction findings on it).
    assert not [f for f in validate(changed, changed.period_of_report) if f.rule_id.startswith("TRANSACTION")]


def test_form_4_to_form_5_and_to_an_amendment_drop_nothing():
    filing = draft()
    for target in ("5", "4/A"):
        changed, dropped = change_form_type(filing, target)
        assert dropped == [] and changed.table_i == filing.table_i and changed.document_type == target


def test_an_amendment_made_an_original_again_drops_box_4s_date():
    filing = draft()
    filing.document_type = "4/A"
    filing.date_of_original_submission = filing.period_of_report
    changed, dropped = change_form_type(filing, "4")
    assert dropped == ["box 4's date the original was filed (an original has none)"]
    assert changed.date_of_original_submission is None

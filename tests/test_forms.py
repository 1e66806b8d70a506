"""One description of each form (model.forms): worded as the SEC's stylesheets print the form, naming real model
fields, and the one the rules and the editor read."""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import pytest

from form4_desktop.model import DerivativeHolding, DerivativeTransaction, NonDerivativeHolding, NonDerivativeTransaction
from form4_desktop.model.forms import FORMS, KINDS, describe
from form4_desktop.rules.boxes import box_label, cell, column

DATA = Path(__file__).parent / "data" / "forms"
STYLESHEETS = {"3": "3_X07.xsl", "4": "4_X09.xsl", "5": "5_X09.xsl"}
ROWS = {
    "table_i": (NonDerivativeTransaction, NonDerivativeHolding),
    "table_ii": (DerivativeTransaction, DerivativeHolding),
}


def _words(text: str) -> str:
    """Text as a reader sees it: no markup, entities resolved, any run of spaces one space, no space after '('."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"\( ", "(", re.sub(r" \)", ")", re.sub(r" ,", ",", text)))


@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_box_heading_is_the_secs_wording(form):
    printed = _words((DATA / STYLESHEETS[form]).read_text(encoding="latin-1"))
    description = describe(form)
    assert description.sec_number in printed
    # The whole title line: not a part of it ("... OWNERSHIP" of "... OWNERSHIP OF SECURITIES").
    assert re.search(r"(?<![A-Z])(?<![A-Z]{2} )" + re.escape(description.statement) + r"(?! ?[A-Z]{2})", printed)
    for table in (description.table_i, description.table_ii):
        assert table.title in printed, table.title
        for box in table.boxes:
            assert f"{box.number}. {box.heading}" in printed or f"{box.number}.{box.heading}" in printed, (
                f"Form {form} {table.short_name} box {box.number}: {box.heading!r}"
            )
        for part in {col.part for col in table.columns if col.part}:
            assert f" {part} " in printed, (form, part)


def _has(cls, attribute: str) -> bool:
    obj = cls
    for name in attribute.split("."):
        fields = {f.name: f for f in dataclasses.fields(obj)}
        if name not in fields:
            return False
        obj = next((t for t in (fields[name].type,) if isinstance(t, type)), None) or _field_class(obj, name)
    return True


def _field_class(cls, name: str):
    # A nested box (coding, ownership, underlying): the class of a default instance's value.
    value = getattr(cls(), name)
    return (
        type(value)
        if dataclasses.is_dataclass(value)
        else {"coding": __import__("form4_desktop.model", fromlist=["TransactionCoding"]).TransactionCoding}.get(name)
    )


@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_column_names_a_field_of_the_rows_that_have_it(form):
    description = describe(form)
    for table in (description.table_i, description.table_ii):
        transaction, holding = ROWS[table.name]
        numbers = [box.number for box in table.boxes]
        for col in table.columns:
            assert col.kind in KINDS
            if col.attribute is None:
                continue
            assert col.number in numbers, (form, col)
            if table.transactions:
                assert _has(transaction, col.attribute), (form, table.name, col.attribute)
            if col.holding and not col.attribute.startswith("coding"):
                assert _has(holding, col.attribute), (form, table.name, col.attribute)
        # Columns follow the form's order of boxes.
        order = [numbers.index(col.number) for col in table.columns if col.number]
        assert order == sorted(order), (form, table.name)


def test_the_rules_name_a_cell_as_the_form_numbers_it():
    assert cell("4", "table_i", 1, "shares") == ("table_i[1].shares", "Table I, row 2, column 4, Amount")
    assert column("4", "table_ii", "shares_owned_following") == "column 9, Number owned following"
    assert column("5", "table_ii", "shares_owned_following") == "column 9, Number owned at fiscal year end"
    assert column("3", "table_i", "shares_owned_following") == "column 2, Amount of Securities Beneficially Owned"
    assert column("3", "table_ii", "conversion_or_exercise_price") == "column 4, Conversion or Exercise Price"
    # A Form 3 has no transaction columns: a transaction value on one is named as Form 4 names it.
    assert column("3", "table_i", "transaction_date") == "column 2, Transaction Date"
    assert column("5", "table_i", "timeliness") == "column 3, Transaction Code (timeliness)"


def test_the_top_boxes_are_numbered_as_each_form_numbers_them():
    assert box_label("4", "period_of_report") == "Box 3, date of earliest transaction"
    assert box_label("3", "period_of_report") == "Box 2, date of event requiring statement"
    assert box_label("5", "period_of_report") == "Box 3, statement for issuer's fiscal year ended"
    assert box_label("3", "issuer.trading_symbol") == "Box 3, ticker or trading symbol"
    assert box_label("3", "date_of_original_submission") == "Box 5, date original filed"
    assert box_label("3", "reporting_owners[0].relationship.is_director") == "Box 4, relationship, reporting person 1"
    assert box_label("4", "reporting_owners[0].relationship.is_director") == "Box 5, relationship, reporting person 1"


def test_the_editor_shows_the_forms_own_columns():
    pytest.importorskip("PySide6")
    from form4_desktop.gui.models import TABLE_I_COLUMNS, TABLE_II_COLUMNS

    assert TABLE_I_COLUMNS == list(describe("4").table_i.columns)
    assert TABLE_II_COLUMNS == list(describe("4").table_ii.columns)


def test_form_5_columns_say_owned_at_fiscal_year_end_not_following():
    for table, number in (("table_i", "5"), ("table_ii", "9")):
        column = describe("5").table(table).column("shares_owned_following")
        assert column.number == number
        assert column.header == f"{number}. Owned at Fiscal Year End"
        assert describe("5").table(table).label("shares_owned_following").endswith("owned at fiscal year end")
        assert describe("4").table(table).column("shares_owned_following").header == f"{number}. Owned Following"

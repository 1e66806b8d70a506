"""The Form 4 due date: two business days, skipping weekends and federal holidays; 10 p.m. Eastern."""

from __future__ import annotations

from datetime import date

import pytest

from form4_desktop.model import Footnoted
from form4_desktop.rules import due_date, validate
from form4_desktop.rules.deadline import add_business_days, business_days_after, form4_due_date
from test_rules import draft


@pytest.mark.parametrize(
    "traded, due",
    [
        (date(2026, 11, 23), date(2026, 11, 25)),  # Monday -> Wednesday
        (date(2026, 11, 25), date(2026, 11, 30)),  # Wednesday; Thanksgiving and the weekend skipped
        (date(2026, 11, 20), date(2026, 11, 24)),  # Friday -> Tuesday
        (date(2026, 11, 21), date(2026, 11, 24)),  # a Saturday trade: Monday and Tuesday count
        (date(2026, 7, 1), date(2026, 7, 6)),  # July 3rd observed for Independence Day
        (date(2026, 12, 23), date(2026, 12, 28)),  # Christmas Day
        (date(2027, 1, 14), date(2027, 1, 19)),  # Martin Luther King Jr. Day
    ],
)
def test_due_date_skips_weekends_and_federal_holidays(traded, due):
    assert form4_due_date(traded) == due


def test_the_deemed_execution_date_starts_the_clock():
    assert form4_due_date(date(2026, 11, 16), date(2026, 11, 18)) == date(2026, 11, 20)


def test_a_deemed_date_is_capped_at_the_third_business_day():
    # trade Tue 01/03/2023, deemed 01/12: capped at Fri 01/06, so due Tue 01/10
    assert form4_due_date(date(2023, 1, 3), date(2023, 1, 12)) == date(2023, 1, 10)


def test_late_on_a_weekend_is_late_by_at_least_one_day():
    assert business_days_after(date(2023, 1, 13), date(2023, 1, 14)) == 1  # Saturday after a Friday due date
    assert business_days_after(date(2023, 1, 13), date(2023, 1, 16)) == 1  # and the MLK Day holiday


def test_the_end_of_the_calendar_is_no_crash():
    assert form4_due_date(date(9999, 12, 30)) is None
    filing = draft()
    filing.table_i[0].transaction_date = Footnoted(date(9999, 12, 30))
    assert "TRANSACTION-DATE-FUTURE" in {f.rule_id for f in validate(filing, date(2023, 1, 11))}


def test_business_days_late():
    assert business_days_after(date(2026, 11, 25), date(2026, 11, 25)) == 0
    assert business_days_after(date(2026, 11, 25), date(2026, 11, 30)) == 2  # Friday 27th and Monday 30th
    assert add_business_days(date(2026, 12, 31), 1) == date(2027, 1, 4)  # New Year's Day 2027 is a Friday


def test_filing_due_date_is_the_earliest_rows_and_names_it():
    filing = draft()
    filing.table_i[0].transaction_date = Footnoted(date(2023, 1, 6))  # Friday; Table II stays 01/09
    filing.period_of_report = date(2023, 1, 6)
    due, path, why = due_date(filing)
    assert due == date(2023, 1, 10)
    assert path == "table_i[0].transaction_date"
    [info] = [f for f in validate(filing, date(2023, 1, 10)) if f.rule_id == "DUE-DATE"]
    assert info.message == ("Due by 10 p.m. Eastern on Tuesday, January 10, 2023: the second business day after "
                            "the transaction of 01/06/2023 (Table I, row 1).")


def test_form5_items_reported_early_and_amendments_have_no_two_day_deadline():
    filing = draft()
    for row in (*filing.table_i, *filing.table_ii):
        row.coding.form_type = "5"
    assert due_date(filing) is None
    amendment = draft()
    amendment.document_type = "4/A"
    assert due_date(amendment) is None


def test_due_today_is_not_late():
    filing = draft()
    assert [f.rule_id for f in validate(filing, date(2023, 1, 11)) if f.rule_id == "LATE"] == []
    assert [f.rule_id for f in validate(filing, date(2023, 1, 12)) if f.rule_id == "LATE"] == ["LATE"]

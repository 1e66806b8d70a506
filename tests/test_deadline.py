"""The Form 4 due date: two business days, skipping weekends and federal holidays; 10 p.m. Eastern."""

from __future__ import annotations

import copy
import subprocess
import sys
from datetime import date

import pytest

from form4_desktop.model import Footnoted, OwnershipNature
from form4_desktop.rules import due_date, validate
from form4_desktop.rules.closures import federal_holidays
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
    assert info.message == (
        "Due by 10 p.m. Eastern on Tuesday, January 10, 2023: the second business day after "
        "the transaction of 01/06/2023 (Table I, row 1)."
    )


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


# -- issue 12: the deadline engine right in law -------------------------------------------------------------------
from form4_desktop.model import Filing, Footnote  # noqa: E402
from form4_desktop.rules import Severity  # noqa: E402
from form4_desktop.rules.closures import EDGAR_CLOSURES, Calendar, Closure  # noqa: E402
from form4_desktop.rules.deadline import form3_due_date, form5_due_date, latest_deemed_date  # noqa: E402
from form4_desktop.rules.timeliness import deadline_findings, deadline_of, paired_gifts_received  # noqa: E402

DEADLINE_RULES = (
    "DUE-DATE",
    "LATE",
    "DEEMED-DATE-LATE",
    "DEEMED-DATE-INELIGIBLE",
    "FORM5-ITEM-ON-FORM4",
    "FORM5-GIFT-ON-TIME",
)


def one_sale(traded: date, code: str = "S", deemed: date | None = None, note: str | None = None) -> Filing:
    """The reference draft cut to one Table I row of `code` on `traded`, with a footnote on its date."""
    filing = draft()
    filing.table_ii = []
    row = filing.table_i[0]
    row.transaction_date = Footnoted(traded)
    row.coding.code = code
    row.acquired_disposed = Footnoted("D" if code in ("S", "G") else "A")
    row.deemed_execution_date = Footnoted(deemed) if deemed else None
    filing.period_of_report = traded
    if note is not None:
        filing.footnotes.append(Footnote("F5", note))
        row.transaction_date.footnote_ids = ["F5"]
    return filing


def deadline_found(filing: Filing, today: date) -> list[tuple[str, Severity, str]]:
    return sorted((f.rule_id, f.severity, f.field_path) for f in validate(filing, today) if f.rule_id in DEADLINE_RULES)


# 1. EDGAR closure days are holidays for filing purposes
@pytest.mark.parametrize(
    "traded, due",
    [
        (date(2018, 12, 3), date(2018, 12, 6)),  # Mon; Wed 12/05/2018 (Bush mourning) closed -> Thu
        (date(2018, 12, 20), date(2018, 12, 26)),  # Thu; Mon 12/24 closed, Tue 12/25 Christmas -> Wed
        (date(2019, 12, 20), date(2019, 12, 26)),  # Fri; Tue 12/24/2019 closed, Wed Christmas -> Thu
        (date(2020, 12, 22), date(2020, 12, 28)),  # Tue; Thu 12/24/2020 closed, Fri Christmas -> Mon 12/28
        (date(2020, 12, 23), date(2020, 12, 29)),  # Wed; Thu closed, Fri Christmas: Mon 12/28 is day 1
        (date(2025, 1, 7), date(2025, 1, 10)),  # Tue; Thu 01/09/2025 (Carter mourning) closed -> Fri
    ],
)
def test_edgar_closure_days_are_not_business_days(traded, due):
    assert form4_due_date(traded) == due


def test_closures_left_out_for_want_of_an_sec_notice_count_as_business_days_until_the_user_adds_them():
    assert {closure.day for closure in EDGAR_CLOSURES}.isdisjoint(
        {date(2024, 12, 24), date(2025, 12, 24), date(2025, 12, 26)}
    )
    assert form4_due_date(date(2024, 12, 20)) == date(2024, 12, 24)  # Fri -> Mon 12/23, Tue 12/24
    added = Calendar(extra=(Closure(date(2024, 12, 24), "Christmas Eve"),))
    assert form4_due_date(date(2024, 12, 20), calendar=added) == date(2024, 12, 26)


def test_a_draft_filed_on_the_day_after_a_closure_is_on_time_and_the_explanation_names_the_closure():
    filing = one_sale(date(2020, 12, 22))
    assert deadline_found(filing, date(2020, 12, 28)) == [("DUE-DATE", Severity.INFO, "table_i[0].transaction_date")]
    [info] = [f for f in validate(filing, date(2020, 12, 28)) if f.rule_id == "DUE-DATE"]
    assert info.message == (
        "Due by 10 p.m. Eastern on Monday, December 28, 2020: the second business day after the transaction of "
        "12/22/2020 (Table I, row 1); EDGAR closure skipped: 12/24/2020 (Christmas Eve (federal government closed "
        "by executive order))."
    )
    assert deadline_found(filing, date(2020, 12, 29))[1] == ("LATE", Severity.WARNING, "table_i[0].transaction_date")
    [late] = [f for f in validate(filing, date(2020, 12, 29)) if f.rule_id == "LATE"]
    assert late.message.startswith("Late by 1 business day:")


def test_business_days_late_skip_closures():
    assert business_days_after(date(2025, 1, 8), date(2025, 1, 10)) == 1  # Thu 01/09/2025 closed
    assert business_days_after(date(2025, 1, 8), date(2025, 1, 10), Calendar(closures=())) == 2


# 3. deemed execution dates only where Rule 16a-3(g)(2) allows them
def test_a_plan_trade_counts_from_its_deemed_date():
    filing = one_sale(
        date(2026, 11, 16),
        deemed=date(2026, 11, 18),
        note="Sold under a Rule 10b5-1 trading plan adopted on August 3, 2026.",
    )
    assert due_date(filing) == (
        date(2026, 11, 20),
        "table_i[0].deemed_execution_date",
        "the second business day after the deemed execution date of 11/18/2026 (Table I, row 1)",
    )
    assert deadline_found(filing, date(2026, 11, 20)) == [
        ("DUE-DATE", Severity.INFO, "table_i[0].deemed_execution_date")
    ]


def test_a_discretionary_transaction_counts_from_its_deemed_date():
    filing = one_sale(date(2026, 11, 16), code="I", deemed=date(2026, 11, 18))
    assert due_date(filing)[0] == date(2026, 11, 20)


def test_the_10b5_1_box_makes_a_sale_a_plan_trade_but_not_an_award():
    sale = one_sale(date(2026, 11, 16), deemed=date(2026, 11, 18))
    sale.aff10b5_one = True
    assert due_date(sale)[0] == date(2026, 11, 20)
    award = one_sale(date(2026, 11, 16), code="A", deemed=date(2026, 11, 18))
    award.aff10b5_one = True
    assert due_date(award)[0] == date(2026, 11, 18)


def test_a_deemed_date_on_an_award_is_an_error_and_the_deadline_counts_from_the_trade():
    filing = draft()  # code M, traded Monday 01/09/2023
    filing.table_i[0].deemed_execution_date = Footnoted(date(2023, 1, 11))
    assert deadline_found(filing, date(2023, 1, 11)) == [
        ("DEEMED-DATE-INELIGIBLE", Severity.ERROR, "table_i[0].deemed_execution_date"),
        ("DUE-DATE", Severity.INFO, "table_i[0].transaction_date"),
    ]
    due, path, why = due_date(filing)
    assert due == date(2023, 1, 11)
    assert "its deemed execution date 01/11/2023 does not extend the deadline" in why
    assert deadline_found(filing, date(2023, 1, 12))[-1] == ("LATE", Severity.WARNING, "table_i[0].transaction_date")


def test_a_deemed_date_beyond_the_third_business_day_is_an_error_and_the_due_date_says_it_is_capped():
    filing = one_sale(
        date(2026, 11, 20), deemed=date(2026, 12, 1), note="Effected under a Rule 10b5-1(c) plan adopted 05/01/2026."
    )
    assert latest_deemed_date(date(2026, 11, 20)) == date(2026, 11, 25)
    due, path, why = due_date(filing)
    assert (due, path) == (date(2026, 11, 30), "table_i[0].deemed_execution_date")  # Thanksgiving skipped
    assert "capped at 11/25/2026, the third business day after the trade of 11/20/2026" in why
    assert deadline_found(filing, date(2026, 11, 30)) == [
        ("DEEMED-DATE-LATE", Severity.ERROR, "table_i[0].deemed_execution_date"),
        ("DUE-DATE", Severity.INFO, "table_i[0].deemed_execution_date"),
    ]


def test_a_late_deemed_date_on_an_ineligible_row_is_one_error_and_counts_from_the_trade():
    filing = one_sale(date(2026, 11, 20), code="A", deemed=date(2026, 12, 1))
    assert due_date(filing)[:2] == (date(2026, 11, 24), "table_i[0].transaction_date")
    assert deadline_found(filing, date(2026, 11, 24)) == [
        ("DEEMED-DATE-LATE", Severity.ERROR, "table_i[0].deemed_execution_date"),
        ("DUE-DATE", Severity.INFO, "table_i[0].transaction_date"),
    ]


# 4. Rule 16a-2(a) rows do not start the deadline
def test_a_rule_16a_2a_row_does_not_start_the_deadline():
    filing = draft()  # Table I row 1 and Table II rows on Monday 01/09/2023
    filing.table_i[0].transaction_date = Footnoted(date(2023, 1, 3), ["F5"])
    filing.footnotes.append(Footnote("F5", "Acquired before the IPO; reported under Rule 16a-2(a)."))
    filing.period_of_report = date(2023, 1, 3)  # box 3: the earliest, 16a-2(a) rows included
    assert due_date(filing)[:2] == (date(2023, 1, 11), "table_ii[0].transaction_date")
    filing.table_ii = []
    assert due_date(filing) is None
    assert deadline_of(filing).why == (
        "only transactions before the issuer's Section 12 registration (Rule 16a-2(a)), which do not start a "
        "Form 4's deadline"
    )


# 5. Form 3 and Form 5 deadlines, rolled forward; amendments have none
@pytest.mark.parametrize(
    "event, due",
    [
        (date(2026, 11, 2), date(2026, 11, 12)),  # Mon + 10 = Thu
        (date(2026, 11, 1), date(2026, 11, 12)),  # + 10 = Wed 11/11, Veterans Day -> Thu
        (date(2026, 11, 4), date(2026, 11, 16)),  # + 10 = Sat -> Mon
        (date(2020, 12, 14), date(2020, 12, 28)),  # + 10 = Thu 12/24/2020, EDGAR closed -> Mon 12/28
    ],
)
def test_form3_is_due_ten_days_after_the_event_rolled_forward(event, due):
    assert form3_due_date(event) == due


def test_form5_is_due_45_days_after_the_fiscal_year_rolled_forward():
    assert form5_due_date(date(2025, 12, 31)) == date(2026, 2, 17)  # Sat 02/14, Mon 02/16 Washington's Birthday
    assert form5_due_date(date(2026, 6, 30)) == date(2026, 8, 14)  # Friday


def test_form3_and_form5_get_due_date_and_late():
    from test_rules import form3

    filing = form3()  # event 01/09/2023 (box 2)
    assert due_date(filing) == (
        date(2023, 1, 19),
        "period_of_report",
        "10 days after the event of 01/09/2023 (Box 2); at an IPO a Form 3 is due by the registration's "
        "effective date instead",
    )
    assert deadline_found(filing, date(2023, 1, 19)) == [("DUE-DATE", Severity.INFO, "period_of_report")]
    assert deadline_found(filing, date(2023, 1, 20))[1] == ("LATE", Severity.WARNING, "period_of_report")
    annual = march_form5(date(2025, 12, 31))
    due, path, why = due_date(annual)
    assert (due, path) == (date(2026, 2, 17), "period_of_report")
    assert why == (
        "45 days after the fiscal year ended 12/31/2025 (Box 3), rolled forward from Saturday 02/14/2026 to the "
        "next business day (Exchange Act Rule 0-3)"
    )
    assert [f.message for f in validate(annual, date(2026, 2, 18)) if f.rule_id == "LATE"] == [
        "Late by 1 business day: it was due by 10 p.m. Eastern on Tuesday, February 17, 2026. File it as soon as "
        "possible; the issuer must disclose late filings."
    ]


def march_form5(fiscal_year_end: date) -> Filing:
    filing = draft()
    filing.document_type = "5"
    filing.period_of_report = fiscal_year_end
    for row in (*filing.table_i, *filing.table_ii):
        row.coding.form_type = "5"
    return filing


@pytest.mark.parametrize("document_type", ["3/A", "4/A", "5/A"])
def test_amendments_have_no_deadline_of_their_own(document_type):
    filing = draft()
    filing.document_type = document_type
    filing.date_of_original_submission = date(2023, 1, 11)
    found = deadline_of(filing)
    assert (found.due, found.why) == (
        None,
        "an amendment has no deadline of its own; file it as soon as the mistake is found",
    )
    assert [f for f in deadline_findings(filing, date(2026, 11, 24)) if f.rule_id in ("DUE-DATE", "LATE")] == []


# 6. Form 5 items on a Form 4; gifts given held for a Form 5
@pytest.mark.parametrize("code, acquired", [("L", "A"), ("G", "A"), ("W", "A")])
def test_a_form5_item_coded_for_a_form4_has_no_deadline_and_a_warning(code, acquired):
    filing = one_sale(date(2026, 11, 16), code=code)
    filing.table_i[0].acquired_disposed = Footnoted(acquired)
    assert due_date(filing) is None
    assert deadline_found(filing, date(2026, 11, 30)) == [
        ("FORM5-ITEM-ON-FORM4", Severity.WARNING, "table_i[0].coding.form_type")
    ]
    filing.table_i[0].coding.form_type = "5"  # marked V, as the warning says
    assert deadline_found(filing, date(2026, 11, 30)) == []


def test_a_gift_given_is_not_a_form5_item():
    filing = one_sale(date(2026, 11, 16), code="G")  # disposed
    assert due_date(filing)[0] == date(2026, 11, 18)
    assert deadline_found(filing, date(2026, 11, 18)) == [("DUE-DATE", Severity.INFO, "table_i[0].transaction_date")]


def test_a_gift_given_since_02_27_2023_on_a_form5_as_on_time_is_an_error():
    filing = march_form5(date(2023, 12, 31))
    gift = filing.table_i[0]
    gift.transaction_date = Footnoted(date(2023, 2, 27))
    gift.coding.code, gift.acquired_disposed = "G", Footnoted("D")
    assert deadline_found(filing, date(2024, 2, 14)) == [
        ("DUE-DATE", Severity.INFO, "period_of_report"),
        ("FORM5-GIFT-ON-TIME", Severity.ERROR, "table_i[0].coding.form_type"),
    ]
    gift.timeliness = Footnoted("L")  # a Form 5 item reported late (G5) is still not a late Form 4 item
    assert [f[0] for f in deadline_found(filing, date(2024, 2, 14))] == ["DUE-DATE", "FORM5-GIFT-ON-TIME"]
    gift.coding.form_type = "4"  # a late Form 4 item (G4): L or not, it is late by definition
    assert deadline_found(filing, date(2024, 2, 14)) == [("DUE-DATE", Severity.INFO, "period_of_report")]
    gift.timeliness = None
    assert deadline_found(filing, date(2024, 2, 14)) == [("DUE-DATE", Severity.INFO, "period_of_report")]
    gift.coding.form_type = "5"
    gift.transaction_date = Footnoted(date(2023, 2, 24))  # before the rule
    assert deadline_found(filing, date(2024, 2, 14)) == [("DUE-DATE", Severity.INFO, "period_of_report")]


# 7. a filed draft is judged on its filing date
def test_a_filed_draft_is_judged_on_its_filing_date_not_today():
    filing = draft()  # due 01/11/2023
    assert [f.rule_id for f in deadline_findings(filing, date(2026, 11, 24), filed_on=date(2023, 1, 11))] == [
        "DUE-DATE"
    ]
    [late] = [
        f for f in deadline_findings(filing, date(2026, 11, 24), filed_on=date(2023, 1, 13)) if f.rule_id == "LATE"
    ]
    assert (late.field_path, late.message) == (
        "table_i[0].transaction_date",
        "Filed on 01/13/2023, 2 business days late: it was due by 10 p.m. Eastern on Wednesday, January 11, 2023. "
        "The issuer must disclose late filings.",
    )
    copy = read_disseminated()
    assert [f.rule_id for f in deadline_findings(copy, date(2026, 11, 24))] == ["DUE-DATE"]  # filed: not judged
    assert "LATE" in [f.rule_id for f in deadline_findings(copy, date(2026, 11, 24), filed_on=date(2023, 1, 12))]


def read_disseminated() -> Filing:
    from conftest import REFERENCE
    from form4_desktop.edgar_xml import read_file

    return read_file(REFERENCE)


# 3 (cont.): how a row is recognised as a plan trade; a footnote that denies a plan does not make one
@pytest.mark.parametrize(
    "note",
    [
        "The reported sale was not made pursuant to a Rule 10b5-1 trading plan.",
        "Sold under a non-Rule 10b5-1 trading arrangement.",
        "No Rule 10b5-1(c) plan was in place.",
    ],
)
def test_a_footnote_denying_a_plan_does_not_extend_the_deadline(note):
    filing = one_sale(date(2026, 11, 16), deemed=date(2026, 11, 18), note=note)
    assert due_date(filing)[:2] == (date(2026, 11, 18), "table_i[0].transaction_date")
    assert deadline_found(filing, date(2026, 11, 18)) == [
        ("DEEMED-DATE-INELIGIBLE", Severity.ERROR, "table_i[0].deemed_execution_date"),
        ("DUE-DATE", Severity.INFO, "table_i[0].transaction_date"),
    ]


def test_a_denial_in_another_sentence_does_not_undo_the_plan():
    filing = one_sale(
        date(2026, 11, 16),
        deemed=date(2026, 11, 18),
        note="The plan was not modified. Sold under a Rule 10b5-1 trading plan adopted on August 3, 2026.",
    )
    assert due_date(filing)[:2] == (date(2026, 11, 20), "table_i[0].deemed_execution_date")


def test_a_gift_under_a_plan_counts_from_its_deemed_date_when_a_footnote_names_the_plan():
    # CCRCorp 12/2022: a gift under a Rule 10b5-1 plan "might qualify for reporting as late as five business days"
    gift = one_sale(date(2026, 11, 16), code="G", deemed=date(2026, 11, 18), note="Gift under a Rule 10b5-1 plan.")
    assert due_date(gift)[:2] == (date(2026, 11, 20), "table_i[0].deemed_execution_date")
    gift.footnotes.clear()
    gift.table_i[0].transaction_date.footnote_ids = []
    gift.aff10b5_one = True  # the box alone marks P and S rows only
    assert due_date(gift)[:2] == (date(2026, 11, 18), "table_i[0].transaction_date")


# 6 (cont.): a gift given before 02/27/2023 was a Form 5 item and starts no Form 4 deadline
def test_a_gift_given_before_02_27_2023_starts_no_deadline():
    early = one_sale(date(2023, 2, 24), code="G")  # Friday before the rule took effect
    assert due_date(early) is None
    assert deadline_of(early).why == (
        "only gifts given before 02/27/2023 (then Form 5 items), which do not start a Form 4's deadline"
    )
    assert deadline_found(early, date(2023, 3, 10)) == []  # no LATE, no FORM5-ITEM-ON-FORM4
    on_the_day = one_sale(date(2023, 2, 27), code="G")  # Monday: due Wednesday
    assert due_date(on_the_day)[:2] == (date(2023, 3, 1), "table_i[0].transaction_date")


def test_a_form3_or_form5_without_its_date_has_no_deadline_and_says_which_box():
    from test_rules import form3

    filing = form3()
    filing.period_of_report = None
    assert (deadline_of(filing).due, deadline_of(filing).why) == (
        None,
        "Box 2, date of event requiring statement has no date to count from",
    )
    annual = march_form5(date(2025, 12, 31))
    annual.period_of_report = None
    assert deadline_of(annual).why == "Box 3, statement for issuer's fiscal year ended has no date to count from"


def test_a_row_the_user_marks_as_rule_16a_2a_does_not_start_the_deadline():
    filing = one_sale(date(2023, 1, 3))
    assert due_date(filing)[0] == date(2023, 1, 5)
    filing.table_i[0].pre_registration = True
    assert due_date(filing) is None
    assert deadline_found(filing, date(2023, 2, 1)) == []  # no DUE-DATE, no LATE


def ipo_form4() -> Filing:
    """A director's first Form 4 after the IPO: Table I row 1 bought on 07/11/2022, before the issuer's Section 12
    registration, marked as reported under Rule 16a-2(a); Table II rows on Monday 01/09/2023, after it."""
    filing = draft()  # Table I row 1 and Table II rows on 01/09/2023; the reporting person is a director
    row = filing.table_i[0]
    row.transaction_date = Footnoted(date(2022, 7, 11), ["F5"])
    row.pre_registration = True
    filing.footnotes.append(Footnote("F5", "Purchased before the issuer's IPO; reported under Rule 16a-2(a)."))
    filing.period_of_report = date(2022, 7, 11)  # box 3: the earliest transaction, 16a-2(a) rows included
    return filing


def pre_registration_found(filing: Filing) -> list[tuple[str, Severity, str]]:
    return [
        (f.rule_id, f.severity, f.field_path)
        for f in validate(filing, date(2023, 1, 10))
        if f.rule_id == "PRE-REGISTRATION"
    ]


def test_a_marked_row_within_six_months_of_the_first_transaction_after_registration_is_quiet():
    filing = ipo_form4()
    assert pre_registration_found(filing) == []
    assert due_date(filing)[:2] == (date(2023, 1, 11), "table_ii[0].transaction_date")  # from 01/09, not 07/11/2022


def test_a_row_the_user_marks_needs_the_footnote_the_filed_form_shows():
    filing = ipo_form4()
    filing.footnotes[-1] = Footnote("F5", "Purchased before the issuer's initial public offering.")  # no rule named
    [found] = [f for f in validate(filing, date(2023, 1, 10)) if f.rule_id == "PRE-REGISTRATION"]
    assert (found.severity, found.field_path) == (Severity.WARNING, "table_i[0].transaction_date")
    assert found.message == (
        "Table I, row 1, column 2, Transaction Date: marked as reported under Rule 16a-2(a), but EDGAR's form has no "
        "box for that mark: add a footnote on the row saying the transaction was made before the issuer's Section "
        "12 registration and is reported under Rule 16a-2(a); without it the filed form shows a transaction "
        "reported late."
    )
    filing.table_i[0].pre_registration = False  # unmarked: an ordinary row of 07/11/2022, due 07/13/2022
    assert pre_registration_found(filing) == []
    assert due_date(filing)[:2] == (date(2022, 7, 13), "table_i[0].transaction_date")


@pytest.mark.parametrize(
    "bought, warned",
    [
        (date(2022, 7, 9), False),  # six months before 01/09/2023 to the day: within (Saturday, but a trade day)
        (date(2022, 7, 8), True),  # one day more
    ],
)
def test_a_marked_row_more_than_six_months_before_the_first_transaction_after_registration_is_warned(bought, warned):
    filing = ipo_form4()
    filing.table_i[0].transaction_date = Footnoted(bought, ["F5"])
    filing.period_of_report = bought
    found = [f for f in validate(filing, date(2023, 1, 10)) if f.rule_id == "PRE-REGISTRATION"]
    if not warned:
        assert found == []
        return
    [warning] = found
    assert warning.field_path == "table_i[0].transaction_date"
    assert warning.message == (
        "Table I, row 1, column 2, Transaction Date: 07/08/2022 is more than six months before the transaction of "
        "01/09/2023 (Table II, row 1) that requires this Form 4; Rule 16a-2(a) reaches a transaction made before the "
        "issuer's Section 12 registration only within six months of that one: leave the row off."
    )


def test_a_marked_row_later_than_the_first_transaction_after_registration_is_warned():
    filing = ipo_form4()
    filing.table_i[0].transaction_date = Footnoted(date(2023, 1, 10), ["F5"])
    filing.period_of_report = date(2023, 1, 9)
    [warning] = [f for f in validate(filing, date(2023, 1, 10)) if f.rule_id == "PRE-REGISTRATION"]
    assert warning.field_path == "table_i[0].transaction_date"
    assert "later than the transaction of 01/09/2023 (Table II, row 1), which this Form 4 reports as made after it" in (
        warning.message
    )


def test_a_marked_row_of_a_ten_percent_owner_alone_is_warned():
    from form4_desktop.model import Relationship

    filing = ipo_form4()
    filing.reporting_owners[0].relationship = Relationship(is_ten_percent_owner=True)
    [warning] = [f for f in validate(filing, date(2023, 1, 10)) if f.rule_id == "PRE-REGISTRATION"]
    assert warning.field_path == "table_i[0].transaction_date"
    assert "which reaches only a director's or officer's transactions" in warning.message
    filing.reporting_owners[0].relationship = Relationship(is_officer=True, officer_title="CFO")
    assert pre_registration_found(filing) == []


def test_the_rule_16a_2a_mark_is_kept_in_the_draft_store():
    from form4_desktop.store.codec import filing_from_json, filing_to_json

    filing = ipo_form4()
    filing.table_ii[0].pre_registration = True
    kept = filing_from_json(filing_to_json(filing))
    assert [row.pre_registration for row in (*kept.table_i[:1], *kept.table_ii[:2])] == [True, True, False]
    older = filing_to_json(draft()).replace(',"pre_registration":false', "")  # a draft saved before the mark
    assert "pre_registration" not in older
    assert filing_from_json(older).table_i[0].pre_registration is False


# 6 (cont.): the gift rule starts on 02/27/2023, the effective date of Release 33-11138 (87 FR 80362), not on
# 04/01/2023, the compliance date of the amended Forms 4 and 5
@pytest.mark.parametrize(
    "given, due",
    [
        (date(2023, 2, 24), None),  # Friday before: a Form 5 item then
        (date(2023, 2, 26), None),  # Sunday before
        (date(2023, 2, 27), date(2023, 3, 1)),  # the effective date
        (date(2023, 3, 31), date(2023, 4, 4)),  # a Friday before the Forms' compliance date: due in two days
    ],
)
def test_a_gift_given_is_due_on_form4_from_the_releases_effective_date(given, due):
    found = due_date(one_sale(given, code="G"))
    assert (found[:2] if found else None) == ((due, "table_i[0].transaction_date") if due else None)
    annual = march_form5(date(2023, 12, 31))
    annual.table_i[0].transaction_date = Footnoted(given)
    annual.table_i[0].coding.code, annual.table_i[0].acquired_disposed = "G", Footnoted("D")
    on_time = [f.field_path for f in validate(annual, date(2024, 2, 14)) if f.rule_id == "FORM5-GIFT-ON-TIME"]
    assert on_time == (["table_i[0].coding.form_type"] if due else [])


# 8. a gift moved between the reporting person's own holdings: given and received on the same Form 4
def gift_between_holdings(traded: date = date(2026, 11, 16)) -> Filing:
    """A gift of 1,000 shares from the direct holding to a family trust (indirect), both sides on one Form 4."""
    filing = one_sale(traded, code="G")  # row 1: given (D), direct
    received = copy.deepcopy(filing.table_i[0])
    received.acquired_disposed = Footnoted("A")
    received.ownership = OwnershipNature(Footnoted("I"), Footnoted("By family trust"))
    filing.table_i.append(received)
    return filing


def test_a_gift_received_that_is_the_other_side_of_a_gift_given_is_not_a_form5_item():
    filing = gift_between_holdings()
    # Release 33-11138 / Rule 16a-3(g)(1): the gift given is due on Form 4 in two business days; its receiving side
    # goes with it, unmarked (it is not a gift received from someone else, the Form 5 item).
    assert due_date(filing)[:2] == (date(2026, 11, 18), "table_i[0].transaction_date")
    assert deadline_found(filing, date(2026, 11, 18)) == [("DUE-DATE", Severity.INFO, "table_i[0].transaction_date")]
    assert paired_gifts_received(filing) == {("table_i", 1)}


@pytest.mark.parametrize(
    "change",
    [
        lambda row: setattr(row, "shares", Footnoted(row.shares.value + 1)),  # another amount: another gift
        lambda row: setattr(row, "transaction_date", Footnoted(date(2026, 11, 17))),  # another day
        lambda row: setattr(row, "security_title", Footnoted("Preferred Stock")),  # another security
    ],
)
def test_a_gift_received_that_matches_no_gift_given_is_still_a_form5_item(change):
    filing = gift_between_holdings()
    change(filing.table_i[1])
    assert ("FORM5-ITEM-ON-FORM4", Severity.WARNING, "table_i[1].coding.form_type") in deadline_found(
        filing, date(2026, 11, 18)
    )


def test_one_gift_given_pairs_with_one_gift_received():
    filing = gift_between_holdings()
    filing.table_i.append(copy.deepcopy(filing.table_i[1]))  # a second, like gift received: from someone else
    found = [f for f in deadline_found(filing, date(2026, 11, 18)) if f[0] == "FORM5-ITEM-ON-FORM4"]
    assert found == [("FORM5-ITEM-ON-FORM4", Severity.WARNING, "table_i[2].coding.form_type")]


def test_each_row_rule_names_its_box_as_the_form_does_and_says_what_to_do():
    award = one_sale(date(2026, 11, 16), code="A", deemed=date(2026, 11, 17))  # no deemed date for an award
    [ineligible] = [f for f in validate(award, date(2026, 11, 18)) if f.rule_id == "DEEMED-DATE-INELIGIBLE"]
    assert ineligible.message == (
        "Table I, row 1, column 2A, Deemed Execution Date: only a Rule 10b5-1(c) plan trade whose date the reporting "
        "person did not choose, or a discretionary transaction (code I), has a deemed execution date (Rule "
        "16a-3(g)(2)); leave it blank: this one is due two business days after the trade of 11/16/2026, or add the "
        "footnote that names the plan."
    )
    received = one_sale(date(2026, 11, 16), code="G")
    received.table_i[0].acquired_disposed = Footnoted("A")
    [form5] = [f for f in validate(received, date(2026, 11, 18)) if f.rule_id == "FORM5-ITEM-ON-FORM4"]
    assert form5.message == (
        "Table I, row 1, column 3, Transaction Code: code G (acquired) is a Form 5 item (Rule 16a-3(f)); reported "
        "early on a Form 4 it is marked V (form type 5) and has no two-day deadline."
    )
    gift = march_form5(date(2023, 12, 31))
    gift.table_i[0].transaction_date = Footnoted(date(2023, 3, 1))
    gift.table_i[0].coding.code, gift.table_i[0].acquired_disposed = "G", Footnoted("D")
    [on_time] = [f for f in validate(gift, date(2024, 2, 14)) if f.rule_id == "FORM5-GIFT-ON-TIME"]
    assert on_time.message.startswith("Table I, row 1, column ")
    assert on_time.message.endswith(
        ": a gift given on or after 02/27/2023 was due on Form 4 within two business days (Release 33-11138); on a "
        "Form 5 it is a late Form 4 item: choose '4 — should have been reported on Form 4' in its Form type column "
        "(it prints G4)."
    )


def test_federal_holidays_are_the_holidays_packages_for_every_year_from_1971_to_2100():
    # The app computes them itself (importing `holidays` cost up to 0.9 s of its start); the package is the
    # second opinion: every date and every name, observed days included (12/31/2021 for New Year's 2022).
    import holidays

    for year in range(1971, 2101):
        assert federal_holidays(year) == dict(holidays.country_holidays("US", years=year)), year
    assert federal_holidays(2021)[date(2021, 12, 31)] == "New Year's Day (observed)"
    assert date(2021, 12, 31) not in federal_holidays(2022)


def test_a_deadline_today_does_not_import_the_holidays_package():
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from form4_desktop.rules.deadline import DEFAULT_CALENDAR\n"
        "assert not DEFAULT_CALENDAR.is_business_day(date(2026, 11, 26))  # Thanksgiving\n"
        "assert 'holidays' not in sys.modules, 'imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)

"""Real filings EDGAR accepted on which the rules once raised a false alarm (tests/data/rules/README.md names
each one's source): each stays quiet where it was wrong, and still speaks, at the right box, where it is right."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from form4_desktop.edgar_xml import read_file
from form4_desktop.rules import Severity, validate

RULES_DATA = Path(__file__).parent / "data" / "rules"
TODAY = date(2026, 11, 25)


def findings(name: str, severity: Severity | None = None) -> list[tuple[str, str]]:
    filing = read_file(RULES_DATA / name)
    return sorted(
        (f.rule_id, f.field_path)
        for f in validate(filing, TODAY)
        if (f.severity is severity if severity else f.severity is not Severity.INFO)
    )


@pytest.mark.parametrize(
    "name",
    [
        "john-friedman__datamule-python__000089924321019441__doc4.xml",  # X into Class B, itself convertible
        "john-friedman__datamule-python__000120919111061699__doc4.xml",  # RSUs settled (M) in Class B common
    ],
)
def test_a_table_ii_acquisition_of_a_convertible_class_is_usual(name):
    assert findings(name) == []  # neither CODING-ACQUIRED-DISPOSED-USUAL nor EXERCISE-MATCH-* (chains add up)


def test_a_footnote_on_the_amount_owned_following_makes_a_mismatch_information():
    name = "john-friedman__datamule-python__000120919120053427__doc4.xml"
    assert findings(name) == []
    infos = findings(name, Severity.INFO)
    footnoted = [path for rule, path in infos if rule == "HOLDINGS-ARITHMETIC-FOOTNOTED"]
    assert footnoted == sorted(f"table_i[{i}].shares_owned_following" for i in (5, 10, 12, 17, 19, 21, 23))
    [message] = [
        f.message
        for f in validate(read_file(RULES_DATA / name), TODAY)
        if f.field_path == "table_i[5].shares_owned_following"
    ]
    assert message.endswith("see footnote (8).")


def test_separate_grants_exercised_to_zero_are_separate_lots():
    assert findings("john-friedman__datamule-python__000117911020011380__edgar.xml") == []


def test_a_nature_without_its_footnote_joins_the_only_holder_of_that_nature():
    assert findings("john-friedman__datamule-python__000089924321044241__doc4.xml") == []


def test_a_sale_flagged_acquired_is_one_error_not_an_arithmetic_warning_too():
    found = findings("john-friedman__datamule-python__000120919113014365__doc4.xml")
    assert ("CODING-ACQUIRED-DISPOSED", "table_i[3].acquired_disposed") in found
    assert not [rule for rule, _ in found if rule.startswith("HOLDINGS-ARITHMETIC")]


def test_a_holdings_only_form4_is_a_warning_not_an_error():
    assert findings("john-friedman__datamule-python__000089924322012864__doc4.xml") == [("HOLDINGS-ONLY", "table_i")]


def test_box_3_may_leave_out_form5_items_reported_early():
    assert findings("john-friedman__datamule-python__000120919112022044__doc4.xml") == [
        # its weighted-average prices give no range: a true problem of this filing, and only that
        ("WEIGHTED-AVERAGE-PRICE", "table_i[1].price_per_share"),
        ("WEIGHTED-AVERAGE-PRICE", "table_i[2].price_per_share"),
    ]


def test_an_officer_ticked_as_other_may_use_rule_16b3_codes():
    assert findings("john-friedman__secsgml__test.xml") == []


def test_one_undertaking_covers_the_ranges_of_several_footnotes():
    # The Table II M row flagged (A) is a true problem of this filing: no row converts into stock options.
    assert findings("dgunning__edgartools__form4.snow.xml") == [
        ("CODING-ACQUIRED-DISPOSED-USUAL", "table_ii[0].acquired_disposed")
    ]


def test_a_later_part_of_a_split_report_may_date_box_3_by_the_whole_report():
    # "Due to a 30 line item limitation in Table I, this is the second of two Forms 4": box 3 is 09/30/2020, the
    # first part's earliest day; this part's rows are of 10/01 and 10/02/2020.
    assert findings("john-friedman__datamule-python__000120919120053428__doc4.xml") == []


def test_form5_items_of_different_days_reported_early_are_information():
    name = "john-friedman__datamule-python__000106299321007940__form4.xml"
    assert findings(name) == []
    assert [item for item in findings(name, Severity.INFO) if item[0].startswith("HOLDINGS-ARITHMETIC")] == [
        ("HOLDINGS-ARITHMETIC-DATES", "table_i[1].shares_owned_following"),
        ("HOLDINGS-ARITHMETIC-DATES", "table_i[3].shares_owned_following"),
    ]


def test_a_former_director_may_use_rule_16b3_codes():
    assert findings("john-friedman__datamule-python__000089924321031284__doc4.xml") == []


def test_a_footnote_on_the_amounts_makes_an_exercise_mismatch_information():
    name = "cjavdev__sec_edgar__filing2.xml"
    assert findings(name) == []
    assert [item for item in findings(name, Severity.INFO) if item[0].startswith("EXERCISE-MATCH")] == [
        ("EXERCISE-MATCH-SHARES-FOOTNOTED", "table_ii[0].underlying.shares")
    ]
    [message] = [
        f.message for f in validate(read_file(RULES_DATA / name), TODAY) if f.rule_id.startswith("EXERCISE-MATCH")
    ]
    assert message.endswith("see footnote (4).")

"""The checks beyond EDGAR's: the 10b5-1 box against the footnotes, weighted-average prices, prices by code,
exercises matched across the tables, and messages that name boxes as the form in hand does."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

from test_rules import TODAY, _sale, draft, form3, found

from form4_desktop.model import DerivativeTransaction, Footnote, Footnoted, UnderlyingSecurity
from form4_desktop.rules import validate
from form4_desktop.rules.diligence import adoption_date


def messages(filing, rule_id: str) -> list[str]:
    return [f.message for f in validate(filing, TODAY) if f.rule_id == rule_id]


# -- boxes named as each form numbers them ---------------------------------------------------------------------
def test_a_form3_names_its_own_boxes():
    filing = form3()
    filing.issuer.cik, filing.period_of_report = "", None
    relationship = filing.reporting_owners[0].relationship
    relationship.is_director = False
    assert messages(filing, "ISSUER-CIK") == ["Box 3, issuer CIK is required."]
    assert messages(filing, "PERIOD-REQUIRED") == ["Box 2, date of event requiring statement is required."]
    assert messages(filing, "RELATIONSHIP-NONE") == [
        "Box 4, relationship: check at least one of Director, Officer, 10% Owner or Other."
    ]
    filing = draft()
    filing.issuer.cik = ""
    filing.reporting_owners[0].relationship.is_officer = False
    filing.reporting_owners[0].relationship.officer_title = None
    assert messages(filing, "ISSUER-CIK") == ["Box 2, issuer CIK is required."]
    assert messages(filing, "RELATIONSHIP-NONE")[0].startswith("Box 5, relationship:")


def test_too_many_rows_or_owners_say_to_split_the_report():
    filing = draft()
    for _ in range(30):
        _sale(filing)
    [message] = messages(filing, "TABLE-SIZE")
    assert "further Forms 4 filed the same day" in message and "own box 3" in message
    filing = draft()
    for number in range(10):
        owner = copy.deepcopy(filing.reporting_owners[0])
        owner.cik = str(2000000 + number)
        filing.reporting_owners.append(owner)
    [message] = messages(filing, "OWNER-COUNT")
    assert "further Forms 4 filed the same day" in message and "own box 3" in message


# -- codes that fix the direction ------------------------------------------------------------------------------
def test_codes_a_and_h_fix_the_direction():
    filing = draft()
    filing.table_ii[0].coding.code = "H"
    filing.table_ii[0].acquired_disposed = Footnoted("A")
    assert ("CODING-ACQUIRED-DISPOSED", "table_ii[0].acquired_disposed") in found(filing)
    filing = draft()
    filing.table_i[0].coding.code = "A"
    filing.table_i[0].acquired_disposed = Footnoted("D")
    assert ("CODING-ACQUIRED-DISPOSED", "table_i[0].acquired_disposed") in found(filing)


# -- Rule 10b5-1 -----------------------------------------------------------------------------------------------
def test_a_merger_agreement_is_not_a_trading_plan():
    filing = draft()
    filing.aff10b5_one = True
    filing.footnotes[0].text += " Acquired under the Agreement and Plan of Merger dated March 3, 2023."
    assert found(filing) == [("AFF10B5ONE-FOOTNOTE", "aff10b5_one")]
    filing.footnotes[0].text += " The sale was made under a Rule 10b5-1 trading plan adopted on May 30, 2023."
    assert found(filing) == []


def test_a_footnote_that_denies_a_plan_does_not_ask_for_the_box():
    filing = draft()
    filing.footnotes[0].text += " This sale was not made under a Rule 10b5-1 plan adopted on May 30, 2023."
    assert found(filing) == []


def test_the_adoption_date_is_the_one_near_adopted():
    assert adoption_date("On May 30, 2023, Mr. Altman adopted a 10b5-1 Plan.") == date(2023, 5, 30)
    assert adoption_date("Sold on 06/01/2024 under a Rule 10b5-1 plan adopted 11/15/2023.") == date(2023, 11, 15)
    assert adoption_date("Rule 10b5-1 plan entered into on 2023-03-01 by the trust dated July 22, 2003") == date(
        2023, 3, 1
    )
    assert adoption_date("Sold under a Rule 10b5-1 plan.") is None


# -- prices ----------------------------------------------------------------------------------------------------
def test_a_weighted_average_price_needs_its_range_and_the_undertaking():
    filing = draft()
    _sale(filing, price="2.5012")
    filing.footnotes.append(Footnote("F5", "The price is a weighted average of sales from $2.40 to $2.60."))
    filing.table_i[1].price_per_share.footnote_ids = ["F5"]
    [message] = messages(filing, "WEIGHTED-AVERAGE-PRICE")
    assert "undertaking" in message and "range" not in message.split(";")[1].split(".")[0]
    filing.footnotes[4].text += " The reporting person undertakes to provide full information upon request."
    assert found(filing) == []
    filing.table_i[1].price_per_share = Footnoted(Decimal("2.50"), ["F5"])  # the footnote calls it one
    filing.footnotes[4].text = "The price is a weighted average. Details will be provided upon request."
    assert found(filing) == [("WEIGHTED-AVERAGE-PRICE", "table_i[1].price_per_share")]


def test_tax_withholding_is_valued():
    filing = draft()
    _sale(filing, code="F", price="0")
    assert found(filing) == [("PRICE-BY-CODE", "table_i[1].price_per_share")]


def test_a_j_row_described_by_a_footnote_on_its_code_is_clean():
    filing = draft()
    _sale(filing, code="J", price="0")
    filing.table_i[1].coding.footnote_ids = ["F1"]
    assert found(filing) == []


def test_a_draft_signed_by_an_attorney_in_fact_is_reminded_an_accepted_copy_is_not():
    filing = draft()
    filing.signatures[0].name = "/s/ Jane Roe, POA"
    assert found(filing) == [("POA-SIGNATURE", "signatures[0].name")]
    filing.schema_version, filing.reporting_owners[0].ccc = "X0609", None  # as EDGAR disseminated it
    assert "POA-SIGNATURE" not in {rule for rule, _ in found(filing, today=date(2026, 11, 25))}


# -- exercises across the tables -------------------------------------------------------------------------------
def test_a_conversion_chain_through_table_ii_adds_up():
    """Preferred converted (C) into Class B (Table II, A), the same day Class B converted (C) into Class A."""
    filing = draft()
    preferred = DerivativeTransaction(
        Footnoted("Series A Preferred"),
        Footnoted(None, ["F2"]),
        Footnoted(date(2023, 1, 9)),
        None,
        copy.deepcopy(filing.table_ii[0].coding),
        None,
        Footnoted(Decimal(1000)),
        None,
        Footnoted(Decimal(0)),
        Footnoted("D"),
        Footnoted(None, ["F2"]),
        Footnoted(None, ["F2"]),
        UnderlyingSecurity(Footnoted("Class B Common Stock"), Footnoted(Decimal(1000))),
        Footnoted(Decimal(0)),
        None,
        copy.deepcopy(filing.table_ii[0].ownership),
    )
    preferred.coding.code = "C"
    class_b = copy.deepcopy(preferred)
    class_b.security_title, class_b.acquired_disposed = Footnoted("Class B Common Stock"), Footnoted("A")
    class_b.underlying = UnderlyingSecurity(Footnoted("Common Stock"), Footnoted(Decimal(1000)))
    class_b.shares_owned_following = Footnoted(Decimal(1000))
    filing.table_ii += [preferred, class_b]
    assert found(filing) == []
    filing.table_ii[3].shares = Footnoted(Decimal(10000))  # a tenfold slip
    filing.table_ii[3].shares_owned_following = Footnoted(Decimal(10000))
    assert found(filing) == [("EXERCISE-MATCH-SHARES", "table_ii[2].underlying.shares")]


def test_an_exercise_before_its_date_exercisable():
    filing = draft()
    filing.table_ii[0].exercise_date = Footnoted(date(2023, 1, 9), ["F3"])
    assert found(filing) == []
    filing.table_ii[0].expiration_date = Footnoted(date(2024, 1, 9))
    filing.table_ii[0].exercise_date = Footnoted(date(2023, 6, 1), ["F3"])
    assert found(filing) == [("EXERCISE-DATE-WINDOW", "table_ii[0].transaction_date")]


def test_ranges_and_undertakings_as_filers_word_them():
    filing = draft()
    _sale(filing, price="2.5012")
    filing.footnotes.append(
        Footnote(
            "F5",
            "Weighted average price; the shares were sold at prices from 2.40 to 2.60. The reporting person "
            "agrees to provide full information regarding the number of shares sold at each price.",
        )
    )
    filing.table_i[1].price_per_share.footnote_ids = ["F5"]
    assert found(filing) == []
    filing.footnotes[4].text = "Weighted average price; a low of $2.40 and a high of $2.60. Details upon request."
    assert found(filing) == []
    filing.footnotes[4].text = "Weighted average price. Details upon request."  # no range
    assert found(filing) == [("WEIGHTED-AVERAGE-PRICE", "table_i[1].price_per_share")]


def test_an_atty_in_fact_is_an_attorney_in_fact():
    filing = draft()
    filing.signatures[0].name = "/s/ Seth R. Weissman, Atty-in-Fact for Kenneth S. Cragun"
    assert found(filing) == [("POA-SIGNATURE", "signatures[0].name")]


def test_a_plan_written_with_an_en_dash_is_a_10b5_1_plan():
    filing = draft()
    filing.footnotes[0].text += " Sold under a Rule 10b5\u20131 plan adopted on March 15, 2023."
    assert found(filing) == [("AFF10B5ONE-UNCHECKED", "aff10b5_one")]

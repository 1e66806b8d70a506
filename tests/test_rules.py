"""Each rule on its own: a filing that breaks only that rule gives exactly that finding; the fixed one none."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

import pytest

from conftest import REFERENCE
from form4_desktop.edgar_xml import read_file
from form4_desktop.model import (
    DerivativeHolding,
    Filing,
    Footnote,
    Footnoted,
    HoldingCoding,
    Issuer,
    NonDerivativeHolding,
    OwnershipNature,
    ReportingOwner,
    Relationship,
    Signature,
    UnderlyingSecurity,
)
from form4_desktop.rules import RULES, Severity, due_date, validate

TODAY = date(2023, 1, 11)  # the due date of the reference filing: on time, signed today


def draft() -> Filing:
    """The reference Form 4 as a draft about to be filed: clean under every rule."""
    filing = read_file(REFERENCE)
    filing.schema_version = None
    filing.reporting_owners[0].ccc = "ab#45678"
    filing.aff10b5_one = False
    return filing


def form3() -> Filing:
    return Filing(
        document_type="3",
        period_of_report=date(2023, 1, 9),
        issuer=Issuer("896493", None, "AULT"),
        reporting_owners=[ReportingOwner("1767258", "ab#45678", None, None, Relationship(is_director=True))],
        table_i=[
            NonDerivativeHolding(
                Footnoted("Common Stock"), None, Footnoted(Decimal(100)), None, OwnershipNature(Footnoted("D"))
            )
        ],
        table_ii=[
            DerivativeHolding(
                Footnoted("Stock Option"),
                Footnoted(Decimal("1.5")),
                None,
                Footnoted(date(2024, 1, 1)),
                Footnoted(date(2030, 1, 1)),
                UnderlyingSecurity(Footnoted("Common Stock"), Footnoted(Decimal(10))),
                None,
                None,
                OwnershipNature(Footnoted("D")),
            )
        ],
        signatures=[Signature("/s/ A Director", date(2023, 1, 10))],
    )


def problems(filing: Filing, today: date = TODAY) -> list[str]:
    return sorted({f.rule_id for f in validate(filing, today) if f.severity is not Severity.INFO})


def test_the_drafts_are_clean():
    assert problems(draft()) == []
    assert problems(form3()) == []


def _set(path: str, value):
    def mutate(filing: Filing) -> None:
        target = filing
        *parents, last = path.split(".")
        for part in parents:
            target = target[int(part)] if part.isdigit() else getattr(target, part)
        if last.isdigit():
            target[int(last)] = value
        else:
            setattr(target, last, value)

    return mutate


def _apply(*mutations):
    def mutate(filing: Filing) -> None:
        for mutation in mutations:
            mutation(filing)

    return mutate


def _many_owners(filing: Filing) -> None:
    for number in range(10):
        owner = copy.deepcopy(filing.reporting_owners[0])
        owner.cik = str(2000000 + number)
        filing.reporting_owners.append(owner)


def _table_i_rows(filing: Filing) -> None:
    filing.table_i += [
        NonDerivativeHolding(
            Footnoted(f"Class {n} Stock"), None, Footnoted(Decimal(1)), None, OwnershipNature(Footnoted("D"))
        )
        for n in range(30)
    ]


def _second_sale(filing: Filing) -> None:
    row = copy.deepcopy(filing.table_i[0])
    row.coding.code, row.coding.footnote_ids = "S", []
    row.shares, row.acquired_disposed = Footnoted(Decimal(1000)), Footnoted("D")
    row.price_per_share = Footnoted(Decimal("2.50"))
    row.shares_owned_following = Footnoted(Decimal(198000))  # 200,000 - 1,000 is 199,000
    filing.table_i.append(row)


def _renumber_f4(filing: Filing) -> None:
    filing.footnotes[3].id = "F04"
    filing.table_ii[1].exercise_date.footnote_ids = ["F04"]


def _form3_transaction(filing: Filing) -> None:
    row = copy.deepcopy(draft().table_i[0])
    row.coding.footnote_ids = []
    filing.table_i.append(row)


def _sale(filing: Filing, code: str = "S", price: str = "2.50", following: int = 199000) -> None:
    """A second Table I row: a disposition of 1,000 shares that day, the arithmetic right."""
    row = copy.deepcopy(filing.table_i[0])
    row.coding.code, row.coding.footnote_ids = code, []
    row.shares, row.acquired_disposed = Footnoted(Decimal(1000)), Footnoted("D")
    row.price_per_share = Footnoted(Decimal(price))
    row.shares_owned_following = Footnoted(Decimal(following))
    filing.table_i.append(row)


def _holdings_only(filing: Filing) -> None:
    filing.table_i = [
        NonDerivativeHolding(
            Footnoted("Common Stock"), None, Footnoted(Decimal(200000)), None, OwnershipNature(Footnoted("D"))
        )
    ]
    filing.table_ii, filing.footnotes = [], []


def _plan_note(text: str):
    def mutate(filing: Filing) -> None:
        filing.footnotes[0].text += " " + text

    return mutate


def _exercise_prices(filing: Filing) -> None:
    for row in filing.table_ii:
        row.conversion_or_exercise_price = Footnoted(Decimal("1.50"), ["F2"])


def _early_form5_item_next_day(filing: Filing) -> None:
    """The second row becomes a Form 5 item (V) of the next day, reported early."""
    filing.table_i[1].transaction_date = Footnoted(date(2023, 1, 10))
    filing.table_i[1].coding.form_type = "5"


def _ten_percent_owner_only(filing: Filing) -> None:
    relationship = filing.reporting_owners[0].relationship
    relationship.is_officer, relationship.officer_title, relationship.is_ten_percent_owner = False, None, True


# rule id -> (what breaks it, the field path or paths its findings point at)
CASES = {
    "DOC-TYPE": (_set("document_type", "4X"), "document_type"),
    "PERIOD-REQUIRED": (_set("period_of_report", None), "period_of_report"),
    "PERIOD-EARLIEST": (_set("period_of_report", date(2023, 1, 6)), "period_of_report"),
    "ORIGINAL-DATE-REQUIRED": (_set("document_type", "4/A"), "date_of_original_submission"),
    "ORIGINAL-DATE-UNUSED": (_set("date_of_original_submission", date(2023, 1, 11)), "date_of_original_submission"),
    "ORIGINAL-DATE-ORDER": (
        _apply(_set("document_type", "4/A"), _set("date_of_original_submission", date(2023, 1, 5))),
        "date_of_original_submission",
    ),
    "NO-TRANSACTIONS": (_apply(_set("table_i", []), _set("table_ii", []), _set("footnotes", [])), "table_i"),
    "HOLDINGS-ONLY": (_holdings_only, "table_i"),
    "AFF10B5ONE-UNANSWERED": (_set("aff10b5_one", None), "aff10b5_one"),
    "AFF10B5ONE-FOOTNOTE": (_set("aff10b5_one", True), "aff10b5_one"),
    "AFF10B5ONE-UNCHECKED": (
        _plan_note("The shares were sold under a Rule 10b5-1 trading plan adopted on March 15, 2023."),
        "aff10b5_one",
    ),
    "AFF10B5ONE-OLD-PLAN": (
        _apply(
            _set("aff10b5_one", True),
            _plan_note(
                "The sales were effected pursuant to a Rule 10b5-1 trading plan adopted by the reporting person on "
                "September 15, 2022."
            ),
        ),
        "aff10b5_one",
    ),
    "ISSUER-CIK": (_set("issuer.cik", "89649A"), "issuer.cik"),
    "ISSUER-SYMBOL": (_set("issuer.trading_symbol", ""), "issuer.trading_symbol"),
    "ISSUER-NAME-LENGTH": (_set("issuer.name", "A" * 151), "issuer.name"),
    "OWNER-COUNT": (_many_owners, "reporting_owners"),
    "OWNER-CIK": (_set("reporting_owners.0.cik", "17672580000"), "reporting_owners[0].cik"),
    "OWNER-DUPLICATE": (
        lambda f: f.reporting_owners.append(copy.deepcopy(f.reporting_owners[0])),
        "reporting_owners[1].cik",
    ),
    "OWNER-CCC": (_set("reporting_owners.0.ccc", "ab#4567"), "reporting_owners[0].ccc"),
    "OWNER-NAME-LENGTH": (_set("reporting_owners.0.name", "B" * 151), "reporting_owners[0].name"),
    "RELATIONSHIP-NONE": (
        _apply(
            _set("reporting_owners.0.relationship.is_officer", False),
            _set("reporting_owners.0.relationship.officer_title", None),
        ),
        "reporting_owners[0].relationship",
    ),
    "RELATIONSHIP-OFFICER-TITLE": (
        _set("reporting_owners.0.relationship.officer_title", None),
        "reporting_owners[0].relationship.officer_title",
    ),
    "RELATIONSHIP-OTHER-TEXT": (
        _set("reporting_owners.0.relationship.is_other", True),
        "reporting_owners[0].relationship.other_text",
    ),
    "RELATIONSHIP-TEXT-LENGTH": (
        _set("reporting_owners.0.relationship.officer_title", "Chief Financial Officer & Treas"),
        "reporting_owners[0].relationship.officer_title",
    ),
    "RELATIONSHIP-TEXT-UNUSED": (
        _set("reporting_owners.0.relationship.other_text", "Trustee"),
        "reporting_owners[0].relationship.other_text",
    ),
    "ADDRESS-LENGTH": (_set("reporting_owners.0.address.city", "C" * 31), "reporting_owners[0].address.city"),
    "ADDRESS-STATE": (_set("reporting_owners.0.address.state", "ZZ"), "reporting_owners[0].address.state"),
    "ADDRESS-COUNTRY": (
        _apply(_set("reporting_owners.0.address.non_us_address", True), _set("reporting_owners.0.address.state", None)),
        "reporting_owners[0].address.country",
    ),
    "ADDRESS-NON-US-REGION": (
        _apply(
            _set("reporting_owners.0.address.non_us_address", True),
            _set("reporting_owners.0.address.state", None),
            _set("reporting_owners.0.address.country", "X0"),
            _set("reporting_owners.0.address.non_us_state_territory", "R" * 35),
        ),
        "reporting_owners[0].address.non_us_state_territory",
    ),
    "TABLE-SIZE": (_table_i_rows, "table_i"),
    "HOLDING-CODING": (
        lambda f: f.table_i.append(
            NonDerivativeHolding(
                Footnoted("Common Stock"),
                HoldingCoding("3"),
                Footnoted(Decimal(5)),
                None,
                OwnershipNature(Footnoted("I"), Footnoted("By spouse")),
            )
        ),
        "table_i[1].coding",
    ),
    "FOOTNOTE-ID": (_renumber_f4, "footnotes[3].id"),
    "FOOTNOTE-DUPLICATE": (lambda f: f.footnotes.append(Footnote("F1", "Again.")), "footnotes[4].id"),
    "FOOTNOTE-UNUSED": (lambda f: f.footnotes.append(Footnote("F5", "Never used.")), "footnotes[4].id"),
    "FOOTNOTE-MISSING": (_set("table_i.0.security_title.footnote_ids", ["F9"]), "table_i[0].security_title"),
    "FOOTNOTE-REPEATED": (_set("table_i.0.coding.footnote_ids", ["F1", "F1"]), "table_i[0].coding"),
    "FOOTNOTE-TEXT": (_set("footnotes.0.text", ""), "footnotes[0].text"),
    "REMARKS-LENGTH": (_set("remarks", "r" * 2001), "remarks"),
    "SIGNATURE-COUNT": (_set("signatures", []), "signatures"),
    "SIGNATURE-NAME": (_set("signatures.0.name", ""), "signatures[0].name"),
    "SIGNATURE-DATE": (_set("signatures.0.date", None), "signatures[0].date"),
    "SIGNATURE-DATE-ORDER": (_set("signatures.0.date", date(2023, 1, 8)), "signatures[0].date"),
    "POA-SIGNATURE": (
        _set("signatures.0.name", "/s/ Jane Roe, Attorney-in-Fact for Kenneth S. Cragun"),
        "signatures[0].name",
    ),
    "REQUIRED-VALUE": (_set("table_i.0.shares", Footnoted()), "table_i[0].shares"),
    "VALUE-OR-FOOTNOTE": (_set("table_i.0.price_per_share", Footnoted()), "table_i[0].price_per_share"),
    "TEXT-LENGTH": (_set("table_i.0.security_title.value", "T" * 61), "table_i[0].security_title"),
    "DECIMAL-RANGE": (_set("table_i.0.price_per_share", Footnoted(Decimal("1.23456"))), "table_i[0].price_per_share"),
    "DIRECT-INDIRECT": (
        _set("table_i.0.ownership.nature_of_ownership", Footnoted("By trust")),
        "table_i[0].ownership.nature_of_ownership",
    ),
    "DERIVATIVE-AMOUNTS": (_set("table_ii.0.total_value", Footnoted(Decimal(1))), "table_ii[0].shares"),
    "OWNED-FOLLOWING": (
        _set("table_i.0.value_owned_following", Footnoted(Decimal(1))),
        "table_i[0].shares_owned_following",
    ),
    "TRANSACTION-DATE-FUTURE": (
        _set("table_i.0.transaction_date", Footnoted(date(2023, 1, 12))),
        "table_i[0].transaction_date",
    ),
    "DEEMED-DATE-ORDER": (
        _set("table_i.0.deemed_execution_date", Footnoted(date(2023, 1, 8))),
        "table_i[0].deemed_execution_date",
    ),
    "DEEMED-DATE-SAME": (
        _set("table_i.0.deemed_execution_date", Footnoted(date(2023, 1, 9))),
        "table_i[0].deemed_execution_date",
    ),
    "DEEMED-DATE-LATE": (
        _set("table_i.0.deemed_execution_date", Footnoted(date(2023, 1, 13))),
        "table_i[0].deemed_execution_date",
    ),
    "EXERCISE-AFTER-EXPIRATION": (
        _set("table_ii.0.exercise_date", Footnoted(date(2023, 2, 1), ["F3"])),
        "table_ii[0].exercise_date",
    ),
    "EXERCISE-DATE-WINDOW": (
        _set("table_ii.0.expiration_date", Footnoted(date(2023, 1, 6))),
        "table_ii[0].transaction_date",
    ),
    "EXERCISE-MATCH-SHARES": (
        _set("table_ii.1.underlying.shares", Footnoted(Decimal(7500))),
        "table_ii[0].underlying.shares",
    ),
    "EXERCISE-MATCH-PRICE": (_exercise_prices, "table_i[0].price_per_share"),
    "CODING-REQUIRED": (
        _apply(_set("table_i.0.coding", None), _set("table_i.0.security_title.footnote_ids", ["F1"])),
        "table_i[0].coding",
    ),
    "CODING-CODE": (_set("table_i.0.coding.code", "Q"), "table_i[0].coding"),
    "CODING-FORM-TYPE": (_set("table_i.0.coding.form_type", "3"), "table_i[0].coding"),
    "CODING-TIMELINESS": (_set("table_i.0.timeliness", Footnoted("L")), "table_i[0].timeliness"),
    "CODING-ACQUIRED-DISPOSED": (_set("table_i.0.coding.code", "D"), "table_i[0].acquired_disposed"),
    "CODING-ACQUIRED-DISPOSED-USUAL": (
        _set("table_i.0.acquired_disposed", Footnoted("D")),
        "table_i[0].acquired_disposed",
    ),
    "HOLDINGS-ARITHMETIC": (_second_sale, "table_i[1].shares_owned_following"),
    "WEIGHTED-AVERAGE-PRICE": (lambda f: _sale(f, price="2.5012"), "table_i[1].price_per_share"),
    "PRICE-BY-CODE": (lambda f: _sale(f, price="0"), "table_i[1].price_per_share"),
    "CODE-J-DESCRIPTION": (lambda f: _sale(f, code="J", price="0"), "table_i[1].coding"),
    "RULE-16B3-CODE": (_ten_percent_owner_only, ("table_i[0].coding", "table_ii[0].coding", "table_ii[1].coding")),
    "DATE-RANGE": (_set("signatures.0.date", date(1923, 1, 11)), "signatures[0].date"),
}
FORM3_CASES = {
    "EXIT-BOX-FORM3": (_set("not_subject_to_section16", True), "not_subject_to_section16"),
    "AFF10B5ONE-FORM3": (_set("aff10b5_one", False), "aff10b5_one"),
    "FORM3-TRANSACTION": (_form3_transaction, "table_i[1]"),
}
# Information findings: the draft stays clean of problems and gains exactly this one.
INFO_CASES = {
    "HOLDINGS-ARITHMETIC-FOOTNOTED": (
        _apply(_second_sale, _set("table_i.1.shares_owned_following.footnote_ids", ["F1"])),
        "table_i[1].shares_owned_following",
    ),
    "PRICE-AWARD": (
        _apply(_set("table_i.0.coding.code", "A"), _set("table_i.0.price_per_share", Footnoted(Decimal("5.00")))),
        "table_i[0].price_per_share",
    ),
    "HOLDINGS-ARITHMETIC-DATES": (
        _apply(_second_sale, _early_form5_item_next_day),
        "table_i[1].shares_owned_following",
    ),
    "EXERCISE-MATCH-SHARES-FOOTNOTED": (
        _set("table_ii.1.underlying.shares", Footnoted(Decimal(7500), ["F4"])),
        "table_ii[0].underlying.shares",
    ),
}


def found(filing: Filing, today: date = TODAY, info: bool = False) -> list[tuple[str, str]]:
    """(rule id, field path) of each finding, problems only unless `info`."""
    return sorted(
        {(f.rule_id, f.field_path) for f in validate(filing, today) if info or f.severity is not Severity.INFO}
    )


def _expected(rule_id: str, paths: str | tuple[str, ...]) -> list[tuple[str, str]]:
    return sorted((rule_id, path) for path in ((paths,) if isinstance(paths, str) else paths))


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_breaking_one_rule_gives_exactly_that_finding(rule_id):
    mutate, paths = CASES[rule_id]
    filing = draft()
    mutate(filing)
    assert found(filing) == _expected(rule_id, paths)


@pytest.mark.parametrize("rule_id", sorted(FORM3_CASES))
def test_breaking_one_form3_rule_gives_exactly_that_finding(rule_id):
    mutate, paths = FORM3_CASES[rule_id]
    filing = form3()
    mutate(filing)
    assert found(filing) == _expected(rule_id, paths)


@pytest.mark.parametrize("rule_id", sorted(INFO_CASES))
def test_information_findings_point_at_their_box(rule_id):
    mutate, paths = INFO_CASES[rule_id]
    filing = draft()
    mutate(filing)
    assert found(filing) == []
    infos = [(f.rule_id, f.field_path) for f in validate(filing, TODAY) if f.rule_id == rule_id]
    assert infos == _expected(rule_id, paths)
    assert all(f.severity is Severity.INFO for f in validate(filing, TODAY) if f.rule_id == rule_id)


def test_the_schema_is_the_safety_net_when_the_rules_miss_something(monkeypatch):
    from form4_desktop.app import documents

    filing = draft()
    filing.table_i[0].security_title.value = "T" * 61
    monkeypatch.setattr(documents, "validate", lambda filing, today, calendar, filed_on=None: [])
    [finding] = documents.check_filing(filing, TODAY)
    assert finding.rule_id == "SCHEMA" and "securityTitle" in finding.field_path


def test_an_empty_text_is_blank():
    filing = draft()
    filing.table_i[0].security_title.value = ""
    assert problems(filing) == ["REQUIRED-VALUE"]


def march_draft() -> Filing:
    """The draft moved to March 2023, after the gift rule took effect."""
    filing = draft()
    for row in (*filing.table_i, *filing.table_ii):
        row.transaction_date = Footnoted(date(2023, 3, 1))
    for row in filing.table_ii:
        row.expiration_date = Footnoted(date(2023, 3, 1))  # vested that day, as in the original
    filing.period_of_report = date(2023, 3, 1)
    filing.signatures[0].date = date(2023, 3, 2)
    return filing


def test_a_gift_given_since_2023_is_a_form4_item_due_in_two_days():
    filing = march_draft()
    assert problems(filing, today=date(2023, 3, 2)) == []
    gift = filing.table_i[0]
    gift.coding.code, gift.coding.form_type, gift.acquired_disposed = "G", "5", Footnoted("D")
    assert problems(filing, today=date(2023, 3, 2)) == ["GIFT-FORM-TYPE"]
    for row in filing.table_ii:
        row.coding.form_type = "5"  # only the gift is left with a two-day deadline ...
    assert due_date(filing)[0] == date(2023, 3, 3)  # ... and it has one


def test_arithmetic_follows_the_dates_not_the_row_order():
    filing = draft()
    _second_sale(filing)
    filing.table_i[1].shares_owned_following = Footnoted(Decimal(199000))
    filing.table_i.reverse()  # the later sale entered first
    filing.table_i[0].transaction_date = Footnoted(date(2023, 1, 10))
    assert "HOLDINGS-ARITHMETIC" not in problems(filing)


def test_a_file_with_a_ccc_is_a_draft_even_with_a_schema_version():
    filing = draft()
    filing.schema_version = "X0508"
    filing.aff10b5_one = None
    assert not filing.is_disseminated_copy
    assert problems(filing) == ["AFF10B5ONE-UNANSWERED"]


def test_zero_ciks_are_invalid_and_duplicates_are_seen_through_leading_zeros():
    filing = draft()
    filing.reporting_owners[0].cik = "0000000000"
    assert problems(filing) == ["OWNER-CIK"]
    filing = draft()
    other = copy.deepcopy(filing.reporting_owners[0])
    other.cik = "1767258"
    filing.reporting_owners.append(other)
    assert problems(filing) == ["OWNER-DUPLICATE"]


def test_late_is_judged_against_today():
    assert problems(draft(), today=date(2023, 1, 13)) == ["LATE"]
    [late] = [f for f in validate(draft(), date(2023, 1, 13)) if f.rule_id == "LATE"]
    assert late.message.startswith("Late by 2 business days")


def test_a_v_on_a_form4_row_is_shown_as_information_on_its_box():
    filing = draft()
    filing.table_ii[1].coding.form_type = "5"  # a stray tick of V
    found = [(f.rule_id, f.severity, f.field_path) for f in validate(filing, TODAY) if f.rule_id == "FORM5-ITEM-EARLY"]
    assert found == [("FORM5-ITEM-EARLY", Severity.INFO, "table_ii[1].coding.form_type")]
    assert not [f for f in validate(draft(), TODAY) if f.rule_id == "FORM5-ITEM-EARLY"]


def test_typed_text_that_cannot_be_taken_is_an_error_on_its_box():
    from form4_desktop.model.typed import TypedValueError, read_date
    from form4_desktop.rules.typed import typed_findings

    with pytest.raises(TypedValueError, match="February 2023 has 28 days"):
        read_date("02/30/2023")
    [finding] = typed_findings(
        [
            (
                "table_i[0].transaction_date.value",
                "Table I, row 1, column 2, Transaction Date",
                "'02/30/2023': February 2023 has 28 days.",
            )
        ]
    )
    assert (finding.rule_id, finding.severity, finding.field_path) == (
        "TYPED-VALUE",
        Severity.ERROR,
        "table_i[0].transaction_date",
    )
    assert "February 2023 has 28 days" in finding.message and finding.message.startswith("Table I, row 1")


def test_every_rule_has_a_test():
    # XML-CONTENT and XML-SCHEMA judge files: tests/test_cli.py::test_check_judges_the_file_as_it_stands
    tested = (
        set(CASES)
        | set(FORM3_CASES)
        | set(INFO_CASES)
        | {"LATE", "DUE-DATE", "XML-CONTENT", "XML-SCHEMA", "SCHEMA", "GIFT-FORM-TYPE"}
    )  # GIFT-FORM-TYPE: its own test below
    tested |= {"FORM5-ITEM-EARLY", "TYPED-VALUE"}  # their own tests above
    tested |= {"TEXT-CHARACTERS"}  # tests/test_xml_characters.py
    tested |= {"HOLDINGS-CONTINUITY"}  # tests/test_holdings.py (it needs the store's ledger)
    tested |= {"HOLDINGS-LATER-FILINGS"}  # tests/test_holdings.py, tests/test_ledger_corpus.py
    tested |= {"SHORT-SWING"}  # tests/test_short_swing.py (it needs the owner's other filings)
    tested |= {"PRINT-CHARACTERS"}  # tests/test_pdf.py (what the printed form's font cannot carry)
    tested |= {"DEEMED-DATE-INELIGIBLE", "FORM5-ITEM-ON-FORM4", "FORM5-GIFT-ON-TIME", "PRE-REGISTRATION"}  # test_deadline
    tested |= {"FORM4-ITEM-ON-FORM5", "FORM5-REPORTED-BOXES"}  # tests/test_form5_coding.py
    tested |= {"FORM5-ITEM-AS-LATE-FORM4"}  # tests/test_form5_reported_boxes.py
    assert tested == set(RULES)


def test_findings_name_the_box_as_the_form_does():
    filing = draft()
    _second_sale(filing)
    [finding] = [f for f in validate(filing, TODAY) if f.rule_id == "HOLDINGS-ARITHMETIC"]
    assert finding.field_path == "table_i[1].shares_owned_following"
    assert finding.message == (
        "Table I, row 2, column 5, Amount owned following: 198,000 does not follow from row 1: "
        "200,000 owned after row 1, minus 1,000 disposed in row 2, gives 199,000."
    )
    filing.table_i[1].shares_owned_following = Footnoted(Decimal(199000))
    assert problems(filing) == []


def test_disseminated_copies_are_not_asked_for_the_ccc_or_the_deadline():
    filing = read_file(REFERENCE)  # carries EDGAR's schemaVersion: already filed
    assert problems(filing, today=date(2026, 11, 24)) == []


def test_a_later_part_of_a_split_report_may_date_box_3_by_the_first_part():
    filing = draft()
    filing.period_of_report = date(2023, 1, 6)  # the first part's earliest transaction
    assert found(filing) == [("PERIOD-EARLIEST", "period_of_report")]
    filing.remarks = "Due to the 30 line limit, this Form 4 is the second of two Forms 4 filed for the same sales."
    assert found(filing) == []
    filing.period_of_report = date(2023, 1, 10)  # after this part's own earliest day: wrong however it is split
    assert found(filing) == [("PERIOD-EARLIEST", "period_of_report")]


def test_a_former_director_may_use_rule_16b3_codes_a_former_ten_percent_owner_may_not():
    filing = draft()
    _ten_percent_owner_only(filing)
    relationship = filing.reporting_owners[0].relationship
    relationship.is_ten_percent_owner, relationship.is_other = False, True
    relationship.other_text = "Former Director and 10% Owner"
    assert found(filing) == []
    relationship.other_text = "Former 10% Owner"
    assert found(filing) == _expected("RULE-16B3-CODE", CASES["RULE-16B3-CODE"][1])

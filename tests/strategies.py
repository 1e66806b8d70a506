"""Hypothesis strategies for filings within the v5.5 schema's limits, by document type."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from form4_desktop.model import (
    DerivativeHolding,
    DerivativeTransaction,
    Filing,
    Footnote,
    Footnoted,
    HoldingCoding,
    Issuer,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    OwnerAddress,
    OwnershipNature,
    Relationship,
    ReportingOwner,
    Signature,
    TransactionCoding,
    UnderlyingSecurity,
)
from form4_desktop.model.codes import COUNTRIES, US_STATES

# Any character XML 1.0 allows in text, except controls (CR would be normalised by any XML parser).
_CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Cn"))


def text(max_size: int, min_size: int = 1) -> st.SearchStrategy[str]:
    return st.text(_CHARACTERS, min_size=min_size, max_size=max_size).map(str.strip).filter(bool)


amounts = st.decimals(
    min_value=0, max_value=Decimal("999999999999.9999"), places=4, allow_nan=False, allow_infinity=False
)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))
ciks = st.from_regex(r"[0-9]{10}", fullmatch=True)
booleans = st.none() | st.booleans()


@st.composite
def filings(draw, document_type: str | None = None, submission: bool = False) -> Filing:
    """A filing the v5.5 schema accepts. `submission`: as a filer sends it (CCCs, no EDGAR-filled fields)."""
    document_type = document_type or draw(st.sampled_from(["3", "3/A", "4", "4/A", "5", "5/A"]))
    form = document_type[0]
    footnote_count = draw(st.integers(0, 6))
    footnotes = [Footnote(f"F{i}", draw(text(1000))) for i in range(1, footnote_count + 1)]
    ids = [footnote.id for footnote in footnotes]
    refs = st.lists(st.sampled_from(ids), unique=True, max_size=3) if ids else st.just([])

    def box(values, optional_value: bool = False) -> st.SearchStrategy[Footnoted]:
        if optional_value and ids:
            # a value, or only footnotes (at least one)
            return st.one_of(
                st.builds(Footnoted, values, refs),
                st.builds(Footnoted, st.none(), st.lists(st.sampled_from(ids), unique=True, min_size=1, max_size=3)),
            )
        return st.builds(Footnoted, values, refs)

    def maybe(strategy):
        return st.none() | strategy

    def ownership() -> OwnershipNature:
        if draw(st.booleans()):
            return OwnershipNature(draw(box(st.just("D"))), None)
        return OwnershipNature(draw(box(st.just("I"))), draw(box(text(100))))

    def following(row, allow_value: bool = True) -> None:
        if allow_value and draw(st.booleans()):
            row.value_owned_following = draw(box(amounts))
        else:
            row.shares_owned_following = draw(box(amounts))

    def coding() -> TransactionCoding:
        return TransactionCoding(
            form_type=draw(st.sampled_from(["4", "5"])),
            code=draw(st.sampled_from(list("ACDEFGHIJLMOPSUWXZ"))),
            equity_swap_involved=draw(st.booleans()),
            footnote_ids=draw(refs),
        )

    def timeliness():
        if form == "5":
            return draw(maybe(st.builds(Footnoted, st.sampled_from(["E", "L"]), st.just([]))))
        return draw(maybe(box(st.sampled_from(["E", "L"]))))

    def holding_coding():
        if form != "5":
            return None
        return draw(maybe(st.builds(HoldingCoding, st.just("3"), refs)))

    def underlying() -> UnderlyingSecurity:
        result = UnderlyingSecurity(title=draw(box(text(60))))
        choice = draw(st.sampled_from(["shares", "value", "none"]))
        if choice == "shares":
            result.shares = draw(box(amounts, optional_value=True))
        elif choice == "value":
            result.value = draw(box(amounts, optional_value=True))
        return result

    table_i: list = []
    table_ii: list = []
    for _ in range(draw(st.integers(0, 4))):
        if form != "3" and draw(st.booleans()):
            row = NonDerivativeTransaction(
                security_title=draw(box(text(60))),
                transaction_date=draw(box(dates)),
                deemed_execution_date=draw(maybe(box(st.none() | dates).filter(lambda b: not b.is_empty()))),
                coding=draw(maybe(st.just(None).map(lambda _: coding()))),
                timeliness=timeliness(),
                shares=draw(box(amounts)),
                price_per_share=draw(box(amounts, optional_value=True)),
                acquired_disposed=draw(box(st.sampled_from(["A", "D"]))),
                ownership=ownership(),
            )
            following(row)
        else:
            row = NonDerivativeHolding(
                security_title=draw(box(text(60))), coding=holding_coding(), ownership=ownership()
            )
            following(row)
        table_i.append(row)
    for _ in range(draw(st.integers(0, 4))):
        if form != "3" and draw(st.booleans()):
            row = DerivativeTransaction(
                security_title=draw(box(text(60))),
                conversion_or_exercise_price=draw(box(amounts, optional_value=True)),
                transaction_date=draw(box(dates)),
                deemed_execution_date=draw(maybe(box(dates))),
                coding=draw(maybe(st.just(None).map(lambda _: coding()))),
                timeliness=timeliness(),
                price_per_share=draw(box(amounts, optional_value=True)),
                acquired_disposed=Footnoted(draw(st.sampled_from(["A", "D"]))),
                exercise_date=draw(box(dates, optional_value=True)),
                expiration_date=draw(box(dates, optional_value=True)),
                underlying=underlying(),
                ownership=ownership(),
            )
            if draw(st.booleans()):
                row.shares = draw(box(amounts))
            else:
                row.total_value = draw(box(amounts))
            following(row)
        else:
            row = DerivativeHolding(
                security_title=draw(box(text(60))),
                conversion_or_exercise_price=draw(box(amounts, optional_value=True)),
                coding=holding_coding(),
                exercise_date=draw(box(dates, optional_value=True)),
                expiration_date=draw(box(dates, optional_value=True)),
                underlying=underlying(),
                ownership=ownership(),
            )
            if form != "3":
                following(row)
        table_ii.append(row)

    owners = []
    for cik in draw(st.lists(ciks, min_size=1, max_size=3, unique=True)):
        address = None
        if draw(st.booleans()):
            foreign = draw(st.booleans())
            address = OwnerAddress(
                street1=draw(maybe(text(40))),
                street2=draw(maybe(text(40))),
                city=draw(maybe(text(30))),
                state=None if foreign else draw(maybe(st.sampled_from(sorted(US_STATES)))),
                zip_code=draw(maybe(st.from_regex(r"[0-9A-Za-z#-][0-9A-Za-z #-]{0,8}[0-9A-Za-z#-]", fullmatch=True))),
                non_us_address=True if foreign else draw(st.sampled_from([None, False])),
                non_us_state_territory=draw(maybe(text(40))) if foreign else None,
                country=draw(st.sampled_from(sorted(COUNTRIES))) if foreign else None,
                state_description=None if submission else draw(maybe(text(50))),
                good_address=None if submission else draw(booleans),
            )
        is_officer, is_other = draw(booleans), draw(booleans)
        owners.append(
            ReportingOwner(
                cik=cik,
                ccc=draw(st.from_regex(r"[A-Za-z0-9#@*$]{8}", fullmatch=True)) if submission else None,
                name=None if submission else draw(maybe(text(150))),
                address=address,
                relationship=Relationship(
                    is_director=draw(booleans),
                    is_officer=is_officer,
                    is_ten_percent_owner=draw(booleans),
                    is_other=is_other,
                    officer_title=draw(maybe(text(30))),
                    other_text=draw(maybe(text(30))),
                ),
            )
        )

    edgar_filled = not submission
    return Filing(
        document_type=document_type,
        period_of_report=draw(dates),
        date_of_original_submission=draw(dates) if document_type.endswith("/A") else None,
        not_subject_to_section16=draw(booleans) if form != "3" else None,
        aff10b5_one=draw(st.booleans()) if form != "3" else (draw(booleans) if edgar_filled else None),
        no_securities_owned=draw(booleans) if form == "3" and edgar_filled else None,
        form3_holdings_reported=draw(booleans) if form == "5" and edgar_filled else None,
        form4_transactions_reported=draw(booleans) if form == "5" and edgar_filled else None,
        issuer=Issuer(
            cik=draw(ciks),
            name=draw(maybe(text(150))) if edgar_filled else None,
            trading_symbol=draw(text(10)),
            foreign_trading_symbol=draw(maybe(text(14))),
        ),
        reporting_owners=owners,
        table_i=table_i,
        table_ii=table_ii,
        footnotes=footnotes,
        remarks=draw(maybe(text(2000))),
        signatures=[Signature(draw(text(255)), draw(dates)) for _ in range(draw(st.integers(1, 3)))],
    )

"""A maximal Form 4, for benchmarks and pagination checks: 10 owners, 30 + 30 rows, 99 footnotes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from form4_desktop.model.filing import (
    DerivativeHolding,
    DerivativeTransaction,
    Filing,
    Footnote,
    Footnoted,
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


def maximal_form4() -> Filing:
    traded = date(2026, 3, 2)
    footnotes = [Footnote(f"F{n}", f"Footnote {n}: " + "explanation of the response. " * 30) for n in range(1, 100)]
    ids = [footnote.id for footnote in footnotes]
    table_i: list[NonDerivativeTransaction | NonDerivativeHolding] = []
    owned = Decimal(1_000_000)
    for n in range(30):
        owned -= 1000
        table_i.append(
            NonDerivativeTransaction(
                security_title=Footnoted("Common Stock", [ids[n % 99]]),
                transaction_date=Footnoted(traded),
                coding=TransactionCoding("4", "S", False, [ids[(n + 30) % 99]]),
                shares=Footnoted(Decimal(1000)),
                price_per_share=Footnoted(Decimal("12.3456"), [ids[(n + 60) % 99]]),
                acquired_disposed=Footnoted("D"),
                shares_owned_following=Footnoted(owned),
                ownership=OwnershipNature(Footnoted("D")),
            )
        )
    table_ii: list[DerivativeTransaction | DerivativeHolding] = []
    for n in range(30):
        table_ii.append(
            DerivativeTransaction(
                security_title=Footnoted("Stock Option (right to buy)"),
                conversion_or_exercise_price=Footnoted(Decimal(10 + n), [ids[(n + 90) % 99]]),
                transaction_date=Footnoted(traded),
                coding=TransactionCoding("4", "M", False),
                shares=Footnoted(Decimal(500)),
                price_per_share=Footnoted(Decimal(0)),
                acquired_disposed=Footnoted("D"),
                exercise_date=Footnoted(None, [ids[(n + 5) % 99]]),
                expiration_date=Footnoted(date(2030, 1, 1)),
                underlying=UnderlyingSecurity(Footnoted("Common Stock"), Footnoted(Decimal(500))),
                shares_owned_following=Footnoted(Decimal(1500)),
                ownership=OwnershipNature(Footnoted("I"), Footnoted("By Family Trust", [ids[(n + 7) % 99]])),
            )
        )
    owners = [
        ReportingOwner(
            cik=str(1_000_000 + n),
            ccc="ab#45678",
            name=f"OWNER NUMBER {n + 1}",
            address=OwnerAddress("1 MAIN STREET", "SUITE 100", "SPRINGFIELD", "IL", "62701"),
            relationship=Relationship(is_director=True, is_ten_percent_owner=n == 0),
        )
        for n in range(10)
    ]
    return Filing(
        document_type="4",
        period_of_report=traded,
        aff10b5_one=False,
        not_subject_to_section16=False,
        issuer=Issuer("1234567", "EXAMPLE HOLDINGS INC", "EXMP"),
        reporting_owners=owners,
        table_i=table_i,
        table_ii=table_ii,
        footnotes=footnotes,
        remarks="Maximal example filing.",
        signatures=[Signature(f"/s/ Owner Number {n + 1}", date(2026, 3, 3)) for n in range(10)],
    )

"""Section 16(b) short-swing matching: an insider's purchases and sales of the same security within any period of
less than six months, matched the way the courts compute the recoverable profit.

Method (Smolowe v. Delendo Corp., 136 F.2d 231 (2d Cir. 1943); Gratz v. Claughton, 187 F.2d 46 (2d Cir. 1951)):
"lowest price in, highest price out" — repeatedly take, of all purchase/sale pairs less than six months apart (in
either order), the one with the largest price difference, match as many shares as both have left, and go on
until no pair would show a profit. Each share is matched once. Losses are not netted against profits.

What is matched: open-market or private purchases (code P) and sales (code S) in Table I, and P and S of the same
derivative security (title, exercise price and expiration) in Table II. Other codes are taken as exempt or not a
purchase or sale for this report (grants, exercises and dispositions to the issuer under Rule 16b-3 (A, M, F, D),
gifts (G), and so on); a derivative is not matched against its underlying stock (the report says so).

"Less than six months": the later trade is before the same calendar day six months after the earlier one (a
purchase on January 15 matches a sale up to July 14); a day that month does not have is its last day.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Hashable, Iterable

from form4_desktop.model import DerivativeTransaction, Filing, NonDerivativeTransaction
from form4_desktop.model.holdings import normalized
from form4_desktop.rules.catalog import RULES
from form4_desktop.rules.findings import Finding

NOT_MATCHED_NOTE = (
    "Only P and S trades are matched; a derivative is matched with the same derivative only, never with its "
    "underlying stock (match those by hand, with counsel); exempt transactions are left out."
)


@dataclass(frozen=True)
class Trade:
    ref: Hashable  # the filing's (a draft id)
    path: str  # the row, as a field path: table_i[2]
    security: tuple  # what must be the same for a match
    title: str
    when: date
    buy: bool
    shares: Decimal
    price: Decimal
    pending: bool = False  # from a draft not yet filed


@dataclass(frozen=True)
class Match:
    purchase: Trade
    sale: Trade
    shares: Decimal

    @property
    def profit(self) -> Decimal:
        return (self.sale.price - self.purchase.price) * self.shares


def six_months_after(day: date) -> date:
    month = day.month + 6
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def within_six_months(first: date, second: date) -> bool:
    early, late = sorted((first, second))
    return late < six_months_after(early)


def trades_of(ref: Hashable, filing: Filing, pending: bool = False) -> list[Trade]:
    """The P and S trades of one filing that have a date, shares and a price."""
    found = []
    for table in ("table_i", "table_ii"):
        for number, row in enumerate(getattr(filing, table)):
            if not isinstance(row, (NonDerivativeTransaction, DerivativeTransaction)) or row.coding is None:
                continue
            code = row.coding.code
            when, price = row.transaction_date.value, row.price_per_share.value
            shares = row.shares.value if row.shares is not None else None
            if code not in ("P", "S") or not isinstance(when, date) or shares is None or price is None:
                continue
            security: tuple = ("I", normalized(row.security_title.value))
            if isinstance(row, DerivativeTransaction):
                security = (
                    "II",
                    normalized(row.security_title.value),
                    row.conversion_or_exercise_price.value,
                    row.expiration_date.value,
                )
            found.append(
                Trade(
                    ref,
                    f"{table}[{number}]",
                    security,
                    row.security_title.value or "",
                    when,
                    code == "P",
                    shares,
                    price,
                    pending,
                )
            )
    return found


def match(trades: Iterable[Trade]) -> list[Match]:
    """The pairs that make up the largest recoverable profit, by the lowest-in, highest-out method."""
    left: dict[Trade, Decimal] = {}
    for trade in trades:
        left[trade] = left.get(trade, Decimal(0)) + trade.shares
    purchases = [t for t in left if t.buy]
    sales = [t for t in left if not t.buy]
    pairs = sorted(
        (
            (s.price - p.price, p, s)
            for p in purchases
            for s in sales
            if p.security == s.security and s.price > p.price and within_six_months(p.when, s.when)
        ),
        key=lambda item: (-item[0], item[1].when, item[2].when, item[1].path, item[2].path),
    )
    matches = []
    for _, purchase, sale in pairs:  # the widest spread first: lowest in, highest out
        shares = min(left[purchase], left[sale])
        if shares <= 0:
            continue
        left[purchase] -= shares
        left[sale] -= shares
        matches.append(Match(purchase, sale, shares))
    return sorted(matches, key=lambda m: (min(m.purchase.when, m.sale.when), m.purchase.path, m.sale.path))


def plain_amount(value: Decimal) -> str:
    """A profit as a plain decimal (no $ or commas): to the cent when that is exact (2639.000 is "2639.00"), else
    with every digit the prices gave (a weighted average price of four decimals: "1234.5678"), never rounded."""
    cents = value.quantize(Decimal("0.01"))
    return format(cents if cents == value else value.normalize(), "f")


def total_profit(matches: Iterable[Match]) -> Decimal:
    return sum((m.profit for m in matches), Decimal(0))


def short_swing_findings(filing: Filing, others: Iterable[Trade], ref: Hashable = None) -> list[Finding]:
    """SHORT-SWING: a P or S row of `filing` that matches an opposite trade of the same owner (filed, or in
    another draft) less than six months away, naming that filing and the potential profit."""
    rule = RULES["SHORT-SWING"]
    mine = trades_of(ref, filing, pending=True)
    if not mine:
        return []
    findings = []
    for found in match([*mine, *[t for t in others if t.ref != ref]]):
        own, other = (found.purchase, found.sale) if found.purchase.ref == ref else (found.sale, found.purchase)
        if own.ref != ref or other.ref == ref:
            continue
        what = "purchase" if other.buy else "sale"
        where = "a draft" if other.pending else "a filed form"
        findings.append(
            Finding(
                rule.id,
                rule.severity,
                f"{own.path}.coding",
                f"Section 16(b): this {'purchase' if own.buy else 'sale'} matches the {what} of "
                f"{found.shares:,} {other.title} at ${other.price} on {other.when:%m/%d/%Y} ({where}, draft "
                f"{other.ref}), less than six months apart: a potential short-swing profit of ${found.profit:,.2f} the "
                "issuer can recover. Check with counsel before filing.",
            )
        )
    return findings

"""Holdings arithmetic: each "amount owned following" should follow from the row before it.

Within a table, rows of the same security held the same way (D, or I with the same nature; in Table II
also the same exercise price, expiration and underlying security) form a running balance: the amount
owned after a transaction is the amount after the previous such transaction plus the shares acquired or
minus the shares disposed. A mismatch is the commonest real error on a Form 4, so it is a warning that
names both rows and the figure expected.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from form4_desktop.model import DerivativeTransaction, Filing, NonDerivativeTransaction
from form4_desktop.rules.boxes import cell
from form4_desktop.rules.catalog import RULES
from form4_desktop.rules.findings import Finding

_SPACES = re.compile(r"\s+")


def _normal(text: object) -> str:
    return _SPACES.sub(" ", str(text or "")).strip().casefold()


def _key(row: NonDerivativeTransaction | DerivativeTransaction) -> tuple:
    ownership = row.ownership
    kind = ownership.direct_or_indirect.value
    nature: tuple = ()
    if kind == "I" and ownership.nature_of_ownership:
        # "See footnote 3" and "See footnote 4" are different holders: the footnotes tell them apart.
        nature = (_normal(ownership.nature_of_ownership.value), tuple(ownership.nature_of_ownership.footnote_ids))
    key: tuple = (_normal(row.security_title.value), kind, nature, tuple(ownership.direct_or_indirect.footnote_ids))
    if isinstance(row, DerivativeTransaction):
        # Two grants of one derivative differ in price or dates, or only in the footnotes that give them.
        for box in (row.conversion_or_exercise_price, row.exercise_date, row.expiration_date):
            key += (box.value, tuple(box.footnote_ids))
        key += (_normal(row.underlying.title.value),)
    return key


def _day(row: NonDerivativeTransaction | DerivativeTransaction) -> date:
    value = row.transaction_date.value
    return value if isinstance(value, date) else date.max


def _fmt(value: Decimal) -> str:
    return f"{value:,}"


def _chain(form: str, table: str, rows: list[tuple[int, NonDerivativeTransaction | DerivativeTransaction]]
           ) -> list[Finding]:
    """The mismatches of one security's rows, taken in the order given."""
    rule = RULES["HOLDINGS-ARITHMETIC"]
    findings: list[Finding] = []
    before: tuple[int, Decimal] | None = None
    for index, row in rows:
        following = row.shares_owned_following.value if row.shares_owned_following else None
        shares = row.shares.value if row.shares else None
        direction = row.acquired_disposed.value
        if not isinstance(following, Decimal):
            before = None  # a value-only or footnote-only row breaks the chain
            continue
        if before is not None and isinstance(shares, Decimal) and direction in ("A", "D"):
            before_index, before_amount = before
            expected = before_amount + shares if direction == "A" else before_amount - shares
            if expected != following:
                path, label = cell(form, table, index, "shares_owned_following")
                verb, done = ("plus", "acquired") if direction == "A" else ("minus", "disposed")
                findings.append(Finding(
                    rule.id, rule.severity, path,
                    f"{label}: {_fmt(following)} does not follow from row {before_index + 1}: "
                    f"{_fmt(before_amount)} owned after row {before_index + 1}, {verb} {_fmt(shares)} {done} "
                    f"in row {index + 1}, gives {_fmt(expected)}.",
                ))
        before = (index, following)
    return findings


def holdings_arithmetic(filing: Filing) -> list[Finding]:
    findings: list[Finding] = []
    for table, rows in (("table_i", filing.table_i), ("table_ii", filing.table_ii)):
        groups: dict[tuple, list] = {}
        for index, row in enumerate(rows):
            if isinstance(row, (NonDerivativeTransaction, DerivativeTransaction)):
                groups.setdefault(_key(row), []).append((index, row))
        for group in groups.values():
            # Filers keep the balance in the table's order or in date order (a late-reported earlier trade
            # listed last); a chain that adds up in either order is right.
            in_table_order = _chain(filing.form, table, group)
            if in_table_order:
                in_date_order = _chain(filing.form, table, sorted(group, key=lambda item: (_day(item[1]), item[0])))
                findings += min(in_table_order, in_date_order, key=len)
    return findings

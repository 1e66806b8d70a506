"""Holdings arithmetic: each "amount owned following" should follow from the row before it.

Within a table, rows of the same security held the same way (D, or I with the same nature; in Table II
also the same exercise price, expiration and underlying security) form a running balance: the amount
owned after a transaction is the amount after the previous such transaction plus the shares acquired or
minus the shares disposed. A mismatch is the commonest real error on a Form 4, so it is a warning that
names both rows and the figure expected; where a footnote on the amount owned following explains it (an
ESPP purchase, a Rule 16a-13 change in the form of ownership), it is information that cites the footnote, and so
it is between rows of different days on a Form 5 or of Form 5 items reported early, where trades reported on
other forms may come between.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from form4_desktop.model import DerivativeTransaction, Filing, NonDerivativeTransaction
from form4_desktop.rules.boxes import cell
from form4_desktop.rules.catalog import RULES
from form4_desktop.rules.coding import direction
from form4_desktop.rules.findings import Finding
from form4_desktop.rules.notes import footnote_names

_SPACES = re.compile(r"\s+")
Row = NonDerivativeTransaction | DerivativeTransaction


def _normal(text: object) -> str:
    return _SPACES.sub(" ", str(text or "")).strip().casefold()


def _key(row: Row, nature_footnotes: bool = True) -> tuple:
    ownership = row.ownership
    kind = ownership.direct_or_indirect.value
    nature: tuple = ()
    if kind == "I" and ownership.nature_of_ownership:
        # "See footnote 3" and "See footnote 4" are different holders: the footnotes tell them apart.
        nature = (
            _normal(ownership.nature_of_ownership.value),
            tuple(ownership.nature_of_ownership.footnote_ids) if nature_footnotes else None,
        )
    key: tuple = (_normal(row.security_title.value), kind, nature, tuple(ownership.direct_or_indirect.footnote_ids))
    if isinstance(row, DerivativeTransaction):
        # Two grants of one derivative differ in price or dates, or only in the footnotes that give them.
        for box in (row.conversion_or_exercise_price, row.exercise_date, row.expiration_date):
            key += (box.value, tuple(box.footnote_ids))
        key += (_normal(row.underlying.title.value),)
    return key


def _day(row: Row) -> date:
    value = row.transaction_date.value
    return value if isinstance(value, date) else date.max


def _fmt(value: Decimal) -> str:
    return f"{value:,}"


def _chain(form: str, table: str, rows: list[tuple[int, Row]]) -> list[Finding]:
    """The mismatches of one security's rows, taken in the order given."""
    findings: list[Finding] = []
    before: tuple[int, Decimal] | None = None
    before_row: Row | None = None
    for index, row in rows:
        following = row.shares_owned_following.value if row.shares_owned_following else None
        shares = row.shares.value if row.shares else None
        way = direction(row)
        if not isinstance(following, Decimal):
            before = None  # a value-only or footnote-only row breaks the chain
            continue
        if before is not None and isinstance(shares, Decimal) and way is not None:
            before_index, before_amount = before
            expected = before_amount + shares if way == "A" else before_amount - shares
            # Less than nothing cannot be held: the rows are separate lots of one security (two grants with the
            # same terms, each exercised in full), not one balance.
            if expected != following and expected >= 0:
                apart = _reported_elsewhere_between(form, before_row, row)
                findings.append(
                    _mismatch(form, table, index, row, before_index, before_amount, shares, expected, apart)
                )
        before, before_row = (index, following), row
    return findings


def _reported_elsewhere_between(form: str, before: Row | None, row: Row) -> bool:
    """Rows of different days where the days between may hold trades reported on other forms: on a Form 5 (a
    year's items, the Form 4 trades between them not repeated), or where either row is a Form 5 item reported
    early (V) on a Form 4, with its holdings as of its own day."""
    if before is None or _day(before) == _day(row):
        return False
    form_5_item = any(other.coding is not None and other.coding.form_type == "5" for other in (before, row))
    return form == "5" or form_5_item


def _mismatch(
    form: str,
    table: str,
    index: int,
    row: Row,
    before_index: int,
    before_amount: Decimal,
    shares: Decimal,
    expected: Decimal,
    apart: bool = False,
) -> Finding:
    path, label = cell(form, table, index, "shares_owned_following")
    following = row.shares_owned_following.value if row.shares_owned_following else None
    assert isinstance(following, Decimal)
    verb, done = ("plus", "acquired") if direction(row) == "A" else ("minus", "disposed")
    message = (
        f"{label}: {_fmt(following)} does not follow from row {before_index + 1}: "
        f"{_fmt(before_amount)} owned after row {before_index + 1}, {verb} {_fmt(shares)} {done} "
        f"in row {index + 1}, gives {_fmt(expected)}."
    )
    notes = row.shares_owned_following.footnote_ids if row.shares_owned_following else []
    if notes:
        rule = RULES["HOLDINGS-ARITHMETIC-FOOTNOTED"]
        message += f" The box's footnote may explain the difference: see footnote {footnote_names(notes)}."
    elif apart:
        rule = RULES["HOLDINGS-ARITHMETIC-DATES"]
        message += (
            f" The two rows are of different days and {'on a Form 5' if form == '5' else 'one is a Form 5 item'}, "
            "each giving the holdings as of its own day: trades reported on other forms between them may explain "
            "the difference."
        )
    else:
        rule = RULES["HOLDINGS-ARITHMETIC"]
    return Finding(rule.id, rule.severity, path, message)


def _groups(rows: list) -> list[list[tuple[int, Row]]]:
    groups: dict[tuple, list[tuple[int, Row]]] = {}
    for index, row in enumerate(rows):
        if isinstance(row, (NonDerivativeTransaction, DerivativeTransaction)):
            groups.setdefault(_key(row), []).append((index, row))
    # An indirect row whose nature ("By Trust") lacks the footnote the other rows of that nature carry belongs
    # with them when they are the only such holder; with two ("By Trust" (3), "By Trust" (4)) it stays apart.
    for key in [key for key in groups if key[2] and key[2][1] == ()]:
        loose = _key(groups[key][0][1], nature_footnotes=False)
        others = [other for other in groups if other != key and _key(groups[other][0][1], False) == loose]
        if len(others) == 1:
            groups[others[0]] = sorted(groups[others[0]] + groups.pop(key), key=lambda item: item[0])
    return list(groups.values())


def holdings_arithmetic(filing: Filing) -> list[Finding]:
    findings: list[Finding] = []
    for table, rows in (("table_i", filing.table_i), ("table_ii", filing.table_ii)):
        for group in _groups(rows):
            # Filers keep the balance in the table's order or in date order (a late-reported earlier trade
            # listed last); a chain that adds up in either order is right.
            in_table_order = _chain(filing.form, table, group)
            if in_table_order:
                by_date = sorted(group, key=lambda item: (_day(item[1]), item[0]))
                in_date_order = _chain(filing.form, table, by_date)
                findings += in_date_order if len(in_date_order) < len(in_table_order) else in_table_order
    return findings

"""The Section 16(b) report of one owner in one issuer's securities, as the app shows it: the matched pairs and their
total exactly as `form4 short-swing` prints them (app.holdings.short_swing_report: filed and imported forms), and
what was not matched and why: each purchase or sale left (wholly or in part) without a pair, each row whose code
is not a purchase or sale for this report, P and S rows that lack a date, shares or a price, and the P and S rows
of drafts not yet filed (which the pre-clearance what-if counts, and the report does not)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from form4_desktop.app.holdings import short_swing_report, trades
from form4_desktop.model import DerivativeTransaction, NonDerivativeTransaction
from form4_desktop.rules.short_swing import NOT_MATCHED_NOTE, Match, Trade, total_profit, within_six_months
from form4_desktop.store import DraftStore

DERIVATIVE_NOTE = (
    "Derivative-to-underlying matching is not done automatically: an option or other derivative bought or sold "
    "is matched only with the same derivative (title, exercise price and expiration), never with the common stock "
    "it converts into. Match those by hand, with counsel."
)


@dataclass(frozen=True)
class NotMatched:
    """Rows of one form that are in no pair (or a row only in part), for one reason: a form's many sales at the
    market, each its own row, are one line of the report."""

    draft_id: object
    rows: tuple[str, ...]  # field paths: table_i[2], ...
    code: str
    first: date | None  # the earliest and latest transaction date of the rows
    last: date | None
    title: str
    shares: Decimal | None  # the shares left without a pair, in all
    low: Decimal | None  # the lowest and highest price of the rows
    high: Decimal | None
    why: str


def _grouped(items: list[tuple[object, str, str, date | None, str, Decimal | None, Decimal | None, str]]) -> list:
    """(draft, row, code, date, title, shares, price, why) tuples as NotMatched lines: one per draft, code,
    security and reason, in the order of their first date."""
    groups: dict[tuple, list] = {}
    for draft_id, row, code, when, title, shares, price, why in items:
        groups.setdefault((draft_id, code, title, why), []).append((row, when, shares, price))
    lines = []
    for (draft_id, code, title, why), rows in groups.items():
        days = [when for _, when, _, _ in rows if when is not None]
        prices = [price for *_, price in rows if price is not None]
        counts = [shares for _, _, shares, _ in rows if shares is not None]
        lines.append(
            NotMatched(
                draft_id,
                tuple(row for row, *_ in rows),
                code,
                min(days, default=None),
                max(days, default=None),
                title,
                sum(counts, Decimal(0)) if counts else None,
                min(prices, default=None),
                max(prices, default=None),
                why,
            )
        )
    return sorted(lines, key=lambda line: (line.first or date.max, str(line.draft_id), line.rows))


@dataclass(frozen=True)
class ShortSwingReport:
    matches: list[Match]
    total: Decimal
    not_matched: list[NotMatched]
    note: str = NOT_MATCHED_NOTE
    derivative_note: str = DERIVATIVE_NOTE


def _why_left(trade: Trade, left: Decimal, everything: list[Trade]) -> str:
    said = _reason(trade, left, everything)
    return said[0].upper() + said[1:]


def _reason(trade: Trade, left: Decimal, everything: list[Trade]) -> str:
    mine, other = ("purchase", "sale") if trade.buy else ("sale", "purchase")
    near = [
        t
        for t in everything
        if t.buy != trade.buy and t.security == trade.security and within_six_months(t.when, trade.when)
    ]
    part = "" if left == trade.shares else f"{left:,f} of the {trade.shares:,f} shares: "
    if not near:
        same = "the same derivative security" if trade.security[0] == "II" else "the same security"
        return f"{part}no {other} of {same} less than six months before or after the {mine}."
    profitable = [t for t in near if (t.price > trade.price if trade.buy else t.price < trade.price)]
    if not profitable:
        side = "higher" if trade.buy else "lower"
        return (
            f"{part}no {other} less than six months away was at a {side} price than the {mine}: no profit to "
            "match (losses are not matched)."
        )
    return (
        f"{part}the {other}s at a {'higher' if trade.buy else 'lower'} price less than six months away were "
        f"already matched with {mine}s giving a wider spread (lowest price in, highest price out)."
    )


def report(store: DraftStore, owner_cik: str, issuer_cik: str) -> ShortSwingReport:
    """The owner's 16(b) report in the issuer's securities (the pairs `form4 short-swing` prints), with what
    was not matched and why."""
    matches = short_swing_report(store, owner_cik, issuer_cik)
    filed = trades(store, owner_cik, issuer_cik)
    used: dict[Trade, Decimal] = {}
    for pair in matches:
        for side in (pair.purchase, pair.sale):
            used[side] = used.get(side, Decimal(0)) + pair.shares
    not_matched: list[tuple] = []
    for trade in filed:
        left = trade.shares - used.get(trade, Decimal(0))
        if left > 0:
            code = "P" if trade.buy else "S"
            why = _why_left(trade, left, filed)
            not_matched.append((trade.ref, trade.path, code, trade.when, trade.title, left, trade.price, why))
    matchable = {(t.ref, t.path) for t in filed}
    for row in store.ledger_filings(owner_cik, issuer_cik):
        pending = row.status != "filed"
        for table in ("table_i", "table_ii"):
            for number, entry in enumerate(getattr(row.filing, table)):
                if not isinstance(entry, (NonDerivativeTransaction, DerivativeTransaction)):
                    continue
                path = f"{table}[{number}]"
                code = entry.coding.code if entry.coding is not None else ""
                when = entry.transaction_date.value if isinstance(entry.transaction_date.value, date) else None
                shares = entry.shares.value if entry.shares is not None else None
                price = entry.price_per_share.value
                title = entry.security_title.value or ""
                if (row.id, path) in matchable:
                    continue
                if pending:
                    if code not in ("P", "S"):
                        continue
                    why = (
                        "in a draft not yet filed: the report matches filed and imported forms only (the "
                        "pre-clearance what-if counts drafts too)."
                    )
                elif code in ("P", "S"):
                    missing = [
                        name
                        for name, value in (("date", when), ("number of shares", shares), ("price", price))
                        if value is None
                    ]
                    why = f"no {' or '.join(missing)} on the form: it cannot be matched; work it out by hand."
                else:
                    why = _exempt(code, table)
                not_matched.append((row.id, path, code, when, title, shares, price, why))
    return ShortSwingReport(matches, total_profit(matches), _grouped(not_matched))


_CODES = {
    "A": "a grant or award from the issuer (exempt under Rule 16b-3(d))",
    "D": "a disposition to the issuer (exempt under Rule 16b-3(e))",
    "F": "shares withheld or delivered for the exercise price or tax (exempt under Rule 16b-3(e))",
    "M": "an exercise or conversion of a derivative security (Rule 16b-3 or 16b-6(b))",
    "X": "an exercise of an in-the-money derivative (Rule 16b-6(b))",
    "O": "an exercise of an out-of-the-money derivative (Rule 16b-6(b))",
    "C": "a conversion of a derivative security (Rule 16b-6(b))",
    "G": "a bona fide gift, not a purchase or sale",
    "W": "an acquisition or disposition by will or the laws of descent (exempt under Rule 16b-5)",
    "I": "a discretionary transaction (exempt under Rule 16b-3(f))",
    "J": "another acquisition or disposition: whether it is a purchase or sale depends on its footnote",
}


def _exempt(code: str, table: str) -> str:
    said = _CODES.get(code, f"code {code or '(none)'}: not an open-market or private purchase or sale")
    hint = " Check with counsel whether it is matchable." if code in ("J", "") else ""
    return f"{said[0].upper()}{said[1:]}; only P and S rows are matched.{hint}" + (
        " A derivative is never matched with its underlying stock." if table == "table_ii" and code in ("M",) else ""
    )

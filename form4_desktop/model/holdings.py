"""The holdings ledger: what a reporting owner holds of an issuer's securities, position by position, carried
across their filings (a pure function of the filings: no store, no Qt).

A position is one security held one way: Table I by title, direct or indirect, and the nature of an indirect
holding; Table II also by exercise price, expiration date and underlying security. Titles and natures are matched
without regard to case, spacing and punctuation ("By Trust", "by trust", "By  Trust." are one nature), and a
user's merges ("Common Stock, par value $0.001" is "Common Stock") are applied first.

Each row of each filing is an entry. A holding row (and a Form 3 row) *sets* its position; a transaction *moves*
it by its shares, (A) up and (D) down. The filer's own "amount owned following" is what the position then is:
the ledger follows what was reported, and where that differs from the position before ± the shares, the entry is
a *break* (`Entry.expected` says what the chain would have given), which is what the user must look at. Entries
are ordered by transaction date (holdings by the period of report), then by the date the filing was filed, then
by row. An amendment's rows replace the rows of its original that they restate (same date, code, security and
ownership); a row of the amendment that matches none is added, one that matches several is an `ambiguity`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Hashable, Iterable

from form4_desktop.model.filing import (
    DerivativeHolding,
    DerivativeTransaction,
    Filing,
    NonDerivativeHolding,
    NonDerivativeTransaction,
)

_NOT_WORD = re.compile(r"[^0-9a-z]+")


@functools.lru_cache(maxsize=4096)
def normalized(text: str | None) -> str:
    """A title or nature as it is matched: lower case, letters and digits, one space between words."""
    return _NOT_WORD.sub(" ", (text or "").lower()).strip()


@dataclass(frozen=True, order=True)
class PositionKey:
    table: str  # "I" or "II"
    security: str  # normalized title (after the user's merges)
    ownership: str  # "D" or "I"
    nature: str  # normalized nature of an indirect holding; "" when direct
    exercise_price: Decimal | None = None  # Table II only
    expiration: date | None = None
    underlying: str = ""


@dataclass(frozen=True)
class LedgerFiling:
    """One filing as the ledger sees it: `ref` names it for the caller (a draft id), `filed_on` is when it was
    filed (None for a draft not yet filed: it is pending), `amends` the ref of the filing it amends, if known."""

    ref: Hashable
    filing: Filing
    filed_on: date | None = None
    amends: Hashable | None = None
    token: Hashable | None = None  # names this exact content for good (draft id and revision): its rows are kept

    @property
    def pending(self) -> bool:
        return self.filed_on is None


@dataclass(slots=True)
class Entry:
    key: PositionKey
    ref: Hashable  # the filing's
    table: str  # "table_i" or "table_ii"
    row: int  # the row's index in its table
    when: date | None  # transaction date, or the period of report for a holding
    filed_on: date | None
    title: str  # as written in the filing
    nature: str  # as written
    change: Decimal | None  # signed shares moved (None for a holding)
    reported: Decimal | None  # the filing's "owned following"
    before: Decimal | None = None  # the position before this entry (None: the ledger did not know it)
    expected: Decimal | None = None  # before ± change, for a transaction after a known position
    code: str = ""
    pending: bool = False

    @property
    def after(self) -> Decimal | None:
        """The position after this entry: what the filer reported, else what the chain gives."""
        return self.reported if self.reported is not None else self.expected

    @property
    def is_break(self) -> bool:
        """The reported amount does not follow from the position before and the shares moved."""
        return self.expected is not None and self.reported is not None and self.expected != self.reported

    @property
    def path(self) -> str:
        return f"{self.table}[{self.row}].shares_owned_following"


@dataclass
class Position:
    key: PositionKey
    title: str  # the title last written for it
    nature: str
    amount: Decimal | None
    as_of: date | None  # the date of the entry that last set it
    entries: list[Entry] = field(default_factory=list)


@dataclass(frozen=True)
class Ambiguity:
    """An amendment row that restates more than one row of its original: the user says which."""

    amendment: Hashable
    original: Hashable
    row: int  # the amendment's row (table_i/table_ii in `table`)
    table: str
    candidates: tuple[int, ...]


def _key(row, table: str, merges: dict[str, str]) -> PositionKey:
    title = normalized(row.security_title.value)
    title = merges.get(title, title)
    direct = (row.ownership.direct_or_indirect.value or "D").upper()
    nature = normalized(row.ownership.nature_of_ownership.value if row.ownership.nature_of_ownership else "")
    nature = "" if direct == "D" else nature
    if table == "table_i":
        return PositionKey("I", title, direct, nature)
    underlying = normalized(row.underlying.title.value)
    return PositionKey(
        "II",
        title,
        direct,
        nature,
        row.conversion_or_exercise_price.value,
        row.expiration_date.value,
        merges.get(underlying, underlying),
    )


# The entries of filings already read, by the token the caller gives for a content that never changes (the
# store's draft id and revision): a rebuild after a save reads only what changed. Without a token nothing is kept.
_ENTRIES: dict[tuple[Hashable, tuple], list[Entry]] = {}


def entries_of(item: LedgerFiling, merges: dict[str, str] | None = None) -> list[Entry]:
    """The entries of one filing, in its row order (fresh objects: build() fills in their chain)."""
    merged = tuple(sorted((merges or {}).items()))
    found = _ENTRIES.get((item.token, merged)) if item.token is not None else None
    if found is None:
        found = _entries_of(item.filing, merges or {})
        if item.token is not None:
            if len(_ENTRIES) > 50_000:
                _ENTRIES.clear()
            _ENTRIES[(item.token, merged)] = found
    return [
        Entry(
            e.key,
            item.ref,
            e.table,
            e.row,
            e.when,
            item.filed_on,
            e.title,
            e.nature,
            e.change,
            e.reported,
            code=e.code,
            pending=item.pending,
        )
        for e in found
    ]


def _entries_of(filing: Filing, merges: dict[str, str]) -> list[Entry]:
    item = LedgerFiling(None, filing)
    filing = item.filing
    found = []
    for table in ("table_i", "table_ii"):
        for number, row in enumerate(getattr(filing, table)):
            following = row.shares_owned_following.value if row.shares_owned_following else None
            nature = row.ownership.nature_of_ownership.value if row.ownership.nature_of_ownership else ""
            entry = Entry(
                _key(row, table, merges),
                item.ref,
                table,
                number,
                filing.period_of_report,
                item.filed_on,
                row.security_title.value or "",
                nature or "",
                None,
                following,
                pending=item.pending,
            )
            if isinstance(row, (NonDerivativeTransaction, DerivativeTransaction)):
                traded = row.transaction_date.value
                entry.when = traded if isinstance(traded, date) else filing.period_of_report
                shares = row.shares.value if row.shares is not None else None
                if isinstance(shares, Decimal):
                    sign = -1 if (row.acquired_disposed.value or "").upper() == "D" else 1
                    entry.change = shares * sign
                entry.code = row.coding.code if row.coding else ""
            elif not isinstance(row, (NonDerivativeHolding, DerivativeHolding)):  # pragma: no cover
                continue
            found.append(entry)
    return found


def _restates(amendment: Entry, original: Entry) -> bool:
    return (
        amendment.when,
        amendment.code,
        amendment.key.table,
        amendment.key.security,
        amendment.key.ownership,
        amendment.key.nature,
    ) == (
        original.when,
        original.code,
        original.key.table,
        original.key.security,
        original.key.ownership,
        original.key.nature,
    )


def _original_of(item: LedgerFiling, items: list[LedgerFiling]) -> LedgerFiling | None:
    """The filing an amendment amends: the one it names, else the one filed on its box 4 date (or, failing that,
    the latest earlier one) with the same form and period of report."""
    if item.amends is not None:
        return next((other for other in items if other.ref == item.amends), None)
    filing = item.filing
    same = [
        other
        for other in items
        if other is not item
        and not other.filing.is_amendment
        and other.filing.form == filing.form
        and other.filing.period_of_report == filing.period_of_report
    ]
    exact = [other for other in same if other.filed_on and other.filed_on == filing.date_of_original_submission]
    candidates = exact or same
    return candidates[-1] if candidates else None


def _sort_key(entry: Entry) -> tuple:
    return (entry.pending, entry.when or date.min, entry.filed_on or date.max, str(entry.ref), entry.table, entry.row)


def _order(key: PositionKey) -> tuple:
    return (
        key.table,
        key.security,
        key.ownership,
        key.nature,
        key.exercise_price is not None,
        key.exercise_price or Decimal(0),
        key.expiration is not None,
        key.expiration or date.min,
        key.underlying,
    )


@dataclass
class Ledger:
    entries: list[Entry]
    ambiguities: list[Ambiguity]
    _last: dict[PositionKey, Decimal] | None = field(default=None, repr=False, compare=False)

    def positions(self, as_of: date | None = None, *, pending: bool = False) -> list[Position]:
        """Every position (as of the end of `as_of`, if given), ordered by table, security and ownership; the
        pending entries of drafts count only with `pending`."""
        result: dict[PositionKey, Position] = {}
        for entry in self.entries:
            if entry.pending and not pending:
                continue
            if as_of is not None and entry.when is not None and entry.when > as_of:
                continue
            position = result.get(entry.key)
            if position is None:
                position = result[entry.key] = Position(entry.key, entry.title, entry.nature, None, None)
            position.entries.append(entry)
            if entry.after is not None:
                position.amount, position.as_of = entry.after, entry.when
            position.title, position.nature = entry.title or position.title, entry.nature or position.nature
        # None (no exercise price or expiration) sorts first; comparing it with a value would fail.
        return sorted(result.values(), key=lambda position: _order(position.key))

    def position(self, key: PositionKey, before: tuple | None = None) -> Decimal | None:
        """The amount of a position before an entry's place in the order (or at the end), drafts left out."""
        if before is None:
            if self._last is None:
                self._last = {}
                for entry in self.entries:
                    if not entry.pending and entry.after is not None:
                        self._last[entry.key] = entry.after
            return self._last.get(key)
        amount = None
        for entry in self.entries:
            if entry.pending:
                continue
            if before is not None and _sort_key(entry) >= before:
                break
            if entry.key == key and entry.after is not None:
                amount = entry.after
        return amount

    def breaks(self, *, pending: bool = True) -> list[Entry]:
        """Entries whose reported amount does not follow from the position before them."""
        return [entry for entry in self.entries if entry.is_break and (pending or not entry.pending)]


def build(items: Iterable[LedgerFiling], merges: dict[str, str] | None = None) -> Ledger:
    """The ledger of one reporting owner's filings for one issuer (filed, imported and pending drafts)."""
    items = list(items)
    merges = {normalized(k): normalized(v) for k, v in (merges or {}).items()}
    per_filing = {item.ref: entries_of(item, merges) for item in items}
    ambiguities = []
    # Amendments, oldest first: each one's rows replace the rows of its original they restate.
    for item in sorted((i for i in items if i.filing.is_amendment), key=lambda i: (i.filed_on or date.max, str(i.ref))):
        original = _original_of(item, items)
        amended = per_filing.pop(item.ref)
        if original is None or original.ref not in per_filing:
            per_filing[item.ref] = amended
            continue
        kept = list(per_filing[original.ref])
        added = []
        for entry in amended:
            matches = [n for n, old in enumerate(kept) if old is not None and _restates(entry, old)]
            if len(matches) > 1:
                ambiguities.append(Ambiguity(item.ref, original.ref, entry.row, entry.table, tuple(matches)))
            if matches:
                kept[matches[0]] = None  # type: ignore[call-overload]
            added.append(replace(entry, filed_on=entry.filed_on or original.filed_on))
        per_filing[original.ref] = [old for old in kept if old is not None] + added
    entries = sorted((entry for found in per_filing.values() for entry in found), key=_sort_key)
    # The chain: each entry's position before, and what a transaction should leave.
    known: dict[PositionKey, Decimal] = {}
    for entry in entries:
        before = known.get(entry.key)
        entry.before = before
        if entry.change is not None and before is not None:
            entry.expected = before + entry.change
        after = entry.after
        if after is not None:
            known[entry.key] = after
    return Ledger(entries, ambiguities)


def propose_following(ledger: Ledger, key: PositionKey, change: Decimal | None) -> Decimal | None:
    """What a new row's "amount owned following" should be: the position now ± its shares (None when unknown)."""
    amount = ledger.position(key)
    if amount is None:
        return None
    return amount + (change or Decimal(0))


def position_key(row, table: str, merges: dict[str, str] | None = None) -> PositionKey:
    """The position a table row belongs to."""
    return _key(row, table, {normalized(k): normalized(v) for k, v in (merges or {}).items()})


def corrections(ledger: Ledger, changed_ref: Hashable) -> list[tuple[Entry, Decimal]]:
    """After filing `changed_ref` (an amendment) changed positions: every later entry of those positions whose
    reported amount no longer follows, with the amount it should say (the chain carried on from the amendment
    through each later transaction, until a holding row sets the position afresh)."""
    result = []
    carried: dict[PositionKey, Decimal] = {}
    for entry in ledger.entries:
        if entry.ref == changed_ref:
            if entry.after is not None:
                carried[entry.key] = entry.after
            continue
        if entry.key not in carried:
            continue
        if entry.change is None:  # a holding row states the position: the chain starts again from it
            del carried[entry.key]
            continue
        should = carried[entry.key] + entry.change
        carried[entry.key] = should
        if entry.reported is not None and entry.reported != should:
            result.append((entry, should))
    return result


def draft_chain(
    ledger: Ledger, filing: Filing, merges: dict[str, str] | None = None
) -> list[tuple[str, int, PositionKey, Decimal | None, Decimal | None]]:
    """For each row of a draft, in the order the ledger would place them: (table, row, position, the amount
    before the row as the ledger and the draft's earlier rows give it, the amount the row should leave)."""
    rows = []
    for table in ("table_i", "table_ii"):
        for number, row in enumerate(getattr(filing, table)):
            traded = getattr(row, "transaction_date", None)
            when = traded.value if traded is not None and isinstance(traded.value, date) else filing.period_of_report
            rows.append((when or date.max, table, number, row))
    rows.sort(key=lambda item: (item[0], item[1], item[2]))
    known: dict[PositionKey, Decimal | None] = {}
    result = []
    for _, table, number, row in rows:
        key = position_key(row, table, merges)
        before = known[key] if key in known else ledger.position(key)
        should: Decimal | None
        if isinstance(row, (NonDerivativeTransaction, DerivativeTransaction)):
            shares = row.shares.value if row.shares is not None else None
            sign = -1 if (row.acquired_disposed.value or "").upper() == "D" else 1
            should = before + shares * sign if before is not None and isinstance(shares, Decimal) else None
        else:
            should = before
        result.append((table, number, key, before, should))
        reported = row.shares_owned_following.value if row.shares_owned_following else None
        known[key] = reported if reported is not None else should
    return result


def propose_for_row(ledger: Ledger, filing: Filing, table: str, row: int, merges=None) -> Decimal | None:
    """The "amount owned following" to propose for a draft's row: the position before it ± its shares."""
    for found_table, number, _, _, should in draft_chain(ledger, filing, merges):
        if (found_table, number) == (table, row):
            return should
    return None

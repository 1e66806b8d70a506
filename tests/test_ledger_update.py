"""The holdings ledger kept across saves (issue 14 item 7): build() keeps the filed filings' part while they stay
the same and puts the drafts' rows in it, instead of building the whole history again on every save; a form marked
filed or imported is put into the kept part. It must give exactly what building it whole gives (build_whole), on
every real history of the corpus, with drafts, draft amendments (one or two of the same filing, of a filed
amendment's original), filed amendments, an amendment whose original may be a draft (built whole), and filings
added one at a time, at the end or in the middle of the history (a late Form 4)."""

from __future__ import annotations

import copy
import random
from datetime import date, timedelta
from decimal import Decimal

import pytest

from form4_desktop.model import Footnoted
from form4_desktop.model import holdings as model_holdings
from form4_desktop.model.holdings import LedgerFiling, build, build_whole
from test_ledger_corpus import HISTORIES, _filings_of


@pytest.fixture(autouse=True)
def _nothing_kept():
    model_holdings._ENTRIES.clear()
    model_holdings._FILED_PARTS.clear()
    yield
    model_holdings._FILED_PARTS.clear()


def _said(ledger) -> tuple:
    """Everything a ledger says, by value: entries in order with their chain, ambiguities, replaced rows, the
    drafts' entries, the index of filed rows that set a position, each position's rows and the draft amendments."""

    def row(entry):
        return (entry.ref, entry.table, entry.row, entry.key, entry.when, entry.rank, entry.before, entry.expected)

    def full(entry):
        return (*row(entry), entry.pending, entry.superseded_by, entry.reported, entry.change, entry.filed_on)

    ledger_keys = sorted({entry.key for entry in ledger.entries}, key=repr)

    return (
        [full(entry) for entry in ledger.entries],
        [(a.amendment, a.original, a.table, a.row, a.candidates) for a in ledger.ambiguities],
        {ref: [row(entry) for entry in rows] for ref, rows in ledger.replaced.items()},
        [full(entry) for entry in ledger.pending_entries()],
        {key: (places, [full(entry) for entry in rows]) for key, (places, rows) in ledger._filed().items()},
        [(p.key, p.amount, p.as_of) for p in ledger.positions(pending=True)],
        [row(entry) for entry in ledger.breaks()],
        {key: (ledger.rows_of(key)[0], [full(entry) for entry in ledger.rows_of(key)[1]]) for key in ledger_keys},
        ledger.amending(),
    )


def _items(owner: str, issuer: str) -> list[LedgerFiling]:
    filings = [filing for _, filing in _filings_of(owner, issuer)]
    filings.sort(key=lambda f: (f.period_of_report or date.min, f.document_type))
    return [
        LedgerFiling(n, filing, (filing.period_of_report or date(2000, 1, 1)) + timedelta(days=2), token=("t", n))
        for n, filing in enumerate(filings, start=1)
    ]


def _changed(item: LedgerFiling, ref: int, filed_on: date | None, amends=None, token=True) -> LedgerFiling:
    """An amendment of `item`: its first row with one share more owned following."""
    filing = copy.deepcopy(item.filing)
    filing.document_type = filing.form + "/A"
    filing.date_of_original_submission = item.filed_on
    for table in ("table_i", "table_ii"):
        for found in getattr(filing, table)[:1]:
            if found.shares_owned_following is not None and found.shares_owned_following.value is not None:
                found.shares_owned_following = Footnoted(found.shares_owned_following.value + Decimal(1))
    return LedgerFiling(ref, filing, filed_on, amends, ("t", ref, "a") if token else None)


def _pending(item: LedgerFiling) -> LedgerFiling:
    return LedgerFiling(item.ref, item.filing, None, item.amends, (*item.token, "draft"))


def _same(items: list[LedgerFiling]) -> None:
    whole = _said(build_whole(items))
    assert _said(build(items)) == whole
    assert _said(build(items)) == whole  # again, from the filed part kept


@pytest.mark.parametrize("pair", sorted(HISTORIES), ids=lambda pair: f"{pair[0]}-{pair[1]}")
def test_the_kept_ledger_is_the_whole_ledger_on_every_real_history(pair):
    items = _items(*pair)
    middle = items[len(items) // 2]
    last = max(item.ref for item in items)
    rng = random.Random(hash(pair) & 0xFFFF)
    _same(items)  # all filed
    _same([_pending(item) if n % 3 == 2 else item for n, item in enumerate(items)])  # some drafts among them
    after = copy.deepcopy(items[-1].filing)  # the usual new Form 4: a draft dated after every filing
    after.period_of_report = (after.period_of_report or date(2000, 1, 1)) + timedelta(days=30)
    for found in after.table_i + after.table_ii:
        if getattr(found, "transaction_date", None) is not None and isinstance(found.transaction_date.value, date):
            found.transaction_date = Footnoted(found.transaction_date.value + timedelta(days=30))
    _same(items + [LedgerFiling(last + 7, after, None, token=("t", last + 7))])
    # A draft amendment of a middle filing; then a second of the same filing; with a filed amendment of it first.
    first = _changed(middle, last + 1, None, amends=middle.ref)
    _same(items + [first])
    second = _changed(middle, last + 2, None, amends=middle.ref)
    _same(items + [first, second])
    filed = _changed(middle, last + 3, middle.filed_on + timedelta(days=5), amends=middle.ref)
    _same(items + [filed, first])
    _same(items + [filed])
    # An amendment naming no original (found by form and period), filed, with a draft of the same form and period:
    # its original may be the draft (built whole).
    unnamed = _changed(middle, last + 4, middle.filed_on + timedelta(days=5))
    unnamed.filing.date_of_original_submission = None  # no filing date to match: the last of that form and period
    twin = LedgerFiling(last + 5, copy.deepcopy(middle.filing), None, token=("t", last + 5))
    _same(items + [unnamed, twin])
    _same(items + [unnamed])
    # A draft amendment whose original is not here (its rows go where box 4 says) and drafts in random places.
    orphan = _changed(middle, last + 6, None)
    orphan.filing.period_of_report = date(1999, 1, 1)
    _same(items + [orphan])
    picked = rng.sample(items, k=min(3, len(items)))
    _same([_pending(item) if item in picked else item for item in items] + [first])


def test_the_filed_part_kept_is_never_changed_by_a_draft_amendments_ledger():
    items = _items("1494730", "1318605")
    middle = items[len(items) // 2]
    amendment = _changed(middle, 999, None, amends=middle.ref)
    plain = _said(build(items))
    with_draft = build(items + [amendment])
    assert [e.superseded_by for e in with_draft.entries if e.ref == middle.ref] == [999] * len(
        [e for e in with_draft.entries if e.ref == middle.ref and e.superseded_by]
    )
    assert any(e.superseded_by == 999 for e in with_draft.entries)
    assert _said(build(items)) == plain  # the filed part kept still has no row superseded
    [part] = model_holdings._FILED_PARTS.values()
    assert not any(e.superseded_by for e in part.entries)


def test_a_save_of_a_draft_builds_only_the_drafts_rows(monkeypatch):
    """The filed part is made once; a changed draft (a new token) does not make it again, nor does marking it
    filed."""
    items = _items("1494730", "1318605")
    made = []
    real = model_holdings._make_filed_part
    monkeypatch.setattr(model_holdings, "_make_filed_part", lambda *a: made.append(1) or real(*a))
    draft = _pending(items[-1])
    build(items[:-1] + [draft])
    for version in range(3):  # saved three times
        draft = LedgerFiling(draft.ref, draft.filing, None, token=("t", draft.ref, "v", version))
        build(items[:-1] + [draft])
    assert made == [1]
    _same(items)  # the draft marked filed: put into the kept part, not made again
    assert made == [1]
    _same(items[:-2] + items[-1:])  # one filing fewer (a filed form deleted): made again
    assert made == [1, 1]


def test_a_filing_date_recorded_later_is_not_read_from_the_part_kept():
    """`form4 import --filed-on` records a date on a filing whose content (its token) stays the same."""
    items = _items("1222287", "1441816")
    build(items)
    moved = [LedgerFiling(i.ref, i.filing, i.filed_on + timedelta(days=400), token=i.token) for i in items[:1]]
    _same(moved + items[1:])


@pytest.mark.parametrize("pair", sorted(HISTORIES), ids=lambda pair: f"{pair[0]}-{pair[1]}")
def test_a_filing_added_to_the_kept_part_is_the_whole_ledger(pair, monkeypatch):
    """Each filing filed in turn (the kept part of the others extended, not made again); then one from the middle of
    the history filed last (a late one, before rows filed since), and an amendment (made again)."""
    items = _items(*pair)
    made = []
    real = model_holdings._make_filed_part
    monkeypatch.setattr(model_holdings, "_make_filed_part", lambda *a: made.append(1) or real(*a))
    for count in range(1, len(items) + 1):
        _same(items[:count])
    assert len(made) == 1 + sum(1 for item in items[1:] if item.filing.is_amendment)
    middle = len(items) // 2
    model_holdings._FILED_PARTS.clear()
    build(items[:middle] + items[middle + 1 :])
    made.clear()
    _same(items)  # the middle one filed late
    assert made == ([] if not items[middle].filing.is_amendment else [1])
    # A draft amendment on top of the extended part: of the late one, and of those after it (whose rows the late
    # one may have chained again).
    for later in items[middle : middle + 4]:
        _same(items + [_changed(later, 999, None, amends=later.ref)])
    # A filed amendment: its original's rows are replaced, so the part is made again.
    made.clear()
    _same(items + [_changed(items[middle], 998, items[-1].filed_on + timedelta(days=1), amends=items[middle].ref)])
    assert made == [1]


def test_a_late_filing_added_to_the_kept_part_moves_the_row_after_it_only_in_the_new_part():
    """A purchase of 1,000 filed late, dated before a Form 4 whose transaction has no amount owned following: that
    row's chain changes (a copy in the new part), the kept part's row stays as it was."""
    history = [
        LedgerFiling(1, _simple(date(2023, 1, 9), 1000, "A", 200000), date(2023, 1, 11), token=("t", 1)),
        LedgerFiling(3, _simple(date(2023, 6, 1), 500, "S", None), date(2023, 6, 2), token=("t", 3)),
    ]
    before = build(history)
    [_, sale] = before.entries
    assert (sale.before, sale.expected) == (Decimal(200000), Decimal(199500))
    late = LedgerFiling(2, _simple(date(2023, 3, 1), 1000, "P", 201000), date(2023, 7, 1), token=("t", 2))
    _same(history + [late])
    after = build(history + [late])
    assert [(e.ref, e.before, e.expected) for e in after.entries] == [
        (1, None, None),
        (2, Decimal(200000), Decimal(201000)),
        (3, Decimal(201000), Decimal(200500)),
    ]
    assert (sale.before, sale.expected) == (Decimal(200000), Decimal(199500))  # the kept part's row untouched
    assert [e.after for e in before.positions()[0].entries] == [Decimal(200000), Decimal(199500)]
    # A draft amendment of the Form 4 whose row was chained again supersedes that row, not the kept one.
    amendment = _changed(history[1], 9, None, amends=3)
    _same(history + [late, amendment])
    assert [(e.ref, e.superseded_by) for e in build(history + [late, amendment]).entries] == [
        (1, None),
        (2, None),
        (3, 9),
        (9, None),
    ]


def test_a_filing_whose_first_row_leaves_the_position_as_it_was_still_chains_its_later_row():
    """A late Form 4 of two purchases: on 03/01 (the filer said 200,000 after it: a break, the position stays) and on
    09/01, after the sale of 06/01 filed before it: its second row starts from 199,500."""
    history = [
        LedgerFiling(1, _simple(date(2023, 1, 9), 1000, "A", 200000), date(2023, 1, 11), token=("t", 1)),
        LedgerFiling(3, _simple(date(2023, 6, 1), 500, "S", 199500), date(2023, 6, 2), token=("t", 3)),
    ]
    build(history)
    late = _simple(date(2023, 3, 1), 1000, "P", 200000)
    second = copy.deepcopy(late.table_i[0])
    second.transaction_date = Footnoted(date(2023, 9, 1))
    second.shares = Footnoted(Decimal(100))
    second.shares_owned_following = Footnoted(Decimal(199600))
    late.table_i.append(second)
    items = history + [LedgerFiling(2, late, date(2023, 9, 5), token=("t", 2))]
    _same(items)
    assert [(e.ref, e.row, e.before, e.expected) for e in build(items).entries][-1] == (
        2,
        1,
        Decimal(199500),
        Decimal(199600),
    )


def test_a_late_filing_before_a_row_without_an_amount_lets_that_row_set_the_position():
    """A sale of 500 on 06/01 with no amount owned following and nothing before it: the ledger cannot tell what
    it left. The grant of 01/09 (200,000 after it) filed late gives it: 199,500, the position a new row starts from."""
    sale = LedgerFiling(3, _simple(date(2023, 6, 1), 500, "S", None), date(2023, 6, 2), token=("t", 3))
    assert build([sale]).position(build([sale]).entries[0].key) is None
    grant = LedgerFiling(1, _simple(date(2023, 1, 9), 1000, "A", 200000), date(2023, 7, 11), token=("t", 1))
    _same([sale, grant])
    ledger = build([sale, grant])
    assert ledger.position(ledger.entries[0].key) == Decimal(199500)
    assert ledger.last_entry(ledger.entries[0].key).ref == 3


def _simple(when: date, shares: int, code: str, owned):
    from test_holdings import _filing

    filing = _filing(when, shares, code, owned or 0)
    if owned is None:
        filing.table_i[0].shares_owned_following = None
    return filing

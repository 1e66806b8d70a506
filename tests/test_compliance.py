"""The compliance desk (issue 15): the Item 405 register, the Form 5 sweep, `form4 due --store` and the
pre-clearance what-if, on hand-worked cases (the answer worked by hand in each comment) and on real insiders of the
corpus (tests/data/corpus). Dates are judged on EDGAR's calendar (rules.closures): July 4, 2024 was a Thursday.

Law behind the expected answers:
- Form 4: before the end of the second business day after the transaction (Rule 16a-3(g)(1)); Form 5: within 45
  days after the fiscal year end (Rule 16a-3(f)); after 10 p.m. Eastern a filing is filed the next business day
  (Regulation S-T Rule 13(a)(4)).
- Item 405(a) of Regulation S-K (17 CFR 229.405): per delinquent insider, "the number of late reports, the number
  of transactions that were not reported on a timely basis, and any known failure to file a required form".
- A gift given on or after 02/27/2023 is due on Form 4 within two business days (Release 33-11138); on a Form 5 it
  is a late Form 4 item.
"""

from __future__ import annotations

import copy
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path


from form4_desktop.app import compliance
from form4_desktop.model import Footnote, Footnoted, Signature, TransactionCoding
from form4_desktop.rules import deadline
from form4_desktop.rules.register import FiscalYear, Report, form4_row_dues, insider_line
from form4_desktop.rules.sweep import DEFERRED, LATE, sweep_insider
from form4_desktop.rules.timeliness import deadline_of
from form4_desktop.store import DraftStore
from test_holdings import _filing

D = Decimal
CORPUS = Path(__file__).parent / "data" / "corpus"
ISSUER = "896493"  # the reference filing's issuer (Ault Alliance)
FY2024 = FiscalYear(2024)
NY = deadline.new_york()


def form4(owner: str, traded: date, code: str = "P", shares: int = 100, ad: str = "A", *, filed: bool = True):
    """A one-row Form 4 of `owner` for the issuer: an EDGAR copy when `filed`, else a draft (with a CCC)."""
    filing = _filing(traded, shares, code, 1000 + shares)
    row = filing.table_i[0]
    row.acquired_disposed = Footnoted(ad)
    row.coding.footnote_ids = []
    row.price_per_share = Footnoted(D("10.00"))
    filing.footnotes = []
    filing.reporting_owners[0].cik = owner
    filing.reporting_owners[0].name = f"OWNER {owner}"
    filing.signatures = [Signature("/s/ Owner", traded)]
    if not filed:
        filing.schema_version = None
        filing.reporting_owners[0].ccc = "ab#45678"
    return filing


def form5(owner: str, rows: list, fiscal_year_end: date = date(2024, 12, 31)):
    """A Form 5 for the fiscal year carrying `rows` (taken from one-row Form 4s)."""
    filing = form4(owner, fiscal_year_end)
    filing.document_type = "5"
    filing.period_of_report = fiscal_year_end
    filing.table_i = rows
    return filing


def line_of(owner: str, reports: list[Report], today: date = date(2024, 11, 25)):
    return insider_line(owner, reports, FY2024, today)


def counts(line) -> tuple[int, int, int, bool]:
    return (line.late_reports, line.late_transactions, line.failures_to_file, line.assumed_dates)


# -- the Item 405 register ----------------------------------------------------------------------------------------
def test_a_form4_filed_on_its_due_date_is_on_time():
    # bought Wed 03/06/2024; due two business days later, Fri 03/08/2024; filed that day: nothing late
    reports = [Report(1, form4("11", date(2024, 3, 6)), True, date(2024, 3, 8))]
    assert counts(line_of("11", reports)) == (0, 0, 0, False)
    # filed on Monday 03/11/2024 instead: one business day late, one late report of one transaction
    reports = [Report(1, form4("11", date(2024, 3, 6)), True, date(2024, 3, 11))]
    assert counts(line_of("11", reports)) == (1, 1, 0, False)


def test_one_business_day_late_across_the_july_4_holiday():
    # traded Wed 07/03/2024; Thu 07/04 is Independence Day: business days Fri 07/05 (1), Mon 07/08 (2): due
    # Mon 07/08/2024. Filed Tue 07/09: one business day late. Filed Mon 07/08: on time (a register that did not
    # skip the holiday would have it due Fri 07/05 and call both late).
    late = line_of("12", [Report(1, form4("12", date(2024, 7, 3)), True, date(2024, 7, 9))])
    assert counts(late) == (1, 1, 0, False)
    assert late.items == ["Form 4 filed 07/09/2024, 1 business day late: due 07/08/2024 (draft 1)"]
    assert counts(line_of("12", [Report(1, form4("12", date(2024, 7, 3)), True, date(2024, 7, 8))])) == (0, 0, 0, False)


def test_a_filing_sent_after_10_pm_eastern_is_filed_the_next_business_day():
    # traded Mon 09/09/2024, due Wed 09/11/2024. Sent Wed 09/11 at 22:05 New York time: filed Thu 09/12, one
    # business day late; sent at 21:59 (or 22:00 sharp): filed Wed 09/11, on time.
    filing = form4("13", date(2024, 9, 9))
    after = Report(1, filing, True, datetime(2024, 9, 11, 22, 5, tzinfo=NY))
    assert counts(line_of("13", [after])) == (1, 1, 0, False)
    before = Report(1, filing, True, datetime(2024, 9, 11, 21, 59, tzinfo=NY))
    assert counts(line_of("13", [before])) == (0, 0, 0, False)
    # the same moment given in UTC (02:05 on 09/12 is 22:05 on 09/11 in New York, daylight time)
    utc = Report(1, filing, True, datetime(2024, 9, 12, 2, 5, tzinfo=timezone.utc))
    assert counts(line_of("13", [utc])) == (1, 1, 0, False)


def test_a_draft_never_filed_is_a_known_failure_to_file():
    # sold Tue 10/01/2024, due Thu 10/03/2024; still a draft on 11/25/2024: one failure to file, its one
    # transaction not reported in time; no late report (nothing was filed). The Form 5 for 2024 is not yet due
    # (02/14/2025), so it is no failure yet.
    never = Report(5, form4("14", date(2024, 10, 1), "S", ad="D", filed=False), False)
    line = line_of("14", [never])
    assert counts(line) == (0, 1, 1, False)
    assert line.items == ["Form 4 due 10/03/2024 never filed (draft 5)"]
    # before its due date it is only a draft in time
    assert counts(line_of("14", [never], today=date(2024, 10, 3))) == (0, 0, 0, False)
    # on 02/18/2025, past the Form 5's due date (Fri 02/14/2025), the Form 5 that should have carried it as a late
    # Form 4 item was not filed either: a second failure to file
    assert counts(line_of("14", [never], today=date(2025, 2, 18))) == (0, 1, 2, False)


def test_a_late_gift_on_a_form5_is_a_late_transaction_and_a_failure_to_file_a_form4():
    # a gift given Mon 05/06/2024 was due on Form 4 by Wed 05/08/2024 (Release 33-11138); it was reported on the
    # Form 5 for 2024, filed on time (Mon 02/10/2025, due Fri 02/14/2025), marked L: no late report, one
    # transaction reported late, one Form 4 never filed.
    gift = form4("15", date(2024, 5, 6), "G", 500, "D").table_i[0]
    gift.price_per_share = Footnoted(D("0"))
    gift.coding = TransactionCoding("5", "G", False)
    gift.timeliness = Footnoted("L")
    filed = form5("15", [gift])
    line = line_of("15", [Report(7, filed, True, date(2025, 2, 10))], today=date(2025, 3, 1))
    assert counts(line) == (0, 1, 1, False)
    assert "late Form 4 item, code G of 05/06/2024" in line.items[0]
    # not marked L, it is still a late Form 4 item (FORM5-GIFT-ON-TIME says to mark it)
    unmarked = copy.deepcopy(filed)
    unmarked.table_i[0].timeliness = None
    assert counts(line_of("15", [Report(7, unmarked, True, date(2025, 2, 10))], today=date(2025, 3, 1))) == (
        0,
        1,
        1,
        False,
    )
    # a Form 5 item properly deferred (a gift received, G (A), form type 5) is no late transaction at all
    received = copy.deepcopy(filed)
    received.table_i[0].acquired_disposed = Footnoted("A")
    received.table_i[0].timeliness = None
    assert counts(line_of("15", [Report(7, received, True, date(2025, 2, 10))], today=date(2025, 3, 1))) == (
        0,
        0,
        0,
        False,
    )


def test_a_late_form5_counts_its_transactions_and_two_late_items_on_one_day_are_one_form4():
    # two late Form 4 items of the same day (code P, form type 4, Tue 04/02/2024) on a Form 5 filed Tue 02/18/2025,
    # after its due date Fri 02/14/2025 (Mon 02/17 is Presidents' Day): one late report (the Form 5), two late
    # transactions, one Form 4 never filed (one per day of transactions)
    rows = [form4("16", date(2024, 4, 2)).table_i[0] for _ in range(2)]
    rows[1].shares = Footnoted(D(50))
    filed = form5("16", rows)
    assert counts(line_of("16", [Report(8, filed, True, date(2025, 2, 18))], today=date(2025, 3, 1))) == (
        1,
        2,
        1,
        False,
    )


def test_the_fiscal_year_decides_which_filings_count():
    # a late Form 4 for a trade of 12/20/2023 (due 12/22/2023) filed 01/03/2024 is disclosed for fiscal 2024, the
    # year it was filed in; with a June 30 fiscal year end it falls in fiscal 2024 (07/01/2023-06/30/2024) too,
    # but a late Form 4 filed 07/15/2024 belongs to fiscal 2025 then
    late = Report(1, form4("17", date(2023, 12, 20)), True, date(2024, 1, 3))
    assert counts(insider_line("17", [late], FiscalYear(2024), date(2025, 1, 1))) == (1, 1, 0, False)
    assert counts(insider_line("17", [late], FiscalYear(2023), date(2025, 1, 1))) == (0, 0, 0, False)
    july = Report(2, form4("17", date(2024, 7, 1)), True, date(2024, 7, 15))
    june = FiscalYear(2024, 6, 30)
    assert (june.start, june.end) == (date(2023, 7, 1), date(2024, 6, 30))
    assert counts(insider_line("17", [july], june, date(2025, 1, 1))) == (0, 0, 0, False)
    assert counts(insider_line("17", [july], FiscalYear(2025, 6, 30), date(2025, 1, 1))) == (1, 1, 0, False)


def test_an_unknown_filing_date_is_taken_from_the_signature_and_marked_assumed():
    # traded 03/06/2024 (due 03/08), signed 03/12/2024 and imported without a filing date: taken as filed
    # 03/12/2024 (two business days late), and the line says its dates are assumed
    filing = form4("18", date(2024, 3, 6))
    filing.signatures = [Signature("/s/ Owner", date(2024, 3, 11)), Signature("/s/ Owner", date(2024, 3, 12))]
    line = line_of("18", [Report(1, filing, True, None)])
    assert counts(line) == (1, 1, 0, True)
    assert "filed 03/12/2024 (assumed from the signature), 2 business days late" in line.items[0]


def test_the_same_filing_imported_twice_counts_once_with_its_known_date():
    # the July 3 purchase (due Mon 07/08/2024) imported twice: once without a date (taken from its signature of
    # Tue 07/09, assumed) and again with its filing date 07/09 given: one late report, one late transaction, the
    # date known (the copy with the given date wins)
    filing = form4("21", date(2024, 7, 3))
    filing.signatures = [Signature("/s/ Owner", date(2024, 7, 9))]
    twice = [Report(1, filing, True, None), Report(2, copy.deepcopy(filing), True, date(2024, 7, 9))]
    assert counts(line_of("21", twice)) == (1, 1, 0, False)


def test_only_the_rows_past_their_own_deadline_are_late_transactions():
    # a Form 4 with a purchase of Mon 03/04/2024 (due Wed 03/06) and one of Wed 03/06/2024 (due Fri 03/08),
    # filed Thu 03/07: one late report, one late transaction (the second row was still in time)
    filing = form4("19", date(2024, 3, 4))
    second = copy.deepcopy(filing.table_i[0])
    second.transaction_date = Footnoted(date(2024, 3, 6))
    filing.table_i.append(second)
    assert counts(line_of("19", [Report(1, filing, True, date(2024, 3, 7))])) == (1, 1, 0, False)


def test_the_rows_with_a_deadline_give_the_filing_its_deadline_on_every_corpus_form4():
    """form4_row_dues keeps to deadline_of: on each corpus Form 4 the earliest row due date is the filing's."""
    from form4_desktop.edgar_xml.reader import read_file

    checked = 0
    for path in sorted(CORPUS.glob("*.xml")):
        try:
            filing = read_file(path)
        except Exception:
            continue
        if filing.document_type != "4":
            continue
        dues = [due for *_, due in form4_row_dues(filing)]
        assert (min(dues) if dues else None) == deadline_of(filing).due, path.name
        checked += 1
    assert checked > 250
    # and on rows the corpus lacks: a Rule 16a-2(a) row (Tue 01/02/2024, no deadline of its own: an IPO's earlier
    # trade), a V row and an L coded 4 (Form 5 items), an early gift given (01/10/2023, before 02/27/2023), beside
    # a purchase of Mon 03/04/2024 (due Wed 03/06/2024), which alone gives the deadline
    filing = form4("20", date(2024, 3, 4))
    base = filing.table_i[0]
    odd = [copy.deepcopy(base) for _ in range(4)]
    for row, (when, code, form_type, ad) in zip(
        odd,
        [
            (date(2024, 1, 2), "P", "4", "A"),
            (date(2024, 1, 3), "P", "5", "A"),
            (date(2024, 1, 4), "L", "4", "A"),
            (date(2023, 1, 10), "G", "4", "D"),
        ],
    ):
        row.transaction_date = Footnoted(when)
        row.coding = TransactionCoding(form_type, code, False)
        row.acquired_disposed = Footnoted(ad)
    odd[0].coding.footnote_ids = ["F1"]
    filing.footnotes = [Footnote("F1", "Reported under Rule 16a-2(a): acquired before the issuer's registration.")]
    filing.table_i = [*odd, base]
    assert deadline_of(filing).due == date(2024, 3, 6)
    assert [due for *_, due in form4_row_dues(filing)] == [date(2024, 3, 6)]


# -- the Form 5 sweep ---------------------------------------------------------------------------------------------
def test_the_sweep_owes_a_form5_for_a_deferred_item_and_for_a_late_form4_item():
    # owner 21: a gift received (G, A) on 06/03/2024 kept in a draft Form 5: a deferred item, owed (form type 5).
    # owner 22: a draft Form 4 of a purchase of Tue 10/01/2024, overdue since Thu 10/03/2024: owed as a late Form 4
    # item (form type 4). owner 23: only an on-time filed Form 4: no Form 5 owed, written representation possible.
    gift = form4("21", date(2024, 6, 3), "G", 40, "A").table_i[0]
    gift.coding = TransactionCoding("5", "G", False)
    draft5 = form5("21", [gift])
    draft5.schema_version = None
    owed = sweep_insider("21", [Report(3, draft5, False)], FY2024, date(2024, 12, 2))
    assert (owed.owed, [(c.ref, c.kind, c.form_type) for c in owed.rows]) == (True, [(3, DEFERRED, "5")])
    assert owed.due == date(2025, 2, 14)  # 45 days after 12/31/2024 is Fri 02/14/2025
    late = sweep_insider(
        "22", [Report(4, form4("22", date(2024, 10, 1), filed=False), False)], FY2024, date(2024, 12, 2)
    )
    assert (late.owed, [(c.kind, c.form_type) for c in late.rows]) == (True, [(LATE, "4")])
    fine = sweep_insider(
        "23", [Report(5, form4("23", date(2024, 3, 6)), True, date(2024, 3, 8))], FY2024, date(2024, 12, 2)
    )
    assert not fine.owed and "Item 405(b)" in fine.why and "written representation" in fine.why


def test_the_sweep_does_not_owe_what_a_filed_form_reported_or_a_form4_still_in_time():
    # the gift received was reported early on a filed Form 4 (V): the draft's copy of the row is no longer owed;
    # a draft Form 4 of Fri 11/29/2024 is still in time on Mon 12/02/2024 (due Tue 12/03): file the Form 4
    gift = form4("24", date(2024, 6, 3), "G", 40, "A").table_i[0]
    gift.coding = TransactionCoding("5", "G", False)
    early = form4("24", date(2024, 6, 3))
    early.table_i = [copy.deepcopy(gift)]
    draft5 = form5("24", [gift])
    draft5.schema_version = None
    in_time = form4("24", date(2024, 11, 29), filed=False)
    reports = [Report(1, early, True, date(2024, 6, 4)), Report(2, draft5, False), Report(3, in_time, False)]
    assert not sweep_insider("24", reports, FY2024, date(2024, 12, 2)).owed


def _gift_to_trust(owner: str, when: date, shares: int) -> object:
    """A draft Form 4 of a gift given (G, D) of `shares` from the direct holding and its other side, the same
    shares received (G, A) by the reporting person's trust the same day: one move, on Form 4 within two business
    days since 02/27/2023 (Release 33-11138); the receiving side is not a Form 5 item (paired_gifts_received)."""
    filing = form4(owner, when, "G", shares, "D", filed=False)
    received = copy.deepcopy(filing.table_i[0])
    received.acquired_disposed = Footnoted("A")
    received.ownership.direct_or_indirect = Footnoted("I")
    received.ownership.nature_of_ownership = Footnoted("By Trust")
    filing.table_i.append(received)
    return filing


def test_the_sweep_carries_a_gift_to_the_owners_trust_as_one_late_form4_item_pair_not_a_deferred_item():
    # gift of 500 shares to the owner's trust on Mon 11/25/2024, due Wed 11/27/2024, still a draft:
    # - on Tue 11/26/2024 it is in time: file the Form 4; no Form 5 owed (the received side is no Form 5 item)
    # - on Mon 12/02/2024 both rows are late Form 4 items (form type 4, L), neither a deferred item (form type 5)
    reports = [Report(6, _gift_to_trust("25", date(2024, 11, 25), 500), False)]
    in_time = sweep_insider("25", reports, FY2024, date(2024, 11, 26))
    assert (in_time.owed, in_time.rows) == (False, [])
    late = sweep_insider("25", reports, FY2024, date(2024, 12, 2))
    assert [(c.index, c.kind, c.form_type) for c in late.rows] == [(0, LATE, "4"), (1, LATE, "4")]

    # Reported late on the Form 5 for 2024 (filed on time, Mon 02/10/2025), both rows marked L: the register counts
    # one transaction reported late (the gift; the trust's row is its other side) and one Form 4 never filed.
    rows = copy.deepcopy(reports[0].filing.table_i)
    for row in rows:
        row.coding = TransactionCoding("4", "G", False)
        row.timeliness = Footnoted("L")
    filed = form5("25", rows)
    line = line_of("25", [Report(7, filed, True, date(2025, 2, 10))], today=date(2025, 3, 1))
    assert counts(line) == (0, 1, 1, False)
    # left a draft past its due date (Fri 02/14/2025): the Form 5 never filed and the Form 4 never filed (two
    # failures to file), one transaction not reported, in fiscal 2024 (the Form 5's year), not in 2025 (its due
    # date's year)
    filed.schema_version = None
    assert counts(line_of("25", [Report(7, filed, False)], today=date(2025, 3, 1))) == (0, 1, 2, False)
    assert counts(insider_line("25", [Report(7, filed, False)], FiscalYear(2025), date(2025, 3, 1))) == (0, 0, 0, False)


# -- the store: use cases ------------------------------------------------------------------------------------------
def _fill(path) -> DraftStore:
    store = DraftStore(path)
    store.import_filed(form4("31", date(2024, 7, 3)), date(2024, 7, 9))  # one business day late (see above)
    store.import_filed(form4("32", date(2024, 7, 3)), date(2024, 7, 8))  # on time
    sale = form4("33", date(2024, 10, 1), "S", ad="D", filed=False)  # never filed
    sale.footnotes = [Footnote("F7", "The price reported is a weighted average price.")]
    sale.table_i[0].price_per_share.footnote_ids = ["F7"]
    store.create(sale)
    return store


def test_the_deadlines_put_overdue_drafts_first_and_judge_filed_ones(tmp_path):
    # at 7 p.m. New York time on Fri 11/22/2024: draft 3 (due Thu 10/03) is overdue by the business days from Fri
    # 10/04 to Fri 11/22: 1 + 5 + 4 (Columbus Day 10/14) + 5 + 5 + 5 + 4 (Veterans Day 11/11) + 5 = 34; draft 4
    # (due 11/22) has 3 h left until 10 p.m.
    with _fill(tmp_path / "s.sqlite3") as store:
        store.create(form4("34", date(2024, 11, 20), filed=False))
        rows = compliance.deadlines(store, datetime(2024, 11, 22, 19, 0, tzinfo=NY))
    unfiled = [(r.draft_id, r.overdue, r.time_left) for r in rows if not r.filed]
    assert unfiled == [(3, True, "late by 34 business days"), (4, False, "3 h 0 min left")]
    assert [(r.draft_id, r.filed_on, r.on_time) for r in rows if r.filed] == [
        (1, date(2024, 7, 9), False),  # the latest filed first
        (2, date(2024, 7, 8), True),
    ]
    assert [r.draft_id for r in compliance.due_soon(rows)] == [3, 4]


def test_the_deadlines_say_a_filing_date_is_assumed_only_when_the_store_took_it_from_the_signature(tmp_path):
    # the July 3 purchase, signed Tue 07/09/2024: imported without a date (taken from the signature, assumed), with
    # 07/09 given (the same day, not assumed), and marked filed in the app (not assumed)
    with DraftStore(tmp_path / "s.sqlite3") as store:
        signed = form4("35", date(2024, 7, 3))
        signed.signatures = [Signature("/s/ Owner", date(2024, 7, 9))]
        without = store.import_filed(signed)
        given = store.import_filed(copy.deepcopy(signed), date(2024, 7, 9))
        marked = store.create(form4("35", date(2024, 7, 3), filed=False))
        store.mark_filed(marked, date(2024, 7, 9))
        rows = {r.draft_id: r for r in compliance.deadlines(store, datetime(2024, 11, 22, 19, 0, tzinfo=NY))}
        assert [(rows[i].filed_on, rows[i].assumed) for i in (without, given, marked)] == [
            (date(2024, 7, 9), True),
            (date(2024, 7, 9), False),
            (date(2024, 7, 9), False),
        ]
        store.set_filed_on(without, date(2024, 7, 10))  # the user gives its date later: no longer assumed
        [row] = [
            r for r in compliance.deadlines(store, datetime(2024, 11, 22, 19, 0, tzinfo=NY)) if r.draft_id == without
        ]
        assert (row.filed_on, row.assumed, row.on_time) == (date(2024, 7, 10), False, False)


def test_what_if_displacing_a_pair_adds_only_the_difference(tmp_path):
    # filed: bought 100 at $10 on 01/10/2024, sold 100 at $12 on 02/01/2024 ($200). Proposed: buy 100 at $8 on
    # 02/15/2024. Lowest in, highest out now pairs $8 with $12 ($400): the proposed trade is in a $400 pair but the
    # recoverable profit grows by $200 only (from $200 to $400)
    with DraftStore(tmp_path / "s.sqlite3") as store:
        store.import_filed(form4("52", date(2024, 1, 10)), date(2024, 1, 11))
        sold = form4("52", date(2024, 2, 1), "S", 100, "D")
        sold.table_i[0].price_per_share = Footnoted(D("12"))
        store.import_filed(sold, date(2024, 2, 2))
        found = compliance.what_if(store, "52", ISSUER, buy=True, shares=D(100), price=D(8), when=date(2024, 2, 15))
    assert (found.profit, found.added, found.due) == (D(400), D(200), date(2024, 2, 20))  # Mon 02/19 is a holiday


def test_a_form5_started_from_the_sweep_carries_the_rows_and_once_filed_nothing_is_owed(tmp_path):
    # owner 33's sale of Tue 10/01/2024 was never filed (due Thu 10/03): on 12/02/2024 the sweep owes a Form 5 for
    # 2024 with that row as a late Form 4 item; the Form 5 started from it carries the row as form type 4, marked
    # L, box 3 = 12/31/2024; the sweep then carries the row once (from the Form 5 draft, not twice); filed on
    # 01/15/2025, nothing is owed any more
    from form4_desktop.rules.validate import validate

    with _fill(tmp_path / "s.sqlite3") as store:
        [line] = [
            x
            for x in compliance.form5_sweep(store, ISSUER, 2024, today=date(2024, 12, 2))
            if x.owner_cik.endswith("33")
        ]
        assert line.owed and len(line.rows) == 1
        started = compliance.start_form5(store, line, ISSUER, date(2024, 12, 31))
        filing = store.open(started).filing
        row = filing.table_i[0]
        assert (filing.document_type, filing.period_of_report, filing.reporting_owners[0].cik) == (
            "5",
            date(2024, 12, 31),
            "33",
        )
        assert (row.coding.code, row.coding.form_type, row.timeliness.value) == ("S", "4", "L")
        # the row's footnote comes with it, numbered for the new form
        assert filing.footnotes == [Footnote("F1", "The price reported is a weighted average price.")]
        assert row.price_per_share.footnote_ids == ["F1"]
        rules = {finding.rule_id for finding in validate(filing, date(2025, 1, 10))}
        assert not rules & {"FOOTNOTE-REF", "FORM5-GIFT-ON-TIME", "DOC-TYPE", "PERIOD-REQUIRED"}, rules
        [again] = [
            x
            for x in compliance.form5_sweep(store, ISSUER, 2024, today=date(2024, 12, 2))
            if x.owner_cik.endswith("33")
        ]
        assert [(carried.ref, carried.kind) for carried in again.rows] == [(started, LATE)]
        # a gift received (G, A) of 06/03/2024 left coded form type 4 in a draft Form 4 is a deferred item: the Form 5
        # carries it as form type 5, not marked L
        gift = form4("36", date(2024, 6, 3), "G", 40, "A", filed=False)
        store.create(gift)
        [owed] = [
            x
            for x in compliance.form5_sweep(store, ISSUER, 2024, today=date(2024, 12, 2))
            if x.owner_cik.endswith("36")
        ]
        received = store.open(compliance.start_form5(store, owed, ISSUER, date(2024, 12, 31))).filing.table_i[0]
        assert (received.coding.code, received.coding.form_type, received.timeliness) == ("G", "5", None)
        # one received on 11/15/2023 and never reported was owed on the Form 5 for 2023: on the one for 2024 it is a
        # Form 5 item reported late (form type 5, L)
        store.create(form4("37", date(2023, 11, 15), "G", 40, "A", filed=False))
        [owed] = [
            x
            for x in compliance.form5_sweep(store, ISSUER, 2024, today=date(2024, 12, 2))
            if x.owner_cik.endswith("37")
        ]
        earlier = store.open(compliance.start_form5(store, owed, ISSUER, date(2024, 12, 31))).filing.table_i[0]
        assert (earlier.coding.form_type, earlier.timeliness.value) == ("5", "L")
        store.mark_filed(started, date(2025, 1, 15))
        [done] = [
            x
            for x in compliance.form5_sweep(store, ISSUER, 2024, today=date(2025, 1, 16))
            if x.owner_cik.endswith("33")
        ]
        assert (done.owed, done.form5_filed) == (False, started)


# -- real insiders of the corpus, through the use cases -------------------------------------------------------------
NATERA, BOTHA = "1604821", "1222287"
BOTHA_2019 = [  # Roelof Botha's Natera Forms 4 of 2019 (tests/data/corpus)
    "john-friedman__datamule-python__000117911019001192__edgar.xml",  # option grant Fri 01/25, signed 02/01
    "john-friedman__datamule-python__000117911019006815__edgar.xml",  # 05/24
    "john-friedman__datamule-python__000117911019008760__edgar.xml",  # 07/12, signed 07/23
    "john-friedman__datamule-python__000117911019010998__edgar.xml",  # 10/11
    "john-friedman__datamule-python__000117911019012126__edgar.xml",  # two M rows of 05/16, signed 11/27
]
MUSK_2009_GRANT = "john-friedman__datamule-python__000149473011000002__edgardoc.xml"
MUSK_FORM3 = "john-friedman__datamule-python__000118143110034759__rrd279907.xml"  # box 3 06/28/2010 (the IPO)


def test_a_real_insiders_late_forms4_in_the_register_and_the_sweep(tmp_path):
    # imported without a filing date, each is taken as filed on its signature date (assumed):
    # - grant of Fri 01/25/2019, due Tue 01/29, signed Fri 02/01: late (1 transaction)
    # - M and M of Thu 05/16/2019, due Mon 05/20, signed 11/27: late (2 transactions)
    # - Fri 07/12/2019, due Tue 07/16, signed Tue 07/23: late (1 transaction)
    # - Fri 05/24 (due Wed 05/29, Memorial Day 05/27) and Fri 10/11 (due Tue 10/15, Columbus Day 10/14): on time
    # 3 late reports, 4 late transactions, no failure, dates assumed; nothing owed on a Form 5
    from form4_desktop.app.drafts import import_xml

    with DraftStore(tmp_path / "s.sqlite3") as store:
        for name in BOTHA_2019:
            import_xml(store, CORPUS / name)
        [line] = compliance.late_register(store, NATERA, 2019, today=date(2026, 11, 25))
        assert (line.owner_cik, line.owner, *counts(line)) == ("0001222287", "BOTHA ROELOF", 3, 4, 0, True)
        assert not any(
            line.delinquent for line in compliance.late_register(store, NATERA, 2020, today=date(2026, 11, 25))
        )
        [swept] = compliance.form5_sweep(store, NATERA, 2019, today=date(2026, 11, 25))
        assert not swept.owed and "written representation" in swept.why


def test_a_real_insiders_filing_date_given_at_import_is_not_assumed(tmp_path):
    # Musk's Form 4 of an option granted Fri 12/04/2009 (due Tue 12/08/2009), imported as filed 01/26/2011: one
    # late report of one transaction in fiscal 2011, the date known
    from form4_desktop.app.drafts import import_xml

    with DraftStore(tmp_path / "s.sqlite3") as store:
        import_xml(store, CORPUS / MUSK_2009_GRANT, filed_on=date(2011, 1, 26))
        [line] = compliance.late_register(store, "1318605", 2011, today=date(2026, 11, 25))
    assert (line.owner_cik, line.owner, *counts(line)) == ("0001494730", "Musk Elon", 1, 1, 0, False)


def test_a_row_dated_before_the_insiders_form3_starts_no_deadline_on_that_date(tmp_path):
    # Musk's Form 3 for Tesla is dated 06/28/2010, the day of the IPO: before it Tesla was not registered and he was
    # not subject to Section 16. His Form 4 signed 01/25/2011 reports an option "granted" 12/04/2009; its footnote
    # says the performance condition was certified 01/21/2011 (Fri), which is when a performance option is acquired:
    # due Tue 01/25/2011, filed on time. The register does not call it 282 business days late (due 12/08/2009): it
    # counts nothing and says why, for the drafter to check.
    from form4_desktop.app.drafts import import_xml

    with DraftStore(tmp_path / "s.sqlite3") as store:
        import_xml(store, CORPUS / MUSK_FORM3)
        grant = import_xml(store, CORPUS / MUSK_2009_GRANT, filed_on=date(2011, 1, 26)).draft_id
        [line] = compliance.late_register(store, "1318605", 2011, today=date(2026, 11, 25))
    assert counts(line) == (0, 0, 0, False)
    assert line.items == [
        f"Form 4 filed 01/26/2011 (draft {grant}): its transaction dated 12/04/2009 is before the reporting person's "
        "Form 3 (box 3: 06/28/2010), when no Form 4 was due; not counted: check when it became reportable (a "
        "performance condition met, Rule 16a-2(a))"
    ]
    # A trade on the day of the Form 3's event is an insider's (traded Wed 03/06/2024, due Fri 03/08, filed Mon
    # 03/11: late), one the day before is not judged.
    form3 = form4("19", date(2024, 3, 6))
    form3.document_type, form3.table_i = "3", []
    on_the_day = Report(2, form4("19", date(2024, 3, 6)), True, date(2024, 3, 11))
    assert counts(line_of("19", [Report(1, form3, True, date(2024, 3, 6)), on_the_day])) == (1, 1, 0, False)
    before = Report(2, form4("19", date(2024, 3, 5)), True, date(2024, 3, 11))
    assert counts(line_of("19", [Report(1, form3, True, date(2024, 3, 6)), before])) == (0, 0, 0, False)


def test_the_sweep_says_when_the_form5_it_found_filed_was_dated_by_its_signature():
    # the Form 5 for 2024 imported without its filing date: the sweep says the date is the signature's, as the
    # register does
    filed = form5("26", [])
    filed.signatures = [Signature("/s/ Owner", date(2025, 2, 10))]
    assumed = sweep_insider("26", [Report(9, filed, True, None, True)], FY2024, date(2025, 3, 1))
    assert assumed.why == "Form 5 for the year filed on 02/10/2025 (assumed from its signature) (draft 9); nothing left"
    known = sweep_insider("26", [Report(9, filed, True, date(2025, 2, 11))], FY2024, date(2025, 3, 1))
    assert known.why == "Form 5 for the year filed on 02/11/2025 (draft 9); nothing left"


def test_on_a_form5_a_late_form5_item_is_not_a_late_form4_item_but_a_late_sale_is_whatever_its_form_type():
    # The Form 5 for 2024, filed on time (Mon 02/10/2025), carries:
    # - a gift received (G, A) of 08/01/2023, form type 5 marked L: a Form 5 item of fiscal 2023 reported late
    #   (Technical Specification 4.3.8: on a Form 5, form type 5 with L is a late Form 5 item). One transaction
    #   not reported on time; no Form 4 was ever due for it, so no failure to file a Form 4;
    # - a sale (S) of Tue 04/02/2024 typed as form type 5: a sale is always a Form 4 item (due Thu 04/04/2024), so it
    #   is a late Form 4 item whatever the box says: a transaction reported late and a Form 4 never filed.
    received = form4("27", date(2023, 8, 1), "G", 40, "A").table_i[0]
    received.coding = TransactionCoding("5", "G", False)
    received.timeliness = Footnoted("L")
    line = line_of("27", [Report(9, form5("27", [received]), True, date(2025, 2, 10))], today=date(2025, 3, 1))
    assert counts(line) == (0, 1, 0, False)
    assert line.items == [
        "Form 5 filed 02/10/2025 reports a Form 5 item of an earlier fiscal year late, code G of 08/01/2023 (draft 9)"
    ]
    sale = form4("27", date(2024, 4, 2), "S", 100, "D").table_i[0]
    sale.coding = TransactionCoding("5", "S", False)
    line = line_of("27", [Report(9, form5("27", [sale]), True, date(2025, 2, 10))], today=date(2025, 3, 1))
    assert counts(line) == (0, 1, 1, False)
    assert "reports a late Form 4 item, code S of 04/02/2024" in line.items[0]

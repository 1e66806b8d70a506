"""The holdings ledger (issue 14): positions carried across an insider's real filings, amendment-aware; the
continuity finding and the carry-forward proposal on a new draft; `form4 holdings` and `form4 import DIR`."""

from __future__ import annotations

import copy
import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from form4_desktop import cli
from form4_desktop.app import holdings
from form4_desktop.edgar_xml.reader import read_file
from form4_desktop.model import Footnote, Footnoted, NonDerivativeTransaction
from form4_desktop.model.holdings import (
    LedgerFiling,
    build,
    corrections,
    holder_sentence,
    later_corrections,
    normalized,
    position_key,
    propose_following,
)
from form4_desktop.rules.continuity import continuity_findings
from form4_desktop.rules.findings import Severity
from form4_desktop.store import DraftStore
from test_rules import draft

CORPUS = Path(__file__).parent / "data" / "corpus"
MUSK, TESLA = "1494730", "1318605"  # 42 of his Tesla filings (Forms 3 and 4) are in the test corpus


def _norm(text):
    return re.sub(r"[^0-9a-z]+", " ", (text or "").lower()).strip()


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("ledger") / "drafts.sqlite3"
    with DraftStore(path) as store:
        results = list(holdings.import_folder(store, str(CORPUS)))
        assert sum(1 for r in results if r.imported is not None) > 250
    return path


def test_positions_are_what_the_latest_filings_report(corpus_store):
    """Independently of the ledger: for each position, the "owned following" of its last row, in the order of
    transaction date (holdings: period of report), then filing."""
    latest: dict[tuple, tuple] = {}
    for path in sorted(CORPUS.glob("*.xml")):
        try:
            filing = read_file(path)
        except Exception:
            continue
        if MUSK not in {o.cik.lstrip("0") for o in filing.reporting_owners} or filing.issuer.cik.lstrip("0") != TESLA:
            continue
        signed = max((s.date for s in filing.signatures if s.date), default=filing.period_of_report)
        for table in ("table_i", "table_ii"):
            for number, row in enumerate(getattr(filing, table)):
                held = row.ownership.direct_or_indirect.value or "D"
                nature = (
                    _norm(row.ownership.nature_of_ownership.value)
                    if held == "I" and row.ownership.nature_of_ownership
                    else ""
                )
                key = ("I" if table == "table_i" else "II", _norm(row.security_title.value), held, nature)
                if table == "table_ii":
                    key += (
                        row.conversion_or_exercise_price.value,
                        row.expiration_date.value,
                        _norm(row.underlying.title.value),
                    )
                when = row.transaction_date.value if hasattr(row, "transaction_date") else filing.period_of_report
                following = row.shares_owned_following.value if row.shares_owned_following else None
                order = (when, signed, path.name, table, number)
                if following is not None and (key not in latest or order >= latest[key][0]):
                    latest[key] = (order, following)
    with DraftStore(corpus_store) as store:
        found = {}
        for issuer, position in holdings.positions(store, MUSK, TESLA, expired=True):
            key = position.key
            as_tuple = (key.table, key.security, key.ownership, key.nature)
            if key.table == "II":
                as_tuple += (key.exercise_price, key.expiration, key.underlying)
            if position.amount is not None:
                found[as_tuple] = position.amount
    assert len(latest) >= 5
    assert found == {key: value for key, (_, value) in latest.items()}
    # Natures spelt differently are one position: "by Trust" and "By Trust".
    assert normalized("By  Trust.") == normalized("by trust") == "by trust"


def _filing(period: date, shares: int, code: str, owned: int):
    filing = draft()
    filing.period_of_report = period
    row = filing.table_i[0]
    row.transaction_date = Footnoted(period)
    row.shares = Footnoted(Decimal(shares))
    row.acquired_disposed = Footnoted("A" if code in ("P", "A", "M") else "D")
    row.coding.code = code
    row.shares_owned_following = Footnoted(Decimal(owned))
    filing.table_i = [row]
    filing.table_ii = []
    filing.schema_version = "X0609"  # as EDGAR disseminated it
    for owner in filing.reporting_owners:
        owner.ccc = None
    return filing


def _history():
    return [
        LedgerFiling(1, _filing(date(2023, 1, 9), 125000, "A", 200000), date(2023, 1, 11)),
        LedgerFiling(2, _filing(date(2023, 3, 1), 50000, "P", 250000), date(2023, 3, 2)),
        LedgerFiling(3, _filing(date(2023, 6, 1), 20000, "S", 230000), date(2023, 6, 2)),
        LedgerFiling(4, _filing(date(2023, 9, 1), 5000, "S", 225000), date(2023, 9, 5)),
    ]


def test_an_amendment_to_a_middle_filing_flags_exactly_the_later_filings():
    history = _history()
    assert build(history).breaks() == []
    amendment = _filing(date(2023, 3, 1), 60000, "P", 260000)  # it was 60,000 shares, not 50,000
    amendment.document_type = "4/A"
    amendment.date_of_original_submission = date(2023, 3, 2)
    ledger = build(history + [LedgerFiling(5, amendment, date(2023, 3, 20))])
    [position] = ledger.positions()
    assert position.amount == Decimal(225000)  # what the last filing reported
    assert [(e.ref, e.reported) for e in position.entries] == [(1, 200000), (5, 260000), (3, 230000), (4, 225000)]
    fixes = corrections(ledger, 5)
    assert [(entry.ref, entry.path, entry.reported, should) for entry, should in fixes] == [
        (3, "table_i[0].shares_owned_following", Decimal(230000), Decimal(240000)),
        (4, "table_i[0].shares_owned_following", Decimal(225000), Decimal(235000)),
    ]
    assert [e.ref for e in ledger.breaks()] == [3]  # the first filing that no longer chains


def _form5_gift_received(when: date, shares: int, owned: int):
    """A Form 5 for 2023 carrying a gift received (G, A) on `when`, a Form 5 item reported late in the year."""
    filing = _filing(when, shares, "G", owned)
    filing.document_type = "5"
    filing.period_of_report = date(2023, 12, 31)
    filing.schema_version = None  # a draft
    filing.table_i[0].acquired_disposed = Footnoted("A")
    filing.table_i[0].coding.form_type = "5"
    return filing


def test_a_form5_item_dated_before_filed_rows_names_each_later_filing_and_by_how_much():
    """The history holds 200,000 from 01/09/2023, then +50,000 on 03/01 (250,000), −20,000 on 06/01 (230,000),
    −5,000 on 09/01 (225,000). A gift of 1,000 received on 02/01/2023, reported on the Form 5 for 2023, goes
    before the three later Forms 4: each said 1,000 too few (251,000, 231,000, 226,000 by hand)."""
    ledger = build(_history())
    form5 = _form5_gift_received(date(2023, 2, 1), 1000, 201000)
    fixes = later_corrections(ledger, form5)
    assert [(entry.ref, entry.path, entry.reported, should) for entry, should in fixes] == [
        (2, "table_i[0].shares_owned_following", Decimal(250000), Decimal(251000)),
        (3, "table_i[0].shares_owned_following", Decimal(230000), Decimal(231000)),
        (4, "table_i[0].shares_owned_following", Decimal(225000), Decimal(226000)),
    ]
    [finding] = continuity_findings(form5, ledger)  # it starts from 200,000: no HOLDINGS-CONTINUITY
    assert (finding.rule_id, finding.severity, finding.field_path) == (
        "HOLDINGS-LATER-FILINGS",
        Severity.WARNING,
        "table_i[0].transaction_date",
    )
    assert finding.message == (
        "This row of 02/01/2023 goes before 3 rows of 3 later filings for the same position, held directly, which "
        "do not count it; once it is filed, their amount owned following should be: the Form 4 filed 03/02/2023 "
        "(draft 2), Table I, row 1: 251,000, not 250,000 (+1,000); the Form 4 filed 06/02/2023 (draft 3), Table I, "
        "row 1: 231,000, not 230,000 (+1,000); the Form 4 filed 09/05/2023 (draft 4), Table I, row 1: 226,000, not "
        "225,000 (+1,000). Correct them: amend them, or give the corrected amount in the next filing with a footnote."
    )
    # Dated after every filed row (the usual Form 5), it makes no later row wrong.
    on_time = _form5_gift_received(date(2023, 10, 2), 1000, 226000)
    assert later_corrections(ledger, on_time) == [] and continuity_findings(on_time, ledger) == []


def test_a_late_form4_row_between_filed_rows_lists_only_the_rows_after_it(tmp_path):
    """A sale of 2,000 on 07/03/2023, reported late: only the Form 4 of 09/01 comes after it (225,000 − 2,000 =
    223,000 by hand); the one of 06/01 stays right. Saved, the store's ledger lists the same rows for it."""
    with _store_with_history(tmp_path / "s.sqlite3") as store:
        late = _filing(date(2023, 7, 3), 2000, "S", 228000)  # 230,000 − 2,000
        late.schema_version = None
        [finding] = holdings.check_draft(store, late, None)
        assert finding.rule_id == "HOLDINGS-LATER-FILINGS" and finding.field_path == "table_i[0].transaction_date"
        assert "before 1 row of 1 later filing" in finding.message
        assert "(draft 4), Table I, row 1: 223,000, not 225,000 (−2,000)." in finding.message
        assert "06/02/2023" not in finding.message
        draft_id = store.create(late)
        assert [(ref, path, was, should) for ref, path, was, should in holdings.after_amendment(store, draft_id)] == [
            (4, "table_i[0].shares_owned_following", Decimal(225000), Decimal(223000))
        ]
        # Once it is filed the later Form 4 breaks the chain where the ledger now puts it.
        store.mark_filed(draft_id, date(2023, 10, 2))
        assert [e.ref for e in holdings.ledger_of(store, *_who(late)).breaks()] == [4]


def test_a_late_row_left_empty_is_carried_from_the_filed_row_before_it():
    """A late purchase of 1,000 on 04/03/2023, its "owned following" not yet typed: the ledger carries it from the
    row of 03/01 (250,000 + 1,000), so the Form 4s of 06/01 and 09/01 should say 231,000 and 226,000."""
    late = _filing(date(2023, 4, 3), 1000, "P", 0)
    late.table_i[0].shares_owned_following = None
    late.schema_version = None
    fixes = later_corrections(build(_history()), late)
    assert [(entry.ref, entry.path, entry.reported, should) for entry, should in fixes] == [
        (3, "table_i[0].shares_owned_following", Decimal(230000), Decimal(231000)),
        (4, "table_i[0].shares_owned_following", Decimal(225000), Decimal(226000)),
    ]


def test_a_late_row_before_a_long_history_names_the_first_rows_and_the_last():
    """Twelve purchases of 1,000 after a late sale of 500 on 01/10/2023: each later filing says 500 too many. The
    message names the first nine and the last (the position now: 212,000 − 500 = 211,500 by hand), and how many
    more there are between them."""
    history = [LedgerFiling(1, _filing(date(2023, 1, 9), 200000, "A", 200000), date(2023, 1, 11))]
    for month in range(1, 13):
        when = date(2023, month, 20)
        history.append(LedgerFiling(month + 1, _filing(when, 1000, "P", 200000 + 1000 * month), when))
    late = _filing(date(2023, 1, 10), 500, "S", 199500)
    late.schema_version = None
    [finding] = continuity_findings(late, build(history))
    assert "goes before 12 rows of 12 later filings" in finding.message
    assert finding.message.count("(−500)") == 10
    assert "(draft 10), Table I, row 1: 208,500, not 209,000 (−500); 2 more rows …; the last, the Form 4 filed " in (
        finding.message
    )
    assert "12/20/2023 (draft 13), Table I, row 1: 211,500, not 212,000 (−500). Correct them" in finding.message


def test_a_row_dated_before_an_open_drafts_row_names_that_draft():
    """After the last filed Form 4 (09/01/2023, 225,000), an open draft buys 10,000 on 10/02 (235,000). A new
    draft selling 1,000 on 09/15 goes before it: the open draft should then say 234,000."""
    later = _filing(date(2023, 10, 2), 10000, "P", 235000)
    later.schema_version = None
    ledger = build([*_history(), LedgerFiling(5, later)])
    new = _filing(date(2023, 9, 15), 1000, "S", 224000)
    new.schema_version = None
    [finding] = continuity_findings(new, ledger)
    assert "the Form 4 not yet filed (draft 5), Table I, row 1: 234,000, not 235,000 (−1,000)." in finding.message


def _who(filing) -> tuple[str, str]:
    return filing.reporting_owners[0].cik, filing.issuer.cik


def test_an_amendment_row_matching_two_rows_is_an_ambiguity():
    history = _history()
    twice = history[1].filing
    twice.table_i.append(copy.deepcopy(twice.table_i[0]))
    amendment = copy.deepcopy(twice)
    amendment.table_i = [amendment.table_i[0]]
    amendment.document_type = "4/A"
    ledger = build(history + [LedgerFiling(9, amendment, date(2023, 4, 1), amends=2)])
    [ambiguity] = ledger.ambiguities
    assert (ambiguity.amendment, ambiguity.original, ambiguity.candidates) == (9, 2, (0, 1))


def _store_with_history(path) -> DraftStore:
    store = DraftStore(path)
    for item in _history():
        store.import_filed(item.filing, item.filed_on)
    return store


def test_a_new_draft_that_does_not_start_from_the_ledger_gets_the_finding(tmp_path):
    with _store_with_history(tmp_path / "s.sqlite3") as store:
        new = _filing(date(2023, 11, 1), 10000, "P", 240000)
        new.schema_version = None
        [finding] = holdings.check_draft(store, new, None)
        assert (finding.rule_id, finding.severity, finding.field_path) == (
            "HOLDINGS-CONTINUITY",
            Severity.WARNING,
            "table_i[0].shares_owned_following",
        )
        assert finding.message == (
            "The last filing left 225,000 directly on 09/01/2023; 225,000 + 10,000 = 235,000; this row says 240,000. "
            "If the difference has a reason the filings do not show (a stock split, an exempt ESPP purchase, a Rule "
            "16a-13 change), explain it in a footnote on this box: this warning then becomes information."
        )
        assert holdings.propose(store, new, None, "table_i", 0) == Decimal(235000)
        new.table_i[0].shares_owned_following = Footnoted(Decimal(235000))
        assert holdings.check_draft(store, new, None) == []
        # A footnote on the box (an ESPP purchase) makes it information.
        new.table_i[0].shares_owned_following = Footnoted(Decimal(240000), ["F1"])
        [finding] = holdings.check_draft(store, new, None)
        assert finding.severity is Severity.INFO and "Footnote (1) explains it" in finding.message
        # A second row of the same position chains from the first: no finding on it, and its proposal follows.
        second = copy.deepcopy(new.table_i[0])
        second.shares = Footnoted(Decimal(1000))
        second.shares_owned_following = None
        new.table_i.append(second)
        assert holdings.propose(store, new, None, "table_i", 1) == Decimal(241000)


def test_a_gift_of_more_than_the_direct_position_gets_no_negative_proposal_and_the_row_says_why(tmp_path):
    """Screenshot 54: a gift of 2,000,000 shares, its D or I left at D, against 225,000 held directly: nothing is
    proposed (it was -1,775,000), and the row's finding says what to check."""
    with _store_with_history(tmp_path / "s.sqlite3") as store:
        gift = _filing(date(2023, 12, 20), 2000000, "G", 0)
        gift.schema_version = None
        gift.table_i[0].shares_owned_following = None
        assert gift.table_i[0].ownership.direct_or_indirect.value == "D"
        assert holdings.propose(store, gift, None, "table_i", 0) is None
        ledger = holdings.ledger_of(store, *_who(gift))
        key = position_key(gift.table_i[0], "table_i")
        assert propose_following(ledger, key, Decimal(-2000000)) is None
        assert propose_following(ledger, key, Decimal(-225000)) == Decimal(0)  # all of it: zero is proposed
        [finding] = holdings.check_draft(store, gift, None)
        assert (finding.rule_id, finding.severity, finding.field_path) == (
            "HOLDINGS-CONTINUITY",
            Severity.WARNING,
            "table_i[0].shares_owned_following",
        )
        assert finding.message == (
            "The last filing left 225,000 directly on 09/01/2023, fewer than the 2,000,000 this row disposes of, so "
            "nothing is proposed. If these shares are held another way, correct D or I (and the nature of indirect "
            "ownership); if the position grew in a way the filings do not show (a stock split, an exempt ESPP "
            "purchase, a Rule 16a-13 change), give the amount owned following and explain it in a footnote on this "
            "box."
        )
        # The user gives an amount: the finding says it, and a footnote on the box makes it information.
        gift.table_i[0].shares_owned_following = Footnoted(Decimal(4675000))
        [finding] = holdings.check_draft(store, gift, None)
        assert finding.severity is Severity.WARNING and "disposes of; this row says 4,675,000. If" in finding.message
        gift.table_i[0].shares_owned_following = Footnoted(Decimal(4675000), ["F1"])
        [finding] = holdings.check_draft(store, gift, None)
        assert finding.severity is Severity.INFO and finding.message.endswith(
            "Footnote (1) explains it, if it says why."
        )
        # Held by a trust the ledger does not know: nothing to propose, nothing to say.
        gift.table_i[0].shares_owned_following = None
        gift.table_i[0].ownership.direct_or_indirect = Footnoted("I")
        gift.table_i[0].ownership.nature_of_ownership = Footnoted("By Trust")
        assert holdings.propose(store, gift, None, "table_i", 0) is None
        assert holdings.check_draft(store, gift, None) == []


def test_a_position_that_grew_by_a_split_the_ledger_cannot_see_is_cleared_by_a_footnote(tmp_path):
    """Screenshot 61: the last filing is from before a 3-for-1 split; the row says the split figure. The warning
    says how to clear it, and a footnote on the box does."""
    with _store_with_history(tmp_path / "s.sqlite3") as store:
        sale = _filing(date(2023, 11, 1), 10000, "S", 665000)  # 225,000 x 3 - 10,000
        sale.schema_version = None
        [finding] = holdings.check_draft(store, sale, None)
        assert (finding.severity, finding.field_path) == (Severity.WARNING, "table_i[0].shares_owned_following")
        assert "225,000 − 10,000 = 215,000; this row says 665,000. If the difference has a reason the filings do " in (
            finding.message
        )
        assert "(a stock split, " in finding.message and "explain it in a footnote on this box" in finding.message
        sale.footnotes.append(Footnote("F1", "Reflects the 3-for-1 stock split of August 24, 2022."))
        sale.table_i[0].shares_owned_following = Footnoted(Decimal(665000), ["F1"])
        [finding] = holdings.check_draft(store, sale, None)
        assert (finding.rule_id, finding.severity, finding.field_path) == (
            "HOLDINGS-CONTINUITY",
            Severity.INFO,
            "table_i[0].shares_owned_following",
        )
        assert "If the difference" not in finding.message  # cleared: nothing more to do


def test_a_drafts_own_saved_copy_is_left_out_of_its_ledger(tmp_path):
    with _store_with_history(tmp_path / "s.sqlite3") as store:
        new = _filing(date(2023, 11, 1), 10000, "P", 235000)
        new.schema_version = None
        draft_id = store.create(new)  # pending, so it never counts as filed
        assert holdings.check_draft(store, new, draft_id) == []
        assert holdings.positions(store, new.reporting_owners[0].cik)[0][1].amount == Decimal(225000)


def store_issuer(path) -> str:
    with DraftStore(path) as store:
        return store.open(1).filing.issuer.cik.lstrip("0")


def test_form4_holdings_prints_one_line_per_position(tmp_path, capsys):
    path = tmp_path / "s.sqlite3"
    with _store_with_history(path) as store:
        owner = store.open(1).filing.reporting_owners[0].cik
    assert cli.main(["holdings", "--store", str(path), "--owner", owner, "--as-of", "06/30/2023"]) == 0
    lines = capsys.readouterr().out.splitlines()
    issuer = store_issuer(path)
    # Without --issuer every issuer's positions are listed, each line naming its issuer.
    assert lines == [
        "issuer\ttable\tsecurity\townership\tnature\tamount\tas_of\texercise_price\texpiration\tunderlying",
        f"{issuer}\tI\tCommon Stock\tD\t\t230000\t2023-06-01",
    ]
    assert (
        cli.main(["holdings", "--store", str(path), "--owner", owner, "--issuer", issuer, "--as-of", "6/30/2023"]) == 0
    )
    assert capsys.readouterr().out.splitlines() == [
        "table\tsecurity\townership\tnature\tamount\tas_of\texercise_price\texpiration\tunderlying",
        "I\tCommon Stock\tD\t\t230000\t2023-06-01",
    ]
    assert cli.main(["holdings", "--store", str(path), "--owner", "12x"]) == 2
    assert capsys.readouterr().err == "form4 holdings: --owner '12x' is not a CIK; give up to 10 digits.\n"
    assert cli.main(["holdings", "--store", str(path), "--owner", owner, "--as-of", "13/01/2023"]) == 2


def test_form4_import_takes_a_folder_recursively_and_skips_what_it_has(tmp_path, capsys):
    folder = tmp_path / "insider" / "2021"
    folder.mkdir(parents=True)
    names = sorted(p.name for p in CORPUS.glob("john-friedman__datamule-python__0001209191210*.xml"))[:3]
    for name in names:
        shutil.copy(CORPUS / name, folder / name)
    store = tmp_path / "s.sqlite3"
    assert cli.main(["import", "--store", str(store), str(tmp_path / "insider")]) == 0
    first = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[1] for line in first] == [str(folder / name) for name in names]
    assert cli.main(["import", "--store", str(store), str(tmp_path / "insider")]) == 0
    again = capsys.readouterr().out.splitlines()
    assert all(": already in the store as draft " in line for line in again) and len(again) == len(names)


def test_transactions_move_a_position_by_their_shares():
    history = _history()[:2]
    history[1].filing.table_i[0].shares_owned_following = None  # the filer left it out: the chain gives it
    [position] = build(history).positions()
    assert position.amount == Decimal(250000)
    assert isinstance(history[0].filing.table_i[0], NonDerivativeTransaction)


def test_rows_are_ordered_by_transaction_date_not_by_when_they_were_filed():
    history = _history()
    late = _filing(date(2023, 2, 1), 1000, "P", 201000)  # a February trade reported late, in April
    ledger = build(history + [LedgerFiling(7, late, date(2023, 4, 3))])
    [position] = ledger.positions()
    assert [e.ref for e in position.entries] == [1, 7, 2, 3, 4]
    assert [e.ref for e in ledger.breaks()] == [2]  # March's 250,000 no longer follows from 201,000 + 50,000


def test_a_direct_holding_is_one_position_whatever_nature_text_it_carries():
    history = _history()[:2]
    history[1].filing.table_i[0].ownership.nature_of_ownership = Footnoted("Direct")
    [position] = build(history).positions()
    assert position.amount == Decimal(250000) and position.key.nature == ""


# -- how positions are matched ----------------------------------------------------------------------------------
def test_titles_and_natures_differing_only_in_periods_are_one_position():
    assert normalized("By Sequoia Capital U.S. Growth Fund IV, L.P.") == normalized(
        "By Sequoia Capital US Growth Fund IV, LP"
    )
    assert normalized("By XYZ Holdings, Inc.") == normalized("by XYZ Holdings Inc") == "by xyz holdings inc"
    assert normalized("Class A-1 Common") == normalized("Class A 1 Common")  # other marks still separate words
    history = _history()[:2]
    for item, nature in zip(history, ("By Fund IV, L.P.", "By Fund IV LP")):
        row = item.filing.table_i[0]
        row.ownership.direct_or_indirect = Footnoted("I")
        row.ownership.nature_of_ownership = Footnoted(nature)
    ledger = build(history)
    [position] = ledger.positions()
    assert position.amount == Decimal(250000) and ledger.breaks() == []


def _held_by(item: LedgerFiling, nature: str, footnote: str, fid: str = "F1") -> None:
    row = item.filing.table_i[0]
    row.ownership.direct_or_indirect = Footnoted("I")
    row.ownership.nature_of_ownership = Footnoted(nature, [fid])
    item.filing.footnotes = [Footnote(fid, footnote)]


def test_a_see_footnote_nature_is_the_holder_its_footnote_names():
    history = _history()
    # one holder, its footnote reworded and renumbered from filing to filing (short name, disclaimer, boilerplate)
    _held_by(history[0], "See Footnote", 'Held of record by Rivendell 7 LLC ("R7"). Mr. Doe disclaims ownership.')
    _held_by(history[1], "See footnote (3)", "Held of record by Rivendell 7 LLC. Mr. Doe disclaims it.", "F3")
    # another holder, the same nature text
    _held_by(history[2], "See Footnote", "Mr. Doe disclaims beneficial ownership. Held by STS Holdings II LLC.")
    # a nature that says who holds stays that nature, whatever its footnote says
    _held_by(history[3], "By Trust", "Held of record by Rivendell 7 LLC.")
    ledger = build(history)
    positions = {p.key.nature: p for p in ledger.positions()}
    assert sorted(positions) == ["by trust", "held by sts holdings ii llc", "held of record by rivendell 7 llc"]
    rivendell = positions["held of record by rivendell 7 llc"]
    assert [e.ref for e in rivendell.entries] == [1, 2] and rivendell.amount == Decimal(250000)
    assert rivendell.nature == "See footnote (3): Held of record by Rivendell 7 LLC."
    assert ledger.breaks() == []  # (one position, its amount jumped between holders: two false breaks)
    assert holder_sentence('By the Smith Jr. Trust ("Trust"). Mr. Smith is trustee.') == "By the Smith Jr. Trust."
    # natures that only point: "(2)", "Indirect", "See footnotes (2) and (3)", none at all
    for nature in ("(2)", "Indirect", "See footnotes (2) and (3)", ""):
        _held_by(history[3], nature, "Held of record by Rivendell 7 LLC.", "F2")
        assert build(history[3:]).positions()[0].key.nature == "held of record by rivendell 7 llc", nature
    # position_key() of a row gives the same key when told the row's filing
    row = history[0].filing.table_i[0]
    assert position_key(row, "table_i", filing=history[0].filing) == rivendell.key


# -- order ------------------------------------------------------------------------------------------------------
def test_an_amendments_rows_keep_the_place_of_the_rows_they_restate():
    """Two Forms 4 of trades on one day, filed on 01/10 and 01/12; the first is amended on 02/01 (a footnote
    added, the numbers the same). The amendment's row keeps the first filing's place: the day still ends at the
    second filing's 150, and nothing breaks (it took the 02/01 filing date, after the second filing)."""
    first = LedgerFiling(1, _filing(date(2023, 1, 5), 100, "P", 100), date(2023, 1, 10))
    second = LedgerFiling(2, _filing(date(2023, 1, 5), 50, "P", 150), date(2023, 1, 12))
    amendment = _filing(date(2023, 1, 5), 100, "P", 100)
    amendment.document_type = "4/A"
    amendment.date_of_original_submission = date(2023, 1, 10)
    ledger = build([first, second, LedgerFiling(3, amendment, date(2023, 2, 1))])
    [position] = ledger.positions()
    assert [(e.ref, e.reported) for e in position.entries] == [(3, 100), (2, 150)]
    assert position.amount == Decimal(150) and ledger.breaks() == [] and corrections(ledger, 3) == []
    # An amendment whose original is not in the store goes where its box 4 says the original was filed.
    other = _filing(date(2023, 1, 5), 50, "P", 150)
    other.period_of_report = date(2023, 1, 6)  # (not a candidate original: another period)
    alone = build([LedgerFiling(2, other, date(2023, 1, 12)), LedgerFiling(3, amendment, date(2023, 2, 1))])
    assert [e.ref for e in alone.positions()[0].entries] == [3, 2]


def test_filings_of_one_day_are_ordered_by_filing_date_then_accession_then_row():
    rows = []
    for ref, filed, accession, owned in ((20, 4, "", 130), (3, 3, "0002", 120), (9, 3, "0001", 110)):
        rows.append(
            LedgerFiling(ref, _filing(date(2023, 1, 2), 10, "P", owned), date(2023, 1, filed), None, None, accession)
        )
    second_row = copy.deepcopy(rows[2].filing.table_i[0])
    second_row.shares_owned_following = Footnoted(Decimal(115))
    rows[2].filing.table_i.append(second_row)
    [position] = build(rows).positions()
    assert [(e.ref, e.row, e.reported) for e in position.entries] == [
        (9, 0, 110),
        (9, 1, 115),
        (3, 0, 120),
        (20, 0, 130),
    ]


# -- drafts -----------------------------------------------------------------------------------------------------
def test_a_draft_amendment_is_judged_from_before_the_row_it_restates(tmp_path):
    with _store_with_history(tmp_path / "s.sqlite3") as store:
        amendment = store.amend(2)  # March's purchase was 60,000 shares, not 50,000
        draft_filing = store.open(amendment).filing
        draft_filing.table_i[0].shares = Footnoted(Decimal(60000))
        draft_filing.table_i[0].shares_owned_following = Footnoted(Decimal(260000))
        store.save(amendment, draft_filing, store.open(amendment).version)
        # It starts from 200,000 (+ 60,000), not 250,000 + ...: no HOLDINGS-CONTINUITY; the later Forms 4 it breaks
        # are named, as after_amendment lists them below.
        [finding] = holdings.check_draft(store, draft_filing, amendment)
        assert finding.rule_id == "HOLDINGS-LATER-FILINGS"
        assert "(draft 3), Table I, row 1: 240,000, not 230,000 (+10,000); the Form 4 filed 09/05/2023 (draft 4), " in (
            finding.message
        )
        assert holdings.propose(store, draft_filing, amendment, "table_i", 0) == Decimal(260000)
        # the filed positions stay as filed; with drafts, the amendment stands for the row it restates
        owner, issuer = draft_filing.reporting_owners[0].cik, draft_filing.issuer.cik
        ledger = holdings.ledger_of(store, owner, issuer)
        assert [p.amount for p in ledger.positions(date(2023, 3, 1))] == [Decimal(250000)]
        assert [p.amount for p in ledger.positions(date(2023, 3, 1), pending=True)] == [Decimal(260000)]
        assert ledger.breaks() == ledger.breaks(pending=False) == []  # the filed rows chain as filed
        assert [(ref, should) for ref, _, _, should in holdings.after_amendment(store, amendment)] == [
            (3, Decimal(240000)),
            (4, Decimal(235000)),
        ]


# -- expired options --------------------------------------------------------------------------------------------
def test_options_past_their_expiration_are_not_current_positions(corpus_store, capsys):
    """Musk's option at $6.63 expired on 12/03/2016: held that day, gone the next (its lapse is not reported)."""

    def options(as_of, **kwargs):
        with DraftStore(corpus_store) as store:
            found = holdings.positions(store, MUSK, TESLA, as_of, **kwargs)
        return [p for _, p in found if p.key.exercise_price == Decimal("6.63") and p.amount is not None]

    assert [p.amount for p in options(date(2016, 12, 3))] == [Decimal(838996)]
    assert options(date(2016, 12, 4)) == []
    assert [p.amount for p in options(date(2016, 12, 4), expired=True)] == [Decimal(838996)]
    with DraftStore(corpus_store) as store:
        current = holdings.positions(store, MUSK, TESLA, today=date(2025, 1, 1))
    assert all(p.key.expiration is None or p.key.expiration >= date(2025, 1, 1) for _, p in current)
    assert {p.key.exercise_price for _, p in current if p.key.table == "II" and p.amount} == {Decimal("350.02")}
    assert (
        cli.main(
            ["holdings", "--store", str(corpus_store), "--owner", MUSK, "--issuer", TESLA, "--as-of", "12/04/2016"]
        )
        == 0
    )
    assert "\t6.63\t" not in capsys.readouterr().out


def test_an_amendment_moves_later_rows_by_what_it_changed_keeping_their_own_jumps():
    """A later row that did not chain before (June's 231,000 counts 1,000 ESPP shares bought in between, as its
    footnote says) keeps its jump: the amendment's 10,000 more shares are added to what each row said, not
    chained over it (which would drop the ESPP shares from what the filer swears to)."""
    history = _history()
    history[2].filing.table_i[0].shares_owned_following = Footnoted(Decimal(231000), ["F1"])
    history[3].filing.table_i[0].shares_owned_following = Footnoted(Decimal(226000))
    amendment = _filing(date(2023, 3, 1), 60000, "P", 260000)
    amendment.document_type = "4/A"
    amendment.date_of_original_submission = date(2023, 3, 2)
    ledger = build(history + [LedgerFiling(5, amendment, date(2023, 3, 20))])
    assert [(entry.ref, should) for entry, should in corrections(ledger, 5)] == [
        (3, Decimal(241000)),
        (4, Decimal(236000)),
    ]
    # an amendment that restates the same amounts changes nothing later, even where the history has breaks
    same = _filing(date(2023, 3, 1), 50000, "P", 250000)
    same.document_type = "4/A"
    same.date_of_original_submission = date(2023, 3, 2)
    assert corrections(build(history + [LedgerFiling(5, same, date(2023, 3, 20))]), 5) == []

"""Section 16(b) short-swing matching on hand-worked cases (the profit worked out by hand in each comment), the
draft's SHORT-SWING warning naming the filed row, and `form4 short-swing`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from form4_desktop import cli
from form4_desktop.app import holdings
from form4_desktop.model import Footnoted, TransactionCoding
from form4_desktop.rules.short_swing import Trade, match, short_swing_findings, total_profit, within_six_months
from form4_desktop.store import DraftStore
from test_holdings import _filing

D = Decimal


def _trade(n: int, when: date, buy: bool, shares: int, price: str, security=("I", "common stock")) -> Trade:
    return Trade(n, f"table_i[{n}]", security, "Common Stock", when, buy, D(shares), D(price))


def test_one_purchase_and_one_sale_within_six_months():
    # bought 100 at $10.00 on 01/10, sold 100 at $15.00 on 03/01: (15 - 10) x 100 = $500
    [found] = match([_trade(1, date(2024, 1, 10), True, 100, "10"), _trade(2, date(2024, 3, 1), False, 100, "15")])
    assert (found.shares, found.profit) == (D(100), D(500))


def test_a_sale_before_a_purchase_matches_too():
    # sold 100 at $20 on 02/01, bought 100 at $12 on 04/01: (20 - 12) x 100 = $800
    [found] = match([_trade(1, date(2024, 2, 1), False, 100, "20"), _trade(2, date(2024, 4, 1), True, 100, "12")])
    assert (found.purchase.ref, found.sale.ref, found.profit) == (2, 1, D(800))


def test_the_lowest_purchase_is_matched_first_against_a_larger_sale():
    # bought 100 at $10 (01/05) and 100 at $12 (01/20), sold 150 at $15 (03/01):
    # 100 x (15 - 10) = 500, then the other 50 x (15 - 12) = 150: $650; 50 shares bought at $12 stay unmatched
    matches = match(
        [
            _trade(1, date(2024, 1, 5), True, 100, "10"),
            _trade(2, date(2024, 1, 20), True, 100, "12"),
            _trade(3, date(2024, 3, 1), False, 150, "15"),
        ]
    )
    assert [(m.purchase.ref, m.shares, m.profit) for m in matches] == [(1, D(100), D(500)), (2, D(50), D(150))]
    assert total_profit(matches) == D(650)


def test_six_months_is_less_than_the_same_day_six_months_later():
    assert within_six_months(date(2024, 1, 15), date(2024, 7, 14))
    assert not within_six_months(date(2024, 1, 15), date(2024, 7, 15))
    assert within_six_months(date(2024, 8, 31), date(2025, 2, 27)) and not within_six_months(
        date(2024, 8, 31), date(2025, 2, 28)
    )  # August 31 + six months is the last day of February
    # a pair just outside: bought 01/15 at $10, sold 07/15 at $50: no match
    assert match([_trade(1, date(2024, 1, 15), True, 10, "10"), _trade(2, date(2024, 7, 15), False, 10, "50")]) == []


def test_a_loss_is_not_matched_and_other_securities_are_apart():
    assert match([_trade(1, date(2024, 1, 5), True, 10, "20"), _trade(2, date(2024, 2, 5), False, 10, "15")]) == []
    option = ("II", "stock option", D("5"), date(2030, 1, 1))
    assert (
        match([_trade(1, date(2024, 1, 5), True, 10, "1", option), _trade(2, date(2024, 2, 5), False, 10, "9")]) == []
    )


def _store(path) -> DraftStore:
    store = DraftStore(path)
    bought = _filing(date(2024, 1, 10), 1000, "P", 11000)
    bought.table_i[0].price_per_share = Footnoted(D("10.00"))
    store.import_filed(bought, date(2024, 1, 11))
    granted = _filing(date(2024, 2, 1), 5000, "A", 16000)  # an award: exempt, never matched
    granted.table_i[0].price_per_share = Footnoted(D("0"))
    store.import_filed(granted, date(2024, 2, 2))
    return store


def test_exempt_codes_are_left_out_and_a_draft_sale_names_the_filed_purchase(tmp_path):
    with _store(tmp_path / "s.sqlite3") as store:
        sale = _filing(date(2024, 3, 1), 400, "S", 15600)
        sale.table_i[0].price_per_share = Footnoted(D("12.50"))
        sale.table_i[0].coding = TransactionCoding("4", "S", False)
        owner, issuer = sale.reporting_owners[0].cik, sale.issuer.cik
        others = holdings.trades(store, owner, issuer, pending=True)
        assert len(others) == 1  # the award (code A) is not a purchase for this report
        [finding] = short_swing_findings(sale, others)
        # 400 x (12.50 - 10.00) = $1,000.00
        assert (finding.rule_id, finding.field_path) == ("SHORT-SWING", "table_i[0].coding")
        assert (
            "matches the purchase of 400 Common Stock at $10.00 on 01/10/2024 (a filed form, draft 1)"
            in finding.message
            and "$1,000.00" in finding.message
        )


def test_form4_short_swing_prints_the_pairs_and_the_total(tmp_path, capsys):
    path = tmp_path / "s.sqlite3"
    with _store(path) as store:
        sale = _filing(date(2024, 3, 1), 400, "S", 15600)
        sale.table_i[0].price_per_share = Footnoted(D("12.50"))
        store.import_filed(sale, date(2024, 3, 4))
        owner, issuer = sale.reporting_owners[0].cik, sale.issuer.cik
    assert cli.main(["short-swing", "--store", str(path), "--owner", owner, "--issuer", issuer]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "purchase_date\tsale_date\tshares\tpurchase_price\tsale_price\tprofit",
        "2024-01-10\t2024-03-01\t400\t10.00\t12.50\t1000.00",
        "total\t1000.00",
    ]


def test_form4_short_swing_refuses_a_cik_that_is_not_one(tmp_path, capsys):
    assert cli.main(["short-swing", "--store", str(tmp_path / "none"), "--owner", "1", "--issuer", "ab12"]) == 2
    assert capsys.readouterr().err == "form4 short-swing: --issuer 'ab12' is not a CIK; give up to 10 digits.\n"
